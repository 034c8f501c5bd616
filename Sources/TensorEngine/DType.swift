/// The element type of a tensor, as PyTorch names it (NumPy's names are `numpyName`).
///
/// Each dtype stores its elements at its own width: float32 as `Float`, float64 as `Double`,
/// int64 as `Int64` and so on, bool as one byte holding 0 or 1. Integer arithmetic wraps around
/// as it does in PyTorch and NumPy.
///
/// ```swift
/// let labels = try Tensor([0, 2, 1], dtype: .int64)
/// labels.dtype.name   // "torch.int64"
/// ```
public enum DType: Sendable, Equatable, Hashable, CaseIterable {
    case bool
    case uint8
    case int8
    case int16
    case int32
    case int64
    case float32
    case float64

    /// PyTorch's spelling: `torch.float32`, `torch.int64`, `torch.bool`...
    public var name: String { "torch." + shortName }

    /// The bare name: `float32`, `int64`, `bool`, `uint8`...
    public var shortName: String {
        switch self {
        case .bool: return "bool"
        case .uint8: return "uint8"
        case .int8: return "int8"
        case .int16: return "int16"
        case .int32: return "int32"
        case .int64: return "int64"
        case .float32: return "float32"
        case .float64: return "float64"
        }
    }

    /// NumPy's spelling (`bool` is `bool_` only as a scalar type; arrays print `dtype=bool`).
    public var numpyName: String { shortName }

    /// The C++ scalar name PyTorch uses in messages ("Float", "Double", "Long", "Bool"...).
    public var cName: String {
        switch self {
        case .bool: return "Bool"
        case .uint8: return "Byte"
        case .int8: return "Char"
        case .int16: return "Short"
        case .int32: return "Int"
        case .int64: return "Long"
        case .float32: return "Float"
        case .float64: return "Double"
        }
    }

    /// The legacy tensor type name (`torch.FloatTensor`, `torch.LongTensor`...), as `x.type()` and
    /// autograd's messages print it.
    public var legacyTypeName: String { "torch." + cName + "Tensor" }

    /// Bytes per element (`element_size()`, NumPy's `itemsize`).
    public var itemSize: Int {
        switch self {
        case .bool, .uint8, .int8: return 1
        case .int16: return 2
        case .int32, .float32: return 4
        case .int64, .float64: return 8
        }
    }

    /// True for float32 and float64, the dtypes that can require a gradient.
    public var isFloatingPoint: Bool { self == .float32 || self == .float64 }

    /// True for the integer dtypes (not bool).
    public var isInteger: Bool { !isFloatingPoint && self != .bool }

    /// True for the signed integer and floating dtypes.
    public var isSigned: Bool { self != .bool && self != .uint8 }

    /// bool < integers < floats: the categories type promotion compares first.
    var category: Int { self == .bool ? 0 : (isFloatingPoint ? 2 : 1) }

    /// The type arithmetic happens in: integer and bool tensors compute in `Int64` and wrap to their
    /// width when stored; float32 in `Float`; float64 in `Double`.
    var lane: DType {
        switch self {
        case .float32: return .float32
        case .float64: return .float64
        default: return .int64
        }
    }

    /// The smallest and largest values an integer dtype holds.
    public var integerRange: ClosedRange<Int64> {
        switch self {
        case .bool: return 0...1
        case .uint8: return 0...255
        case .int8: return -128...127
        case .int16: return -32768...32767
        case .int32: return Int64(Int32.min)...Int64(Int32.max)
        default: return Int64.min...Int64.max
        }
    }

    /// The dtype of an operation's result on two tensors of these dtypes, by PyTorch's table:
    /// bool < uint8 < int8/int16/int32/int64 < float32 < float64, with uint8 and int8 meeting at int16.
    ///
    /// ```swift
    /// DType.promote(.int64, .float32)  // .float32
    /// DType.promote(.uint8, .int8)     // .int16
    /// ```
    public static func promote(_ a: DType, _ b: DType) -> DType {
        if a == b { return a }
        if a == .bool { return b }
        if b == .bool { return a }
        if a.isFloatingPoint || b.isFloatingPoint {
            if a.isFloatingPoint && b.isFloatingPoint { return a == .float64 || b == .float64 ? .float64 : .float32 }
            return a.isFloatingPoint ? a : b
        }
        if a == .uint8 || b == .uint8 {
            let other = a == .uint8 ? b : a
            return other == .int8 ? .int16 : other
        }
        return a.itemSize >= b.itemSize ? a : b
    }

    /// NumPy's promotion of two array dtypes: PyTorch's table, except that an integer meeting
    /// float32 gives float64 unless the integer is at most 16 bits wide.
    ///
    /// ```swift
    /// DType.numpyPromote(.int64, .float32)  // .float64
    /// ```
    public static func numpyPromote(_ a: DType, _ b: DType) -> DType {
        if (a == .float32 && b.isInteger) || (b == .float32 && a.isInteger) {
            let integer = a == .float32 ? b : a
            return integer.itemSize <= 2 ? .float32 : .float64
        }
        return promote(a, b)
    }
}

/// The dtype a float tensor gets when none is named: float32 unless
/// `torch.set_default_dtype(torch.float64)` chose otherwise. One setting per thread, like
/// `GradMode`, so sessions on different threads never disturb each other.
///
/// ```swift
/// DefaultDType.float = .float64    // torch.set_default_dtype(torch.float64)
/// ```
public enum DefaultDType {
    private final class Box: @unchecked Sendable { var value: DType = .float32 }
    private static let slot = ThreadSlot<Box> { Box() }

    /// The default float dtype (float32 or float64).
    public static var float: DType {
        get { slot.value.value }
        set { slot.value.value = newValue }
    }
}

extension DType {
    /// A scalar computed in this dtype's precision, as PyTorch's kernels compute it: the float32
    /// expression for float32 tensors, the double one otherwise.
    ///
    /// ```swift
    /// let scale = x.dtype.scalar(float: 1 / Float(1 - p), double: 1 / (1 - p))
    /// ```
    public func scalar(float: @autoclosure () -> Float, double: @autoclosure () -> Double) -> Double {
        self == .float32 ? Double(float()) : double()
    }
}
