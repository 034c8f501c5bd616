import TensorEngine

/// Keras's `SeedGenerator`: a state `[seed, counter]`; each call of a seeded layer uses
/// `seed + counter` and moves the counter on.
public final class SeedGenerator {
    public private(set) var state: (Int, Int)

    public init(seed: Int) {
        state = (seed, 0)
    }

    /// The state for this call, then the next one (`ordered`: counter + 1; otherwise Keras's
    /// hash step `(x + 1) * 5387 % 933199`, which its global generator uses).
    public func next(ordered: Bool = true) -> (Int, Int) {
        let current = state
        if ordered {
            state = (state.0, state.1 &+ 1)
        } else {
            func step(_ x: Int) -> Int {
                let product = Int32(truncatingIfNeeded: (x &+ 1) &* 5387)
                let remainder = Int(product) % 933_199
                return remainder < 0 ? remainder + 933_199 : remainder
            }
            state = (step(state.0), step(state.1))
        }
        return current
    }

    /// A torch generator seeded for one call: `manual_seed((a + b) & 0xFFFFFFFF)`.
    public func torchGenerator(ordered: Bool = true) -> RandomGenerator {
        let (a, b) = next(ordered: ordered)
        return RandomGenerator(seed: UInt64(truncatingIfNeeded: (a &+ b) & 0xFFFF_FFFF))
    }
}
