import Testing
@testable import TensorEngine

/// The autograd machinery: accumulation, explicit gradients, no-grad, detach, leaves, and
/// PyTorch's errors where it raises.
@Suite struct AutogradTests {
    @Test func gradientsAccumulateAcrossBackwardCalls() throws {
        let w = try Tensor([1, 2, 3]).requiringGrad()
        try (try w * w).sum().backward()
        expectValues(w.grad, [2, 4, 6])
        try (w * 3).sum().backward()
        expectValues(w.grad, [5, 7, 9])
        w.grad = nil
        #expect(w.grad == nil)
    }

    @Test func aValueUsedTwiceGetsBothContributions() throws {
        // PyTorch: x = tensor(3., requires_grad=True); y = x * x + x; y.backward(); x.grad == 7
        let x = try Tensor([3]).requiringGrad()
        try (try (try x * x) + x).sum().backward()
        expectValues(x.grad, [7])
    }

    @Test func explicitGradientForNonScalars() throws {
        let x = try Tensor([1, 2]).requiringGrad()
        let y = try x * 2
        expectError("grad can be implicitly created only for scalar outputs") { try y.backward() }
        try y.backward(gradient: try Tensor([1, 10]))
        expectValues(x.grad, [2, 20])
        expectError("Mismatch in shape: grad_output[0] has a shape of torch.Size([3]) and output[0] has a shape of torch.Size([2]).") {
            try (x * 2).backward(gradient: try Tensor([1, 1, 1]))
        }
    }

    @Test func backwardWithoutAGraphIsAnError() {
        expectError("element 0 of tensors does not require grad and does not have a grad_fn") {
            try Tensor([1, 2]).sum().backward()
        }
    }

    @Test func noGradRecordsNothing() throws {
        let w = try Tensor([1]).requiringGrad()
        let y = try GradMode.withDisabled { try w * 2 }
        #expect(!y.requiresGrad)
        #expect(try (w * 2).requiresGrad)
        #expect(try !(w * 2).detached().requiresGrad)
    }

    @Test func leavesAndNonLeaves() throws {
        let w = try Tensor([1]).requiringGrad()
        let y = try w * 2
        #expect(w.isLeaf && !y.isLeaf)
        #expect(y.gradNode?.name == "MulBackward0")
        expectError("you can only change requires_grad flags of leaf variables. If you want to use a computed variable in a subgraph that doesn't require differentiation use var_no_grad = var.detach().") {
            _ = try y.requiringGrad(false)
        }
        expectError("only Tensors of floating point dtype can require gradients") {
            _ = try Tensor([1, 2], dtype: .int64).requiringGrad()
        }
    }

    @Test func retainGradKeepsANonLeafGradient() throws {
        let w = try Tensor([1, 2]).requiringGrad()
        let y = try w * 3
        try y.retainGrad()
        try (try y * y).sum().backward()
        expectValues(y.grad, [6, 12])
        expectValues(w.grad, [18, 36])
    }

    @Test func secondBackwardNeedsRetainGraph() throws {
        let w = try Tensor([1, 2]).requiringGrad()
        let loss = try (try w * w).sum()
        try loss.backward(retainGraph: true)
        try loss.backward()
        expectValues(w.grad, [4, 8])
        expectError("Trying to backward through the graph a second time (or directly access saved tensors after they have already been freed). Saved intermediate values of the graph are freed when you call .backward() or autograd.grad(). Specify retain_graph=True if you need to backward through the graph a second time or if you need to access saved tensors after calling backward.") {
            try loss.backward()
        }
    }

    @Test func aLongChainDoesNotOverflowTheStack() throws {
        let w = try Tensor([1]).requiringGrad()
        var y = w
        for _ in 0..<20_000 { y = try y * 1 }
        try y.sum().backward()
        expectValues(w.grad, [1])
    }
}
