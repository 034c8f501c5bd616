/// One entry of a subscript such as `x[1:3, None, idx]`.
///
/// ```swift
/// try x.index([.slice(nil, nil, nil), .single(0)])  // x[:, 0]
/// ```
public enum TensorIndex {
    /// `x[i]`: picks one position and removes the dimension (negative counts from the end).
    case single(Int)
    /// `x[start:stop:step]`: a range of positions; nil means the default.
    case slice(Int?, Int?, Int?)
    /// `x[None]`: inserts a dimension of size 1.
    case newAxis
    /// `x[...]`: as many full slices as needed.
    case ellipsis
    /// `x[idx]` with an int64 tensor of positions, or `x[mask]` with a bool tensor.
    case tensor(Tensor)
}

/// How a subscript maps the result onto the source: the result's shape, and for each result
/// element (row-major) the offset of the source element it comes from. Reading gathers through the
/// map, the gradient scatters back through it, and assignment writes through it.
struct IndexMap {
    var shape: [Int]
    var offsets: [Int]
    /// PyTorch's node name for the subscript (SelectBackward0, SliceBackward0, IndexBackward0...).
    var name: String
}

extension Tensor {
    /// The elements a subscript selects, as a new tensor (PyTorch returns a view; regtutor copies).
    /// ∂: the gradient flows back to the selected positions (added up where one is picked twice)
    public func index(_ indices: [TensorIndex]) throws -> Tensor {
        let map = try indexMap(indices)
        let values = map.offsets.map { elements[$0] }
        let sourceShape = shape
        return Tensor(shape: map.shape, elements: values, dtype: dtype)
            .recording(map.name, [self], savesTensors: false) { g in
                var grad = [Float](repeating: 0, count: Shape.product(sourceShape))
                for (k, offset) in map.offsets.enumerated() { grad[offset] += g.elements[k] }
                return [Tensor(shape: sourceShape, elements: grad)]
            }
    }

    /// Writes `value` (broadcast to the selection's shape) into the selected positions, like
    /// `x[mask] = 0`. A leaf that requires a gradient can only be changed with grad mode off; on
    /// other tensors the write is recorded (PyTorch's `CopySlices`).
    public mutating func assign(_ value: Tensor, at indices: [TensorIndex]) throws {
        try checkInPlaceAllowed()
        let map = try indexMap(indices)
        let spread = try value.broadcast(to: map.shape)
        let before = self
        for (k, offset) in map.offsets.enumerated() { elements[offset] = dtype.stored(spread.elements[k]) }
        guard GradMode.isEnabled, before.requiresGrad || value.requiresGrad else { return }
        let valueShape = value.shape
        self = detached().recording("CopySlices", [before, value], savesTensors: false) { g in
            var kept = g
            var picked = [Float]()
            for offset in map.offsets {
                picked.append(g.elements[offset])
                kept.elements[offset] = 0
            }
            return [kept, try Tensor(shape: map.shape, elements: picked).sumToShape(valueShape)]
        }
    }

    /// Works out the result shape and source offsets of a subscript, following PyTorch: integers
    /// select (removing their dimension), slices and `None` are basic indexing, and index tensors
    /// are advanced indexing, broadcast together, whose dimensions go where the first one stood
    /// when they are adjacent and to the front otherwise.
    func indexMap(_ indices: [TensorIndex]) throws -> IndexMap {
        let items = try expandEllipsis(try expandMasks(indices))
        let strides = Shape.strides(shape)
        var base = 0
        var components: [(shape: [Int], offsets: [Int])] = []
        var advanced: [(position: Int, dim: Int, values: Tensor)] = []
        var lastBasicName = "AliasBackward0"
        var dim = 0
        for item in items {
            switch item {
            case .newAxis:
                components.append(([1], [0]))
                lastBasicName = "UnsqueezeBackward0"
            case .single(let i):
                guard dim < rank else { throw TensorError.index("invalid index of a 0-dim tensor. Use `tensor.item()` in Python or `tensor.item<T>()` in C++ to convert a 0-dim tensor to a number") }
                let size = shape[dim]
                guard i >= -size && i < size else {
                    throw TensorError.index("index \(i) is out of bounds for dimension \(dim) with size \(size)")
                }
                base += (i < 0 ? i + size : i) * strides[dim]
                lastBasicName = "SelectBackward0"
                dim += 1
            case .slice(let start, let stop, let step):
                let (first, length, stride) = try Tensor.sliceBounds(start, stop, step, size: shape[dim])
                base += first * strides[dim]
                components.append(([length], (0..<length).map { $0 * stride * strides[dim] }))
                if !(first == 0 && length == shape[dim] && stride == 1) { lastBasicName = "SliceBackward0" }
                dim += 1
            case .tensor(let values):
                advanced.append((components.count, dim, values))
                dim += 1
            case .ellipsis:
                break
            }
        }
        if !advanced.isEmpty {
            let block = try advancedBlock(advanced.map { ($0.dim, $0.values) }, strides: strides)
            let positions = advanced.map(\.position)
            let adjacent = positions.allSatisfy { $0 == positions[0] }
            components.insert(block, at: adjacent ? positions[0] : 0)
        }
        var offsets = [base]
        var outShape: [Int] = []
        for component in components {
            outShape += component.shape
            _ = try Shape.count(outShape)
            offsets = offsets.flatMap { o in component.offsets.map { o + $0 } }
        }
        return IndexMap(shape: outShape, offsets: offsets, name: advanced.isEmpty ? lastBasicName : "IndexBackward0")
    }

    /// Replaces each boolean mask by the int64 index tensors of its true positions (one per
    /// dimension the mask covers), after checking the mask's shape against the dimensions it covers.
    private func expandMasks(_ indices: [TensorIndex]) throws -> [TensorIndex] {
        var result: [TensorIndex] = []
        var dim = 0
        var seenEllipsis = false
        let consumed = indices.reduce(0) { total, item in
            switch item {
            case .single, .slice: return total + 1
            case .tensor(let t): return total + (t.dtype == .bool ? t.rank : 1)
            case .newAxis, .ellipsis: return total
            }
        }
        for item in indices {
            switch item {
            case .ellipsis:
                guard !seenEllipsis else { throw TensorError.index("an index can only have a single ellipsis ('...')") }
                seenEllipsis = true
                dim += Swift.max(rank - consumed, 0)
                result.append(item)
            case .tensor(let mask) where mask.dtype == .bool:
                if mask.rank == 0 {
                    guard mask.elements[0] != 0 else {
                        throw TensorError.index("a 0-d False mask selects nothing; regtutor supports only a 0-d True mask here")
                    }
                    result.append(.newAxis)
                    continue
                }
                let covered = mask.rank
                for k in 0..<covered {
                    let size = dim + k < rank ? shape[dim + k] : -1
                    guard size == mask.shape[k] else {
                        throw TensorError.index(
                            "The shape of the mask \(Shape.describe(mask.shape)) at index \(k) does not match the shape of the indexed tensor \(Shape.describe(shape)) at index \(dim + k)")
                    }
                }
                let trueAt = mask.elements.indices.filter { mask.elements[$0] != 0 }
                let maskStrides = Shape.strides(mask.shape)
                for k in 0..<covered {
                    let positions = trueAt.map { Float(($0 / maskStrides[k]) % mask.shape[k]) }
                    result.append(.tensor(Tensor(shape: [positions.count], elements: positions, dtype: .int64)))
                }
                dim += covered
            case .newAxis:
                result.append(item)
            default:
                result.append(item)
                dim += 1
            }
        }
        return result
    }

    /// Replaces `...` (or the end of the subscript) by full slices, so that every dimension has
    /// exactly one entry; too many entries is an error.
    private func expandEllipsis(_ indices: [TensorIndex]) throws -> [TensorIndex] {
        let used = indices.filter { if case .newAxis = $0 { return false }; if case .ellipsis = $0 { return false }; return true }.count
        guard used <= rank else {
            if rank == 0 {
                throw TensorError.index("invalid index of a 0-dim tensor. Use `tensor.item()` in Python or `tensor.item<T>()` in C++ to convert a 0-dim tensor to a number")
            }
            throw TensorError.index("too many indices for tensor of dimension \(rank)")
        }
        let fill = [TensorIndex](repeating: .slice(nil, nil, nil), count: rank - used)
        if let at = indices.firstIndex(where: { if case .ellipsis = $0 { return true }; return false }) {
            var result = indices
            result.replaceSubrange(at...at, with: fill)
            return result
        }
        return indices + fill
    }

    /// The first position, number of positions and step of `start:stop:step` on a dimension of
    /// `size`, clamped like Python's slices. Steps must be positive, as in PyTorch.
    static func sliceBounds(_ start: Int?, _ stop: Int?, _ step: Int?, size: Int) throws -> (Int, Int, Int) {
        let step = step ?? 1
        guard step > 0 else {
            throw TensorError.value(step == 0 ? "slice step cannot be zero" : "step must be greater than zero")
        }
        func clamp(_ value: Int?, _ fallback: Int) -> Int {
            guard let value else { return fallback }
            let v = value < 0 ? value + size : value
            return Swift.min(Swift.max(v, 0), size)
        }
        let first = clamp(start, 0)
        let end = Swift.max(clamp(stop, size), first)
        return (first, (end - first + step - 1) / step, step)
    }

    /// The offsets contributed by the index tensors: broadcast together, each element picks a
    /// position in every indexed dimension.
    private func advancedBlock(_ indexTensors: [(dim: Int, values: Tensor)], strides: [Int]) throws -> ([Int], [Int]) {
        var blockShape: [Int] = []
        for (_, values) in indexTensors {
            guard values.dtype == .int64 else {
                throw TensorError.index("tensors used as indices must be long, int, byte or bool tensors")
            }
            do {
                blockShape = try Shape.broadcast(blockShape, values.shape)
            } catch {
                let shapes = indexTensors.map { Shape.describe($0.values.shape) }.joined(separator: ", ")
                throw TensorError.index("shape mismatch: indexing tensors could not be broadcast together with shapes \(shapes)")
            }
        }
        var offsets = [Int](repeating: 0, count: try Shape.count(blockShape))
        for (dim, values) in indexTensors {
            let spread = try values.broadcast(to: blockShape)
            let size = shape[dim]
            for (k, raw) in spread.elements.enumerated() {
                let i = Int(saturating: raw)
                guard i >= -size && i < size else {
                    throw TensorError.index("index \(i) is out of bounds for dimension \(dim) with size \(size)")
                }
                offsets[k] += (i < 0 ? i + size : i) * strides[dim]
            }
        }
        return (blockShape, offsets)
    }
}
