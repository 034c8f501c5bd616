/// Reading a tensor's elements, whatever its dtype and strides: as a typed buffer for kernels, as
/// Swift arrays for everything else, and one element at a time.
extension Tensor {
    /// Copies `count` consecutive values of type `T` into `target`, stored as `dtype`.
    static func castCopy<T: TensorScalar>(_ source: UnsafePointer<T>, count: Int, to dtype: DType, _ target: UnsafeMutableRawPointer) {
        func write<D: TensorScalar>(_ out: UnsafeMutablePointer<D>) {
            if T.self == D.self {
                UnsafeMutableRawPointer(out).assumingMemoryBound(to: T.self).update(from: source, count: count)
            } else if T.isFloatingPoint {
                for i in 0..<count { out[i] = D(castingDouble: source[i].doubleValue) }
            } else {
                for i in 0..<count { out[i] = D(castingInt64: source[i].int64Value) }
            }
        }
        switch dtype {
        case .float32: write(target.assumingMemoryBound(to: Float.self))
        case .float64: write(target.assumingMemoryBound(to: Double.self))
        case .int64: write(target.assumingMemoryBound(to: Int64.self))
        case .int32: write(target.assumingMemoryBound(to: Int32.self))
        case .int16: write(target.assumingMemoryBound(to: Int16.self))
        case .int8: write(target.assumingMemoryBound(to: Int8.self))
        case .uint8: write(target.assumingMemoryBound(to: UInt8.self))
        case .bool:
            let out = target.assumingMemoryBound(to: UInt8.self)
            for i in 0..<count { out[i] = source[i] == T(castingInt64: 0) ? 0 : 1 }
        }
    }

    /// The element at storage position `offset`, as a double.
    func doubleValue(at offset: Int) -> Double {
        switch dtype {
        case .float32: return Double(storage.pointer(Float.self)[offset])
        case .float64: return storage.pointer(Double.self)[offset]
        case .int64: return Double(storage.pointer(Int64.self)[offset])
        case .int32: return Double(storage.pointer(Int32.self)[offset])
        case .int16: return Double(storage.pointer(Int16.self)[offset])
        case .int8: return Double(storage.pointer(Int8.self)[offset])
        case .uint8, .bool: return Double(storage.pointer(UInt8.self)[offset])
        }
    }

    /// The element at storage position `offset`, as an integer (floats cast as C casts them).
    func int64Value(at offset: Int) -> Int64 {
        switch dtype {
        case .float32: return storage.pointer(Float.self)[offset].int64Value
        case .float64: return storage.pointer(Double.self)[offset].int64Value
        case .int64: return storage.pointer(Int64.self)[offset]
        case .int32: return Int64(storage.pointer(Int32.self)[offset])
        case .int16: return Int64(storage.pointer(Int16.self)[offset])
        case .int8: return Int64(storage.pointer(Int8.self)[offset])
        case .uint8, .bool: return Int64(storage.pointer(UInt8.self)[offset])
        }
    }

    /// Whether this dtype keeps its elements as `T` (so a buffer of `T` can be read directly).
    func stores<T>(_ type: T.Type) -> Bool {
        switch dtype {
        case .float32: return T.self == Float.self
        case .float64: return T.self == Double.self
        case .int64: return T.self == Int64.self
        case .int32: return T.self == Int32.self
        case .int16: return T.self == Int16.self
        case .int8: return T.self == Int8.self
        case .uint8, .bool: return T.self == UInt8.self
        }
    }

    /// Calls `body` with the elements in row-major order as a buffer of `T`: the storage itself
    /// when this tensor is contiguous and stored as `T`, else a converted copy.
    ///
    /// ```swift
    /// let total = x.withBuffer(of: Float.self) { $0.reduce(0, +) }
    /// ```
    public func withBuffer<T: TensorScalar, R>(of type: T.Type, _ body: (UnsafeBufferPointer<T>) throws -> R) rethrows -> R {
        if stores(T.self), let (start, n) = offsets.contiguousRange {
            return try body(UnsafeBufferPointer(start: storage.pointer(T.self) + start, count: n))
        }
        return try array(of: T.self).withUnsafeBufferPointer(body)
    }

    /// The elements in row-major order as an array of `T`, converted as C casts convert.
    public func array<T: TensorScalar>(of type: T.Type) -> [T] {
        let n = count
        if n == 0 { return [] }
        let (bytes, overflow) = n.multipliedReportingOverflow(by: MemoryLayout<T>.stride)
        if overflow { return [] }
        let raw = UnsafeMutableRawPointer.allocate(byteCount: bytes, alignment: MemoryLayout<T>.alignment)
        defer { raw.deallocate() }
        let target: DType
        switch T.self {
        case is Float.Type: target = .float32
        case is Double.Type: target = .float64
        case is Int64.Type: target = .int64
        case is Int32.Type: target = .int32
        case is Int16.Type: target = .int16
        case is Int8.Type: target = .int8
        default: target = dtype == .bool ? .bool : .uint8
        }
        ElementCast.copy(from: dtype, storage, offsets: offsets, to: target, raw)
        return Array(UnsafeBufferPointer(start: raw.assumingMemoryBound(to: T.self), count: n))
    }

    /// The elements as float32 values, row-major (for pictures, images and other float32 work).
    public var floats: [Float] { array(of: Float.self) }

    /// The elements as doubles, row-major (exact for float32, float64 and integers below 2^53).
    public var doubles: [Double] { array(of: Double.self) }

    /// The elements as integers, row-major (floats truncated as C casts them).
    public var int64s: [Int64] { array(of: Int64.self) }

    /// This tensor with its elements contiguous in a storage of its own (offset 0, row-major
    /// strides), or itself when it already is; no autograd record. For kernels that walk memory.
    func compact() throws -> Tensor {
        if storageOffset == 0, isContiguous, strides == Shape.strides(shape) { return self }
        var copy = try Tensor(uninitialized: shape, dtype: dtype)
        ElementCast.copy(from: dtype, storage, offsets: offsets, to: dtype, copy.storage.bytes)
        copy.meta = meta
        return copy
    }

    /// A new contiguous tensor whose elements the caller writes before anyone reads them.
    init(uninitialized shape: [Int], dtype: DType) throws {
        let n = try Shape.count(shape)
        self.init(storage: try Storage(count: n, dtype: dtype, zeroed: false), shape: shape,
                  strides: Shape.strides(shape), offset: 0, dtype: dtype)
    }
}
