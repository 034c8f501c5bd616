import Foundation
import TensorEngine

/// mixup (Zhang et al., 2018): train on blends of pairs of examples and of their labels.
///
///     λ ~ Beta(α, α),  x̃ = λ·x + (1 − λ)·x[perm],  loss = λ·loss(ŷ, y) + (1 − λ)·loss(ŷ, y[perm])
///
/// The pairing `perm` is `torch.randperm(N)`. λ is drawn with regtutor's generator (PyTorch has
/// no mixup of its own; pass `lambda` to fix it).
///
/// ```swift
/// let mixed = try Mixup.mix(x, y, alpha: 0.2, generator: g)
/// ```
public enum Mixup {
    /// A mixed batch and what to train it against.
    public struct Result {
        /// λ·x + (1 − λ)·x[perm].
        public let input: Tensor
        /// y, weighted λ in the loss.
        public let targetA: Tensor
        /// y[perm], weighted 1 − λ in the loss.
        public let targetB: Tensor
        /// The mixing weight λ.
        public let lambda: Double
        /// Each example's partner.
        public let permutation: [Int]
    }

    /// Mixes a batch: λ from Beta(α, α) (or `lambda`), partners from `torch.randperm`.
    public static func mix(_ x: Tensor, _ y: Tensor, alpha: Double, lambda: Double? = nil, generator: RandomGenerator,
                           trace: Trace? = nil) throws -> Result {
        guard x.rank >= 1, y.rank >= 1, x.shape[0] == y.shape[0] else {
            throw TensorError(.valueError, "mixup needs inputs and targets with the same batch size, got \(Shape.torchSize(x.shape)) and \(Shape.torchSize(y.shape))")
        }
        guard alpha >= 0 else { throw TensorError(.valueError, "mixup: alpha must be >= 0, got \(PythonFloat.repr(alpha))") }
        let lam = lambda ?? (alpha > 0 ? beta(alpha, alpha, generator: generator) : 1)
        let permutation = generator.permutation(x.shape[0])
        let index = try Tensor(permutation.map { Int64($0) }, shape: [permutation.count], dtype: .int64)
        let shuffledX = try x.index([.tensor(index)])
        let input = try x * Double(Float(lam)) + shuffledX * Double(Float(1 - lam))
        let targetB = try y.index([.tensor(index)])
        if let trace {
            trace.note("λ ~ Beta(\(spelled(alpha)), \(spelled(alpha)))", PythonFloat.fixed(lam, digits: 4))
            trace.note("partners torch.randperm(\(x.shape[0]))", permutation.description)
            trace.record("mixed input λ·x + (1 − λ)·x[perm]", input)
        }
        return Result(input: input, targetA: y, targetB: targetB, lambda: lam, permutation: permutation)
    }

    /// A Beta(a, b) sample from two Gamma samples.
    static func beta(_ a: Double, _ b: Double, generator: RandomGenerator) -> Double {
        let x = gamma(a, generator: generator), y = gamma(b, generator: generator)
        return x + y == 0 ? 0.5 : x / (x + y)
    }

    /// Marsaglia and Tsang's Gamma(shape, 1) sampler.
    static func gamma(_ shape: Double, generator: RandomGenerator) -> Double {
        if shape < 1 {
            let u = Swift.max(generator.uniformDouble(), 1e-300)
            return gamma(shape + 1, generator: generator) * Foundation.pow(u, 1 / shape)
        }
        let d = shape - 1.0 / 3, c = 1 / (9 * d).squareRoot()
        while true {
            var x = 0.0, v = 0.0
            repeat {
                x = generator.normalDouble()
                v = 1 + c * x
            } while v <= 0
            v = v * v * v
            let u = generator.uniformDouble()
            if u < 1 - 0.0331 * x * x * x * x || Foundation.log(u) < 0.5 * x * x + d * (1 - v + Foundation.log(v)) { return d * v }
        }
    }
}
