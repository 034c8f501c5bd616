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
        let squared = difference.map { $0 * $0 }
        let value = try reduction.apply(squared)
        let n = Float(squared.count)
        return value.recording("MseLossBackward0", [input, target]) { g in
            let scale = reduction == .mean ? g * (2 / n) : g * 2
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
        guard input.elements.allSatisfy({ $0 >= 0 && $0 <= 1 }) else {
            throw TensorError(.runtimeError, "all elements of input should be between 0 and 1")
        }
        var losses = try Tensor.combine(input.detached(), target.detached()) { x, y in
            -(y * max(Foundation.log(x), -100) + (1 - y) * max(Foundation.log(1 - x), -100))
        }
        if let weight { losses = try losses * weight.detached() }
        let n = Float(losses.count)
        let value = try reduction.apply(losses)
        return value.recording("BinaryCrossEntropyBackward0", [input, target]) { g in
            var grad = try Tensor.combine(input.detached(), target.detached()) { x, y in (x - y) / max((1 - x) * x, 1e-12) }
            if let weight { grad = try grad * weight.detached() }
            grad = try grad * (reduction == .mean ? g / n : g)
            return [grad, nil]
        }
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
        let x = input.detached(), y = try target.detached().converted(to: .float32)
        var logSigmoid = x.map { min($0, 0) - Foundation.log1p(Foundation.exp(-abs($0))) }
        if let posWeight {
            logSigmoid = try logSigmoid * (try (posWeight.detached() - 1) * y + 1)
        }
        var losses = try (try (1 - y) * x) - logSigmoid
        if let weight { losses = try losses * weight.detached() }
        let n = Float(losses.count)
        let value = try reduction.apply(losses)
        return value.recording("BinaryCrossEntropyWithLogitsBackward0", [input, target]) { g in
            let sigma = x.sigmoid()
            var grad: Tensor
            if let posWeight {
                let t = try posWeight.detached() * y
                grad = try (try (t + 1 - y) * sigma) - t
            } else {
                grad = try sigma - y
            }
            if let weight { grad = try grad * weight.detached() }
            return [try grad * (reduction == .mean ? g / n : g), nil]
        }
    }

    /// Negative log-likelihood of class indices given log-probabilities [N, C] (or [C]):
    /// -w[yᵢ]·x[i, yᵢ], averaged with the weights (PyTorch's `nll_loss`).
    /// ∂/∂x[i, yᵢ] = -w[yᵢ]·g / Σw (for the mean); every other entry 0
    public static func nll(_ input: Tensor, _ target: Tensor, weight: Tensor? = nil, ignoreIndex: Int = -100,
                           reduction: LossReduction = .mean) throws -> Tensor {
        let (rows, classes) = try classLayout(input, target)
        let labels = target.elements.map { Int(saturating: $0) }
        var picked = [Float](repeating: 0, count: rows)
        var weights = [Float](repeating: 0, count: rows)
        for i in 0..<rows where labels[i] != ignoreIndex {
            guard labels[i] >= 0 && labels[i] < classes else {
                throw TensorError(.indexError, "Target \(labels[i]) is out of bounds.")
            }
            weights[i] = weight?.elements[labels[i]] ?? 1
            picked[i] = -weights[i] * input.elements[i * classes + labels[i]]
        }
        let totalWeight = weights.reduce(0, +)
        let value: Tensor
        switch reduction {
        case .none: value = try Tensor(picked, shape: Array(target.shape))
        case .sum: value = Tensor(scalar: picked.reduce(0, +))
        case .mean: value = Tensor(scalar: picked.reduce(0, +) / totalWeight)
        }
        return value.recording("NllLossBackward0", [input, target]) { g in
            var grad = [Float](repeating: 0, count: input.count)
            for i in 0..<rows where labels[i] != ignoreIndex {
                let upstream = reduction == .none ? g.elements[i] : (reduction == .mean ? g.elements[0] / totalWeight : g.elements[0])
                grad[i * classes + labels[i]] = -weights[i] * upstream
            }
            return [try Tensor(grad, shape: input.shape), nil]
        }
    }

    /// Checks the shapes of a classification loss and returns (rows, classes).
    private static func classLayout(_ input: Tensor, _ target: Tensor) throws -> (Int, Int) {
        guard target.dtype == .int64 else {
            throw TensorError(.runtimeError, "expected scalar type Long but found \(target.dtype == .bool ? "Bool" : "Float")")
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
        if target.dtype == .float32 {
            return try softTargetCrossEntropy(logProbabilities, target, weight: weight, reduction: reduction, labelSmoothing: labelSmoothing, classDim: classDim)
        }
        let nllLoss = try nll(logProbabilities, target, weight: weight, ignoreIndex: ignoreIndex, reduction: reduction)
        guard labelSmoothing > 0 else { return nllLoss }
        let classes = input.shape[classDim]
        let weighted = try weight.map { try logProbabilities * $0 } ?? logProbabilities
        let kept = try Tensor.compare(target, .ne, Tensor(scalar: Float(ignoreIndex), dtype: .int64)).converted(to: .float32)
        let smooth = try -(try weighted.sum(dims: [classDim])) * kept
        let smoothTotal: Tensor
        switch reduction {
        case .none: smoothTotal = smooth
        case .sum: smoothTotal = try smooth.sum()
        case .mean:
            let labels = target.elements.filter { Int(saturating: $0) != ignoreIndex }
            let denominator = weight.map { w in labels.reduce(Float(0)) { $0 + w.elements[Int(saturating: $1)] } } ?? Float(labels.count)
            smoothTotal = try smooth.sum() / denominator
        }
        return try nllLoss * Float(1 - labelSmoothing) + smoothTotal * Float(labelSmoothing / Double(classes))
    }

    /// Cross-entropy against probabilities: -Σ target·log p over classes, averaged over rows.
    private static func softTargetCrossEntropy(_ logProbabilities: Tensor, _ target: Tensor, weight: Tensor?, reduction: LossReduction,
                                               labelSmoothing: Double, classDim: Int) throws -> Tensor {
        guard target.shape == logProbabilities.shape else {
            throw TensorError(.runtimeError, "expected scalar type Long but found Float")
        }
        let classes = Float(logProbabilities.shape[classDim])
        var smoothed = target
        if labelSmoothing > 0 { smoothed = target * Float(1 - labelSmoothing) + Float(labelSmoothing) / classes }
        var products = try logProbabilities * smoothed
        if let weight { products = try products * weight }
        switch reduction {
        case .none: return -(try products.sum(dims: [classDim]))
        case .sum: return -(try products.sum())
        case .mean:
            let columns = logProbabilities.shape[classDim]
            let rows = columns == 0 ? 0 : Float(logProbabilities.count / columns)   // no rows: the mean is nan, as in PyTorch
            return (-(try products.sum()) / rows).renamed("DivBackward1")
        }
    }
}

