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
        case .relu: return x.relu()
        case .sigmoid: return x.sigmoid()
        case .tanh: return x.tanh()
        case .softmax: return try x.softmax(dim: -1)
        case .leakyRelu: return x.leakyRelu(0.2)
        case .exponential: return x.exp()
        case .softplus: return x.softplus()
        case .softsign: return try x / (x.abs() + 1)
        case .swish: return try x * x.sigmoid()
        case .elu: return x.elu()
        case .selu: return x.elu(alpha: 1.6732632423543772) * Float(1.0507009873554805)
        case .gelu: return x.gelu()
        case .hardSigmoid:
            return try (x * Float(1.0 / 6.0) + 0.5).clamp(min: 0, max: 1)
        }
    }
}
