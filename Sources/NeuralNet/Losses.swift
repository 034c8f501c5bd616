import Foundation
import TensorEngine

/// The loss functions of `torch.nn.functional`, with PyTorch's formulas, defaults and errors.
public enum Losses {
    /// Mean squared error, mean((x - y)²) (PyTorch's `mse_loss`).  ∂/∂x = 2(x - y)/n
    ///
    /// ```swift
    /// try Losses.mse(prediction, target)  // tensor(0.2500, grad_fn=<MseLossBackward0>)
    /// ```
    public static func mse(_ input: Tensor, _ target: Tensor, reduction: LossReduction = .mean) throws -> Tensor {
        let difference = try input.detached() - target.detached()
        let squared = try difference * difference
        let value = try reduction.apply(squared)
        let n = squared.count
        return value.recording("MseLossBackward0", [input, target], saving: [input, target]) { g in
            let scale = reduction == .mean ? try g * Losses.quotient(2, n, in: g.dtype) : try g * 2
            let gradInput = try difference * scale
            return [try gradInput.sumToShape(input.shape), try (-gradInput).sumToShape(target.shape)]
        }
    }

    /// Mean absolute error, mean(|x - y|) (PyTorch's `l1_loss`, built from abs and mean as PyTorch builds it).
    public static func l1(_ input: Tensor, _ target: Tensor, reduction: LossReduction = .mean) throws -> Tensor {
        try reduction.apply(try (input - target).abs())
    }

    /// Binary cross-entropy on probabilities, -(y·log x + (1-y)·log(1-x)), each log clamped at
    /// -100 as PyTorch does (PyTorch's `binary_cross_entropy`).  ∂/∂x = (x - y)/max(x(1-x), 1e-12)
    public static func binaryCrossEntropy(_ input: Tensor, _ target: Tensor, weight: Tensor? = nil,
                                          reduction: LossReduction = .mean) throws -> Tensor {
        guard input.shape == target.shape else {
            throw TensorError(.valueError,
                "Using a target size (\(Shape.torchSize(target.shape))) that is different to the input size (\(Shape.torchSize(input.shape))) is deprecated. Please ensure they have the same size.")
        }
        guard input.doubles.allSatisfy({ $0 >= 0 && $0 <= 1 }) else {
            throw TensorError(.runtimeError, "all elements of input should be between 0 and 1")
        }
        let type = Tensor.resultType(input, target)
        var losses = try Tensor.combine(input.detached(), target.detached(), dtype: type, bceTerm, bceTerm) { _, _ in 0 }
        if let weight { losses = try losses * weight.detached() }
        let n = Double(losses.count)
        let value = try reduction.apply(losses)
        return value.recording("BinaryCrossEntropyBackward0", [input, target], saving: [input, target]) { g in
            var grad = try Tensor.combine(input.detached(), target.detached(), dtype: type, bceSlope, bceSlope) { _, _ in 0 }
            if let weight { grad = try grad * weight.detached() }
            grad = try grad * (reduction == .mean ? try g / n : g)
            return [grad, nil]
        }
    }

    /// One element of binary cross-entropy, each log clamped at -100.
    static func bceTerm<T: FloatingElement>(_ x: T, _ y: T) -> T {
        -(y * max(T.log(x), -100) + (1 - y) * max(T.log(1 - x), -100))
    }

    /// Its derivative in x.
    static func bceSlope<T: FloatingElement>(_ x: T, _ y: T) -> T {
        (x - y) / max((1 - x) * x, 1e-12)
    }

    /// a / n computed in the precision of `dtype` (float32 divides in float32), as a scalar operand.
    static func quotient(_ a: Double, _ n: Int, in dtype: DType) -> Double {
        dtype == .float32 ? Double(Float(a) / Float(n)) : a / Double(n)
    }

    /// Binary cross-entropy on logits, computed stably as (1 - y)·x - log σ(x), with an optional
    /// weight for positive examples (PyTorch's `binary_cross_entropy_with_logits`).
    /// ∂/∂x = σ(x) - y  (with pos_weight: (p·y + 1 - y)·σ(x) - p·y)
    public static func binaryCrossEntropyWithLogits(_ input: Tensor, _ target: Tensor, weight: Tensor? = nil,
                                                    posWeight: Tensor? = nil, reduction: LossReduction = .mean) throws -> Tensor {
        guard input.shape == target.shape else {
            throw TensorError(.valueError,
                "Target size (\(Shape.torchSize(target.shape))) must be the same as input size (\(Shape.torchSize(input.shape)))")
        }
        let x = input.detached(), y = try target.detached().converted(to: input.dtype.isFloatingPoint ? input.dtype : DefaultDType.float)
        var logSigmoid = try x.mapFloating({ min($0, 0) - .log1p(.exp(-abs($0))) }, { min($0, 0) - .log1p(.exp(-abs($0))) })
        if let posWeight {
            logSigmoid = try logSigmoid * (try (posWeight.detached() - 1) * y + 1)
        }
        var losses = try (try (1 - y) * x) - logSigmoid
        if let weight { losses = try losses * weight.detached() }
        let n = Double(losses.count)
        let value = try reduction.apply(losses)
        return value.recording("BinaryCrossEntropyWithLogitsBackward0", [input, target], saving: [input, target]) { g in
            let sigma = try x.sigmoid()
            var grad: Tensor
            if let posWeight {
                let t = try posWeight.detached() * y
                grad = try (try (t + 1 - y) * sigma) - t
            } else {
                grad = try sigma - y
            }
            if let weight { grad = try grad * weight.detached() }
            return [try grad * (reduction == .mean ? try g / n : g), nil]
        }
    }

    /// Negative log-likelihood of class indices given log-probabilities [N, C] (or [C]):
    /// -w[yᵢ]·x[i, yᵢ], averaged with the weights (PyTorch's `nll_loss`).
    /// ∂/∂x[i, yᵢ] = -w[yᵢ]·g / Σw (for the mean); every other entry 0
    public static func nll(_ input: Tensor, _ target: Tensor, weight: Tensor? = nil, ignoreIndex: Int = -100,
                           reduction: LossReduction = .mean) throws -> Tensor {
        let (rows, classes) = try classLayout(input, target)
        let labels = target.int64s.map { Int(truncatingIfNeeded: $0) }
        for i in 0..<rows where labels[i] != ignoreIndex && !(labels[i] >= 0 && labels[i] < classes) {
            throw TensorError(.indexError, "Target \(labels[i]) is out of bounds.")
        }
        let parts = NllParts(rows: rows, classes: classes, labels: labels, ignoreIndex: ignoreIndex, reduction: reduction)
        return try input.floatingDispatch("nll_loss", float: {
            try parts.loss(Float.self, input, target, weight: weight)
        }, double: {
            try parts.loss(Double.self, input, target, weight: weight)
        })
    }

    /// Checks the shapes of a classification loss and returns (rows, classes).
    private static func classLayout(_ input: Tensor, _ target: Tensor) throws -> (Int, Int) {
        guard target.dtype == .int64 else {
            throw TensorError(.runtimeError, "expected scalar type Long but found \(target.dtype.cName)")
        }
        switch input.rank {
        case 1:
            guard target.rank == 0 else {
                throw TensorError(.runtimeError, "0D or 1D target tensor expected, multi-target not supported")
            }
            return (1, input.shape[0])
        case 2:
            guard target.rank == 1 else {
                throw TensorError(.runtimeError, "0D or 1D target tensor expected, multi-target not supported")
            }
            guard target.shape[0] == input.shape[0] else {
                throw TensorError(.valueError,
                    "Expected input batch_size (\(input.shape[0])) to match target batch_size (\(target.shape[0])).")
            }
            return (input.shape[0], input.shape[1])
        default:
            throw TensorError(.runtimeError, "cross_entropy and nll_loss take input of shape [C] or [N, C] in regtutor, got \(Shape.torchSize(input.shape))")
        }
    }

    /// Cross-entropy of logits [N, C] against class indices [N] or class probabilities [N, C],
    /// with optional class weights and label smoothing ε: the target becomes (1 - ε)·onehot + ε/C
    /// (PyTorch's `cross_entropy`, composed of log_softmax and nll_loss as PyTorch composes it).
    public static func crossEntropy(_ input: Tensor, _ target: Tensor, weight: Tensor? = nil, ignoreIndex: Int = -100,
                                    reduction: LossReduction = .mean, labelSmoothing: Double = 0) throws -> Tensor {
        guard labelSmoothing >= 0 && labelSmoothing <= 1 else {
            throw TensorError(.runtimeError, "label_smoothing must be between 0.0 and 1.0. Got: \(PythonFloat.repr(labelSmoothing))")
        }
        let classDim = input.rank == 1 ? 0 : 1
        let logProbabilities = try input.logSoftmax(dim: classDim)
        if target.dtype.isFloatingPoint {
            return try softTargetCrossEntropy(logProbabilities, target, weight: weight, reduction: reduction, labelSmoothing: labelSmoothing, classDim: classDim)
        }
        let nllLoss = try nll(logProbabilities, target, weight: weight, ignoreIndex: ignoreIndex, reduction: reduction)
        guard labelSmoothing > 0 else { return nllLoss }
        let classes = input.shape[classDim]
        let weighted = try weight.map { try logProbabilities * $0 } ?? logProbabilities
        let kept = try Tensor.compare(target, .ne, Tensor(scalar: Double(ignoreIndex), dtype: .int64)).converted(to: input.dtype)
        let smooth = try -(try weighted.sum(dims: [classDim])) * kept
        let smoothTotal: Tensor
        switch reduction {
        case .none: smoothTotal = smooth
        case .sum: smoothTotal = try smooth.sum()
        case .mean:
            let labels = target.int64s.map { Int(truncatingIfNeeded: $0) }.filter { $0 != ignoreIndex }
            smoothTotal = try smooth.sum() / NllParts.weightTotal(labels, weight: weight, dtype: input.dtype)
        }
        return try nllLoss * (1 - labelSmoothing) + smoothTotal * (labelSmoothing / Double(classes))
    }

    /// Cross-entropy against probabilities: -Σ target·log p over classes, averaged over rows.
    private static func softTargetCrossEntropy(_ logProbabilities: Tensor, _ target: Tensor, weight: Tensor?, reduction: LossReduction,
                                               labelSmoothing: Double, classDim: Int) throws -> Tensor {
        guard target.shape == logProbabilities.shape else {
            throw TensorError(.runtimeError, "expected scalar type Long but found Float")
        }
        let classes = logProbabilities.shape[classDim]
        var smoothed = target
        if labelSmoothing > 0 {
            smoothed = try target * (1 - labelSmoothing) + Losses.quotient(labelSmoothing, classes, in: target.dtype)
        }
        var products = try logProbabilities * smoothed
        if let weight { products = try products * weight }
        switch reduction {
        case .none: return try -(try products.sum(dims: [classDim]))
        case .sum: return try -(try products.sum())
        case .mean:
            let columns = logProbabilities.shape[classDim]
            let rows = columns == 0 ? 0 : Double(logProbabilities.count / columns)   // no rows: the mean is nan, as in PyTorch
            return try (try -(try products.sum()) / rows).renamed("DivBackward1")
        }
    }
}


/// `nll_loss`'s arithmetic, in the input's own float precision: the weighted picks, their sum and
/// the weights' sum, added one by one as PyTorch adds them.
private struct NllParts {
    let rows: Int, classes: Int
    let labels: [Int]
    let ignoreIndex: Int
    let reduction: LossReduction

    /// The loss, recorded with its backward rule.
    func loss<T: FloatingElement>(_ t: T.Type, _ input: Tensor, _ target: Tensor, weight: Tensor?) throws -> Tensor {
        let values = input.array(of: T.self), classWeights = weight?.array(of: T.self)
        var picked = [T](repeating: 0, count: rows)
        var weights = [T](repeating: 0, count: rows)
        for i in 0..<rows where labels[i] != ignoreIndex {
            weights[i] = classWeights?[labels[i]] ?? 1
            picked[i] = -weights[i] * values[i * classes + labels[i]]
        }
        let totalWeight = weights.reduce(0, +)
        let value: Tensor
        switch reduction {
        case .none: value = try Tensor(picked, shape: Array(target.shape), dtype: input.dtype)
        case .sum: value = try Tensor([picked.reduce(0, +)], shape: [], dtype: input.dtype)
        case .mean: value = try Tensor([picked.reduce(0, +) / totalWeight], shape: [], dtype: input.dtype)
        }
        let (labels, rows, classes, ignoreIndex, reduction) = (labels, rows, classes, ignoreIndex, reduction)
        return value.recording("NllLossBackward0", [input, target], saving: [target]) { g in
            let upstreamValues = g.array(of: T.self)
            var grad = [T](repeating: 0, count: input.count)
            for i in 0..<rows where labels[i] != ignoreIndex {
                let upstream = reduction == .none ? upstreamValues[i] : (reduction == .mean ? upstreamValues[0] / totalWeight : upstreamValues[0])
                grad[i * classes + labels[i]] = -weights[i] * upstream
            }
            return [try Tensor(grad, shape: input.shape, dtype: input.dtype), nil]
        }
    }

    /// The sum of the class weights of `labels` (their count without weights), in `dtype`'s precision.
    static func weightTotal(_ labels: [Int], weight: Tensor?, dtype: DType) -> Double {
        guard let weight else { return Double(labels.count) }
        if dtype == .float32 {
            let w = weight.array(of: Float.self)
            return Double(labels.reduce(Float(0)) { $0 + w[$1] })
        }
        let w = weight.doubles
        return labels.reduce(0.0) { $0 + w[$1] }
    }
}
