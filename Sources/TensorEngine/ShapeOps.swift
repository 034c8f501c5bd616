/// Operations that rearrange elements into a new tensor (they are copies in PyTorch too): repeat,
/// flip and roll. Their backward rules rearrange the gradient back the same way.
extension Tensor {
    /// The tensor tiled `repeats[d]` times along each dimension, like `x.repeat(2, 1)`.  ∂: sum the tiles
    public func repeated(_ repeats: [Int]) throws -> Tensor {
        guard repeats.count >= rank else {
            throw TensorError.runtime(
                "Number of dimensions of repeat dims can not be smaller than number of dimensions of tensor")
        }
        guard repeats.allSatisfy({ $0 >= 0 }) else {
            throw TensorError.runtime("Trying to create tensor with negative dimension \(repeats.first { $0 < 0 } ?? -1): \(Shape.describe(repeats))")
        }
        let padded = [Int](repeating: 1, count: repeats.count - rank) + shape
        let tiledShape = Swift.zip(padded, repeats).flatMap { [$1, $0] }
        var outShape: [Int] = []
        for (size, times) in Swift.zip(padded, repeats) {
            let (product, overflow) = size.multipliedReportingOverflow(by: times)
            guard !overflow else { _ = try Shape.count([Int.max]); return self }
            outShape.append(product)
        }
        _ = try Shape.count(outShape)
        let base = try detached().reshaped(padded).reshaped(padded.flatMap { [1, $0] }).detached()
        let tiled = try base.broadcastView(to: tiledShape).castCopy(dtype)
        var out = tiled
        out.shape = outShape
        out.strides = Shape.strides(outShape)
        let original = shape
        return out.recording("RepeatBackward0", [self]) { g in
            [try g.reshaped(tiledShape).sumToShape(padded.flatMap { [1, $0] }).reshaped(original)]
        }
    }

    /// The order of elements reversed along each of `dims`, like `torch.flip(x, [1])` (a copy, as
    /// in PyTorch).  ∂: flip back
    public func flipped(_ dims: [Int]) throws -> Tensor {
        let flipDims = Set(try dims.map { try Shape.normalize(dim: $0, rank: rank) })
        var start = storageOffset
        var newStrides = strides
        for d in flipDims where rank > 0 && shape[d] > 0 {
            start += (shape[d] - 1) * strides[d]
            newStrides[d] = -strides[d]
        }
        let reversed = Tensor(storage: storage, shape: shape, strides: newStrides, offset: start, dtype: dtype)
        return try reversed.castCopy(dtype).recording("FlipBackward0", [self]) { g in [try g.flipped(dims)] }
    }

    /// A view of this tensor with dimension `dim` walked backwards: NumPy's `x[::-1]`.
    public func reversedView(dim: Int) throws -> Tensor {
        let d = try Shape.normalize(dim: dim, rank: rank)
        guard shape[d] > 0 else { return aliased() }
        return try index(Array(repeating: .slice(nil, nil, nil), count: d) + [.slice(nil, nil, -1)], rules: .numpy)
    }

    /// Elements shifted by `shift` places along `dim`, wrapping around, like `torch.roll`.
    /// Without a dim the flattened tensor is rolled.  ∂: roll back
    public func rolled(_ shift: Int, dim: Int? = nil) throws -> Tensor {
        guard let dim else {
            let flat = try reshaped([count]).rolled(shift, dim: 0)
            return try flat.reshaped(shape)
        }
        let d = try Shape.normalize(dim: dim, rank: rank)
        let size = rank == 0 ? 1 : shape[d]
        guard size > 0 else { return try cloned() }
        let s = ((shift % size) + size) % size
        if s == 0 { return try cloned() }
        let tail = try narrowed(dim: d, start: size - s, length: s)
        let head = try narrowed(dim: d, start: 0, length: size - s)
        return try Tensor.cat([tail, head], dim: d).renamed("RollBackward0")
    }
}
