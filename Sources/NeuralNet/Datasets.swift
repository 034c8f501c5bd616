import Foundation
import TensorEngine

/// Small synthetic data sets for the lessons, each drawn from a given generator by a recipe that
/// reads as PyTorch code (so the same seed gives the same data in PyTorch too).
public enum Datasets {
    /// A few noisy samples of a sine: x ~ U(-3, 3), y = sin x + noise·N(0, 1), shapes [n, 1].
    /// Few points and a big model make the classic picture of overfitting.
    ///
    /// Recipe: `x = torch.rand(n, 1) * 6 - 3; y = torch.sin(x) + noise * torch.randn(n, 1)`.
    ///
    /// ```swift
    /// let (x, y) = try Datasets.sine(count: 20, noise: 0.3, generator: g)
    /// ```
    public static func sine(count: Int = 20, noise: Double = 0.3, generator: RandomGenerator) throws -> (x: Tensor, y: Tensor) {
        try checkCount(count)
        let x = try Tensor.rand([count, 1], generator: generator) * 6 - 3
        let y = try x.sin() + noise * (try Tensor.randn([count, 1], generator: generator))
        return (x, y)
    }

    /// Two interleaving half circles, labels 0 and 1 (scikit-learn's `make_moons` recipe, drawn
    /// with torch's generator): the points are shuffled with `randperm(n)`, then
    /// `noise * randn(n, 2)` is added.
    public static func moons(count: Int = 200, noise: Double = 0.1, generator: RandomGenerator) throws -> (x: Tensor, y: Tensor) {
        try checkCount(count)
        let outer = count / 2, inner = count - outer
        let tOuter = try Tensor.linspace(0, Double(Float.pi), steps: outer)
        let tInner = try Tensor.linspace(0, Double(Float.pi), steps: inner)
        let xs = try Tensor.cat([tOuter.cos(), 1 - tInner.cos()])
        let ys = try Tensor.cat([tOuter.sin(), try 1 - tInner.sin() - 0.5])
        return try shuffledWithNoise(try Tensor.stack([xs, ys], dim: 1), labels(outer, inner), noise: noise, generator: generator)
    }

    /// Two concentric circles, labels 0 (outer) and 1 (inner, radius `factor`), after
    /// scikit-learn's `make_circles`; shuffled, then noise added.
    public static func circles(count: Int = 200, noise: Double = 0.05, factor: Double = 0.5, generator: RandomGenerator) throws -> (x: Tensor, y: Tensor) {
        try checkCount(count)
        guard factor >= 0 && factor < 1 else { throw TensorError(.valueError, "'factor' has to be between 0 and 1.") }
        let outer = count / 2, inner = count - outer
        let tOuter = try Tensor.arange(0, Double(outer)) * Double(Float(2 * Double.pi / Double(max(outer, 1))))
        let tInner = try Tensor.arange(0, Double(inner)) * Double(Float(2 * Double.pi / Double(max(inner, 1))))
        let xs = try Tensor.cat([tOuter.cos(), tInner.cos() * factor])
        let ys = try Tensor.cat([tOuter.sin(), tInner.sin() * factor])
        return try shuffledWithNoise(try Tensor.stack([xs, ys], dim: 1), labels(outer, inner), noise: noise, generator: generator)
    }

    /// Interleaved spiral arms, one per class (the CS231n recipe): for arm j, radius
    /// r = linspace(0, 1, m) and angle t = linspace(4j, 4(j + 1), m) + noise·randn(m);
    /// the point is (r·sin t, r·cos t). Not shuffled: arm after arm.
    public static func spirals(count: Int = 200, classes: Int = 2, noise: Double = 0.2, generator: RandomGenerator) throws -> (x: Tensor, y: Tensor) {
        try checkCount(count)
        guard classes >= 1 && classes <= count else { throw TensorError(.valueError, "classes must be between 1 and the number of points") }
        var points: [Tensor] = []
        var labels: [Float] = []
        for arm in 0..<classes {
            let m = count / classes + (arm < count % classes ? 1 : 0)
            let r = try Tensor.linspace(0, 1, steps: m)
            let t = try Tensor.linspace(Double(4 * arm), Double(4 * (arm + 1)), steps: m) + noise * (try Tensor.randn([m], generator: generator))
            points.append(try Tensor.stack([try r * t.sin(), try r * t.cos()], dim: 1))
            labels += [Float](repeating: Float(arm), count: m)
        }
        return (try Tensor.cat(points), try Tensor(labels, shape: [count], dtype: .int64))
    }

    /// The names of the glyph classes, by label.
    public static let glyphNames = ["bar", "dash", "plus", "box"]

    /// Small greyscale images [n, 1, 8, 8] in [0, 1] of four glyphs (labels 0–3: a vertical bar,
    /// a horizontal dash, a plus, a square outline), each moved by up to `shift` pixels in each
    /// direction and given pixel noise. Per image: label = randint(0, 4), then the shifts
    /// dy, dx = randint(-shift, shift + 1) each; finally `noise * randn(n, 1, 8, 8)` is added
    /// to all images and the result clamped to [0, 1].
    public static func glyphs(count: Int = 200, noise: Double = 0.1, shift: Int = 1, generator: RandomGenerator) throws -> (x: Tensor, y: Tensor) {
        try checkCount(count)
        guard shift >= 0 && shift <= 2 else { throw TensorError(.valueError, "shift must be between 0 and 2") }
        var pixels: [Float] = []
        var labels: [Float] = []
        for _ in 0..<count {
            let label = generator.integer(in: 0, 4)
            let dy = generator.integer(in: -shift, shift + 1), dx = generator.integer(in: -shift, shift + 1)
            pixels += glyph(label, dy: dy, dx: dx)
            labels.append(Float(label))
        }
        let clean = try Tensor(pixels, shape: [count, 1, 8, 8])
        let noisy = try clean + noise * (try Tensor.randn([count, 1, 8, 8], generator: generator))
        return (try noisy.clamp(min: 0, max: 1), try Tensor(labels, shape: [count], dtype: .int64))
    }

    /// One 8×8 glyph drawn around the centre, moved by (dy, dx).
    static func glyph(_ label: Int, dy: Int, dx: Int) -> [Float] {
        var image = [Float](repeating: 0, count: 64)
        func ink(_ row: Int, _ column: Int) {
            let (r, c) = (row + dy, column + dx)
            if r >= 0 && r < 8 && c >= 0 && c < 8 { image[r * 8 + c] = 1 }
        }
        switch label {
        case 0: for r in 1...6 { ink(r, 3); ink(r, 4) }
        case 1: for c in 1...6 { ink(3, c); ink(4, c) }
        case 2: for k in 1...6 { ink(k, 3); ink(k, 4); ink(3, k); ink(4, k) }
        default: for k in 2...5 { ink(2, k); ink(5, k); ink(k, 2); ink(k, 5) }
        }
        return image
    }

    /// Indices for splitting `count` samples into parts of the given fractions, shuffled with
    /// `randperm(count)` as PyTorch's `random_split` does (floored lengths, the remainder handed
    /// out one by one from the first part).
    ///
    /// ```swift
    /// let parts = try Datasets.splitIndices(100, fractions: [0.7, 0.15, 0.15], generator: g)
    /// ```
    public static func splitIndices(_ count: Int, fractions: [Double], generator: RandomGenerator) throws -> [Tensor] {
        guard !fractions.isEmpty, fractions.allSatisfy({ $0 >= 0 && $0 <= 1 }), abs(fractions.reduce(0, +) - 1) < 1e-9 else {
            throw TensorError(.valueError, "Sum of input lengths does not equal the length of the input dataset!")
        }
        var lengths = fractions.map { Int(saturating: (Double(count) * $0).rounded(.down)) }
        for i in 0..<(count - lengths.reduce(0, +)) { lengths[i % lengths.count] += 1 }
        let order = generator.permutation(count)
        var start = 0
        return try lengths.map { length in
            defer { start += length }
            return try Tensor(order[start..<(start + length)].map(Float.init), shape: [length], dtype: .int64)
        }
    }

    private static func checkCount(_ count: Int) throws {
        guard count > 0 && count <= 100_000 else {
            throw TensorError(.valueError, "the number of samples must be between 1 and 100000, got \(count)")
        }
    }

    private static func labels(_ zeros: Int, _ ones: Int) throws -> Tensor {
        try Tensor([Float](repeating: 0, count: zeros) + [Float](repeating: 1, count: ones), shape: [zeros + ones], dtype: .int64)
    }

    private static func shuffledWithNoise(_ x: Tensor, _ y: Tensor, noise: Double, generator: RandomGenerator) throws -> (x: Tensor, y: Tensor) {
        let order = try Tensor.randperm(x.shape[0], generator: generator)
        let shuffledX = try x.index([.tensor(order)])
        let shuffledY = try y.index([.tensor(order)])
        let noisy = try shuffledX + noise * (try Tensor.randn(shuffledX.shape, generator: generator))
        return (noisy, shuffledY)
    }
}
