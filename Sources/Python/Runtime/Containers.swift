/// A Python list: shared and mutable.
public final class ListObject {
    public var items: [Value]
    public init(_ items: [Value]) { self.items = items }
    deinit { Teardown.dismantle(&items) }
}

/// A Python set of hashable values, keeping insertion order for printing.
public final class SetObject {
    public private(set) var items: [Value] = []
    private var keys: Set<HashKey> = []

    public init(_ values: [Value] = []) throws {
        for value in values { try insert(value) }
    }

    public func insert(_ value: Value) throws {
        if keys.insert(try HashKey(value)).inserted { items.append(value) }
    }

    public func contains(_ value: Value) throws -> Bool { keys.contains(try HashKey(value)) }

    @discardableResult
    public func remove(_ value: Value) throws -> Bool {
        let key = try HashKey(value)
        guard keys.remove(key) != nil else { return false }
        items.removeAll { (try? HashKey($0)) == key }
        return true
    }

    public func removeAll() {
        items = []
        keys = []
    }
}

/// A Python dict: insertion-ordered, keys must be hashable.
public final class DictObject {
    public private(set) var keys: [Value] = []
    public private(set) var values: [Value] = []
    private var index: [HashKey: Int] = [:]
    /// The `collections` kinds of dict: how it prints and what a missing key gives.
    public enum Flavor {
        case plain
        /// `OrderedDict([(key, value), ...])`: what `collections.OrderedDict` and PyTorch's `state_dict()` make.
        case ordered
        /// `defaultdict(factory, {...})`: a missing key gets `factory()`.
        case defaultDict(Value)
        /// `Counter({...})`: a missing key counts 0.
        case counter
    }

    /// A plain dict, or one of `collections`' kinds (a dict in every other way).
    public var flavor = Flavor.plain

    /// True for an OrderedDict.
    public var printsAsOrderedDict: Bool {
        get { if case .ordered = flavor { return true } else { return false } }
        set { flavor = newValue ? .ordered : .plain }
    }

    public init() {}

    deinit {
        var all = takeAll()
        Teardown.dismantle(&all)
    }

    /// Empties the dict, giving back its keys and values (for freeing deep nests, see `Teardown`).
    func takeAll() -> [Value] {
        let all = keys + values
        keys = []
        values = []
        index = [:]
        return all
    }

    public init(_ pairs: [(Value, Value)]) throws {
        for (key, value) in pairs { try set(key, value) }
    }

    /// A dict with string keys, in the given order.
    public convenience init(strings pairs: [(String, Value)]) {
        self.init()
        for (key, value) in pairs { set(string: key, value) }
    }

    public var count: Int { keys.count }

    public func get(_ key: Value) throws -> Value? {
        guard let position = index[try HashKey(key)] else { return nil }
        return values[position]
    }

    /// The value under a string key.
    public func get(string key: String) -> Value? {
        guard let position = index[.string(key)] else { return nil }
        return values[position]
    }

    public func set(_ key: Value, _ value: Value) throws {
        insert(try HashKey(key), key, value)
    }

    /// Sets the value under a string key.
    public func set(string key: String, _ value: Value) {
        insert(.string(key), .string(key), value)
    }

    private func insert(_ hashKey: HashKey, _ key: Value, _ value: Value) {
        if let position = index[hashKey] {
            values[position] = value
        } else {
            index[hashKey] = keys.count
            keys.append(key)
            values.append(value)
        }
    }

    @discardableResult
    public func remove(_ key: Value) throws -> Value? {
        let hashKey = try HashKey(key)
        guard let position = index.removeValue(forKey: hashKey) else { return nil }
        let removed = values[position]
        keys.remove(at: position)
        values.remove(at: position)
        for (k, p) in index where p > position { index[k] = p - 1 }
        return removed
    }

    public func removeAll() {
        keys = []
        values = []
        index = [:]
    }

    public var pairs: [(key: Value, value: Value)] { zip(keys, values).map { (key: $0.0, value: $0.1) } }
}

/// What makes a value usable as a dict key or set member: equal values give equal keys
/// (`1`, `1.0` and `True` are the same key, as in Python).
public enum HashKey: Hashable {
    case none
    case number(Double)
    case bigInt(Int)
    case string(String)
    case tuple([HashKey])
    case identity(ObjectIdentifier)
    /// An instance of a class with `__hash__`: its hash, and the instance for `__eq__`.
    case custom(Int, CustomHashKey)

    public init(_ value: Value) throws {
        switch value {
        case .none: self = .none
        case .ellipsis: self = .string("...ellipsis")
        case .bool(let b): self = .number(b ? 1 : 0)
        case .int(let i): self = Double(i).magnitude < 9e15 ? .number(Double(i)) : .bigInt(i)
        case .float(let f): self = .number(f)
        case .string(let s): self = .string(s)
        case .tuple(let items): self = .tuple(try items.map(HashKey.init))
        case .object(let o): self = try o.hashKey()
        case .list, .dict, .set:
            throw PythonError(.typeError, "unhashable type: '\(value.typeName)'")
        }
    }
}

/// The part of a `HashKey` that compares two instances with their class's `__eq__`.
public final class CustomHashKey: Hashable {
    let instance: Instance
    unowned(unsafe) let interpreter: Interpreter

    init(_ instance: Instance, _ interpreter: Interpreter) {
        self.instance = instance
        self.interpreter = interpreter
    }

    public static func == (a: CustomHashKey, b: CustomHashKey) -> Bool {
        a.instance === b.instance || ((try? a.interpreter.equal(.object(a.instance), .object(b.instance))) ?? false)
    }

    public func hash(into hasher: inout Hasher) {}
}

/// `d.keys()`, `d.values()` and `d.items()`: live views of a dict, printed as Python prints them
/// (`dict_keys(['a', 'b'])`).
public final class DictView: PythonObject {
    public enum Part: String { case keys, values, items }
    let dict: DictObject
    let part: Part

    public init(_ dict: DictObject, _ part: Part) {
        self.dict = dict
        self.part = part
    }

    /// The items the view shows now.
    public var items: [Value] {
        switch part {
        case .keys: return dict.keys
        case .values: return dict.values
        case .items: return dict.pairs.map { .tuple([$0.key, $0.value]) }
        }
    }

    public var typeName: String { (dict.printsAsOrderedDict ? "odict_" : "dict_") + part.rawValue }
    public func repr(in interpreter: Interpreter) throws -> String { typeName + "(" + (try interpreter.repr(.list(items))) + ")" }
    public func makeIterator(in interpreter: Interpreter) throws -> ValueIterator? { ValueIterator(typeName: "dict_\(part.rawValue)iterator", items: items) }
    public func length(in interpreter: Interpreter) throws -> Int? { dict.count }
    public func truth(in interpreter: Interpreter) throws -> Bool? { dict.count > 0 }

    public func contains(_ item: Value, in interpreter: Interpreter) throws -> Bool? {
        switch part {
        case .keys: return try dict.get(item) != nil
        case .values, .items: return try items.contains { try interpreter.equal($0, item) }
        }
    }

    public func comparison(_ op: ComparisonOperator, _ other: Value, in interpreter: Interpreter) throws -> Value? {
        guard op == .equal || op == .notEqual, part != .values else { return nil }
        let mine = try SetObject(items)
        let theirs: SetObject
        switch other {
        case .set(let set): theirs = set
        case .object(let view as DictView): theirs = try SetObject(view.items)
        default: return .bool(op == .notEqual)
        }
        var same = mine.items.count == theirs.items.count
        if same { same = try mine.items.allSatisfy { try theirs.contains($0) } }
        return .bool(op == .equal ? same : !same)
    }
}
