import NeuralNet
import TensorEngine

/// Early stopping with Keras's exact rules (`keras.callbacks.EarlyStopping`): stop training once
/// the monitored value has not improved for `patience` epochs, and optionally put back the
/// weights of the best epoch.
///
/// At the end of each epoch (numbered from 0) with value v:
/// 1. epochs before `startFromEpoch` are ignored;
/// 2. wait += 1;
/// 3. v improves when best is unset or v < best − min_delta (mode min; v > best + min_delta in
///    mode max): then best = v, best_epoch = epoch, the weights are remembered, and wait = 0
///    (only if v also improves on `baseline`, when one is given);
/// 4. otherwise, when wait ≥ patience (and epoch > 0), training stops.
///
/// ```swift
/// let es = try EarlyStopping(patience: 3, restoreBestWeights: true)
/// for epoch in 0..<100 { ...; if try es.step(valLoss, model: model) { break } }
/// ```
public final class EarlyStopping: CustomStringConvertible {
    /// The quantity watched, e.g. "val_loss".
    public let monitor: String
    /// The smallest change that counts as an improvement (always used as a positive amount).
    public let minDelta: Double
    /// Epochs without improvement tolerated before stopping.
    public let patience: Int
    /// "min" or "max" ("auto" is resolved from the monitor's name).
    public let mode: String
    /// A value the model must beat before waiting is reset; nil for none.
    public let baseline: Double?
    /// Whether to put the best epoch's weights back when training ends.
    public let restoreBestWeights: Bool
    /// Epochs ignored at the start (a warm-up).
    public let startFromEpoch: Int

    /// The best value so far (nil before the first counted epoch).
    public private(set) var best: Double?
    /// The epoch that gave `best`.
    public private(set) var bestEpoch = 0
    /// Epochs since the last improvement.
    public private(set) var wait = 0
    /// The epoch at which training was stopped, 0 while it has not been.
    public private(set) var stoppedEpoch = 0
    /// The next epoch number `step` will use.
    public private(set) var epoch = 0
    /// One row per epoch seen: the table a trace prints.
    public private(set) var history: [Row] = []
    private var bestWeights: [(name: String, tensor: Tensor)]?

    /// What happened at one epoch.
    public struct Row: Sendable {
        /// The epoch, from 0.
        public let epoch: Int
        /// The monitored value at that epoch.
        public let value: Double
        /// Whether it improved on the best.
        public let improved: Bool
        /// The best value after this epoch.
        public let best: Double?
        /// Epochs without improvement after this epoch.
        public let wait: Int
        /// Whether training stopped here.
        public let stopped: Bool
        /// True for epochs before `startFromEpoch`.
        public let ignored: Bool
    }

    /// Keras's `EarlyStopping(monitor, min_delta, patience, mode, baseline, restore_best_weights, start_from_epoch)`.
    public init(monitor: String = "val_loss", minDelta: Double = 0, patience: Int = 0, mode: String = "auto",
                baseline: Double? = nil, restoreBestWeights: Bool = false, startFromEpoch: Int = 0) throws {
        guard ["auto", "min", "max"].contains(mode) else {
            throw TensorError(.valueError, "EarlyStopping mode '\(mode)' is unknown: use 'auto', 'min' or 'max'")
        }
        guard patience >= 0 else { throw TensorError(.valueError, "patience must be >= 0, got \(patience)") }
        self.monitor = monitor
        self.minDelta = Swift.abs(minDelta)
        self.patience = patience
        self.mode = mode != "auto" ? mode : try EarlyStopping.direction(of: monitor)
        self.baseline = baseline
        self.restoreBestWeights = restoreBestWeights
        self.startFromEpoch = startFromEpoch
    }

    /// Keras's "auto": losses and errors are minimised, accuracies and AUCs maximised (as a
    /// compiled model's metrics say); for any other name Keras cannot tell, and neither can we.
    static func direction(of monitor: String) throws -> String {
        let name = monitor.lowercased()
        if name.hasSuffix("loss") || ["mse", "mae", "error"].contains(where: name.hasSuffix) { return "min" }
        if ["acc", "auc", "precision", "recall"].contains(where: name.contains) { return "max" }
        throw TensorError(.valueError,
            "EarlyStopping callback received monitor=\(monitor), but Keras isn't able to automatically determine whether that metric should be maximized or minimized. Pass `mode='max'` in order to monitor based on the highest metric value, or pass `mode='min'` in order to use the lowest value.")
    }

    /// Forgets everything, as at the start of training (Keras's `on_train_begin`).
    public func reset() {
        best = nil
        bestEpoch = 0
        wait = 0
        stoppedEpoch = 0
        epoch = 0
        history = []
        bestWeights = nil
    }

    private func improves(_ value: Double, on reference: Double?) -> Bool {
        guard let reference else { return true }
        return mode == "max" ? value - minDelta > reference : value + minDelta < reference
    }

    /// Keras's `on_epoch_end` for the next epoch (or for `epoch`, as `fit` numbers them): true
    /// when training should stop now. When it stops, `restoreBestWeights` is set and `restoring`
    /// is true, the best weights are put back into `model` at once.
    public func step(_ value: Double, epoch given: Int? = nil, model: Module? = nil, restoring: Bool = true) throws -> Bool {
        let current = given ?? epoch
        epoch = current + 1
        if current < startFromEpoch {
            history.append(Row(epoch: current, value: value, improved: false, best: best, wait: wait, stopped: false, ignored: true))
            return false
        }
        if restoreBestWeights, bestWeights == nil, let model {
            bestWeights = try model.stateDict().map { ($0.name, try $0.tensor.compactCopy()) }
            bestEpoch = current
        }
        wait += 1
        if improves(value, on: best) {
            best = value
            bestEpoch = current
            if restoreBestWeights, let model { bestWeights = try model.stateDict().map { ($0.name, try $0.tensor.compactCopy()) } }
            if improves(value, on: baseline) { wait = 0 }
            history.append(Row(epoch: current, value: value, improved: true, best: best, wait: wait, stopped: false, ignored: false))
            return false
        }
        let stop = wait >= patience && current > 0
        if stop { stoppedEpoch = current }
        history.append(Row(epoch: current, value: value, improved: false, best: best, wait: wait, stopped: stop, ignored: false))
        if stop, restoring, let model { try finish(model: model) }
        return stop
    }

    /// True once weights of a best epoch are remembered.
    public var hasBestWeights: Bool { bestWeights != nil }

    /// Keras's `on_train_end`: puts the best weights back into `model` when restoring is on
    /// (even when training ran to the end without stopping). Returns whether it restored.
    @discardableResult
    public func finish(model: Module) throws -> Bool {
        guard restoreBestWeights, let bestWeights else { return false }
        try GradMode.withDisabled { try model.loadStateDict(bestWeights) }
        return true
    }

    /// One sentence on what happened: when and why it stopped, which weights the model keeps.
    public var verdict: String {
        let bestText = best.map { "best \(monitor) \(PythonFloat.fixed($0, digits: 4)) at epoch \(bestEpoch)" } ?? "no epoch counted yet"
        let weights = restoreBestWeights ? "the model holds the weights of epoch \(bestEpoch)" : "the model keeps its last weights"
        if stoppedEpoch > 0 {
            return "Stopped at epoch \(stoppedEpoch): no improvement of more than \(PythonFloat.repr(minDelta)) for \(wait) epoch\(wait == 1 ? "" : "s") (patience \(patience)).\n\(bestText.prefix(1).uppercased() + bestText.dropFirst()); \(weights)."
        }
        return "Did not stop (\(history.count) epoch\(history.count == 1 ? "" : "s") seen).\n\(bestText.prefix(1).uppercased() + bestText.dropFirst()); \(restoreBestWeights ? "finish() restores the weights of epoch \(bestEpoch)" : "the model keeps its last weights")."
    }

    /// The epochs seen, one row each, then the verdict.
    public var table: String {
        var lines = ["epoch  \(monitor.padding(toLength: 10, withPad: " ", startingAt: 0))  best        wait  note"]
        for row in history {
            let note = row.ignored ? "before start_from_epoch" : row.stopped ? "stop" : row.improved ? "improved" : ""
            lines.append(String(row.epoch).leftPadded(5) + "  " + PythonFloat.fixed(row.value, digits: 6).padding(toLength: 10, withPad: " ", startingAt: 0)
                + "  " + (row.best.map { PythonFloat.fixed($0, digits: 6) } ?? "None").padding(toLength: 10, withPad: " ", startingAt: 0)
                + "  " + String(row.wait).leftPadded(4) + (note.isEmpty ? "" : "  " + note))
        }
        lines.append(verdict)
        return lines.joined(separator: "\n")
    }

    /// Shows the settings like a Keras constructor call.
    public var description: String {
        "EarlyStopping(monitor='\(monitor)', min_delta=\(PythonFloat.repr(minDelta)), patience=\(patience), mode='\(mode)', "
            + "baseline=\(baseline.map { PythonFloat.repr($0) } ?? "None"), restore_best_weights=\(restoreBestWeights ? "True" : "False"), start_from_epoch=\(startFromEpoch))"
    }
}

extension String {
    func leftPadded(_ width: Int) -> String {
        count >= width ? self : String(repeating: " ", count: width - count) + self
    }
}
