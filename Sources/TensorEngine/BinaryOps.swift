import Foundation

/// Arithmetic on two tensors with broadcasting. The backward rule of each op sums the gradient
/// back to each operand's own shape (`sumToShape`), since a broadcast operand was used many times.
extension Tensor {
    /// a + b.  ∂/∂a = 1, ∂/∂b = 1
    public static func + (a: Tensor, b: Tensor) throws -> Tensor {
        let type = DType.promote(a.dtype, b.dtype)
        var out = try combine(a, b, dtype: type, +)
        if type == .bool { out = out.map { $0 != 0 ? 1 : 0 } }
        return out.recording("AddBackward0", [a, b], savesTensors: false) { g in
            [try g.sumToShape(a.shape), try g.sumToShape(b.shape)]
        }
    }

    /// a - b.  ∂/∂a = 1, ∂/∂b = -1
    public static func - (a: Tensor, b: Tensor) throws -> Tensor {
        if a.dtype == .bool && b.dtype == .bool {
            throw TensorError.runtime(
                "Subtraction, the `-` operator, with two bool tensors is not supported. Use the `^` or `logical_xor()` operator instead.")
        }
        let out = try combine(a, b, dtype: DType.promote(a.dtype, b.dtype), -)
        return out.recording("SubBackward0", [a, b], savesTensors: false) { g in
            [try g.sumToShape(a.shape), try (-g).sumToShape(b.shape)]
        }
    }

    /// a · b, element by element.  ∂/∂a = b, ∂/∂b = a
    public static func * (a: Tensor, b: Tensor) throws -> Tensor {
        let out = try combine(a, b, dtype: DType.promote(a.dtype, b.dtype), *)
        return out.recording("MulBackward0", [a, b]) { g in
            [a.requiresGrad ? try (g * b).sumToShape(a.shape) : nil,
             b.requiresGrad ? try (g * a).sumToShape(b.shape) : nil]
        }
    }

    /// a / b (true division: the result is always float).  ∂/∂a = 1/b, ∂/∂b = -a/b²
    public static func / (a: Tensor, b: Tensor) throws -> Tensor {
        let out = try combine(a, b, dtype: .float32, /)
        return out.recording("DivBackward0", [a, b]) { g in
            [a.requiresGrad ? try (g / b).sumToShape(a.shape) : nil,
             b.requiresGrad ? try (try -g * a / (b * b)).sumToShape(b.shape) : nil]
        }
    }

    /// a^b, element by element.  ∂/∂a = b·a^(b-1), ∂/∂b = a^b·ln a
    public static func pow(_ a: Tensor, _ b: Tensor) throws -> Tensor {
        let type = DType.promote(a.dtype, b.dtype)
        if type == .int64, b.elements.contains(where: { $0 < 0 }) {
            throw TensorError.runtime("Integers to negative integer powers are not allowed.")
        }
        let out = try combine(a, b, dtype: type == .bool ? .int64 : type) { power($0, $1) }
        return out.recording("PowBackward1", [a, b]) { g in
            [a.requiresGrad ? try (try g * b * (try pow(a, b - 1))).sumToShape(a.shape) : nil,
             b.requiresGrad ? try (try g * out * a.log()).sumToShape(b.shape) : nil]
        }
    }

    /// ⌊a / b⌋, PyTorch's `floor_divide` and Python's `//`. Not differentiable.
    public static func floorDivide(_ a: Tensor, _ b: Tensor) throws -> Tensor {
        let type = DType.promote(a.dtype, b.dtype)
        if type != .float32, b.elements.contains(0) { throw TensorError.runtime("ZeroDivisionError") }
        return try combine(a, b, dtype: type == .bool ? .int64 : type) { ($0 / $1).rounded(.down) }
    }

    /// a mod b with the sign of b, PyTorch's `remainder` and Python's `%`. Not differentiable.
    public static func remainder(_ a: Tensor, _ b: Tensor) throws -> Tensor {
        let type = DType.promote(a.dtype, b.dtype)
        if type != .float32, b.elements.contains(0) { throw TensorError.runtime("ZeroDivisionError") }
        return try combine(a, b, dtype: type == .bool ? .int64 : type) { x, y in
            var r = fmodf(x, y)
            if r != 0 && ((y < 0) != (r < 0)) { r += y }
            return r
        }
    }

    /// The larger of a and b, element by element (`torch.maximum`).
    /// ∂/∂a = 1 where a > b, ½ where a = b, else 0 (and the mirror for b)
    public static func maximum(_ a: Tensor, _ b: Tensor) throws -> Tensor {
        try extremum(a, b, name: "MaximumBackward0") { $0 > $1 }
    }

    /// The smaller of a and b, element by element (`torch.minimum`), with the mirrored rule.
    public static func minimum(_ a: Tensor, _ b: Tensor) throws -> Tensor {
        try extremum(a, b, name: "MinimumBackward0") { $0 < $1 }
    }

    private static func extremum(_ a: Tensor, _ b: Tensor, name: String, _ wins: @escaping (Float, Float) -> Bool) throws -> Tensor {
        let out = try combine(a, b, dtype: DType.promote(a.dtype, b.dtype)) { x, y in
            x.isNaN || y.isNaN ? .nan : (wins(x, y) ? x : y)
        }
        return out.recording(name, [a, b]) { g in
            let shareOfA = try combine(a, b, dtype: .float32) { x, y in wins(x, y) ? 1 : (x == y ? 0.5 : 0) }
            return [try (g * shareOfA).sumToShape(a.shape),
                    try (try g * (1 - shareOfA)).sumToShape(b.shape)]
        }
    }

    // MARK: Arithmetic with a number

    /// The number as a 0-d float tensor, so that it broadcasts.
    static func number(_ value: Float) -> Tensor { Tensor(scalar: value) }

    /// x + c.
    public static func + (x: Tensor, c: Float) -> Tensor { (try? x + number(c)) ?? x }
    /// c + x.
    public static func + (c: Float, x: Tensor) -> Tensor { (try? number(c) + x) ?? x }
    /// x - c.
    public static func - (x: Tensor, c: Float) -> Tensor { (try? x - number(c)) ?? x }
    /// c - x (PyTorch records it as `RsubBackward1`).  d/dx = -1
    public static func - (c: Float, x: Tensor) -> Tensor {
        x.map(dtype: DType.promote(x.dtype, .float32)) { c - $0 }
            .recording("RsubBackward1", [x], savesTensors: false) { g in [-g] }
    }
    /// x · c.
    public static func * (x: Tensor, c: Float) -> Tensor { (try? x * number(c)) ?? x }
    /// c · x.
    public static func * (c: Float, x: Tensor) -> Tensor { (try? number(c) * x) ?? x }
    /// x / c.
    public static func / (x: Tensor, c: Float) -> Tensor { (try? x / number(c)) ?? x }
    /// c / x (PyTorch computes it as `x.reciprocal() * c`).
    public static func / (c: Float, x: Tensor) -> Tensor { x.pow(-1) * c }
}
