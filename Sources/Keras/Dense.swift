import NeuralNet
import Regularization
import TensorEngine

/// Keras's fully connected layer: `activation(x @ kernel + bias)`, with the kernel shaped
/// (in, out), the transpose of a PyTorch `Linear` weight, drawn by glorot_uniform with the seed
/// the layer took from Python's `random` when it was made.
///
/// ```swift
/// let dense = try Dense(units: 64, activation: .relu, context: context)
/// try dense.buildIfNeeded([nil, 10])       // kernel (10, 64), bias (64,)
/// ```
public final class Dense: Layer {
    public let units: Int
    public let activation: ActivationFunction
    public let useBias: Bool
    public let kernelInitializer: Initializer
    public let biasInitializer: Initializer
    public let kernelRegularizer: Penalty?
    public let biasRegularizer: Penalty?
    public let kernelConstraint: Constraint?
    public let biasConstraint: Constraint?

    public init(units: Int, activation: ActivationFunction = .linear, useBias: Bool = true,
                kernelInitializer: Initializer, biasInitializer: Initializer = .zeros,
                kernelRegularizer: Penalty? = nil, biasRegularizer: Penalty? = nil, activityRegularizer: Penalty? = nil,
                kernelConstraint: Constraint? = nil, biasConstraint: Constraint? = nil,
                name: String? = nil, context: KerasContext) throws {
        guard units > 0 else {
            throw TensorError(.valueError, "Received an invalid value for `units`, expected a positive integer. Received: units=\(units)")
        }
        self.units = units
        self.activation = activation
        self.useBias = useBias
        self.kernelInitializer = kernelInitializer
        self.biasInitializer = biasInitializer
        self.kernelRegularizer = kernelRegularizer
        self.biasRegularizer = biasRegularizer
        self.kernelConstraint = kernelConstraint
        self.biasConstraint = biasConstraint
        super.init(typeName: "Dense", baseName: "dense", name: name, context: context)
        self.activityRegularizer = activityRegularizer
    }

    public override func build(_ inputShape: [Int?]) throws {
        let inputs = try lastAxis(inputShape)
        try addWeight("kernel", shape: [inputs, units], initializer: kernelInitializer, regularizer: kernelRegularizer, constraint: kernelConstraint)
        if useBias {
            try addWeight("bias", shape: [units], initializer: biasInitializer, regularizer: biasRegularizer, constraint: biasConstraint)
        }
    }

    public override func checkInput(_ shape: [Int]) throws {
        guard shape.count >= 2 else { throw tooFewDimensions(2, shape) }
        if let expected = builtInputShape?.last ?? nil, shape.last != expected {
            throw incompatible("expected axis -1 of input shape to have value \(expected)", shape)
        }
    }

    public var kernel: KerasWeight? { weight(named: "kernel") }
    public var bias: KerasWeight? { weight(named: "bias") }

    /// activation(x @ kernel + bias).  ∂/∂kernel = xᵀ·g, ∂/∂bias = Σ g, ∂/∂x = g·kernelᵀ
    public override func call(_ x: Tensor, training: Bool) throws -> Tensor {
        guard let kernel else { return x }
        var y = try x.matmul(kernel.variable.tensor)
        if let bias { y = try y + bias.variable.tensor }
        return try activation(y)
    }

    public override func outputShape(for inputShape: [Int?]) throws -> [Int?] { Array(inputShape.dropLast()) + [units] }

    public override func copy() throws -> Module {
        try copyState(into: try Dense(units: units, activation: activation, useBias: useBias, kernelInitializer: kernelInitializer,
                                      biasInitializer: biasInitializer, kernelRegularizer: kernelRegularizer, biasRegularizer: biasRegularizer,
                                      activityRegularizer: activityRegularizer, kernelConstraint: kernelConstraint,
                                      biasConstraint: biasConstraint, name: name, context: context))
    }

    public override var config: [(String, String)] {
        super.config + [("units", String(units)), ("activation", "'\(activation.rawValue)'"), ("use_bias", useBias ? "True" : "False")]
    }
}
