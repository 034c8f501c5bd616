import NeuralNet
import TensorEngine

/// A linear layer with learnable weight noise (NoisyNet, Fortunato et al. 2017):
///
///     y = (μw + σw ⊙ εw) x + (μb + σb ⊙ εb)
///
/// μ and σ are learned; ε is fresh Gaussian noise on every training-mode call (evaluation
/// mode uses μ alone). Independent noise draws one ε per weight, μ ~ U(±√(3/p)) and σ starts at
/// `sigmaInit` (0.017); factorised noise draws ε_in and ε_out and sets εw = f(ε_out) ⊗ f(ε_in),
/// εb = f(ε_out) with f(x) = sign(x)·√|x|, μ ~ U(±1/√p), σ = sigmaInit/√p (sigmaInit 0.5).
/// p is the number of inputs.
///
/// ```swift
/// let layer = try NoisyLinear(4, 2, generator: g)
/// try layer(x)             // a different output every call in training mode
/// ```
public final class NoisyLinear: TraceableModule {
    /// PyTorch's (or Keras's) class name, as printed.
    public let typeName = "NoisyLinear"
    /// True in training mode (the default), false after `eval()`.
    public var training = true
    /// The number of inputs p.
    public let inFeatures: Int
    /// The number of outputs.
    public let outFeatures: Int
    /// true for factorised Gaussian noise, false for independent noise.
    public let factorised: Bool
    /// σ₀: the initial σ (0.017), or σ₀/√p when factorised (0.5).
    public let sigmaInit: Double
    /// μw, learned, (out, in).
    public let weightMu: Variable
    /// σw, learned, (out, in).
    public let weightSigma: Variable
    /// μb, learned, (out).
    public let biasMu: Variable
    /// σb, learned, (out).
    public let biasSigma: Variable
    /// The noise of the last training-mode call (zeros before one).
    public let weightEpsilon: Variable
    /// εb of the last training-mode call.
    public let biasEpsilon: Variable
    private let generator: RandomGenerator

    /// A noisy layer; μ drawn from torch's generator (weights first), σ constant.
    public init(_ inFeatures: Int, _ outFeatures: Int, sigmaInit: Double? = nil, factorised: Bool = false,
                generator: RandomGenerator) throws {
        guard inFeatures > 0, outFeatures > 0 else {
            throw TensorError(.valueError, "NoisyLinear needs in_features > 0 and out_features > 0, got \(inFeatures) and \(outFeatures)")
        }
        self.inFeatures = inFeatures
        self.outFeatures = outFeatures
        self.factorised = factorised
        self.generator = generator
        let p = Double(inFeatures)
        let sigma0 = sigmaInit ?? (factorised ? 0.5 : 0.017)
        self.sigmaInit = sigma0
        let bound = factorised ? 1 / p.squareRoot() : (3 / p).squareRoot()
        let sigma = Double(Float(factorised ? sigma0 / p.squareRoot() : sigma0))
        weightMu = Variable(try Tensor.uniform([outFeatures, inFeatures], low: -bound, high: bound, generator: generator).requiringGrad(), isParameter: true)
        weightSigma = Variable(try Tensor.full([outFeatures, inFeatures], sigma).requiringGrad(), isParameter: true)
        biasMu = Variable(try Tensor.uniform([outFeatures], low: -bound, high: bound, generator: generator).requiringGrad(), isParameter: true)
        biasSigma = Variable(try Tensor.full([outFeatures], sigma).requiringGrad(), isParameter: true)
        weightEpsilon = Variable(try Tensor.zeros([outFeatures, inFeatures]))
        biasEpsilon = Variable(try Tensor.zeros([outFeatures]))
    }

    private init(copying other: NoisyLinear) throws {
        inFeatures = other.inFeatures
        outFeatures = other.outFeatures
        factorised = other.factorised
        sigmaInit = other.sigmaInit
        generator = other.generator
        weightMu = try other.weightMu.copied()
        weightSigma = try other.weightSigma.copied()
        biasMu = try other.biasMu.copied()
        biasSigma = try other.biasSigma.copied()
        weightEpsilon = try other.weightEpsilon.copied()
        biasEpsilon = try other.biasEpsilon.copied()
        training = other.training
    }

    /// Another noisy layer with copies of μ, σ and ε, drawing from the same generator.
    public func copy() throws -> Module { try NoisyLinear(copying: self) }

    /// The learnable tensors, by name, in PyTorch's order.
    public var ownParameters: [(name: String, variable: Variable)] {
        [("weight_mu", weightMu), ("weight_sigma", weightSigma), ("bias_mu", biasMu), ("bias_sigma", biasSigma)]
    }

    /// The state that is not learned but belongs in the state dict.
    public var ownBuffers: [(name: String, variable: Variable)] {
        [("weight_epsilon", weightEpsilon), ("bias_epsilon", biasEpsilon)]
    }

    /// The settings shown in parentheses when printed, as PyTorch prints them.
    public var extraDescription: String {
        "in_features=\(inFeatures), out_features=\(outFeatures), sigma_init=\(PythonFloat.repr(sigmaInit)), factorised=\(factorised ? "True" : "False")"
    }

    /// Draws new noise ε (done automatically on every training-mode call).
    public func resetNoise() throws {
        if factorised {
            let f = { (x: Tensor) in try x.sign() * x.abs().sqrt() }
            let epsilonIn = try f(try Tensor.randn([inFeatures], generator: generator))
            let epsilonOut = try f(try Tensor.randn([outFeatures], generator: generator))
            weightEpsilon.tensor = try epsilonOut.unsqueezed(1) * epsilonIn.unsqueezed(0)
            biasEpsilon.tensor = epsilonOut
        } else {
            weightEpsilon.tensor = try Tensor.randn([outFeatures, inFeatures], generator: generator)
            biasEpsilon.tensor = try Tensor.randn([outFeatures], generator: generator)
        }
    }

    /// The output for `input` (no trace).
    public func forward(_ input: Tensor) throws -> Tensor { try forward(input, trace: nil) }

    /// The output for `input`; with a trace, each intermediate value is recorded in it.
    public func forward(_ input: Tensor, trace: Trace?) throws -> Tensor {
        guard training else {
            trace?.note("evaluation mode", "no noise: y = x μwᵀ + μb")
            return try Tensor.linear(input, weight: weightMu.tensor, bias: biasMu.tensor)
        }
        try resetNoise()
        let weight = try weightMu.tensor + weightSigma.tensor * weightEpsilon.tensor
        let bias = try biasMu.tensor + biasSigma.tensor * biasEpsilon.tensor
        if let trace {
            trace.record("εw (\(factorised ? "factorised" : "independent"))", weightEpsilon.tensor)
            trace.record("noisy weight μw + σw ⊙ εw", weight)
            trace.record("noisy bias μb + σb ⊙ εb", bias)
        }
        let output = try Tensor.linear(input, weight: weight, bias: bias)
        trace?.record("output", output)
        return output
    }
}
