/// One node of the autograd graph.
///
/// A leaf node stands for a tensor the user created with `requires_grad=True`; `backward()` adds
/// gradients into its `grad`. Every other node stands for the result of one operation and knows
/// that operation's local derivative: given the gradient of the final result with respect to the
/// op's output, `backwardRule` returns the gradient with respect to each input (the chain rule).
///
/// ```swift
/// let y = x.exp()       // y.gradNode?.name == "ExpBackward0"
/// ```
public final class GradNode {
    /// PyTorch's name for the node, shown as `grad_fn=<MulBackward0>`.
    public let name: String
    /// The nodes of the op's inputs, in argument order (nil for inputs that need no gradient).
    let inputs: [GradNode?]
    /// The dtypes of the inputs: a gradient reaching an input is cast to its dtype (empty: no cast).
    let inputTypes: [DType]
    /// Maps the gradient of the output to the gradients of the inputs; nil for leaves and for
    /// nodes whose saved tensors a previous `backward()` released.
    var backwardRule: ((Tensor) throws -> [Tensor?])?
    /// The tensors the rule reads, with the versions they had when saved.
    let saved: [SavedTensor]
    /// The accumulated gradient of a leaf (or of a node that called `retainGrad()`).
    var grad: Tensor?
    /// True for user-created tensors that require a gradient.
    public let isLeaf: Bool
    /// Set by `retainGrad()` on a non-leaf, to keep its gradient as well.
    var retainsGrad = false

    /// A leaf node.
    init() {
        name = "AccumulateGrad"
        inputs = []
        inputTypes = []
        backwardRule = nil
        saved = []
        isLeaf = true
    }

    /// An op node.
    init(name: String, inputs: [GradNode?], inputTypes: [DType] = [], saved: [SavedTensor], rule: @escaping (Tensor) throws -> [Tensor?]) {
        self.name = name
        self.inputs = inputs
        self.inputTypes = inputTypes
        self.backwardRule = rule
        self.saved = saved
        isLeaf = false
    }

    /// Whether the rule keeps tensors from the forward pass (released after `backward()`).
    var savesTensors: Bool { !saved.isEmpty }

    /// The name autograd's messages give the node: `Exp` for `ExpBackward0`, C++'s name for
    /// the nodes PyTorch writes by hand.
    var shortName: String {
        if name == "CopySlices" { return "torch::autograd::CopySlices" }
        guard let range = name.range(of: "Backward", options: .backwards) else { return name }
        return String(name[..<range.lowerBound])
    }

    /// Throws PyTorch's error when a tensor the rule reads was changed in place since it was saved.
    func checkSavedVersions() throws {
        for tensor in saved where tensor.storage.version != tensor.version {
            // An input names its creator now; an output the node that saved it (PyTorch keeps
            // only a weak reference to an output's node).
            let node = tensor.isOutput ? self : tensor.meta.node
            let creator = node.flatMap { $0.isLeaf ? nil : ", which is output 0 of \($0.shortName)," } ?? ""
            throw TensorError.runtime(
                "one of the variables needed for gradient computation has been modified by an inplace operation: [\(tensor.dtype.legacyTypeName) \(Shape.describe(tensor.shape))]\(creator) is at version \(tensor.storage.version); expected version \(tensor.version) instead. Hint: enable anomaly detection to find the operation that failed to compute its gradient, with torch.autograd.set_detect_anomaly(True, check_nan=False).")
        }
    }
}

/// A tensor an op's backward rule reads, and the version its storage had then.
struct SavedTensor {
    let storage: Storage
    let version: Int
    let meta: AutogradMeta
    let shape: [Int]
    let dtype: DType
    /// True for the op's own output (exp, sigmoid and relu save their result).
    let isOutput: Bool

    init(_ tensor: Tensor, isOutput: Bool = false) {
        storage = tensor.storage
        version = tensor.storage.version
        meta = tensor.meta
        shape = tensor.shape
        dtype = tensor.dtype
        self.isOutput = isOutput
    }
}

/// A tensor's place in the autograd graph, shared by every copy of the `Tensor` value, so that
/// an in-place operation that gives the tensor a new history is seen through all of them.
final class AutogradMeta {
    /// The node of the op that made this tensor (or its leaf node); nil when no gradient flows.
    var node: GradNode?
    /// For a view: the tensor it is a view of, so that an in-place write through the view can
    /// give the base its new history (PyTorch's `CopySlices`).
    var view: ViewLink?

    init(node: GradNode? = nil, view: ViewLink? = nil) {
        self.node = node
        self.view = view
    }
}

/// How a view hangs off its base.
struct ViewLink {
    /// The tensor whose storage the view looks at (never itself a view).
    let base: Tensor
    /// The storage version when the view's node was last made; a later write to the storage
    /// (through another view, say) makes the node stale, and it is made again from the base's.
    var nodeVersion: Int
}

extension Tensor {
    /// This tensor's node in the autograd graph: nil when it does not require a gradient.
    ///
    /// A view whose storage was written to since its node was made gets a fresh node from its
    /// base's current history (`AsStridedBackward0`), as PyTorch regenerates a view's `grad_fn`.
    public var gradNode: GradNode? {
        if let link = meta.view, link.nodeVersion != storage.version {
            meta.view?.nodeVersion = storage.version
            if link.base.requiresGrad { meta.node = asStridedNode(of: link.base) }
        }
        return meta.node
    }

    /// Attaches an op's backward rule to its result, when grad mode is on and an input requires a
    /// gradient. Every differentiable op ends with this call, right next to its forward rule.
    ///
    /// - Parameters:
    ///   - name: PyTorch's node name, e.g. "MulBackward0".
    ///   - inputs: the op's tensor inputs, in order.
    ///   - saving: the tensors the rule reads (PyTorch's saved variables): an in-place change to
    ///     one before `backward()` is an error, and the rule is released after `backward()`.
    ///   - rule: gradient of the output ↦ gradients of the inputs (nil where none is needed).
    ///
    /// ```swift
    /// // y = 3x:  dy/dx = 3
    /// let y = x.map { 3 * $0 }.recording("MulBackward0", [x]) { g in [g * 3] }
    /// ```
    public func recording(
        _ name: String, _ inputs: [Tensor], saving: [Tensor] = [],
        rule: @escaping (Tensor) throws -> [Tensor?]
    ) -> Tensor {
        guard GradMode.isEnabled, dtype.isFloatingPoint, inputs.contains(where: { $0.requiresGrad }) else { return self }
        var result = self
        result.meta = AutogradMeta(node: nil, view: meta.view.map { ViewLink(base: $0.base, nodeVersion: storage.version) })
        // The output itself may be among the saved tensors (exp, sigmoid, relu save their result).
        let saved = saving.map { $0.meta === meta && $0.storage === storage ? SavedTensor(result, isOutput: true) : SavedTensor($0) }
        result.meta.node = GradNode(name: name, inputs: inputs.map(\.gradNode), inputTypes: inputs.map(\.dtype), saved: saved, rule: rule)
        return result
    }

    /// True when gradients flow back to this tensor (PyTorch's `requires_grad`).
    public var requiresGrad: Bool { gradNode != nil }

    /// True for tensors not produced by a recorded op (PyTorch's `is_leaf`).
    public var isLeaf: Bool { gradNode?.isLeaf ?? true }

    /// The gradient accumulated in a leaf by `backward()` (PyTorch's `.grad`); nil before the first
    /// backward, after `zero_grad()`, and for non-leaves unless they called `retainGrad()`.
    public var grad: Tensor? {
        get { gradNode?.grad }
        nonmutating set { gradNode?.grad = newValue }
    }

    /// This tensor as a leaf that requires a gradient, like `x.requires_grad_()`: the same
    /// storage, a new place in the graph.
    ///
    /// ```swift
    /// let w = try Tensor([1, 2]).requiringGrad()
    /// ```
    public func requiringGrad(_ flag: Bool = true) throws -> Tensor {
        var result = self
        if flag {
            guard dtype.isFloatingPoint else {
                throw TensorError.runtime("only Tensors of floating point dtype can require gradients")
            }
            if gradNode == nil { result.meta = AutogradMeta(node: GradNode(), view: nil) }
        } else {
            guard isLeaf else {
                throw TensorError.runtime(
                    "you can only change requires_grad flags of leaf variables. If you want to use a computed variable in a subgraph that doesn't require differentiation use var_no_grad = var.detach().")
            }
            result.meta = AutogradMeta()
        }
        return result
    }

    /// Sets `requires_grad` on this very tensor, seen by all its copies (`x.requires_grad_()`).
    public func setRequiresGrad(_ flag: Bool) throws {
        let changed = try requiringGrad(flag)
        meta.node = changed.meta.node
        meta.view = nil
    }

    /// The same values and storage cut off from the graph (PyTorch's `detach()`): writes through
    /// either are seen by both, and count as writes for autograd's version checks.
    public func detached() -> Tensor {
        var result = self
        result.meta = AutogradMeta()
        result.isWrappedNumber = false
        return result
    }

    /// The same values under a storage alias with its own version counter (PyTorch's `.data`):
    /// writes through it reach the tensor but escape autograd's checks.
    public var data: Tensor {
        var result = detached()
        result.storage = Storage(aliasing: storage)
        return result
    }

    /// Keeps this non-leaf's gradient after `backward()` (PyTorch's `retain_grad()`).
    public func retainGrad() throws {
        guard let node = gradNode else {
            throw TensorError.runtime("can't retain_grad on Tensor that has requires_grad=False")
        }
        if !node.isLeaf { node.retainsGrad = true }
    }
}
