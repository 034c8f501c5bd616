import Foundation

/// A source of random numbers that reproduces PyTorch's CPU generator: after the same seed, the
/// same calls give the same numbers as `torch.manual_seed(seed)` followed by the PyTorch calls.
///
/// Every random operation takes its generator explicitly; a language session owns one and hands it
/// to everything, the way PyTorch's functions use the global default generator.
///
/// ```swift
/// let g = RandomGenerator(seed: 0)
/// try Tensor.rand([5], generator: g)  // tensor([0.4963, 0.7682, 0.0885, 0.1320, 0.3074])
/// ```
public final class RandomGenerator: @unchecked Sendable {
    /// PyTorch's historical default seed, used when nothing else was chosen.
    public static let defaultSeed: UInt64 = 67_280_421_310_721

    private var engine: MersenneTwister
    /// The second value of the last Box-Muller pair, returned by the next scalar normal draw.
    private var cachedNormal: Double?
    /// The seed last set (PyTorch's `initial_seed()`).
    public private(set) var seed: UInt64

    /// A generator seeded with `seed`.
    public init(seed: UInt64 = RandomGenerator.defaultSeed) {
        self.seed = seed
        engine = MersenneTwister(seed: seed)
    }

    /// Restarts the sequence, like `torch.manual_seed(seed)`; also forgets the cached normal value.
    public func manualSeed(_ seed: UInt64) {
        self.seed = seed
        engine = MersenneTwister(seed: seed)
        cachedNormal = nil
    }

    /// The next 32 random bits.
    public func nextUInt32() -> UInt32 { engine.next() }

    /// 64 random bits from two draws, the first being the high half.
    public func nextUInt64() -> UInt64 {
        let high = UInt64(engine.next())
        let low = UInt64(engine.next())
        return (high << 32) | low
    }

    /// A float32 uniform in [0, 1) from 24 random bits.
    public func uniformFloat() -> Float {
        Float(nextUInt32() & 0xFF_FFFF) * 0x1p-24
    }

    /// `count` coins, 1 where the `uniformDouble()` drawn for it is below `p` (PyTorch's
    /// `bernoulli_(p)`): all the bits drawn at once, then one pass.
    public func bernoulliMask(_ count: Int, p: Double) -> [Float] {
        var bits = [UInt32](repeating: 0, count: 2 * count)
        bits.withUnsafeMutableBufferPointer { engine.fill($0) }
        return [Float](unsafeUninitializedCapacity: count) { out, initialized in
            bits.withUnsafeBufferPointer { bits in
                for i in 0..<count { out[i] = RandomGenerator.uniform53(bits[2 * i], bits[2 * i + 1]) < p ? 1 : 0 }
            }
            initialized = count
        }
    }

    /// A float64 uniform in [0, 1) from 53 random bits.
    public func uniformDouble() -> Double {
        RandomGenerator.uniform53(engine.next(), engine.next())
    }

    /// The float64 uniform of two draws (the first the high half): their low 53 bits · 2⁻⁵³.
    @inline(__always)
    static func uniform53(_ high: UInt32, _ low: UInt32) -> Double {
        Double(((UInt64(high) << 32) | UInt64(low)) & ((1 << 53) - 1)) * 0x1p-53
    }

    /// One standard normal value by Box-Muller in double precision, the path PyTorch takes for
    /// tensors of fewer than 16 elements. Each pair of uniforms yields two values; the second is
    /// kept for the next call.
    public func normalDouble() -> Double {
        if let cached = cachedNormal {
            cachedNormal = nil
            return cached
        }
        let u1 = uniformDouble()
        let u2 = uniformDouble()
        let radius = (-2 * Foundation.log1p(-u2)).squareRoot()
        let theta = 2 * Double.pi * u1
        cachedNormal = radius * Foundation.sin(theta)
        return radius * Foundation.cos(theta)
    }

    /// `n` normal values with the given mean and standard deviation, exactly as PyTorch fills a
    /// tensor of `n` elements: the scalar double path below 16 elements, and above it the
    /// vectorised float32 path (uniforms first, then Box-Muller on blocks of 16, the last block
    /// redrawn to end exactly at `n`).
    public func normalValues(_ n: Int, mean: Float = 0, std: Float = 1) -> [Float] {
        if n < 16 {
            return (0..<n).map { _ in Float(Double(mean) + Double(std) * normalDouble()) }
        }
        var values = (0..<n).map { _ in uniformFloat() }
        var start = 0
        while start + 16 <= n {
            Self.boxMuller16(&values, at: start, mean: mean, std: std)
            start += 16
        }
        if n % 16 != 0 {
            for i in (n - 16)..<n { values[i] = uniformFloat() }
            Self.boxMuller16(&values, at: n - 16, mean: mean, std: std)
        }
        return values
    }

    /// `n` float64 normal values, as PyTorch fills a float64 tensor: the scalar path below 16
    /// elements (not rounded to float32), and above it the same blocks of 16 as float32's, made of
    /// 53-bit uniforms and computed in double.
    public func normalDoubles(_ n: Int, mean: Double = 0, std: Double = 1) -> [Double] {
        if n < 16 {
            return (0..<n).map { _ in mean + std * normalDouble() }
        }
        var values = (0..<n).map { _ in uniformDouble() }
        var start = 0
        while start + 16 <= n {
            Self.boxMuller16(&values, at: start, mean: mean, std: std)
            start += 16
        }
        if n % 16 != 0 {
            for i in (n - 16)..<n { values[i] = uniformDouble() }
            Self.boxMuller16(&values, at: n - 16, mean: mean, std: std)
        }
        return values
    }

    /// Turns 16 uniforms into 16 normals: pairs (i, i + 8) become a radius and an angle.
    private static func boxMuller16<T: FloatingElement>(_ values: inout [T], at start: Int, mean: T, std: T) {
        for j in 0..<8 {
            let u1 = 1 - values[start + j]
            let u2 = values[start + 8 + j]
            let radius = (-2 * T.log(u1)).squareRoot()
            let theta = 2 * T.pi * u2
            values[start + j] = radius * T.cos(theta) * std + mean
            values[start + 8 + j] = radius * T.sin(theta) * std + mean
        }
    }

    /// A whole number in `low..<high`, as `torch.randint` draws it (one 32-bit draw for ranges
    /// below 2^32, two above).
    public func integer(in low: Int, _ high: Int) -> Int {
        let range = UInt64(high - low)
        let bits = range >= (1 << 32) ? nextUInt64() : UInt64(nextUInt32())
        return low + Int(bits % range)
    }

    /// A random ordering of `0..<n`, as `torch.randperm` shuffles: swap position i with a random
    /// position at or after it.
    public func permutation(_ n: Int) -> [Int] {
        var result = Array(0..<n)
        if n < 2 { return result }
        for i in 0..<(n - 1) {
            let z = Int(UInt64(nextUInt32()) % UInt64(n - i))
            result.swapAt(i, i + z)
        }
        return result
    }

    /// The seed PyTorch derives for a fresh generator (DataLoader's shuffling, for example): a
    /// 64-bit draw reduced below 2^63, what `torch.empty((), dtype=torch.int64).random_()` gives.
    public func derivedSeed() -> UInt64 {
        nextUInt64() % (1 << 63)
    }
}
