import Foundation
import TensorEngine

/// Augmentations of 1-D audio signals: a shift in time, noise at a chosen signal-to-noise ratio
/// and a change of speed by resampling. Random draws come from the seeded generator.
///
/// ```swift
/// let noisy = try AudioAugmentation.addNoise(signal, snrDB: 10, generator: g)
/// ```
public enum AudioAugmentation {
    static func checkSignal(_ signal: Tensor) throws {
        guard signal.rank == 1 else {
            throw TensorError(.valueError, "an audio signal is a 1-D tensor of samples, got shape \(Shape.torchSize(signal.shape))")
        }
    }

    /// Moves the signal `shift` samples later (earlier when negative). With `roll` the samples
    /// that fall off one end come back at the other; otherwise the gap is filled with silence.
    public static func timeShift(_ signal: Tensor, shift: Int, roll: Bool = false) throws -> Tensor {
        try checkSignal(signal)
        let n = signal.count
        let shift = Swift.max(-n, Swift.min(n, shift))   // further than the length changes nothing more
        if roll { return n == 0 ? signal : try signal.rolled(shift % n, dim: 0) }
        let samples = signal.floats
        let values = (0..<n).map { i -> Float in
            let source = i - shift
            return source >= 0 && source < n ? samples[source] : 0
        }
        return try Tensor(values)
    }

    /// Adds Gaussian noise scaled so that 10·log10(P_signal / P_noise) = snrDB, with P the mean
    /// of the squares.
    public static func addNoise(_ signal: Tensor, snrDB: Double, generator: RandomGenerator, trace: Trace? = nil) throws -> Tensor {
        try checkSignal(signal)
        let noise = try Tensor.randn(signal.shape, generator: generator)
        let signalPower = signal.doubles.reduce(0.0) { $0 + $1 * $1 } / Double(Swift.max(signal.count, 1))
        let noisePower = noise.doubles.reduce(0.0) { $0 + $1 * $1 } / Double(Swift.max(noise.count, 1))
        guard noisePower > 0 else { return signal }
        let scale = (signalPower / (noisePower * pow(10, snrDB / 10))).squareRoot()
        let output = try signal + noise * Double(Float(scale))
        if let trace {
            trace.note("signal power mean(s²)", PythonFloat.fixed(signalPower, digits: 6))
            trace.note("noise scale", "\(PythonFloat.fixed(scale, digits: 6)) so that the noise power is \(PythonFloat.fixed(signalPower / pow(10, snrDB / 10), digits: 6)) (\(spelled(snrDB)) dB below)")
            trace.record("output", output)
        }
        return output
    }

    /// Plays the signal `factor` times faster: round(n / factor) samples, read at positions
    /// i · factor with linear interpolation (1.1 is 10% faster and shorter, 0.9 slower and longer).
    public static func speedChange(_ signal: Tensor, factor: Double) throws -> Tensor {
        try checkSignal(signal)
        guard factor > 0 else { throw TensorError(.valueError, "speed factor must be positive, got \(spelled(factor))") }
        let n = signal.count
        let exact = (Double(n) / factor).rounded(.toNearestOrEven)
        guard exact <= Double(1 << 25) else {
            throw TensorError(.runtimeError, "speed factor \(spelled(factor)) would make \(PythonFloat.repr(exact)) samples, more than regtutor's tensors hold")
        }
        let length = Int(saturating: exact)
        guard n > 0, length > 0 else { return try Tensor([Float]()) }
        let samples = signal.floats
        let values = (0..<length).map { i -> Float in
            let position = Double(i) * factor
            let low = Swift.min(Int(saturating: position), n - 1), high = Swift.min(low + 1, n - 1)
            let t = Float(position - Double(low))
            return samples[low] * (1 - t) + samples[high] * t
        }
        return try Tensor(values)
    }
}
