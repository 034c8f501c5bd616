import TensorEngine

/// `keras.random`: normal and uniform draws, seeded as Keras seeds them on torch. With an integer
/// seed, a fresh generator seeded with it; without one, Keras's global seed generator, whose
/// state moves by its hash step after every call.
///
/// ```swift
/// let x = try KerasRandom.normal([3], seed: nil, context: context)
/// ```
public enum KerasRandom {
    static func generator(_ seed: Int?, _ context: KerasContext) -> RandomGenerator {
        if let seed { return RandomGenerator(seed: UInt64(truncatingIfNeeded: seed & 0xFFFF_FFFF)) }
        return context.globalSeedGenerator().torchGenerator(ordered: false)
    }

    /// `keras.random.normal(shape, mean, stddev, seed)`: `torch.normal(mean, stddev, shape)`.
    public static func normal(_ shape: [Int], mean: Double = 0, stddev: Double = 1, seed: Int?, context: KerasContext) throws -> Tensor {
        try Tensor.normal(shape, mean: mean, std: stddev, generator: generator(seed, context), dtype: .float32)
    }

    /// `keras.random.uniform(shape, minval, maxval, seed)`: `(max − min) · rand + min` in float32.
    public static func uniform(_ shape: [Int], minval: Double = 0, maxval: Double = 1, seed: Int?, context: KerasContext,
                               seeds: SeedGenerator? = nil) throws -> Tensor {
        let range = Float(maxval - minval), low = Float(minval)
        let source = seeds?.torchGenerator() ?? generator(seed, context)
        return try Tensor.rand(shape, generator: source, dtype: .float32).map { $0 * range + low }
    }
}
