/// An n-dimensional array of numbers that can record how it was computed, so that gradients can
/// flow back through it (autograd).
///
/// A `Tensor` is a view, as in PyTorch and NumPy: a `Storage` of bytes shared by every view of
/// it, and the sizes, strides and offset that say which elements this view sees. `x.t()`, `x[0]`,
/// `x.view(6)` and `x.detach()` share `x`'s storage, so writing through one changes them all;
/// operations that compute new values return tensors with storages of their own.
///
/// Copies of a `Tensor` value are the same tensor (as two Python names for one `torch.Tensor`
/// are): they share storage and autograd history, and an in-place operation on one is seen
/// through all of them.
///
/// ```swift
/// let x = try Tensor([[1, 2], [3, 4]])
/// x.shape      // [2, 2]
/// try x.sum()  // tensor(10.)
/// ```
public struct Tensor {
    /// The bytes this tensor is a view on.
    public internal(set) var storage: Storage
    /// The size of each dimension, outermost first. `[]` is a 0-d tensor (a scalar).
    public internal(set) var shape: [Int]
    /// How many elements to step in storage for one step along each dimension (PyTorch's `stride()`).
    public internal(set) var strides: [Int]
    /// Where the first element is in storage, in elements (PyTorch's `storage_offset()`).
    public internal(set) var storageOffset: Int
    /// How to read the elements.
    public internal(set) var dtype: DType
    /// This tensor's place in the autograd graph, shared by its copies.
    var meta: AutogradMeta
    /// True for a Python number turned into a tensor for one operation (PyTorch's "wrapped
    /// number"): it takes part in type promotion only by its kind (bool, int or float).
    public internal(set) var isWrappedNumber = false

    /// A view on `storage`.
    init(storage: Storage, shape: [Int], strides: [Int], offset: Int, dtype: DType, meta: AutogradMeta = AutogradMeta()) {
        self.storage = storage
        self.shape = shape
        self.strides = strides
        self.storageOffset = offset
        self.dtype = dtype
        self.meta = meta
    }

    /// A new contiguous, zeroed tensor.
    ///
    /// ```swift
    /// let z = try Tensor(zeros: [2, 3], dtype: .int64)
    /// ```
    public init(zeros shape: [Int], dtype: DType = DefaultDType.float) throws {
        let count = try Shape.count(shape)
        self.init(storage: try Storage(count: count, dtype: dtype), shape: shape, strides: Shape.strides(shape), offset: 0, dtype: dtype)
    }

    /// A contiguous tensor of `dtype` holding `values` (converted as C casts convert them).
    /// The caller guarantees `values.count == Shape.product(shape)`.
    init<T: TensorScalar>(shape: [Int], values: [T], dtype: DType) throws {
        try self.init(zeros: shape, dtype: dtype)
        let target = storage.bytes
        values.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            Tensor.castCopy(base, count: buffer.count, to: dtype, target)
        }
    }

    /// A contiguous float tensor from row-major elements whose count the caller guarantees.
    init(shape: [Int], elements: [Float], dtype: DType = .float32) throws {
        try self.init(shape: shape, values: elements, dtype: dtype)
    }

    /// Creates a tensor of the given shape from row-major elements.
    ///
    /// ```swift
    /// let m = try Tensor([1, 2, 3, 4, 5, 6], shape: [2, 3])
    /// ```
    public init<T: TensorScalar>(_ elements: [T], shape: [Int], dtype: DType = .float32) throws {
        let count = try Shape.count(shape)
        guard count == elements.count else {
            throw TensorError.runtime("shape '\(Shape.describe(shape))' is invalid for input of size \(elements.count)")
        }
        try self.init(shape: shape, values: elements, dtype: dtype)
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
    public init(scalar: Double, dtype: DType = DefaultDType.float) {
        self.init(storage: Storage(scalarOf: dtype), shape: [], strides: [], offset: 0, dtype: dtype)
        Tensor.castCopy([scalar], count: 1, to: dtype, storage.bytes)
    }

    /// A Python number as a 0-d tensor for one operation: weak in type promotion, so that
    /// `int_tensor * 2.5` is float32 and `uint8_tensor + 1` stays uint8, as in PyTorch.
    public static func wrapped(_ value: Double, dtype: DType) -> Tensor {
        var t = Tensor(scalar: value, dtype: dtype)
        t.isWrappedNumber = true
        return t
    }

    /// A Python int as a weak int64 operand (exact, whatever its size).
    public static func wrapped(integer value: Int64) -> Tensor {
        var t = Tensor(scalar: 0, dtype: .int64)
        t.storage.pointer(Int64.self)[0] = value
        t.isWrappedNumber = true
        return t
    }

    /// This tensor with the storage, sizes, strides, offset and dtype of `other`, keeping its own
    /// place in the autograd graph: PyTorch's `x.data = other`.
    public func replacingData(with other: Tensor) -> Tensor {
        Tensor(storage: other.storage, shape: other.shape, strides: other.strides, offset: other.storageOffset,
               dtype: other.dtype, meta: meta)
    }

    /// The number of dimensions (PyTorch's `dim()`).
    public var rank: Int { shape.count }

    /// The number of elements (PyTorch's `numel()`).
    public var count: Int { shape.reduce(1, *) }

    /// True when the elements lie in storage in row-major order without gaps (PyTorch's
    /// `is_contiguous()`: sizes of 1 may have any stride).
    public var isContiguous: Bool { offsets.contiguousRange != nil }

    /// Where this tensor's elements are, in order.
    var offsets: Offsets { Offsets(shape: shape, strides: strides, start: storageOffset) }

    /// The single element of a one-element tensor, as PyTorch's `item()`: a double for float
    /// tensors (exact for float32 and float64).
    ///
    /// ```swift
    /// try Tensor([[2.5]]).item()  // 2.5
    /// ```
    public func item() throws -> Double {
        guard count == 1 else {
            throw TensorError.runtime("a Tensor with \(count) elements cannot be converted to Scalar")
        }
        return doubleValue(at: storageOffset)
    }

    /// The single element of a one-element integer or bool tensor, exactly.
    public func integerItem() throws -> Int64 {
        guard count == 1 else {
            throw TensorError.runtime("a Tensor with \(count) elements cannot be converted to Scalar")
        }
        return int64Value(at: storageOffset)
    }
}

extension Tensor: CustomStringConvertible {
    /// PyTorch's printed form, e.g. `tensor([1., 2.])`.
    public var description: String { TensorFormatter.describe(self) }
}
