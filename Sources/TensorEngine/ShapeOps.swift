/// Operations that rearrange elements without computing new values: reshape, transpose, permute,
/// squeeze/unsqueeze, flatten, expand, repeat, flip and roll. Their backward rules rearrange the
/// gradient back the same way.
extension Tensor {
    /// The same elements with a new shape; one size may be -1 and is then inferred, like
    /// `x.reshape(2, -1)` or `x.view(...)`.
    ///
    /// ```swift
    /// try Tensor.arange(0, 6, integral: true).reshaped([2, -1])  // shape [2, 3]
    /// ```
    public func reshaped(_ newShape: [Int], name: String = "ViewBackward0") throws -> Tensor {
        let target = try resolve(newShape)
        if target == shape { return self }
        let original = shape
        return Tensor(shape: target, elements: elements, dtype: dtype)
            .recording(name, [self], savesTensors: false) { g in
                [Tensor(shape: original, elements: g.elements, dtype: g.dtype)]
            }
    }

    /// Fills in a -1 in a requested shape and checks that the element count matches.
    private func resolve(_ requested: [Int]) throws -> [Int] {
        var inferred: Int?
        var known = 1
        for (i, size) in requested.enumerated() {
            if size == -1 {
                guard inferred == nil else { throw TensorError.runtime("only one dimension can be inferred") }
                inferred = i
            } else if size < 0 {
                throw TensorError.runtime("invalid shape dimension \(size)")
            } else {
                let (product, overflow) = known.multipliedReportingOverflow(by: size)
                guard !overflow else { throw TensorError.runtime("shape '\(Shape.describe(requested))' is invalid for input of size \(count)") }
                known = product
            }
        }
        var result = requested
        if let inferred {
            guard known != 0, count % known == 0 else {
                throw TensorError.runtime("shape '\(Shape.describe(requested))' is invalid for input of size \(count)")
            }
            result[inferred] = count / known
        } else if known != count {
            throw TensorError.runtime("shape '\(Shape.describe(requested))' is invalid for input of size \(count)")
        }
        return result
    }

    /// The dimensions reordered: dimension i of the result is dimension `order[i]` of this tensor,
    /// like `x.permute(2, 0, 1)`.
    public func permuted(_ order: [Int], name: String = "PermuteBackward0") throws -> Tensor {
        guard order.count == rank else {
            throw TensorError.runtime(
                "permute(sparse_coo): number of dimensions in the tensor input does not match the length of the desired ordering of dimensions i.e. input.dim() = \(rank) is not equal to len(dims) = \(order.count)")
        }
        let dims = try order.map { try Shape.normalize(dim: $0, rank: rank) }
        guard Set(dims).count == dims.count else { throw TensorError.runtime("permute(): duplicate dims are not allowed.") }
        if dims == Array(0..<rank) { return self }
        let ownStrides = Shape.strides(shape)
        let newShape = dims.map { shape[$0] }
        var result = [Float]()
        result.reserveCapacity(count)
        Tensor.walk(shape: newShape, strides: dims.map { ownStrides[$0] }) { result.append(elements[$0]) }
        var inverse = [Int](repeating: 0, count: rank)
        for (i, d) in dims.enumerated() { inverse[d] = i }
        return Tensor(shape: newShape, elements: result, dtype: dtype)
            .recording(name, [self], savesTensors: false) { g in [try g.permuted(inverse)] }
    }

    /// Two dimensions swapped, like `x.transpose(0, 1)`.
    public func transposed(_ dim0: Int, _ dim1: Int) throws -> Tensor {
        if rank == 0 { _ = try Shape.normalize(dim: dim0, rank: 0); _ = try Shape.normalize(dim: dim1, rank: 0); return self }
        var order = Array(0..<rank)
        order.swapAt(try Shape.normalize(dim: dim0, rank: rank), try Shape.normalize(dim: dim1, rank: rank))
        return try permuted(order, name: "TransposeBackward0")
    }

    /// The matrix transpose of a tensor with at most 2 dimensions (PyTorch's `t()`).
    public func t() throws -> Tensor {
        guard rank <= 2 else { throw TensorError.runtime("t() expects a tensor with <= 2 dimensions, but self is \(rank)D") }
        return rank < 2 ? self : try permuted([1, 0], name: "TBackward0")
    }

    /// All dimensions reversed (PyTorch's `.T`).
    public func reversedDims() throws -> Tensor {
        try permuted(Array((0..<rank).reversed()))
    }

    /// Dimensions of size 1 removed: all of them, or only `dim`, like `x.squeeze()`.
    public func squeezed(dim: Int? = nil) throws -> Tensor {
        if let dim {
            let d = try Shape.normalize(dim: dim, rank: rank)
            guard rank > 0, shape[d] == 1 else { return self }
            var newShape = shape
            newShape.remove(at: d)
            return try reshaped(newShape, name: "SqueezeBackward1")
        }
        return try reshaped(shape.filter { $0 != 1 }, name: "SqueezeBackward0")
    }

    /// A dimension of size 1 inserted at `dim`, like `x.unsqueeze(0)`.
    public func unsqueezed(_ dim: Int) throws -> Tensor {
        let d = try Shape.normalize(dim: dim, rank: rank + 1)
        var newShape = shape
        newShape.insert(1, at: d)
        return try reshaped(newShape, name: "UnsqueezeBackward0")
    }

    /// Dimensions `start...end` merged into one, like `x.flatten(1)`.
    public func flattened(start: Int = 0, end: Int = -1) throws -> Tensor {
        if rank == 0 { return try reshaped([1]) }
        let s = try Shape.normalize(dim: start, rank: rank), e = try Shape.normalize(dim: end, rank: rank)
        guard s <= e else { throw TensorError.runtime("flatten() has invalid args: start_dim cannot come after end_dim") }
        let merged = Shape.product(Array(shape[s...e]))
        return try reshaped(Array(shape[..<s]) + [merged] + Array(shape[(e + 1)...]))
    }

    /// Size-1 dimensions repeated to `sizes` (-1 keeps a size), like `x.expand(4, 3)`.  ∂: sum back
    public func expanded(_ sizes: [Int]) throws -> Tensor {
        let pad = sizes.count - rank
        guard pad >= 0 else {
            throw TensorError.runtime(
                "expand(torch.FloatTensor{\(Shape.describe(shape))}, size=\(Shape.describe(sizes))): the number of sizes provided (\(sizes.count)) must be greater or equal to the number of dimensions in the tensor (\(rank))")
        }
        let target = sizes.enumerated().map { i, size in size == -1 && i >= pad ? shape[i - pad] : size }
        let original = shape
        return try broadcast(to: target).recording("ExpandBackward0", [self], savesTensors: false) { g in
            [try g.sumToShape(original)]
        }
    }

    /// The tensor tiled `repeats[d]` times along each dimension, like `x.repeat(2, 1)`.  ∂: sum the tiles
    public func repeated(_ repeats: [Int]) throws -> Tensor {
        guard repeats.count >= rank else {
            throw TensorError.runtime(
                "Number of dimensions of repeat dims can not be smaller than number of dimensions of tensor")
        }
        let padded = [Int](repeating: 1, count: repeats.count - rank) + shape
        let tiledShape = Swift.zip(padded, repeats).flatMap { [$1, $0] }
        let base = try reshaped(padded).reshaped(padded.flatMap { [1, $0] })
        let tiled = try base.broadcast(to: tiledShape)
        let outShape = Swift.zip(padded, repeats).map { $0 * $1 }
        let original = shape
        return Tensor(shape: outShape, elements: tiled.elements, dtype: dtype)
            .recording("RepeatBackward0", [self], savesTensors: false) { g in
                [try Tensor(shape: tiledShape, elements: g.elements).sumToShape(padded.flatMap { [1, $0] }).reshaped(original)]
            }
    }

    /// The order of elements reversed along each of `dims`, like `torch.flip(x, [1])`.  ∂: flip back
    public func flipped(_ dims: [Int]) throws -> Tensor {
        let flipDims = Set(try dims.map { try Shape.normalize(dim: $0, rank: rank) })
        let ownStrides = Shape.strides(shape)
        var start = 0
        var strides = ownStrides
        for d in flipDims where rank > 0 {
            start += (shape[d] - 1) * ownStrides[d]
            strides[d] = -ownStrides[d]
        }
        var result = [Float]()
        result.reserveCapacity(count)
        Tensor.walk(shape: shape, strides: strides) { result.append(elements[start + $0]) }
        return Tensor(shape: shape, elements: result, dtype: dtype)
            .recording("FlipBackward0", [self], savesTensors: false) { g in [try g.flipped(dims)] }
    }

    /// Elements shifted by `shift` places along `dim`, wrapping around, like `torch.roll`.
    /// Without a dim the flattened tensor is rolled.  ∂: roll back
    public func rolled(_ shift: Int, dim: Int? = nil) throws -> Tensor {
        guard let dim else {
            let flat = try reshaped([count]).rolled(shift, dim: 0)
            return try flat.reshaped(shape)
        }
        let (outer, size, inner) = try slices(along: dim)
        guard size > 0 else { return self }
        let s = ((shift % size) + size) % size
        var result = elements
        for o in 0..<outer {
            for k in 0..<size {
                let source = (o * size + k) * inner
                let target = (o * size + (k + s) % size) * inner
                for i in 0..<inner { result[target + i] = elements[source + i] }
            }
        }
        return Tensor(shape: shape, elements: result, dtype: dtype)
            .recording("RollBackward0", [self], savesTensors: false) { g in [try g.rolled(-shift, dim: dim)] }
    }

    /// An independent copy that stays in the graph (PyTorch's `clone()`).  ∂/∂x = 1
    public func cloned() -> Tensor {
        Tensor(shape: shape, elements: elements, dtype: dtype)
            .recording("CloneBackward0", [self], savesTensors: false) { g in [g] }
    }
}
