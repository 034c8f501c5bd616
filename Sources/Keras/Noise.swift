import NeuralNet
import Foundation
import Regularization
import TensorEngine

/// Keras's `GaussianNoise(stddev)`: adds N(0, stddev²) noise in training, nothing in inference.
/// Noise on the inputs acts like data augmentation; on a hidden layer it is activation noise.
///
/// The layer takes a seed s from Python's `random` when made (unless given); its call number c
/// draws `torch.normal(0, stddev, x.shape)` from a fresh generator seeded with s + c.
///
/// ```swift
/// let noise = try GaussianNoise(stddev: 0.1, context: context)
/// try noise(x, training: true)      // x + noise
/// ```
public final class GaussianNoise: SeededLayer {
    public let stddev: Double

    public init(stddev: Double, seed: Int? = nil, name: String? = nil, context: KerasContext) throws {
        try Layer.checkUnitInterval(stddev, "stddev")
        self.stddev = stddev
        super.init(typeName: "GaussianNoise", baseName: "gaussian_noise", seed: seed, draws: stddev > 0, name: name, context: context)
    }

    /// x + ε, ε ~ N(0, stddev²).  ∂/∂x = 1
    public override func call(_ x: Tensor, training: Bool) throws -> Tensor {
        guard training, stddev > 0, let seeds else { return x }
        return try x + Tensor.normal(x.shape, mean: 0, std: stddev, generator: seeds.torchGenerator(), dtype: x.dtype)
    }

    public override func copy() throws -> Module {
        try copyState(into: try GaussianNoise(stddev: stddev, seed: copySeed, name: name, context: context))
    }

    public override var config: [(String, String)] { super.config + [("stddev", PythonFloat.repr(stddev))] }
}

/// Keras's `GaussianDropout(rate)`: multiplies by noise from N(1, rate / (1 - rate)) in
/// training: dropout's variance without its zeros. Seeded as `GaussianNoise` is.
///
/// ```swift
/// let dropout = try GaussianDropout(rate: 0.2, context: context)
/// try dropout(x, training: true)    // x · ε, ε ~ N(1, 0.25)
/// ```
public final class GaussianDropout: SeededLayer {
    public let rate: Double

    public init(rate: Double, seed: Int? = nil, name: String? = nil, context: KerasContext) throws {
        try Layer.checkUnitInterval(rate, "rate")
        self.rate = rate
        super.init(typeName: "GaussianDropout", baseName: "gaussian_dropout", seed: seed, draws: rate > 0, name: name, context: context)
    }

    /// x · ε, ε ~ N(1, rate / (1 − rate)).  ∂/∂x = ε
    public override func call(_ x: Tensor, training: Bool) throws -> Tensor {
        guard training, rate > 0, let seeds else { return x }
        let std = (rate / (1 - rate)).squareRoot()
        return try x * Tensor.normal(x.shape, mean: 1, std: std, generator: seeds.torchGenerator(), dtype: x.dtype)
    }

    public override func copy() throws -> Module {
        try copyState(into: try GaussianDropout(rate: rate, seed: copySeed, name: name, context: context))
    }

    public override var config: [(String, String)] { super.config + [("rate", PythonFloat.repr(rate))] }
}
