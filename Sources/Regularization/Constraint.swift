import TensorEngine

/// A weight constraint applied after every optimizer step (Keras's `constraints`), with Keras's
/// formulas; norms are taken along `axis` (Keras's default 0: for a Dense kernel (in, out),
/// each unit's incoming weights).
///
///     MaxNorm:    w · clip(‖w‖, 0, max) / (ε + ‖w‖)
///     UnitNorm:   w / (ε + ‖w‖)
///     MinMaxNorm: w · (rate · clip(‖w‖, min, max) + (1 − rate) · ‖w‖) / (ε + ‖w‖)
///     NonNeg:     max(w, 0)                                    with ε = 1e-7
///
/// ```swift
/// let maxNorm = Constraint.maxNorm(2, axis: [0])
/// try maxNorm(w)     // every column of w now has norm ≤ 2
/// ```
public struct Constraint: CustomStringConvertible, Sendable {
    /// Keras's four constraints.
    public enum Kind: String, Sendable { case maxNorm = "MaxNorm", unitNorm = "UnitNorm", minMaxNorm = "MinMaxNorm", nonNeg = "NonNeg" }

    /// Which constraint.
    public let kind: Kind
    /// The smallest norm allowed (MinMaxNorm).
    public let minValue: Double
    /// The largest norm allowed (MaxNorm, MinMaxNorm).
    public let maxValue: Double
    /// How far MinMaxNorm moves towards the allowed range (1: all the way).
    public let rate: Double
    /// The dimensions a norm runs over.
    public let axis: [Int]

    /// Keras's epsilon.
    public static let epsilon: Float = 1e-7

    /// `constraints.MaxNorm(max_value=2, axis=0)`.
    public static func maxNorm(_ maxValue: Double = 2, axis: [Int] = [0]) -> Constraint {
        Constraint(kind: .maxNorm, minValue: 0, maxValue: maxValue, rate: 1, axis: axis)
    }
    /// `constraints.UnitNorm(axis=0)`.
    public static func unitNorm(axis: [Int] = [0]) -> Constraint {
        Constraint(kind: .unitNorm, minValue: 1, maxValue: 1, rate: 1, axis: axis)
    }
    /// `constraints.MinMaxNorm(min_value=0, max_value=1, rate=1, axis=0)`.
    public static func minMaxNorm(min: Double = 0, max: Double = 1, rate: Double = 1, axis: [Int] = [0]) -> Constraint {
        Constraint(kind: .minMaxNorm, minValue: min, maxValue: max, rate: rate, axis: axis)
    }
    /// `constraints.NonNeg()`.
    public static let nonNeg = Constraint(kind: .nonNeg, minValue: 0, maxValue: .infinity, rate: 1, axis: [])

    /// The constrained weights (a new tensor, outside autograd).
    public func callAsFunction(_ weight: Tensor, trace: Trace? = nil) throws -> Tensor {
        let w = weight.detached()
        trace?.record("w", w)
        if kind == .nonNeg {
            let result = try w.clamp(min: 0)
            trace?.record("max(w, 0)", result)
            return result
        }
        let dims = try axis.map { try Shape.normalize(dim: $0, rank: w.rank) }
        let norms = try w.pow(2).sum(dims: dims, keepdim: true).sqrt()
        trace?.record("norms ‖w‖ along axis \(axis.count == 1 ? String(axis[0]) : axis.description)", norms)
        let desired: Tensor
        switch kind {
        case .maxNorm:
            desired = try norms.clamp(min: 0, max: Double(Float(maxValue)))
        case .unitNorm:
            desired = try norms.onesLike()
        case .minMaxNorm:
            let clamped = try norms.clamp(min: Double(Float(minValue)), max: Double(Float(maxValue)))
            desired = try clamped * Double(Float(rate)) + norms * Double(Float(1 - rate))
        case .nonNeg:
            desired = norms
        }
        trace?.record("wanted norms", desired)
        let padded = try norms + Double(Constraint.epsilon)
        let result = kind == .unitNorm ? try w / padded : try w * (desired / padded)
        if let trace {
            trace.record("constrained w", result)
            trace.record("norms after", try result.pow(2).sum(dims: dims, keepdim: true).sqrt())
        }
        return result
    }

    /// Applies the constraint to an `nn.Linear` weight (out, in) as Keras applies it to the Dense
    /// kernel (in, out), its transpose: axis 0 then means each unit's incoming weights.
    public func applyToLinearWeight(_ weight: Tensor, trace: Trace? = nil) throws -> Tensor {
        guard weight.rank == 2 else { return try self(weight, trace: trace) }
        trace?.note("layout", "nn.Linear's weight is (out, in): constrained as the Keras kernel weight.T (in, out)")
        return try self(try weight.t(), trace: trace).t()
    }

    /// Keras's form, e.g. `MaxNorm(max_value=2, axis=0)`.
    public var description: String {
        let axisText = axis.count == 1 ? String(axis[0]) : "[" + axis.map(String.init).joined(separator: ", ") + "]"
        switch kind {
        case .maxNorm: return "MaxNorm(max_value=\(PythonFloat.repr(maxValue)), axis=\(axisText))"
        case .unitNorm: return "UnitNorm(axis=\(axisText))"
        case .minMaxNorm:
            return "MinMaxNorm(min_value=\(PythonFloat.repr(minValue)), max_value=\(PythonFloat.repr(maxValue)), rate=\(PythonFloat.repr(rate)), axis=\(axisText))"
        case .nonNeg: return "NonNeg()"
        }
    }
}
