import NeuralNet
import TensorEngine

/// Dropout (PyTorch's `nn.Dropout` and `F.dropout`): in training, each element is kept with
/// probability 1 − p and scaled by 1/(1 − p), or set to zero.
///
///     mask ~ Bernoulli(1 − p),   y = x · mask / (1 − p)
///
/// The scale ("inverted dropout") keeps E[y] = x, so in evaluation mode nothing needs to change:
/// y = x. The mask is drawn exactly as PyTorch draws it, so `manual_seed` gives the same zeros.
///
/// ```swift
/// let dropout = try Dropout(p: 0.5, generator: g)
/// let y = try dropout(x)      // training mode: about half the elements are 0, the rest doubled
/// dropout.lastMask            // which elements were kept
/// ```
public final class Dropout: TraceableModule {
    /// PyTorch's (or Keras's) class name, as printed.
    public let typeName: String
    /// True in training mode (the default), false after `eval()`.
    public var training = true
    /// The probability of zeroing an element.
    public var p: Double
    /// The mask of the last training-mode call (1 kept, 0 dropped); nil before one.
    public private(set) var lastMask: Tensor?
    /// True for `Dropout2d`: one draw per channel, whole feature maps are dropped.
    public let channelwise: Bool
    private let generator: RandomGenerator

    /// `nn.Dropout(p)`, or `nn.Dropout2d(p)` when `channelwise`; masks from `generator`.
    public init(p: Double = 0.5, channelwise: Bool = false, generator: RandomGenerator) throws {
        try Dropout.check(p)
        self.p = p
        self.channelwise = channelwise
        self.generator = generator
        typeName = channelwise ? "Dropout2d" : "Dropout"
    }

    /// The settings shown in parentheses when printed, as PyTorch prints them.
    public var extraDescription: String { "p=\(PythonFloat.repr(p)), inplace=False" }

    /// Another dropout layer with the same settings, drawing from the same generator.
    public func copy() throws -> Module { copyFlags(to: try Dropout(p: p, channelwise: channelwise, generator: generator)) }

    /// PyTorch's error for a probability outside [0, 1].
    public static func validate(_ p: Double) throws { try check(p) }

    /// The output for `input` (no trace).
    public func forward(_ input: Tensor) throws -> Tensor { try forward(input, trace: nil) }

    /// The output for `input`; with a trace, each intermediate value is recorded in it.
    public func forward(_ input: Tensor, trace: Trace?) throws -> Tensor {
        let (output, mask) = try Dropout.apply(input, p: p, training: training, channelwise: channelwise, generator: generator, trace: trace)
        if let mask { lastMask = mask }
        return output
    }

    /// PyTorch's error for a probability outside [0, 1].
    static func check(_ p: Double) throws {
        guard p >= 0 && p <= 1 else {
            throw TensorError(.valueError, "dropout probability has to be between 0 and 1, but got \(PythonFloat.repr(p))")
        }
    }

    /// `F.dropout(input, p, training)`: the output and the mask drawn (nil when nothing was drawn).
    public static func apply(_ input: Tensor, p: Double, training: Bool, channelwise: Bool = false,
                             generator: RandomGenerator, trace: Trace? = nil) throws -> (output: Tensor, mask: Tensor?) {
        try check(p)
        trace?.record("input x", input)
        guard training, p > 0 else {
            trace?.note("output", training ? "p = 0: x unchanged" : "evaluation mode: x unchanged, no mask, no scaling")
            return (input, nil)
        }
        let maskShape = try channelwise ? featureMaskShape(input.shape) : input.shape
        var mask = try Tensor.bernoulli(maskShape, p: 1 - p, generator: generator)
        trace?.record("mask ~ Bernoulli(1 − p = \(PythonFloat.repr(1 - p)))" + (channelwise ? " per channel" : ""), mask)
        if p == 1 {
            let output = try input * Tensor.zeros([])
            trace?.record("p = 1: everything dropped", output)
            return (output, mask)
        }
        let scale = input.dtype.scalar(float: 1 / Float(1 - p), double: 1 / (1 - p))
        trace?.note("scale 1/(1 − p)", Trace.number(Float(scale)))
        let output = try channelwise ? input * (mask * scale) : scaled(input, by: mask, scale)
        trace?.record("output x · mask / (1 − p)", output)
        if channelwise { mask = try mask.expanded(input.shape) }
        return (output, mask)
    }

    /// x · (mask · scale) in one pass over the elements, the same float32 products as the two
    /// multiplications would give. ∂/∂x = mask · scale
    static func scaled(_ input: Tensor, by mask: Tensor, _ scale: Double) throws -> Tensor {
        let type = Tensor.resultType(input, mask)
        let s32 = Float(scale)
        let output = try Tensor.combine(input, mask, dtype: type, { x, kept in x * (kept * s32) }, { x, kept in x * (kept * scale) }) { x, kept in x &* kept }
        return output.recording("MulBackward0", [input], saving: [mask]) { g in
            [try Tensor.combine(g, mask, dtype: g.dtype, { upstream, kept in upstream * (kept * s32) },
                                { upstream, kept in upstream * (kept * scale) }) { x, kept in x &* kept }]
        }
    }

    /// (N, C, 1, 1) for a batch of feature maps: one coin per channel of each sample.
    static func featureMaskShape(_ shape: [Int]) throws -> [Int] {
        guard shape.count >= 2 else {
            throw TensorError(.runtimeError, "Feature dropout requires at least 2 dimensions in the input")
        }
        return [shape[0], shape[1]] + Array(repeating: 1, count: shape.count - 2)
    }
}

/// Alpha dropout (PyTorch's `nn.AlphaDropout`, Keras's `AlphaDropout`): for SELU networks.
/// Dropped elements become SELU's negative saturation value, then an affine map a·x + b keeps
/// the mean and variance of the input:
///
///     a = ((1 − p)(1 + p·α'²))^(−1/2),  α' = 1.7580993408473766
///     y = a · (x · mask − α' · (1 − mask)) + a·α'·p
///
/// ```swift
/// let y = try AlphaDropout(p: 0.2, generator: g)(x)
/// ```
public final class AlphaDropout: Module {
    /// PyTorch's (or Keras's) class name, as printed.
    public let typeName = "AlphaDropout"
    /// True in training mode (the default), false after `eval()`.
    public var training = true
    /// The probability of dropping an element.
    public var p: Double
    private let generator: RandomGenerator

    /// Another alpha-dropout layer with the same settings, drawing from the same generator.
    public func copy() throws -> Module { copyFlags(to: try AlphaDropout(p: p, generator: generator)) }

    /// `nn.AlphaDropout(p)`; masks from `generator`.
    public init(p: Double = 0.5, generator: RandomGenerator) throws {
        try Dropout.check(p)
        self.p = p
        self.generator = generator
    }

    /// The settings shown in parentheses when printed, as PyTorch prints them.
    public var extraDescription: String { "p=\(PythonFloat.repr(p)), inplace=False" }

    /// The output for `input`.
    public func forward(_ input: Tensor) throws -> Tensor {
        guard training, p > 0 else { return input }
        if p == 1 { return try input * Tensor.zeros([]) }
        let alpha = 1.7580993408473766
        let a = 1 / (((alpha * alpha * p + 1) * (1 - p)).squareRoot())
        let mask = try Tensor.bernoulli(input.shape, p: 1 - p, generator: generator)
        let shift = try (mask - 1) * (alpha * a) + (alpha * a * p)
        return try input * (mask * a) + shift
    }
}

/// Gaussian dropout (Keras's `GaussianDropout(rate)`): in training, multiplies each element by
/// noise from N(1, rate/(1 − rate)) instead of a 0/1 mask; the expectation is unchanged.
///
/// ```swift
/// let y = try GaussianDropout(rate: 0.2, generator: g)(x)
/// ```
public final class GaussianDropout: Module {
    /// PyTorch's (or Keras's) class name, as printed.
    public let typeName = "GaussianDropout"
    /// True in training mode (the default), false after `eval()`.
    public var training = true
    /// The equivalent drop rate.
    public var rate: Double
    private let generator: RandomGenerator

    /// Another Gaussian-dropout layer with the same rate, drawing from the same generator.
    public func copy() throws -> Module { copyFlags(to: try GaussianDropout(rate: rate, generator: generator)) }

    /// Keras's `GaussianDropout(rate)`; noise from `generator`.
    public init(rate: Double, generator: RandomGenerator) throws {
        guard rate >= 0 && rate < 1 else {
            throw TensorError(.valueError, "Invalid value received for argument `rate`. Expected a float value between 0 and 1. Received: rate=\(PythonFloat.repr(rate))")
        }
        self.rate = rate
        self.generator = generator
    }

    /// The settings shown in parentheses when printed, as PyTorch prints them.
    public var extraDescription: String { "rate=\(PythonFloat.repr(rate))" }

    /// The output for `input`.
    public func forward(_ input: Tensor) throws -> Tensor {
        guard training, rate > 0 else { return input }
        let std = Double(Float((rate / (1 - rate)).squareRoot()))
        return try input * Tensor.normal(input.shape, mean: 1, std: std, generator: generator, dtype: input.dtype)
    }
}
