import Testing
@testable import TensorEngine

/// PyTorch's CPU generator reproduced: every expected value was printed by PyTorch 2.15 after
/// `torch.manual_seed(seed)` and the call named in the test.
@Suite struct RandomTests {
    @Test func mersenneTwisterReferenceOutput() {
        var mt = MersenneTwister(seed: 5489)
        #expect(mt.next() == 3_499_211_612)
        #expect(mt.next() == 581_869_302)
    }

    /// manual_seed(0); rand(5).tolist()
    @Test func randMatchesBitForBit() throws {
        let values = try Tensor.rand([5], generator: RandomGenerator(seed: 0)).elements
        #expect(values == [0.49625658988952637, 0.7682217955589294, 0.08847743272781372, 0.13203048706054688, 0.30742281675338745])
    }

    /// manual_seed(0); randn(4).tolist(): the scalar Box-Muller path, exact
    @Test func randnBelowSixteenElementsIsExact() throws {
        let values = try Tensor.randn([4], generator: RandomGenerator(seed: 0)).elements
        #expect(values == [1.5409960746765137, -0.293428897857666, -2.1787893772125244, 0.5684312582015991])
    }

    /// manual_seed(0); randn(20)[:4].tolist(): the vectorised path, where PyTorch's SIMD log/sin/cos
    /// differ from libm in the last bits
    @Test func randnFromSixteenElementsUsesTheVectorisedPath() throws {
        let values = try Tensor.randn([20], generator: RandomGenerator(seed: 0))
        expectValues(try values.index([.slice(nil, 4, nil)]), [-1.1258398294448853, -1.152360200881958, -0.2505785822868347, -0.4338788092136383], tolerance: 1e-6)
    }

    /// manual_seed(0); randn(4); randn(3): the cached second Box-Muller value carries over
    @Test func cachedNormalCarriesOverAndManualSeedClearsIt() throws {
        let g = RandomGenerator(seed: 0)
        _ = try Tensor.randn([3], generator: g)
        let next = try Tensor.randn([1], generator: g)
        #expect(next.elements == [0.5684312582015991])
        g.manualSeed(0)
        #expect(try Tensor.randn([1], generator: g).elements == [1.5409960746765137])
    }

    /// manual_seed(0); randint(0, 10, (6,)); manual_seed(0); randperm(8)
    @Test func randintAndRandperm() throws {
        let g = RandomGenerator(seed: 0)
        #expect(try Tensor.randint(0, 10, [6], generator: g).elements == [4, 9, 3, 0, 3, 9])
        g.manualSeed(0)
        #expect(try Tensor.randperm(8, generator: g).elements == [4, 0, 7, 3, 2, 5, 1, 6])
    }

    /// manual_seed(0); normal(2.0, 3.0, size=(3,)); manual_seed(0); empty(3).uniform_(-2, 5)
    @Test func normalAndUniform() throws {
        let g = RandomGenerator(seed: 0)
        #expect(try Tensor.normal([3], mean: 2, std: 3, generator: g).elements == [6.622988224029541, 1.119713306427002, -4.536368370056152])
        g.manualSeed(0)
        #expect(try Tensor.uniform([3], low: -2, high: 5, generator: g).elements == [1.4737961292266846, 3.3775525093078613, -1.3806579113006592])
    }

    /// manual_seed(0); empty(6).bernoulli_(0.5); manual_seed(0); bernoulli(full((6,), 0.5))
    @Test func bernoulliScalarAndTensorProbabilitiesDrawDifferently() throws {
        let g = RandomGenerator(seed: 0)
        #expect(try Tensor.bernoulli([6], p: 0.5, generator: g).elements == [0, 0, 1, 0, 0, 0])
        g.manualSeed(0)
        #expect(try Tensor.full([6], 0.5).bernoulli(generator: g).elements == [1, 0, 1, 1, 1, 0])
    }

    @Test func keepRateOfBernoulliIsStatisticallyRight() throws {
        let mask = try Tensor.bernoulli([20_000], p: 0.3, generator: RandomGenerator(seed: 1))
        let rate = try mask.mean().item()
        // 4 standard deviations of a binomial proportion: 4 * sqrt(0.3 * 0.7 / 20000) ≈ 0.013
        #expect(Swift.abs(rate - 0.3) < 0.013)
    }
}
