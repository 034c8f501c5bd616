import TensorEngine

/// Elastic net as tutorials write it: strength · (alpha · Σ|w| + (1 − alpha) · Σw²).
///
/// alpha = 1 is pure L1 (sparse weights), alpha = 0 pure L2 (small weights); in between it keeps
/// L1's zeros while L2 makes correlated features share the weight instead of one winning.
/// It is Keras's `l1_l2(l1=strength·alpha, l2=strength·(1 − alpha))` written another way.
///
/// ```swift
/// let net = try ElasticNet(alpha: 0.5, strength: 0.01)
/// try net(w)
/// ```
public struct ElasticNet: CustomStringConvertible, Sendable {
    /// The share of L1 in the mix, in [0, 1].
    public let alpha: Double
    /// The overall factor.
    public let strength: Double

    /// A mix with share `alpha` of L1, scaled by `strength`.
    public init(alpha: Double = 0.5, strength: Double = 0.01) throws {
        guard alpha >= 0 && alpha <= 1 else {
            throw TensorError(.valueError, "alpha must be in [0, 1] (1 is pure L1, 0 pure L2), got \(PythonFloat.repr(alpha))")
        }
        self.alpha = alpha
        self.strength = strength
    }

    /// The same penalty as Keras's `l1_l2`.
    public var asPenalty: Penalty { Penalty.l1l2(l1: strength * alpha, l2: strength * (1 - alpha)) }

    /// The penalty of one weight tensor.
    public func callAsFunction(_ weight: Tensor, trace: Trace? = nil) throws -> Tensor {
        trace?.note("mix", "\(PythonFloat.repr(strength)) · (\(PythonFloat.repr(alpha)) · L1 + \(PythonFloat.repr(1 - alpha)) · L2)")
        return try asPenalty(weight, trace: trace)
    }

    /// The printed form, as the framework prints it.
    public var description: String {
        "ElasticNet(alpha=\(PythonFloat.repr(alpha)), strength=\(PythonFloat.repr(strength)))"
    }
}
