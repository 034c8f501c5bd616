import TensorEngine

/// A value in a regtutor program: what a variable holds.
///
/// Immutable Python values (numbers, strings, tuples) are stored directly; mutable ones (lists,
/// dicts, tensors, models) are references, so two names for one list see the same changes, as
/// in Python.
enum Value {
    case none
    case ellipsis
    case bool(Bool)
    case int(Int)
    case float(Double)
    case string(String)
    case tuple([Value])
    /// `torch.Size`: a tuple of ints that prints as `torch.Size([2, 3])`.
    case size([Int])
    case list(ListObject)
    case dict(DictObject)
    case set(SetObject)
    case tensor(TensorObject)
    /// Everything else: functions, modules, models, optimizers, iterators...
    case object(PythonObject)

    /// Python's `type(x).__name__`.
    var typeName: String {
        switch self {
        case .none: return "NoneType"
        case .ellipsis: return "ellipsis"
        case .bool: return "bool"
        case .int: return "int"
        case .float: return "float"
        case .string: return "str"
        case .tuple: return "tuple"
        case .size: return "Size"
        case .list: return "list"
        case .dict: return "dict"
        case .set: return "set"
        case .tensor(let t): return t.isParameter ? "Parameter" : "Tensor"
        case .object(let o): return o.typeName
        }
    }

    /// A Tensor value holding `tensor` in a new place.
    static func tensor(_ tensor: Tensor) -> Value { .tensor(TensorObject(Variable(tensor))) }

    static func list(_ items: [Value]) -> Value { .list(ListObject(items)) }

    /// The negation of a numeric literal, so that `-1` is a constant (nil for other values).
    var negatedLiteral: Value? {
        switch self {
        case .int(let i) where i != Int.min: return .int(-i)
        case .float(let f): return .float(-f)
        default: return nil
        }
    }

    /// The items of a tuple-like value (tuple or torch.Size).
    var tupleItems: [Value]? {
        switch self {
        case .tuple(let items): return items
        case .size(let dims): return dims.map { .int($0) }
        default: return nil
        }
    }

    /// The items of a list.
    var listItems: [Value]? {
        if case .list(let list) = self { return list.items }
        return nil
    }
}

/// A Python list: shared and mutable.
final class ListObject {
    var items: [Value]
    init(_ items: [Value]) { self.items = items }
}

/// A Python set of hashable values, keeping insertion order for printing.
final class SetObject {
    private(set) var items: [Value] = []
    private var keys: Set<HashKey> = []

    init(_ values: [Value] = []) throws {
        for value in values { try insert(value) }
    }

    func insert(_ value: Value) throws {
        if keys.insert(try HashKey(value)).inserted { items.append(value) }
    }

    func contains(_ value: Value) throws -> Bool { keys.contains(try HashKey(value)) }

    func remove(_ value: Value) throws -> Bool {
        let key = try HashKey(value)
        guard keys.remove(key) != nil else { return false }
        items.removeAll { (try? HashKey($0)) == key }
        return true
    }
}

/// A Python dict: insertion-ordered, keys must be hashable.
final class DictObject {
    private(set) var keys: [Value] = []
    private(set) var values: [Value] = []
    private var index: [HashKey: Int] = [:]

    init() {}

    init(_ pairs: [(Value, Value)]) throws {
        for (key, value) in pairs { try set(key, value) }
    }

    var count: Int { keys.count }

    func get(_ key: Value) throws -> Value? {
        guard let position = index[try HashKey(key)] else { return nil }
        return values[position]
    }

    func set(_ key: Value, _ value: Value) throws {
        let hashKey = try HashKey(key)
        if let position = index[hashKey] {
            values[position] = value
        } else {
            index[hashKey] = keys.count
            keys.append(key)
            values.append(value)
        }
    }

    @discardableResult
    func remove(_ key: Value) throws -> Value? {
        let hashKey = try HashKey(key)
        guard let position = index.removeValue(forKey: hashKey) else { return nil }
        let removed = values[position]
        keys.remove(at: position)
        values.remove(at: position)
        for (k, p) in index where p > position { index[k] = p - 1 }
        return removed
    }

    func removeAll() {
        keys = []
        values = []
        index = [:]
    }

    var pairs: [(key: Value, value: Value)] { Array(zip(keys, values)).map { (key: $0.0, value: $0.1) } }
}

/// What makes a value usable as a dict key or set member: equal values give equal keys
/// (`1`, `1.0` and `True` are the same key, as in Python).
enum HashKey: Hashable {
    case none
    case number(Double)
    case bigInt(Int)
    case string(String)
    case tuple([HashKey])
    case identity(ObjectIdentifier)

    init(_ value: Value) throws {
        switch value {
        case .none: self = .none
        case .ellipsis: self = .string("...ellipsis")
        case .bool(let b): self = .number(b ? 1 : 0)
        case .int(let i): self = Double(i).magnitude < 9e15 ? .number(Double(i)) : .bigInt(i)
        case .float(let f): self = .number(f)
        case .string(let s): self = .string(s)
        case .tuple(let items): self = .tuple(try items.map(HashKey.init))
        case .size(let dims): self = .tuple(dims.map { .number(Double($0)) })
        case .tensor(let t): self = .identity(t.identity)
        case .object(let o): self = .identity(ObjectIdentifier(o))
        case .list, .dict, .set:
            throw PythonError(.typeError, "unhashable type: '\(value.typeName)'")
        }
    }
}

/// A tensor as the language sees it: a reference to the place that holds it.
///
/// Most tensors own their place. `p.grad` and `p.data` are places inside another tensor, so that
/// `p.grad.zero_()` clears the gradient and `p.data -= lr * g` changes the weights in place.
final class TensorObject {
    enum Place {
        /// The tensor owns `variable`.
        case own
        /// The gradient of the tensor in `variable` (`p.grad`).
        case gradient
        /// The values of the tensor in `variable` without its autograd history (`p.data`).
        case data
    }

    /// The place itself, or for `.gradient` and `.data` the tensor they belong to.
    let variable: Variable
    let place: Place
    /// What `p.grad` held when it was read, for after the gradient has been reset to None.
    private let snapshot: Tensor?

    init(_ variable: Variable, place: Place = .own) {
        self.variable = variable
        self.place = place
        snapshot = place == .gradient ? variable.grad : nil
    }

    var isParameter: Bool { place == .own && variable.isParameter }

    /// The tensor currently at this place.
    var tensor: Tensor {
        switch place {
        case .own: return variable.tensor
        case .gradient: return variable.grad ?? snapshot ?? variable.tensor.zerosLike()
        case .data: return variable.tensor.detached()
        }
    }

    /// Replaces the tensor at this place (an in-place operation's result).
    func store(_ newValue: Tensor) throws {
        switch place {
        case .own: variable.tensor = newValue
        case .gradient: variable.grad = newValue.detached()
        case .data: variable.tensor = try variable.tensor.replacingElements(with: newValue.elements)
        }
    }

    /// The identity `is` compares: the place, or for views the tensor they belong to.
    var identity: ObjectIdentifier { place == .own ? ObjectIdentifier(variable) : ObjectIdentifier(self) }
}

/// Anything that is not a number, string, container or tensor: functions, modules, models,
/// optimizers, iterators. Each kind answers attribute look-ups and calls its own way.
protocol PythonObject: AnyObject {
    /// Python's `type(x).__name__`.
    var typeName: String { get }
    /// The value of `self.name`, or nil when there is no such attribute.
    func attribute(_ name: String, in interpreter: Interpreter) throws -> Value?
    /// Sets `self.name = value`; the default refuses.
    func setAttribute(_ name: String, to value: Value, in interpreter: Interpreter) throws
    /// Calls the object; the default says it is not callable.
    func call(_ arguments: Arguments, in interpreter: Interpreter) throws -> Value
    /// `repr(self)`.
    func repr(in interpreter: Interpreter) throws -> String
    /// An iterator over the object, or nil when it is not iterable.
    func makeIterator(in interpreter: Interpreter) throws -> ValueIterator?
    /// The names `dir()` and completion show.
    var attributeNames: [String] { get }
    /// Which methods of the table of built-ins apply (a model's come from "Module").
    var methodTable: String { get }
}

extension PythonObject {
    func attribute(_ name: String, in interpreter: Interpreter) throws -> Value? { nil }
    func setAttribute(_ name: String, to value: Value, in interpreter: Interpreter) throws {
        throw PythonError(.attributeError, "'\(typeName)' object attribute '\(name)' is read-only")
    }
    func call(_ arguments: Arguments, in interpreter: Interpreter) throws -> Value {
        throw PythonError(.typeError, "'\(typeName)' object is not callable")
    }
    func repr(in interpreter: Interpreter) throws -> String { "<\(typeName) object>" }
    func makeIterator(in interpreter: Interpreter) throws -> ValueIterator? { nil }
    var attributeNames: [String] { [] }
}

/// A source of values one at a time: what `for` loops and `next()` consume.
final class ValueIterator: PythonObject {
    let typeName: String
    private let produce: () throws -> Value?

    init(typeName: String = "iterator", _ produce: @escaping () throws -> Value?) {
        self.typeName = typeName
        self.produce = produce
    }

    /// An iterator over a fixed array.
    convenience init(typeName: String = "iterator", items: [Value]) {
        var position = 0
        self.init(typeName: typeName) {
            guard position < items.count else { return nil }
            defer { position += 1 }
            return items[position]
        }
    }

    func next() throws -> Value? { try produce() }

    func makeIterator(in interpreter: Interpreter) throws -> ValueIterator? { self }

    func repr(in interpreter: Interpreter) throws -> String { "<\(typeName) object>" }
}
