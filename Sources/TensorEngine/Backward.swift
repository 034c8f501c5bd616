/// Reverse-mode differentiation: `backward()` walks the graph from a result back to the leaves,
/// applying each node's local derivative (the chain rule) and adding up gradients that meet.
extension Tensor {
    /// Computes the gradient of this tensor with respect to every leaf that requires one, and adds
    /// it to the leaves' `grad`, like PyTorch's `backward()`.
    ///
    /// - Parameters:
    ///   - gradient: d(something)/d(self); required unless self has one element (then 1).
    ///   - retainGraph: keep saved tensors so `backward()` can run through this graph again.
    ///
    /// ```swift
    /// let w = try Tensor([1, 2, 3]).requiringGrad()
    /// try (w * w).sum().backward()
    /// w.grad  // tensor([2., 4., 6.])
    /// ```
    public func backward(gradient: Tensor? = nil, retainGraph: Bool = false) throws {
        guard let root = gradNode else {
            throw TensorError.runtime("element 0 of tensors does not require grad and does not have a grad_fn")
        }
        let seed = try initialGradient(gradient)
        try GradMode.withDisabled {
            try Tensor.propagate(seed, from: root, retainGraph: retainGraph)
        }
    }

    /// The gradient backward() starts from: the given one (checked), or 1 for a one-element tensor.
    private func initialGradient(_ gradient: Tensor?) throws -> Tensor {
        guard let gradient else {
            guard count == 1 else {
                throw TensorError.runtime("grad can be implicitly created only for scalar outputs")
            }
            return try Tensor.full(shape, 1, dtype: dtype)
        }
        guard gradient.shape == shape else {
            throw TensorError.runtime(
                "Mismatch in shape: grad_output[0] has a shape of \(Shape.torchSize(gradient.shape)) and output[0] has a shape of \(Shape.torchSize(shape)).")
        }
        return try gradient.castCopy(dtype).detached()
    }

    /// Visits the nodes in reverse topological order, so each node's gradient is complete before
    /// its rule runs.
    private static func propagate(_ seed: Tensor, from root: GradNode, retainGraph: Bool) throws {
        var pending: [ObjectIdentifier: Tensor] = [ObjectIdentifier(root): seed]
        for node in topologicalOrder(from: root) {
            guard let gradient = pending.removeValue(forKey: ObjectIdentifier(node)) else { continue }
            if node.isLeaf || node.retainsGrad { try accumulate(gradient, into: node) }
            if node.isLeaf { continue }
            guard let rule = node.backwardRule else {
                throw TensorError.runtime(
                    "Trying to backward through the graph a second time (or directly access saved tensors after they have already been freed). Saved intermediate values of the graph are freed when you call .backward() or autograd.grad(). Specify retain_graph=True if you need to backward through the graph a second time or if you need to access saved tensors after calling backward.")
            }
            try node.checkSavedVersions()
            let inputGradients = try rule(gradient)
            if !retainGraph && node.savesTensors { node.backwardRule = nil }
            for (i, (input, given)) in Swift.zip(node.inputs, inputGradients).enumerated() {
                guard let input, var inputGradient = given else { continue }
                if i < node.inputTypes.count, inputGradient.dtype != node.inputTypes[i] {
                    inputGradient = try inputGradient.castCopy(node.inputTypes[i])
                }
                let key = ObjectIdentifier(input)
                pending[key] = try pending[key].map { try $0 + inputGradient } ?? inputGradient
            }
        }
    }

    /// Adds a gradient into a leaf's `.grad` as PyTorch's AccumulateGrad does: the first one is
    /// stored as a tensor of its own, later ones are added into it in place (so a `.grad` read
    /// before `backward()` sees the sum).
    private static func accumulate(_ gradient: Tensor, into node: GradNode) throws {
        if let existing = node.grad {
            try existing.assignElements(from: try existing + gradient)
        } else {
            node.grad = try gradient.compactCopy()
        }
    }

    /// The graph's nodes, each before all the nodes it depends on (an iterative depth-first search,
    /// so long chains cannot overflow the stack).
    private static func topologicalOrder(from root: GradNode) -> [GradNode] {
        var visited: Set<ObjectIdentifier> = [ObjectIdentifier(root)]
        var postOrder: [GradNode] = []
        var stack: [(node: GradNode, nextInput: Int)] = [(root, 0)]
        while let (node, nextInput) = stack.popLast() {
            if nextInput < node.inputs.count {
                stack.append((node, nextInput + 1))
                if let input = node.inputs[nextInput], visited.insert(ObjectIdentifier(input)).inserted {
                    stack.append((input, 0))
                }
            } else {
                postOrder.append(node)
            }
        }
        return postOrder.reversed()
    }
}
