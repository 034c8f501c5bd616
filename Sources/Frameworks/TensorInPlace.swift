import Python
import TensorEngine

/// In-place tensor changes (`x += 1`, `x.zero_()`, `x[0] = 5`), with PyTorch's rules: the
/// shape and dtype stay, and a leaf that requires grad may change only under `no_grad`.
enum TensorInPlace {
    /// Puts `result` into `target`'s place, as the in-place form of the operation that computed it.
    static func store(_ result: Tensor, into target: TensorObject) throws {
        let current = target.tensor
        guard result.shape == current.shape else {
            throw PythonError(.runtimeError,
                "output with shape \(Shape.describe(current.shape)) doesn't match the broadcast shape \(Shape.describe(result.shape))")
        }
        var value = result
        if result.dtype != current.dtype {
            if result.dtype == .float32 {
                throw PythonError(.runtimeError,
                    "result type Float can't be cast to the desired output type \(current.dtype == .int64 ? "Long" : "Bool")")
            }
            value = try result.converted(to: current.dtype)
        }
        if GradMode.isEnabled && target.place == .own {
            try current.checkInPlaceAllowed()
            try target.store(value)
        } else {
            try target.store(try current.replacingElements(with: value.elements))
        }
    }

    /// Applies `change` to the tensor in `target` in place and returns `target`.
    static func apply(_ target: TensorObject, _ change: (Tensor) throws -> Tensor) throws -> Value {
        try store(try change(target.tensor), into: target)
        return .tensor(target)
    }
}
