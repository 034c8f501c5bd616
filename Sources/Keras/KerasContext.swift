import TensorEngine

/// What Keras keeps per session: the random state its layers draw from, the counters that
/// name layers (`dense`, `dense_1`...), and the clock its progress bars read.
///
/// Keras draws its randomness from three places, as Keras 3 on the torch backend does: torch's
/// global generator (dropout masks, the order `fit` shuffles into), Python's `random` module
/// (the seed every layer and initializer takes when it is made, `randint(1, 10**9)`), and a
/// global seed generator for `keras.random` calls without a seed.
///
/// ```swift
/// let context = KerasContext(generator: torchGenerator) { low, high in pythonRandom(low, high) }
/// let dense = try Dense(64, activation: .relu, context: context)
/// ```
public final class KerasContext {
    /// torch's global generator.
    public let generator: RandomGenerator
    /// Python's `random.randint(low, high)`: where Keras's default seeds come from.
    public let pythonRandom: (Int, Int) -> Int
    /// Seconds since some start, for the progress bars' timings.
    public var clock: () -> Double
    /// Where progress lines and callback messages go.
    public var write: (String) -> Void = { _ in }
    /// True when the output is a terminal: progress bars are redrawn as they fill.
    public var interactive = false
    /// True when the output may use colors and bold.
    public var colors = false
    /// The terminal's width, for `summary()`.
    public var columns = 80
    /// Called at every training step, so that Ctrl-C and time limits can stop a long `fit`.
    public var checkpoint: () throws -> Void = {}
    /// The next number of each name (`dense` → 1 after the first Dense).
    private var uids: [String: Int] = [:]
    /// `keras.random`'s global seed generator, made at its first use.
    private var globalSeeds: SeedGenerator?

    public init(generator: RandomGenerator, pythonRandom: @escaping (Int, Int) -> Int, clock: @escaping () -> Double) {
        self.generator = generator
        self.pythonRandom = pythonRandom
        self.clock = clock
    }

    /// Keras's `make_default_seed()`: `random.randint(1, 10**9)`.
    public func defaultSeed() -> Int { pythonRandom(1, 1_000_000_000) }

    /// A unique name: `dense`, then `dense_1`, `dense_2`...
    public func uniqueName(_ base: String) -> String {
        let count = uids[base, default: 0]
        uids[base] = count + 1
        return count == 0 ? base : "\(base)_\(count)"
    }

    /// `keras.utils.set_random_seed` and `keras.backend.clear_session()` forget the global seed
    /// generator; `clear_session` also restarts the names.
    public func clear(names: Bool) {
        globalSeeds = nil
        if names { uids = [:] }
    }

    /// The seed generator of `keras.random` calls made without a seed.
    public func globalSeedGenerator() -> SeedGenerator {
        if let globalSeeds { return globalSeeds }
        let made = SeedGenerator(seed: defaultSeed())
        globalSeeds = made
        return made
    }
}
