/// Views: tensors that look at another tensor's storage through new sizes, strides and offset,
/// computing nothing. `view`, `reshape` (when the strides allow it), `t`/`transpose`/`permute`,
/// `expand`, `narrow`, `select`, slicing, `squeeze`/`unsqueeze`, `diagonal`, `unflatten` and
/// `as_strided` are views in PyTorch, and here: a write through one is seen by the other.
///
/// Each view's backward rule puts the gradient back where the view took its elements from.
extension Tensor {
    /// The tensor whose storage this one looks at: itself unless it is a view.
    var viewRoot: Tensor { meta.view?.base ?? self }

    /// A view of this tensor with new geometry, recorded as `name` with `rule` as its backward.
    func makeView(shape: [Int], strides: [Int], offset: Int, name: String,
                  rule: @escaping (Tensor) throws -> [Tensor?]) -> Tensor {
        let link = ViewLink(base: viewRoot, nodeVersion: storage.version)
        let view = Tensor(storage: storage, shape: shape, strides: strides, offset: offset, dtype: dtype,
                          meta: AutogradMeta(node: nil, view: link))
        return view.recording(name, [self], rule: rule)
    }

    // MARK: Reshaping

    /// The same elements with a new shape, as a view: PyTorch's `view`. One size may be -1 and is
    /// inferred. Fails when the strides do not allow a view (use `reshaped`).
    ///
    /// ```swift
    /// try Tensor.arange(0, 6, integral: true).viewed([2, -1])  // shape [2, 3]
    /// ```
    public func viewed(_ newShape: [Int], name: String = "ViewBackward0") throws -> Tensor {
        let target = try resolve(newShape)
        guard let newStrides = Tensor.viewStrides(shape, strides, target) else {
            throw TensorError.runtime(
                "view size is not compatible with input tensor's size and stride (at least one dimension spans across two contiguous subspaces). Use .reshape(...) instead.")
        }
        let original = shape
        return makeView(shape: target, strides: newStrides, offset: storageOffset, name: name) { g in
            [try g.reshaped(original)]
        }
    }

    /// The same elements with a new shape, like `x.reshape(2, -1)`: a view when the strides allow
    /// one, else a contiguous copy, as PyTorch decides.
    public func reshaped(_ newShape: [Int], name: String = "ViewBackward0") throws -> Tensor {
        let target = try resolve(newShape)
        if Tensor.viewStrides(shape, strides, target) != nil { return try viewed(target, name: name) }
        let original = shape
        var copy = try compactCopy()
        copy.shape = target
        copy.strides = Shape.strides(target)
        return copy.recording("UnsafeViewBackward0", [self]) { g in [try g.reshaped(original)] }
    }

    /// Fills in a -1 in a requested shape and checks that the element count matches.
    func resolve(_ requested: [Int]) throws -> [Int] {
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

    /// The strides that show `oldShape` (with `oldStrides`) as `newShape` without copying, or nil
    /// when no strides can (PyTorch's `computeStride`): dimensions may be merged or split only
    /// inside runs that are contiguous among themselves.
    static func viewStrides(_ oldShape: [Int], _ oldStrides: [Int], _ newShape: [Int]) -> [Int]? {
        if oldShape.isEmpty { return [Int](repeating: 1, count: newShape.count) }
        let numel = oldShape.reduce(1, *)
        if numel == 0 {
            if oldShape == newShape { return oldStrides }
            return Shape.strides(newShape.map { Swift.max($0, 1) })
        }
        var newStrides = [Int](repeating: 0, count: newShape.count)
        var viewD = newShape.count - 1
        var chunkBaseStride = oldStrides[oldStrides.count - 1]
        var tensorNumel = 1, viewNumel = 1
        for tensorD in stride(from: oldShape.count - 1, through: 0, by: -1) {
            tensorNumel *= oldShape[tensorD]
            if tensorD == 0 || (oldShape[tensorD - 1] != 1 && oldStrides[tensorD - 1] != tensorNumel * chunkBaseStride) {
                while viewD >= 0 && (viewNumel < tensorNumel || newShape[viewD] == 1) {
                    newStrides[viewD] = viewNumel * chunkBaseStride
                    viewNumel *= newShape[viewD]
                    viewD -= 1
                }
                if viewNumel != tensorNumel { return nil }
                if tensorD > 0 {
                    chunkBaseStride = oldStrides[tensorD - 1]
                    tensorNumel = 1
                    viewNumel = 1
                }
            }
        }
        return viewD == -1 ? newStrides : nil
    }

    /// Dimensions `start...end` merged into one, like `x.flatten(1)` (a view when possible).
    public func flattened(start: Int = 0, end: Int = -1) throws -> Tensor {
        if rank == 0 { return try reshaped([1]) }
        let s = try Shape.normalize(dim: start, rank: rank), e = try Shape.normalize(dim: end, rank: rank)
        guard s <= e else { throw TensorError.runtime("flatten() has invalid args: start_dim cannot come after end_dim") }
        if s == e { return self }
        let merged = Shape.product(Array(shape[s...e]))
        return try reshaped(Array(shape[..<s]) + [merged] + Array(shape[(e + 1)...]))
    }

    /// Dimension `dim` split into `sizes` (one may be -1), like `x.unflatten(1, (2, 3))`.
    public func unflattened(dim: Int, sizes: [Int]) throws -> Tensor {
        let d = try Shape.normalize(dim: dim, rank: rank)
        guard !sizes.isEmpty else { throw TensorError.runtime("unflatten: sizes must be non-empty") }
        let inferredSizes: [Int]
        do {
            inferredSizes = try Tensor(storage: storage, shape: [shape[d]], strides: [1], offset: 0, dtype: dtype).resolve(sizes)
        } catch {
            throw TensorError.runtime(
                "unflatten: Provided sizes \(Shape.describe(sizes)) don't multiply up to the size of dim \(dim) (\(shape[d])) in the input tensor")
        }
        return try viewed(Array(shape[..<d]) + inferredSizes + Array(shape[(d + 1)...]))
    }

    // MARK: Reordering dimensions

    /// The dimensions reordered: dimension i of the result is dimension `order[i]` of this tensor,
    /// like `x.permute(2, 0, 1)`.
    public func permuted(_ order: [Int], name: String = "PermuteBackward0") throws -> Tensor {
        guard order.count == rank else {
            throw TensorError.runtime(
                "permute(sparse_coo): number of dimensions in the tensor input does not match the length of the desired ordering of dimensions i.e. input.dim() = \(rank) is not equal to len(dims) = \(order.count)")
        }
        let dims = try order.map { try Shape.normalize(dim: $0, rank: rank) }
        guard Set(dims).count == dims.count else { throw TensorError.runtime("permute(): duplicate dims are not allowed.") }
        var inverse = [Int](repeating: 0, count: rank)
        for (i, d) in dims.enumerated() { inverse[d] = i }
        return makeView(shape: dims.map { shape[$0] }, strides: dims.map { strides[$0] }, offset: storageOffset, name: name) { g in
            [try g.permuted(inverse)]
        }
    }

    /// Two dimensions swapped, like `x.transpose(0, 1)`.
    public func transposed(_ dim0: Int, _ dim1: Int) throws -> Tensor {
        if rank == 0 {
            _ = try Shape.normalize(dim: dim0, rank: 0)
            _ = try Shape.normalize(dim: dim1, rank: 0)
            return makeView(shape: [], strides: [], offset: storageOffset, name: "TransposeBackward0") { g in [g] }
        }
        var order = Array(0..<rank)
        order.swapAt(try Shape.normalize(dim: dim0, rank: rank), try Shape.normalize(dim: dim1, rank: rank))
        return try permuted(order, name: "TransposeBackward0")
    }

    /// The matrix transpose of a tensor with at most 2 dimensions (PyTorch's `t()`).
    public func t() throws -> Tensor {
        guard rank <= 2 else { throw TensorError.runtime("t() expects a tensor with <= 2 dimensions, but self is \(rank)D") }
        return try permuted(rank < 2 ? Array(0..<rank) : [1, 0], name: "TBackward0")
    }

    /// All dimensions reversed (PyTorch's `.T`).
    public func reversedDims() throws -> Tensor {
        try permuted(Array((0..<rank).reversed()))
    }

    // MARK: Adding and removing dimensions of size 1

    /// Dimensions of size 1 removed: all of them, or only `dim`, like `x.squeeze()`.
    public func squeezed(dim: Int? = nil) throws -> Tensor {
        var keep = Array(0..<rank)
        if let dim {
            let d = try Shape.normalize(dim: dim, rank: rank)
            if rank > 0 && shape[d] == 1 { keep.remove(at: d) }
        } else {
            keep = keep.filter { shape[$0] != 1 }
        }
        let original = shape
        return makeView(shape: keep.map { shape[$0] }, strides: keep.map { strides[$0] }, offset: storageOffset,
                        name: dim == nil ? "SqueezeBackward0" : "SqueezeBackward1") { g in [try g.reshaped(original)] }
    }

    /// A dimension of size 1 inserted at `dim`, like `x.unsqueeze(0)`.
    public func unsqueezed(_ dim: Int) throws -> Tensor {
        let d = try Shape.normalize(dim: dim, rank: rank + 1)
        var newShape = shape, newStrides = strides
        newShape.insert(1, at: d)
        newStrides.insert(d >= rank ? 1 : shape[d] * strides[d], at: d)
        let original = shape
        return makeView(shape: newShape, strides: newStrides, offset: storageOffset, name: "UnsqueezeBackward0") { g in
            [try g.reshaped(original)]
        }
    }

    // MARK: Broadcasting

    /// Size-1 dimensions repeated to `sizes` (-1 keeps a size), like `x.expand(4, 3)`: a view
    /// with stride 0 along the repeated dimensions.  ∂: sum back
    public func expanded(_ sizes: [Int]) throws -> Tensor {
        let pad = sizes.count - rank
        guard pad >= 0 else {
            throw TensorError.runtime(
                "expand(\(dtype.legacyTypeName){\(Shape.describe(shape))}, size=\(Shape.describe(sizes))): the number of sizes provided (\(sizes.count)) must be greater or equal to the number of dimensions in the tensor (\(rank))")
        }
        let target = sizes.enumerated().map { i, size in size == -1 && i >= pad ? shape[i - pad] : size }
        let (newShape, newStrides) = try broadcastGeometry(to: target)
        let original = shape
        return makeView(shape: newShape, strides: newStrides, offset: storageOffset, name: "ExpandBackward0") { g in
            [try g.sumToShape(original)]
        }
    }

    /// The sizes and strides that show this tensor broadcast to `target`, with PyTorch's error
    /// when it cannot be.
    func broadcastGeometry(to target: [Int]) throws -> ([Int], [Int]) {
        let pad = target.count - rank
        var newStrides = [Int](repeating: 0, count: target.count)
        for d in stride(from: target.count - 1, through: 0, by: -1) {
            let source = d - pad
            if target[d] < 0 && source < 0 {
                throw TensorError.runtime(
                    "The expanded size of the tensor (\(target[d])) isn't allowed in a leading, non-existing dimension \(d)")
            }
            guard source >= 0 else { continue }
            if shape[source] == target[d] {
                newStrides[d] = strides[source]
            } else if shape[source] != 1 {
                throw TensorError.runtime(
                    "The expanded size of the tensor (\(target[d])) must match the existing size (\(shape[source])) at non-singleton dimension \(d).  Target sizes: \(Shape.describe(target)).  Tensor sizes: \(Shape.describe(shape))")
            }
        }
        _ = try Shape.count(target)
        return (target, newStrides)
    }

    /// This tensor seen with `target`'s shape by broadcasting, without autograd (for kernels).
    func broadcastView(to target: [Int]) throws -> Tensor {
        if shape == target { return self }
        let (newShape, newStrides) = try broadcastGeometry(to: target)
        return Tensor(storage: storage, shape: newShape, strides: newStrides, offset: storageOffset, dtype: dtype, meta: meta)
    }

    /// This tensor repeated along its size-1 (and missing leading) dimensions to `target`, like
    /// PyTorch's `expand`.
    public func broadcast(to target: [Int]) throws -> Tensor {
        if shape == target { return self }
        return try expanded(target)
    }

    // MARK: Picking parts

    /// Position `index` along `dim`, that dimension removed, like `x[2]` or `x.select(1, 0)`.
    public func selected(dim: Int, index: Int) throws -> Tensor {
        guard rank > 0 else { throw TensorError.index("select() cannot be applied to a 0-dim tensor.") }
        let d = try Shape.normalize(dim: dim, rank: rank)
        let size = shape[d]
        guard index >= -size && index < size else {
            throw TensorError.index("index \(index) is out of bounds for dimension \(d) with size \(size)")
        }
        let i = index < 0 ? index + size : index
        var newShape = shape, newStrides = strides
        newShape.remove(at: d)
        newStrides.remove(at: d)
        let original = shape
        return makeView(shape: newShape, strides: newStrides, offset: storageOffset + i * strides[d], name: "SelectBackward0") { g in
            let grad = try Tensor(zeros: original, dtype: g.dtype)
            try grad.selected(dim: d, index: i).assignElements(from: g)
            return [grad]
        }
    }

    /// Positions `first, first + step, ...` (`length` of them) along `dim`, like `x[:, 1:5:2]`.
    func sliced(dim d: Int, first: Int, length: Int, step: Int, name: String = "SliceBackward0") throws -> Tensor {
        var newShape = shape, newStrides = strides
        newShape[d] = length
        newStrides[d] = strides[d] * step
        let original = shape
        return makeView(shape: newShape, strides: newStrides, offset: storageOffset + first * strides[d], name: name) { g in
            let grad = try Tensor(zeros: original, dtype: g.dtype)
            try grad.sliced(dim: d, first: first, length: length, step: step).assignElements(from: g)
            return [grad]
        }
    }

    /// `length` consecutive entries along `dim` starting at `start` (PyTorch's `narrow`).
    public func narrowed(dim: Int, start: Int, length: Int) throws -> Tensor {
        guard rank > 0 else { throw TensorError.runtime("narrow() cannot be applied to a 0-dim tensor.") }
        let d = try Shape.normalize(dim: dim, rank: rank)
        let size = shape[d]
        guard start >= -size && start <= size else {
            throw TensorError.index("start out of range (expected to be in range of [\(-size), \(size)], but got \(start))")
        }
        let first = start < 0 ? start + size : start
        guard length >= 0 && length <= size - first else {
            throw TensorError.runtime("start (\(first)) + length (\(length)) exceeds dimension size (\(size)).")
        }
        return try sliced(dim: d, first: first, length: length, step: 1)
    }

    /// The diagonal of the matrices in dimensions `dim1`, `dim2`, moved to the end, like
    /// `x.diagonal(offset, dim1, dim2)`.
    public func diagonal(offset: Int = 0, dim1: Int = 0, dim2: Int = 1) throws -> Tensor {
        let d1 = try Shape.normalize(dim: dim1, rank: rank), d2 = try Shape.normalize(dim: dim2, rank: rank)
        guard d1 != d2 else {
            throw TensorError.runtime("diagonal dimensions cannot be identical \(dim1), \(dim2)")
        }
        let length: Int
        var start = storageOffset
        let largest = Swift.max(shape[d1], shape[d2])
        if offset > largest || offset < -largest {
            length = 0
        } else if offset >= 0 {
            length = Swift.max(Swift.min(shape[d1], shape[d2] - offset), 0)
            if length > 0 { start += offset * strides[d2] }
        } else {
            length = Swift.max(Swift.min(shape[d1] + offset, shape[d2]), 0)
            if length > 0 { start -= offset * strides[d1] }
        }
        var newShape: [Int] = [], newStrides: [Int] = []
        for d in 0..<rank where d != d1 && d != d2 {
            newShape.append(shape[d])
            newStrides.append(strides[d])
        }
        newShape.append(length)
        newStrides.append(strides[d1] + strides[d2])
        let original = shape
        return makeView(shape: newShape, strides: newStrides, offset: start, name: "DiagonalBackward0") { g in
            let grad = try Tensor(zeros: original, dtype: g.dtype)
            try grad.diagonal(offset: offset, dim1: d1, dim2: d2).assignElements(from: g)
            return [grad]
        }
    }

    /// A view with the given sizes, strides and offset in this tensor's storage (PyTorch's
    /// `as_strided`), checked to stay inside the storage.
    public func asStrided(shape newShape: [Int], strides newStrides: [Int], offset: Int? = nil) throws -> Tensor {
        guard newShape.count == newStrides.count else {
            throw TensorError.runtime("mismatch in length of strides and shape")
        }
        guard newStrides.allSatisfy({ $0 >= 0 }) else {
            throw TensorError.runtime("as_strided: Negative strides are not supported at the moment, got strides: \(Shape.describe(newStrides))")
        }
        let start = offset ?? storageOffset
        let count = try Shape.count(newShape)
        var last = start, overflow = start < 0
        if count > 0 {
            for (size, step) in Swift.zip(newShape, newStrides) {
                let (reach, o1) = (size - 1).multipliedReportingOverflow(by: step)
                let (sum, o2) = last.addingReportingOverflow(reach)
                overflow = overflow || o1 || o2
                last = sum
            }
        }
        let needed = overflow ? Int.max : (last &+ 1).multipliedReportingOverflow(by: dtype.itemSize).partialValue
        guard !overflow, count == 0 || needed <= storage.byteCount else {
            throw TensorError.runtime(
                "setStorage: sizes \(Shape.describe(newShape)), strides \(Shape.describe(newStrides)), storage offset \(start), and itemsize \(dtype.itemSize) requiring a storage size of \(needed) are out of bounds for storage of size \(storage.byteCount)")
        }
        let view = Tensor(storage: storage, shape: newShape, strides: newStrides, offset: start, dtype: dtype,
                          meta: AutogradMeta(node: nil, view: ViewLink(base: viewRoot, nodeVersion: storage.version)))
        guard requiresGrad, GradMode.isEnabled else { return view }
        view.meta.node = view.asStridedNode(of: self)
        return view
    }

    /// The same tensor as a new view (`x[...]`, `x[:]` on every dimension).
    public func aliased() -> Tensor {
        makeView(shape: shape, strides: strides, offset: storageOffset, name: "AliasBackward0") { g in [g] }
    }

    // MARK: Copies

    /// The elements in a storage of their own, row-major, offset 0; no autograd record.
    public func compactCopy() throws -> Tensor {
        var copy = try Tensor(uninitialized: shape, dtype: dtype)
        ElementCast.copy(from: dtype, storage, offsets: offsets, to: dtype, copy.storage.bytes)
        copy.meta = AutogradMeta()
        return copy
    }

    /// This tensor if its elements are contiguous, else a contiguous copy (PyTorch's `contiguous()`).
    public func contiguous() throws -> Tensor {
        if isContiguous { return self }
        return try cloned()
    }

    /// An independent copy that stays in the graph (PyTorch's `clone()`).  ∂/∂x = 1
    public func cloned() throws -> Tensor {
        try compactCopy().recording("CloneBackward0", [self]) { g in [g] }
    }

    // MARK: The view's place in its base

    /// For each element of this view, the position (row-major index) in `base` of the element it
    /// shares memory with: how gradients travel between a view and its base.
    func positions(in base: Tensor) -> [Int] {
        let mine = offsets.array
        if base.isContiguous, let (start, _) = base.offsets.contiguousRange {
            return mine.map { $0 - start }
        }
        var position: [Int: Int] = [:]
        for (i, offset) in base.offsets.array.enumerated() where position[offset] == nil { position[offset] = i }
        return mine.map { position[$0] ?? 0 }
    }

    /// This view's node as a fresh view of `base`'s current history (`AsStridedBackward0`):
    /// the gradient is added into the base's positions this view covers.
    func asStridedNode(of base: Tensor) -> GradNode {
        let map = positions(in: base)
        let baseShape = base.shape
        return GradNode(name: "AsStridedBackward0", inputs: [base.gradNode], saved: []) { g in
            [try Tensor.scatterAdd(g, at: map, into: baseShape)]
        }
    }

    /// A zero tensor of `shape` with the elements of `g` added at the row-major `positions`.
    static func scatterAdd(_ g: Tensor, at positions: [Int], into shape: [Int]) throws -> Tensor {
        var sums = [Double](repeating: 0, count: try Shape.count(shape))
        for (value, position) in Swift.zip(g.doubles, positions) { sums[position] += value }
        return try Tensor(sums, shape: shape, dtype: g.dtype)
    }
}
