/// The two loops every element-wise operation runs on: `map` for one tensor and `zip` for two
/// tensors under broadcasting, plus `sumToShape`, which undoes broadcasting on the way back.
extension Tensor {
    /// Applies `f` to every element, keeping the shape.
    ///
    /// ```swift
    /// let doubled = x.map { 2 * $0 }
    /// ```
    @inline(__always)
    public func map(dtype: DType? = nil, _ f: (Float) -> Float) -> Tensor {
        let input = elements
        let result = [Float](unsafeUninitializedCapacity: input.count) { buffer, initialized in
            input.withUnsafeBufferPointer { source in
                for i in 0..<source.count { buffer[i] = f(source[i]) }
            }
            initialized = input.count
        }
        return Tensor(shape: shape, elements: result, dtype: dtype ?? self.dtype)
    }

    /// Applies `f` to matching elements of `a` and `b` after broadcasting both to a common shape.
    ///
    /// Broadcasting lines shapes up from the last dimension; a dimension of size 1 (or a missing
    /// one) is repeated to match the other operand, without copying.
    ///
    /// ```swift
    /// let larger = try Tensor.combine(a, b) { max($0, $1) }
    /// ```
    @inline(__always)
    public static func combine(_ a: Tensor, _ b: Tensor, dtype: DType = .float32, _ f: (Float, Float) -> Float) throws -> Tensor {
        if a.shape == b.shape {
            return Tensor(shape: a.shape, elements: combineSameShape(a.elements, b.elements, f), dtype: dtype)
        }
        let shape = try Shape.broadcast(a.shape, b.shape)
        if b.count == 1 && shape == a.shape {
            let scalar = b.elements[0]
            return Tensor(shape: shape, elements: a.map { f($0, scalar) }.elements, dtype: dtype)
        }
        if a.count == 1 && shape == b.shape {
            let scalar = a.elements[0]
            return Tensor(shape: shape, elements: b.map { f(scalar, $0) }.elements, dtype: dtype)
        }
        return Tensor(shape: shape, elements: combineBroadcast(a, b, shape: shape, f), dtype: dtype)
    }

    /// Inlined into each operator, so that the loop is compiled around the operator's own arithmetic.
    @inline(__always)
    static func combineSameShape(_ a: [Float], _ b: [Float], _ f: (Float, Float) -> Float) -> [Float] {
        [Float](unsafeUninitializedCapacity: a.count) { buffer, initialized in
            a.withUnsafeBufferPointer { pa in
                b.withUnsafeBufferPointer { pb in
                    for i in 0..<pa.count { buffer[i] = f(pa[i], pb[i]) }
                }
            }
            initialized = a.count
        }
    }

    /// The general case: walk the output with an odometer over all but the last dimension, and
    /// run the last dimension as a tight loop. A broadcast dimension has stride 0.
    @inline(__always)
    static func combineBroadcast(_ a: Tensor, _ b: Tensor, shape: [Int], _ f: (Float, Float) -> Float) -> [Float] {
        let rank = shape.count
        let count = Shape.product(shape)
        let aStrides = broadcastStrides(a.shape, rank: rank)
        let bStrides = broadcastStrides(b.shape, rank: rank)
        let inner = shape[rank - 1]
        let aInner = aStrides[rank - 1], bInner = bStrides[rank - 1]
        return [Float](unsafeUninitializedCapacity: count) { out, initialized in
            a.elements.withUnsafeBufferPointer { pa in
                b.elements.withUnsafeBufferPointer { pb in
                    var index = [Int](repeating: 0, count: rank)
                    var aOffset = 0, bOffset = 0, o = 0
                    while o < count {
                        for j in 0..<inner { out[o + j] = f(pa[aOffset + j * aInner], pb[bOffset + j * bInner]) }
                        o += inner
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
                    }
                }
            }
            initialized = count
        }
    }

    /// Strides of `shape` seen as a tensor of `rank` dimensions: 0 where it is broadcast.
    static func broadcastStrides(_ shape: [Int], rank: Int) -> [Int] {
        let own = Shape.strides(shape)
        var result = [Int](repeating: 0, count: rank)
        let pad = rank - shape.count
        for d in 0..<shape.count where shape[d] != 1 { result[pad + d] = own[d] }
        return result
    }

    /// Sums a gradient of a broadcast result back to the shape of the operand that was broadcast:
    /// every copy an operand's element was spread to hands its gradient back to that element.
    public func sumToShape(_ target: [Int]) throws -> Tensor {
        if shape == target { return self }
        var sums = [Double](repeating: 0, count: try Shape.count(target))
        var position = 0
        Tensor.walk(shape: shape, strides: Tensor.broadcastStrides(target, rank: rank)) { offset in
            sums[offset] += Double(elements[position])
            position += 1
        }
        return Tensor(shape: target, elements: sums.map { Float($0) }, dtype: dtype)
    }

    /// This tensor repeated along its size-1 (and missing leading) dimensions to `target`, like
    /// PyTorch's `expand`, as a new tensor.
    public func broadcast(to target: [Int]) throws -> Tensor {
        if shape == target { return self }
        let pad = target.count - rank
        for d in stride(from: rank - 1, through: 0, by: -1) where pad < 0 || (shape[d] != 1 && shape[d] != target[pad + d]) {
            let targetSize = pad < 0 ? 0 : target[pad + d]
            throw TensorError.runtime(
                "The expanded size of the tensor (\(targetSize)) must match the existing size (\(shape[d])) at non-singleton dimension \(max(pad, 0) + d).  Target sizes: \(Shape.describe(target)).  Tensor sizes: \(Shape.describe(shape))")
        }
        let count = try Shape.count(target)
        if self.count == 1 {   // a scalar (the gradient of a sum, say): one value repeated
            return Tensor(shape: target, elements: Array(repeating: elements[0], count: count), dtype: dtype)
        }
        var result = [Float]()
        result.reserveCapacity(count)
        Tensor.walk(shape: target, strides: Tensor.broadcastStrides(shape, rank: target.count)) { offset in
            result.append(elements[offset])
        }
        return Tensor(shape: target, elements: result, dtype: dtype)
    }

    /// Visits every index of `shape` in row-major order and hands `body` the offset
    /// `sum(index[d] * strides[d])`: the one loop behind broadcasting, reducing and permuting.
    static func walk(shape: [Int], strides: [Int], _ body: (Int) -> Void) {
        let rank = shape.count
        if shape.contains(0) { return }
        var index = [Int](repeating: 0, count: rank)
        var offset = 0
        while true {
            body(offset)
            var d = rank - 1
            while d >= 0 {
                index[d] += 1
                offset += strides[d]
                if index[d] < shape[d] { break }
                offset -= strides[d] * index[d]
                index[d] = 0
                d -= 1
            }
            if d < 0 { return }
        }
    }
}
