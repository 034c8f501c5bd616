import Python
import TensorEngine

/// In-place tensor changes from Python (`x.zero_()`, `x.add_(g)`): the engine writes into the
/// tensor's storage, so every view of it sees the change, with PyTorch's autograd rules.
enum TensorInPlace {
    /// Applies `change` to the tensor in `target` in place (its result written back, becoming
    /// the tensor's history) and returns `target`.
    static func apply(_ target: TensorObject, operands: [Tensor] = [], name: String = "CopyBackwards",
                      _ change: (Tensor) throws -> Tensor) throws -> Value {
        try target.tensor.updateInPlace(operands: operands, name: name, change)
        return .tensor(target)
    }
}
