import Foundation

/// Tensors made from a shape and a rule: `zeros`, `ones`, `full`, `arange`, `linspace`, `eye` and
/// the `*_like` family, with PyTorch's default dtypes.
extension Tensor {
    /// A tensor of the given shape filled with `value`, like `torch.full(size, value)`.
    ///
    /// ```swift
    /// try Tensor.full([2, 2], 7)  // tensor([[7., 7.], [7., 7.]])
    /// ```
    public static func full(_ shape: [Int], _ value: Float, dtype: DType = .float32) throws -> Tensor {
        let count = try Shape.count(shape)
        let result = Tensor(shape: shape, elements: [Float](repeating: dtype.stored(value), count: count), dtype: dtype)
        try result.checkIntegerRange()
        return result
    }

    /// All zeros, like `torch.zeros(2, 3)`.
    public static func zeros(_ shape: [Int], dtype: DType = .float32) throws -> Tensor {
        try full(shape, 0, dtype: dtype)
    }

    /// All ones, like `torch.ones(2, 3)`.
    public static func ones(_ shape: [Int], dtype: DType = .float32) throws -> Tensor {
        try full(shape, 1, dtype: dtype)
    }

    /// Zeros with this tensor's shape and dtype (`torch.zeros_like`).
    public func zerosLike() -> Tensor {
        Tensor(shape: shape, elements: [Float](repeating: 0, count: count), dtype: dtype)
    }

    /// Ones with this tensor's shape and dtype (`torch.ones_like`).
    public func onesLike() -> Tensor {
        Tensor(shape: shape, elements: [Float](repeating: 1, count: count), dtype: dtype)
    }

    /// `value` everywhere, with this tensor's shape and dtype (`torch.full_like`).
    public func fullLike(_ value: Float) throws -> Tensor {
        try Tensor.full(shape, value, dtype: dtype)
    }

    /// The values `start, start + step, ...` below `end`, like `torch.arange(start, end, step)`.
    /// The result is `int64` when all three are whole numbers given as integers (`integral`),
    /// float32 otherwise. Each value is computed in double as `start + step * i`, as PyTorch does.
    ///
    /// ```swift
    /// try Tensor.arange(0, 5, 1, integral: true)  // tensor([0, 1, 2, 3, 4])
    /// ```
    public static func arange(_ start: Double, _ end: Double, _ step: Double = 1, integral: Bool = false) throws -> Tensor {
        guard step != 0 else { throw TensorError.runtime("step must be nonzero") }
        guard start.isFinite && end.isFinite else {
            throw TensorError.runtime("unsupported range: \(start) -> \(end)")
        }
        guard (step > 0 && end >= start) || (step < 0 && end <= start) else {
            throw TensorError.runtime("upper bound and larger bound inconsistent with step sign")
        }
        let span = ((end - start) / step).rounded(.up)
        guard span < Double(Shape.elementLimit) + 1 else {
            _ = try Shape.count([Int.max])
            return Tensor(scalar: 0)
        }
        let count = Int(saturating: span)
        _ = try Shape.count([count])
        let elements = (0..<count).map { Float(start + step * Double($0)) }
        return try Tensor(elements, shape: [count], dtype: integral ? .int64 : .float32)
    }

    /// `steps` evenly spaced values from `start` to `end` inclusive, like `torch.linspace`.
    /// Computed in float32 from both ends toward the middle with fused multiply-adds, as PyTorch's
    /// vectorised CPU kernel does, so the values agree to the bit.
    ///
    /// ```swift
    /// try Tensor.linspace(0, 1, steps: 5)  // tensor([0.0000, 0.2500, 0.5000, 0.7500, 1.0000])
    /// ```
    public static func linspace(_ start: Float, _ end: Float, steps: Int) throws -> Tensor {
        guard steps >= 0 else { throw TensorError.runtime("linspace(): number of steps must be non-negative") }
        _ = try Shape.count([steps])
        if steps == 1 { return Tensor(shape: [1], elements: [start]) }
        let step = (end - start) / Float(steps - 1)
        let halfway = steps / 2
        let elements = (0..<steps).map { i -> Float in
            i < halfway ? start.addingProduct(step, Float(i)) : end.addingProduct(-step, Float(steps - i - 1))
        }
        return Tensor(shape: [steps], elements: elements)
    }

    /// The identity matrix (ones on the diagonal), `n` by `m` (default square), like `torch.eye`.
    public static func eye(_ n: Int, _ m: Int? = nil) throws -> Tensor {
        let columns = m ?? n
        var result = try zeros([n, columns])
        for i in 0..<min(n, columns) { result.elements[i * columns + i] = 1 }
        return result
    }
}
