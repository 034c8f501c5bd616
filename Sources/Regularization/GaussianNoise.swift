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
    /// PyTorch's (or Keras's) class name, as printed.
    public let typeName = "GaussianNoise"
    /// True in training mode (the default), false after `eval()`.
    public var training = true
    /// The standard deviation of the noise.
    public var stddev: Double
    private let generator: RandomGenerator

    /// Noise N(0, stddev²) from `generator` (torch's).
    public init(stddev: Double, generator: RandomGenerator) throws {
        guard stddev >= 0 else { throw TensorError(.valueError, "stddev must be >= 0, got \(PythonFloat.repr(stddev))") }
        self.stddev = stddev
        self.generator = generator
    }

    /// The settings shown in parentheses when printed, as PyTorch prints them.
    public var extraDescription: String { "stddev=\(PythonFloat.repr(stddev))" }

    /// Another noise layer with the same deviation, drawing from the same generator.
    public func copy() throws -> Module { copyFlags(to: try GaussianNoise(stddev: stddev, generator: generator)) }

    /// The output for `input` (no trace).
    public func forward(_ input: Tensor) throws -> Tensor { try forward(input, trace: nil) }

    /// The output for `input`; with a trace, each intermediate value is recorded in it.
    public func forward(_ input: Tensor, trace: Trace?) throws -> Tensor {
        trace?.record("input x", input)
        guard training, stddev > 0 else {
            trace?.note("output", training ? "stddev = 0: x unchanged" : "evaluation mode: x unchanged")
            return input
        }
        let noise = try Tensor.normal(input.shape, mean: 0, std: stddev, generator: generator, dtype: input.dtype)
        let output = try input + noise
        trace?.record("noise ~ N(0, \(PythonFloat.repr(stddev))²)", noise)
        trace?.record("output x + noise", output)
        return output
    }
}
