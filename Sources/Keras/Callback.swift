import Regularization
import TensorEngine

/// The numbers of a step or an epoch, by name, in Keras's order (`loss`, `accuracy`..., then
/// the `val_` ones). A class, so a callback that adds an entry (ReduceLROnPlateau's
/// `learning_rate`) adds it for the callbacks after it and for the history.
public final class Logs {
    public private(set) var entries: [(name: String, value: Double)]

    public init(_ entries: [(name: String, value: Double)] = []) {
        self.entries = entries
    }

    public subscript(name: String) -> Double? {
        get { entries.first { $0.name == name }?.value }
        set {
            if let index = entries.firstIndex(where: { $0.name == name }) {
                if let newValue { entries[index].value = newValue } else { entries.remove(at: index) }
            } else if let newValue {
                entries.append((name, newValue))
            }
        }
    }

    public var names: [String] { entries.map(\.name) }
}

/// Something `fit` tells about its progress (Keras's `keras.callbacks.Callback`). Each hook
/// does nothing unless overridden.
///
/// ```swift
/// final class Printer: Callback {
///     override func onEpochEnd(_ epoch: Int, _ logs: Logs) throws { print(epoch, logs["loss"] ?? 0) }
/// }
/// ```
open class Callback {
    /// The model being trained, set when training starts.
    public weak var model: Sequential?
    /// `{'verbose': 1, 'epochs': 10, 'steps': 4}`.
    public var params: [(String, Int)] = []
    /// The Python object standing for this callback.
    public var binding: AnyObject?

    public init() {}

    open func onTrainBegin(_ logs: Logs) throws {}
    open func onTrainEnd(_ logs: Logs) throws {}
    open func onEpochBegin(_ epoch: Int, _ logs: Logs) throws {}
    open func onEpochEnd(_ epoch: Int, _ logs: Logs) throws {}
    open func onTrainBatchBegin(_ batch: Int, _ logs: Logs) throws {}
    open func onTrainBatchEnd(_ batch: Int, _ logs: Logs) throws {}
    open func onTestBegin(_ logs: Logs) throws {}
    open func onTestEnd(_ logs: Logs) throws {}
    open func onPredictBegin(_ logs: Logs) throws {}
    open func onPredictEnd(_ logs: Logs) throws {}
}

/// What `fit` returns (Keras's `History`): every epoch's logs, by name.
///
/// ```swift
/// let history = try model.fit(x, y, FitOptions(epochs: 3))
/// history.values["loss"]     // three numbers
/// ```
public final class History: Callback {
    /// Each name with its value at every epoch, names in first-seen order.
    public private(set) var values: [(name: String, values: [Double])] = []
    /// The epochs seen, as numbered by `fit` (from `initial_epoch`).
    public private(set) var epochs: [Int] = []

    public override func onTrainBegin(_ logs: Logs) throws {
        epochs = []
    }

    public override func onEpochEnd(_ epoch: Int, _ logs: Logs) throws {
        epochs.append(epoch)
        for (name, value) in logs.entries {
            if let index = values.firstIndex(where: { $0.name == name }) {
                values[index].values.append(value)
            } else {
                values.append((name, [value]))
            }
        }
    }

    /// The values of one name.
    public subscript(name: String) -> [Double]? { values.first { $0.name == name }?.values }
}

/// Keras's `EarlyStopping`, on regtutor's `EarlyStopping` rules (the same ones): after each epoch
/// the monitored value is checked; when patience runs out the model stops training, and with
/// `restore_best_weights` the best epoch's weights come back when training ends.
public final class EarlyStoppingCallback: Callback {
    public let rule: EarlyStopping
    public let verbose: Int

    public init(_ rule: EarlyStopping, verbose: Int = 0) {
        self.rule = rule
        self.verbose = verbose
    }

    public override func onTrainBegin(_ logs: Logs) throws { rule.reset() }

    public override func onEpochEnd(_ epoch: Int, _ logs: Logs) throws {
        guard let model else { return }
        guard let value = logs[rule.monitor] else {
            model.context.write("UserWarning: Early stopping conditioned on metric `\(rule.monitor)` which is not available. Available metrics are: \(logs.names.joined(separator: ","))\n")
            return
        }
        if try rule.step(value, epoch: epoch, model: model, restoring: false) { model.stopTraining = true }
    }

    public override func onTrainEnd(_ logs: Logs) throws {
        guard let model else { return }
        if rule.stoppedEpoch > 0 && verbose > 0 { model.context.write("Epoch \(rule.stoppedEpoch + 1): early stopping\n") }
        if rule.restoreBestWeights && rule.hasBestWeights {
            if verbose > 0 { model.context.write("Restoring model weights from the end of the best epoch: \(rule.bestEpoch + 1).\n") }
            try rule.finish(model: model)
        }
    }
}

/// Keras's `ReduceLROnPlateau`: when the monitored value has not improved by `min_delta` for
/// `patience` epochs, the learning rate is multiplied by `factor` (not below `min_lr`), then
/// `cooldown` epochs pass before counting again. It adds `learning_rate` to each epoch's logs.
public final class ReduceLROnPlateau: Callback {
    public let monitor: String
    public let factor: Double
    public let patience: Int
    public let verbose: Int
    public let mode: String
    public let minDelta: Double
    public let cooldown: Int
    public let minLR: Double
    public private(set) var best: Double?
    public private(set) var wait = 0
    private var cooldownCounter = 0

    public init(monitor: String = "val_loss", factor: Double = 0.1, patience: Int = 10, verbose: Int = 0, mode: String = "auto",
                minDelta: Double = 1e-4, cooldown: Int = 0, minLR: Double = 0) throws {
        guard factor < 1 else { throw TensorError(.valueError, "ReduceLROnPlateau does not support a factor >= 1.0. Received factor=\(PythonFloat.repr(factor))") }
        self.monitor = monitor
        self.factor = factor
        self.patience = patience
        self.verbose = verbose
        self.mode = mode
        self.minDelta = Swift.abs(minDelta)
        self.cooldown = cooldown
        self.minLR = minLR
    }

    public override func onTrainBegin(_ logs: Logs) throws {
        best = nil
        cooldownCounter = 0
        wait = 0
    }

    private func minimizing() throws -> Bool {
        if mode == "min" { return true }
        if mode == "max" { return false }
        let name = monitor.hasPrefix("val_") ? String(monitor.dropFirst(4)) : monitor
        if name == "loss" { return true }
        if let metric = model?.compiled?.metrics.first(where: { $0.name == name }) { return !metric.higherIsBetter }
        throw TensorError(.valueError, "ReduceLROnPlateau callback received monitor=\(monitor), but Keras isn't able to automatically determine whether that metric should be maximized or minimized. Pass `mode='max'` in order to monitor based on the highest metric value, or pass `mode='min'` in order to use the lowest value.")
    }

    public override func onEpochEnd(_ epoch: Int, _ logs: Logs) throws {
        guard let model, let optimizer = model.compiled?.optimizer else { return }
        logs["learning_rate"] = Double(optimizer.learningRate)
        guard let current = logs[monitor] else {
            model.context.write("UserWarning: Learning rate reduction is conditioned on metric `\(monitor)` which is not available. Available metrics are: \(logs.names.joined(separator: ",")).\n")
            return
        }
        let minimize = try minimizing()
        if cooldownCounter > 0 {
            cooldownCounter -= 1
            wait = 0
        }
        let improved = best.map { minimize ? current + minDelta < $0 : current - minDelta > $0 } ?? true
        if improved {
            best = current
            wait = 0
        } else if cooldownCounter <= 0 {
            wait += 1
            if wait >= patience {
                let old = Double(optimizer.learningRate)
                if old > Double(Float(minLR)) {
                    let new = Swift.max(old * factor, minLR)
                    optimizer.learningRate = Float(new)
                    if verbose > 0 { model.context.write("\nEpoch \(epoch + 1): ReduceLROnPlateau reducing learning rate to \(PythonFloat.repr(new)).\n") }
                    cooldownCounter = cooldown
                    wait = 0
                }
            }
        }
    }
}

/// Keras's `ModelCheckpoint`: after each epoch, saves the model (or, with `save_best_only`, only
/// when the monitored value improved) through `save`, which regtutor points at the session's
/// store of saved objects. `{epoch:02d}` and `{val_loss:.2f}` in the path are filled in.
public final class ModelCheckpoint: Callback {
    public let filepath: String
    public let monitor: String
    public let verbose: Int
    public let saveBestOnly: Bool
    public let weightsOnly: Bool
    public let mode: String
    public private(set) var best: Double?
    private let save: (String, Sequential, _ weightsOnly: Bool) throws -> Void

    public init(filepath: String, monitor: String = "val_loss", verbose: Int = 0, saveBestOnly: Bool = false, saveWeightsOnly: Bool = false,
                mode: String = "auto", initialValueThreshold: Double? = nil,
                save: @escaping (String, Sequential, _ weightsOnly: Bool) throws -> Void) throws {
        if saveWeightsOnly {
            guard filepath.hasSuffix(".weights.h5") else {
                throw TensorError(.valueError, "When using `save_weights_only=True` in `ModelCheckpoint`, the filepath provided must end in `.weights.h5` (Keras weights format). Received: filepath=\(filepath)")
            }
        } else if !filepath.hasSuffix(".keras") {
            throw TensorError(.valueError, "The filepath provided must end in `.keras` (Keras model format). Received: filepath=\(filepath)")
        }
        self.filepath = filepath
        self.monitor = monitor
        self.verbose = verbose
        self.saveBestOnly = saveBestOnly
        weightsOnly = saveWeightsOnly
        self.mode = mode
        best = initialValueThreshold
        self.save = save
    }

    public override func onEpochEnd(_ epoch: Int, _ logs: Logs) throws {
        guard let model else { return }
        let path = try ModelCheckpoint.fill(filepath, epoch: epoch + 1, logs: logs)
        if saveBestOnly {
            guard let current = logs[monitor] else {
                model.context.write("UserWarning: Can save best model only with \(monitor) available.\n")
                try save(path, model, weightsOnly)
                return
            }
            let maximize = mode == "max" || (mode == "auto" && !monitor.hasSuffix("loss") && (monitor.contains("acc") || monitor.contains("auc")))
            let bestText = best.map { String(format: "%.5f", $0) } ?? "None"
            let improved = best.map { maximize ? current > $0 : current < $0 } ?? true
            if improved {
                if verbose > 0 { model.context.write("\nEpoch \(epoch + 1): \(monitor) improved from \(bestText) to \(String(format: "%.5f", current)), saving model to \(path)\n") }
                best = current
                try save(path, model, weightsOnly)
                if verbose > 0 { model.context.write("\nEpoch \(epoch + 1): finished saving model to \(path)\n") }
            } else if verbose > 0 {
                model.context.write("\nEpoch \(epoch + 1): \(monitor) did not improve from \(bestText)\n")
            }
        } else {
            if verbose > 0 { model.context.write("\nEpoch \(epoch + 1): saving model to \(path)\n") }
            try save(path, model, weightsOnly)
            if verbose > 0 { model.context.write("\nEpoch \(epoch + 1): finished saving model to \(path)\n") }
        }
    }

    /// Fills `{epoch}`, `{epoch:02d}`, `{loss:.4f}`-style fields from the epoch and its logs.
    static func fill(_ template: String, epoch: Int, logs: Logs) throws -> String {
        var result = "", field = "", inField = false
        for character in template {
            if inField {
                if character == "}" {
                    result += try format(field, epoch: epoch, logs: logs)
                    field = ""
                    inField = false
                } else {
                    field.append(character)
                }
            } else if character == "{" {
                inField = true
            } else {
                result.append(character)
            }
        }
        if inField { throw TensorError(.valueError, "Single '{' encountered in format string: \(template)") }
        return result
    }

    private static func format(_ field: String, epoch: Int, logs: Logs) throws -> String {
        let parts = field.split(separator: ":", maxSplits: 1).map(String.init)
        let name = parts.first ?? ""
        let spec = parts.count > 1 ? parts[1] : ""
        let value: Double
        if name == "epoch" { value = Double(epoch) } else if let logged = logs[name] { value = logged } else {
            throw TensorError(.valueError, "Failed to format this callback filepath: \"{\(field)}\". Reason: '\(name)'")
        }
        if spec.isEmpty { return name == "epoch" ? String(epoch) : PythonFloat.repr(value) }
        if spec.hasSuffix("d") {
            guard value.isFinite, Swift.abs(value) < 1e15 else {
                throw TensorError(.valueError, "Failed to format this callback filepath: \"{\(field)}\". Reason: \(name) is \(PythonFloat.repr(value)), not a whole number")
            }
            let width = Int(spec.dropLast().drop { $0 == "0" }) ?? 0
            let digits = String(Int(saturating: value))
            let pad = spec.hasPrefix("0") ? "0" : " "
            return String(repeating: pad, count: max(0, width - digits.count)) + digits
        }
        if spec.hasSuffix("f"), let precision = Int(spec.dropLast().drop { $0 == "." }) {
            return PythonFloat.fixed(value, digits: precision)
        }
        throw TensorError(.valueError, "Unsupported format in callback filepath: \"{\(field)}\"")
    }
}
