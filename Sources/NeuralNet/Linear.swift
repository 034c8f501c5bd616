import TensorEngine

/// A fully connected layer, y = x·Wᵀ + b (PyTorch's `nn.Linear`). The weight has shape
/// [out, in] and, like the bias, starts uniform in ±1/√in, drawn weight first.
///
/// ```swift
/// let layer = try Linear(3, 2, generator: RandomGenerator(seed: 0))
/// layer.weight.tensor  // tensor([[-0.0043,  0.3097, -0.4752], [-0.4249, -0.2224,  0.1548]], ...)
/// ```
public final class Linear: Module {
    public let typeName = "Linear"
    public var training = true
    /// The number of input features.
    public let inFeatures: Int
    /// The number of output features.
    public let outFeatures: Int
    /// W, of shape [out, in].
    public private(set) var weight: Variable
    /// b, of shape [out], or nil when created with `bias: false`.
    public private(set) var bias: Variable?

    /// A layer from `inFeatures` to `outFeatures`, initialised as PyTorch initialises it.
    public init(_ inFeatures: Int, _ outFeatures: Int, bias: Bool = true, generator: RandomGenerator) throws {
        guard inFeatures >= 0, outFeatures >= 0 else {
            throw TensorError(.runtimeError,
                "Trying to create tensor with negative dimension \(min(inFeatures, outFeatures)): [\(outFeatures), \(inFeatures)]")
        }
        self.inFeatures = inFeatures
        self.outFeatures = outFeatures
        weight = Variable(try Initialization.kaimingUniformLinear([outFeatures, inFeatures], generator: generator).requiringGrad(), isParameter: true)
        self.bias = bias
            ? Variable(try Initialization.biasUniform(outFeatures, fanIn: inFeatures, generator: generator).requiringGrad(), isParameter: true)
            : nil
    }

    private init(copying other: Linear) throws {
        inFeatures = other.inFeatures
        outFeatures = other.outFeatures
        weight = try other.weight.copied()
        bias = try other.bias?.copied()
        training = other.training
    }

    public func copy() throws -> Module { try Linear(copying: self) }

    public func replaceParameter(named name: String, with variable: Variable?) -> Bool {
        WeightAndBias.replace(name, with: variable, weight: &weight, bias: &bias)
    }

    public var ownParameters: [(name: String, variable: Variable)] { WeightAndBias.parameters(weight: weight, bias: bias) }

    public var extraDescription: String {
        "in_features=\(inFeatures), out_features=\(outFeatures), bias=\(bias == nil ? "False" : "True")"
    }

    public func forward(_ input: Tensor) throws -> Tensor {
        try Tensor.linear(input, weight: weight.tensor, bias: bias?.tensor)
    }
}
