import Testing
@testable import TensorEngine

/// Subscripts on x = torch.arange(24.).reshape(2, 3, 4); shapes and values printed by PyTorch 2.15.
@Suite struct IndexingTests {
    let x = try! Tensor.arange(0, 24).reshaped([2, 3, 4])

    func indices(_ values: [Float]) throws -> TensorIndex { .tensor(try Tensor(values, dtype: .int64)) }

    @Test func basicIndexing() throws {
        // x[1, :, ::2]
        let a = try x.index([.single(1), .slice(nil, nil, nil), .slice(nil, nil, 2)])
        #expect(a.shape == [3, 2])
        expectValues(a, [12.0, 14.0, 16.0, 18.0, 20.0, 22.0])
        // x[:, 1]
        let b = try x.index([.slice(nil, nil, nil), .single(1)])
        #expect(b.shape == [2, 4])
        expectValues(b, [4.0, 5.0, 6.0, 7.0, 16.0, 17.0, 18.0, 19.0])
        // x[..., -1]
        let c = try x.index([.ellipsis, .single(-1)])
        #expect(c.shape == [2, 3])
        expectValues(c, [3.0, 7.0, 11.0, 15.0, 19.0, 23.0])
        // x[None, 0, 1:3]
        let d = try x.index([.newAxis, .single(0), .slice(1, 3, nil)])
        #expect(d.shape == [1, 2, 4])
        expectValues(d, [4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 10.0, 11.0])
    }

    @Test func advancedIndexing() throws {
        // x[:, tensor([2, 0, 2])]
        let a = try x.index([.slice(nil, nil, nil), try indices([2, 0, 2])])
        #expect(a.shape == [2, 3, 4])
        expectValues(a, [8.0, 9.0, 10.0, 11.0, 0.0, 1.0, 2.0, 3.0, 8.0, 9.0, 10.0, 11.0, 20.0, 21.0, 22.0, 23.0, 12.0, 13.0, 14.0, 15.0, 20.0, 21.0, 22.0, 23.0])
        // x[tensor([1, 0]), :, tensor([1, 3])]: separated, so the index dimension goes first
        let b = try x.index([try indices([1, 0]), .slice(nil, nil, nil), try indices([1, 3])])
        #expect(b.shape == [2, 3])
        expectValues(b, [13.0, 17.0, 21.0, 3.0, 7.0, 11.0])
        // x[tensor([1, 0]), 1:, tensor([3, 0])]
        let c = try x.index([try indices([1, 0]), .slice(1, nil, nil), try indices([3, 0])])
        #expect(c.shape == [2, 2])
        expectValues(c, [19.0, 23.0, 4.0, 8.0])
        // x[:, tensor([0, 2]), tensor([1, 3])]: adjacent, so the index dimension stays in place
        let d = try x.index([.slice(nil, nil, nil), try indices([0, 2]), try indices([1, 3])])
        #expect(d.shape == [2, 2])
        expectValues(d, [1.0, 11.0, 13.0, 23.0])
    }

    @Test func booleanMasks() throws {
        // x[0][x[0] > 5]
        let first = try x.index([.single(0)])
        let picked = try first.index([.tensor(try Tensor.compare(first, .gt, Tensor(scalar: 5)))])
        #expect(picked.shape == [6])
        expectValues(picked, [6.0, 7.0, 8.0, 9.0, 10.0, 11.0])
        // x[:, x[0, :, 0] > 3]
        let rows = try Tensor.compare(try x.index([.single(0), .slice(nil, nil, nil), .single(0)]), .gt, Tensor(scalar: 3))
        let kept = try x.index([.slice(nil, nil, nil), .tensor(rows)])
        #expect(kept.shape == [2, 2, 4])
        expectValues(kept, [4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 10.0, 11.0, 16.0, 17.0, 18.0, 19.0, 20.0, 21.0, 22.0, 23.0])
    }

    /// PyTorch: a = tensor(A, requires_grad=True); y = a[:, tensor([0, 0, 2])];
    /// (y * [[1, 2, 3], [4, 5, 6]]).sum().backward(); names of a[0], a[:, 1:], a[1:, 0], a[0, 1:]
    @Test func gradientsAccumulateOnRepeatedIndices() throws {
        let a = try Tensor(Inputs.a).requiringGrad()
        let y = try a.index([.slice(nil, nil, nil), try indices([0, 0, 2])])
        #expect(y.gradNode?.name == "IndexBackward0")
        try (try y * Tensor([[1, 2, 3], [4, 5, 6]])).sum().backward()
        expectValues(a.grad, [3.0, 0.0, 3.0, 9.0, 0.0, 6.0])
        #expect(try a.index([.single(0)]).gradNode?.name == "SelectBackward0")
        #expect(try a.index([.slice(nil, nil, nil), .slice(1, nil, nil)]).gradNode?.name == "SliceBackward0")
        #expect(try a.index([.slice(1, nil, nil), .single(0)]).gradNode?.name == "SelectBackward0")
        #expect(try a.index([.single(0), .slice(1, nil, nil)]).gradNode?.name == "SliceBackward0")
    }

    /// PyTorch: z = zeros(3, 4); z[1] = 5; z[:, 0] = tensor([1., 2., 3.]); z[z > 4] = -1
    @Test func assignment() throws {
        let z = try Tensor.zeros([3, 4])
        try z.assign(Tensor(scalar: 5), at: [.single(1)])
        try z.assign(try Tensor([1, 2, 3]), at: [.slice(nil, nil, nil), .single(0)])
        try z.assign(Tensor(scalar: -1), at: [.tensor(try Tensor.compare(z, .gt, Tensor(scalar: 4)))])
        expectValues(z, [1.0, 0.0, 0.0, 0.0, 2.0, -1.0, -1.0, -1.0, 3.0, 0.0, 0.0, 0.0])
    }

    @Test func assigningIntoALeafThatRequiresGradIsRefused() throws {
        // PyTorch 2.15: w = torch.tensor([1., 2.], requires_grad=True); w[0] = 0 raises this (x[0] is a view of w).
        let w = try Tensor([1, 2]).requiringGrad()
        expectError("a view of a leaf Variable that requires grad is being used in an in-place operation.") {
            try w.assign(Tensor(scalar: 0), at: [.single(0)])
        }
        try GradMode.withDisabled { try w.assign(Tensor(scalar: 0), at: [.single(0)]) }
        #expect(w.elements == [0, 2])
        #expect(w.isLeaf && w.requiresGrad)
    }

    @Test func indexErrorsNameTheProblem() {
        expectError("index 2 is out of bounds for dimension 0 with size 2", kind: .indexError) {
            _ = try Tensor.ones([2, 3]).index([.single(2)])
        }
        expectError("index 5 is out of bounds for dimension 1 with size 3") {
            _ = try Tensor.ones([2, 3]).index([.single(0), .single(5)])
        }
        expectError("too many indices for tensor of dimension 2") {
            _ = try Tensor.ones([2, 3]).index([.single(0), .single(0), .single(0)])
        }
        expectError("The shape of the mask [3] at index 0 does not match the shape of the indexed tensor [2, 3] at index 0") {
            _ = try Tensor.ones([2, 3]).index([.tensor(try Tensor([1, 0, 1], dtype: .bool))])
        }
        expectError("index 7 is out of bounds for dimension 0 with size 5") {
            _ = try Tensor.ones([5]).index([try indices([7])])
        }
        expectError("step must be greater than zero", kind: .valueError) {
            _ = try Tensor.ones([5]).index([.slice(nil, nil, -1)])
        }
    }

    @Test func slicesClampLikePython() throws {
        let v = try Tensor.arange(0, 5)
        expectValues(try v.index([.slice(-2, nil, nil)]), [3, 4])
        expectValues(try v.index([.slice(3, 100, nil)]), [3, 4])
        #expect(try v.index([.slice(4, 2, nil)]).shape == [0])
    }
}
