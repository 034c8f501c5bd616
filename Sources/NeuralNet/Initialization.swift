import Foundation
import TensorEngine

/// PyTorch's parameter initialisations (`torch.nn.init`), drawing from a given generator.
public enum Initialization {
    /// PyTorch's default for `nn.Linear` weights: `kaiming_uniform_(w, a=√5)`, which works out
    /// to U(-1/√fan_in, 1/√fan_in). The bound is computed the way PyTorch computes it, in double.
    ///
    /// ```swift
    /// let w = try Initialization.kaimingUniformLinear([2, 3], generator: g)
    /// ```
    public static func kaimingUniformLinear(_ shape: [Int], generator: RandomGenerator) throws -> Tensor {
        let fanIn = shape.count > 1 ? shape.dropFirst().reduce(1, *) : shape.first ?? 0
        let slope = 5.0.squareRoot()
        let gain = (2.0 / (1 + slope * slope)).squareRoot()
        let std = fanIn > 0 ? gain / Double(fanIn).squareRoot() : 0
        let bound = 3.0.squareRoot() * std
        return try Tensor.uniform(shape, low: -bound, high: bound, generator: generator)
    }

    /// U(-1/√fan_in, 1/√fan_in), PyTorch's default for a linear layer's bias.
    public static func biasUniform(_ count: Int, fanIn: Int, generator: RandomGenerator) throws -> Tensor {
        let bound = fanIn > 0 ? 1 / Double(fanIn).squareRoot() : 0
        return try Tensor.uniform([count], low: -bound, high: bound, generator: generator)
    }

    /// PyTorch's `_calculate_fan_in_and_fan_out`: inputs and outputs of a weight, counting a
    /// convolution's kernel positions.
    public static func fans(_ shape: [Int]) throws -> (fanIn: Int, fanOut: Int) {
        guard shape.count >= 2 else {
            throw TensorError(.valueError, "Fan in and fan out can not be computed for tensor with fewer than 2 dimensions")
        }
        let receptive = shape.dropFirst(2).reduce(1, *)
        return (shape[1] * receptive, shape[0] * receptive)
    }

    /// PyTorch's `calculate_gain(nonlinearity, param)`.
    public static func gain(_ nonlinearity: String, _ parameter: Double?) throws -> Double {
        switch nonlinearity {
        case "linear", "conv1d", "conv2d", "conv3d", "conv_transpose1d", "conv_transpose2d", "conv_transpose3d", "sigmoid": return 1
        case "tanh": return 5.0 / 3
        case "relu": return 2.0.squareRoot()
        case "leaky_relu":
            let slope = parameter ?? 0.01
            return (2.0 / (1 + slope * slope)).squareRoot()
        case "selu": return 3.0 / 4
        default: throw TensorError(.valueError, "Unsupported nonlinearity \(nonlinearity)")
        }
    }

    /// The fan `mode` picks ('fan_in' or 'fan_out').
    public static func fan(_ shape: [Int], mode: String) throws -> Int {
        let (fanIn, fanOut) = try fans(shape)
        switch mode {
        case "fan_in": return fanIn
        case "fan_out": return fanOut
        default: throw TensorError(.valueError, "Mode \(mode) not supported, please use one of fan_in, fan_out")
        }
    }

    /// `xavier_uniform_`: U(-a, a) with a = gain·√(6/(fan_in + fan_out)).
    public static func xavierUniform(_ shape: [Int], gain: Double, generator: RandomGenerator) throws -> Tensor {
        let (fanIn, fanOut) = try fans(shape)
        let std = gain * (2.0 / Double(fanIn + fanOut)).squareRoot()
        let bound = 3.0.squareRoot() * std
        return try Tensor.uniform(shape, low: -bound, high: bound, generator: generator)
    }

    /// `xavier_normal_`: N(0, std²) with std = gain·√(2/(fan_in + fan_out)).
    public static func xavierNormal(_ shape: [Int], gain: Double, generator: RandomGenerator) throws -> Tensor {
        let (fanIn, fanOut) = try fans(shape)
        let std = gain * (2.0 / Double(fanIn + fanOut)).squareRoot()
        return try Tensor.normal(shape, mean: 0, std: Double(Float(std)), generator: generator)
    }

    /// `kaiming_uniform_`: U(-b, b) with b = gain·√(3/fan).
    public static func kaimingUniform(_ shape: [Int], a: Double, mode: String, nonlinearity: String,
                                      generator: RandomGenerator) throws -> Tensor {
        let std = try gain(nonlinearity, a) / Double(try fan(shape, mode: mode)).squareRoot()
        let bound = 3.0.squareRoot() * std
        return try Tensor.uniform(shape, low: -bound, high: bound, generator: generator)
    }

    /// `kaiming_normal_`: N(0, std²) with std = gain/√fan.
    public static func kaimingNormal(_ shape: [Int], a: Double, mode: String, nonlinearity: String,
                                     generator: RandomGenerator) throws -> Tensor {
        let std = try gain(nonlinearity, a) / Double(try fan(shape, mode: mode)).squareRoot()
        return try Tensor.normal(shape, mean: 0, std: Double(Float(std)), generator: generator)
    }
}
