/// The loops every element-wise operation runs on: `map` for one tensor and `combine` for two
/// under broadcasting, each in one of three "lanes" — `Float` for float32 results, `Double` for
/// float64, `Int64` for the integers and bool (stored back at their own width) — plus
/// `sumToShape`, which undoes broadcasting on the way back.
///
/// Operands may be any views: the loops follow their strides, and a broadcast dimension is a
/// stride of 0.
extension Tensor {
    // MARK: One tensor

    /// Applies the lane's function to every element, keeping the shape; the result has `dtype`
    /// (default: this tensor's), and the elements are read in that dtype's lane.
    ///
    /// ```swift
    /// let doubled = x.map({ 2 * $0 }, { 2 * $0 }, { 2 &* $0 })
    /// ```
    @inline(__always)
    public func map(dtype: DType? = nil, _ f32: (Float) -> Float, _ f64: (Double) -> Double, _ i64: (Int64) -> Int64) throws -> Tensor {
        let type = dtype ?? self.dtype
        switch type.lane {
        case .float32: return try mapLane(type, Float.self, f32)
        case .float64: return try mapLane(type, Double.self, f64)
        default: return try mapLane(.int64, Int64.self, i64).castForStorage(type)
        }
    }

    /// `map` for functions defined on floats only: float32 and float64 tensors keep their dtype,
    /// integers and bools become the default float dtype (`torch.exp(int_tensor)` is float32).
    @inline(__always)
    public func mapFloating(_ f32: (Float) -> Float, _ f64: (Double) -> Double) throws -> Tensor {
        let type = dtype.isFloatingPoint ? dtype : DefaultDType.float
        return type == .float64 ? try mapLane(.float64, Double.self, f64) : try mapLane(.float32, Float.self, f32)
    }

    /// A float32-only map, for the image and augmentation code that works on float32 pictures.
    @inline(__always)
    public func map(_ f: (Float) -> Float) throws -> Tensor {
        try mapLane(.float32, Float.self, f)
    }

    /// The loop of `map`: reads this tensor in `lane` (converting first if stored otherwise),
    /// writes a new contiguous tensor of the lane's dtype.
    @inline(__always)
    func mapLane<L: TensorScalar>(_ laneType: DType, _ l: L.Type, _ f: (L) -> L) throws -> Tensor {
        let input = try inLane(laneType)
        let result = try Tensor(uninitialized: shape, dtype: laneType)
        let out = result.storage.pointer(L.self), source = input.storage.pointer(L.self)
        if let (start, n) = input.offsets.contiguousRange {
            for i in 0..<n { out[i] = f(source[start + i]) }
        } else {
            var k = 0
            input.offsets.forEach { out[k] = f(source[$0]); k += 1 }
        }
        return result
    }

    /// A predicate on every element, as a bool tensor (`isnan`, `isfinite`...).
    @inline(__always)
    public func test(_ f64: (Double) -> Bool, _ i64: (Int64) -> Bool) throws -> Tensor {
        let result = try Tensor(uninitialized: shape, dtype: .bool)
        let out = result.storage.pointer(UInt8.self)
        if dtype.isFloatingPoint {
            for (k, value) in doubles.enumerated() { out[k] = f64(value) ? 1 : 0 }
        } else {
            for (k, value) in int64s.enumerated() { out[k] = i64(value) ? 1 : 0 }
        }
        return result
    }

    // MARK: Two tensors

    /// Applies the lane's function to matching elements of `a` and `b` after broadcasting both
    /// to a common shape; the result has `dtype`, computed in its lane.
    ///
    /// ```swift
    /// let larger = try Tensor.combine(a, b, dtype: .float32, { max($0, $1) }, { max($0, $1) }, { max($0, $1) })
    /// ```
    @inline(__always)
    public static func combine(_ a: Tensor, _ b: Tensor, dtype: DType,
                               _ f32: (Float, Float) -> Float, _ f64: (Double, Double) -> Double,
                               _ i64: (Int64, Int64) -> Int64) throws -> Tensor {
        switch dtype.lane {
        case .float32: return try combineLane(a, b, .float32, result: .float32, Float.self, f32)
        case .float64: return try combineLane(a, b, .float64, result: .float64, Double.self, f64)
        default: return try combineLane(a, b, .int64, result: .int64, Int64.self, i64).castForStorage(dtype)
        }
    }

    /// A comparison of matching elements, computed in the lane of the operands' promoted dtype,
    /// as a bool tensor.
    @inline(__always)
    public static func compareLanes(_ a: Tensor, _ b: Tensor,
                                    _ f32: (Float, Float) -> Bool, _ f64: (Double, Double) -> Bool,
                                    _ i64: (Int64, Int64) -> Bool) throws -> Tensor {
        let lane = resultType(a, b).lane
        switch lane {
        case .float32: return try combineLane(a, b, .float32, result: .bool, Float.self) { f32($0, $1) ? UInt8(1) : 0 }
        case .float64: return try combineLane(a, b, .float64, result: .bool, Double.self) { f64($0, $1) ? UInt8(1) : 0 }
        default: return try combineLane(a, b, .int64, result: .bool, Int64.self) { i64($0, $1) ? UInt8(1) : 0 }
        }
    }

    /// The loop of `combine`: both operands read in `lane`, broadcast to a common shape, into a
    /// new contiguous tensor of dtype `result` whose elements are `O`.
    @inline(__always)
    static func combineLane<L: TensorScalar, O>(_ a: Tensor, _ b: Tensor, _ lane: DType, result: DType, _ l: L.Type,
                                                 _ f: (L, L) -> O) throws -> Tensor {
        let shape = a.shape == b.shape ? a.shape : try Shape.broadcast(a.shape, b.shape)
        let x = try a.inLane(lane).broadcastView(to: shape), y = try b.inLane(lane).broadcastView(to: shape)
        let out = try Tensor(uninitialized: shape, dtype: result)
        let o = out.storage.bytes.assumingMemoryBound(to: O.self)
        let pa = x.storage.pointer(L.self), pb = y.storage.pointer(L.self)
        let n = out.count
        if n == 0 { return out }
        if let (sa, _) = x.offsets.contiguousRange {
            if let (sb, _) = y.offsets.contiguousRange {
                for i in 0..<n { o[i] = f(pa[sa + i], pb[sb + i]) }
                return out
            }
            if y.strides.allSatisfy({ $0 == 0 }) {
                let s = pb[y.storageOffset]
                for i in 0..<n { o[i] = f(pa[sa + i], s) }
                return out
            }
        }
        if x.strides.allSatisfy({ $0 == 0 }), let (sb, _) = y.offsets.contiguousRange {
            let s = pa[x.storageOffset]
            for i in 0..<n { o[i] = f(s, pb[sb + i]) }
            return out
        }
        var k = 0
        walk(shape: shape, x.strides, x.storageOffset, y.strides, y.storageOffset) { i, j in
            o[k] = f(pa[i], pb[j])
            k += 1
        }
        return out
    }

    /// Visits every index of `shape` in row-major order with the matching offsets of two strided
    /// operands: an odometer over all but the last dimension, which runs as a tight loop.
    @inline(__always)
    static func walk(shape: [Int], _ aStrides: [Int], _ aStart: Int, _ bStrides: [Int], _ bStart: Int, _ body: (Int, Int) -> Void) {
        let rank = shape.count
        if rank == 0 { body(aStart, bStart); return }
        if shape.contains(0) { return }
        let inner = shape[rank - 1], aInner = aStrides[rank - 1], bInner = bStrides[rank - 1]
        var index = [Int](repeating: 0, count: rank)
        var aOffset = aStart, bOffset = bStart
        while true {
            for j in 0..<inner { body(aOffset + j * aInner, bOffset + j * bInner) }
            var d = rank - 2
            while d >= 0 {
                index[d] += 1
                aOffset += aStrides[d]
                bOffset += bStrides[d]
                if index[d] < shape[d] { break }
                aOffset -= aStrides[d] * index[d]
                bOffset -= bStrides[d] * index[d]
                index[d] = 0
                d -= 1
            }
            if d < 0 { return }
        }
    }

    // MARK: Dtypes around the loops

    /// This tensor stored as `lane`'s dtype: itself when it already is, else a converted copy
    /// (a view's strides are kept only when no copy is needed).
    func inLane(_ lane: DType) throws -> Tensor {
        if dtype == lane || (lane == .int64 && dtype == .int64) { return self }
        return try castCopy(lane)
    }

    /// A contiguous copy converted to `target`, with no autograd record.
    func castCopy(_ target: DType) throws -> Tensor {
        var copy = try Tensor(uninitialized: shape, dtype: target)
        ElementCast.copy(from: dtype, storage, offsets: offsets, to: target, copy.storage.bytes)
        copy.isWrappedNumber = isWrappedNumber
        return copy
    }

    /// An int64 lane result stored as `type` (wrapping to its width, or to 0/1 for bool).
    func castForStorage(_ type: DType) throws -> Tensor {
        type == dtype ? self : try castCopy(type)
    }

    /// The dtype of an operation's result on these operands, by PyTorch's rules: tensors with
    /// dimensions decide first, then 0-d tensors, then Python numbers; a later group only
    /// raises the category (bool < integer < float), and a Python float raises it to the
    /// default float dtype. `int32_tensor * 2.5` is float32; `uint8_tensor + 1000` stays uint8.
    public static func resultType(_ operands: Tensor...) -> DType {
        resultType(operands)
    }

    /// `resultType` of a list of operands.
    public static func resultType(_ operands: [Tensor]) -> DType {
        var dimensioned: DType?, zeroDim: DType?, wrapped: DType?
        func join(_ current: DType?, _ next: DType) -> DType { current.map { DType.promote($0, next) } ?? next }
        for t in operands {
            if t.isWrappedNumber {
                let kind: DType = t.dtype.isFloatingPoint ? DefaultDType.float : (t.dtype == .bool ? .bool : .int64)
                wrapped = join(wrapped, kind)
            } else if t.rank == 0 {
                zeroDim = join(zeroDim, t.dtype)
            } else {
                dimensioned = join(dimensioned, t.dtype)
            }
        }
        func combine(_ higher: DType?, _ lower: DType?) -> DType? {
            guard let higher else { return lower }
            guard let lower else { return higher }
            if higher.isFloatingPoint { return higher }
            if higher == .bool || lower.isFloatingPoint { return DType.promote(higher, lower) }
            return higher
        }
        return combine(dimensioned, combine(zeroDim, wrapped)) ?? DefaultDType.float
    }

    // MARK: Undoing broadcasting

    /// Sums a gradient of a broadcast result back to the shape of the operand that was broadcast:
    /// every copy an operand's element was spread to hands its gradient back to that element.
    public func sumToShape(_ target: [Int]) throws -> Tensor {
        if shape == target { return self }
        let pad = rank - target.count
        var dims: [Int] = Array(0..<Swift.max(pad, 0))
        for (i, size) in target.enumerated() where size == 1 && pad + i < rank && shape[pad + i] != 1 {
            dims.append(pad + i)
        }
        if dims.isEmpty { return try reshaped(target) }
        return try sum(dims: dims, keepdim: true).reshaped(target)
    }
}
