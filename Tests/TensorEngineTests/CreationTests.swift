import Testing
@testable import TensorEngine

/// Creation functions; values printed by PyTorch 2.15.
@Suite struct CreationTests {
    /// PyTorch: torch.linspace(-1, 1, 7), torch.linspace(0, 1, 10)
    @Test func linspaceMatchesPyTorchToTheBit() throws {
        #expect(try Tensor.linspace(-1, 1, steps: 7).elements == [-1.0, -0.6666666269302368, -0.3333333134651184, -2.9802322387695312e-08, 0.3333333134651184, 0.6666666269302368, 1.0])
        #expect(try Tensor.linspace(0, 1, steps: 10).elements == [0.0, 0.1111111119389534, 0.2222222238779068, 0.3333333432674408, 0.4444444477558136, 0.5555555820465088, 0.6666666865348816, 0.7777777910232544, 0.8888888955116272, 1.0])
    }

    /// PyTorch: torch.arange(0, 1, 0.1) (10 elements), torch.arange(1, 2.5, 0.5)
    @Test func arange() throws {
        let tenths = try Tensor.arange(0, 1, 0.1)
        #expect(tenths.elements == [0.0, 0.10000000149011612, 0.20000000298023224, 0.30000001192092896, 0.4000000059604645, 0.5, 0.6000000238418579, 0.699999988079071, 0.800000011920929, 0.8999999761581421])
        #expect(try Tensor.arange(1, 2.5, 0.5).elements == [1, 1.5, 2])
        #expect(try Tensor.arange(0, 3, integral: true).dtype == .int64)
        expectError("step must be nonzero") { _ = try Tensor.arange(0, 1, 0) }
        expectError("upper bound and larger bound inconsistent with step sign") { _ = try Tensor.arange(0, 1, -1) }
    }

    @Test func fullZerosOnesEye() throws {
        #expect(try Tensor.full([2, 2], 7).elements == [7, 7, 7, 7])
        #expect(try Tensor.eye(2, 3).elements == [1, 0, 0, 0, 1, 0])
        #expect(try Tensor.ones([2]).zerosLike().elements == [0, 0])
        #expect(try Tensor.full([2], 2.7, dtype: .int64).elements == [2, 2])
    }

    @Test func raggedNestedListsAreRejected() {
        expectError("expected sequence of length 2 at dim 1 (got 1)", kind: .valueError) {
            _ = try Tensor([[1, 2], [3]])
        }
    }

    @Test func absurdAllocationsThrowInsteadOfExhaustingMemory() {
        expectError("a tensor of shape [100000, 100000] is too large: regtutor tensors hold at most 33554432 elements") {
            _ = try Tensor.zeros([100_000, 100_000])
        }
        expectError("Trying to create tensor with negative dimension -1: [-1, 3]") {
            _ = try Tensor.zeros([-1, 3])
        }
        expectError("a tensor of shape [9223372036854775807, 2] is too large: regtutor tensors hold at most 33554432 elements") {
            _ = try Tensor.ones([Int.max, 2])
        }
    }

    @Test func integerTensorsAreExact() throws {
        let big = try Tensor([Int64(1) << 60, -(Int64(1) << 62) + 1], shape: [2], dtype: .int64)
        #expect(big.int64s == [1 << 60, -(1 << 62) + 1])
        #expect(try Tensor([1e8], dtype: .int64).int64s == [100_000_000])
        // Wrapping as PyTorch's int8 does: torch.tensor([100], dtype=torch.int8) * 3 is tensor([44], dtype=torch.int8).
        let small = try Tensor([100], shape: [1], dtype: .int8)
        #expect(try (small * Tensor.wrapped(integer: 3)).int64s == [44])
        #expect(try (small * Tensor.wrapped(integer: 3)).dtype == .int8)
    }
}
