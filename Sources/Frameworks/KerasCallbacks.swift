import Keras
import Python
import Regularization
import TensorEngine

/// `keras.callbacks` for `fit`: EarlyStopping (in Keras.swift), ModelCheckpoint, ReduceLROnPlateau,
/// LambdaCallback, History, and `Callback`, which a student subclasses with their own
/// `on_epoch_end(self, epoch, logs)`.
enum KerasCallbacks {
    /// `keras.callbacks.Callback`, subclassable: its hooks do nothing until overridden.
    static let base: ClassObject = {
        let cls = (try? ClassObject(name: "Callback", module: "keras.callbacks", bases: [BuiltinTable.python.objectClass])) ?? BuiltinTable.python.objectClass
        cls.documentation = Builtin("callbacks", "Callback()", kind: .type,
            doc: "The base of your own callbacks: subclass it and define any of on_train_begin(self, logs=None), on_train_end, on_epoch_begin(self, epoch, logs=None), on_epoch_end, on_train_batch_begin(self, batch, logs=None), on_train_batch_end. fit() calls them with the epoch (from 0) and a dict of the numbers so far; self.model is the model, and self.model.stop_training = True ends training after this epoch.",
            example: "class PrintLoss(callbacks.Callback):\n    def on_epoch_end(self, epoch, logs=None):\n        print(epoch, round(logs['loss'], 4))") { _, _ in .none }
        for hook in hooks {
            cls.define(hook, .object(Builtin("Callback", "\(hook)(self, *args, **kwargs)", kind: .method, doc: "Does nothing; override it in your subclass.") { _, _ in .none }))
        }
        return cls
    }()

    static let hooks = ["on_train_begin", "on_train_end", "on_epoch_begin", "on_epoch_end", "on_train_batch_begin", "on_train_batch_end",
                        "on_test_begin", "on_test_end", "on_predict_begin", "on_predict_end"]

    /// The engine callback for a Python value given in `callbacks=[...]`.
    static func callback(_ value: Value, in interpreter: Interpreter) throws -> Keras.Callback {
        switch value {
        case .object(let object as EarlyStoppingObject):
            return EarlyStoppingCallback(object.earlyStopping, verbose: object.verbose)
        case .object(let object as KerasCallbackObject):
            return object.callback
        case .object(let instance as Instance) where instance.cls.isSubclass(of: base):
            return PythonCallback(instance, interpreter: interpreter)
        default:
            throw PythonError(.typeError, "callbacks must be Keras callbacks (EarlyStopping, ModelCheckpoint, ReduceLROnPlateau, LambdaCallback or a subclass of keras.callbacks.Callback), got \(value.typeName)")
        }
    }

    /// Logs as the dict a Python hook receives.
    static func dict(_ logs: Logs) throws -> Value {
        .dict(try DictObject(logs.entries.map { (.string($0.name), .float($0.value)) }))
    }

    static func classes() -> [Builtin] {
        [
            Builtin("callbacks", "ModelCheckpoint(filepath, monitor='val_loss', verbose=0, save_best_only=False, save_weights_only=False, mode='auto', save_freq='epoch', initial_value_threshold=None)", kind: .type,
                    doc: "Saves the model after every epoch (with save_best_only=True, only when the monitored value improved) under the name filepath, in this session's store (regtutor writes no files): keras.models.load_model(filepath) gives it back, or model.load_weights(filepath) with save_weights_only=True. {epoch:02d} and {val_loss:.2f} in the name are filled in.",
                    example: "checkpoint = callbacks.ModelCheckpoint('best.keras', save_best_only=True)\nmodel.fit(X, y, validation_split=0.2, epochs=20, callbacks=[checkpoint])\nbest = keras.models.load_model('best.keras')") { a, interpreter in
                guard case .string("epoch") = a["save_freq"] else {
                    throw PythonError(.notImplementedError, "regtutor's ModelCheckpoint saves once per epoch (save_freq='epoch') only")
                }
                let store: (String, Keras.Sequential, Bool) throws -> Void = { [weak interpreter] path, model, weightsOnly in
                    guard let interpreter else { return }
                    let object = Value.object(KerasLayerObject.of(model))
                    interpreter.frameworkState.saved[path] = weightsOnly
                        ? .list(try model.weights.map { try KerasValues.array($0.value) })
                        : try interpreter.deepCopy(object)
                }
                let threshold: Double? = a.isNone("initial_value_threshold") ? nil : try a.double("initial_value_threshold")
                let callback = try ModelCheckpoint(filepath: try a.string("filepath"), monitor: try a.string("monitor"), verbose: try a.int("verbose"),
                                                   saveBestOnly: try a.bool("save_best_only"), saveWeightsOnly: try a.bool("save_weights_only"),
                                                   mode: try a.string("mode"), initialValueThreshold: threshold, save: store)
                return .object(KerasCallbackObject.of(callback))
            },
            Builtin("callbacks", "ReduceLROnPlateau(monitor='val_loss', factor=0.1, patience=10, verbose=0, mode='auto', min_delta=0.0001, cooldown=0, min_lr=0.0)", kind: .type,
                    doc: "Multiplies the learning rate by factor when the monitored value has not improved by min_delta for patience epochs (never below min_lr), then waits cooldown epochs. It adds learning_rate to each epoch's logs and so to the history.",
                    example: "callbacks.ReduceLROnPlateau(monitor='val_loss', factor=0.5, patience=2)") { a, _ in
                .object(KerasCallbackObject.of(try ReduceLROnPlateau(monitor: try a.string("monitor"), factor: try a.double("factor"), patience: try a.int("patience"),
                                                                     verbose: try a.int("verbose"), mode: try a.string("mode"), minDelta: try a.double("min_delta"),
                                                                     cooldown: try a.int("cooldown"), minLR: try a.double("min_lr"))))
            },
            Builtin("callbacks", "LambdaCallback(on_epoch_begin=None, on_epoch_end=None, on_train_begin=None, on_train_end=None, on_train_batch_begin=None, on_train_batch_end=None)", kind: .type,
                    doc: "A callback made of functions: on_epoch_end=lambda epoch, logs: print(epoch, logs['loss']). Epoch and batch hooks take (number, logs); train hooks take (logs).",
                    example: "callbacks.LambdaCallback(on_epoch_end=lambda epoch, logs: print(epoch, round(logs['loss'], 3)))") { a, interpreter in
                var functions: [String: Value] = [:]
                for hook in ["on_epoch_begin", "on_epoch_end", "on_train_begin", "on_train_end", "on_train_batch_begin", "on_train_batch_end"] where !a.isNone(hook) {
                    functions[hook] = a[hook]
                }
                return .object(KerasCallbackObject.of(LambdaCallback(functions, interpreter: interpreter)))
            },
            Builtin("callbacks", "History()", kind: .type,
                    doc: "What fit() returns: history.history is a dict of every epoch's numbers by name ('loss', 'accuracy', 'val_loss'...), history.epoch the epochs, history.params the settings.",
                    example: "history = model.fit(X, y, epochs=5, verbose=0)\nhistory.history['loss']") { _, interpreter in
                .object(KerasHistoryObject.of(History(), in: interpreter))
            },
        ]
    }
}

/// A student's subclass of `keras.callbacks.Callback`, called through its own methods.
final class PythonCallback: Keras.Callback {
    let instance: Instance
    weak var interpreter: Interpreter?

    init(_ instance: Instance, interpreter: Interpreter) {
        self.instance = instance
        self.interpreter = interpreter
    }

    private func hook(_ name: String, _ arguments: [Value]) throws {
        guard let interpreter else { return }
        if let model { try interpreter.setAttribute(of: .object(instance), "model", to: .object(KerasLayerObject.of(model))) }
        _ = try interpreter.callAttribute(.object(instance), name, Arguments(arguments))
    }

    override func onTrainBegin(_ logs: Logs) throws {
        if let interpreter {
            let params = try DictObject(params.map { (.string($0.0), .int($0.1)) })
            try interpreter.setAttribute(of: .object(instance), "params", to: .dict(params))
        }
        try hook("on_train_begin", [try KerasCallbacks.dict(logs)])
    }
    override func onTrainEnd(_ logs: Logs) throws { try hook("on_train_end", [try KerasCallbacks.dict(logs)]) }
    override func onEpochBegin(_ epoch: Int, _ logs: Logs) throws { try hook("on_epoch_begin", [.int(epoch), try KerasCallbacks.dict(logs)]) }
    override func onEpochEnd(_ epoch: Int, _ logs: Logs) throws { try hook("on_epoch_end", [.int(epoch), try KerasCallbacks.dict(logs)]) }
    override func onTrainBatchBegin(_ batch: Int, _ logs: Logs) throws { try hook("on_train_batch_begin", [.int(batch), try KerasCallbacks.dict(logs)]) }
    override func onTrainBatchEnd(_ batch: Int, _ logs: Logs) throws { try hook("on_train_batch_end", [.int(batch), try KerasCallbacks.dict(logs)]) }
}

/// `LambdaCallback(on_epoch_end=...)`: the functions given, called with Keras's arguments.
final class LambdaCallback: Keras.Callback {
    let functions: [String: Value]
    weak var interpreter: Interpreter?

    init(_ functions: [String: Value], interpreter: Interpreter) {
        self.functions = functions
        self.interpreter = interpreter
    }

    private func call(_ name: String, _ arguments: [Value]) throws {
        guard let function = functions[name], let interpreter else { return }
        _ = try interpreter.call(function, Arguments(arguments))
    }

    override func onTrainBegin(_ logs: Logs) throws { try call("on_train_begin", [try KerasCallbacks.dict(logs)]) }
    override func onTrainEnd(_ logs: Logs) throws { try call("on_train_end", [try KerasCallbacks.dict(logs)]) }
    override func onEpochBegin(_ epoch: Int, _ logs: Logs) throws { try call("on_epoch_begin", [.int(epoch), try KerasCallbacks.dict(logs)]) }
    override func onEpochEnd(_ epoch: Int, _ logs: Logs) throws { try call("on_epoch_end", [.int(epoch), try KerasCallbacks.dict(logs)]) }
    override func onTrainBatchBegin(_ batch: Int, _ logs: Logs) throws { try call("on_train_batch_begin", [.int(batch), try KerasCallbacks.dict(logs)]) }
    override func onTrainBatchEnd(_ batch: Int, _ logs: Logs) throws { try call("on_train_batch_end", [.int(batch), try KerasCallbacks.dict(logs)]) }
}

/// A built-in Keras callback as Python sees it (ModelCheckpoint, ReduceLROnPlateau, LambdaCallback).
final class KerasCallbackObject: PythonObject {
    let callback: Keras.Callback
    private init(_ callback: Keras.Callback) { self.callback = callback }

    static func of(_ callback: Keras.Callback) -> KerasCallbackObject {
        if let existing = callback.binding as? KerasCallbackObject { return existing }
        let made = KerasCallbackObject(callback)
        callback.binding = made
        return made
    }

    var typeName: String {
        switch callback {
        case is ModelCheckpoint: return "ModelCheckpoint"
        case is ReduceLROnPlateau: return "ReduceLROnPlateau"
        default: return "LambdaCallback"
        }
    }
    var classKey: String { "callbacks." + typeName }

    func repr(in interpreter: Interpreter) throws -> String { "<keras.callbacks.\(typeName) object at \(interpreter.address(of: self))>" }

    func attribute(_ name: String, in interpreter: Interpreter) throws -> Value? {
        if name == "model" { return callback.model.map { .object(KerasLayerObject.of($0)) } ?? Value.none }
        switch (callback, name) {
        case (let c as ModelCheckpoint, "filepath"): return .string(c.filepath)
        case (let c as ModelCheckpoint, "monitor"): return .string(c.monitor)
        case (let c as ModelCheckpoint, "best"): return c.best.map { .float($0) } ?? Value.none
        case (let c as ModelCheckpoint, "save_best_only"): return .bool(c.saveBestOnly)
        case (let c as ReduceLROnPlateau, "monitor"): return .string(c.monitor)
        case (let c as ReduceLROnPlateau, "factor"): return .float(c.factor)
        case (let c as ReduceLROnPlateau, "patience"): return .int(c.patience)
        case (let c as ReduceLROnPlateau, "best"): return c.best.map { .float($0) } ?? Value.none
        case (let c as ReduceLROnPlateau, "wait"): return .int(c.wait)
        case (let c as ReduceLROnPlateau, "min_lr"): return .float(c.minLR)
        default: return nil
        }
    }
}

/// What `fit` returns: Keras's `History`, with `.history`, `.epoch`, `.params` and `.model`.
final class KerasHistoryObject: PythonObject {
    let history: History
    private var cached: (epochs: Int, dict: DictObject)?

    private init(_ history: History) { self.history = history }

    static func of(_ history: History, in interpreter: Interpreter) -> KerasHistoryObject {
        if let existing = history.binding as? KerasHistoryObject { return existing }
        let made = KerasHistoryObject(history)
        history.binding = made
        return made
    }

    var typeName: String { "History" }
    var classKey: String { "callbacks.History" }

    /// `history.history`, the same dict until another epoch is recorded.
    func record() throws -> DictObject {
        if let cached, cached.epochs == history.epochs.count { return cached.dict }
        let dict = try DictObject(history.values.map { (.string($0.name), .list(ListObject($0.values.map { .float($0) }))) })
        cached = (history.epochs.count, dict)
        return dict
    }

    func attribute(_ name: String, in interpreter: Interpreter) throws -> Value? {
        switch name {
        case "history": return .dict(try record())
        case "epoch": return .list(ListObject(history.epochs.map { .int($0) }))
        case "params": return .dict(try DictObject(history.params.map { (.string($0.0), .int($0.1)) }))
        case "model": return history.model.map { .object(KerasLayerObject.of($0)) } ?? Value.none
        default: return nil
        }
    }

    func repr(in interpreter: Interpreter) throws -> String { "<keras.src.callbacks.history.History object at \(interpreter.address(of: self))>" }

    var attributeNames: [String] { ["history", "epoch", "params", "model"] }
}
