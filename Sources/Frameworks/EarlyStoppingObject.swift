import Python
import NeuralNet
import Regularization
import TensorEngine

/// `callbacks.EarlyStopping(...)`, used by hand (`if es.step(val_loss, model): break`) or
/// given to `fit(..., callbacks=[es])`.
final class EarlyStoppingObject: PythonObject {
    let earlyStopping: EarlyStopping
    /// Keras's verbose: 1 prints when training stopped and which weights were restored.
    let verbose: Int
    init(_ earlyStopping: EarlyStopping, verbose: Int = 0) {
        self.earlyStopping = earlyStopping
        self.verbose = verbose
    }

    var typeName: String { "EarlyStopping" }

    func attribute(_ name: String, in interpreter: Interpreter) throws -> Value? {
        let es = earlyStopping
        switch name {
        case "best": return es.best.map { .float($0) } ?? Value.none
        case "best_epoch": return .int(es.bestEpoch)
        case "wait": return .int(es.wait)
        case "stopped_epoch": return .int(es.stoppedEpoch)
        case "patience": return .int(es.patience)
        case "min_delta": return .float(es.minDelta)
        case "monitor": return .string(es.monitor)
        case "mode": return .string(es.mode)
        case "baseline": return es.baseline.map { .float($0) } ?? Value.none
        case "restore_best_weights": return .bool(es.restoreBestWeights)
        case "start_from_epoch": return .int(es.startFromEpoch)
        case "epoch": return .int(es.epoch)
        default: return nil
        }
    }

    func repr(in interpreter: Interpreter) throws -> String { earlyStopping.description }

    var attributeNames: [String] {
        ["best", "best_epoch", "wait", "stopped_epoch", "patience", "min_delta", "monitor", "mode", "baseline",
         "restore_best_weights", "start_from_epoch", "epoch"]
    }
}

/// What `fit(...)` returns, like Keras's `History`: `history.history['val_loss']`, or directly
/// `history['val_loss']`, plus the epoch early stopping chose.
final class HistoryObject: PythonObject {
    let record: DictObject
    let bestEpoch: Int?
    let stoppedEpoch: Int?

    init(_ history: Fit.History) throws {
        record = DictObject()
        try record.set(.string("loss"), .list(ListObject(history.loss.map { .float($0) })))
        try record.set(.string("val_loss"), .list(ListObject(history.validationLoss.map { .float($0) })))
        bestEpoch = history.bestEpoch
        stoppedEpoch = history.stoppedEpoch
    }

    var typeName: String { "History" }

    func item(at index: Value, in interpreter: Interpreter) throws -> Value? {
        guard let value = try record.get(index) else { throw PythonError.keyError(index, in: interpreter) }
        return value
    }

    func attribute(_ name: String, in interpreter: Interpreter) throws -> Value? {
        switch name {
        case "history": return .dict(record)
        case "epoch":
            let count = (try record.get(.string("loss"))).flatMap { value -> Int? in
                if case .list(let list) = value { return list.items.count }
                return nil
            } ?? 0
            return .list(ListObject((0..<count).map { .int($0) }))
        case "best_epoch": return bestEpoch.map { .int($0) } ?? Value.none
        case "stopped_epoch": return stoppedEpoch.map { .int($0) } ?? Value.none
        default: return nil
        }
    }

    func repr(in interpreter: Interpreter) throws -> String {
        let epochs = (try? record.get(.string("loss"))).flatMap { $0 }.map { value -> Int in
            if case .list(let list) = value { return list.items.count }
            return 0
        } ?? 0
        return "<History: \(epochs) epochs, best_epoch=\(bestEpoch.map(String.init) ?? "None"), stopped_epoch=\(stoppedEpoch.map(String.init) ?? "None")>"
    }

    var attributeNames: [String] { ["history", "epoch", "best_epoch", "stopped_epoch"] }
}
