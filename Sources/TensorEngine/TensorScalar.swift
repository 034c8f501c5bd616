import Foundation

/// A Swift type that holds the elements of one dtype: `Float` for float32, `Double` for float64,
/// `Int64`, `Int32`, `Int16`, `Int8` and `UInt8` for the integers, and `UInt8` (0 or 1) for bool.
///
/// Conversions follow C's casts, which PyTorch and NumPy both use: floats become integers by
/// truncation toward zero, a float outside the target's range (or NaN) becomes the smallest value
/// of a 32- or 64-bit integer, narrower integers keep the low bits (300 → 44 as uint8), and integers
/// become floats by rounding to nearest.
///
/// ```swift
/// Int32(castingDouble: -3.7)   // -3
/// UInt8(castingInt64: 300)     // 44
/// ```
public protocol TensorScalar: Equatable {
    /// True for `Float` and `Double`.
    static var isFloatingPoint: Bool { get }
    /// This type's value of a float, as a C cast gives it.
    init(castingDouble value: Double)
    /// This type's value of an integer: wrapped to the width, or rounded for floats.
    init(castingInt64 value: Int64)
    /// The value as a double (exact for floats and for integers below 2^53).
    var doubleValue: Double { get }
    /// The value as an integer (floats cast as C casts them).
    var int64Value: Int64 { get }
}

extension Float: TensorScalar {
    public static var isFloatingPoint: Bool { true }
    @inline(__always) public init(castingDouble value: Double) { self = Float(value) }
    @inline(__always) public init(castingInt64 value: Int64) { self = Float(value) }
    @inline(__always) public var doubleValue: Double { Double(self) }
    @inline(__always) public var int64Value: Int64 { Int64(castingDouble: Double(self)) }
}

extension Double: TensorScalar {
    public static var isFloatingPoint: Bool { true }
    @inline(__always) public init(castingDouble value: Double) { self = value }
    @inline(__always) public init(castingInt64 value: Int64) { self = Double(value) }
    @inline(__always) public var doubleValue: Double { self }
    @inline(__always) public var int64Value: Int64 { Int64(castingDouble: self) }
}

extension Int64: TensorScalar {
    public static var isFloatingPoint: Bool { false }
    /// x86's `cvttsd2si`: truncation, or `Int64.min` for NaN and anything out of range.
    @inline(__always) public init(castingDouble value: Double) {
        self = value.isNaN || value >= 0x1p63 || value < -0x1p63 ? .min : Int64(value)
    }
    @inline(__always) public init(castingInt64 value: Int64) { self = value }
    @inline(__always) public var doubleValue: Double { Double(self) }
    @inline(__always) public var int64Value: Int64 { self }
}

extension Int32: TensorScalar {
    public static var isFloatingPoint: Bool { false }
    /// x86's 32-bit `cvttsd2si`: truncation, or `Int32.min` for NaN and anything out of range.
    @inline(__always) public init(castingDouble value: Double) {
        self = value.isNaN || value >= 0x1p31 || value <= -0x1p31 - 1 ? .min : Int32(value)
    }
    @inline(__always) public init(castingInt64 value: Int64) { self = Int32(truncatingIfNeeded: value) }
    @inline(__always) public var doubleValue: Double { Double(self) }
    @inline(__always) public var int64Value: Int64 { Int64(self) }
}

extension Int16: TensorScalar {
    public static var isFloatingPoint: Bool { false }
    /// Through a 32-bit integer, then the low bits, as compiled C casts do.
    @inline(__always) public init(castingDouble value: Double) { self = Int16(truncatingIfNeeded: Int32(castingDouble: value)) }
    @inline(__always) public init(castingInt64 value: Int64) { self = Int16(truncatingIfNeeded: value) }
    @inline(__always) public var doubleValue: Double { Double(self) }
    @inline(__always) public var int64Value: Int64 { Int64(self) }
}

extension Int8: TensorScalar {
    public static var isFloatingPoint: Bool { false }
    /// Through a 32-bit integer, then the low bits, as compiled C casts do.
    @inline(__always) public init(castingDouble value: Double) { self = Int8(truncatingIfNeeded: Int32(castingDouble: value)) }
    @inline(__always) public init(castingInt64 value: Int64) { self = Int8(truncatingIfNeeded: value) }
    @inline(__always) public var doubleValue: Double { Double(self) }
    @inline(__always) public var int64Value: Int64 { Int64(self) }
}

extension UInt8: TensorScalar {
    public static var isFloatingPoint: Bool { false }
    /// Through a 32-bit integer, then the low bits, as compiled C casts do (-1.0 → 255).
    @inline(__always) public init(castingDouble value: Double) { self = UInt8(truncatingIfNeeded: Int32(castingDouble: value)) }
    @inline(__always) public init(castingInt64 value: Int64) { self = UInt8(truncatingIfNeeded: value) }
    @inline(__always) public var doubleValue: Double { Double(self) }
    @inline(__always) public var int64Value: Int64 { Int64(self) }
}

/// Copying elements between dtypes: the one place where a value changes type.
enum ElementCast {
    /// Writes `count` elements read through `source` (at `sourceOffsets`, or consecutive when nil)
    /// into consecutive elements of `target`, converting from `from` to `to`.
    static func copy(from: DType, _ source: Storage, offsets: Offsets, to: DType, _ target: UnsafeMutableRawPointer) {
        switch from {
        case .float32: copy(Float.self, from: source, offsets: offsets, to: to, target)
        case .float64: copy(Double.self, from: source, offsets: offsets, to: to, target)
        case .int64: copy(Int64.self, from: source, offsets: offsets, to: to, target)
        case .int32: copy(Int32.self, from: source, offsets: offsets, to: to, target)
        case .int16: copy(Int16.self, from: source, offsets: offsets, to: to, target)
        case .int8: copy(Int8.self, from: source, offsets: offsets, to: to, target)
        case .uint8, .bool: copy(UInt8.self, from: source, offsets: offsets, to: to, target)
        }
    }

    private static func copy<S: TensorScalar>(_ s: S.Type, from source: Storage, offsets: Offsets, to: DType, _ target: UnsafeMutableRawPointer) {
        let input = source.pointer(S.self)
        switch to {
        case .float32: write(input, offsets, target.assumingMemoryBound(to: Float.self))
        case .float64: write(input, offsets, target.assumingMemoryBound(to: Double.self))
        case .int64: write(input, offsets, target.assumingMemoryBound(to: Int64.self))
        case .int32: write(input, offsets, target.assumingMemoryBound(to: Int32.self))
        case .int16: write(input, offsets, target.assumingMemoryBound(to: Int16.self))
        case .int8: write(input, offsets, target.assumingMemoryBound(to: Int8.self))
        case .uint8: write(input, offsets, target.assumingMemoryBound(to: UInt8.self))
        case .bool:
            let out = target.assumingMemoryBound(to: UInt8.self)
            var k = 0
            offsets.forEach { out[k] = input[$0] == S(castingInt64: 0) ? 0 : 1; k += 1 }
        }
    }

    @inline(__always)
    private static func write<S: TensorScalar, D: TensorScalar>(_ input: UnsafeMutablePointer<S>, _ offsets: Offsets, _ out: UnsafeMutablePointer<D>) {
        if S.self == D.self {
            let same = UnsafeMutableRawPointer(out).assumingMemoryBound(to: S.self)
            if let (start, count) = offsets.contiguousRange {
                same.update(from: input + start, count: count)
            } else {
                var k = 0
                offsets.forEach { same[k] = input[$0]; k += 1 }
            }
            return
        }
        var k = 0
        if S.isFloatingPoint {
            offsets.forEach { out[k] = D(castingDouble: input[$0].doubleValue); k += 1 }
        } else {
            offsets.forEach { out[k] = D(castingInt64: input[$0].int64Value); k += 1 }
        }
    }
}
