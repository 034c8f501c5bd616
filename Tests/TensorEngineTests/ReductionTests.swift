import Testing
@testable import TensorEngine

/// Reductions: values and gradients from PyTorch 2.15 (input `Inputs.a`; the upstream gradient is
/// 0.7 for a 0-d result, else 1, 2, 3, ... in order), plus finite-difference checks.
@Suite struct ReductionTests {
    static func reduction(_ name: String) -> (Tensor) throws -> Tensor {
        switch name {
        case "sum": return { try $0.sum() }
        case "sum0": return { try $0.sum(dims: [0]) }
        case "sum1k": return { try $0.sum(dims: [1], keepdim: true) }
        case "mean": return { try $0.mean() }
        case "mean1": return { try $0.mean(dims: [1]) }
        case "var": return { try $0.variance() }
        case "var0": return { try $0.variance(dims: [0]) }
        case "var1b": return { try $0.variance(dims: [1], correction: 0) }
        case "std": return { try $0.standardDeviation() }
        case "std1": return { try $0.standardDeviation(dims: [1]) }
        case "max": return { try $0.extreme() }
        case "min": return { try $0.extreme(largest: false) }
        case "max1": return { try $0.extreme(dim: 1).values }
        case "min0": return { try $0.extreme(dim: 0, largest: false).values }
        case "norm": return { try $0.norm() }
        case "norm1": return { try $0.norm(p: 1) }
        case "norminf": return { try $0.norm(p: .infinity) }
        case "norm3": return { try $0.norm(p: 3) }
        default: return { try $0.norm(dims: [1]) }
        }
    }

    static let cases: [(String, [Int], [Double], [Double])] = [
        // x.sum(); upstream g = 0.7 (0-d) or 1, 2, ...
        ("sum", [], [2.4000000953674316], [0.699999988079071, 0.699999988079071, 0.699999988079071, 0.699999988079071, 0.699999988079071, 0.699999988079071]),
        // x.sum(0); upstream g = 0.7 (0-d) or 1, 2, ...
        ("sum0", [3], [2.0, -0.9000000357627869, 1.2999999523162842], [1.0, 2.0, 3.0, 1.0, 2.0, 3.0]),
        // x.sum(1, keepdim=True); upstream g = 0.7 (0-d) or 1, 2, ...
        ("sum1k", [2, 1], [1.2999999523162842, 1.0999999046325684], [1.0, 1.0, 1.0, 2.0, 2.0, 2.0]),
        // x.mean(); upstream g = 0.7 (0-d) or 1, 2, ...
        ("mean", [], [0.4000000059604645], [0.11666666716337204, 0.11666666716337204, 0.11666666716337204, 0.11666666716337204, 0.11666666716337204, 0.11666666716337204]),
        // x.mean(1); upstream g = 0.7 (0-d) or 1, 2, ...
        ("mean1", [2], [0.43333330750465393, 0.36666664481163025], [0.3333333432674408, 0.3333333432674408, 0.3333333432674408, 0.6666666865348816, 0.6666666865348816, 0.6666666865348816]),
        // x.var(); upstream g = 0.7 (0-d) or 1, 2, ...
        ("var", [], [1.5120000839233398], [0.0279999990016222, -0.4480000138282776, 0.4480000138282776, 0.30799999833106995, -0.0279999990016222, -0.30799999833106995]),
        // x.var(0); upstream g = 0.7 (0-d) or 1, 2, ...
        ("var0", [3], [0.5, 1.1250001192092896, 3.6449999809265137], [-1.0, -3.0, 8.100000381469727, 1.0, 3.0, -8.09999942779541]),
        // x.var(1, unbiased=False); upstream g = 0.7 (0-d) or 1, 2, ...
        ("var1b", [2], [1.7088888883590698, 0.808888852596283], [0.04444446414709091, -1.0888888835906982, 1.0444445610046387, 1.5111111402511597, -0.08888884633779526, -1.4222221374511719]),
        // x.std(); upstream g = 0.7 (0-d) or 1, 2, ...
        ("std", [], [1.2296340465545654], [0.011385501362383366, -0.18216803669929504, 0.18216803669929504, 0.1252405196428299, -0.011385501362383366, -0.1252405196428299]),
        // x.std(1); upstream g = 0.7 (0-d) or 1, 2, ...
        ("std1", [2], [1.601041316986084, 1.1015141010284424], [0.02081979066133499, -0.5100846886634827, 0.48926493525505066, 1.0288867950439453, -0.06052272394299507, -0.9683640003204346]),
        // x.max(); upstream g = 0.7 (0-d) or 1, 2, ...
        ("max", [], [2.0], [0.0, 0.0, 0.699999988079071, 0.0, 0.0, 0.0]),
        // x.min(); upstream g = 0.7 (0-d) or 1, 2, ...
        ("min", [], [-1.2000000476837158], [0.0, 0.699999988079071, 0.0, 0.0, 0.0, 0.0]),
        // x.max(1).values; upstream g = 0.7 (0-d) or 1, 2, ...
        ("max1", [2], [2.0, 1.5], [0.0, 0.0, 1.0, 2.0, 0.0, 0.0]),
        // x.min(0).values; upstream g = 0.7 (0-d) or 1, 2, ...
        ("min0", [3], [0.5, -1.2000000476837158, -0.699999988079071], [1.0, 2.0, 0.0, 0.0, 0.0, 3.0]),
        // x.norm(); upstream g = 0.7 (0-d) or 1, 2, ...
        ("norm", [], [2.9189038276672363], [0.11990801990032196, -0.2877792716026306, 0.47963207960128784, 0.3597240447998047, 0.07194481790065765, -0.16787123680114746]),
        // x.norm(p=1); upstream g = 0.7 (0-d) or 1, 2, ...
        ("norm1", [], [6.199999809265137], [0.699999988079071, -0.699999988079071, 0.699999988079071, 0.699999988079071, 0.699999988079071, -0.699999988079071]),
        // x.norm(p=float('inf')); upstream g = 0.7 (0-d) or 1, 2, ...
        ("norminf", [], [2.0], [0.0, -0.0, 0.699999988079071, 0.0, 0.0, -0.0]),
        // x.norm(p=3); upstream g = 0.7 (0-d) or 1, 2, ...
        ("norm3", [], [2.3868494033813477], [0.030717650428414345, -0.1769336760044098, 0.4914824068546295, 0.27645885944366455, 0.011058354750275612, -0.060206592082977295]),
        // x.norm(dim=1); upstream g = 0.7 (0-d) or 1, 2, ...
        ("norm2d1", [2], [2.3853721618652344, 1.6822603940963745], [0.20961089432239532, -0.5030661821365356, 0.8384435772895813, 1.7833149433135986, 0.3566629886627197, -0.8322135806083679]),
    ]

    @Test(arguments: cases)
    func valueShapeAndGradient(name: String, shape: [Int], values: [Double], gradient: [Double]) throws {
        let x = try Tensor(Inputs.a).requiringGrad()
        let y = try Self.reduction(name)(x)
        #expect(y.shape == shape)
        expectValues(y, values)
        let upstream = y.rank == 0 ? Tensor(scalar: 0.7) : try Tensor((1...y.count).map(Float.init), shape: y.shape)
        try (try y * upstream).sum().backward()
        expectValues(x.grad, gradient)
    }

    @Test(arguments: cases.map(\.0))
    func gradientMatchesFiniteDifferences(name: String) throws {
        let reduce = Self.reduction(name)
        try expectGradientMatchesFiniteDifferences({ try reduce($0).reshaped([1, -1]).sum(dims: [1]) }, at: Inputs.a, weights: [[1]])
    }

    /// PyTorch: x.argmax() == 2, x.argmax(1) == [2, 0], x.max(0).indices == [1, 1, 0], x.argmin(0) == [0, 0, 1]
    @Test func argmaxAndIndices() throws {
        let x = try Tensor(Inputs.a)
        expectValues(try x.argExtreme(), [2])
        expectValues(try x.argExtreme(dim: 1), [2, 0])
        expectValues(try x.extreme(dim: 0).indices, [1, 1, 0])
        expectValues(try x.argExtreme(dim: 0, largest: false), [0, 0, 1])
        #expect(try x.argExtreme(dim: 1).dtype == .int64)
    }

    @Test func meanOfIntegersIsRefusedAsInPyTorch() {
        expectError("mean(): could not infer output dtype. Input dtype must be either a floating point or complex dtype. Got: Long") {
            _ = try Tensor([1, 2], dtype: .int64).mean()
        }
    }

    @Test func badDimensionNamesTheRange() {
        expectError("Dimension out of range (expected to be in range of [-2, 1], but got 2)", kind: .indexError) {
            _ = try Tensor(Inputs.a).sum(dims: [2])
        }
    }

    @Test func varianceOfOneValueIsNaN() throws {
        #expect(try Tensor([3]).variance().item().isNaN)
        expectValues(try Tensor([3]).variance(correction: 0), [0])
    }
}
