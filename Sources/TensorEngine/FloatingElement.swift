import Foundation

/// `Float` and `Double` as the engine's float lanes: the C library's functions for each, so that
/// a formula written once runs in float32 for float32 tensors and in float64 for float64 ones.
///
/// ```swift
/// func sigmoid<T: FloatingElement>(_ x: T) -> T { 1 / (1 + .exp(-x)) }
/// ```
public protocol FloatingElement: BinaryFloatingPoint, TensorScalar {
    /// e^x
    static func exp(_ x: Self) -> Self
    /// e^x - 1
    static func expm1(_ x: Self) -> Self
    /// ln x
    static func log(_ x: Self) -> Self
    /// ln(1 + x)
    static func log1p(_ x: Self) -> Self
    /// log₂ x
    static func log2(_ x: Self) -> Self
    /// log₁₀ x
    static func log10(_ x: Self) -> Self
    /// sin x
    static func sin(_ x: Self) -> Self
    /// cos x
    static func cos(_ x: Self) -> Self
    /// tanh x
    static func tanh(_ x: Self) -> Self
    /// The error function.
    static func erf(_ x: Self) -> Self
    /// x^y
    static func pow(_ x: Self, _ y: Self) -> Self
}

extension Float: FloatingElement {
    @inline(__always) public static func exp(_ x: Float) -> Float { Foundation.exp(x) }
    @inline(__always) public static func expm1(_ x: Float) -> Float { Foundation.expm1(x) }
    @inline(__always) public static func log(_ x: Float) -> Float { Foundation.log(x) }
    @inline(__always) public static func log1p(_ x: Float) -> Float { Foundation.log1p(x) }
    @inline(__always) public static func log2(_ x: Float) -> Float { Foundation.log2(x) }
    @inline(__always) public static func log10(_ x: Float) -> Float { Foundation.log10(x) }
    @inline(__always) public static func sin(_ x: Float) -> Float { Foundation.sin(x) }
    @inline(__always) public static func cos(_ x: Float) -> Float { Foundation.cos(x) }
    @inline(__always) public static func tanh(_ x: Float) -> Float { Foundation.tanh(x) }
    @inline(__always) public static func erf(_ x: Float) -> Float { Foundation.erf(x) }
    @inline(__always) public static func pow(_ x: Float, _ y: Float) -> Float { Foundation.pow(x, y) }
}

extension Double: FloatingElement {
    @inline(__always) public static func exp(_ x: Double) -> Double { Foundation.exp(x) }
    @inline(__always) public static func expm1(_ x: Double) -> Double { Foundation.expm1(x) }
    @inline(__always) public static func log(_ x: Double) -> Double { Foundation.log(x) }
    @inline(__always) public static func log1p(_ x: Double) -> Double { Foundation.log1p(x) }
    @inline(__always) public static func log2(_ x: Double) -> Double { Foundation.log2(x) }
    @inline(__always) public static func log10(_ x: Double) -> Double { Foundation.log10(x) }
    @inline(__always) public static func sin(_ x: Double) -> Double { Foundation.sin(x) }
    @inline(__always) public static func cos(_ x: Double) -> Double { Foundation.cos(x) }
    @inline(__always) public static func tanh(_ x: Double) -> Double { Foundation.tanh(x) }
    @inline(__always) public static func erf(_ x: Double) -> Double { Foundation.erf(x) }
    @inline(__always) public static func pow(_ x: Double, _ y: Double) -> Double { Foundation.pow(x, y) }
}

extension Tensor {
    /// Runs `body` specialised for this float tensor's element type: `Float` for float32,
    /// `Double` for float64. Other dtypes are an error naming the operation.
    ///
    /// ```swift
    /// let out = try x.withFloatingType(op: "softmax") { T in try softmaxKernel(T) }
    /// ```
    public func floatingDispatch<R>(_ op: String, float: () throws -> R, double: () throws -> R) throws -> R {
        switch dtype {
        case .float32: return try float()
        case .float64: return try double()
        default: throw TensorError.runtime("\"\(op)\" not implemented for '\(dtype.cName)'")
        }
    }
}
