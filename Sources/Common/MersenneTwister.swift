/// The 32-bit Mersenne Twister (MT19937): the engine behind PyTorch's CPU generator and NumPy's
/// legacy `RandomState` (seeded with `init_genrand`), and behind Python's `random` module
/// (seeded with `init_by_array`).
///
/// ```swift
/// var mt = MersenneTwister(seed: 5489)
/// mt.next()  // 3499211612, the reference first output
/// ```
public struct MersenneTwister: Sendable {
    private var state = [UInt32](repeating: 0, count: 624)
    private var position = 624

    /// Seeds the state from the low 32 bits of `seed`, as PyTorch's `manual_seed` does.
    public init(seed: UInt64) {
        state[0] = UInt32(truncatingIfNeeded: seed)
        for i in 1..<624 {
            let previous = state[i - 1]
            state[i] = 1_812_433_253 &* (previous ^ (previous >> 30)) &+ UInt32(i)
        }
    }

    /// Seeds the state from the 32-bit words of `key`, as CPython's `random.seed(n)` does
    /// (the words of |n|, least significant first).
    public init(key: [UInt32]) {
        self.init(seed: 19_650_218)
        let words = key.isEmpty ? [0] : key
        var i = 1, j = 0
        for _ in 0..<max(624, words.count) {
            let previous = state[i - 1]
            state[i] = (state[i] ^ ((previous ^ (previous >> 30)) &* 1_664_525)) &+ words[j] &+ UInt32(j)
            i += 1
            j += 1
            if i >= 624 {
                state[0] = state[623]
                i = 1
            }
            if j >= words.count { j = 0 }
        }
        for _ in 0..<623 {
            let previous = state[i - 1]
            state[i] = (state[i] ^ ((previous ^ (previous >> 30)) &* 1_566_083_941)) &- UInt32(i)
            i += 1
            if i >= 624 {
                state[0] = state[623]
                i = 1
            }
        }
        state[0] = 0x8000_0000
    }

    /// The next 32 random bits.
    public mutating func next() -> UInt32 {
        if position >= 624 { twist() }
        var y = state[position]
        position += 1
        y ^= y >> 11
        y ^= (y << 7) & 0x9D2C_5680
        y ^= (y << 15) & 0xEFC6_0000
        y ^= y >> 18
        return y
    }

    /// Regenerates all 624 words of state.
    private mutating func twist() {
        for i in 0..<624 {
            let y = (state[i] & 0x8000_0000) | (state[(i + 1) % 624] & 0x7FFF_FFFF)
            var value = state[(i + 397) % 624] ^ (y >> 1)
            if y & 1 != 0 { value ^= 0x9908_B0DF }
            state[i] = value
        }
        position = 0
    }
}
