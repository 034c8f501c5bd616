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
}
