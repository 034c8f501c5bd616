import NeuralNet
import TensorEngine

/// Keras's losses, with Keras's formulas: each gives one value per sample (the mean over the last
/// axis), and the loss of a batch is their mean ("sum_over_batch_size").
///
///     mse  = mean((y − ŷ)²)            mae = mean(|y − ŷ|)
///     binary_crossentropy      = mean(−y·log p − (1 − y)·log(1 − p)),  p = clip(ŷ, 1e-7, 1 − 1e-7)
///     categorical_crossentropy = −Σ y·log p,  p = clip(ŷ / Σŷ, 1e-7, 1 − 1e-7)
///     sparse_categorical_crossentropy: the same with y a class index
///
/// Keras clips probabilities where PyTorch's BCELoss clamps the logarithm at −100; `from_logits`
/// takes raw scores instead (sigmoid or softmax inside, computed stably).
///
/// ```swift
/// let loss = try Loss.named("binary_crossentropy")
/// try loss(yTrue, yPred)       // a 0-d tensor to call backward() on
/// ```
public struct Loss: Sendable {
    public enum Kind: String, Sendable {
        case meanSquaredError = "mean_squared_error"
        case meanAbsoluteError = "mean_absolute_error"
        case binaryCrossentropy = "binary_crossentropy"
        case categoricalCrossentropy = "categorical_crossentropy"
        case sparseCategoricalCrossentropy = "sparse_categorical_crossentropy"
        case huber
        case hinge
        /// "crossentropy": binary, categorical or sparse, chosen from the shapes at the first batch.
        case automaticCrossentropy = "crossentropy"
    }

    public var kind: Kind
    public var fromLogits = false
    public var labelSmoothing = 0.0
    /// Huber's threshold between the quadratic and the linear part.
    public var delta = 1.0

    public init(_ kind: Kind, fromLogits: Bool = false, labelSmoothing: Double = 0, delta: Double = 1) {
        self.kind = kind
        self.fromLogits = fromLogits
        self.labelSmoothing = labelSmoothing
        self.delta = delta
    }

    /// Keras's string names and aliases (`"mse"`, `"MAE"`, `"binary_crossentropy"`...).
    public static func named(_ identifier: String) throws -> Loss {
        let aliases: [String: Kind] = [
            "mse": .meanSquaredError, "MSE": .meanSquaredError, "mean_squared_error": .meanSquaredError,
            "mae": .meanAbsoluteError, "MAE": .meanAbsoluteError, "mean_absolute_error": .meanAbsoluteError,
            "binary_crossentropy": .binaryCrossentropy, "bce": .binaryCrossentropy,
            "categorical_crossentropy": .categoricalCrossentropy,
            "sparse_categorical_crossentropy": .sparseCategoricalCrossentropy,
            "huber": .huber, "huber_loss": .huber, "hinge": .hinge,
            "crossentropy": .automaticCrossentropy, "ce": .automaticCrossentropy,
        ]
        guard let kind = aliases[identifier] else { throw TensorError(.valueError, "Could not interpret loss identifier: \(identifier)") }
        return Loss(kind)
    }

    /// Keras's class name (`MeanSquaredError`), for printing.
    public var className: String {
        switch kind {
        case .meanSquaredError: return "MeanSquaredError"
        case .meanAbsoluteError: return "MeanAbsoluteError"
        case .binaryCrossentropy: return "BinaryCrossentropy"
        case .categoricalCrossentropy: return "CategoricalCrossentropy"
        case .sparseCategoricalCrossentropy: return "SparseCategoricalCrossentropy"
        case .huber: return "Huber"
        case .hinge: return "Hinge"
        case .automaticCrossentropy: return "Crossentropy"
        }
    }

    /// The loss of a batch: the mean of the per-sample losses.
    public func callAsFunction(_ yTrue: Tensor, _ yPred: Tensor) throws -> Tensor {
        let values = try perSample(yTrue, yPred)
        return values.count == 0 ? try Tensor.zeros([]) : try values.mean()
    }

    /// One loss per sample (per position, for outputs with more axes).
    public func perSample(_ yTrue: Tensor, _ yPred: Tensor) throws -> Tensor {
        let target = yTrue.dtype == .float32 ? yTrue : try yTrue.converted(to: .float32)
        switch kind {
        case .automaticCrossentropy:
            return try Loss(Loss.crossentropyKind(yTrue: target.shape, yPred: yPred.shape), fromLogits: fromLogits,
                            labelSmoothing: labelSmoothing).perSample(target, yPred)
        case .sparseCategoricalCrossentropy:
            return try sparseCategorical(target, yPred)
        default:
            let (t, p) = try Loss.sameRank(target, yPred)
            switch kind {
            case .meanSquaredError: return try (p - t).pow(2).mean(dims: [-1])
            case .meanAbsoluteError: return try (p - t).abs().mean(dims: [-1])
            case .binaryCrossentropy: return try binary(t, p)
            case .categoricalCrossentropy: return try categorical(t, p)
            case .huber: return try huber(t, p)
            default: return try hinge(t, p)
            }
        }
    }

    /// Keras's choice for "crossentropy" and for "accuracy": binary when the prediction has one
    /// column, sparse when the target has fewer axes (or one column against several).
    public static func crossentropyKind(yTrue: [Int], yPred: [Int]) -> Kind {
        if yPred.last == 1 { return .binaryCrossentropy }
        if yTrue.count < yPred.count || (yTrue.last == 1 && (yPred.last ?? 0) > 1) { return .sparseCategoricalCrossentropy }
        return .categoricalCrossentropy
    }

    /// Keras's `squeeze_or_expand_to_same_rank`: a target of shape (N,) against (N, 1) gets the
    /// missing axis; otherwise an extra axis of size 1 is dropped.
    public static func sameRank(_ a: Tensor, _ b: Tensor) throws -> (Tensor, Tensor) {
        if a.rank == b.rank + 1, a.shape.last == 1 {
            return b.rank == 1 ? (a, try b.unsqueezed(-1)) : (try a.squeezed(dim: -1), b)
        }
        if b.rank == a.rank + 1, b.shape.last == 1 {
            return a.rank == 1 ? (try a.unsqueezed(-1), b) : (a, try b.squeezed(dim: -1))
        }
        return (a, b)
    }

    private static let epsilon: Float = 1e-7

    private func binary(_ target: Tensor, _ output: Tensor) throws -> Tensor {
        guard target.shape == output.shape else {
            throw TensorError(.valueError, "Arguments `target` and `output` must have the same shape. Received: target.shape=\(Shape.torchSize(target.shape)), output.shape=\(Shape.torchSize(output.shape))")
        }
        var t = target
        if labelSmoothing > 0 { t = try t * (1 - labelSmoothing) + 0.5 * labelSmoothing }
        let elementwise = fromLogits
            ? try Losses.binaryCrossEntropyWithLogits(output, t, reduction: .none)
            : try Losses.binaryCrossEntropy(try output.clamp(min: Double(Loss.epsilon), max: Double(1 - Loss.epsilon)), t, reduction: .none)
        return try elementwise.mean(dims: [-1])
    }

    private func categorical(_ target: Tensor, _ output: Tensor) throws -> Tensor {
        guard target.shape == output.shape else {
            throw TensorError(.valueError, "Arguments `target` and `output` must have the same shape. Received: target.shape=\(Shape.torchSize(target.shape)), output.shape=\(Shape.torchSize(output.shape))")
        }
        var t = target
        if labelSmoothing > 0, let classes = output.shape.last {
            t = try t * (1 - labelSmoothing) + labelSmoothing / Double(classes)
        }
        return try -(try t * logProbabilities(output)).sum(dims: [-1])
    }

    private func sparseCategorical(_ target: Tensor, _ output: Tensor) throws -> Tensor {
        var labels = target
        if labels.rank == output.rank, labels.shape.last == 1 { labels = try labels.squeezed(dim: -1) }
        guard output.rank >= 1, Array(output.shape.dropLast()) == labels.shape else {
            throw TensorError(.valueError, "Arguments `target` and `output` must have the same shape up until the last dimension: target.shape=\(Shape.torchSize(target.shape)), output.shape=\(Shape.torchSize(output.shape))")
        }
        let classes = output.shape.last ?? 0
        let flatLabels = try labels.reshaped([-1]).converted(to: .int64)
        let logProbs = try logProbabilities(output).reshaped([-1, classes])
        let picked = try Losses.nll(logProbs, flatLabels, reduction: .none)
        return try picked.reshaped(labels.shape)
    }

    /// log softmax of logits, or the log of clipped, renormalized probabilities.
    private func logProbabilities(_ output: Tensor) throws -> Tensor {
        if fromLogits { return try output.logSoftmax(dim: -1) }
        let normalized = try output / output.sum(dims: [-1], keepdim: true)
        return try normalized.clamp(min: Double(Loss.epsilon), max: Double(1 - Loss.epsilon)).log()
    }

    private func huber(_ target: Tensor, _ output: Tensor) throws -> Tensor {
        let error = try (output - target).abs()
        let d = Double(Float(delta))
        let quadratic = try error.clamp(max: d)
        let linear = try error - quadratic
        return try (try quadratic.pow(2) * 0.5 + linear * d).mean(dims: [-1])
    }

    private func hinge(_ target: Tensor, _ output: Tensor) throws -> Tensor {
        // Labels given as 0/1 become -1/1, as Keras converts them.
        let isBinary = target.doubles.allSatisfy { $0 == 0 || $0 == 1 }
        let t = isBinary ? try target * 2 - 1 : target
        return try (try 1 - t * output).relu().mean(dims: [-1])
    }
}
