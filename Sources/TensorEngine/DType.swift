/// The element type of a tensor, as PyTorch names it.
///
/// Every tensor stores its elements as `Float`; the dtype says how to read them. Integer tensors
/// (`int64`) hold whole numbers, exact up to 2^24 = 16,777,216 in magnitude (the largest range a
/// float32 represents without gaps), and boolean tensors hold 0 and 1.
///
/// ```swift
/// let labels = try Tensor([0, 2, 1], dtype: .int64)
/// labels.dtype.name   // "torch.int64"
/// ```
public enum DType: Sendable, Equatable {
    case float32
    case int64
    case bool

    /// PyTorch's spelling: `torch.float32`, `torch.int64`, `torch.bool`.
    public var name: String {
        switch self {
        case .float32: return "torch.float32"
        case .int64: return "torch.int64"
        case .bool: return "torch.bool"
        }
    }

    /// True for `float32`, the only dtype that can require a gradient.
    public var isFloatingPoint: Bool { self == .float32 }

    /// The dtype of an operation's result on two tensors: bool < int64 < float32, as PyTorch promotes.
    ///
    /// ```swift
    /// DType.promote(.int64, .float32)  // .float32
    /// ```
    public static func promote(_ a: DType, _ b: DType) -> DType {
        if a == .float32 || b == .float32 { return .float32 }
        if a == .int64 || b == .int64 { return .int64 }
        return .bool
    }

    /// A value as this dtype stores it: integers truncated toward zero, booleans as 0 or 1.
    public func stored(_ value: Float) -> Float {
        switch self {
        case .float32: return value
        case .int64: return value.rounded(.towardZero)
        case .bool: return value != 0 ? 1 : 0
        }
    }

    /// The largest integer magnitude an `int64` tensor holds exactly.
    public static let exactIntegerLimit: Float = 16_777_216
}
