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
    /// `x[idx]` with an integer tensor of positions, or `x[mask]` with a bool tensor.
    case tensor(Tensor)
}

/// Which library's rules a subscript follows: PyTorch refuses negative slice steps, NumPy
/// walks backwards; their messages name a "dimension" or an "axis".
public enum IndexingRules: Sendable {
    case torch, numpy
}

/// What a subscript does, split as PyTorch and NumPy split it: the basic part (integers, slices,
/// `None`, `...`) is a view; the advanced part (index tensors, masks) then picks elements of that
/// view into a new tensor.
struct IndexPlan {
    /// The view the basic part selects.
    var view: Tensor
    /// The advanced part: for each index tensor, the dimension of `view` it indexes.
    var advanced: [(dim: Int, values: Tensor)]
    /// Where the advanced part's dimensions go in the result.
    var advancedPosition: Int
    /// Whose messages to give.
    var rules: IndexingRules
}

extension Tensor {
    /// The elements a subscript selects: a view for basic indexing (integers, slices, `None`,
    /// `...`), a new tensor when index tensors or masks take part, as in PyTorch.
    /// ∂: the gradient flows back to the selected positions (added up where one is picked twice)
    public func index(_ indices: [TensorIndex], rules: IndexingRules = .torch) throws -> Tensor {
        let plan = try indexPlan(indices, rules: rules)
        guard !plan.advanced.isEmpty else { return plan.view }
        let (shape, positions) = try plan.view.advancedPositions(plan)
        let source = plan.view
        let out = try source.gathered(positions).reshaped(shape).detached()
        let sourceShape = source.shape
        return out.recording("IndexBackward0", [source]) { g in
            [try Tensor.scatterAdd(g, at: positions, into: sourceShape)]
        }
    }

    /// Writes `value` (broadcast to the selection's shape, cast to this dtype) into the selected
    /// positions, like `x[mask] = 0` or `x[:, 1] = v`: `copy_` into the view for basic indexing,
    /// `index_put_` for advanced, both in place with PyTorch's autograd rules.
    public func assign(_ value: Tensor, at indices: [TensorIndex], rules: IndexingRules = .torch) throws {
        let plan = try indexPlan(indices, rules: rules)
        let target = plan.view
        if plan.advanced.isEmpty {
            try target.updateInPlace(operands: [value], name: "CopyBackwards") { old in
                try value.copiedForAssignment(to: old.shape, dtype: old.dtype)
            }
            return
        }
        let (shape, positions) = try target.advancedPositions(plan)
        try target.updateInPlace(operands: [value], name: "IndexPutBackward0") { old in
            try old.indexPut(positions, shape: shape, value: value)
        }
    }

    /// `value` broadcast to `shape` and cast to `dtype`, as `copy_` takes it; gradient flows
    /// back to `value`.
    public func copiedForAssignment(to shape: [Int], dtype target: DType) throws -> Tensor {
        let spread = try broadcastView(to: shape).castCopy(target)
        let original = self.shape
        return spread.detached().recording("ExpandBackward0", [self]) { g in [try g.sumToShape(original)] }
    }

    /// A copy of this tensor with the row-major `positions` set to `value` (broadcast to `shape`):
    /// PyTorch's out-of-place `index_put`.  ∂/∂self = g with the positions cleared, ∂/∂value = g at the positions
    func indexPut(_ positions: [Int], shape: [Int], value: Tensor) throws -> Tensor {
        let spread = try value.broadcastView(to: shape).castCopy(dtype)
        let result = try compactCopy()
        let staging = spread.storage.bytes, itemSize = dtype.itemSize
        for (k, position) in positions.enumerated() {
            (result.storage.bytes + position * itemSize).copyMemory(from: staging + k * itemSize, byteCount: itemSize)
        }
        let (me, valueShape) = (self, value.shape)
        return result.recording("IndexPutBackward0", [me, value]) { g in
            var kept = g.doubles
            let picked = positions.map { kept[$0] }
            for position in positions { kept[position] = 0 }
            return [try Tensor(kept, shape: g.shape, dtype: g.dtype),
                    try Tensor(picked, shape: shape, dtype: g.dtype).sumToShape(valueShape)]
        }
    }

    /// The elements at row-major `positions` of this tensor, as a new 1-d tensor (no autograd).
    func gathered(_ positions: [Int]) throws -> Tensor {
        let out = try Tensor(uninitialized: [positions.count], dtype: dtype)
        let all = offsets.array, itemSize = dtype.itemSize
        for (k, position) in positions.enumerated() {
            (out.storage.bytes + k * itemSize).copyMemory(from: storage.bytes + all[position] * itemSize, byteCount: itemSize)
        }
        return out
    }

    // MARK: The basic part

    /// Splits a subscript into its view and its index tensors.
    func indexPlan(_ indices: [TensorIndex], rules: IndexingRules) throws -> IndexPlan {
        var given = indices
        if rules == .numpy, given.contains(where: { if case .tensor = $0 { return true }; return false }) {
            // NumPy treats an integer beside an index array as one more (broadcast) index array.
            given = given.map { if case .single(let i) = $0 { return .tensor(Tensor(scalar: Double(i), dtype: .int64)) }; return $0 }
        }
        let items = try expandEllipsis(try expandMasks(given, rules: rules))
        var view = self
        var dim = 0, originalDim = 0
        var advanced: [(dim: Int, values: Tensor)] = []
        var advancedSlots: [Int] = []
        var slot = 0
        var touched = false
        for item in items {
            switch item {
            case .newAxis:
                view = try view.unsqueezed(dim)
                dim += 1
                touched = true
            case .single(let i):
                view = try view.selectedForIndexing(dim: dim, index: i, rules: rules, reportedDim: originalDim)
                touched = true
                originalDim += 1
            case .slice(let start, let stop, let step):
                let (first, length, stride) = try Tensor.sliceBounds(start, stop, step, size: view.shape[dim], rules: rules)
                if !(first == 0 && length == view.shape[dim] && stride == 1) {
                    view = try view.sliced(dim: dim, first: first, length: length, step: stride)
                    touched = true
                }
                dim += 1
                originalDim += 1
            case .tensor(let values):
                advanced.append((dim, values))
                advancedSlots.append(slot)
                dim += 1
                originalDim += 1
            case .ellipsis:
                break
            }
            if case .newAxis = item { slot += 1 } else if case .single = item {} else { slot += 1 }
        }
        if !touched && advanced.isEmpty { view = aliased() }
        let adjacent = advancedSlots.enumerated().allSatisfy { $0.element == (advancedSlots.first ?? 0) + $0.offset }
        return IndexPlan(view: view, advanced: advanced, advancedPosition: adjacent ? (advanced.first?.dim ?? 0) : 0, rules: rules)
    }

    /// `select` with each library's message for an index out of range.
    private func selectedForIndexing(dim: Int, index: Int, rules: IndexingRules, reportedDim: Int) throws -> Tensor {
        guard dim < rank else {
            throw TensorError.index(rules == .numpy
                ? "invalid index to scalar variable."
                : "invalid index of a 0-dim tensor. Use `tensor.item()` in Python or `tensor.item<T>()` in C++ to convert a 0-dim tensor to a number")
        }
        let size = shape[dim]
        guard index >= -size && index < size else {
            throw TensorError.index(rules == .numpy
                ? "index \(index) is out of bounds for axis \(reportedDim) with size \(size)"
                : "index \(index) is out of bounds for dimension \(reportedDim) with size \(size)")
        }
        return try selected(dim: dim, index: index)
    }

    /// Replaces each boolean mask by the int64 index tensors of its true positions (one per
    /// dimension the mask covers), after checking the mask's shape against the dimensions it covers.
    private func expandMasks(_ indices: [TensorIndex], rules: IndexingRules) throws -> [TensorIndex] {
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
                    guard try mask.integerItem() != 0 else {
                        throw TensorError.index("a 0-d False mask selects nothing; regtutor supports only a 0-d True mask here")
                    }
                    result.append(.newAxis)
                    continue
                }
                let covered = mask.rank
                for k in 0..<covered {
                    let size = dim + k < rank ? shape[dim + k] : -1
                    guard size == mask.shape[k] else {
                        throw TensorError.index(rules == .numpy
                            ? "boolean index did not match indexed array along axis \(dim + k); size of axis is \(size) but size of corresponding boolean axis is \(mask.shape[k])"
                            : "The shape of the mask \(Shape.describe(mask.shape)) at index \(k) does not match the shape of the indexed tensor \(Shape.describe(shape)) at index \(dim + k)")
                    }
                }
                let flags = mask.int64s
                let trueAt = flags.indices.filter { flags[$0] != 0 }
                let maskStrides = Shape.strides(mask.shape)
                for k in 0..<covered {
                    let positions = trueAt.map { Int64(($0 / maskStrides[k]) % mask.shape[k]) }
                    result.append(.tensor(try Tensor(positions, shape: [positions.count], dtype: .int64)))
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
    /// `size`, clamped like Python's slices. PyTorch allows only positive steps; NumPy's negative
    /// steps walk backwards.
    static func sliceBounds(_ start: Int?, _ stop: Int?, _ step: Int?, size: Int, rules: IndexingRules = .torch) throws -> (Int, Int, Int) {
        let step = step ?? 1
        guard step != 0 else { throw TensorError.value("slice step cannot be zero") }
        guard step > 0 || rules == .numpy else { throw TensorError.value("step must be greater than zero") }
        if step > 0 {
            func clamp(_ value: Int?, _ fallback: Int) -> Int {
                guard let value else { return fallback }
                let v = value < 0 ? value + size : value
                return Swift.min(Swift.max(v, 0), size)
            }
            let first = clamp(start, 0)
            let end = Swift.max(clamp(stop, size), first)
            return (first, (end - first + step - 1) / step, step)
        }
        func clampDown(_ value: Int?, _ fallback: Int) -> Int {
            guard let value else { return fallback }
            let v = value < 0 ? value + size : value
            return Swift.min(Swift.max(v, -1), size - 1)
        }
        let first = clampDown(start, size - 1)
        let end = Swift.min(clampDown(stop, -1), first)
        let length = first > end ? (first - end + (-step) - 1) / (-step) : 0
        return (length == 0 ? 0 : first, length, step)
    }

    // MARK: The advanced part

    /// The result shape of the advanced part of `plan` on this view, and for each result element
    /// the row-major position in this view it comes from. The index tensors broadcast together;
    /// their dimensions go where the first one stood when they are adjacent, else to the front.
    func advancedPositions(_ plan: IndexPlan) throws -> ([Int], [Int]) {
        var blockShape: [Int] = []
        for (_, values) in plan.advanced {
            guard !values.dtype.isFloatingPoint else {
                throw TensorError.index("tensors used as indices must be long, int, byte or bool tensors")
            }
            do {
                blockShape = try Shape.broadcast(blockShape, values.shape)
            } catch {
                let shapes = plan.advanced.map { Shape.describe($0.values.shape) }.joined(separator: ", ")
                throw TensorError.index("shape mismatch: indexing tensors could not be broadcast together with shapes \(shapes)")
            }
        }
        let strides = Shape.strides(shape)
        var blockOffsets = [Int](repeating: 0, count: try Shape.count(blockShape))
        for (dim, values) in plan.advanced {
            let spread = try values.broadcastView(to: blockShape).int64s
            let size = shape[dim]
            for (k, raw) in spread.enumerated() {
                guard raw >= -Int64(size) && raw < Int64(size) else {
                    throw TensorError.index("index \(raw) is out of bounds for \(plan.rules == .numpy ? "axis" : "dimension") \(dim) with size \(size)")
                }
                let i = Int(raw)
                blockOffsets[k] += (i < 0 ? i + size : i) * strides[dim]
            }
        }
        let indexed = Set(plan.advanced.map(\.dim))
        var components: [(shape: [Int], offsets: [Int])] = []
        for d in 0..<rank where !indexed.contains(d) {
            components.append(([shape[d]], (0..<shape[d]).map { $0 * strides[d] }))
        }
        let insertAt = plan.advancedPosition == 0 ? 0 : (0..<plan.advancedPosition).filter { !indexed.contains($0) }.count
        components.insert((blockShape, blockOffsets), at: insertAt)
        var positions = [0]
        var outShape: [Int] = []
        for component in components {
            outShape += component.shape
            _ = try Shape.count(outShape)
            positions = positions.flatMap { o in component.offsets.map { o + $0 } }
        }
        return (outShape, positions)
    }
}
