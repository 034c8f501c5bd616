import TensorEngine

/// L1 that really produces zeros: the proximal step (soft-thresholding).
///
/// Plain gradient descent on λ·Σ|w| moves each weight by lr·λ·sign(w) every step, so a weight
/// near zero jumps back and forth across it and is almost never exactly 0. The proximal step,
/// applied after each ordinary optimizer step, shrinks every weight towards zero by lr·λ and
/// stops at zero:
///
///     w ← sign(w) · max(|w| − lr·λ, 0)
///
/// ```swift
/// try ProximalL1.step(model.parameters(), threshold: 0.1 * 0.01)   // after optimizer.step()
/// ```
public enum ProximalL1 {
    /// sign(w) · max(|w| − threshold, 0), element by element.
    public static func softThreshold(_ w: Tensor, _ threshold: Float) throws -> Tensor {
        let values = w.floats.map { x -> Float in
            let shrunk = Swift.max(Swift.abs(x) - threshold, 0)
            // A plain 0 where the weight was cut, never -0, which would print as "-0.0000".
            return shrunk == 0 ? 0 : x < 0 ? -shrunk : shrunk
        }
        return try Tensor(values, shape: w.shape)
    }

    /// Soft-thresholds every parameter in place with threshold lr·λ; returns how many weights
    /// are exactly zero afterwards.
    @discardableResult
    public static func step(_ parameters: [Variable], learningRate: Double, lambda: Double, trace: Trace? = nil) throws -> Int {
        guard learningRate >= 0, lambda >= 0 else {
            throw TensorError(.valueError, "the proximal L1 step needs lr >= 0 and lam >= 0")
        }
        let threshold = Float(learningRate * lambda)
        trace?.note("threshold lr·λ", "\(PythonFloat.repr(learningRate)) · \(PythonFloat.repr(lambda)) = \(PythonFloat.repr(Double(threshold)))")
        for (i, parameter) in parameters.enumerated() {
            let before = parameter.tensor
            let after = try softThreshold(before, threshold)
            try GradMode.withDisabled { try before.assignElements(from: after) }
            if let trace {
                trace.record("parameter \(i) before", before)
                trace.record("after sign(w)·max(|w| − \(PythonFloat.repr(Double(threshold))), 0)", after)
                trace.note("exactly zero", ZeroCount(after).description)
            }
        }
        return parameters.reduce(0) { $0 + ZeroCount($1.tensor).zeros }
    }
}

/// How many weights are exactly zero: the proof that L1 made a model sparse.
///
/// ```swift
/// ZeroCount(w).description   // "3 of 8 (37.5%)"
/// ```
public struct ZeroCount: CustomStringConvertible, Sendable {
    /// Elements equal to 0 (a tiny 1e-9 is not zero).
    public let zeros: Int
    /// All elements.
    public let total: Int

    /// The zeros of one tensor.
    public init(_ tensor: Tensor) {
        zeros = tensor.doubles.reduce(0) { $0 + ($1 == 0 ? 1 : 0) }
        total = tensor.count
    }

    /// The zeros of several tensors together.
    public init(_ tensors: [Tensor]) {
        zeros = tensors.reduce(0) { $0 + ZeroCount($1).zeros }
        total = tensors.reduce(0) { $0 + $1.count }
    }

    /// The share of zeros, between 0 and 1.
    public var fraction: Double { total == 0 ? 0 : Double(zeros) / Double(total) }

    /// The printed form, as the framework prints it.
    public var description: String {
        "\(zeros) of \(total) (\(PythonFloat.fixed(fraction * 100, digits: 1))%)"
    }
}
