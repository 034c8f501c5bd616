/// Which elements a reduction combines: the dimensions reduced over, the result's shape, and for
/// each input element the output element it belongs to.
struct Reduction {
    /// The shape reduced from.
    let inputShape: [Int]
    /// The reduced dimensions, non-negative and sorted.
    let dims: [Int]
    /// The input shape with every reduced dimension set to 1 (the `keepdim=True` shape).
    let keptShape: [Int]
    /// The result's shape.
    let outputShape: [Int]
    /// How many input elements meet in each output element.
    let groupSize: Int

    /// Reduces `shape` over `dims` (nil or empty: every dimension).
    init(shape: [Int], dims: [Int]?, keepdim: Bool) throws {
        var reduced = Set<Int>()
        if let dims, !dims.isEmpty {
            for dim in dims {
                let d = try Shape.normalize(dim: dim, rank: shape.count)
                guard reduced.insert(d).inserted else {
                    throw TensorError.runtime("dim \(d) appears multiple times in the list of dims")
                }
            }
        } else {
            reduced = Set(0..<shape.count)
        }
        reduced = reduced.filter { $0 < shape.count }
        inputShape = shape
        self.dims = reduced.sorted()
        keptShape = shape.enumerated().map { reduced.contains($0.offset) ? 1 : $0.element }
        outputShape = keepdim ? keptShape : shape.enumerated().filter { !reduced.contains($0.offset) }.map(\.element)
        groupSize = reduced.reduce(1) { $0 * shape[$1] }
    }

    /// The number of output elements.
    var outputCount: Int { Shape.product(keptShape) }

    /// When the reduced dimensions are adjacent (a single one, say), the input is
    /// [outer, reduced, inner] and output element (o, i) gathers input (o, 0..<reduced, i).
    var contiguousBlock: (outer: Int, reduced: Int, inner: Int)? {
        guard let first = dims.first, let last = dims.last, last - first + 1 == dims.count else { return nil }
        return (Shape.product(Array(inputShape[..<first])), groupSize, Shape.product(Array(inputShape[(last + 1)...])))
    }

    /// For each input element in order, the offset of the output element it contributes to.
    func targets() -> [Int] {
        var result = [Int]()
        result.reserveCapacity(Shape.product(inputShape))
        let own = Shape.strides(keptShape)
        let strides = keptShape.indices.map { keptShape[$0] == 1 ? 0 : own[$0] }
        Offsets(shape: inputShape, strides: strides, start: 0).forEach { result.append($0) }
        return result
    }

    /// For a reduction over one dimension: each input element's position along that dimension.
    func positionsAlongDim() -> [Int] {
        let dim = dims.first ?? 0
        let stride = Shape.strides(inputShape)[dim]
        let size = inputShape.isEmpty ? 1 : inputShape[dim]
        return (0..<Shape.product(inputShape)).map { ($0 / stride) % size }
    }

    /// Double-precision sums of each group of a contiguous input, in row-major order of the input.
    @inline(__always)
    func sums<T: TensorScalar>(_ x: UnsafeBufferPointer<T>) -> [Double] {
        var sums = [Double](repeating: 0, count: outputCount)
        if outputCount == 1 {
            var total = 0.0
            for value in x { total += value.doubleValue }
            sums[0] = total
            return sums
        }
        if let (outer, reduced, inner) = contiguousBlock {
            // The same additions in the same order as the general walk below, without its index array.
            sums.withUnsafeMutableBufferPointer { out in
                for o in 0..<outer {
                    for k in 0..<reduced {
                        let base = (o * reduced + k) * inner
                        for i in 0..<inner { out[o * inner + i] += x[base + i].doubleValue }
                    }
                }
            }
            return sums
        }
        for (value, target) in Swift.zip(x, targets()) { sums[target] += value.doubleValue }
        return sums
    }

    /// Spreads a gradient of the result back over the input's shape: each input element receives
    /// the gradient of the output element it was reduced into.
    func expand(_ gradient: Tensor) throws -> Tensor {
        try gradient.reshaped(keptShape).expanded(inputShape)
    }
}
