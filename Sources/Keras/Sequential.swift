import NeuralNet
import TensorEngine

/// Keras's `Sequential` model: layers applied one after the other.
///
/// The model is built (every layer's weights made) as soon as the input shape is known: from an
/// `Input(shape=...)` first, from `input_shape=`/`input_dim=` on the first layer, or else at the
/// first batch it sees. `compile` chooses the optimizer, loss and metrics; `fit`, `evaluate` and
/// `predict` (in Trainer.swift) train and use it.
///
/// ```swift
/// let model = try Sequential(layers: [dense1, dropout, dense2], context: context)
/// try model.compile(CompileSettings(optimizer: try Adam(), loss: try Loss.named("mse")))
/// let history = try model.fit(x, y, FitOptions(epochs: 10))
/// ```
public final class Sequential: Layer {
    /// The layers, in order (the input layer is not among them, as in Keras).
    public private(set) var layers: [Layer] = []
    /// The input layer, when the input shape is known.
    public private(set) var input: InputLayer?
    /// What `compile` chose, nil before it.
    public internal(set) var compiled: CompiledState?
    /// Set by a callback (EarlyStopping) to end `fit` after the current epoch.
    public var stopTraining = false
    /// The history of the last `fit`.
    public internal(set) var history: History?

    public init(layers: [Layer] = [], name: String? = nil, context: KerasContext) throws {
        super.init(typeName: "Sequential", baseName: "sequential", name: name, context: context)
        for layer in layers { try add(layer) }
    }

    public override var sublayers: [Layer] { layers }

    /// Adds a layer at the end (`model.add(layer)`), building it at once when the input shape is known.
    public func add(_ layer: Layer) throws {
        if layer === self { throw TensorError(.valueError, "A model cannot contain itself") }
        if let input = layer as? InputLayer {
            guard layers.isEmpty, self.input == nil else {
                throw TensorError(.valueError, "An `Input` layer can only be the first layer of a Sequential model; this model already has layers.")
            }
            self.input = input
            try buildFromInput()
            return
        }
        if layers.contains(where: { $0 === layer }) {
            throw TensorError(.valueError, "The layer '\(layer.name)' is already in the model: a layer can only be added once.")
        }
        if layers.isEmpty, input == nil, let declared = layer.declaredInputShape {
            input = InputLayer(shape: declared.map { Optional($0) }, context: context)
        }
        layers.append(layer)
        if isBuilt { try buildFromInput(rebuilding: true) } else { try buildFromInput() }
    }

    /// Removes the last layer (`model.pop()`).
    @discardableResult
    public func pop() throws -> Layer {
        guard let last = layers.popLast() else { throw TensorError(.typeError, "There are no layers in the model.") }
        return last
    }

    /// Builds every layer from the known input shape, when there is one.
    private func buildFromInput(rebuilding: Bool = false) throws {
        guard let input, !layers.isEmpty else { return }
        if rebuilding { isBuilt = false }
        try buildIfNeeded(input.batchShape)
    }

    /// Builds the layers in turn, each for the output shape of the one before.
    public override func build(_ inputShape: [Int?]) throws {
        var shape = inputShape
        for layer in layers {
            if layer.scope == nil && !layer.isBuilt { layer.scope = name }
            do {
                try layer.buildIfNeeded(shape)
                shape = try layer.outputShape(for: shape)
            } catch let error as TensorError {
                throw callError(error, shape: shape.map { $0 ?? 1 }, training: false)
            }
        }
        builtInputShape = inputShape
    }

    /// Each layer's output shape, once built (what `summary()` shows).
    public var outputShapes: [[Int?]]? {
        guard isBuilt, var shape = builtInputShape else { return nil }
        var result: [[Int?]] = []
        for layer in layers {
            guard let next = try? layer.outputShape(for: shape) else { return nil }
            result.append(next)
            shape = next
        }
        return result
    }

    public override func checkInput(_ shape: [Int]) throws {}

    /// Checks that batches of `inputShape` fit every layer, without computing anything (what
    /// Keras's symbolic pass finds before training starts).
    public func validate(inputShape: [Int]) throws {
        var shape: [Int?] = KerasShape.ofBatch(inputShape)
        for layer in layers {
            do {
                try layer.checkInput(shape.enumerated().map { $0.element ?? inputShape[$0.offset] })
                shape = try layer.outputShape(for: shape)
            } catch let error as TensorError {
                throw callError(error, shape: inputShape, training: false)
            }
        }
    }

    /// `model(x)` without `training` (Keras's None): each layer does what it does when called so,
    /// so the augmentation layers augment and Dropout does nothing, as in Keras.
    ///
    /// ```swift
    /// let y = try model.callWithEachLayersDefault(images)   // RandomFlip flips, Dropout does not drop
    /// ```
    public func callWithEachLayersDefault(_ x: Tensor) throws -> Tensor {
        eachLayersDefault = true
        defer { eachLayersDefault = false }
        return try self(x, training: false)
    }

    private var eachLayersDefault = false

    /// Runs the layers in turn. An error names the call as Keras's does.
    public override func call(_ x: Tensor, training: Bool) throws -> Tensor {
        var y = x
        for layer in layers {
            do {
                if eachLayersDefault, let inner = layer as? Sequential {
                    y = try inner.callWithEachLayersDefault(y)
                    continue
                }
                y = try layer(y, training: eachLayersDefault ? layer.trainsByDefault : training)
            } catch let error as TensorError {
                throw callError(error, shape: x.shape, training: training)
            }
        }
        return y
    }

    /// Keras's wrapping of an error raised inside the model's call.
    private func callError(_ error: TensorError, shape: [Int], training: Bool) -> TensorError {
        if error.message.hasPrefix("Exception encountered when calling") { return error }
        return TensorError(error.kind, """
            Exception encountered when calling Sequential.call().

            \(error.message)

            Arguments received by Sequential.call():
              • inputs=torch.Tensor(shape=\(Shape.torchSize(shape)), dtype=float32)
              • training=\(training ? "True" : "False")
              • mask=None
            """)
    }

    public override func outputShape(for inputShape: [Int?]) throws -> [Int?] {
        var shape = inputShape
        for layer in layers { shape = try layer.outputShape(for: shape) }
        return shape
    }

    public override func copy() throws -> Module {
        let copy = try Sequential(name: name, context: context)
        copy.input = input
        copy.layers = try layers.map { layer in
            guard let copied = try layer.copy() as? Layer else { throw TensorError(.typeError, "cannot copy layer \(layer.name)") }
            return copied
        }
        if let compiled {
            copy.compiled = CompiledState(optimizer: try compiled.optimizer.copy(), loss: compiled.loss, metrics: compiled.metrics.map { $0.fresh() })
        }
        return try copyState(into: copy)
    }
}
