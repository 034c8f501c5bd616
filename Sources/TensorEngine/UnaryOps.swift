import Foundation

/// Element-wise functions of one tensor. Each states its forward rule and, right beside it, its
/// local derivative: the backward rule multiplies the incoming gradient `g` by it.
///
/// Functions defined on floats (`exp`, `log`, `sigmoid`...) give float32 for integer tensors and
/// keep float64 as float64; the rest keep the dtype.
extension Tensor {
    /// -x.  d/dx = -1
    public static prefix func - (x: Tensor) throws -> Tensor {
        try x.map({ -$0 }, { -$0 }, { 0 &- $0 }).recording("NegBackward0", [x]) { g in [try -g] }
    }

    /// |x|.  d/dx = sign(x) (0 at 0, as PyTorch chooses)
    public func abs() throws -> Tensor {
        let x = self
        return try map({ Swift.abs($0) }, { Swift.abs($0) }, { $0 == .min ? $0 : Swift.abs($0) })
            .recording("AbsBackward0", [x], saving: [x]) { g in [try g * x.sign()] }
    }

    /// -1, 0 or 1.  d/dx = 0
    public func sign() throws -> Tensor {
        try map({ $0 > 0 ? 1 : ($0 < 0 ? -1 : 0) }, { $0 > 0 ? 1 : ($0 < 0 ? -1 : 0) }, { $0.signum() })
            .recording("SignBackward0", [self]) { g in [try g.zerosLike()] }
    }

    /// e^x.  d/dx = e^x
    public func exp() throws -> Tensor {
        let out = try mapFloating({ .exp($0) }, { .exp($0) })
        return out.recording("ExpBackward0", [self], saving: [out]) { g in [try g * out] }
    }

    /// ln x (NaN below 0, -inf at 0).  d/dx = 1/x
    public func log() throws -> Tensor {
        let x = self
        return try mapFloating({ .log($0) }, { .log($0) }).recording("LogBackward0", [x], saving: [x]) { g in [try g / x] }
    }

    /// log₁₀ x.  d/dx = 1/(x · ln 10)
    public func log10() throws -> Tensor {
        let x = self
        return try mapFloating({ .log10($0) }, { .log10($0) })
            .recording("Log10Backward0", [x], saving: [x]) { g in [try g / (x * M_LN10)] }
    }

    /// log₂ x.  d/dx = 1/(x · ln 2)
    public func log2() throws -> Tensor {
        let x = self
        return try mapFloating({ .log2($0) }, { .log2($0) })
            .recording("Log2Backward0", [x], saving: [x]) { g in [try g / (x * M_LN2)] }
    }

    /// ln(1 + x), accurate for small x.  d/dx = 1/(1 + x)
    public func log1p() throws -> Tensor {
        let x = self
        return try mapFloating({ .log1p($0) }, { .log1p($0) })
            .recording("Log1PBackward0", [x], saving: [x]) { g in [try g / (x + 1)] }
    }

    /// √x.  d/dx = 1/(2√x)
    public func sqrt() throws -> Tensor {
        let out = try mapFloating({ $0.squareRoot() }, { $0.squareRoot() })
        return out.recording("SqrtBackward0", [self], saving: [out]) { g in [try g / (out * 2)] }
    }

    /// sin x.  d/dx = cos x
    public func sin() throws -> Tensor {
        let x = self
        return try mapFloating({ .sin($0) }, { .sin($0) }).recording("SinBackward0", [x], saving: [x]) { g in [try g * x.cos()] }
    }

    /// cos x.  d/dx = -sin x
    public func cos() throws -> Tensor {
        let x = self
        return try mapFloating({ .cos($0) }, { .cos($0) }).recording("CosBackward0", [x], saving: [x]) { g in [try g * -x.sin()] }
    }

    /// x^p for a number p, like `x.pow(2)` or `x ** 0.5`.  d/dx = p·x^(p-1)
    ///
    /// Squares, cubes, square roots and reciprocals use the exact shortcuts PyTorch uses
    /// (x·x, x·x·x, √x, 1/x), so results match it bit for bit. Integer tensors stay integers
    /// for whole powers.
    public func pow(_ p: Double) throws -> Tensor {
        let x = self
        let whole = p.rounded() == p
        if !dtype.isFloatingPoint && whole && p < 0 {
            throw TensorError.runtime("Integers to negative integer powers are not allowed.")
        }
        let type: DType = dtype.isFloatingPoint ? dtype : (whole ? (dtype == .bool ? .int64 : dtype) : DefaultDType.float)
        let out = try map(dtype: type, { Tensor.power($0, Float(p)) }, { Tensor.power($0, p) }) {
            Tensor.integerPower($0, Int64(castingDouble: p))
        }
        return out.recording("PowBackward0", [x], saving: [x]) { g in
            if p == 0 { return [try g.zerosLike()] }
            return [try g * (try x.pow(p - 1) * p)]
        }
    }

    /// One element raised to `p`, with PyTorch's shortcuts for common exponents.
    static func power<T: FloatingElement>(_ x: T, _ p: T) -> T {
        switch p {
        case 2: return x * x
        case 3: return x * x * x
        case 0.5: return x.squareRoot()
        case -0.5: return 1 / x.squareRoot()
        case -1: return 1 / x
        case -2: return 1 / (x * x)
        case 1: return x
        default: return .pow(x, p)
        }
    }

    /// base^x for a number base, like `2 ** x`.  d/dx = base^x · ln(base)
    public static func pow(_ base: Double, _ x: Tensor) throws -> Tensor {
        let out = try x.mapFloating({ .pow(Float(base), $0) }, { .pow(base, $0) })
        return out.recording("PowBackward1", [x], saving: [out]) { g in [try g * out * Foundation.log(base)] }
    }

    /// max(x, 0).  d/dx = 1 where x > 0, else 0
    public func relu() throws -> Tensor {
        if dtype == .bool { throw TensorError.runtime("\"clamp_min_scalar_cpu\" not implemented for 'Bool'") }
        let out = try map({ $0 > 0 ? $0 : 0 }, { $0 > 0 ? $0 : 0 }, { Swift.max($0, 0) })
        return out.recording("ReluBackward0", [self], saving: [out]) { g in
            [try g * out.map(dtype: g.dtype, { $0 > 0 ? 1 : 0 }, { $0 > 0 ? 1 : 0 }, { $0 > 0 ? 1 : 0 })]
        }
    }

    /// x where x > 0, slope·x elsewhere.  d/dx = 1 where x > 0, else slope
    public func leakyRelu(_ slope: Double = 0.01) throws -> Tensor {
        let x = self, s32 = Float(slope)
        return try mapFloating({ $0 > 0 ? $0 : $0 * s32 }, { $0 > 0 ? $0 : $0 * slope })
            .recording("LeakyReluBackward0", [x], saving: [x]) { g in
                [try g * x.mapFloating({ $0 > 0 ? 1 : s32 }, { $0 > 0 ? 1 : slope })]
            }
    }

    /// x where x > 0, α·(e^x - 1) elsewhere.  d/dx = 1 where x > 0, else α·e^x
    public func elu(alpha: Double = 1) throws -> Tensor {
        let x = self, a32 = Float(alpha)
        return try mapFloating({ $0 > 0 ? $0 : a32 * .expm1($0) }, { $0 > 0 ? $0 : alpha * .expm1($0) })
            .recording("EluBackward0", [x], saving: [x]) { g in
                [try g * x.mapFloating({ $0 > 0 ? 1 : a32 * .exp($0) }, { $0 > 0 ? 1 : alpha * .exp($0) })]
            }
    }

    /// x·Φ(x), with Φ the normal distribution's CDF (the exact GELU, with erf).  d/dx = Φ(x) + x·φ(x)
    public func gelu() throws -> Tensor {
        let x = self
        return try mapFloating(Tensor.geluValue, Tensor.geluValue)
            .recording("GeluBackward0", [x], saving: [x]) { g in
                [try g * x.mapFloating(Tensor.geluSlope, Tensor.geluSlope)]
            }
    }

    static func geluValue<T: FloatingElement>(_ x: T) -> T {
        0.5 * x * (1 + .erf(x * T(1 / 2.0.squareRoot())))
    }

    static func geluSlope<T: FloatingElement>(_ x: T) -> T {
        let cdf: T = 0.5 * (1 + T.erf(x * T(1 / 2.0.squareRoot())))
        let density: T = T(1 / (2 * Double.pi).squareRoot()) * T.exp(-0.5 * x * x)
        return cdf + x * density
    }

    /// ln(1 + e^x), without overflow for large x.  d/dx = σ(x)
    public func softplus() throws -> Tensor {
        let x = self
        return try mapFloating({ $0 > 20 ? $0 : .log1p(.exp($0)) }, { $0 > 20 ? $0 : .log1p(.exp($0)) })
            .recording("SoftplusBackward0", [x], saving: [x]) { g in
                [try g * x.mapFloating({ 1 / (1 + .exp(-$0)) }, { 1 / (1 + .exp(-$0)) })]
            }
    }

    /// 1/(1 + e^-x).  d/dx = σ(x)·(1 - σ(x))
    public func sigmoid() throws -> Tensor {
        let out = try mapFloating({ 1 / (1 + .exp(-$0)) }, { 1 / (1 + .exp(-$0)) })
        return out.recording("SigmoidBackward0", [self], saving: [out]) { g in
            [try g * out.mapFloating({ $0 * (1 - $0) }, { $0 * (1 - $0) })]
        }
    }

    /// tanh x.  d/dx = 1 - tanh²x
    public func tanh() throws -> Tensor {
        let out = try mapFloating({ .tanh($0) }, { .tanh($0) })
        return out.recording("TanhBackward0", [self], saving: [out]) { g in
            [try g * out.mapFloating({ 1 - $0 * $0 }, { 1 - $0 * $0 })]
        }
    }

    /// x, clamped into [min, max] (either bound optional); a float bound makes an integer tensor
    /// float, as PyTorch promotes.  d/dx = 1 inside the bounds, else 0
    public func clamp(min low: Double? = nil, max high: Double? = nil) throws -> Tensor {
        guard low != nil || high != nil else {
            throw TensorError.runtime("torch.clamp: At least one of 'min' or 'max' must not be None")
        }
        let x = self
        let bounds = [low, high].compactMap { $0 }.map { $0.rounded() == $0 ? Tensor.wrapped($0, dtype: .int64) : Tensor.wrapped($0, dtype: .float64) }
        let type = Tensor.resultType([self] + bounds)
        func limit<T: FloatingElement>(_ value: T) -> T {
            if value.isNaN { return value }
            var result = value
            if let low, result < T(low) { result = T(low) }
            if let high, result > T(high) { result = T(high) }
            return result
        }
        let out = try map(dtype: type, limit, limit) { value in
            var result = value
            if let low, result < Int64(castingDouble: low) { result = Int64(castingDouble: low) }
            if let high, result > Int64(castingDouble: high) { result = Int64(castingDouble: high) }
            return result
        }
        return out.recording("ClampBackward1", [x], saving: [x]) { g in
            let inside = try x.map(dtype: g.dtype, { value in
                ((low.map { Double(value) >= $0 } ?? true) && (high.map { Double(value) <= $0 } ?? true)) ? 1 : 0
            }, { value in
                ((low.map { value >= $0 } ?? true) && (high.map { value <= $0 } ?? true)) ? 1 : 0
            }, { _ in 1 })
            return [try g * inside]
        }
    }
}
