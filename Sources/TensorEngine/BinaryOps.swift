import Foundation

/// Arithmetic on two tensors with broadcasting and PyTorch's type promotion. The backward rule of
/// each op sums the gradient back to each operand's own shape (`sumToShape`), since a broadcast
/// operand was used many times.
extension Tensor {
    /// a + b (for bools, logical or).  ∂/∂a = 1, ∂/∂b = 1
    public static func + (a: Tensor, b: Tensor) throws -> Tensor {
        let out = try combine(a, b, dtype: resultType(a, b), { $0 + $1 }, { $0 + $1 }, { $0 &+ $1 })
        return out.recording("AddBackward0", [a, b]) { g in
            [try g.sumToShape(a.shape), try g.sumToShape(b.shape)]
        }
    }

    /// a - b.  ∂/∂a = 1, ∂/∂b = -1
    public static func - (a: Tensor, b: Tensor) throws -> Tensor {
        if a.dtype == .bool && b.dtype == .bool {
            throw TensorError.runtime(
                "Subtraction, the `-` operator, with two bool tensors is not supported. Use the `^` or `logical_xor()` operator instead.")
        }
        try checkNotBoolSubtraction(a, b)
        let out = try combine(a, b, dtype: resultType(a, b), { $0 - $1 }, { $0 - $1 }, { $0 &- $1 })
        return out.recording("SubBackward0", [a, b]) { g in
            [try g.sumToShape(a.shape), try (-g).sumToShape(b.shape)]
        }
    }

    /// PyTorch refuses `-` with a bool operand.
    private static func checkNotBoolSubtraction(_ a: Tensor, _ b: Tensor) throws {
        if a.dtype == .bool || b.dtype == .bool {
            throw TensorError.runtime(
                "Subtraction, the `-` operator, with a bool tensor is not supported. If you are trying to invert a mask, use the `~` or `logical_not()` operator instead.")
        }
    }

    /// a · b, element by element (for bools, logical and).  ∂/∂a = b, ∂/∂b = a
    public static func * (a: Tensor, b: Tensor) throws -> Tensor {
        let out = try combine(a, b, dtype: resultType(a, b), { $0 * $1 }, { $0 * $1 }, { $0 &* $1 })
        let saving = (a.requiresGrad ? [b] : []) + (b.requiresGrad ? [a] : [])
        return out.recording("MulBackward0", [a, b], saving: saving) { g in
            [a.requiresGrad ? try (g * b).sumToShape(a.shape) : nil,
             b.requiresGrad ? try (g * a).sumToShape(b.shape) : nil]
        }
    }

    /// a / b (true division: integers give the default float dtype).  ∂/∂a = 1/b, ∂/∂b = -a/b²
    public static func / (a: Tensor, b: Tensor) throws -> Tensor {
        let promoted = resultType(a, b)
        let type = promoted.isFloatingPoint ? promoted : DefaultDType.float
        let out = try combine(a, b, dtype: type, { $0 / $1 }, { $0 / $1 }, { _, _ in 0 })  // never integer
        let saving = [b] + (b.requiresGrad ? [a] : [])
        return out.recording("DivBackward0", [a, b], saving: saving) { g in
            [a.requiresGrad ? try (g / b).sumToShape(a.shape) : nil,
             b.requiresGrad ? try (try -g * a / (b * b)).sumToShape(b.shape) : nil]
        }
    }

    /// a^b, element by element.  ∂/∂a = b·a^(b-1), ∂/∂b = a^b·ln a
    public static func pow(_ a: Tensor, _ b: Tensor) throws -> Tensor {
        let type = resultType(a, b)
        let resultDType = type == .bool ? .int64 : type
        if !resultDType.isFloatingPoint, b.int64s.contains(where: { $0 < 0 }) {
            throw TensorError.runtime("Integers to negative integer powers are not allowed.")
        }
        let out = try combine(a, b, dtype: resultDType, { power($0, $1) }, { power($0, $1) }, integerPower)
        return out.recording("PowBackward1", [a, b], saving: [a, b, out]) { g in
            [a.requiresGrad ? try (try g * b * (try pow(a, b - 1))).sumToShape(a.shape) : nil,
             b.requiresGrad ? try (try g * out * a.log()).sumToShape(b.shape) : nil]
        }
    }

    /// x^p for integers by repeated squaring, wrapping around as PyTorch's integer pow does.
    static func integerPower(_ base: Int64, _ exponent: Int64) -> Int64 {
        var result: Int64 = 1, b = base, e = exponent
        while e > 0 {
            if e & 1 == 1 { result = result &* b }
            b = b &* b
            e >>= 1
        }
        return result
    }

    /// ⌊a / b⌋, PyTorch's `floor_divide` and Python's `//`. Not differentiable.
    public static func floorDivide(_ a: Tensor, _ b: Tensor) throws -> Tensor {
        let type = resultType(a, b)
        let resultDType = type == .bool ? .int64 : type
        if !resultDType.isFloatingPoint, b.int64s.contains(0) { throw TensorError.runtime("ZeroDivisionError") }
        return try combine(a, b, dtype: resultDType, floorDivision, floorDivision) { x, y in
            if y == -1 { return 0 &- x }
            let q = x / y
            return (x % y != 0 && ((x < 0) != (y < 0))) ? q - 1 : q
        }
    }

    /// PyTorch's floor division of floats (`div_floor_floating`): exact where `floor(a / b)`
    /// would round the quotient first.
    static func floorDivision<T: BinaryFloatingPoint>(_ a: T, _ b: T) -> T {
        if b == 0 { return a / b }
        let mod = a.truncatingRemainder(dividingBy: b)
        var div = (a - mod) / b
        if mod != 0 && (b < 0) != (mod < 0) { div -= 1 }
        if div == 0 { return (a / b).sign == .minus ? -0.0 : 0 }
        var floored = div.rounded(.down)
        if div - floored > 0.5 { floored += 1 }
        return floored
    }

    /// a mod b with the sign of b, PyTorch's `remainder` and Python's `%`. Not differentiable.
    public static func remainder(_ a: Tensor, _ b: Tensor) throws -> Tensor {
        let type = resultType(a, b)
        let resultDType = type == .bool ? .int64 : type
        if !resultDType.isFloatingPoint, b.int64s.contains(0) { throw TensorError.runtime("ZeroDivisionError") }
        return try combine(a, b, dtype: resultDType, floatRemainder, floatRemainder) { x, y in
            if y == -1 { return 0 }
            let r = x % y
            return r != 0 && ((r < 0) != (y < 0)) ? r + y : r
        }
    }

    /// fmod with the divisor's sign, as PyTorch's `remainder` computes it for floats.
    static func floatRemainder<T: BinaryFloatingPoint>(_ x: T, _ y: T) -> T {
        var r = x.truncatingRemainder(dividingBy: y)
        if r != 0 && ((y < 0) != (r < 0)) { r += y }
        return r
    }

    /// The larger of a and b, element by element (`torch.maximum`).
    /// ∂/∂a = 1 where a > b, ½ where a = b, else 0 (and the mirror for b)
    public static func maximum(_ a: Tensor, _ b: Tensor) throws -> Tensor {
        try extremum(a, b, name: "MaximumBackward0", larger: true)
    }

    /// The smaller of a and b, element by element (`torch.minimum`), with the mirrored rule.
    public static func minimum(_ a: Tensor, _ b: Tensor) throws -> Tensor {
        try extremum(a, b, name: "MinimumBackward0", larger: false)
    }

    private static func extremum(_ a: Tensor, _ b: Tensor, name: String, larger: Bool) throws -> Tensor {
        func pick<T: Comparable & BinaryFloatingPoint>(_ x: T, _ y: T) -> T {
            x.isNaN || y.isNaN ? .nan : ((larger ? x > y : x < y) ? x : y)
        }
        let out = try combine(a, b, dtype: resultType(a, b), pick, pick) { larger ? Swift.max($0, $1) : Swift.min($0, $1) }
        return out.recording(name, [a, b], saving: [a, b]) { g in
            let shareOfA = try combine(a, b, dtype: g.dtype, { x, y in (larger ? x > y : x < y) ? 1 : (x == y ? 0.5 : 0) },
                                       { x, y in (larger ? x > y : x < y) ? 1 : (x == y ? 0.5 : 0) }, { _, _ in 0 })
            return [try (g * shareOfA).sumToShape(a.shape), try (try g * (1 - shareOfA)).sumToShape(b.shape)]
        }
    }

    // MARK: Arithmetic with a number

    /// The number as a Python-number operand: weak in type promotion, so `x * 2.0` keeps x's dtype.
    static func number(_ value: Double) -> Tensor { wrapped(value, dtype: .float64) }

    /// x + c.
    public static func + (x: Tensor, c: Double) throws -> Tensor { try x + number(c) }
    /// c + x.
    public static func + (c: Double, x: Tensor) throws -> Tensor { try number(c) + x }
    /// x - c.
    public static func - (x: Tensor, c: Double) throws -> Tensor { try x - number(c) }
    /// c - x (PyTorch records it as `RsubBackward1`).  d/dx = -1
    public static func - (c: Double, x: Tensor) throws -> Tensor { try reverseSubtract(number(c), x) }

    /// A Python number minus a tensor, as PyTorch's `rsub` computes and records it.  d/dx = -1
    public static func reverseSubtract(_ c: Tensor, _ x: Tensor) throws -> Tensor {
        try checkNotBoolSubtraction(c, x)
        let out = try combine(c, x, dtype: resultType(x, c), { $0 - $1 }, { $0 - $1 }, { $0 &- $1 })
        return out.recording("RsubBackward1", [x]) { g in [try -g] }
    }

    /// `x << y` and `x >> y` on integer tensors (PyTorch's `bitwise_left_shift`): bits shifted
    /// past the width are lost; a negative or too large shift gives 0 (or -1 for a negative x
    /// shifted right).
    public static func shift(_ x: Tensor, _ y: Tensor, left: Bool) throws -> Tensor {
        let type = resultType(x, y)
        guard !type.isFloatingPoint else {
            throw TensorError.runtime("\"\(left ? "lshift" : "rshift")_cpu\" not implemented for '\(type.cName)'")
        }
        return try combine(x, y, dtype: type, { _, _ in 0 }, { _, _ in 0 }) { a, b in
            guard b >= 0 && b < 64 else { return left || a >= 0 ? 0 : -1 }
            return left ? a << b : a >> b
        }
    }

    /// x · c.
    public static func * (x: Tensor, c: Double) throws -> Tensor { try x * number(c) }
    /// c · x.
    public static func * (c: Double, x: Tensor) throws -> Tensor { try number(c) * x }
    /// x / c.
    public static func / (x: Tensor, c: Double) throws -> Tensor { try x / number(c) }
    /// c / x (PyTorch computes it as `x.reciprocal() * c`).
    public static func / (c: Double, x: Tensor) throws -> Tensor { try x.pow(-1) * c }
}
