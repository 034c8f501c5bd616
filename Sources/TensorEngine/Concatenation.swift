/// Joining tensors: `cat` along an existing dimension and `stack` along a new one.
extension Tensor {
    /// The tensors joined along `dim`; all other sizes must agree, like `torch.cat`.
    /// ∂: each input receives its own slice of the gradient
    ///
    /// ```swift
    /// try Tensor.cat([a, b], dim: 0)  // a's rows, then b's
    /// ```
    public static func cat(_ tensors: [Tensor], dim: Int = 0) throws -> Tensor {
        guard let first = tensors.first(where: { !($0.rank == 1 && $0.count == 0) }) ?? tensors.first else {
            throw TensorError.runtime("torch.cat(): expected a non-empty list of Tensors")
        }
        let parts = tensors.filter { !($0.rank == 1 && $0.count == 0) || first.rank == 1 }
        guard first.rank > 0 else {
            throw TensorError.runtime("zero-dimensional tensor (at position 0) cannot be concatenated")
        }
        let d = try Shape.normalize(dim: dim, rank: first.rank)
        for (i, t) in parts.enumerated() {
            guard t.rank == first.rank else {
                throw TensorError.runtime(
                    "Tensors must have same number of dimensions: got \(first.rank) and \(t.rank)")
            }
            for k in 0..<first.rank where k != d && t.shape[k] != first.shape[k] {
                throw TensorError.runtime(
                    "Sizes of tensors must match except in dimension \(d). Expected size \(first.shape[k]) but got size \(t.shape[k]) for tensor number \(i) in the list.")
            }
        }
        let sizes = parts.map { $0.shape[d] }
        var outShape = first.shape
        outShape[d] = sizes.reduce(0, +)
        _ = try Shape.count(outShape)
        let type = parts.map(\.dtype).reduce(first.dtype, DType.promote)
        let joined = try Tensor(zeros: outShape, dtype: type)
        var start = 0
        for (t, size) in Swift.zip(parts, sizes) {
            try joined.narrowed(dim: d, start: start, length: size).detached().assignElements(from: t)
            start += size
        }
        return joined
            .recording("CatBackward0", parts) { g in
                var grads: [Tensor?] = []
                var offset = 0
                for (t, size) in Swift.zip(parts, sizes) {
                    grads.append(try g.narrowed(dim: d, start: offset, length: size).reshaped(t.shape))
                    offset += size
                }
                return grads
            }
    }

    /// The tensors joined along a new dimension `dim`; all must have the same shape, like
    /// `torch.stack`.
    public static func stack(_ tensors: [Tensor], dim: Int = 0) throws -> Tensor {
        guard let first = tensors.first else {
            throw TensorError.runtime("stack expects a non-empty TensorList")
        }
        for (i, t) in tensors.enumerated() where t.shape != first.shape {
            throw TensorError.runtime(
                "stack expects each tensor to be equal size, but got \(Shape.describe(first.shape)) at entry 0 and \(Shape.describe(t.shape)) at entry \(i)")
        }
        let d = try Shape.normalize(dim: dim, rank: first.rank + 1)
        let joined = try cat(try tensors.map { try $0.unsqueezed(d) }, dim: d)
        return joined.gradNode == nil ? joined : joined.renamed("StackBackward0")
    }

    /// The same tensor with its last recorded node given another name: for an op built from other
    /// ops that PyTorch computes (and names) as one.
    public func renamed(_ name: String) -> Tensor {
        guard let node = gradNode, !node.isLeaf, let rule = node.backwardRule else { return self }
        var result = self
        result.meta = AutogradMeta(node: GradNode(name: name, inputs: node.inputs, inputTypes: node.inputTypes, saved: node.saved, rule: rule), view: meta.view)
        return result
    }
}
