import Keras
import Python
import Regularization
import TensorEngine

/// `keras.optimizers`, `keras.losses`, `keras.metrics`, `keras.initializers`,
/// `keras.activations` and `keras.utils`: the objects `compile` takes and the seeding that makes
/// Keras programs print Keras's numbers.
enum KerasTraining {
    // MARK: What compile accepts

    static func optimizer(_ value: Value) throws -> Keras.Optimizer {
        switch value {
        case .object(let object as KerasOptimizerObject): return object.optimizer
        case .string(let name):
            switch name.lowercased() {
            case "sgd": return try Keras.SGD()
            case "adam": return try Keras.Adam()
            case "adamw": return try Keras.Adam(weightDecay: 0.004, decoupled: true)
            case "rmsprop": return try Keras.RMSprop()
            default: throw PythonError(.valueError, "Could not interpret optimizer identifier: \(name)")
            }
        default:
            if OptimizerObjectCheck.isTorchOptimizer(value) {
                throw PythonError(.valueError, "Could not interpret optimizer identifier: \(value.typeName) (a torch.optim optimizer steps nn.Module parameters; give compile() a Keras optimizer such as keras.optimizers.Adam())")
            }
            throw PythonError(.valueError, "Could not interpret optimizer identifier: \(PythonFormat.plainRepr(value))")
        }
    }

    static func loss(_ value: Value) throws -> Loss {
        switch value {
        case .object(let object as KerasLossObject): return object.loss
        case .string(let name): return try Loss.named(name)
        case .object(let builtin as Builtin) where builtin.owner == "losses": return try Loss.named(builtin.name)
        default: throw PythonError(.valueError, "Could not interpret loss identifier: \(PythonFormat.plainRepr(value))")
        }
    }

    static func metric(_ value: Value) throws -> Metric {
        switch value {
        case .object(let object as KerasMetricObject): return object.metric.fresh()
        case .string(let name): return try Metric.named(name)
        case .object(let builtin as Builtin) where builtin.owner == "losses" || builtin.owner == "metrics": return try Metric.named(builtin.name)
        default: throw PythonError(.valueError, "Could not interpret metric identifier: \(PythonFormat.plainRepr(value))")
        }
    }

    // MARK: keras.optimizers

    static func optimizerClasses() -> [Builtin] {
        func clipping(_ a: BoundArguments) throws -> (Double?, Double?, Double?) {
            (a.isNone("clipnorm") ? nil : try a.double("clipnorm"), a.isNone("global_clipnorm") ? nil : try a.double("global_clipnorm"),
             a.isNone("clipvalue") ? nil : try a.double("clipvalue"))
        }
        func unknown(_ a: BoundArguments) throws {
            guard !a.extra.isEmpty else { return }
            let listed = a.extra.map { "'\($0.name)': \(PythonFormat.plainRepr($0.value))" }.joined(separator: ", ")
            throw PythonError(.valueError, "Argument(s) not recognized: {\(listed)}" + (a.extra.contains { $0.name == "lr" } ? " (Keras 3 spells it learning_rate)" : ""))
        }
        let common = "weight_decay=None, clipnorm=None, clipvalue=None, global_clipnorm=None, name=None, **kwargs"
        func make(_ signature: String, doc: String, example: String, _ build: @escaping (BoundArguments) throws -> Keras.Optimizer) -> Builtin {
            Builtin("optimizers", signature.replacingOccurrences(of: "COMMON", with: common), kind: .type, doc: doc, example: example) { a, _ in
                try unknown(a)
                return .object(KerasOptimizerObject.of(try build(a)))
            }
        }
        let decay: (BoundArguments) throws -> Double? = { a in a.isNone("weight_decay") ? nil : try a.double("weight_decay") }
        return [
            make("SGD(learning_rate=0.01, momentum=0.0, nesterov=False, COMMON)",
                 doc: "Keras's SGD: w ← w − lr·g; with momentum, b ← momentum·b − lr·g and w ← w + b (nesterov: w ← w − lr·g + momentum·b). The learning rate is kept in float32.",
                 example: "optimizers.SGD(learning_rate=0.1, momentum=0.9)") { a in
                let (norm, global, value) = try clipping(a)
                return try Keras.SGD(learningRate: try a.double("learning_rate"), momentum: try a.double("momentum"), nesterov: try a.bool("nesterov"),
                                     weightDecay: try decay(a), clipNorm: norm, globalClipNorm: global, clipValue: value)
            },
            make("Adam(learning_rate=0.001, beta_1=0.9, beta_2=0.999, epsilon=1e-07, amsgrad=False, COMMON)",
                 doc: "Keras's Adam: m and v are running means of g and g², and w ← w − α·m / (√v + ε) with α = lr·√(1 − β2ᵗ) / (1 − β1ᵗ). Keras adds its ε = 1e-7 to the uncorrected √v; PyTorch's Adam adds 1e-8 to the corrected one, so the two take slightly different steps.",
                 example: "optimizers.Adam(learning_rate=0.01)") { a in
                let (norm, global, value) = try clipping(a)
                return try Keras.Adam(learningRate: try a.double("learning_rate"), beta1: try a.double("beta_1"), beta2: try a.double("beta_2"),
                                      epsilon: try a.double("epsilon"), amsgrad: try a.bool("amsgrad"), weightDecay: try decay(a),
                                      clipNorm: norm, globalClipNorm: global, clipValue: value)
            },
            make("AdamW(learning_rate=0.001, weight_decay=0.004, beta_1=0.9, beta_2=0.999, epsilon=1e-07, amsgrad=False, clipnorm=None, clipvalue=None, global_clipnorm=None, name=None, **kwargs)",
                 doc: "Adam with decoupled weight decay: before each step the weights shrink, w ← w·(1 − weight_decay·lr), outside the adaptive scaling. Keras's default weight_decay is 0.004 (PyTorch's AdamW: 0.01).",
                 example: "optimizers.AdamW(learning_rate=0.001, weight_decay=0.01)") { a in
                let (norm, global, value) = try clipping(a)
                return try Keras.Adam(learningRate: try a.double("learning_rate"), beta1: try a.double("beta_1"), beta2: try a.double("beta_2"),
                                      epsilon: try a.double("epsilon"), amsgrad: try a.bool("amsgrad"), weightDecay: try a.double("weight_decay"),
                                      decoupled: true, clipNorm: norm, globalClipNorm: global, clipValue: value)
            },
            make("RMSprop(learning_rate=0.001, rho=0.9, momentum=0.0, epsilon=1e-07, centered=False, COMMON)",
                 doc: "Keras's RMSprop: v ← ρ·v + (1 − ρ)·g², w ← w − lr·g / √(v + ε) (Keras puts ε inside the root).",
                 example: "optimizers.RMSprop(learning_rate=0.001)") { a in
                let (norm, global, value) = try clipping(a)
                return try Keras.RMSprop(learningRate: try a.double("learning_rate"), rho: try a.double("rho"), momentum: try a.double("momentum"),
                                         epsilon: try a.double("epsilon"), centered: try a.bool("centered"), weightDecay: try decay(a),
                                         clipNorm: norm, globalClipNorm: global, clipValue: value)
            },
        ]
    }

    // MARK: keras.losses and keras.metrics

    static func lossClasses() -> [Builtin] {
        func make(_ name: String, _ kind: Loss.Kind, extra: String = "", doc: String) -> Builtin {
            Builtin("losses", "\(name)(\(extra)reduction='sum_over_batch_size', name=None)", kind: .type, doc: doc,
                    example: "loss = losses.\(name)()\nloss(y_true, y_pred)") { a, _ in
                var loss = Loss(kind)
                if a.has("from_logits") { loss.fromLogits = try a.bool("from_logits") }
                if a.has("label_smoothing") { loss.labelSmoothing = try a.double("label_smoothing") }
                if a.has("delta") { loss.delta = try a.double("delta") }
                guard case .string("sum_over_batch_size") = a["reduction"] else {
                    throw PythonError(.notImplementedError, "regtutor's Keras losses reduce by the mean over the batch ('sum_over_batch_size') only")
                }
                return .object(KerasLossObject(loss))
            }
        }
        let functions: [(String, String)] = [
            ("mean_squared_error", "The mean over the last axis of (y_true − y_pred)², one value per sample."),
            ("mean_absolute_error", "The mean over the last axis of |y_true − y_pred|, one value per sample."),
            ("binary_crossentropy", "The mean over the last axis of −y·log p − (1 − y)·log(1 − p), p clipped to [1e-7, 1 − 1e-7]; one value per sample."),
            ("categorical_crossentropy", "−Σ y·log p over the classes (p normalized and clipped), one value per sample."),
            ("sparse_categorical_crossentropy", "−log p[label] with integer labels, one value per sample."),
        ]
        return [
            make("MeanSquaredError", .meanSquaredError, doc: "The mean of (y_true − y_pred)²."),
            make("MeanAbsoluteError", .meanAbsoluteError, doc: "The mean of |y_true − y_pred|."),
            make("BinaryCrossentropy", .binaryCrossentropy, extra: "from_logits=False, label_smoothing=0.0, axis=-1, ",
                 doc: "Binary cross-entropy on probabilities, clipped to [1e-7, 1 − 1e-7] as Keras clips them; from_logits=True takes raw scores (a sigmoid inside, computed stably)."),
            make("CategoricalCrossentropy", .categoricalCrossentropy, extra: "from_logits=False, label_smoothing=0.0, axis=-1, ",
                 doc: "Cross-entropy against one-hot targets; label_smoothing moves each target towards 1/classes."),
            make("SparseCategoricalCrossentropy", .sparseCategoricalCrossentropy, extra: "from_logits=False, ignore_class=None, ",
                 doc: "Cross-entropy against integer class labels."),
            make("Huber", .huber, extra: "delta=1.0, ", doc: "Quadratic for errors below delta, linear above: ½e² or delta·|e| − ½delta²."),
        ] + functions.map { name, doc in
            Builtin("losses", "\(name)(y_true, y_pred)", doc: doc, example: "losses.\(name)(y_true, y_pred)") { a, interpreter in
                let loss = try Loss.named(name)
                return .tensor(try loss.perSample(try KerasValues.tensor(a["y_true"], name: "y_true", in: interpreter),
                                                  try KerasValues.tensor(a["y_pred"], name: "y_pred", in: interpreter)))
            }
        }
    }

    static func metricClasses() -> [Builtin] {
        func make(_ signature: String, doc: String, _ build: @escaping (BoundArguments) throws -> Metric) -> Builtin {
            Builtin("metrics", signature, kind: .type, doc: doc, example: "model.compile(..., metrics=[metrics.\(signature.prefix { $0 != "(" })()])") { a, _ in
                .object(KerasMetricObject(try build(a)))
            }
        }
        func name(_ a: BoundArguments, _ fallback: String) throws -> String { a.isNone("name") ? fallback : try a.string("name") }
        return [
            make("BinaryAccuracy(name='binary_accuracy', dtype=None, threshold=0.5)", doc: "How often (prediction > threshold) equals the 0/1 target.") { a in
                Metric(.binaryAccuracy(threshold: try a.double("threshold")), name: try name(a, "binary_accuracy"))
            },
            make("CategoricalAccuracy(name='categorical_accuracy', dtype=None)", doc: "How often the largest prediction is the one-hot target's class.") { a in
                Metric(.categoricalAccuracy, name: try name(a, "categorical_accuracy"))
            },
            make("SparseCategoricalAccuracy(name='sparse_categorical_accuracy', dtype=None)", doc: "How often the largest prediction is the integer label.") { a in
                Metric(.sparseCategoricalAccuracy, name: try name(a, "sparse_categorical_accuracy"))
            },
            make("Accuracy(name='accuracy', dtype=None)", doc: "How often the prediction equals the target exactly (for class predictions; for probabilities use 'accuracy' in compile).") { a in
                Metric(.exactAccuracy, name: try name(a, "accuracy"))
            },
            make("MeanAbsoluteError(name='mean_absolute_error', dtype=None)", doc: "The mean absolute error over the samples seen.") { a in
                Metric(.meanAbsoluteError, name: try name(a, "mean_absolute_error"))
            },
            make("MeanSquaredError(name='mean_squared_error', dtype=None)", doc: "The mean squared error over the samples seen.") { a in
                Metric(.meanSquaredError, name: try name(a, "mean_squared_error"))
            },
            make("Precision(thresholds=None, top_k=None, class_id=None, name='precision', dtype=None)", doc: "True positives / predicted positives, predictions thresholded at 0.5.") { a in
                Metric(.precision(threshold: a.isNone("thresholds") ? 0.5 : try a.double("thresholds")), name: try name(a, "precision"))
            },
            make("Recall(thresholds=None, top_k=None, class_id=None, name='recall', dtype=None)", doc: "True positives / actual positives, predictions thresholded at 0.5.") { a in
                Metric(.recall(threshold: a.isNone("thresholds") ? 0.5 : try a.double("thresholds")), name: try name(a, "recall"))
            },
        ]
    }

    static func metricMethods() -> [Builtin] {
        func metric(_ a: BoundArguments) throws -> Metric {
            guard case .object(let object as KerasMetricObject) = a["self"] else { throw a.mistake("self", "a Keras metric", a["self"]) }
            return object.metric
        }
        return [
            Builtin("keras.Metric", "update_state(self, y_true, y_pred, sample_weight=None)", kind: .method, doc: "Adds a batch to the running value.",
                    example: "m = metrics.BinaryAccuracy()\nm.update_state([[1], [0]], [[0.9], [0.8]])\nm.result()") { a, interpreter in
                try metric(a).update(try KerasValues.tensor(a["y_true"], name: "y_true", in: interpreter), try KerasValues.tensor(a["y_pred"], name: "y_pred", in: interpreter))
                return .none
            },
            Builtin("keras.Metric", "result(self)", kind: .method, doc: "The value over everything seen since the last reset, as a 0-d tensor.", example: "m.result()") { a, _ in
                .tensor(Tensor(scalar: Double(try metric(a).result), dtype: .float32))
            },
            Builtin("keras.Metric", "reset_state(self)", kind: .method, doc: "Forgets what was seen.", example: "m.reset_state()") { a, _ in
                try metric(a).reset()
                return .none
            },
        ]
    }

    // MARK: keras.initializers and keras.activations

    static func initializerClasses() -> [Builtin] {
        func make(_ signature: String, doc: String, _ build: @escaping (BoundArguments, KerasContext) throws -> Initializer) -> Builtin {
            Builtin("initializers", signature, kind: .type, doc: doc,
                    example: "layers.Dense(8, kernel_initializer=initializers.\(signature.prefix { $0 != "(" })())") { a, interpreter in
                .object(KerasInitializerObject(try build(a, interpreter.keras)))
            }
        }
        func seed(_ a: BoundArguments, _ context: KerasContext) throws -> Int { a.isNone("seed") ? context.defaultSeed() : try a.int("seed") }
        let scalings: [(String, Double, String, String, String)] = [
            ("GlorotUniform", 1, "fan_avg", "uniform", "Uniform in ±√(6 / (fan_in + fan_out)): Keras's default kernel initializer."),
            ("GlorotNormal", 1, "fan_avg", "truncated_normal", "Truncated normal with σ = √(2 / (fan_in + fan_out))."),
            ("HeUniform", 2, "fan_in", "uniform", "Uniform in ±√(6 / fan_in), for ReLU layers."),
            ("HeNormal", 2, "fan_in", "truncated_normal", "Truncated normal with σ = √(2 / fan_in), for ReLU layers."),
            ("LecunUniform", 1, "fan_in", "uniform", "Uniform in ±√(3 / fan_in)."),
            ("LecunNormal", 1, "fan_in", "truncated_normal", "Truncated normal with σ = √(1 / fan_in), for SELU layers."),
        ]
        return scalings.map { name, scale, mode, distribution, doc in
            make("\(name)(seed=None)", doc: doc + " The seed is taken from Python's random when none is given, so the same object always gives the same values.") { a, context in
                Initializer(kind: .varianceScaling(scale: scale, mode: mode, distribution: distribution), name: name, seed: try seed(a, context))
            }
        } + [
            make("RandomNormal(mean=0.0, stddev=0.05, seed=None)", doc: "Normal values with this mean and standard deviation.") { a, context in
                Initializer(kind: .randomNormal(mean: try a.double("mean"), stddev: try a.double("stddev")), name: "RandomNormal", seed: try seed(a, context))
            },
            make("RandomUniform(minval=-0.05, maxval=0.05, seed=None)", doc: "Uniform values in [minval, maxval).") { a, context in
                Initializer(kind: .randomUniform(min: try a.double("minval"), max: try a.double("maxval")), name: "RandomUniform", seed: try seed(a, context))
            },
            make("TruncatedNormal(mean=0.0, stddev=0.05, seed=None)", doc: "Normal values, redrawn beyond two standard deviations.") { a, context in
                Initializer(kind: .truncatedNormal(mean: try a.double("mean"), stddev: try a.double("stddev")), name: "TruncatedNormal", seed: try seed(a, context))
            },
            make("Zeros()", doc: "All zeros.") { _, _ in .zeros },
            make("Ones()", doc: "All ones.") { _, _ in .ones },
            make("Constant(value=0.0)", doc: "Every value the same.") { a, _ in Initializer(kind: .constant(try a.double("value")), name: "Constant", seed: nil) },
        ]
    }

    static func activationFunctions() -> [Builtin] {
        ["relu", "sigmoid", "tanh", "softmax", "elu", "selu", "softplus", "softsign", "swish", "gelu", "leaky_relu", "hard_sigmoid", "linear", "exponential"].map { name in
            Builtin("activations", "\(name)(x)", doc: "Keras's \(name) activation; give it (or its name) as activation= to a layer.",
                    example: "layers.Dense(8, activation=activations.\(name))") { a, interpreter in
                guard let function = ActivationFunction(rawValue: name) else { throw PythonError(.valueError, "Could not interpret activation function identifier: \(name)") }
                return .tensor(try function(try KerasValues.tensor(a["x"], name: "x", in: interpreter)))
            }
        }
    }

    // MARK: keras.utils and friends

    /// `keras.utils.set_random_seed(s)`: Python's `random`, NumPy's and torch's generators, and
    /// Keras's global seed generator, all at once.
    static func seedEverything(_ seed: Int, in interpreter: Interpreter) throws {
        guard seed >= 0 else {
            throw PythonError(.valueError, "Expected `seed` argument to be a non-negative integer. Received: seed=\(seed)")
        }
        interpreter.seedPythonRandom(seed)
        interpreter.numpyRandom.seed(UInt32(truncatingIfNeeded: seed))
        interpreter.seed(UInt64(seed))
        interpreter.keras.clear(names: false)
    }

    static func utilityFunctions() -> [Builtin] {
        let seedDoc = "Seeds every generator Keras draws from: Python's random (the seeds layers take when made), NumPy's and torch's (dropout masks, the batch order fit() shuffles into). After it, a Keras program prints Keras's own numbers."
        return [
            Builtin("utils", "set_random_seed(seed)", doc: seedDoc, example: "keras.utils.set_random_seed(42)") { a, interpreter in
                try seedEverything(try a.int("seed"), in: interpreter)
                return .none
            },
            Builtin("tensorflow.random", "set_seed(seed)",
                    doc: "In regtutor, the same as keras.utils.set_random_seed: " + seedDoc + " (In TensorFlow it seeds TensorFlow's own generator, which regtutor does not have.)",
                    example: "tf.random.set_seed(42)") { a, interpreter in
                try seedEverything(try a.int("seed"), in: interpreter)
                return .none
            },
            Builtin("utils", "to_categorical(x, num_classes=None)", doc: "One-hot rows for integer labels, as a float32 array: [0, 2] with 3 classes is [[1, 0, 0], [0, 0, 1]].",
                    example: "keras.utils.to_categorical([0, 2, 1], num_classes=3)") { a, interpreter in
                let labels = try KerasValues.tensor(a["x"], name: "x", in: interpreter)
                guard labels.doubles.allSatisfy({ $0 >= 0 && $0 == $0.rounded() && $0 < 1e7 }) else {
                    throw PythonError(.valueError, "to_categorical needs non-negative integer labels")
                }
                let values = labels.doubles.map { Int($0) }
                let classes = a.isNone("num_classes") ? (values.max() ?? -1) + 1 : try a.int("num_classes")
                guard classes > 0, values.allSatisfy({ $0 < classes }) else {
                    throw PythonError(.indexError, "a label is not below num_classes=\(classes)")
                }
                let shape = (labels.shape.last == 1 && labels.rank > 1 ? Array(labels.shape.dropLast()) : labels.shape) + [classes]
                var elements = [Float](repeating: 0, count: try Shape.count(shape))
                for (row, label) in values.enumerated() { elements[row * classes + label] = 1 }
                return try KerasValues.array(try Tensor(elements, shape: shape))
            },
            Builtin("keras.random", "normal(shape, mean=0.0, stddev=1.0, dtype=None, seed=None)",
                    doc: "Normal draws as Keras makes them: with seed=k from a generator seeded with k, without a seed from Keras's global seed generator (seeded from Python's random at its first use).",
                    example: "keras.random.normal((2, 3), seed=1)") { a, interpreter in
                .tensor(try KerasRandom.normal(try KerasValues.shapeArgument(a["shape"], name: "shape").map { $0 ?? 1 }, mean: try a.double("mean"),
                                               stddev: try a.double("stddev"), seed: a.isNone("seed") ? nil : try a.int("seed"), context: interpreter.keras))
            },
            Builtin("keras.random", "uniform(shape, minval=0.0, maxval=1.0, dtype=None, seed=None)",
                    doc: "Uniform draws in [minval, maxval), seeded as keras.random.normal is.",
                    example: "keras.random.uniform((4,), seed=7)") { a, interpreter in
                .tensor(try KerasRandom.uniform(try KerasValues.shapeArgument(a["shape"], name: "shape").map { $0 ?? 1 }, minval: try a.double("minval"),
                                                maxval: try a.double("maxval"), seed: a.isNone("seed") ? nil : try a.int("seed"), context: interpreter.keras))
            },
            Builtin("backend", "clear_session(free_memory=True)", doc: "Forgets Keras's names (the next Dense is 'dense' again) and its global seed generator.",
                    example: "keras.backend.clear_session()") { _, interpreter in
                interpreter.keras.clear(names: true)
                return .none
            },
        ]
    }
}

/// Whether a value is a torch.optim optimizer (compile() refuses it with a hint).
enum OptimizerObjectCheck {
    static func isTorchOptimizer(_ value: Value) -> Bool {
        if case .object(_ as OptimizerObject) = value { return true }
        return false
    }
}

/// A Keras optimizer (`optimizers.Adam(learning_rate=0.01)`), one Python object per engine optimizer.
final class KerasOptimizerObject: PythonObject {
    let optimizer: Keras.Optimizer
    private init(_ optimizer: Keras.Optimizer) { self.optimizer = optimizer }

    static func of(_ optimizer: Keras.Optimizer) -> KerasOptimizerObject {
        if let existing = optimizer.binding as? KerasOptimizerObject { return existing }
        let made = KerasOptimizerObject(optimizer)
        optimizer.binding = made
        return made
    }

    var typeName: String { optimizer.className }
    var classKey: String { "optimizers." + optimizer.className }
    func repr(in interpreter: Interpreter) throws -> String { "<keras.optimizers.\(optimizer.className) object at \(interpreter.address(of: self))>" }

    func attribute(_ name: String, in interpreter: Interpreter) throws -> Value? {
        switch name {
        case "learning_rate", "lr": return .object(KerasOptimizerVariable(optimizer, iterations: false))
        case "iterations": return .object(KerasOptimizerVariable(optimizer, iterations: true))
        case "name": return .string(optimizer.className.lowercased())
        default:
            if let entry = optimizer.config.first(where: { $0.0 == name }) { return try KerasModelBindings.literal(entry.1) }
            return nil
        }
    }

    func setAttribute(_ name: String, to value: Value, in interpreter: Interpreter) throws {
        guard name == "learning_rate" || name == "lr" else {
            throw PythonError(.attributeError, "regtutor's Keras optimizers let you change learning_rate only")
        }
        let given = value.object(as: KerasOptimizerVariable.self).map { Double($0.optimizer.learningRate) }
        guard let rate = given ?? value.numberValue ?? value.tensorObject.flatMap({ try? Double($0.tensor.item()) }), rate >= 0, rate.isFinite else {
            throw PythonError(.valueError, "learning_rate must be a non-negative number, got \(PythonFormat.plainRepr(value))")
        }
        optimizer.learningRate = Float(rate)
    }

    var attributeNames: [String] { ["learning_rate", "iterations", "name"] + optimizer.config.map(\.0).filter { $0 != "name" && $0 != "learning_rate" } }
}

/// An optimizer's `learning_rate` or `iterations`: Keras's variables, printed as Keras prints
/// them, usable as numbers (`float(opt.learning_rate)`, `opt.learning_rate * 0.5`) and assignable.
final class KerasOptimizerVariable: PythonObject, NumberConvertible {
    let optimizer: Keras.Optimizer
    let isIterations: Bool
    init(_ optimizer: Keras.Optimizer, iterations: Bool) {
        self.optimizer = optimizer
        isIterations = iterations
    }

    var typeName: String { "Variable" }
    var methodTable: String { "keras.OptimizerVariable" }
    var number: Value { isIterations ? .int(optimizer.iterations) : .float(Double(optimizer.learningRate)) }

    func asDouble() throws -> Double { isIterations ? Double(optimizer.iterations) : Double(optimizer.learningRate) }
    func asInt() throws -> Int? { isIterations ? optimizer.iterations : nil }

    func repr(in interpreter: Interpreter) throws -> String {
        let path = optimizer.className.lowercased().replacingOccurrences(of: "rmsprop", with: "rm_sprop") + (isIterations ? "/iteration" : "/learning_rate")
        let value = isIterations ? String(optimizer.iterations) : PythonFloat.repr(Double(optimizer.learningRate))
        return "<Variable path=\(path), shape=(), dtype=\(isIterations ? "int32" : "float32"), value=\(value)>"
    }

    func binaryOperation(_ op: BinaryOperator, _ other: Value, reflected: Bool, in interpreter: Interpreter) throws -> Value? {
        let theirs = other.object(as: KerasOptimizerVariable.self)?.number ?? other
        let (a, b) = reflected ? (theirs, number) : (number, theirs)
        return try interpreter.binary(op, a, b)
    }

    func comparison(_ op: ComparisonOperator, _ other: Value, in interpreter: Interpreter) throws -> Value? {
        try interpreter.compare(op, number, other.object(as: KerasOptimizerVariable.self)?.number ?? other)
    }

    static func methods() -> [Builtin] {
        func variable(_ a: BoundArguments) throws -> KerasOptimizerVariable {
            guard case .object(let object as KerasOptimizerVariable) = a["self"] else { throw a.mistake("self", "an optimizer variable", a["self"]) }
            return object
        }
        return [
            Builtin("keras.OptimizerVariable", "numpy(self)", kind: .method, doc: "The value as a NumPy number.") { a, _ in
                let v = try variable(a)
                return .object(NumPyScalar(try v.asDouble(), v.isIterations ? .int64 : .float32))
            },
            Builtin("keras.OptimizerVariable", "assign(self, value)", kind: .method, doc: "Sets the learning rate (what ReduceLROnPlateau does).",
                    example: "model.optimizer.learning_rate.assign(0.001)") { a, interpreter in
                let v = try variable(a)
                guard !v.isIterations else { throw PythonError(.attributeError, "regtutor does not let you set an optimizer's iterations") }
                try KerasOptimizerObject.of(v.optimizer).setAttribute("learning_rate", to: a["value"], in: interpreter)
                return .none
            },
        ]
    }
}

/// A Keras loss object (`losses.BinaryCrossentropy(from_logits=True)`): callable on (y_true, y_pred).
final class KerasLossObject: PythonObject {
    let loss: Loss
    init(_ loss: Loss) { self.loss = loss }
    var typeName: String { loss.className }
    var classKey: String { "losses." + loss.className }
    var isCallable: Bool { true }
    func repr(in interpreter: Interpreter) throws -> String { "<\(loss.className) name=\(loss.kind.rawValue)>" }
    func call(_ arguments: Arguments, in interpreter: Interpreter) throws -> Value {
        let a = try KerasValues.bind("__call__(y_true, y_pred, sample_weight=None)", arguments)
        return .tensor(try loss(try KerasValues.tensor(a["y_true"], name: "y_true", in: interpreter), try KerasValues.tensor(a["y_pred"], name: "y_pred", in: interpreter)))
    }
    func attribute(_ name: String, in interpreter: Interpreter) throws -> Value? {
        switch name {
        case "from_logits": return .bool(loss.fromLogits)
        case "label_smoothing": return .float(loss.labelSmoothing)
        case "name": return .string(loss.kind.rawValue)
        default: return nil
        }
    }
}

/// A Keras metric object (`metrics.Precision()`).
final class KerasMetricObject: PythonObject {
    let metric: Metric
    init(_ metric: Metric) { self.metric = metric }
    var typeName: String { metric.className }
    var classKey: String { "metrics." + metric.className }
    var methodTable: String { "keras.Metric" }
    func repr(in interpreter: Interpreter) throws -> String { "<\(metric.className) name=\(metric.name)>" }
    func attribute(_ name: String, in interpreter: Interpreter) throws -> Value? { name == "name" ? .string(metric.name) : nil }
}

/// A Keras initializer object (`initializers.HeNormal(seed=1)`): callable on a shape.
final class KerasInitializerObject: PythonObject {
    let initializer: Initializer
    init(_ initializer: Initializer) { self.initializer = initializer }
    var typeName: String { initializer.name }
    var isCallable: Bool { true }
    func repr(in interpreter: Interpreter) throws -> String { "<keras.initializers.\(initializer.name) object at \(interpreter.address(of: self))>" }
    func call(_ arguments: Arguments, in interpreter: Interpreter) throws -> Value {
        let a = try KerasValues.bind("__call__(shape, dtype=None)", arguments)
        let shape = try KerasValues.shapeArgument(a["shape"], name: "shape")
        return .tensor(try initializer(shape.map { $0 ?? 1 }))
    }
    func attribute(_ name: String, in interpreter: Interpreter) throws -> Value? {
        name == "seed" ? initializer.seed.map { .int($0) } ?? Value.none : nil
    }
}
