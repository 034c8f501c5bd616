import Foundation
import Testing
import TensorEngine
@testable import Regularization

/// Text, audio and video augmentation, mixup and weight noise: no framework defines these, so
/// the tests check their definitions and, for the random ones, their statistics.
struct AugmentationTests {
    let sentence = "the movie was good and the actor was great"

    @Test func edaKeepsTheSentenceRecognisable() throws {
        let eda = TextAugmentation(generator: RandomGenerator(seed: 1))
        let replaced = try eda.synonymReplacement(sentence, count: 2).split(separator: " ")
        let original = sentence.split(separator: " ")
        #expect(replaced.count == original.count)
        let changed = zip(replaced, original).filter { $0 != $1 }
        #expect(Set(changed.map { String($0.1) }).count == 2)
        for (new, old) in changed { #expect(TextAugmentation.thesaurus[String(old)]?.contains(String(new)) == true) }
        #expect(try eda.randomInsertion(sentence, count: 3).split(separator: " ").count == original.count + 3)
        let swapped = try eda.randomSwap(sentence, count: 2).split(separator: " ")
        #expect(swapped.sorted() == original.sorted())
        #expect(try eda.randomSwap("alone", count: 3) == "alone")
    }

    @Test func randomDeletionDeletesAboutPAndKeepsOneWord() throws {
        let eda = TextAugmentation(generator: RandomGenerator(seed: 3))
        let words = Array(repeating: "word", count: 10_000).joined(separator: " ")
        let kept = try eda.randomDeletion(words, p: 0.3).split(separator: " ").count
        #expect(Swift.abs(Double(kept) / 10_000 - 0.7) < 0.02)
        #expect(try eda.randomDeletion("a b c", p: 1).split(separator: " ").count == 1)
        #expect(throws: TensorError.self) { try eda.randomDeletion("a b", p: -0.1) }
    }

    @Test func audioShiftNoiseAndSpeed() throws {
        let signal = try Tensor([1, 2, 3, 4, 5, 6])
        expectValues(try AudioAugmentation.timeShift(signal, shift: 2), [0, 0, 1, 2, 3, 4])
        expectValues(try AudioAugmentation.timeShift(signal, shift: -2, roll: true), [3, 4, 5, 6, 1, 2])
        expectValues(try AudioAugmentation.speedChange(signal, factor: 2), [1, 3, 5])
        expectValues(try AudioAugmentation.speedChange(try Tensor([0, 2]), factor: 0.5), [0, 1, 2, 2])
        // The noise really is snr dB below the signal.
        let wave = try Tensor((0..<1000).map { Float(sin(Double($0) / 10)) })
        let noisy = try AudioAugmentation.addNoise(wave, snrDB: 10, generator: RandomGenerator(seed: 0))
        let noise = try noisy - wave
        let ratio = Double(try wave.pow(2).mean().item()) / Double(try noise.pow(2).mean().item())
        #expect(Swift.abs(10 * log10(ratio) - 10) < 1e-3)
        #expect(throws: TensorError.self) { try AudioAugmentation.speedChange(signal, factor: 0) }
    }

    @Test func videoFramesAndFlips() throws {
        let video = try Tensor((0..<12).map { Float($0) / 12 }, shape: [3, 2, 2])
        expectValues(try VideoAugmentation.frameSkip(video, step: 2), [0, 1, 2, 3, 8, 9, 10, 11].map { Double($0) / 12 })
        expectValues(try VideoAugmentation.hflip(video), [1, 0, 3, 2, 5, 4, 7, 6, 9, 8, 11, 10].map { Double($0) / 12 })
        let (bright, factors) = try VideoAugmentation.frameBrightness(video, low: 0.5, high: 1.5, generator: RandomGenerator(seed: 0))
        for frame in 0..<3 {
            for k in 0..<4 {
                let i = frame * 4 + k
                #expect(Swift.abs(bright.elements[i] - Swift.min(video.elements[i] * factors.elements[frame], 1)) < 1e-6)
            }
        }
        #expect(throws: TensorError.self) { try VideoAugmentation.frameSkip(try Tensor([1, 2]), step: 1) }
    }

    @Test func mixupBlendsPairsAndItsLambdaIsBetaDistributed() throws {
        let x = try Tensor([[0, 1], [2, 3], [4, 5]]), y = try Tensor([0, 1, 2])
        let mixed = try Mixup.mix(x, y, alpha: 1, lambda: 0.25, generator: RandomGenerator(seed: 0))
        let perm = mixed.permutation
        #expect(perm.sorted() == [0, 1, 2])
        for i in 0..<3 {
            for j in 0..<2 {
                #expect(Swift.abs(mixed.input.elements[i * 2 + j] - (0.25 * x.elements[i * 2 + j] + 0.75 * x.elements[perm[i] * 2 + j])) < 1e-6)
            }
            #expect(mixed.targetB.elements[i] == y.elements[perm[i]])
        }
        // Beta(0.4, 0.4) has mean 0.5 and variance 1/(4 · 1.8) ≈ 0.1389.
        let generator = RandomGenerator(seed: 7)
        let draws = (0..<20_000).map { _ in Mixup.beta(0.4, 0.4, generator: generator) }
        let mean = draws.reduce(0, +) / Double(draws.count)
        let variance = draws.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(draws.count)
        #expect(Swift.abs(mean - 0.5) < 0.01)
        #expect(Swift.abs(variance - 1 / 7.2) < 0.005)
    }

    @Test func noisyLinearDrawsFreshNoiseInTrainingOnly() throws {
        let layer = try NoisyLinear(4, 3, generator: RandomGenerator(seed: 0))
        let bound = Float((3.0 / 4).squareRoot())
        #expect(layer.weightMu.tensor.elements.allSatisfy { Swift.abs($0) <= bound })
        #expect(layer.weightSigma.tensor.elements.allSatisfy { $0 == 0.017 })
        let x = try Tensor.ones([1, 4])
        let first = try layer(x), second = try layer(x)
        #expect(first.elements != second.elements)
        layer.eval()
        expectValues(try layer(x), try Tensor.linear(x, weight: layer.weightMu.tensor, bias: layer.biasMu.tensor).elements.map(Double.init))
        // Factorised: εw is the outer product f(ε_out) ⊗ f(ε_in), and εb = f(ε_out).
        let factorised = try NoisyLinear(4, 3, factorised: true, generator: RandomGenerator(seed: 1))
        _ = try factorised(x)
        let epsilon = factorised.weightEpsilon.tensor, epsilonOut = factorised.biasEpsilon.tensor
        #expect(factorised.weightSigma.tensor.elements.allSatisfy { Swift.abs($0 - 0.25) < 1e-7 })
        for i in 0..<3 {
            let row = Array(epsilon.elements[(i * 4)..<(i * 4 + 4)])
            let ratio = row.map { $0 / epsilonOut.elements[i] }
            for j in 1..<4 { #expect(Swift.abs(ratio[j] - (epsilon.elements[j] / epsilonOut.elements[0])) < 1e-4) }
        }
    }

    @Test func randomFlipRateAndErasedAreaFollowTheirParameters() throws {
        let generator = RandomGenerator(seed: 11)
        let image = try Tensor([0, 1], shape: [1, 1, 2])
        var flips = 0
        for _ in 0..<10_000 where try RandomFlip(p: 0.3, vertical: false).apply(image, generator: generator, trace: nil).elements[0] == 1 { flips += 1 }
        #expect(Swift.abs(Double(flips) / 10_000 - 0.3) < 0.015)
        let big = try Tensor.ones([1, 20, 20])
        for _ in 0..<200 {
            let erased = try RandomErasing(p: 1, scale: (0.1, 0.2), ratio: (0.5, 2)).apply(big, generator: generator, trace: nil)
            let share = Double(erased.elements.filter { $0 == 0 }.count) / 400
            #expect(share == 0 || (share > 0.07 && share < 0.24), "erased share \(share)")
        }
    }
}
