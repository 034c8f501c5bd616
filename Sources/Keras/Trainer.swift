import NeuralNet
import TensorEngine

/// What `compile` chose: the optimizer, the loss and the metrics.
public final class CompiledState {
    public let optimizer: Optimizer
    public let loss: Loss?
    /// The metrics, in the order given.
    public private(set) var metrics: [Metric]
    /// Keras's running mean of the loss, weighted by batch size.
    let lossTracker = Metric(.meanAbsoluteError, name: "loss")
    private var lossTotal: Float = 0
    private var lossCount: Float = 0
    /// False until the first `fit`, `evaluate` or `train_on_batch` after `compile`.
    var built = false

    public init(optimizer: Optimizer, loss: Loss?, metrics: [Metric]) {
        self.optimizer = optimizer
        self.loss = loss
        self.metrics = metrics
    }

    func reset() {
        lossTotal = 0
        lossCount = 0
        metrics = metrics.map { $0.fresh() }
    }

    func track(loss: Float, samples: Int) {
        lossTotal += loss * Float(samples)
        lossCount += Float(samples)
    }

    /// The logs now: `loss` and every metric, sorted by name as Keras sorts them.
    func results() -> Logs {
        let loss = lossCount == 0 ? 0 : lossTotal / lossCount
        let entries = [("loss", Double(loss))] + metrics.map { ($0.name, Double($0.result)) }
        return Logs(entries.sorted { $0.0 < $1.0 })
    }

    /// `loss` then the metrics in compile order (what `evaluate` returns).
    func orderedResults() -> [(String, Double)] {
        let logs = results()
        return ["loss"].compactMap { name in logs[name].map { (name, $0) } } + metrics.map { ($0.name, logs[$0.name] ?? 0) }
    }
}

/// `fit`'s arguments, with Keras's defaults.
public struct FitOptions {
    public var batchSize: Int?
    public var epochs = 1
    public var verbose = 1
    public var callbacks: [Callback] = []
    public var validationSplit = 0.0
    public var validationData: (x: Tensor, y: Tensor)?
    public var shuffle = true
    public var initialEpoch = 0
    public var validationBatchSize: Int?
    public var validationFreq = 1

    public init(epochs: Int = 1, batchSize: Int? = nil) {
        self.epochs = epochs
        self.batchSize = batchSize
    }
}

/// Keras's training loop for a `Sequential`, drawing from torch's generator exactly where Keras on
/// torch draws (its DataLoader's seeds and shuffles), so batches and dropout masks match:
///
///     each epoch:  draw; [shuffle: seed = draw; order = randperm(n, seed)];  steps;  draw
///     each step:   ŷ = model(x, training=True);  loss = Σ stack([compiled loss, *model.losses]);
///                  backward;  optimizer.apply;  metrics on ŷ
///     validation:  draw; batches in order, training=False; draw      → val_ logs
///
/// The first `fit` or `evaluate` after `compile` (or on an unbuilt model) also takes one batch to
/// build with, which costs a draw (two when shuffling), as Keras's symbolic build does.
extension Sequential {
    /// `model.compile(optimizer, loss, metrics)`.
    public func compile(optimizer: Optimizer, loss: Loss?, metrics: [Metric]) {
        compiled = CompiledState(optimizer: optimizer, loss: loss, metrics: metrics)
    }

    private func compiledState() throws -> CompiledState {
        guard let compiled else { throw TensorError(.valueError, "You must call `compile()` before using the model.") }
        return compiled
    }

    private static func checkCardinality(_ x: Tensor, _ y: Tensor) throws {
        guard x.rank >= 1, y.rank >= 1 else {
            throw TensorError(.valueError, "Expected arrays with a batch dimension, got x of shape \(Shape.torchSize(x.shape)) and y of shape \(Shape.torchSize(y.shape))")
        }
        guard x.shape[0] == y.shape[0] else {
            throw TensorError(.valueError, "Data cardinality is ambiguous. Make sure all arrays contain the same number of samples.'x' sizes: \(x.shape[0])\n'y' sizes: \(y.shape[0])\n")
        }
    }

    private static func batchSize(_ given: Int?) throws -> Int {
        let size = given ?? 32
        guard size > 0 else { throw TensorError(.valueError, "batch_size must be a positive integer, got \(size)") }
        return size
    }

    /// Builds what is unbuilt from the first batch, with the draws Keras's peek costs.
    private func symbolicBuild(_ x: Tensor, _ compiled: CompiledState, shuffle: Bool) throws {
        guard !isBuilt || !compiled.built else { return }
        _ = context.generator.derivedSeed()
        if shuffle { _ = context.generator.derivedSeed() }
        try buildIfNeeded(KerasShape.ofBatch(x.shape))
        compiled.built = true
    }

    /// The shape check Keras's symbolic pass makes, on one batch's shape.
    private func validateBatches(_ x: Tensor, batchSize: Int) throws {
        guard isBuilt, x.rank >= 1 else { return }
        try validate(inputShape: [min(batchSize, x.shape[0])] + x.shape.dropFirst())
    }

    /// The order of one epoch's samples, and the draws that choose it.
    private func epochOrder(_ n: Int, shuffle: Bool) -> [Int] {
        _ = context.generator.derivedSeed()
        guard shuffle else { return Array(0..<n) }
        return RandomGenerator(seed: context.generator.derivedSeed()).permutation(n)
    }

    private static func rows(_ t: Tensor, _ indices: ArraySlice<Int>) throws -> Tensor {
        let positions = try Tensor(indices.map { Int64($0) }, shape: [indices.count], dtype: .int64)
        return try t.detached().index([.tensor(positions)]).detached()
    }

    /// The compiled loss plus every loss the layers add, summed as one stack.
    private func totalLoss(_ compiled: CompiledState, _ y: Tensor, _ yPred: Tensor) throws -> Tensor {
        var terms: [Tensor] = []
        if let loss = compiled.loss { terms.append(try loss(y, yPred)) }
        terms += try losses.map { $0.rank == 0 ? $0 : try $0.sum() }
        guard !terms.isEmpty else {
            throw TensorError(.valueError, "No loss to compute. Provide a `loss` argument in `compile()`.")
        }
        return try Tensor.stack(terms).sum()
    }

    /// One optimizer step on a batch; the metrics take the training-mode predictions.
    private func trainStep(_ compiled: CompiledState, _ x: Tensor, _ y: Tensor) throws {
        try GradMode.with(enabled: true) {
            let yPred = try self(x, training: true)
            let trainables = trainableWeights.map(\.variable)
            for variable in trainables { variable.grad = nil }
            let loss = try totalLoss(compiled, y, yPred)
            compiled.track(loss: Float(try loss.item()), samples: x.shape[0])
            if !trainables.isEmpty {
                try loss.backward()
                let pairs = trainables.compactMap { variable in variable.grad.map { (variable: variable, gradient: $0) } }
                try GradMode.withDisabled { try compiled.optimizer.apply(pairs) }
            }
            for metric in compiled.metrics { try metric.update(y, yPred.detached()) }
        }
    }

    /// One evaluation step on a batch, in inference mode.
    private func testStep(_ compiled: CompiledState, _ x: Tensor, _ y: Tensor) throws {
        try GradMode.withDisabled {
            let yPred = try self(x, training: false)
            let loss = try totalLoss(compiled, y, yPred)
            compiled.track(loss: Float(try loss.item()), samples: x.shape[0])
            for metric in compiled.metrics { try metric.update(y, yPred) }
        }
    }

    /// `model.fit(x, y, ...)`: trains and returns the history.
    public func fit(_ x: Tensor, _ y: Tensor, _ options: FitOptions) throws -> History {
        let compiled = try compiledState()
        try Sequential.checkCardinality(x, y)
        let batchSize = try Sequential.batchSize(options.batchSize)
        guard options.validationSplit >= 0 && options.validationSplit < 1 else {
            throw TensorError(.valueError, "`validation_split` must be in [0, 1). Received: validation_split=\(PythonFloat.repr(options.validationSplit))")
        }
        var (trainX, trainY) = (x, y)
        var validation = options.validationData
        if validation == nil && options.validationSplit > 0 {
            let splitAt = Int(saturating: (Double(x.shape[0]) * (1 - options.validationSplit)).rounded(.down))
            guard splitAt > 0 && splitAt < x.shape[0] else {
                throw TensorError(.valueError, "Training data contains \(splitAt) samples, which is not sufficient to split it into a validation and training set as specified by `validation_split=\(PythonFloat.repr(options.validationSplit))`. Either provide more data, or a different value for the `validation_split` argument.")
            }
            trainX = try x.narrowed(dim: 0, start: 0, length: splitAt)
            trainY = try y.narrowed(dim: 0, start: 0, length: splitAt)
            validation = (try x.narrowed(dim: 0, start: splitAt, length: x.shape[0] - splitAt),
                          try y.narrowed(dim: 0, start: splitAt, length: y.shape[0] - splitAt))
        }
        if let validation { try Sequential.checkCardinality(validation.x, validation.y) }
        let n = trainX.shape[0]
        let steps = (n + batchSize - 1) / batchSize
        try symbolicBuild(trainX, compiled, shuffle: options.shuffle)
        try validateBatches(trainX, batchSize: batchSize)
        compiled.optimizer.build(trainableWeights.map(\.variable))

        let history = options.callbacks.compactMap { $0 as? History }.first ?? History()
        let callbacks = options.callbacks.filter { $0 !== history } + [history]
        for callback in callbacks {
            callback.model = self
            callback.params = [("verbose", options.verbose), ("epochs", options.epochs), ("steps", steps)]
        }
        stopTraining = false
        for callback in callbacks { try callback.onTrainBegin(Logs()) }
        var lastLogs = Logs()
        for epoch in options.initialEpoch..<max(options.initialEpoch, options.epochs) {
            compiled.reset()
            for callback in callbacks { try callback.onEpochBegin(epoch, Logs()) }
            if options.verbose > 0 && options.epochs > 1 { context.write("Epoch \(epoch + 1)/\(options.epochs)\n") }
            var bar = ProgressBar(target: steps, verbose: options.verbose, context: context)
            let order = epochOrder(n, shuffle: options.shuffle)
            for step in 0..<steps {
                try context.checkpoint()
                for callback in callbacks { try callback.onTrainBatchBegin(step, Logs()) }
                let indices = order[(step * batchSize)..<min(n, (step + 1) * batchSize)]
                try trainStep(compiled, try Sequential.rows(trainX, indices), try Sequential.rows(trainY, indices))
                let logs = compiled.results()
                for callback in callbacks { try callback.onTrainBatchEnd(step, logs) }
                bar.update(step + 1, values: logs.entries, finalize: false)
            }
            _ = context.generator.derivedSeed()
            let epochLogs = compiled.results()
            if let validation, (epoch + 1) % max(1, options.validationFreq) == 0 {
                let validationLogs = try evaluateLogs(validation.x, validation.y, batchSize: options.validationBatchSize ?? batchSize,
                                                      verbose: 0, compiled: compiled, peek: false)
                for (name, value) in validationLogs.entries { epochLogs["val_" + name] = value }
                compiled.reset()
            }
            for callback in callbacks { try callback.onEpochEnd(epoch, epochLogs) }
            bar.update(steps, values: epochLogs.entries, finalize: true)
            lastLogs = epochLogs
            if stopTraining { break }
        }
        for callback in callbacks { try callback.onTrainEnd(lastLogs) }
        self.history = history
        return history
    }

    /// `model.evaluate(x, y)`: the loss and metrics in inference mode, `loss` first then the
    /// metrics in compile order.
    public func evaluate(_ x: Tensor, _ y: Tensor, batchSize: Int?, verbose: Int) throws -> [(String, Double)] {
        let compiled = try compiledState()
        _ = try evaluateLogs(x, y, batchSize: try Sequential.batchSize(batchSize), verbose: verbose, compiled: compiled, peek: true)
        return compiled.orderedResults()
    }

    private func evaluateLogs(_ x: Tensor, _ y: Tensor, batchSize: Int, verbose: Int, compiled: CompiledState, peek: Bool) throws -> Logs {
        try Sequential.checkCardinality(x, y)
        if peek { try symbolicBuild(x, compiled, shuffle: false) }
        try validateBatches(x, batchSize: batchSize)
        compiled.reset()
        let n = x.shape[0]
        let steps = (n + batchSize - 1) / batchSize
        var bar = ProgressBar(target: steps, verbose: verbose == 1 ? 1 : 0, context: context)
        _ = context.generator.derivedSeed()
        for step in 0..<steps {
            try context.checkpoint()
            let start = step * batchSize, length = min(batchSize, n - start)
            try testStep(compiled, try x.narrowed(dim: 0, start: start, length: length), try y.narrowed(dim: 0, start: start, length: length))
            bar.update(step + 1, values: compiled.results().entries, finalize: false)
        }
        _ = context.generator.derivedSeed()
        bar.update(steps, values: compiled.results().entries, finalize: true)
        return compiled.results()
    }

    /// `model.predict(x)`: the outputs in inference mode, batch by batch.
    public func predict(_ x: Tensor, batchSize: Int?, verbose: Int) throws -> Tensor {
        let size = try Sequential.batchSize(batchSize)
        guard x.rank >= 1 else { throw TensorError(.valueError, "predict needs a batch of inputs, got a tensor of shape \(Shape.torchSize(x.shape))") }
        let n = x.shape[0]
        let steps = (n + size - 1) / size
        try validateBatches(x, batchSize: size)
        var bar = ProgressBar(target: steps, verbose: verbose == 1 ? 1 : 0, context: context)
        _ = context.generator.derivedSeed()
        var outputs: [Tensor] = []
        try GradMode.withDisabled {
            for step in 0..<steps {
                try context.checkpoint()
                let start = step * size
                outputs.append(try self(try x.narrowed(dim: 0, start: start, length: min(size, n - start)), training: false))
                bar.update(step + 1, values: [], finalize: false)
            }
        }
        _ = context.generator.derivedSeed()
        bar.update(steps, values: [], finalize: true)
        guard !outputs.isEmpty else { return try Tensor.zeros([0] + (try outputShape(for: KerasShape.ofBatch(x.shape)).dropFirst().map { $0 ?? 0 })) }
        return try Tensor.cat(outputs, dim: 0)
    }

    /// `model.train_on_batch(x, y)`: one step on exactly this batch (no shuffling, no draws).
    public func trainOnBatch(_ x: Tensor, _ y: Tensor) throws -> [(String, Double)] {
        try onBatch(x, y) { try trainStep($0, x, y) }
    }

    /// `model.test_on_batch(x, y)`: the loss and metrics of one batch in inference mode.
    public func testOnBatch(_ x: Tensor, _ y: Tensor) throws -> [(String, Double)] {
        try onBatch(x, y) { try testStep($0, x, y) }
    }

    /// One step on one batch, the model built from it first, the metrics from this batch alone.
    private func onBatch(_ x: Tensor, _ y: Tensor, _ step: (CompiledState) throws -> Void) throws -> [(String, Double)] {
        let compiled = try compiledState()
        try Sequential.checkCardinality(x, y)
        try buildIfNeeded(KerasShape.ofBatch(x.shape))
        compiled.built = true
        compiled.reset()
        try step(compiled)
        return compiled.orderedResults()
    }
}
