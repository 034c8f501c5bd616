/// Anything that is not a number, string or container: functions, classes, instances, modules,
/// and the objects a library adds (tensors, models, optimizers...). Each kind answers the
/// questions Python asks of a value its own way; every answer has a default, so an object
/// implements only what it supports.
///
/// ```swift
/// final class Point: PythonObject {
///     var typeName: String { "Point" }
///     func repr(in interpreter: Interpreter) throws -> String { "Point()" }
/// }
/// ```
public protocol PythonObject: AnyObject {
    /// Python's `type(x).__name__`.
    var typeName: String { get }
    /// The class `type(x)` returns; by default the built-in class registered under `classKey`.
    func pythonClass(in interpreter: Interpreter) -> ClassObject
    /// The key of the object's class in the table of built-ins (default `typeName`).
    var classKey: String { get }
    /// The key of the object's methods in the table of built-ins (default `classKey`).
    var methodTable: String { get }
    /// The value of `self.name`, or nil when there is no such attribute.
    func attribute(_ name: String, in interpreter: Interpreter) throws -> Value?
    /// The attribute when reading it runs no code (no property, no `__getattr__`): what
    /// completion and `:help` may look at. Nil by default.
    func quietAttribute(_ name: String, in interpreter: Interpreter) -> Value?
    /// Sets `self.name = value`; the default refuses.
    func setAttribute(_ name: String, to value: Value, in interpreter: Interpreter) throws
    /// `del self.name`; the default refuses.
    func deleteAttribute(_ name: String, in interpreter: Interpreter) throws
    /// Calls the object; the default says it is not callable.
    func call(_ arguments: Arguments, in interpreter: Interpreter) throws -> Value
    /// True when the object can be called (`callable(x)`).
    var isCallable: Bool { get }
    /// `repr(self)`.
    func repr(in interpreter: Interpreter) throws -> String
    /// `str(self)`; the default is `repr`.
    func str(in interpreter: Interpreter) throws -> String
    /// An iterator over the object, or nil when it is not iterable.
    func makeIterator(in interpreter: Interpreter) throws -> ValueIterator?
    /// `len(self)`, or nil when it has no length.
    func length(in interpreter: Interpreter) throws -> Int?
    /// `bool(self)`, or nil for the default (true).
    func truth(in interpreter: Interpreter) throws -> Bool?
    /// `self[index]`, or nil when the object is not subscriptable.
    func item(at index: Value, in interpreter: Interpreter) throws -> Value?
    /// `self[index] = value`; false when the object does not support item assignment.
    func setItem(at index: Value, to value: Value, in interpreter: Interpreter) throws -> Bool
    /// `del self[index]`; false when the object does not support item deletion.
    func deleteItem(at index: Value, in interpreter: Interpreter) throws -> Bool
    /// `item in self`, or nil to fall back to iterating.
    func contains(_ item: Value, in interpreter: Interpreter) throws -> Bool?
    /// `self op other` (or `other op self` when `reflected`); nil means NotImplemented.
    func binaryOperation(_ op: BinaryOperator, _ other: Value, reflected: Bool, in interpreter: Interpreter) throws -> Value?
    /// `self op= other`, changing the object in place; nil to compute `self op other` instead.
    func inPlaceOperation(_ op: BinaryOperator, _ other: Value, in interpreter: Interpreter) throws -> Value?
    /// `op self` (`-x`, `+x`, `~x`, `abs(x)`); nil when the object does not support it.
    func unaryOperation(_ op: UnaryOperator, in interpreter: Interpreter) throws -> Value?
    /// `self op other` for `<`, `==`...; nil means NotImplemented (`==` then compares identity).
    func comparison(_ op: ComparisonOperator, _ other: Value, in interpreter: Interpreter) throws -> Value?
    /// What `is` compares: the object itself, unless it is a view of another (a tensor's `.grad`).
    var identity: ObjectIdentifier { get }
    /// The object as a list index (Python's `__index__`), or nil when it is not an integer.
    var indexValue: Int? { get }
    /// What makes the object a dict key: its identity unless it says otherwise.
    func hashKey() throws -> HashKey
    /// A deep copy for `copy.deepcopy`, or nil to share the object (functions, modules, classes).
    func deepCopy(_ copier: DeepCopier) throws -> Value?
    /// A shallow copy for `copy.copy`, or nil to share the object.
    func shallowCopy(in interpreter: Interpreter) throws -> Value?
    /// The names `dir()` and completion show.
    var attributeNames: [String] { get }
}

extension PythonObject {
    public func pythonClass(in interpreter: Interpreter) -> ClassObject {
        interpreter.builtins.classObject(forKey: classKey, name: typeName)
    }
    public var classKey: String { typeName }
    public var methodTable: String { classKey }
    public func attribute(_ name: String, in interpreter: Interpreter) throws -> Value? { nil }
    public func quietAttribute(_ name: String, in interpreter: Interpreter) -> Value? { nil }
    public func setAttribute(_ name: String, to value: Value, in interpreter: Interpreter) throws {
        throw PythonError(.attributeError, "'\(typeName)' object attribute '\(name)' is read-only")
    }
    public func deleteAttribute(_ name: String, in interpreter: Interpreter) throws {
        throw PythonError(.attributeError, "'\(typeName)' object attribute '\(name)' cannot be deleted")
    }
    public func call(_ arguments: Arguments, in interpreter: Interpreter) throws -> Value {
        throw PythonError(.typeError, "'\(typeName)' object is not callable")
    }
    public var isCallable: Bool { false }
    public func repr(in interpreter: Interpreter) throws -> String { "<\(typeName) object>" }
    public func str(in interpreter: Interpreter) throws -> String { try repr(in: interpreter) }
    public func makeIterator(in interpreter: Interpreter) throws -> ValueIterator? { nil }
    public func length(in interpreter: Interpreter) throws -> Int? { nil }
    public func truth(in interpreter: Interpreter) throws -> Bool? { nil }
    public func item(at index: Value, in interpreter: Interpreter) throws -> Value? { nil }
    public func setItem(at index: Value, to value: Value, in interpreter: Interpreter) throws -> Bool { false }
    public func deleteItem(at index: Value, in interpreter: Interpreter) throws -> Bool { false }
    public func contains(_ item: Value, in interpreter: Interpreter) throws -> Bool? { nil }
    public func binaryOperation(_ op: BinaryOperator, _ other: Value, reflected: Bool, in interpreter: Interpreter) throws -> Value? { nil }
    public func inPlaceOperation(_ op: BinaryOperator, _ other: Value, in interpreter: Interpreter) throws -> Value? { nil }
    public func unaryOperation(_ op: UnaryOperator, in interpreter: Interpreter) throws -> Value? { nil }
    public func comparison(_ op: ComparisonOperator, _ other: Value, in interpreter: Interpreter) throws -> Value? { nil }
    public var identity: ObjectIdentifier { ObjectIdentifier(self) }
    public var indexValue: Int? { nil }
    public func hashKey() throws -> HashKey { .identity(ObjectIdentifier(self)) }
    public func deepCopy(_ copier: DeepCopier) throws -> Value? { nil }
    public func shallowCopy(in interpreter: Interpreter) throws -> Value? { nil }
    public var attributeNames: [String] { [] }
}

/// A source of values one at a time: what `for` loops and `next()` consume.
public final class ValueIterator: PythonObject {
    public let typeName: String
    private let produce: () throws -> Value?

    public init(typeName: String = "iterator", _ produce: @escaping () throws -> Value?) {
        self.typeName = typeName
        self.produce = produce
    }

    /// An iterator over a fixed array.
    public convenience init(typeName: String = "iterator", items: [Value]) {
        var position = 0
        self.init(typeName: typeName) {
            guard position < items.count else { return nil }
            defer { position += 1 }
            return items[position]
        }
    }

    /// The next item, or nil at the end.
    public func next() throws -> Value? { try produce() }

    public func makeIterator(in interpreter: Interpreter) throws -> ValueIterator? { self }
}
