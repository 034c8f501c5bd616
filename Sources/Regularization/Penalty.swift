import TensorEngine

/// A weight penalty added to the loss: Keras's `regularizers.l1`, `l2` and `l1_l2`.
///
/// penalty(w) = l1 · Σ|w| + l2 · Σw²  (Keras puts no ½ in front of the L2 term).
/// The penalty is built from differentiable ops, so `backward()` gives its gradient:
/// l1 · sign(w) + 2 · l2 · w.
///
/// ```swift
/// let l2 = Penalty.l2(0.01)
/// try l2(w)      // 0.01 * (w ** 2).sum()
/// ```
public struct Penalty: CustomStringConvertible, Sendable {
    /// The L1 factor (0 for none).
    public let l1: Double
    /// The L2 factor (0 for none).
    public let l2: Double
    /// Keras's class name: "L1", "L2" or "L1L2".
    public let kind: String

    /// `regularizers.l1(l1=0.01)`.
    public static func l1(_ factor: Double = 0.01) -> Penalty { Penalty(l1: factor, l2: 0, kind: "L1") }
    /// `regularizers.l2(l2=0.01)`.
    public static func l2(_ factor: Double = 0.01) -> Penalty { Penalty(l1: 0, l2: factor, kind: "L2") }
    /// `regularizers.l1_l2(l1=0.0, l2=0.0)`: note that both default to 0 here.
    public static func l1l2(l1: Double = 0, l2: Double = 0) -> Penalty { Penalty(l1: l1, l2: l2, kind: "L1L2") }

    /// The penalty of one weight tensor, a 0-d tensor that gradients flow through.
    public func callAsFunction(_ weight: Tensor, trace: Trace? = nil) throws -> Tensor {
        trace?.record("w", weight)
        var total = try Tensor.zeros([])
        if l1 != 0 {
            let sumAbs = try weight.abs().sum()
            trace?.record("Σ|w|", sumAbs)
            let term = try sumAbs * Double(Float(l1))
            total = try total + term
            trace?.note("l1 · Σ|w|", "\(PythonFloat.repr(l1)) · \(describe(sumAbs)) = \(describe(term))")
        }
        if l2 != 0 {
            let sumSquares = try weight.pow(2).sum()
            trace?.record("Σw²", sumSquares)
            let term = try sumSquares * Double(Float(l2))
            total = try total + term
            trace?.note("l2 · Σw²", "\(PythonFloat.repr(l2)) · \(describe(sumSquares)) = \(describe(term))")
        }
        if let trace {
            trace.record("penalty", total)
            let gradient = try weight.detached().sign() * Double(Float(l1)) + weight.detached() * Double(Float(2 * l2))
            trace.record("its gradient \(l1 != 0 ? "l1·sign(w)" : "")\(l1 != 0 && l2 != 0 ? " + " : "")\(l2 != 0 ? "2·l2·w" : "")", gradient)
        }
        return total
    }

    /// Keras's printed form, e.g. `<L1L2 l1=0.01, l2=0.01>`.
    public var description: String {
        switch kind {
        case "L1": return "<L1 l1=\(PythonFloat.repr(l1))>"
        case "L2": return "<L2 l2=\(PythonFloat.repr(l2))>"
        default: return "<L1L2 l1=\(PythonFloat.repr(l1)), l2=\(PythonFloat.repr(l2))>"
        }
    }

    private func describe(_ scalar: Tensor) -> String {
        Trace.number(Float((try? scalar.item()) ?? .nan))
    }
}
