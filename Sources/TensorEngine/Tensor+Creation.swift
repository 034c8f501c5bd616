import Common
import Foundation

/// Tensors made from a shape and a rule: `zeros`, `ones`, `full`, `arange`, `linspace`, `eye` and
/// the `*_like` family, with PyTorch's default dtypes.
extension Tensor {
    /// A tensor of the given shape filled with `value`, like `torch.full(size, value)`.
    ///
    /// ```swift
    /// try Tensor.full([2, 2], 7)  // tensor([[7., 7.], [7., 7.]])
    /// ```
    public static func full(_ shape: [Int], _ value: Double, dtype: DType = DefaultDType.float) throws -> Tensor {
        let result = try Tensor(uninitialized: shape, dtype: dtype)
        result.fillStorage(with: Tensor(scalar: value, dtype: dtype))
        return result
    }

    /// A tensor of the given shape filled with an exact integer, like `torch.full(size, 2**40)`.
    public static func full(_ shape: [Int], integer value: Int64, dtype: DType = .int64) throws -> Tensor {
        let one = try Tensor([value], shape: [], dtype: dtype)
        let result = try Tensor(uninitialized: shape, dtype: dtype)
        result.fillStorage(with: one)
        return result
    }

    /// Writes the single element of `one` (already in this dtype) into every element.
    func fillStorage(with one: Tensor) {
        let itemSize = dtype.itemSize, n = count
        let source = one.storage.bytes + one.storageOffset * itemSize
        for i in 0..<n { (storage.bytes + i * itemSize).copyMemory(from: source, byteCount: itemSize) }
    }

    /// All zeros, like `torch.zeros(2, 3)`.
    public static func zeros(_ shape: [Int], dtype: DType = DefaultDType.float) throws -> Tensor {
        try Tensor(zeros: shape, dtype: dtype)
    }

    /// All ones, like `torch.ones(2, 3)`.
    public static func ones(_ shape: [Int], dtype: DType = DefaultDType.float) throws -> Tensor {
        try full(shape, 1, dtype: dtype)
    }

    /// Zeros with this tensor's shape and dtype (`torch.zeros_like`).
    public func zerosLike() throws -> Tensor {
        try Tensor(zeros: shape, dtype: dtype)
    }

    /// Ones with this tensor's shape and dtype (`torch.ones_like`).
    public func onesLike() throws -> Tensor {
        try Tensor.full(shape, 1, dtype: dtype)
    }

    /// `value` everywhere, with this tensor's shape and dtype (`torch.full_like`).
    public func fullLike(_ value: Double) throws -> Tensor {
        try Tensor.full(shape, value, dtype: dtype)
    }

    /// The values `start, start + step, ...` below `end`, like `torch.arange(start, end, step)`.
    /// The result is `int64` when all three are whole numbers given as integers (`integral`),
    /// the default float dtype otherwise (or `dtype` when given). Each value is computed in double
    /// as `start + step * i`, as PyTorch does.
    ///
    /// ```swift
    /// try Tensor.arange(0, 5, 1, integral: true)  // tensor([0, 1, 2, 3, 4])
    /// ```
    public static func arange(_ start: Double, _ end: Double, _ step: Double = 1, integral: Bool = false, dtype: DType? = nil) throws -> Tensor {
        guard step != 0 else { throw TensorError.runtime("step must be nonzero") }
        guard start.isFinite && end.isFinite else {
            throw TensorError.runtime("unsupported range: \(PythonFloat.repr(start)) -> \(PythonFloat.repr(end))")
        }
        guard (step > 0 && end >= start) || (step < 0 && end <= start) else {
            throw TensorError.runtime("upper bound and larger bound inconsistent with step sign")
        }
        let span = ((end - start) / step).rounded(.up)
        guard span < Double(Shape.elementLimit) + 1 else {
            _ = try Shape.count([Int.max])
            return Tensor(scalar: 0)
        }
        let count = Int(span)
        _ = try Shape.count([count])
        let type = dtype ?? (integral ? .int64 : DefaultDType.float)
        if type.isFloatingPoint {
            return try Tensor((0..<count).map { start + step * Double($0) }, shape: [count], dtype: type)
        }
        return try Tensor((0..<count).map { Int64(castingDouble: start + step * Double($0)) }, shape: [count], dtype: type)
    }

    /// `steps` evenly spaced values from `start` to `end` inclusive, like `torch.linspace`.
    /// Computed from both ends toward the middle with fused multiply-adds in the result's
    /// precision, as PyTorch's vectorised CPU kernel does, so the values agree to the bit.
    ///
    /// ```swift
    /// try Tensor.linspace(0, 1, steps: 5)  // tensor([0.0000, 0.2500, 0.5000, 0.7500, 1.0000])
    /// ```
    public static func linspace(_ start: Double, _ end: Double, steps: Int, dtype: DType = DefaultDType.float) throws -> Tensor {
        guard steps >= 0 else { throw TensorError.runtime("linspace(): number of steps must be non-negative") }
        _ = try Shape.count([steps])
        func values<T: FloatingElement>(_ t: T.Type) -> [T] {
            let (a, b) = (T(start), T(end))
            if steps == 1 { return [a] }
            let step = (b - a) / T(steps - 1)
            let halfway = steps / 2
            return (0..<steps).map { i -> T in
                i < halfway ? a.addingProduct(step, T(i)) : b.addingProduct(-step, T(steps - i - 1))
            }
        }
        if dtype == .float64 { return try Tensor(values(Double.self), shape: [steps], dtype: dtype) }
        return try Tensor(values(Float.self), shape: [steps], dtype: dtype)
    }

    /// The identity matrix (ones on the diagonal), `n` by `m` (default square), like `torch.eye`.
    public static func eye(_ n: Int, _ m: Int? = nil, dtype: DType = DefaultDType.float) throws -> Tensor {
        let columns = m ?? n
        let result = try zeros([n, columns], dtype: dtype)
        if Swift.min(n, columns) > 0 {
            try result.diagonal().assignElements(from: Tensor(scalar: 1, dtype: dtype))
        }
        return result
    }
}
