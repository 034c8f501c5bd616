import Keras
import NeuralNet
import Python
import Regularization
import TensorEngine

/// `keras.Sequential` (also `keras.models.Sequential`) and the methods of Keras layers and
/// models: `compile`, `fit`, `evaluate`, `predict`, `summary`, `get_weights`...
enum KerasModelBindings {
    /// `keras.Sequential`, a subclass of `keras.layers.Layer` as in Keras (there via `Model`).
    static let sequential: ClassObject = {
        let constructor = Builtin("keras", "Sequential(layers=None, trainable=True, name=None)", kind: .type,
            doc: "A model made of layers applied one after the other. Give the layers as a list, or add them with model.add(layer). The model is built (its weights made) when the input shape is known: an Input(shape=...) first, input_shape=/input_dim= on the first layer, or else the first batch. Then compile(optimizer, loss, metrics), fit(x, y, epochs=...), evaluate(x, y), predict(x).",
            example: "model = keras.Sequential([\n    layers.Dense(64, activation='relu', input_shape=(10,)),\n    layers.Dropout(0.5),\n    layers.Dense(1, activation='sigmoid'),\n])\nmodel.compile(optimizer='adam', loss='binary_crossentropy', metrics=['accuracy'])") { a, interpreter in
            let context = interpreter.keras
            let model = try Keras.Sequential(name: a.isNone("name") ? nil : try a.string("name"), context: context)
            if !a.isNone("layers") {
                for item in try interpreter.iterate(a["layers"]) { try model.add(try layer(item, in: interpreter)) }
            }
            model.trainable = try a.bool("trainable")
            return .object(KerasLayerObject.of(model))
        }
        let cls = (try? ClassObject(name: "Sequential", module: "keras", bases: [KerasLayerClasses.layerBase], allowsSubclassing: false))
            ?? KerasLayerClasses.layerBase
        cls.constructor = constructor
        cls.documentation = constructor
        return cls
    }()

    /// The engine layer of a Python value, or a TypeError naming what was given.
    static func layer(_ value: Value, in interpreter: Interpreter) throws -> Keras.Layer {
        if case .object(let object as KerasLayerObject) = value { return object.layer }
        if ModuleInstance.module(from: value) != nil {
            throw PythonError(.typeError, "Only instances of `keras.Layer` can be added to a Sequential model. Received: \(try interpreter.repr(value)) (of type \(value.typeName)): a PyTorch module belongs in an nn.Sequential")
        }
        throw PythonError(.typeError, "Only instances of `keras.Layer` can be added to a Sequential model. Received: \(try interpreter.repr(value)) (of type \(value.typeName))")
    }

    static func receiver(_ a: BoundArguments) throws -> Keras.Layer {
        guard case .object(let object as KerasLayerObject) = a["self"] else { throw a.mistake("self", "a Keras layer", a["self"]) }
        return object.layer
    }

    static func model(_ a: BoundArguments) throws -> Keras.Sequential {
        guard let model = try receiver(a) as? Keras.Sequential else { throw a.mistake("self", "a Keras model", a["self"]) }
        return model
    }

    /// `verbose="auto"` is 1.
    static func verbose(_ a: BoundArguments) throws -> Int {
        if case .string("auto") = a["verbose"] { return 1 }
        if a.isNone("verbose") { return 1 }
        return try a.int("verbose")
    }

    static func refuse(_ a: BoundArguments, _ names: [String]) throws {
        for name in names where !a.isNone(name) {
            throw PythonError(.notImplementedError, "regtutor's Keras does not support `\(name)=` in \(a.functionName) yet")
        }
    }

    /// `[loss, metric...]`, or the loss alone when there are no metrics (as Keras returns it).
    static func results(_ pairs: [(String, Double)], asDict: Bool) throws -> Value {
        if asDict { return .dict(try DictObject(pairs.map { (.string($0.0), .float($0.1)) })) }
        if pairs.count == 1 { return .float(pairs[0].1) }
        return .list(pairs.map { .float($0.1) })
    }

    static func layerMethods() -> [Builtin] {
        func method(_ signature: String, doc: String, example: String = "", _ body: @escaping (Keras.Layer, BoundArguments, Interpreter) throws -> Value) -> Builtin {
            Builtin("keras.Layer", signature, kind: .method, doc: doc, example: example) { a, interpreter in try body(try receiver(a), a, interpreter) }
        }
        return [
            method("get_weights(self)", doc: "The weights as NumPy arrays, in order (a Dense layer: kernel of shape (inputs, units), then bias).",
                   example: "kernel, bias = model.layers[0].get_weights()") { layer, _, _ in
                .list(try layer.weights.map { try KerasValues.array($0.value) })
            },
            method("set_weights(self, weights)", doc: "Puts new values into the weights, in the order get_weights() gives them; each must have the weight's shape.",
                   example: "layer.set_weights([kernel * 0.5, bias])") { layer, a, interpreter in
                let values = try interpreter.iterate(a["weights"])
                let weights = layer.weights
                guard values.count == weights.count else {
                    throw PythonError(.valueError, "You called `set_weights(weights)` on layer '\(layer.name)' with a weight list of length \(values.count), but the layer was expecting \(weights.count) weights.")
                }
                for (weight, value) in zip(weights, values) {
                    let tensor = try KerasValues.tensor(value, name: "weights", in: interpreter)
                    guard tensor.shape == weight.variable.tensor.shape else {
                        throw PythonError(.valueError, "Layer \(layer.name) weight shape \(weight.shapeDescription) is not compatible with provided weight shape \(KerasShape.describe(tensor.shape.map { Optional($0) })).")
                    }
                    try weight.variable.overwrite(with: tensor.converted(to: .float32))
                }
                return .none
            },
            method("count_params(self)", doc: "How many numbers the weights hold (the layer must be built).", example: "model.count_params()") { layer, _, _ in
                guard layer.isBuilt else {
                    throw PythonError(.valueError, "You tried to call `count_params` on layer '\(layer.name)', but the layer isn't built. You can build it manually via: `layer.build(input_shape)`.")
                }
                return .int(layer.countParams)
            },
            method("build(self, input_shape)", doc: "Makes the weights for inputs of this shape (with the batch size first, often None).",
                   example: "layer.build((None, 10))") { layer, a, _ in
                try layer.buildIfNeeded(try KerasValues.shapeArgument(a["input_shape"], name: "input_shape"))
                return .none
            },
            method("get_config(self)", doc: "The layer's settings as a dict, as Keras gives them.", example: "layers.Dense(3).get_config()") { layer, _, _ in
                .dict(try DictObject(try layer.config.map { (.string($0.0), try KerasModelBindings.literal($0.1)) }))
            },
        ]
    }

    /// A Python literal of a config value (numbers, strings, booleans, None, tuples).
    static func literal(_ text: String) throws -> Value {
        switch text {
        case "None": return .none
        case "True": return .bool(true)
        case "False": return .bool(false)
        default: break
        }
        if text.hasPrefix("'") && text.hasSuffix("'") && text.count >= 2 { return .string(String(text.dropFirst().dropLast())) }
        if let i = Int(text) { return .int(i) }
        if let d = Double(text) { return .float(d) }
        return .string(text)
    }

    static func modelMethods() -> [Builtin] {
        func method(_ signature: String, doc: String, example: String = "", _ body: @escaping (Keras.Sequential, BoundArguments, Interpreter) throws -> Value) -> Builtin {
            Builtin("keras.Sequential", signature, kind: .method, doc: doc, example: example) { a, interpreter in try body(try model(a), a, interpreter) }
        }
        return [
            method("add(self, layer)", doc: "Adds a layer at the end of the model.", example: "model = keras.Sequential()\nmodel.add(layers.Dense(8, input_dim=2))") { model, a, interpreter in
                try model.add(try layer(a["layer"], in: interpreter))
                return .none
            },
            method("pop(self)", doc: "Removes the last layer and returns it.", example: "model.pop()") { model, _, _ in
                .object(KerasLayerObject.of(try model.pop()))
            },
            method("get_layer(self, name=None, index=None)", doc: "A layer by its name or its position.", example: "model.get_layer('dense_1')") { model, a, _ in
                if !a.isNone("index") {
                    let index = try a.int("index")
                    guard index >= 0 && index < model.layers.count else {
                        throw PythonError(.valueError, "Was asked to retrieve layer at index \(index) but model only has \(model.layers.count) layers.")
                    }
                    return .object(KerasLayerObject.of(model.layers[index]))
                }
                let name = try a.string("name")
                guard let found = model.layers.first(where: { $0.name == name }) else {
                    throw PythonError(.valueError, "No such layer: \(name). Existing layers are: \(model.layers.map(\.name)).")
                }
                return .object(KerasLayerObject.of(found))
            },
            method("summary(self, line_length=None, positions=None, print_fn=None, expand_nested=False, show_trainable=False, layer_range=None)",
                   doc: "Prints the table of layers: each layer's name and type, its output shape and its number of parameters, then the totals (trainable and not; after training, the optimizer's too).",
                   example: "model.summary()") { model, a, interpreter in
                let columns = a.isNone("line_length") ? interpreter.terminalWidth : try a.int("line_length") + 4
                let text = try model.summary(columns: columns, bold: interpreter.colors)
                if a.isNone("print_fn") { interpreter.output(text + "\n") } else { _ = try interpreter.call(a["print_fn"], .string(text)) }
                return .none
            },
            method("compile(self, optimizer='rmsprop', loss=None, loss_weights=None, metrics=None, weighted_metrics=None, run_eagerly=False, steps_per_execution=1, jit_compile='auto', auto_scale_loss=True)",
                   doc: "Chooses how the model trains: the optimizer ('sgd', 'adam', 'adamw', 'rmsprop' or an object such as optimizers.Adam(learning_rate=0.01)), the loss ('mse', 'mae', 'binary_crossentropy', 'categorical_crossentropy', 'sparse_categorical_crossentropy', or losses.BinaryCrossentropy(from_logits=True)), and the metrics to report ('accuracy', 'mae', 'mse'). Keras picks binary, categorical or sparse accuracy from the shapes.",
                   example: "model.compile(optimizer='adam', loss='binary_crossentropy', metrics=['accuracy'])") { model, a, interpreter in
                try refuse(a, ["loss_weights", "weighted_metrics"])
                let optimizer = try KerasTraining.optimizer(a["optimizer"])
                let loss = a.isNone("loss") ? nil : try KerasTraining.loss(a["loss"])
                let metrics = a.isNone("metrics") ? [] : try interpreter.iterate(a["metrics"]).map { try KerasTraining.metric($0) }
                model.compile(optimizer: optimizer, loss: loss, metrics: metrics)
                return .none
            },
            method("fit(self, x=None, y=None, batch_size=None, epochs=1, verbose='auto', callbacks=None, validation_split=0.0, validation_data=None, shuffle=True, class_weight=None, sample_weight=None, initial_epoch=0, steps_per_epoch=None, validation_steps=None, validation_batch_size=None, validation_freq=1)",
                   doc: "Trains the model for `epochs` passes over (x, y) in batches of batch_size (32), shuffled each epoch as Keras shuffles them, and returns a History whose .history holds every epoch's loss and metrics (val_ ones with validation_data=(x_val, y_val) or validation_split, which takes the last part of the data). verbose=1 shows Keras's progress bar, 2 one line per epoch, 0 nothing. callbacks=[EarlyStopping(...), ModelCheckpoint(...), ReduceLROnPlateau(...)] run at every epoch's end.",
                   example: "history = model.fit(X, y, epochs=100, batch_size=32, validation_split=0.2,\n                    callbacks=[callbacks.EarlyStopping(patience=3, restore_best_weights=True)])\nhistory.history['val_loss']") { model, a, interpreter in
                try refuse(a, ["class_weight", "sample_weight", "steps_per_epoch", "validation_steps"])
                var options = FitOptions(epochs: try a.int("epochs"), batchSize: a.isNone("batch_size") ? nil : try a.int("batch_size"))
                options.verbose = try verbose(a)
                options.validationSplit = try a.double("validation_split")
                options.shuffle = try interpreter.truth(a["shuffle"])
                options.initialEpoch = try a.int("initial_epoch")
                options.validationFreq = try a.int("validation_freq")
                options.validationBatchSize = a.isNone("validation_batch_size") ? nil : try a.int("validation_batch_size")
                if !a.isNone("validation_data") {
                    let parts = try interpreter.iterate(a["validation_data"])
                    guard parts.count == 2 else {
                        throw PythonError(.valueError, "validation_data must be a tuple (x_val, y_val), got \(parts.count) items")
                    }
                    options.validationData = (try KerasValues.tensor(parts[0], name: "validation_data", in: interpreter),
                                              try KerasValues.tensor(parts[1], name: "validation_data", in: interpreter))
                }
                options.callbacks = a.isNone("callbacks") ? [] : try interpreter.iterate(a["callbacks"]).map { try KerasCallbacks.callback($0, in: interpreter) }
                let (x, y) = try data(a, in: interpreter)
                let history = try model.fit(x, y, options)
                return .object(KerasHistoryObject.of(history, in: interpreter))
            },
            method("evaluate(self, x=None, y=None, batch_size=None, verbose='auto', sample_weight=None, steps=None, callbacks=None, return_dict=False)",
                   doc: "The loss (with the regularization penalties) and the metrics on (x, y) in inference mode: a number, or [loss, metric, ...] when there are metrics.",
                   example: "loss, accuracy = model.evaluate(X_test, y_test, verbose=0)") { model, a, interpreter in
                try refuse(a, ["sample_weight", "steps"])
                let (x, y) = try data(a, in: interpreter)
                let pairs = try model.evaluate(x, y, batchSize: a.isNone("batch_size") ? nil : try a.int("batch_size"), verbose: try verbose(a))
                return try results(pairs, asDict: try interpreter.truth(a["return_dict"]))
            },
            method("predict(self, x, batch_size=None, verbose='auto', steps=None, callbacks=None)",
                   doc: "The model's outputs for x in inference mode (no dropout, batch norm's moving statistics), as a float32 NumPy array.",
                   example: "probabilities = model.predict(X_test, verbose=0)") { model, a, interpreter in
                let x = try KerasValues.tensor(a["x"], name: "x", in: interpreter)
                return try KerasValues.array(try model.predict(x, batchSize: a.isNone("batch_size") ? nil : try a.int("batch_size"), verbose: try verbose(a)))
            },
            method("train_on_batch(self, x, y=None, sample_weight=None, class_weight=None, return_dict=False)",
                   doc: "One optimizer step on exactly this batch; returns its loss (and metrics).", example: "loss = model.train_on_batch(x, y)") { model, a, interpreter in
                try refuse(a, ["sample_weight", "class_weight"])
                let (x, y) = try data(a, in: interpreter)
                return try results(try model.trainOnBatch(x, y), asDict: try interpreter.truth(a["return_dict"]))
            },
            method("test_on_batch(self, x, y=None, sample_weight=None, return_dict=False)",
                   doc: "The loss (and metrics) of one batch in inference mode.", example: "model.test_on_batch(x, y)") { model, a, interpreter in
                try refuse(a, ["sample_weight"])
                let (x, y) = try data(a, in: interpreter)
                return try results(try model.testOnBatch(x, y), asDict: try interpreter.truth(a["return_dict"]))
            },
            method("predict_on_batch(self, x)", doc: "The outputs for one batch in inference mode, as a NumPy array.", example: "model.predict_on_batch(x)") { model, a, interpreter in
                let x = try KerasValues.tensor(a["x"], name: "x", in: interpreter)
                return try KerasValues.array(try GradMode.withDisabled { try model(x, training: false) })
            },
            method("save(self, filepath, overwrite=True)", doc: "Keeps a copy of the model under the name filepath in this session (regtutor writes no files); keras.models.load_model(filepath) gives a copy back.",
                   example: "model.save('best.keras')\nmodel = keras.models.load_model('best.keras')") { model, a, interpreter in
                guard case .string(let path) = a["filepath"] else { throw a.mistake("filepath", "str (a file name)", a["filepath"]) }
                interpreter.frameworkState.saved[path] = try interpreter.deepCopy(a["self"])
                return .none
            },
            method("save_weights(self, filepath, overwrite=True)", doc: "Keeps a copy of the weights under the name filepath in this session; load_weights(filepath) puts them back.",
                   example: "model.save_weights('best.weights.h5')") { model, a, interpreter in
                guard case .string(let path) = a["filepath"] else { throw a.mistake("filepath", "str (a file name)", a["filepath"]) }
                interpreter.frameworkState.saved[path] = .list(try model.weights.map { try KerasValues.array($0.value) })
                return .none
            },
            method("load_weights(self, filepath)", doc: "Puts back the weights save_weights (or a ModelCheckpoint) kept under filepath.",
                   example: "model.load_weights('best.weights.h5')") { model, a, interpreter in
                guard case .string(let path) = a["filepath"] else { throw a.mistake("filepath", "str (a file name)", a["filepath"]) }
                guard let saved = interpreter.frameworkState.saved[path] else {
                    throw PythonError(.fileNotFoundError, "[Errno 2] No such file or directory: \(PythonFormat.quoted(path))")
                }
                let source: Value
                if case .object(let object as KerasLayerObject) = saved {
                    source = .list(try object.layer.weights.map { try KerasValues.array($0.value) })
                } else {
                    source = saved
                }
                return try interpreter.callAttribute(a["self"], "set_weights", Arguments([source]))
            },
        ]
    }

    /// x and y of a call, as tensors (y is required).
    static func data(_ a: BoundArguments, in interpreter: Interpreter) throws -> (Tensor, Tensor) {
        guard !a.isNone("x") else { throw PythonError(.valueError, "\(a.functionName) needs the inputs x") }
        guard !a.isNone("y") else { throw PythonError(.valueError, "\(a.functionName) needs the targets y: regtutor's Keras trains on arrays (x, y)") }
        return (try KerasValues.tensor(a["x"], name: "x", in: interpreter), try KerasValues.tensor(a["y"], name: "y", in: interpreter))
    }

    /// `keras.models.load_model(path)`.
    static let loadModel = Builtin("models", "load_model(filepath, custom_objects=None, compile=True, safe_mode=True)",
        doc: "A fresh copy of the model model.save(filepath) (or a ModelCheckpoint) kept in this session; FileNotFoundError when nothing was saved there.",
        example: "model = keras.models.load_model('best.keras')") { a, interpreter in
        guard case .string(let path) = a["filepath"] else { throw a.mistake("filepath", "str (a file name)", a["filepath"]) }
        guard let saved = interpreter.frameworkState.saved[path] else {
            throw PythonError(.fileNotFoundError, "[Errno 2] No such file or directory: \(PythonFormat.quoted(path))")
        }
        return try interpreter.deepCopy(saved)
    }
}
