import TensorEngine

/// A loss as an object (PyTorch's `nn.MSELoss()` and friends): created once with its settings,
/// then called with a prediction and a target.
///
/// ```swift
/// let criterion = MSELoss()
/// let loss = try criterion(prediction, target)
/// ```
public protocol Loss: AnyObject, CustomStringConvertible {
    /// PyTorch's class name, e.g. "CrossEntropyLoss".
    var typeName: String { get }
    /// Computes the loss.
    func compute(_ input: Tensor, _ target: Tensor) throws -> Tensor
}

extension Loss {
    /// `criterion(input, target)`.
    public func callAsFunction(_ input: Tensor, _ target: Tensor) throws -> Tensor { try compute(input, target) }
    /// Printed as PyTorch prints it: `MSELoss()`.
    public var description: String { typeName + "()" }
}

/// Mean squared error (PyTorch's `nn.MSELoss`).
public final class MSELoss: Loss {
    public let typeName = "MSELoss"
    let reduction: LossReduction
    public init(reduction: LossReduction = .mean) { self.reduction = reduction }
    public func compute(_ input: Tensor, _ target: Tensor) throws -> Tensor {
        try Losses.mse(input, target, reduction: reduction)
    }
}

/// Mean absolute error (PyTorch's `nn.L1Loss`).
public final class L1Loss: Loss {
    public let typeName = "L1Loss"
    let reduction: LossReduction
    public init(reduction: LossReduction = .mean) { self.reduction = reduction }
    public func compute(_ input: Tensor, _ target: Tensor) throws -> Tensor {
        try Losses.l1(input, target, reduction: reduction)
    }
}

/// Binary cross-entropy on probabilities (PyTorch's `nn.BCELoss`).
public final class BCELoss: Loss {
    public let typeName = "BCELoss"
    let weight: Tensor?
    let reduction: LossReduction
    public init(weight: Tensor? = nil, reduction: LossReduction = .mean) {
        self.weight = weight
        self.reduction = reduction
    }
    public func compute(_ input: Tensor, _ target: Tensor) throws -> Tensor {
        try Losses.binaryCrossEntropy(input, target, weight: weight, reduction: reduction)
    }
}

/// Binary cross-entropy on logits (PyTorch's `nn.BCEWithLogitsLoss`).
public final class BCEWithLogitsLoss: Loss {
    public let typeName = "BCEWithLogitsLoss"
    let weight: Tensor?
    let posWeight: Tensor?
    let reduction: LossReduction
    public init(weight: Tensor? = nil, posWeight: Tensor? = nil, reduction: LossReduction = .mean) {
        self.weight = weight
        self.posWeight = posWeight
        self.reduction = reduction
    }
    public func compute(_ input: Tensor, _ target: Tensor) throws -> Tensor {
        try Losses.binaryCrossEntropyWithLogits(input, target, weight: weight, posWeight: posWeight, reduction: reduction)
    }
}

/// Cross-entropy of logits against class indices or probabilities, with optional label
/// smoothing (PyTorch's `nn.CrossEntropyLoss`).
public final class CrossEntropyLoss: Loss {
    public let typeName = "CrossEntropyLoss"
    let weight: Tensor?
    let ignoreIndex: Int
    let reduction: LossReduction
    /// ε: how much probability moves from the true class to all classes evenly.
    public let labelSmoothing: Double
    public init(weight: Tensor? = nil, ignoreIndex: Int = -100, reduction: LossReduction = .mean, labelSmoothing: Double = 0) {
        self.weight = weight
        self.ignoreIndex = ignoreIndex
        self.reduction = reduction
        self.labelSmoothing = labelSmoothing
    }
    public func compute(_ input: Tensor, _ target: Tensor) throws -> Tensor {
        try Losses.crossEntropy(input, target, weight: weight, ignoreIndex: ignoreIndex, reduction: reduction, labelSmoothing: labelSmoothing)
    }
}

/// Negative log-likelihood of log-probabilities (PyTorch's `nn.NLLLoss`).
public final class NLLLoss: Loss {
    public let typeName = "NLLLoss"
    let weight: Tensor?
    let ignoreIndex: Int
    let reduction: LossReduction
    public init(weight: Tensor? = nil, ignoreIndex: Int = -100, reduction: LossReduction = .mean) {
        self.weight = weight
        self.ignoreIndex = ignoreIndex
        self.reduction = reduction
    }
    public func compute(_ input: Tensor, _ target: Tensor) throws -> Tensor {
        try Losses.nll(input, target, weight: weight, ignoreIndex: ignoreIndex, reduction: reduction)
    }
}
