/// An n-dimensional array of numbers that can record how it was computed, so that gradients can
/// flow back through it (autograd).
///
/// A `Tensor` is a value: its elements live in a contiguous, row-major `[Float]` that is copied on
/// write, so assigning a tensor to a new variable never lets one change the other. What *is* shared
/// between copies is the tensor's place in the autograd graph (`gradNode`): a leaf that requires a
/// gradient accumulates `.grad` in that node however many copies of it exist.
///
/// ```swift
/// let x = try Tensor([[1, 2], [3, 4]])
/// x.shape      // [2, 2]
/// try x.sum()  // tensor(10.)
/// ```
public struct Tensor {
    /// The elements, row-major: the last dimension varies fastest.
    public internal(set) var elements: [Float]
    /// The size of each dimension, outermost first. `[]` is a 0-d tensor (a scalar).
    public internal(set) var shape: [Int]
    /// How to read the elements: as floats, integers or booleans.
    public internal(set) var dtype: DType
    /// This tensor's node in the autograd graph: nil when it does not require a gradient.
    public internal(set) var gradNode: GradNode?

    /// Creates a tensor from elements already in row-major order; the caller guarantees the count.
    init(shape: [Int], elements: [Float], dtype: DType = .float32) {
        self.shape = shape
        self.elements = elements
        self.dtype = dtype
        self.gradNode = nil
    }

    /// Creates a tensor of the given shape from row-major elements.
    ///
    /// ```swift
    /// let m = try Tensor([1, 2, 3, 4, 5, 6], shape: [2, 3])
    /// ```
    public init(_ elements: [Float], shape: [Int], dtype: DType = .float32) throws {
        let count = try Shape.count(shape)
        guard count == elements.count else {
            throw TensorError.runtime("shape '\(Shape.describe(shape))' is invalid for input of size \(elements.count)")
        }
        self.init(shape: shape, elements: elements, dtype: dtype)
        try checkIntegerRange()
    }

    /// A 1-d tensor, like `torch.tensor([1., 2., 3.])`.
    public init(_ vector: [Float], dtype: DType = .float32) throws {
        try self.init(vector, shape: [vector.count], dtype: dtype)
    }

    /// A 2-d tensor from rows of equal length, like `torch.tensor([[1., 2.], [3., 4.]])`.
    public init(_ rows: [[Float]], dtype: DType = .float32) throws {
        let width = rows.first?.count ?? 0
        for row in rows where row.count != width {
            throw TensorError.value("expected sequence of length \(width) at dim 1 (got \(row.count))")
        }
        try self.init(rows.flatMap { $0 }, shape: rows.isEmpty ? [0] : [rows.count, width], dtype: dtype)
    }

    /// A 0-d tensor holding one number, like `torch.tensor(3.5)`.
    public init(scalar: Float, dtype: DType = .float32) {
        self.init(shape: [], elements: [scalar], dtype: dtype)
    }

    /// The number of dimensions (PyTorch's `dim()`).
    public var rank: Int { shape.count }

    /// The number of elements (PyTorch's `numel()`).
    public var count: Int { elements.count }

    /// The single element of a one-element tensor, as PyTorch's `item()`.
    ///
    /// ```swift
    /// try Tensor([[2.5]]).item()  // 2.5
    /// ```
    public func item() throws -> Float {
        guard count == 1 else {
            throw TensorError.runtime("a Tensor with \(count) elements cannot be converted to Scalar")
        }
        return elements[0]
    }

    /// Throws when an integer tensor holds a value float32 cannot represent exactly.
    func checkIntegerRange() throws {
        guard dtype == .int64 else { return }
        for value in elements where Swift.abs(value) > DType.exactIntegerLimit {
            throw TensorError.runtime(
                "integer value \(Swift.abs(value) < 1e18 ? String(Int(saturating: value)) : PythonFloat.repr(Double(value))) is too large: regtutor's int64 tensors are exact up to 16777216")
        }
    }

    /// The same elements read as another dtype, like `x.to(torch.int64)`: floats are truncated
    /// toward zero, booleans become 0 and 1, and anything non-zero becomes `True`.
    public func converted(to target: DType) throws -> Tensor {
        if target == dtype { return self }
        var result = Tensor(shape: shape, elements: elements, dtype: target)
        switch target {
        case .float32:
            break
        case .int64:
            for value in elements where !value.isFinite {
                throw TensorError.runtime("cannot convert \(value) to an integer")
            }
            result.elements = elements.map(target.stored)
            try result.checkIntegerRange()
        case .bool:
            result.elements = elements.map(target.stored)
        }
        return result
    }
}

extension Tensor: CustomStringConvertible {
    /// PyTorch's printed form, e.g. `tensor([1., 2.])`.
    public var description: String { TensorFormatter.describe(self) }
}

extension Tensor {
    /// The same tensor — shape, dtype and place in the autograd graph — holding new elements.
    /// This is how an optimizer changes weights in place: the leaf keeps its identity and grad.
    ///
    /// ```swift
    /// w = try w.replacingElements(with: updated)
    /// ```
    public func replacingElements(with newElements: [Float]) throws -> Tensor {
        guard newElements.count == count else {
            throw TensorError.runtime("expected \(count) elements to replace the tensor's \(count), got \(newElements.count)")
        }
        var result = self
        result.elements = newElements.map(dtype.stored)
        return result
    }
}
