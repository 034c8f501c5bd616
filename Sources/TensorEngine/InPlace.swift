/// In-place operations: writing into a tensor's storage, so that every view of it sees the
/// change, with PyTorch's autograd rules around it.
///
/// - An in-place op on a leaf that requires a gradient (or a view of one) is refused while grad
///   mode is on; under `torch.no_grad()` it is how weights are updated by hand.
/// - Every write bumps the storage's version; a tensor saved for `backward()` that was written
///   to since is refused when `backward()` needs it.
/// - On a tensor in the graph the op becomes the tensor's new history; on a view, the base gets
///   a `CopySlices` node, so gradients reach the base through the write.
///
/// ```swift
/// try w.updateInPlace(operands: [g]) { try $0 - g * 0.1 }   // w -= 0.1 * g
/// ```
extension Tensor {
    /// Writes `source`, broadcast to this shape and cast to this dtype, into this tensor's
    /// elements, and counts the write. Records nothing: the caller handles autograd.
    public func assignElements(from source: Tensor) throws {
        let src = try source.broadcastView(to: shape)
        defer { storage.bumpVersion() }
        let n = count
        if n == 0 { return }
        if src.dtype == dtype, !src.storage.sharesMemory(with: storage),
           let (from, _) = src.offsets.contiguousRange, let (to, _) = offsets.contiguousRange {
            (storage.bytes + to * dtype.itemSize).copyMemory(from: src.storage.bytes + from * dtype.itemSize, byteCount: n * dtype.itemSize)
            return
        }
        let staging = UnsafeMutableRawPointer.allocate(byteCount: n * dtype.itemSize, alignment: 8)
        defer { staging.deallocate() }
        ElementCast.copy(from: src.dtype, src.storage, offsets: src.offsets, to: dtype, staging)
        scatter(staging)
    }

    /// Copies consecutive elements of this dtype from `staging` to this tensor's positions.
    private func scatter(_ staging: UnsafeMutableRawPointer) {
        func copy<T>(_ type: T.Type) {
            let from = staging.assumingMemoryBound(to: T.self), to = storage.pointer(T.self)
            var k = 0
            offsets.forEach { to[$0] = from[k]; k += 1 }
        }
        switch dtype.itemSize {
        case 1: copy(UInt8.self)
        case 2: copy(UInt16.self)
        case 4: copy(UInt32.self)
        default: copy(UInt64.self)
        }
    }

    /// Throws PyTorch's error when an in-place change would corrupt autograd: a leaf that
    /// requires a gradient, or a view of one, may only be changed with recording off.
    public func checkInPlaceAllowed() throws {
        guard GradMode.isEnabled else { return }
        if let node = gradNode, node.isLeaf {
            throw TensorError.runtime("a leaf Variable that requires grad is being used in an in-place operation.")
        }
        if let link = meta.view, let node = link.base.gradNode, node.isLeaf {
            throw TensorError.runtime("a view of a leaf Variable that requires grad is being used in an in-place operation.")
        }
    }

    /// Runs an operation in place: `op` computes the new values from this tensor's current
    /// ones (and `operands`), and they are written back, becoming this tensor's history.
    ///
    /// When autograd records, `op` is given a copy of the current values, so that what its
    /// backward rule reads is not overwritten by the write.
    public func updateInPlace(operands: [Tensor] = [], name: String = "CopyBackwards", _ op: (Tensor) throws -> Tensor) throws {
        try checkInPlaceAllowed()
        var input = self
        if GradMode.isEnabled && (requiresGrad || operands.contains(where: \.requiresGrad)) {
            input = try compactCopy()
            input.meta = AutogradMeta(node: gradNode)
        }
        try commitInPlace(try op(input), name: name)
    }

    /// Writes `result` (an op's out-of-place result on this tensor) into this tensor and gives it
    /// the op's history, with PyTorch's shape and cast checks.
    public func commitInPlace(_ result: Tensor, name: String = "CopyBackwards") throws {
        guard result.shape == shape else {
            throw TensorError.runtime(
                "output with shape \(Shape.describe(shape)) doesn't match the broadcast shape \(Shape.describe(result.shape))")
        }
        guard Tensor.canCast(result.dtype, to: dtype) else {
            throw TensorError.runtime("result type \(result.dtype.cName) can't be cast to the desired output type \(dtype.cName)")
        }
        let oldNode = gradNode
        try assignElements(from: result)
        guard GradMode.isEnabled else { return }
        var newNode = result.gradNode
        if newNode == nil, let oldNode {
            // The values no longer depend on the old ones (fill_, zero_, copy_ of a constant).
            let zeros = shape, type = dtype
            newNode = GradNode(name: name, inputs: [oldNode], saved: []) { _ in [try Tensor(zeros: zeros, dtype: type)] }
        }
        guard let newNode else { return }
        if let link = meta.view {
            let base = link.base
            let map = positions(in: base)
            let viewShape = shape
            base.meta.node = GradNode(name: "CopySlices", inputs: [base.gradNode, newNode], saved: []) { g in
                var kept = g.doubles
                let picked = map.map { kept[$0] }
                for position in map { kept[position] = 0 }
                return [try Tensor(kept, shape: g.shape, dtype: g.dtype), try Tensor(picked, shape: viewShape, dtype: g.dtype)]
            }
            meta.node = asStridedNode(of: base)
            meta.view?.nodeVersion = storage.version
        } else {
            meta.node = newNode
        }
    }

    /// Whether PyTorch lets an in-place op store a `from` result into a `to` tensor: never a
    /// float into an integer or bool, nor an integer into a bool.
    public static func canCast(_ from: DType, to: DType) -> Bool {
        if from.isFloatingPoint && !to.isFloatingPoint { return false }
        if from != .bool && to == .bool { return false }
        return true
    }

    /// Fills every element with `value` in place (`fill_`).
    public func fill(_ value: Double) throws {
        try updateInPlace(name: "FillBackward0") { x in try Tensor.full(x.shape, value, dtype: x.dtype) }
    }
}

extension Tensor {
    /// Calls `body` with this tensor's elements as a mutable buffer of `T` in row-major order,
    /// and keeps what it writes: directly in storage when the tensor is contiguous and stored as
    /// `T`, else through a copy written back. Counts as one in-place write; records nothing, so
    /// it is for updates with autograd off (optimizer steps, initialisation).
    ///
    /// ```swift
    /// try w.withMutableBuffer(of: Float.self) { w in for i in w.indices { w[i] -= 0.1 } }
    /// ```
    public func withMutableBuffer<T: TensorScalar, R>(of type: T.Type, _ body: (UnsafeMutableBufferPointer<T>) throws -> R) throws -> R {
        if stores(T.self), let (start, n) = offsets.contiguousRange {
            defer { storage.bumpVersion() }
            return try body(UnsafeMutableBufferPointer(start: storage.pointer(T.self) + start, count: n))
        }
        var values = array(of: T.self)
        let result = try values.withUnsafeMutableBufferPointer { try body($0) }
        try assignElements(from: try Tensor(values, shape: shape, dtype: dtype))
        return result
    }
}
