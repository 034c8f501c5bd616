/// A value in a Python program: what a variable holds.
///
/// Immutable Python values (numbers, strings, tuples) are stored directly; mutable ones (lists,
/// dicts, sets, instances) are references, so two names for one list see the same changes, as
/// in Python. Everything that is not a core value is an `.object`: functions, classes,
/// instances, modules, and whatever a library adds (tensors, models...).
///
/// ```swift
/// let pair: Value = .tuple([.int(1), .string("a")])
/// pair.typeName   // "tuple"
/// ```
public enum Value {
    case none
    case ellipsis
    case bool(Bool)
    case int(Int)
    case float(Double)
    case string(String)
    case tuple([Value])
    case list(ListObject)
    case dict(DictObject)
    case set(SetObject)
    /// Everything else: functions, classes, instances, modules, tensors, models, iterators...
    case object(PythonObject)

    /// Python's `type(x).__name__`.
    public var typeName: String {
        switch self {
        case .none: return "NoneType"
        case .ellipsis: return "ellipsis"
        case .bool: return "bool"
        case .int: return "int"
        case .float: return "float"
        case .string: return "str"
        case .tuple: return "tuple"
        case .list: return "list"
        case .dict: return "dict"
        case .set: return "set"
        case .object(let o): return o.typeName
        }
    }

    /// A new list holding `items`.
    public static func list(_ items: [Value]) -> Value { .list(ListObject(items)) }

    /// The negation of a numeric literal, so that `-1` is a constant (nil for other values).
    var negatedLiteral: Value? {
        switch self {
        case .int(let i) where i != Int.min: return .int(-i)
        case .float(let f): return .float(-f)
        default: return nil
        }
    }

    /// The items of a tuple, or of a tuple-like object (`torch.Size`).
    public var tupleItems: [Value]? {
        switch self {
        case .tuple(let items): return items
        case .object(let o): return (o as? TupleLike)?.tupleItems
        default: return nil
        }
    }

    /// The items of a list.
    public var listItems: [Value]? {
        if case .list(let list) = self { return list.items }
        return nil
    }

    /// The value as an Int when it is an int or a bool (Python treats bools as ints).
    public var exactInt: Int? {
        switch self {
        case .int(let i): return i
        case .bool(let b): return b ? 1 : 0
        default: return nil
        }
    }

    /// The value as a Double when it is a Python number.
    public var numberValue: Double? {
        switch self {
        case .int(let i): return Double(i)
        case .bool(let b): return b ? 1 : 0
        case .float(let f): return f
        default: return nil
        }
    }

    /// True for a Python float.
    public var isFloat: Bool {
        if case .float = self { return true }
        return false
    }

    /// True for None.
    public var isNone: Bool {
        if case .none = self { return true }
        return false
    }

    /// The object, when the value is one of type `T`.
    public func object<T>(as type: T.Type) -> T? {
        if case .object(let o) = self { return o as? T }
        return nil
    }
}

/// An object that behaves as a tuple of its items (`torch.Size` is a tuple subclass in PyTorch):
/// it compares equal to a tuple with the same items, unpacks and indexes like one.
public protocol TupleLike: PythonObject {
    var tupleItems: [Value] { get }
}

/// Python's `NotImplemented`: what a binary dunder method returns to let the other operand try.
public final class NotImplementedObject: PythonObject, @unchecked Sendable {
    public static let shared = NotImplementedObject()
    public var typeName: String { "NotImplementedType" }
    public func repr(in interpreter: Interpreter) throws -> String { "NotImplemented" }
}
