import Testing
import TensorEngine
@testable import Regularization

/// Masks printed by torch 2.15 after `torch.manual_seed(s)` (/tmp/torchenv).
struct DropoutTests {
    @Test func functionalDropoutMatchesPyTorchsMask() throws {
        // torch.manual_seed(5); F.dropout(torch.ones(4, 8), p=0.25)
        let (y, mask) = try Dropout.apply(try Tensor.ones([4, 8]), p: 0.25, training: true, generator: RandomGenerator(seed: 5))
        let s = 1.3333333730697632
        expectValues(y, [s, s, s, s, s, 0, s, s, 0, s, s, s, 0, s, s, s, s, s, 0, s, s, s, s, s, 0, s, s, s, s, 0, 0, 0], tolerance: 0)
        #expect(mask?.elements.filter { $0 == 0 }.count == 8)
    }

    @Test func moduleScalesByOneOverKeepProbabilityAndRemembersItsMask() throws {
        // torch.manual_seed(0); nn.Dropout(0.3)(torch.arange(10.))
        let dropout = try Dropout(p: 0.3, generator: RandomGenerator(seed: 0))
        let y = try dropout(try Tensor.arange(0, 10))
        expectValues(y, [0, 0, 2.857142925262451, 0, 5.714285850524902, 0, 8.571428298950195, 10, 11.428571701049805, 12.85714340209961], tolerance: 0)
        expectValues(dropout.lastMask, [0, 0, 1, 0, 1, 0, 1, 1, 1, 1], tolerance: 0)
        #expect(dropout.description == "Dropout(p=0.3, inplace=False)")
        dropout.eval()
        expectValues(try dropout(try Tensor.arange(0, 3)), [0, 1, 2], tolerance: 0)
    }

    @Test func dropout2dDropsWholeChannels() throws {
        // torch.manual_seed(0); nn.Dropout2d(0.5)(torch.ones(2, 3, 2, 2))
        let dropout = try Dropout(p: 0.5, channelwise: true, generator: RandomGenerator(seed: 0))
        let y = try dropout(try Tensor.ones([2, 3, 2, 2]))
        expectValues(y, Array(repeating: 0, count: 8) + Array(repeating: 2, count: 4) + Array(repeating: 0, count: 12), tolerance: 0)
        #expect(dropout.description == "Dropout2d(p=0.5, inplace=False)")
    }

    @Test func alphaDropoutMatchesPyTorch() throws {
        // torch.manual_seed(0); nn.AlphaDropout(0.2)(torch.arange(6.))
        let y = try AlphaDropout(p: 0.2, generator: RandomGenerator(seed: 0))(try Tensor.arange(0, 6))
        expectValues(y, [-1.2361598014831543, 1.187943458557129, 2.066847085952759, -1.2361598014831543, 3.8246541023254395, 4.703557968139648], tolerance: 1e-6)
    }

    @Test func extremesAndBadProbabilities() throws {
        let x = try Tensor([1, 2, 3])
        let generator = RandomGenerator(seed: 0)
        expectValues(try Dropout.apply(x, p: 1, training: true, generator: generator).output, [0, 0, 0], tolerance: 0)
        expectValues(try Dropout.apply(x, p: 0, training: true, generator: generator).output, [1, 2, 3], tolerance: 0)
        #expect(throws: TensorError.self) { try Dropout(p: 1.5, generator: generator) }
    }

    @Test func keepRateAndExpectationArePreserved() throws {
        // Statistical: 100 000 draws with p = 0.3; the kept share is 0.7 ± 0.005 (over 10 standard
        // deviations) and the mean of the output stays at the input's 1.
        let (y, mask) = try Dropout.apply(try Tensor.ones([100_000]), p: 0.3, training: true, generator: RandomGenerator(seed: 42))
        let kept = Double(mask?.elements.reduce(0, +) ?? 0) / 100_000
        #expect(Swift.abs(kept - 0.7) < 0.005)
        #expect(Swift.abs(Double(try y.mean().item()) - 1) < 0.01)
    }

    @Test func gaussianDropoutAndNoiseKeepTheMean() throws {
        let x = try Tensor.ones([50_000])
        let dropped = try GaussianDropout(rate: 0.2, generator: RandomGenerator(seed: 1))(x)
        #expect(Swift.abs(Double(try dropped.mean().item()) - 1) < 0.01)
        #expect(Swift.abs(Double(try dropped.standardDeviation().item()) - 0.5) < 0.01)   // sqrt(0.2 / 0.8)
        let noise = try GaussianNoise(stddev: 0.1, generator: RandomGenerator(seed: 1))
        let noisy = try noise(x)
        #expect(Swift.abs(Double(try noisy.standardDeviation().item()) - 0.1) < 0.002)
        // The noise is torch.normal(0, 0.1, size) drawn from the same generator.
        let expected = try x + Tensor.normal([50_000], mean: 0, std: 0.1, generator: RandomGenerator(seed: 1))
        #expect(noisy.elements == expected.elements)
        noise.eval()
        #expect(try noise(x).elements == x.elements)
    }

    @Test func traceShowsMaskScaleAndOutput() throws {
        let trace = Trace()
        _ = try Dropout.apply(try Tensor.ones([4]), p: 0.5, training: true, generator: RandomGenerator(seed: 0), trace: trace)
        let text = trace.description
        #expect(text.contains("mask ~ Bernoulli(1 − p = 0.5)"))
        #expect(text.contains("scale 1/(1 − p): 2.0"))
        #expect(text.contains("output x · mask / (1 − p)"))
    }
}
