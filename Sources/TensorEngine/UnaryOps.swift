import Foundation

/// Element-wise functions of one tensor. Each states its forward rule and, right beside it, its
/// local derivative: the backward rule multiplies the incoming gradient `g` by it.
extension Tensor {
    /// The result dtype of a float function (`exp`, `sqrt`, ...): integers become float32.
    private var floatResult: DType { .float32 }

    /// -x.  d/dx = -1
    public static prefix func - (x: Tensor) -> Tensor {
        x.map { -$0 }.recording("NegBackward0", [x], savesTensors: false) { g in [-g] }
    }

    /// |x|.  d/dx = sign(x) (0 at 0, as PyTorch chooses)
    public func abs() -> Tensor {
        let x = self
        return map { Swift.abs($0) }.recording("AbsBackward0", [x]) { g in [try g * x.sign()] }
    }

    /// -1, 0 or 1.  d/dx = 0
    public func sign() -> Tensor {
        let x = self
        return map { $0 > 0 ? 1 : ($0 < 0 ? -1 : 0) }
            .recording("SignBackward0", [x], savesTensors: false) { g in [g.zerosLike()] }
    }

    /// e^x.  d/dx = e^x
    public func exp() -> Tensor {
        let out = map(dtype: floatResult) { Foundation.exp($0) }
        return out.recording("ExpBackward0", [self]) { g in [try g * out] }
    }

    /// ln x (NaN below 0, -inf at 0).  d/dx = 1/x
    public func log() -> Tensor {
        let x = self
        return map(dtype: floatResult) { Foundation.log($0) }.recording("LogBackward0", [x]) { g in [try g / x] }
    }

    /// log₁₀ x.  d/dx = 1/(x · ln 10)
    public func log10() -> Tensor {
        let x = self
        return map(dtype: floatResult) { Foundation.log10($0) }
            .recording("Log10Backward0", [x]) { g in [try g / (x * Float(M_LN10))] }
    }

    /// log₂ x.  d/dx = 1/(x · ln 2)
    public func log2() -> Tensor {
        let x = self
        return map(dtype: floatResult) { Foundation.log2($0) }
            .recording("Log2Backward0", [x]) { g in [try g / (x * Float(M_LN2))] }
    }

    /// ln(1 + x), accurate for small x.  d/dx = 1/(1 + x)
    public func log1p() -> Tensor {
        let x = self
        return map(dtype: floatResult) { Foundation.log1p($0) }
            .recording("Log1PBackward0", [x]) { g in [try g / (x + 1)] }
    }

    /// √x.  d/dx = 1/(2√x)
    public func sqrt() -> Tensor {
        let out = map(dtype: floatResult) { $0.squareRoot() }
        return out.recording("SqrtBackward0", [self]) { g in [try g / (out * 2)] }
    }

    /// sin x.  d/dx = cos x
    public func sin() -> Tensor {
        let x = self
        return map(dtype: floatResult) { Foundation.sin($0) }.recording("SinBackward0", [x]) { g in [try g * x.cos()] }
    }

    /// cos x.  d/dx = -sin x
    public func cos() -> Tensor {
        let x = self
        return map(dtype: floatResult) { Foundation.cos($0) }.recording("CosBackward0", [x]) { g in [try g * -x.sin()] }
    }

    /// x^p for a number p, like `x.pow(2)` or `x ** 0.5`.  d/dx = p·x^(p-1)
    ///
    /// Squares, cubes, square roots and reciprocals use the exact shortcuts PyTorch uses
    /// (x·x, x·x·x, √x, 1/x), so results match it bit for bit.
    public func pow(_ p: Float) -> Tensor {
        let x = self
        let resultType: DType = (dtype == .float32 || p.rounded() != p) ? .float32 : .int64
        let out = map(dtype: resultType) { Tensor.power($0, p) }
        return out.recording("PowBackward0", [x]) { g in
            if p == 0 { return [g.zerosLike()] }
            return [try g * (x.pow(p - 1) * p)]
        }
    }

    /// One element raised to `p`, with PyTorch's shortcuts for common exponents.
    static func power(_ x: Float, _ p: Float) -> Float {
        switch p {
        case 2: return x * x
        case 3: return x * x * x
        case 0.5: return x.squareRoot()
        case -0.5: return 1 / x.squareRoot()
        case -1: return 1 / x
        case -2: return 1 / (x * x)
        case 1: return x
        default: return Foundation.pow(x, p)
        }
    }

    /// base^x for a number base, like `2 ** x`.  d/dx = base^x · ln(base)
    public static func pow(_ base: Float, _ x: Tensor) -> Tensor {
        let out = x.map(dtype: .float32) { Foundation.pow(base, $0) }
        return out.recording("PowBackward1", [x]) { g in [try g * out * Foundation.log(base)] }
    }

    /// max(x, 0).  d/dx = 1 where x > 0, else 0
    public func relu() -> Tensor {
        let out = map { $0 > 0 ? $0 : 0 }
        return out.recording("ReluBackward0", [self]) { g in [try g * out.map { $0 > 0 ? 1 : 0 }] }
    }

    /// x where x > 0, slope·x elsewhere.  d/dx = 1 where x > 0, else slope
    public func leakyRelu(_ slope: Float = 0.01) -> Tensor {
        let x = self
        return map { $0 > 0 ? $0 : $0 * slope }
            .recording("LeakyReluBackward0", [x]) { g in [try g * x.map { $0 > 0 ? 1 : slope }] }
    }

    /// x where x > 0, α·(e^x - 1) elsewhere.  d/dx = 1 where x > 0, else α·e^x
    public func elu(alpha: Float = 1) -> Tensor {
        let x = self
        return map { $0 > 0 ? $0 : alpha * Foundation.expm1($0) }
            .recording("EluBackward0", [x]) { g in [try g * x.map { $0 > 0 ? 1 : alpha * Foundation.exp($0) }] }
    }

    /// x·Φ(x), with Φ the normal distribution's CDF (the exact GELU, with erf).  d/dx = Φ(x) + x·φ(x)
    public func gelu() -> Tensor {
        let x = self
        let invSqrt2 = Float(1 / 2.0.squareRoot()), invSqrt2Pi = Float(1 / (2 * Double.pi).squareRoot())
        return map { 0.5 * $0 * (1 + Foundation.erf($0 * invSqrt2)) }
            .recording("GeluBackward0", [x]) { g in
                [try g * x.map { 0.5 * (1 + Foundation.erf($0 * invSqrt2)) + $0 * invSqrt2Pi * Foundation.exp(-0.5 * $0 * $0) }]
            }
    }

    /// ln(1 + e^x), without overflow for large x.  d/dx = σ(x)
    public func softplus() -> Tensor {
        let x = self
        return map { $0 > 20 ? $0 : Foundation.log1p(Foundation.exp($0)) }
            .recording("SoftplusBackward0", [x]) { g in [try g * x.map { 1 / (1 + Foundation.exp(-$0)) }] }
    }

    /// 1/(1 + e^-x).  d/dx = σ(x)·(1 - σ(x))
    public func sigmoid() -> Tensor {
        let out = map(dtype: floatResult) { 1 / (1 + Foundation.exp(-$0)) }
        return out.recording("SigmoidBackward0", [self]) { g in
            [try g * out.map { $0 * (1 - $0) }]
        }
    }

    /// tanh x.  d/dx = 1 - tanh²x
    public func tanh() -> Tensor {
        let out = map(dtype: floatResult) { Foundation.tanh($0) }
        return out.recording("TanhBackward0", [self]) { g in [try g * out.map { 1 - $0 * $0 }] }
    }

    /// x, clamped into [min, max] (either bound optional).  d/dx = 1 inside the bounds, else 0
    public func clamp(min low: Float? = nil, max high: Float? = nil) throws -> Tensor {
        guard low != nil || high != nil else {
            throw TensorError.runtime("torch.clamp: At least one of 'min' or 'max' must not be None")
        }
        let x = self
        let out = map { value in
            if value.isNaN { return value }
            var result = value
            if let low, result < low { result = low }
            if let high, result > high { result = high }
            return result
        }
        return out.recording("ClampBackward1", [x]) { g in
            let inside = x.map { value in
                ((low.map { value >= $0 } ?? true) && (high.map { value <= $0 } ?? true)) ? 1 : 0
            }
            return [try g * inside]
        }
    }
}
