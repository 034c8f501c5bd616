import NeuralNet
import TensorEngine

/// Additive Gaussian noise (Keras's `layers.GaussianNoise(stddev)`; `nn.GaussianNoise(std)` is
/// regtutor's PyTorch-style twin): in training, y = x + N(0, stddev²) drawn fresh each call;
/// in evaluation mode y = x. Put it on the input for input noise, between layers for
/// activation noise.
///
/// ```swift
/// let noise = try GaussianNoise(stddev: 0.1, generator: g)
/// try noise(x)     // x plus a little noise, in training mode only
/// ```
public final class GaussianNoise: TraceableModule {
    public let typeName = "GaussianNoise"
    public var training = true
    /// The standard deviation of the noise.
    public let stddev: Double
    private let generator: RandomGenerator

    public init(stddev: Double, generator: RandomGenerator) throws {
        guard stddev >= 0 else { throw TensorError(.valueError, "stddev must be >= 0, got \(PythonFloat.repr(stddev))") }
        self.stddev = stddev
        self.generator = generator
    }

    public var extraDescription: String { "stddev=\(PythonFloat.repr(stddev))" }

    public func forward(_ input: Tensor) throws -> Tensor { try forward(input, trace: nil) }

    public func forward(_ input: Tensor, trace: Trace?) throws -> Tensor {
        trace?.record("input x", input)
        guard training, stddev > 0 else {
            trace?.note("output", training ? "stddev = 0: x unchanged" : "evaluation mode: x unchanged")
            return input
        }
        let noise = try Tensor.normal(input.shape, mean: 0, std: Float(stddev), generator: generator)
        let output = try input + noise
        trace?.record("noise ~ N(0, \(PythonFloat.repr(stddev))²)", noise)
        trace?.record("output x + noise", output)
        return output
    }
}
