import NeuralNet
import Regularization
import TensorEngine

/// Keras's `BatchNormalization`: in training, each feature (the last axis by default) is
/// normalized with the batch's mean and variance, then scaled by gamma and shifted by beta; the
/// moving statistics follow the batches. In inference the moving statistics are used instead.
///
///     mean = E[x],  var = E[x²] − mean²              (over every axis but `axis`; biased)
///     out  = (x − mean) · (gamma / √(var + ε)) + beta            ε = 0.001 (PyTorch: 1e-5)
///     moving_mean ← moving_mean · momentum + mean · (1 − momentum)   momentum = 0.99 (PyTorch's 0.1 is 1 − 0.9)
///
/// Keras's moving variance takes the biased batch variance; PyTorch's running_var the unbiased
/// one. A frozen layer (`trainable = false`) always runs in inference mode.
///
/// ```swift
/// let bn = try BatchNormalization(context: context)
/// try bn(x, training: true)
/// bn.movingMean?.value
/// ```
public final class BatchNormalization: Layer {
    public let axis: Int
    public let momentum: Double
    public let epsilon: Double
    public let center: Bool
    public let scale: Bool
    public let initializers: (beta: Initializer, gamma: Initializer, movingMean: Initializer, movingVariance: Initializer)
    public let regularizers: (beta: Penalty?, gamma: Penalty?)
    public let constraints: (beta: Constraint?, gamma: Constraint?)

    public init(axis: Int = -1, momentum: Double = 0.99, epsilon: Double = 0.001, center: Bool = true, scale: Bool = true,
                initializers: (beta: Initializer, gamma: Initializer, movingMean: Initializer, movingVariance: Initializer) = (.zeros, .ones, .zeros, .ones),
                regularizers: (beta: Penalty?, gamma: Penalty?) = (nil, nil), constraints: (beta: Constraint?, gamma: Constraint?) = (nil, nil),
                name: String? = nil, context: KerasContext) {
        self.axis = axis
        self.momentum = momentum
        self.epsilon = epsilon
        self.center = center
        self.scale = scale
        self.initializers = initializers
        self.regularizers = regularizers
        self.constraints = constraints
        super.init(typeName: "BatchNormalization", baseName: "batch_normalization", name: name, context: context)
    }

    public override func build(_ inputShape: [Int?]) throws {
        let features = try featureCount(inputShape)
        if scale { try addWeight("gamma", shape: [features], initializer: initializers.gamma, regularizer: regularizers.gamma, constraint: constraints.gamma) }
        if center { try addWeight("beta", shape: [features], initializer: initializers.beta, regularizer: regularizers.beta, constraint: constraints.beta) }
        try addWeight("moving_mean", shape: [features], initializer: initializers.movingMean, trainable: false)
        try addWeight("moving_variance", shape: [features], initializer: initializers.movingVariance, trainable: false)
    }

    private func featureCount(_ shape: [Int?]) throws -> Int {
        guard !shape.isEmpty, let dim = try? Shape.normalize(dim: axis, rank: shape.count) else {
            throw TensorError(.valueError, "Invalid axis: \(axis) for input of shape \(KerasShape.describe(shape))")
        }
        guard let size = shape[dim] else {
            throw TensorError(.valueError, "Axis \(axis) of input tensor should have a defined dimension but the layer received an input with shape \(KerasShape.describe(shape)).")
        }
        return size
    }

    public override func checkInput(_ shape: [Int]) throws {
        guard let expected = builtInputShape, let dim = try? Shape.normalize(dim: axis, rank: expected.count) else { return }
        guard shape.count == expected.count, shape[dim] == expected[dim] else {
            throw incompatible("expected axis \(axis) of input shape to have value \(expected[dim].map(String.init) ?? "None")", shape)
        }
    }

    public var gamma: KerasWeight? { weight(named: "gamma") }
    public var beta: KerasWeight? { weight(named: "beta") }
    public var movingMean: KerasWeight? { weight(named: "moving_mean") }
    public var movingVariance: KerasWeight? { weight(named: "moving_variance") }

    public override func call(_ x: Tensor, training: Bool) throws -> Tensor {
        guard let movingMean, let movingVariance else { return x }
        let dim = try Shape.normalize(dim: axis, rank: x.rank)
        var statsShape = [Int](repeating: 1, count: x.rank)
        statsShape[dim] = x.shape[dim]
        let reduced = (0..<x.rank).filter { $0 != dim }
        let mean: Tensor, variance: Tensor
        if training && trainable {
            mean = try x.mean(dims: reduced, keepdim: true)
            variance = try x.pow(2).mean(dims: reduced, keepdim: true) - mean.pow(2)
            let keep = Double(Float(momentum)), take = Double(Float(1 - momentum))
            let newMean = try movingMean.value * keep + (try mean.detached().reshaped([statsShape[dim]])) * take
            let newVariance = try movingVariance.value * keep + (try variance.detached().reshaped([statsShape[dim]])) * take
            try movingMean.variable.overwrite(with: newMean)
            try movingVariance.variable.overwrite(with: newVariance)
        } else {
            mean = try movingMean.variable.tensor.reshaped(statsShape)
            variance = try movingVariance.variable.tensor.reshaped(statsShape)
        }
        var factor = try (try variance + epsilon).pow(-0.5)
        if let gamma { factor = try factor * gamma.variable.tensor.reshaped(statsShape) }
        var output = try (x - mean) * factor
        if let beta { output = try output + beta.variable.tensor.reshaped(statsShape) }
        return output
    }

    public override func copy() throws -> Module {
        try copyState(into: BatchNormalization(axis: axis, momentum: momentum, epsilon: epsilon, center: center, scale: scale,
                                               initializers: initializers, regularizers: regularizers, constraints: constraints,
                                               name: name, context: context))
    }

    public override var config: [(String, String)] {
        super.config + [("axis", String(axis)), ("momentum", PythonFloat.repr(momentum)), ("epsilon", PythonFloat.repr(epsilon)),
                        ("center", center ? "True" : "False"), ("scale", scale ? "True" : "False")]
    }
}
