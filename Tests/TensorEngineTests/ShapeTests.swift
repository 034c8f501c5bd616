import Testing
@testable import TensorEngine

/// Shape operations on x = torch.arange(24.).reshape(2, 3, 4); expected values printed by PyTorch 2.15.
@Suite struct ShapeTests {
    let x = try! Tensor.arange(0, 24).reshaped([2, 3, 4])

    @Test func reshapeInfersOneSize() throws {
        #expect(try x.reshaped([4, -1]).shape == [4, 6])
        expectError("only one dimension can be inferred") { _ = try Tensor.ones([3]).reshaped([-1, -1]) }
        expectError("shape '[2, 2]' is invalid for input of size 3") { _ = try Tensor.arange(0, 3, integral: true).reshaped([2, 2]) }
    }

    /// PyTorch: x.permute(2, 0, 1)
    @Test func permute() throws {
        let y = try x.permuted([2, 0, 1])
        #expect(y.shape == [4, 2, 3])
        expectValues(y, [0.0, 4.0, 8.0, 12.0, 16.0, 20.0, 1.0, 5.0, 9.0, 13.0, 17.0, 21.0, 2.0, 6.0, 10.0, 14.0, 18.0, 22.0, 3.0, 7.0, 11.0, 15.0, 19.0, 23.0])
        expectError("permute(sparse_coo): number of dimensions in the tensor input does not match the length of the desired ordering of dimensions i.e. input.dim() = 2 is not equal to len(dims) = 1") {
            _ = try Tensor.zeros([2, 3]).permuted([0])
        }
    }

    /// PyTorch: x.transpose(0, 2)
    @Test func transpose() throws {
        let y = try x.transposed(0, 2)
        #expect(y.shape == [4, 3, 2])
        expectValues(y, [0.0, 12.0, 4.0, 16.0, 8.0, 20.0, 1.0, 13.0, 5.0, 17.0, 9.0, 21.0, 2.0, 14.0, 6.0, 18.0, 10.0, 22.0, 3.0, 15.0, 7.0, 19.0, 11.0, 23.0])
        #expect(try Tensor(Inputs.a).t().shape == [3, 2])
        #expect(try x.reversedDims().shape == [4, 3, 2])
    }

    /// PyTorch: torch.flip(x, [0, 2]); torch.roll(x, 2, 2); torch.roll(torch.arange(5.), -1)
    @Test func flipAndRoll() throws {
        expectValues(try x.flipped([0, 2]), [15.0, 14.0, 13.0, 12.0, 19.0, 18.0, 17.0, 16.0, 23.0, 22.0, 21.0, 20.0, 3.0, 2.0, 1.0, 0.0, 7.0, 6.0, 5.0, 4.0, 11.0, 10.0, 9.0, 8.0])
        expectValues(try x.rolled(2, dim: 2), [2.0, 3.0, 0.0, 1.0, 6.0, 7.0, 4.0, 5.0, 10.0, 11.0, 8.0, 9.0, 14.0, 15.0, 12.0, 13.0, 18.0, 19.0, 16.0, 17.0, 22.0, 23.0, 20.0, 21.0])
        expectValues(try Tensor.arange(0, 5).rolled(-1), [1.0, 2.0, 3.0, 4.0, 0.0])
    }

    @Test func squeezeUnsqueezeFlatten() throws {
        let y = try Tensor.zeros([2, 1, 3, 1])
        #expect(try y.squeezed().shape == [2, 3])
        #expect(try y.squeezed(dim: 1).shape == [2, 3, 1])
        #expect(try y.squeezed(dim: 0).shape == [2, 1, 3, 1])
        #expect(try Tensor.zeros([2, 3]).unsqueezed(-1).shape == [2, 3, 1])
        #expect(try x.flattened(start: 1).shape == [2, 12])
        expectError("Dimension out of range (expected to be in range of [-1, 0], but got 3)", kind: .indexError) {
            _ = try Tensor.zeros([2]).squeezed(dim: 3)
        }
        expectError("Dimension out of range (expected to be in range of [-3, 2], but got 3)") {
            _ = try Tensor.ones([2, 3]).t().unsqueezed(3)
        }
    }

    /// PyTorch: torch.tensor([[1., 2.]]).repeat(2, 3); torch.ones(3).expand(2, 4) raises
    @Test func repeatAndExpand() throws {
        let tiled = try Tensor([[1, 2]]).repeated([2, 3])
        #expect(tiled.shape == [2, 6])
        expectValues(tiled, [1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2])
        #expect(try Tensor([[1], [2]]).expanded([2, 3]).elements == [1, 1, 1, 2, 2, 2])
        expectError("The expanded size of the tensor (4) must match the existing size (3) at non-singleton dimension 1.  Target sizes: [2, 4].  Tensor sizes: [3]") {
            _ = try Tensor.ones([3]).expanded([2, 4])
        }
    }

    /// PyTorch: torch.cat([ones(2, 2), zeros(2, 1)], 1); torch.stack([t([1., 2.]), t([3., 4.])], 1)
    @Test func catAndStack() throws {
        let c = try Tensor.cat([try Tensor.ones([2, 2]), try Tensor.zeros([2, 1])], dim: 1)
        #expect(c.shape == [2, 3])
        expectValues(c, [1, 1, 0, 1, 1, 0])
        let s = try Tensor.stack([try Tensor([1, 2]), try Tensor([3, 4])], dim: 1)
        #expect(s.shape == [2, 2])
        expectValues(s, [1, 3, 2, 4])
        expectError("Sizes of tensors must match except in dimension 0. Expected size 2 but got size 3 for tensor number 1 in the list.") {
            _ = try Tensor.cat([try Tensor.ones([2, 2]), try Tensor.ones([3, 3])], dim: 0)
        }
        expectError("stack expects each tensor to be equal size, but got [2] at entry 0 and [3] at entry 1") {
            _ = try Tensor.stack([try Tensor.ones([2]), try Tensor.ones([3])])
        }
    }

    @Test(arguments: ["permute", "transpose", "flip", "roll", "repeat", "expand", "cat", "squeeze", "flatten"])
    func gradientsFlowBackThroughRearrangements(op: String) throws {
        let f: (Tensor) throws -> Tensor
        switch op {
        case "permute": f = { try $0.permuted([1, 0]).reshaped([2, 3]) }
        case "transpose": f = { try $0.transposed(0, 1).t() }
        case "flip": f = { try $0.flipped([1]) }
        case "roll": f = { try $0.rolled(1, dim: 1) }
        case "repeat": f = { try $0.repeated([2, 1]).index([.slice(1, 3, 1)]) }
        case "expand": f = { try $0.sum(dims: [0], keepdim: true).expanded([2, 3]) }
        case "cat": f = { try Tensor.cat([$0, $0]).index([.slice(nil, nil, 2)]) }
        case "squeeze": f = { try $0.unsqueezed(0).squeezed() }
        default: f = { try $0.flattened().reshaped([2, 3]) }
        }
        try expectGradientMatchesFiniteDifferences(f, at: Inputs.a)
    }
}
