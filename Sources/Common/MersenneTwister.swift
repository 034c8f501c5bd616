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

    /// Regenerates all 624 words of state: word i mixes words i and i + 1 with word i + 397
    /// (indices wrapping at 624), in order, so later words see the ones already renewed.
    private mutating func twist() {
        state.withUnsafeMutableBufferPointer { word in
            @inline(__always) func renew(_ i: Int, _ next: Int, _ far: Int) {
                let y = (word[i] & 0x8000_0000) | (word[next] & 0x7FFF_FFFF)
                word[i] = word[far] ^ (y >> 1) ^ (y & 1 != 0 ? 0x9908_B0DF : 0)
            }
            for i in 0..<227 { renew(i, i + 1, i + 397) }
            for i in 227..<623 { renew(i, i + 1, i - 227) }
            renew(623, 0, 396)
        }
        position = 0
    }

    /// The next `count` × 32 random bits into `out`, as `count` calls of `next()` would give.
    public mutating func fill(_ out: UnsafeMutableBufferPointer<UInt32>) {
        var k = 0
        while k < out.count {
            if position >= 624 { twist() }
            let run = min(624 - position, out.count - k)
            state.withUnsafeBufferPointer { word in
                for j in 0..<run {
                    var y = word[position + j]
                    y ^= y >> 11
                    y ^= (y << 7) & 0x9D2C_5680
                    y ^= (y << 15) & 0xEFC6_0000
                    y ^= y >> 18
                    out[k + j] = y
                }
            }
            position += run
            k += run
        }
    }
}
