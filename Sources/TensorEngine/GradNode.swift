/// One node of the autograd graph.
///
/// A leaf node stands for a tensor the user created with `requires_grad=True`; `backward()` adds
/// gradients into its `grad`. Every other node stands for the result of one operation and knows
/// that operation's local derivative: given the gradient of the final result with respect to the
/// op's output, `backwardRule` returns the gradient with respect to each input (the chain rule).
///
/// ```swift
/// let y = try x.exp()       // y.gradNode?.name == "ExpBackward0"
/// ```
public final class GradNode {
    /// PyTorch's name for the node, shown as `grad_fn=<MulBackward0>`.
    public let name: String
    /// The nodes of the op's inputs, in argument order (nil for inputs that need no gradient).
    let inputs: [GradNode?]
    /// Maps the gradient of the output to the gradients of the inputs; nil for leaves and for
    /// nodes whose saved tensors a previous `backward()` released.
    var backwardRule: ((Tensor) throws -> [Tensor?])?
    /// Whether the rule keeps tensors from the forward pass (released after `backward()`).
    let savesTensors: Bool
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
        backwardRule = nil
        savesTensors = false
        isLeaf = true
    }

    /// An op node.
    init(name: String, inputs: [GradNode?], savesTensors: Bool, rule: @escaping (Tensor) throws -> [Tensor?]) {
        self.name = name
        self.inputs = inputs
        self.backwardRule = rule
        self.savesTensors = savesTensors
        isLeaf = false
    }
}

extension Tensor {
    /// Attaches an op's backward rule to its result, when grad mode is on and an input requires a
    /// gradient. Every differentiable op ends with this call, right next to its forward rule.
    ///
    /// - Parameters:
    ///   - name: PyTorch's node name, e.g. "MulBackward0".
    ///   - inputs: the op's tensor inputs, in order.
    ///   - savesTensors: false when the rule needs only shapes, so a second `backward()` stays legal.
    ///   - rule: gradient of the output ↦ gradients of the inputs (nil where none is needed).
    ///
    /// ```swift
    /// // y = 3x:  dy/dx = 3
    /// let y = x.map { 3 * $0 }.recording("MulBackward0", [x]) { g in [g * 3] }
    /// ```
    public func recording(
        _ name: String, _ inputs: [Tensor], savesTensors: Bool = true,
        rule: @escaping (Tensor) throws -> [Tensor?]
    ) -> Tensor {
        guard GradMode.isEnabled, inputs.contains(where: { $0.gradNode != nil }) else { return self }
        var result = self
        result.gradNode = GradNode(
            name: name, inputs: inputs.map(\.gradNode), savesTensors: savesTensors, rule: rule)
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

    /// This tensor as a leaf that requires a gradient, like `x.requires_grad_()`.
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
            if gradNode == nil { result.gradNode = GradNode() }
        } else {
            guard isLeaf else {
                throw TensorError.runtime(
                    "you can only change requires_grad flags of leaf variables. If you want to use a computed variable in a subgraph that doesn't require differentiation use var_no_grad = var.detach().")
            }
            result.gradNode = nil
        }
        return result
    }

    /// The same values cut off from the graph (PyTorch's `detach()`).
    public func detached() -> Tensor {
        var result = self
        result.gradNode = nil
        return result
    }

    /// Keeps this non-leaf's gradient after `backward()` (PyTorch's `retain_grad()`).
    public func retainGrad() throws {
        guard let node = gradNode else {
            throw TensorError.runtime("can't retain_grad on Tensor that has requires_grad=False")
        }
        if !node.isLeaf { node.retainsGrad = true }
    }

    /// Throws PyTorch's error when an in-place change would corrupt autograd: a leaf that requires
    /// a gradient may only be changed with recording off.
    public func checkInPlaceAllowed() throws {
        if let node = gradNode, node.isLeaf, GradMode.isEnabled {
            throw TensorError.runtime("a leaf Variable that requires grad is being used in an in-place operation.")
        }
    }
}
