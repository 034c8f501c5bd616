import TensorEngine

/// A Keras metric: a running mean over the samples seen, kept in float32 as Keras keeps it
/// (`total += Σ values`, `count += samples`, result `total / count`).
///
///     accuracy     binary (threshold 0.5) for one output column, categorical or sparse
///                  otherwise, chosen from the shapes as Keras chooses
///     mae, mse     the per-sample mean absolute / squared error
///     precision    true positives / predicted positives (threshold 0.5); recall: / actual positives
///
/// ```swift
/// let accuracy = try Metric.named("accuracy")
/// try accuracy.update(yTrue, yPred)
/// accuracy.result       // 0.75
/// ```
public final class Metric {
    public enum Kind: Sendable, Equatable {
        case automaticAccuracy
        case binaryAccuracy(threshold: Double)
        case categoricalAccuracy
        case sparseCategoricalAccuracy
        /// Keras's `Accuracy()`: how often the prediction equals the target exactly.
        case exactAccuracy
        case meanAbsoluteError, meanSquaredError
        case loss(Loss.Kind)
        case precision(threshold: Double)
        case recall(threshold: Double)
    }

    /// The name in the logs and the history (`accuracy`, `mae`, `val_accuracy` once prefixed).
    public let name: String
    public private(set) var kind: Kind
    private var total: Float = 0
    private var count: Float = 0

    public init(_ kind: Kind, name: String) {
        self.kind = kind
        self.name = name
    }

    /// The same metric with nothing seen yet.
    public func fresh() -> Metric { Metric(kind, name: name) }

    /// Keras's string identifiers.
    public static func named(_ identifier: String) throws -> Metric {
        switch identifier {
        case "accuracy", "acc": return Metric(.automaticAccuracy, name: identifier)
        case "binary_accuracy": return Metric(.binaryAccuracy(threshold: 0.5), name: identifier)
        case "categorical_accuracy": return Metric(.categoricalAccuracy, name: identifier)
        case "sparse_categorical_accuracy": return Metric(.sparseCategoricalAccuracy, name: identifier)
        case "mae", "mean_absolute_error", "MAE": return Metric(.meanAbsoluteError, name: identifier)
        case "mse", "mean_squared_error", "MSE": return Metric(.meanSquaredError, name: identifier)
        case "binary_crossentropy": return Metric(.loss(.binaryCrossentropy), name: identifier)
        case "categorical_crossentropy": return Metric(.loss(.categoricalCrossentropy), name: identifier)
        case "sparse_categorical_crossentropy": return Metric(.loss(.sparseCategoricalCrossentropy), name: identifier)
        default: throw TensorError(.valueError, "Could not interpret metric identifier: \(identifier)")
        }
    }

    /// Keras's class name, for printing.
    public var className: String {
        switch kind {
        case .automaticAccuracy, .exactAccuracy: return "Accuracy"
        case .binaryAccuracy: return "BinaryAccuracy"
        case .categoricalAccuracy: return "CategoricalAccuracy"
        case .sparseCategoricalAccuracy: return "SparseCategoricalAccuracy"
        case .meanAbsoluteError: return "MeanAbsoluteError"
        case .meanSquaredError: return "MeanSquaredError"
        case .loss: return "MeanMetricWrapper"
        case .precision: return "Precision"
        case .recall: return "Recall"
        }
    }

    /// Whether a larger value is better (what EarlyStopping's "auto" mode asks).
    public var higherIsBetter: Bool {
        switch kind {
        case .meanAbsoluteError, .meanSquaredError, .loss: return false
        default: return true
        }
    }

    /// The mean so far (0 before any sample, as Keras's divide_no_nan gives).
    public var result: Float { count == 0 ? 0 : total / count }

    /// Forgets the samples seen.
    public func reset() {
        total = 0
        count = 0
    }

    /// Adds a batch.
    public func update(_ yTrue: Tensor, _ yPred: Tensor) throws {
        if kind == .automaticAccuracy {
            switch Loss.crossentropyKind(yTrue: yTrue.shape, yPred: yPred.shape) {
            case .binaryCrossentropy: kind = .binaryAccuracy(threshold: 0.5)
            case .sparseCategoricalCrossentropy: kind = .sparseCategoricalAccuracy
            default: kind = .categoricalAccuracy
            }
        }
        switch kind {
        case .precision(let threshold), .recall(let threshold):
            try updateConfusion(yTrue, yPred, threshold: threshold)
        default:
            let values = try GradMode.withDisabled { try perSample(yTrue.detached(), yPred.detached()) }
            let samples = values.rank == 0 ? 1 : values.shape[0]
            let perRow = values.rank <= 1 ? values : try values.reshaped([samples, -1]).mean(dims: [1])
            total += Float(perRow.doubles.reduce(0.0) { $0 + $1 })
            count += Float(samples)
        }
    }

    private func perSample(_ yTrue: Tensor, _ yPred: Tensor) throws -> Tensor {
        let target = yTrue.dtype == .float32 ? yTrue : try yTrue.converted(to: .float32)
        switch kind {
        case .binaryAccuracy(let threshold):
            let (t, p) = try Loss.sameRank(target, yPred)
            let predicted = try Tensor.compare(p, .gt, Tensor(scalar: Double(Float(threshold)))).converted(to: .float32)
            return try Tensor.compare(t, .eq, predicted).converted(to: .float32)
        case .categoricalAccuracy:
            let truth = try target.argExtreme(dim: -1)
            return try Tensor.compare(truth, .eq, try yPred.argExtreme(dim: -1)).converted(to: .float32)
        case .sparseCategoricalAccuracy:
            var labels = target
            if labels.rank == yPred.rank, labels.shape.last == 1 { labels = try labels.squeezed(dim: -1) }
            let predicted = try yPred.argExtreme(dim: -1).converted(to: .float32)
            return try Tensor.compare(labels, .eq, predicted).converted(to: .float32)
        case .exactAccuracy:
            let (t, p) = try Loss.sameRank(target, yPred)
            return try Tensor.compare(t, .eq, p).converted(to: .float32)
        case .meanAbsoluteError: return try Loss(.meanAbsoluteError).perSample(target, yPred)
        case .meanSquaredError: return try Loss(.meanSquaredError).perSample(target, yPred)
        case .loss(let lossKind): return try Loss(lossKind).perSample(target, yPred)
        default: return try Tensor.zeros([0])
        }
    }

    /// Precision and recall count thresholded predictions: total holds the true positives, count
    /// the predicted (precision) or actual (recall) positives.
    private func updateConfusion(_ yTrue: Tensor, _ yPred: Tensor, threshold: Double) throws {
        let (t, p) = try Loss.sameRank(yTrue.detached(), yPred.detached())
        guard t.count == p.count else {
            throw TensorError(.valueError, "\(name): y_true and y_pred must have the same number of values, got shapes \(KerasShape.describe(t.shape.map { Optional($0) })) and \(KerasShape.describe(p.shape.map { Optional($0) }))")
        }
        for (truth, score) in zip(t.floats, p.floats) {
            let predictedPositive = Double(score) > threshold, positive = truth >= 0.5
            if predictedPositive && positive { total += 1 }
            if case .precision = kind, predictedPositive { count += 1 }
            if case .recall = kind, positive { count += 1 }
        }
    }
}
