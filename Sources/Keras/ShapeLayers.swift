import NeuralNet
import TensorEngine

/// Keras's `Activation("relu")`: the activation function as a layer of its own.
///
/// ```swift
/// try Activation(.relu, context: context)(x, training: false)
/// ```
public final class Activation: Layer {
    public let function: ActivationFunction

    public init(_ function: ActivationFunction, name: String? = nil, context: KerasContext) {
        self.function = function
        super.init(typeName: "Activation", baseName: "activation", name: name, context: context)
    }

    public override func call(_ x: Tensor, training: Bool) throws -> Tensor { try function(x) }

    public override func copy() throws -> Module { try copyState(into: Activation(function, name: name, context: context)) }

    public override var config: [(String, String)] { super.config + [("activation", "'\(function.rawValue)'")] }
}

/// Keras's `Flatten()`: every axis after the batch becomes one, (None, 28, 28) → (None, 784).
public final class Flatten: Layer {
    public init(name: String? = nil, context: KerasContext) {
        super.init(typeName: "Flatten", baseName: "flatten", name: name, context: context)
    }

    public override func call(_ x: Tensor, training: Bool) throws -> Tensor {
        guard x.rank >= 1 else { return try x.reshaped([1, 1]) }
        return try x.reshaped([x.shape[0], -1])
    }

    public override func outputShape(for inputShape: [Int?]) throws -> [Int?] {
        guard let batch = inputShape.first else { return [nil, 1] }
        let rest = inputShape.dropFirst()
        if rest.contains(where: { $0 == nil }) { return [batch, nil] }
        return [batch, rest.reduce(1) { $0 * ($1 ?? 1) }]
    }

    public override func copy() throws -> Module { try copyState(into: Flatten(name: name, context: context)) }
}

/// What `keras.Input(shape=(10,))` stands for at the start of a model: the shape of one sample.
/// It has no weights and no computation; a `Sequential` uses it to build its layers at once.
public final class InputLayer: Layer {
    /// The shape of one sample (without the batch).
    public let sampleShape: [Int?]

    public init(shape: [Int?], name: String? = nil, context: KerasContext) {
        sampleShape = shape
        super.init(typeName: "InputLayer", baseName: "input_layer", name: name, context: context)
    }

    /// The batch shape, `(None, 10)`.
    public var batchShape: [Int?] { [nil] + sampleShape }

    public override func copy() throws -> Module { try copyState(into: InputLayer(shape: sampleShape, name: name, context: context)) }

    public override var description: String { "<KerasTensor shape=\(KerasShape.describe(batchShape)), dtype=float32, sparse=False, ragged=False, name=\(name)>" }
}
