import NeuralNet
import TensorEngine

/// A training loop with a validation set, Keras's `model.fit` in miniature: each epoch trains
/// on (x, y) (full batch, or mini-batches in order), evaluates on (xVal, yVal) in evaluation
/// mode, prints one row, and asks early stopping (when given) whether to go on.
///
/// The loss trained on includes the model's own penalties (its `kernel_regularizer`s), as in
/// Keras; the losses reported are the data losses alone, so runs with and without a penalty
/// compare fairly.
///
/// ```swift
/// let history = try Fit(model: model, loss: mse, optimizer: sgd, earlyStopping: es).run(x, y, xVal, yVal, epochs: 200)
/// ```
public struct Fit {
    /// The model trained.
    public let model: Module
    /// The data loss: (prediction, target) ↦ a 0-d tensor.
    public let loss: (Tensor, Tensor) throws -> Tensor
    /// The optimizer stepping the model's parameters.
    public let optimizer: Optimizer
    /// The callback deciding when to stop, if any.
    public let earlyStopping: EarlyStopping?
    /// Rows are printed through this (nil: silent).
    public var output: ((String) -> Void)?
    /// Print every n-th epoch (the first, the last and the stopping one always).
    public var every = 1
    /// Called once per epoch, so that Ctrl-C and time limits can stop a long run.
    public var checkpoint: () throws -> Void = {}

    /// A training run of `model` with `loss` and `optimizer`.
    public init(model: Module, loss: @escaping (Tensor, Tensor) throws -> Tensor, optimizer: Optimizer, earlyStopping: EarlyStopping?) {
        self.model = model
        self.loss = loss
        self.optimizer = optimizer
        self.earlyStopping = earlyStopping
    }

    /// What a run produced, per epoch.
    public struct History {
        /// The mean training loss of each epoch.
        public var loss: [Double] = []
        /// The validation loss after each epoch, in eval mode.
        public var validationLoss: [Double] = []
        /// The epoch early stopping chose (its best), or the epoch of the lowest validation loss.
        public var bestEpoch: Int?
        /// The epoch training stopped at, nil when it ran to the end.
        public var stoppedEpoch: Int?
    }

    /// The sum of the penalties attached to the model's parameters (Keras's `model.losses`).
    public static func penalties(of model: Module) throws -> Tensor? {
        let terms = try model.parameters().compactMap { parameter in try parameter.penalty.map { try $0(parameter.tensor) } }
        guard var total = terms.first else { return nil }
        for term in terms.dropFirst() { total = try total + term }
        return total
    }

    /// Trains for up to `epochs` epochs and returns what happened.
    public func run(_ x: Tensor, _ y: Tensor, _ xVal: Tensor, _ yVal: Tensor, epochs: Int, batchSize: Int? = nil) throws -> History {
        guard epochs > 0 else { throw TensorError(.valueError, "fit needs epochs >= 1, got \(epochs)") }
        guard x.rank >= 1, y.rank >= 1, x.shape[0] == y.shape[0], xVal.rank >= 1, yVal.rank >= 1, xVal.shape[0] == yVal.shape[0] else {
            throw TensorError(.valueError, "fit needs inputs and targets with matching first dimensions, got \(Shape.torchSize(x.shape)) and \(Shape.torchSize(y.shape)), \(Shape.torchSize(xVal.shape)) and \(Shape.torchSize(yVal.shape))")
        }
        if let batchSize, batchSize <= 0 { throw TensorError(.valueError, "batch_size should be a positive integer value, but got batch_size=\(batchSize)") }
        earlyStopping?.reset()
        var history = History()
        output?(header)
        var bestValidation = Double.infinity
        for epoch in 0..<epochs {
            try checkpoint()
            model.train()
            let trainLoss = try trainOneEpoch(x, y, batchSize: batchSize ?? x.shape[0])
            model.eval()
            let validationLoss = Double(try GradMode.withDisabled { try loss(try model(xVal), yVal) }.item())
            model.train()
            history.loss.append(trainLoss)
            history.validationLoss.append(validationLoss)
            if validationLoss < bestValidation {
                bestValidation = validationLoss
                if earlyStopping == nil { history.bestEpoch = epoch }
            }
            let stop = try earlyStopping?.step(validationLoss, model: model) ?? false
            if let earlyStopping { history.bestEpoch = earlyStopping.bestEpoch }
            if stop || epoch == 0 || epoch == epochs - 1 || epoch % Swift.max(every, 1) == 0 {
                output?(row(epoch, trainLoss, validationLoss))
            }
            if stop {
                history.stoppedEpoch = epoch
                break
            }
        }
        if history.stoppedEpoch == nil, let earlyStopping { try earlyStopping.finish(model: model) }
        output?(summary(history))
        return history
    }

    private func trainOneEpoch(_ x: Tensor, _ y: Tensor, batchSize: Int) throws -> Double {
        let n = x.shape[0]
        var total = 0.0
        var start = 0
        while start < n {
            let count = Swift.min(batchSize, n - start)
            let xb = count == n ? x : try x.narrowed(dim: 0, start: start, length: count)
            let yb = count == n ? y : try y.narrowed(dim: 0, start: start, length: count)
            optimizer.zeroGrad()
            let dataLoss = try loss(try model(xb), yb)
            var objective = dataLoss
            if let penalty = try Fit.penalties(of: model) { objective = try dataLoss + penalty }
            try objective.backward()
            try optimizer.step()
            total += Double(try dataLoss.item()) * Double(count)
            start += count
        }
        return total / Double(n)
    }

    private var header: String {
        "epoch  train loss  val loss" + (earlyStopping == nil ? "" : "    best        wait")
    }

    private func row(_ epoch: Int, _ trainLoss: Double, _ validationLoss: Double) -> String {
        var text = String(epoch).leftPadded(5) + "  " + PythonFloat.fixed(trainLoss, digits: 6).leftPadded(10)
            + "  " + PythonFloat.fixed(validationLoss, digits: 6).leftPadded(8)
        if let earlyStopping, let last = earlyStopping.history.last {
            text += "  " + (last.best.map { PythonFloat.fixed($0, digits: 6) } ?? "None").leftPadded(10) + "  " + String(last.wait).leftPadded(4)
            if last.ignored { text += "  (warm-up)" } else if last.stopped { text += "  stop" } else if last.improved { text += "  *" }
        }
        return text
    }

    private func summary(_ history: History) -> String {
        if let earlyStopping { return earlyStopping.verdict }
        let best = history.bestEpoch.map { "lowest val loss \(PythonFloat.fixed(history.validationLoss[$0], digits: 6)) at epoch \($0)" } ?? ""
        return "Ran all \(history.loss.count) epochs (no early stopping).\n\(best.prefix(1).uppercased() + best.dropFirst()); the model keeps its last weights."
    }
}
