import NeuralNet
import Foundation
import Regularization
import TensorEngine

/// Keras's `Dropout(rate)`: in training, each element is zeroed with probability `rate` and the
/// others are divided by `1 - rate`; in inference it does nothing.
///
/// Without a seed, Keras on torch calls `F.dropout`, so the masks come from torch's global
/// generator, interleaved with everything else drawn from it; with `seed=k`, call number c draws
/// its mask from a fresh generator seeded with k + c. `noise_shape` shares one coin along the
/// axes where it is 1.
///
/// ```swift
/// let dropout = try Dropout(rate: 0.5, context: context)
/// try dropout(x, training: true)
/// ```
public final class Dropout: SeededLayer {
    public let rate: Double
    public let noiseShape: [Int?]?

    public init(rate: Double, noiseShape: [Int?]? = nil, seed: Int? = nil, name: String? = nil, context: KerasContext) throws {
        try Layer.checkUnitInterval(rate, "rate")
        self.rate = rate
        self.noiseShape = noiseShape
        super.init(typeName: "Dropout", baseName: "dropout", seed: seed, draws: rate > 0, name: name, context: context)
    }

    public override func call(_ x: Tensor, training: Bool) throws -> Tensor {
        guard training, rate > 0, let seeds else { return x }
        if rate == 1 { return try x.zerosLike() }
        guard seed != nil || noiseShape != nil else {
            return try Regularization.Dropout.apply(x, p: rate, training: true, generator: context.generator).output
        }
        let shape = try concreteNoiseShape(x.shape)
        let keep = 1 - rate
        let coins = try Tensor.full(shape, keep).bernoulli(generator: seeds.torchGenerator())
        let mask = try Tensor.compare(try coins.broadcast(to: x.shape), .ne, Tensor(scalar: 0))
        return try Tensor.where(mask, x / keep, x.zerosLike())
    }

    /// The noise shape with each None replaced by the input's size there.
    private func concreteNoiseShape(_ shape: [Int]) throws -> [Int] {
        guard let noiseShape else { return shape }
        guard noiseShape.count == shape.count else {
            throw TensorError(.valueError, "Invalid value received for argument `noise_shape`: it has \(noiseShape.count) dimensions, the input has \(shape.count) (shape \(KerasShape.describe(shape.map { Optional($0) })))")
        }
        return zip(noiseShape, shape).map { $0 ?? $1 }
    }

    public override func copy() throws -> Module {
        try copyState(into: try Dropout(rate: rate, noiseShape: noiseShape, seed: copySeed, name: name, context: context))
    }

    public override var config: [(String, String)] {
        super.config + [("rate", PythonFloat.repr(rate)), ("seed", seed.map(String.init) ?? "None"),
                        ("noise_shape", noiseShape.map(KerasShape.describe) ?? "None")]
    }
}

/// Keras's `AlphaDropout(rate)` for SELU networks: dropped elements are set to SELU's negative
/// saturation value, then an affine map keeps the mean and variance. Training only.
///
///     kept = U[0, 1) ≥ rate;   x' = x·kept + α'·(1 − kept);   out = a·x' + b
///     α' = −1.7581 (−α·scale of SELU),  a = ((1 − rate)(1 + rate·α'²))^(−1/2),  b = −a·α'·rate
public final class AlphaDropout: SeededLayer {
    public let rate: Double

    public init(rate: Double, seed: Int? = nil, name: String? = nil, context: KerasContext) throws {
        try Layer.checkUnitInterval(rate, "rate")
        self.rate = rate
        super.init(typeName: "AlphaDropout", baseName: "alpha_dropout", seed: seed, draws: rate > 0, name: name, context: context)
    }

    public override func call(_ x: Tensor, training: Bool) throws -> Tensor {
        guard training, rate > 0, let seeds else { return x }
        let alphaP = -1.6732632423543772848170429916717 * 1.0507009873554804934193349852946
        let uniform = try Tensor.rand(x.shape, generator: seeds.torchGenerator())
        let kept = try Tensor.compare(uniform, .ge, Tensor(scalar: Double(Float(rate)))).converted(to: .float32)
        let a = Foundation.pow((1 - rate) * (1 + rate * alphaP * alphaP), -0.5)
        let b = -a * alphaP * rate
        let dropped = try x * kept + (try 1 - kept) * alphaP
        return try dropped * a + b
    }

    public override func copy() throws -> Module {
        try copyState(into: try AlphaDropout(rate: rate, seed: copySeed, name: name, context: context))
    }

    public override var config: [(String, String)] { super.config + [("rate", PythonFloat.repr(rate))] }
}
