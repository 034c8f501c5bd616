import TensorEngine

/// Keras's activations by name: what `Dense(..., activation="relu")` applies, with Keras's
/// defaults (leaky_relu's slope 0.2, the exact gelu, hard_sigmoid = relu6(x + 3) / 6).
///
/// ```swift
/// let relu = ActivationFunction(rawValue: "relu")!
/// try relu(x)
/// ```
public enum ActivationFunction: String, Sendable {
    case linear, relu, sigmoid, tanh, softmax, elu, selu, softplus, softsign, swish, gelu, exponential
    case leakyRelu = "leaky_relu"
    case hardSigmoid = "hard_sigmoid"

    /// The activation applied to `x`, differentiable.
    public func callAsFunction(_ x: Tensor) throws -> Tensor {
        switch self {
        case .linear: return x
        case .relu: return try x.relu()
        case .sigmoid: return try x.sigmoid()
        case .tanh: return try x.tanh()
        case .softmax: return try x.softmax(dim: -1)
        case .leakyRelu: return try x.leakyRelu(0.2)
        case .exponential: return try x.exp()
        case .softplus: return try x.softplus()
        case .softsign: return try x / (try x.abs() + 1)
        case .swish: return try x * (try x.sigmoid())
        case .elu: return try x.elu()
        case .selu: return try x.elu(alpha: 1.6732632423543772) * 1.0507009873554805
        case .gelu: return try x.gelu()
        case .hardSigmoid:
            return try (try x * (1.0 / 6.0) + 0.5).clamp(min: 0, max: 1)
        }
    }
}
