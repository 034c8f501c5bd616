import Keras
import Python
import Regularization
import TensorEngine

/// `keras.layers`: Keras's layers with Keras's arguments and defaults, computing with Keras's
/// formulas and drawing Keras's numbers (each layer takes its seed from Python's `random` when
/// made, as Keras does). Called on their own they run in inference mode unless given
/// `training=True` (the augmentation layers augment unless given `training=False`); inside a
/// Keras model, `fit` trains them; inside an `nn.Sequential` they follow `train()`/`eval()`.
enum KerasLayerClasses {
    /// `keras.layers.Layer`, the base of every Keras layer class.
    static let layerBase: ClassObject = {
        let cls = (try? ClassObject(name: "Layer", module: "keras.layers", bases: [BuiltinTable.python.objectClass], allowsSubclassing: false))
            ?? BuiltinTable.python.objectClass
        cls.documentation = Builtin("layers", "Layer()", kind: .type,
            doc: "The base class of Keras's layers. regtutor's Keras layers are the built-in ones (Dense, Dropout, BatchNormalization...); a Layer subclass of your own is not supported: write it as an nn.Module instead.",
            example: "isinstance(layers.Dense(3), layers.Layer)") { _, _ in
            throw PythonError(.typeError, "regtutor cannot make a plain keras.layers.Layer: use a built-in layer, or write your own layer as an nn.Module")
        }
        return cls
    }()

    /// The keyword arguments every Keras layer takes.
    static let common = "name=None, input_shape=None, input_dim=None, trainable=True, dtype=None"

    /// A layer class: `signature` is what `help()` shows, `make` builds the engine layer.
    static func make(_ signature: String, doc: String, example: String,
                     _ make: @escaping (BoundArguments, Interpreter, KerasContext) throws -> Keras.Layer) -> ClassObject {
        let fullSignature = signature.hasSuffix("()") ? String(signature.dropLast()) + common + ")" : String(signature.dropLast()) + ", " + common + ")"
        let constructor = Builtin("layers", fullSignature, kind: .type, doc: doc, example: example) { a, interpreter in
            let context = interpreter.keras
            let layer = try make(a, interpreter, context)
            try applyCommon(a, to: layer)
            return .object(KerasLayerObject.of(layer))
        }
        let cls = (try? ClassObject(name: constructor.name, module: "keras.layers", bases: [layerBase], allowsSubclassing: false)) ?? layerBase
        cls.constructor = constructor
        cls.documentation = constructor
        return cls
    }

    private static func applyCommon(_ a: BoundArguments, to layer: Keras.Layer) throws {
        if !a.isNone("dtype") {
            let dtype = a["dtype"]
            guard case .string("float32") = dtype else {
                throw PythonError(.valueError, "regtutor's Keras layers compute in float32 only, got dtype=\(PythonFormat.plainRepr(dtype))")
            }
        }
        if !a.isNone("input_dim") {
            layer.declaredInputShape = [try a.int("input_dim")]
        } else if !a.isNone("input_shape") {
            let shape = try KerasValues.shapeArgument(a["input_shape"], name: "input_shape")
            guard shape.allSatisfy({ $0 != nil }) else {
                throw PythonError(.valueError, "regtutor needs every size of `input_shape` known, got \(KerasShape.describe(shape))")
            }
            layer.declaredInputShape = shape.compactMap { $0 }
        }
        layer.trainable = try a.bool("trainable")
    }

    static func name(_ a: BoundArguments) throws -> String? { a.isNone("name") ? nil : try a.string("name") }

    static func rate(_ a: BoundArguments) throws -> Double { try a.double("rate") }

    static func seed(_ a: BoundArguments) throws -> Int? { a.isNone("seed") ? nil : try a.int("seed") }

    static var augmentationClasses: [ClassObject] { [randomFlip, randomRotation, randomZoom] }

    /// A factor given as a number f (meaning [−f, f]) or a pair, each in the layer's bounds.
    static func factor(_ value: Value, name: String, closedBelow: Bool) throws -> (lower: Double, upper: Double) {
        let message = "The `\(name)` argument should be a number (or a list of two numbers) in the range [-1.0, 1.0]. Received: \(name)=\(PythonFormat.plainRepr(value))"
        func check(_ x: Double) throws -> Double {
            guard x.isFinite, x <= 1, closedBelow ? x >= -1 : x > -1 else { throw PythonError(.valueError, message) }
            return x
        }
        if let number = value.numberValue, !value.isTensor {
            let f = Swift.abs(try check(number))
            return (-f, f)
        }
        guard let items = value.tupleItems ?? value.listItems, items.count == 2, let a = items[0].numberValue, let b = items[1].numberValue else {
            throw PythonError(.valueError, message)
        }
        let (x, y) = (try check(a), try check(b))
        return (Swift.min(x, y), Swift.max(x, y))
    }

    static func resampling(_ a: BoundArguments) throws -> ImageResampling {
        guard let interpolation = ImageResampling.Interpolation(rawValue: try a.string("interpolation")) else {
            throw PythonError(.valueError, "Invalid value for argument `interpolation`. Expected of one {'bilinear', 'nearest'}. Received: interpolation=\(try a.string("interpolation"))")
        }
        guard let fill = ImageResampling.FillMode(rawValue: try a.string("fill_mode")) else {
            throw PythonError(.valueError, "Unknown `fill_mode` \(try a.string("fill_mode")). Expected of one ('reflect', 'wrap', 'constant', 'nearest', 'mirror').")
        }
        return ImageResampling(interpolation: interpolation, fillMode: fill, fillValue: Float(try a.double("fill_value")))
    }

    static let augmentationNote = " Images are channels last, (batch, height, width, channels) or one (height, width, channels), as Keras has them. Called without training=..., the layer augments (training=False returns the images unchanged); in a model it augments during fit() only."

    static let randomFlip = make(
        "RandomFlip(mode='horizontal_and_vertical', seed=None)",
        doc: "Flips each image with probability 1/2: 'horizontal' left to right, 'vertical' upside down, 'horizontal_and_vertical' (Keras's default) both at once." + augmentationNote,
        example: "flip = layers.RandomFlip('horizontal')\nflip(images)"
    ) { a, _, context in
        guard let mode = Keras.RandomFlip.Mode(rawValue: try a.string("mode")) else {
            throw PythonError(.valueError, "RandomFlip layer \(try name(a) ?? "random_flip") received an unknown mode argument \(try a.string("mode"))")
        }
        return Keras.RandomFlip(mode: mode, seed: try seed(a), name: try name(a), context: context)
    }

    static let randomRotation = make(
        "RandomRotation(factor, fill_mode='reflect', interpolation='bilinear', seed=None, fill_value=0.0)",
        doc: "Turns each image about its centre by an angle drawn from factor · 360°: factor=0.1 is up to ±36°, factor=(-0.05, 0.1) from −18° to 36°. Pixels that come from outside the image are filled by fill_mode ('reflect' mirrors the image)." + augmentationNote,
        example: "layers.RandomRotation(0.1)(images)"
    ) { a, _, context in
        Keras.RandomRotation(factor: try factor(a["factor"], name: "factor", closedBelow: true), resampling: try resampling(a),
                             seed: try seed(a), name: try name(a), context: context)
    }

    static let randomZoom = make(
        "RandomZoom(height_factor, width_factor=None, fill_mode='reflect', interpolation='bilinear', seed=None, fill_value=0.0)",
        doc: "Scales each image about its centre by 1 + a draw from the factor's range: height_factor=0.2 zooms between 80% and 120% of the size (positive values zoom out, showing more; negative ones zoom in). Without width_factor both directions use the same draw." + augmentationNote,
        example: "layers.RandomZoom(0.2)(images)"
    ) { a, _, context in
        Keras.RandomZoom(heightFactor: try factor(a["height_factor"], name: "height_factor", closedBelow: false),
                         widthFactor: a.isNone("width_factor") ? nil : try factor(a["width_factor"], name: "width_factor", closedBelow: false),
                         resampling: try resampling(a), seed: try seed(a), name: try name(a), context: context)
    }

    static var classes: [ClassObject] {
        [dense, dropout, gaussianNoise, gaussianDropout, alphaDropout, batchNormalization, activation, flatten, inputLayer] + augmentationClasses + convolutionClasses
    }

    static let dense = make(
        "Dense(units, activation=None, use_bias=True, kernel_initializer='glorot_uniform', bias_initializer='zeros', kernel_regularizer=None, bias_regularizer=None, activity_regularizer=None, kernel_constraint=None, bias_constraint=None)",
        doc: "A fully connected layer: activation(x @ kernel + bias). The kernel has shape (inputs, units), the transpose of nn.Linear's weight, and is drawn by glorot_uniform (uniform in ±√(6 / (inputs + units))) from the seed the layer took from Python's random when it was made. The weights are made when the input size is known: from input_shape=/input_dim=, an Input, or the first batch. kernel_regularizer=regularizers.l2(0.01) adds 0.01·Σw² to the loss (model.losses); kernel_constraint=constraints.max_norm(2.) caps each unit's incoming weights after every step.",
        example: "layers.Dense(64, activation='relu', input_shape=(10,), kernel_regularizer=regularizers.l2(0.01))"
    ) { a, interpreter, context in
        let units = try a.int("units")
        let activation = try KerasArguments.activation(a["activation"])
        let kernel = try KerasArguments.initializer(a["kernel_initializer"], context: context)
        let bias = try KerasArguments.initializer(a["bias_initializer"], context: context)
        return try Keras.Dense(units: units, activation: activation, useBias: try a.bool("use_bias"), kernelInitializer: kernel, biasInitializer: bias,
                               kernelRegularizer: try KerasArguments.regularizer(a["kernel_regularizer"]),
                               biasRegularizer: try KerasArguments.regularizer(a["bias_regularizer"]),
                               activityRegularizer: try KerasArguments.regularizer(a["activity_regularizer"]),
                               kernelConstraint: try KerasArguments.constraint(a["kernel_constraint"]),
                               biasConstraint: try KerasArguments.constraint(a["bias_constraint"]), name: try name(a), context: context)
    }

    static let dropout = make(
        "Dropout(rate, noise_shape=None, seed=None)",
        doc: "Dropout as Keras does it: in training each value is zeroed with probability rate and the others are divided by 1 - rate; in inference nothing changes. Called on its own it does nothing unless training=True; fit() trains it. Without a seed the masks come from torch's generator (Keras on torch calls F.dropout), so after keras.utils.set_random_seed they are Keras's masks.",
        example: "layers.Dropout(0.5)(x, training=True)"
    ) { a, _, context in
        let shape = a.isNone("noise_shape") ? nil : try KerasValues.shapeArgument(a["noise_shape"], name: "noise_shape")
        return try Keras.Dropout(rate: try rate(a), noiseShape: shape, seed: try seed(a), name: try name(a), context: context)
    }

    static let gaussianNoise = make(
        "GaussianNoise(stddev, seed=None)",
        doc: "Adds N(0, stddev²) noise in training only: on the inputs it is a kind of data augmentation; after a hidden layer, activation noise. Each call draws from a generator seeded with the layer's seed plus the number of calls so far, as Keras does.",
        example: "noise = layers.GaussianNoise(0.1)\nnoise(x, training=True)"
    ) { a, _, context in
        try Keras.GaussianNoise(stddev: try a.double("stddev"), seed: try seed(a), name: try name(a), context: context)
    }

    static let gaussianDropout = make(
        "GaussianDropout(rate, seed=None)",
        doc: "Multiplies every value by noise from N(1, rate / (1 - rate)) in training only: dropout's variance without its zeros.",
        example: "layers.GaussianDropout(0.2)(x, training=True)"
    ) { a, _, context in
        try Keras.GaussianDropout(rate: try rate(a), seed: try seed(a), name: try name(a), context: context)
    }

    static let alphaDropout = make(
        "AlphaDropout(rate, noise_shape=None, seed=None)",
        doc: "Dropout for SELU networks: dropped values become SELU's negative saturation value and an affine map keeps the mean and variance. Training only.",
        example: "layers.AlphaDropout(0.1)(x, training=True)"
    ) { a, _, context in
        try Keras.AlphaDropout(rate: try rate(a), seed: try seed(a), name: try name(a), context: context)
    }

    static let batchNormalization = make(
        "BatchNormalization(axis=-1, momentum=0.99, epsilon=0.001, center=True, scale=True, beta_initializer='zeros', gamma_initializer='ones', moving_mean_initializer='zeros', moving_variance_initializer='ones', beta_regularizer=None, gamma_regularizer=None, beta_constraint=None, gamma_constraint=None, synchronized=False)",
        doc: "Batch normalization as Keras does it. In training each feature is normalized with the batch's mean and (biased) variance, then scaled by gamma and shifted by beta, and moving_mean/moving_variance move towards the batch's: moving = moving·momentum + batch·(1 - momentum). In inference the moving statistics are used. Keras's momentum 0.99 is PyTorch's momentum 0.01, and Keras's epsilon is 1e-3 (PyTorch's 1e-5).",
        example: "bn = layers.BatchNormalization()\nbn(x, training=True)\nbn.moving_mean"
    ) { a, _, context in
        let initializers = (beta: try KerasArguments.initializer(a["beta_initializer"], context: context),
                            gamma: try KerasArguments.initializer(a["gamma_initializer"], context: context),
                            movingMean: try KerasArguments.initializer(a["moving_mean_initializer"], context: context),
                            movingVariance: try KerasArguments.initializer(a["moving_variance_initializer"], context: context))
        return Keras.BatchNormalization(axis: try a.int("axis"), momentum: try a.double("momentum"), epsilon: try a.double("epsilon"),
                                        center: try a.bool("center"), scale: try a.bool("scale"), initializers: initializers,
                                        regularizers: (try KerasArguments.regularizer(a["beta_regularizer"]), try KerasArguments.regularizer(a["gamma_regularizer"])),
                                        constraints: (try KerasArguments.constraint(a["beta_constraint"]), try KerasArguments.constraint(a["gamma_constraint"])),
                                        name: try name(a), context: context)
    }

    static let activation = make(
        "Activation(activation)",
        doc: "Applies an activation function ('relu', 'sigmoid', 'tanh', 'softmax', ...) as a layer of its own.",
        example: "layers.Activation('relu')(x)"
    ) { a, _, context in
        Keras.Activation(try KerasArguments.activation(a["activation"]), name: try name(a), context: context)
    }

    static let flatten = make(
        "Flatten(data_format=None)",
        doc: "Flattens every axis after the batch into one: (None, 28, 28) becomes (None, 784).",
        example: "layers.Flatten()(torch.ones(2, 3, 4)).shape"
    ) { a, _, context in
        Keras.Flatten(name: try name(a), context: context)
    }

    static let inputLayer = make(
        "InputLayer(shape=None, batch_size=None)",
        doc: "The input of a model, for the shape of one sample: keras.Input(shape=(10,)) is the usual way to write it.",
        example: "keras.Sequential([layers.InputLayer(shape=(10,)), layers.Dense(1)])"
    ) { a, _, context in
        guard !a.isNone("shape") else { throw PythonError(.valueError, "You must pass a `shape` argument.") }
        return Keras.InputLayer(shape: try KerasValues.shapeArgument(a["shape"], name: "shape"), name: try name(a), context: context)
    }

    /// `keras.Input(shape=(10,))`.
    static let input: Builtin = Builtin("layers", "Input(shape=None, batch_size=None, dtype=None, sparse=None, batch_shape=None, name=None, tensor=None, optional=False)",
        doc: "The shape of one sample, to start a Sequential model with: keras.Sequential([keras.Input(shape=(10,)), layers.Dense(64), ...]) builds every layer at once, so summary() shows the shapes before any training.",
        example: "model = keras.Sequential([keras.Input(shape=(4,)), layers.Dense(1)])") { a, interpreter in
        let shape: [Int?]
        if !a.isNone("shape") {
            shape = try KerasValues.shapeArgument(a["shape"], name: "shape")
        } else if !a.isNone("batch_shape") {
            shape = Array(try KerasValues.shapeArgument(a["batch_shape"], name: "batch_shape").dropFirst())
        } else {
            throw PythonError(.valueError, "You must pass a `shape` argument.")
        }
        let context = interpreter.keras
        let layer = Keras.InputLayer(shape: shape, name: try name(a) ?? context.uniqueName("keras_tensor"), context: context)
        return .object(KerasLayerObject.of(layer))
    }
}

/// The arguments Keras accepts by name or as objects: activations, initializers, regularizers
/// and constraints.
enum KerasArguments {
    static func activation(_ value: Value) throws -> ActivationFunction {
        switch value {
        case .none: return .linear
        case .string(let name):
            if let function = ActivationFunction(rawValue: name) { return function }
            if name == "silu" { return .swish }
            throw PythonError(.valueError, "Could not interpret activation function identifier: \(name)")
        case .object(let function as KerasActivationObject): return function.function
        case .object(let builtin as Builtin) where builtin.owner == "activations":
            if let function = ActivationFunction(rawValue: builtin.name) { return function }
            throw PythonError(.valueError, "Could not interpret activation function identifier: \(builtin.name)")
        default:
            throw PythonError(.valueError, "Could not interpret activation function identifier: \(PythonFormat.plainRepr(value)) (give a name such as 'relu', or a function of keras.activations)")
        }
    }

    static func initializer(_ value: Value, context: KerasContext) throws -> Initializer {
        switch value {
        case .string(let name):
            guard let initializer = Initializer.named(name, seed: context.defaultSeed) else {
                throw PythonError(.valueError, "Could not interpret initializer identifier: \(name)")
            }
            return initializer
        case .object(let object as KerasInitializerObject): return object.initializer
        default: throw PythonError(.valueError, "Could not interpret initializer identifier: \(PythonFormat.plainRepr(value))")
        }
    }

    static func regularizer(_ value: Value) throws -> Penalty? {
        switch value {
        case .none: return nil
        case .object(let object as RegularizerObject): return object.penalty
        case .string("l1"): return .l1()
        case .string("l2"): return .l2()
        case .string("l1_l2"): return .l1l2(l1: 0, l2: 0)
        default: throw PythonError(.valueError, "Could not interpret regularizer identifier: \(PythonFormat.plainRepr(value))")
        }
    }

    static func constraint(_ value: Value) throws -> Constraint? {
        switch value {
        case .none: return nil
        case .object(let object as ConstraintObject): return object.constraint
        case .string("max_norm"): return .maxNorm()
        case .string("non_neg"): return .nonNeg
        case .string("unit_norm"): return .unitNorm()
        case .string("min_max_norm"): return .minMaxNorm()
        default: throw PythonError(.valueError, "Could not interpret constraint identifier: \(PythonFormat.plainRepr(value))")
        }
    }
}
