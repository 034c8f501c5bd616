import NeuralNet
import Regularization
import TensorEngine

/// What every Keras layer is: a name (`dense`, `dense_1`...), weights made when the layer is
/// built, which happens at its first input shape, and a call that maps a batch to a batch.
///
/// Calling a layer (`layer(x, training:)`) builds it from `x`'s shape when needed, checks the
/// input against what it was built for, and runs `call`. A layer is also a PyTorch module
/// (`NeuralNet.Module`), so it works inside `nn.Sequential`; there it follows the container's
/// `train()` / `eval()` through `forward`.
///
/// A subclass overrides `build` (to add weights), `call`, `outputShape(for:)` when the shape
/// changes, and `copy`.
///
/// ```swift
/// let dense = try Dense(units: 8, activation: .relu, context: context)
/// let y = try dense(x, training: false)    // builds a (x.shape[1], 8) kernel first
/// dense.countParams                         // 8 * x.shape[1] + 8
/// ```
open class Layer: Module {
    /// Keras's class name: "Dense", "Dropout"...
    public let typeName: String
    /// The layer's unique name.
    public var name: String
    /// Training mode when used as a PyTorch module (Keras models pass `training` to each call).
    public var training = true
    /// False freezes the layer: its weights leave `trainableWeights`, and batch norm runs in
    /// inference mode.
    public var trainable = true
    /// True once the weights exist.
    public internal(set) var isBuilt = false
    /// The weights this layer made itself, in the order made.
    public private(set) var ownWeights: [KerasWeight] = []
    /// The shape (without the batch) given as `input_shape=` or `input_dim=`, if any.
    public var declaredInputShape: [Int]?
    /// The shape the layer was built for (batch size unknown), once built.
    public internal(set) var builtInputShape: [Int?]?
    /// The model whose name starts the weights' paths, set when a model builds the layer.
    public var scope: String?
    /// The Python object standing for this layer, so that the same layer is always the same object.
    public var binding: AnyObject?
    /// The session's random state and names.
    public let context: KerasContext
    /// A penalty on the layer's output (`activity_regularizer=`), divided by the batch size.
    public var activityRegularizer: Penalty?
    /// The activity penalty of the last call.
    private var activityLoss: Tensor?

    /// A layer of class `typeName`, named `name` or the next free name from `baseName`.
    public init(typeName: String, baseName: String, name: String?, context: KerasContext) {
        self.typeName = typeName
        self.name = name ?? context.uniqueName(baseName)
        self.context = context
    }

    // MARK: What a layer defines

    /// Makes the weights for inputs of `inputShape`.
    open func build(_ inputShape: [Int?]) throws {}

    /// The output for a batch.
    open func call(_ x: Tensor, training: Bool) throws -> Tensor { x }

    /// The output shape for an input shape (unchanged, unless the layer says otherwise).
    open func outputShape(for inputShape: [Int?]) throws -> [Int?] { inputShape }

    /// Whether a call without `training` trains (true for the augmentation layers, whose calls
    /// augment unless told `training=False`; Dropout and the others do nothing then).
    open var trainsByDefault: Bool { false }

    /// Checks an input against what the layer accepts (Keras's `input_spec`).
    open func checkInput(_ shape: [Int]) throws {}

    /// A layer with the same settings and copies of the weights (what `copy.deepcopy` makes).
    open func copy() throws -> Module {
        throw TensorError(.typeError, "cannot copy a \(typeName) layer")
    }

    /// The settings printed by `get_config()`, as (name, Python spelling) pairs.
    open var config: [(String, String)] { [("name", "'\(name)'"), ("trainable", trainable ? "True" : "False")] }

    // MARK: Building and calling

    /// Builds the layer for `inputShape` if it is not built yet (`layer.build(shape)`).
    public func buildIfNeeded(_ inputShape: [Int?]) throws {
        guard !isBuilt else { return }
        try build(inputShape)
        builtInputShape = inputShape
        isBuilt = true
    }

    /// Keras's `layer(x, training=...)`: builds on the first call, checks the input, calls.
    public func callAsFunction(_ x: Tensor, training: Bool) throws -> Tensor {
        let input = x.dtype == .float32 ? x : try x.converted(to: .float32)
        try buildIfNeeded(KerasShape.ofBatch(input.shape))
        try checkInput(input.shape)
        let output = try call(input, training: training)
        if let activityRegularizer {
            let penalty = try activityRegularizer(output)
            let batch = output.shape.first ?? 1
            activityLoss = batch == 0 ? try Tensor.zeros([]) : try penalty / Double(batch)
        }
        return output
    }

    /// Adds a weight made by `initializer` (only while building).
    @discardableResult
    public func addWeight(_ weightName: String, shape: [Int], initializer: Initializer, trainable: Bool = true,
                          regularizer: Penalty? = nil, constraint: Constraint? = nil) throws -> KerasWeight {
        let path = [scope, name, weightName].compactMap { $0 }.joined(separator: "/")
        let weight = try KerasWeight(name: weightName, path: path, values: try initializer(shape), trainable: trainable,
                                     regularizer: regularizer, constraint: constraint)
        ownWeights.append(weight)
        return weight
    }

    /// Copies the built state into `copy`, a fresh layer of the same class and settings.
    public func copyState(into copy: Layer) throws -> Layer {
        copy.name = name
        copy.training = training
        copy.trainable = trainable
        copy.declaredInputShape = declaredInputShape
        copy.scope = scope
        copy.activityRegularizer = activityRegularizer
        copy.isBuilt = isBuilt
        copy.builtInputShape = builtInputShape
        copy.ownWeights = try ownWeights.map { try $0.copied() }
        return copy
    }

    // MARK: What follows from the weights

    /// The layers inside this one (a model's layers).
    open var sublayers: [Layer] { [] }

    /// Every weight: this layer's own, then its sublayers' (Keras's `layer.weights`).
    public var weights: [KerasWeight] { ownWeights + sublayers.flatMap(\.weights) }

    /// The weights training updates.
    public var trainableWeights: [KerasWeight] {
        trainable ? ownWeights.filter(\.trainable) + sublayers.flatMap(\.trainableWeights) : []
    }

    /// The weights training leaves alone.
    public var nonTrainableWeights: [KerasWeight] {
        trainable ? ownWeights.filter { !$0.trainable } + sublayers.flatMap(\.nonTrainableWeights) : weights
    }

    /// How many numbers the weights hold.
    public var countParams: Int { weights.reduce(0) { $0 + $1.variable.tensor.count } }

    /// The penalties of the weights' regularizers, computed from the current values (Keras's
    /// `layer.losses`), then the activity penalties of the last call.
    public var losses: [Tensor] {
        get throws {
            let own = trainable ? ownWeights.filter(\.trainable) : []
            let penalties = try own.compactMap { weight in try weight.variable.penalty.map { try $0(weight.variable.tensor) } }
            return try penalties + (activityLoss.map { [$0] } ?? []) + sublayers.flatMap { try $0.losses }
        }
    }

    /// The weight called `weightName`.
    public func weight(named weightName: String) -> KerasWeight? { ownWeights.first { $0.name == weightName } }

    // MARK: As a PyTorch module

    public var ownParameters: [(name: String, variable: Variable)] { ownWeights.filter(\.trainable).map { ($0.name, $0.variable) } }
    public var ownBuffers: [(name: String, variable: Variable)] { ownWeights.filter { !$0.trainable }.map { ($0.name, $0.variable) } }
    public var children: [(name: String, module: Module)] { sublayers.map { ($0.name, $0) } }
    public func forward(_ input: Tensor) throws -> Tensor { try self(input, training: training) }

    /// Keras's printed form: `<Dense name=dense, built=True>`.
    open var description: String { "<\(typeName) name=\(name), built=\(isBuilt ? "True" : "False")>" }
}

extension Layer {
    /// Keras's input-spec error for a wrong last axis.
    func incompatible(_ expectation: String, _ shape: [Int]) -> TensorError {
        TensorError(.valueError, "Input 0 with name 'None' of layer '\(name)' is incompatible with the layer: \(expectation), but received input with shape \(KerasShape.describe(shape.map { Optional($0) }))")
    }

    /// Keras's input-spec error for too few dimensions.
    func tooFewDimensions(_ minimum: Int, _ shape: [Int]) -> TensorError {
        TensorError(.valueError, "Input 0 of layer \"\(name)\" is incompatible with the layer: expected min_ndim=\(minimum), found ndim=\(shape.count). Full shape received: \(KerasShape.describe(shape.map { Optional($0) }))")
    }

    /// Keras's check of a `rate` (or `stddev`) argument: a number in [0, 1].
    static func checkUnitInterval(_ value: Double, _ name: String) throws {
        guard value >= 0 && value <= 1 else {
            throw TensorError(.valueError, "Invalid value received for argument `\(name)`. Expected a float value between 0 and 1. Received: \(name)=\(PythonFloat.repr(value))")
        }
    }

    /// The size of the last axis, which must be known.
    func lastAxis(_ inputShape: [Int?]) throws -> Int {
        guard let last = inputShape.last, let size = last else {
            throw TensorError(.valueError, "The last dimension of the inputs to a \(typeName) layer should be defined. Found None. Full input shape received: \(KerasShape.describe(inputShape))")
        }
        return size
    }
}
