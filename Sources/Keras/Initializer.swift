import Foundation
import TensorEngine

/// Keras's weight initializers, drawing as Keras 3 draws on the torch backend: an initializer
/// takes its seed when it is made (from Python's `random`, unless given), and every call seeds a
/// fresh torch generator with it, so the same initializer object gives the same values.
///
///     glorot_uniform:  U(-l, l),  l = √(6 / (fan_in + fan_out))      (Keras's default kernel)
///     he_normal:       truncated N(0, σ²), σ = √(2 / fan_in) / 0.8796
///
/// ```swift
/// let initializer = Initializer.glorotUniform(seed: context.defaultSeed())
/// let kernel = try initializer([10, 64])   // Keras's kernel shape is (in, out)
/// ```
public struct Initializer: CustomStringConvertible, Sendable {
    /// How values are drawn.
    public enum Kind: Sendable {
        case zeros, ones
        case constant(Double)
        case randomUniform(min: Double, max: Double)
        case randomNormal(mean: Double, stddev: Double)
        case truncatedNormal(mean: Double, stddev: Double)
        /// Keras's `VarianceScaling`: glorot, he and lecun are its presets.
        case varianceScaling(scale: Double, mode: String, distribution: String)
    }

    public let kind: Kind
    /// Keras's class name, as `get_config` and printing give it.
    public let name: String
    /// The seed every call uses (nil for the ones that draw nothing).
    public let seed: Int?

    public init(kind: Kind, name: String, seed: Int?) {
        self.kind = kind
        self.name = name
        self.seed = seed
    }

    public static func glorotUniform(seed: Int) -> Initializer {
        Initializer(kind: .varianceScaling(scale: 1, mode: "fan_avg", distribution: "uniform"), name: "GlorotUniform", seed: seed)
    }
    public static let zeros = Initializer(kind: .zeros, name: "Zeros", seed: nil)
    public static let ones = Initializer(kind: .ones, name: "Ones", seed: nil)

    /// An initializer by its Keras string name (`"glorot_uniform"`, `"he_normal"`, `"zeros"`...).
    public static func named(_ name: String, seed: () -> Int) -> Initializer? {
        switch name {
        case "zeros": return .zeros
        case "ones": return .ones
        case "glorot_uniform": return glorotUniform(seed: seed())
        case "glorot_normal":
            return Initializer(kind: .varianceScaling(scale: 1, mode: "fan_avg", distribution: "truncated_normal"), name: "GlorotNormal", seed: seed())
        case "he_uniform":
            return Initializer(kind: .varianceScaling(scale: 2, mode: "fan_in", distribution: "uniform"), name: "HeUniform", seed: seed())
        case "he_normal":
            return Initializer(kind: .varianceScaling(scale: 2, mode: "fan_in", distribution: "truncated_normal"), name: "HeNormal", seed: seed())
        case "lecun_uniform":
            return Initializer(kind: .varianceScaling(scale: 1, mode: "fan_in", distribution: "uniform"), name: "LecunUniform", seed: seed())
        case "lecun_normal":
            return Initializer(kind: .varianceScaling(scale: 1, mode: "fan_in", distribution: "truncated_normal"), name: "LecunNormal", seed: seed())
        case "random_uniform": return Initializer(kind: .randomUniform(min: -0.05, max: 0.05), name: "RandomUniform", seed: seed())
        case "random_normal": return Initializer(kind: .randomNormal(mean: 0, stddev: 0.05), name: "RandomNormal", seed: seed())
        case "truncated_normal": return Initializer(kind: .truncatedNormal(mean: 0, stddev: 0.05), name: "TruncatedNormal", seed: seed())
        default: return nil
        }
    }

    public var description: String { "<\(name)>" }

    /// Keras's `compute_fans` for a weight shape (a Dense kernel is (in, out)).
    public static func fans(_ shape: [Int]) -> (fanIn: Double, fanOut: Double) {
        switch shape.count {
        case 0: return (1, 1)
        case 1: return (Double(shape[0]), Double(shape[0]))
        case 2: return (Double(shape[0]), Double(shape[1]))
        default:
            let receptive = Double(shape.dropLast(2).reduce(1, *))
            return (Double(shape[shape.count - 2]) * receptive, Double(shape[shape.count - 1]) * receptive)
        }
    }

    /// The values for a weight of `shape`.
    public func callAsFunction(_ shape: [Int]) throws -> Tensor {
        switch kind {
        case .zeros: return try Tensor.zeros(shape)
        case .ones: return try Tensor.ones(shape)
        case .constant(let value): return try Tensor.full(shape, value, dtype: .float32)
        case .randomUniform(let min, let max): return try uniform(shape, min, max)
        case .randomNormal(let mean, let stddev): return try normal(shape, mean, stddev)
        case .truncatedNormal(let mean, let stddev): return try truncatedNormal(shape, mean, stddev)
        case .varianceScaling(var scale, let mode, let distribution):
            let (fanIn, fanOut) = Initializer.fans(shape)
            switch mode {
            case "fan_in": scale /= max(1, fanIn)
            case "fan_out": scale /= max(1, fanOut)
            default: scale /= max(1, (fanIn + fanOut) / 2)
            }
            switch distribution {
            case "truncated_normal": return try truncatedNormal(shape, 0, scale.squareRoot() / 0.87962566103423978)
            case "untruncated_normal": return try normal(shape, 0, scale.squareRoot())
            default:
                let limit = (3 * scale).squareRoot()
                return try uniform(shape, -limit, limit)
            }
        }
    }

    private var generator: RandomGenerator { RandomGenerator(seed: UInt64(truncatingIfNeeded: (seed ?? 0) & 0xFFFF_FFFF)) }

    /// `(max - min) * rand + min`, in float32 as torch computes it with Python numbers.
    private func uniform(_ shape: [Int], _ min: Double, _ max: Double) throws -> Tensor {
        let range = Float(max - min), low = Float(min)
        return try Tensor.rand(shape, generator: generator, dtype: .float32).map { $0 * range + low }
    }

    private func normal(_ shape: [Int], _ mean: Double, _ stddev: Double) throws -> Tensor {
        try Tensor.normal(shape, mean: mean, std: stddev, generator: generator, dtype: .float32)
    }

    /// Four normal draws per value; the first inside (-2, 2) is kept (the first one if none is).
    private func truncatedNormal(_ shape: [Int], _ mean: Double, _ stddev: Double) throws -> Tensor {
        let draws = try Tensor.normal(shape + [4], mean: 0, std: 1, generator: generator, dtype: .float32).floats
        let count = try Shape.count(shape)
        let values = (0..<count).map { i -> Float in
            let four = draws[(4 * i)..<(4 * i + 4)]
            let picked = four.first { $0 > -2 && $0 < 2 } ?? four[4 * i]
            return picked * Float(stddev) + Float(mean)
        }
        return try Tensor(values, shape: shape)
    }
}
