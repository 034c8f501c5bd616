import TensorEngine

/// How a loss combines the per-element losses: PyTorch's `reduction=` argument.
public enum LossReduction: String, Sendable {
    /// One loss per element.
    case none
    /// Their average (the default).
    case mean
    /// Their sum.
    case sum

    /// Parses PyTorch's spelling ("mean", "sum", "none").
    public init(name: String) throws {
        guard let value = LossReduction(rawValue: name) else {
            throw TensorError(.valueError, "\(name) is not a valid value for reduction")
        }
        self = value
    }

    /// Applies the reduction to per-element losses.
    func apply(_ losses: Tensor) throws -> Tensor {
        switch self {
        case .none: return losses
        case .mean: return try losses.mean()
        case .sum: return try losses.sum()
        }
    }
}
