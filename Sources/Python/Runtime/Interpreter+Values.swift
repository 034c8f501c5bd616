/// Truth, iteration, length and context managers: what `if`, `for`, `len()` and `with` ask of a value.
extension Interpreter {
    /// Python's `bool(value)`.
    public func truth(_ value: Value) throws -> Bool {
        switch value {
        case .none: return false
        case .bool(let b): return b
        case .int(let i): return i != 0
        case .float(let f): return f != 0
        case .string(let s): return !s.isEmpty
        case .tuple(let items): return !items.isEmpty
        case .list(let list): return !list.items.isEmpty
        case .dict(let dict): return dict.count > 0
        case .set(let set): return !set.items.isEmpty
        case .ellipsis: return true
        case .object(let object):
            if let range = object as? RangeObject { return range.count > 0 }
            return try object.truth(in: self) ?? true
        }
    }

    /// An iterator over `value`, or Python's "object is not iterable" error.
    public func makeIterator(_ value: Value) throws -> ValueIterator {
        switch value {
        case .list(let list):
            var position = 0
            return ValueIterator(typeName: "list_iterator") {
                guard position < list.items.count else { return nil }
                defer { position += 1 }
                return list.items[position]
            }
        case .tuple(let items): return ValueIterator(typeName: "tuple_iterator", items: items)
        case .string(let s):
            var position = s.startIndex
            return ValueIterator(typeName: "str_iterator") {
                guard position < s.endIndex else { return nil }
                defer { position = s.index(after: position) }
                return .string(String(s[position]))
            }
        case .dict(let dict): return ValueIterator(typeName: "dict_keyiterator", items: dict.keys)
        case .set(let set): return ValueIterator(typeName: "set_iterator", items: set.items)
        case .object(let object):
            if let iterator = try object.makeIterator(in: self) { return iterator }
        default:
            break
        }
        throw PythonError(.typeError, "'\(value.typeName)' object is not iterable")
    }

    /// What `__iter__` returned, as an iterator: a built-in iterator, or an object with `__next__`.
    func iteratorReturned(by value: Value, from typeName: String) throws -> ValueIterator {
        if case .object(let object) = value {
            if let iterator = object as? ValueIterator { return iterator }
            if let generator = object as? GeneratorObject, let iterator = try generator.makeIterator(in: self) { return iterator }
            if let instance = object as? Instance, instance.cls.lookup("__next__") != nil {
                return ValueIterator(typeName: instance.typeName) { [unowned self] in
                    do {
                        return try instance.callDunder("__next__", in: self)
                    } catch let error as PythonError where error.matches(.stopIteration) {
                        return nil
                    }
                }
            }
        }
        if case .list = value { return try makeIterator(value) }
        throw PythonError(.typeError, "iter() returned non-iterator of type '\(value.typeName)'")
    }

    /// All items of an iterable, in order. Endless iterators are stopped by Ctrl-C or the limits.
    public func iterate(_ value: Value) throws -> [Value] {
        switch value {
        case .list(let list): return list.items
        case .tuple(let items): return items
        default: break
        }
        let iterator = try makeIterator(value)
        var items: [Value] = []
        while let item = try iterator.next() {
            items.append(item)
            if items.count & 0xFFFF == 0 {
                try checkInterrupt()
                try checkMemory(items.count)
            }
        }
        return items
    }

    /// Python's `len(value)`.
    public func length(of value: Value) throws -> Int {
        switch value {
        case .string(let s): return s.count
        case .tuple(let items): return items.count
        case .list(let list): return list.items.count
        case .dict(let dict): return dict.count
        case .set(let set): return set.items.count
        case .object(let object):
            if let range = object as? RangeObject { return range.count }
            if let count = try object.length(in: self) { return count }
        default: break
        }
        throw PythonError(.typeError, "object of type '\(value.typeName)' has no len()")
    }

    /// `with manager:` enters: `__enter__`'s result is what `as` binds.
    func enterContext(_ manager: Value) throws -> Value {
        if case .object(let object) = manager {
            if let context = object as? ContextManager { return try context.enter(in: self) }
            if let instance = object as? Instance, instance.cls.lookup("__exit__") != nil,
               let entered = try instance.callDunder("__enter__", in: self) {
                return entered
            }
        }
        throw PythonError(.typeError, "'\(manager.typeName)' object does not support the context manager protocol")
    }

    /// `with` leaves, normally (`error` nil) or by an error; true when the manager swallows the error.
    func exitContext(_ manager: Value, _ error: PythonError?) throws -> Bool {
        guard case .object(let object) = manager else { return false }
        if let context = object as? ContextManager { return try context.exit(error, in: self) }
        guard let instance = object as? Instance else { return false }
        var arguments: [Value] = [.none, .none, .none]
        if var error = error {
            arguments = [.object(error.exceptionClass), .object(error.materializedInstance()), .none]
        }
        let result = try instance.callDunder("__exit__", arguments, in: self) ?? .none
        guard error != nil else { return false }
        return try truth(result)
    }
}

/// A built-in object usable in a `with` statement (`torch.no_grad()`).
public protocol ContextManager: PythonObject {
    /// Runs at the start of the block; returns what `as` binds.
    func enter(in interpreter: Interpreter) throws -> Value
    /// Runs at the end of the block; true to swallow the error that ended it.
    func exit(_ error: PythonError?, in interpreter: Interpreter) throws -> Bool
}

/// `range(start, stop, step)`: a lazy sequence of integers.
public final class RangeObject: PythonObject {
    public let start: Int
    public let stop: Int
    public let step: Int

    public init(start: Int, stop: Int, step: Int) throws {
        guard step != 0 else { throw PythonError(.valueError, "range() arg 3 must not be zero") }
        self.start = start
        self.stop = stop
        self.step = step
    }

    public var typeName: String { "range" }

    public var count: Int {
        if step > 0 { return start < stop ? (stop - start - 1) / step + 1 : 0 }
        return start > stop ? (start - stop - 1) / (-step) + 1 : 0
    }

    public func element(_ i: Int) -> Int { start + i * step }

    func contains(_ value: Int) -> Bool {
        let offset = value - start
        guard step > 0 ? (value >= start && value < stop) : (value <= start && value > stop) else { return false }
        return offset % step == 0
    }

    public func makeIterator(in interpreter: Interpreter) throws -> ValueIterator? {
        var position = 0
        let total = count
        return ValueIterator(typeName: "range_iterator") { [self] in
            guard position < total else { return nil }
            defer { position += 1 }
            return .int(element(position))
        }
    }

    public func repr(in interpreter: Interpreter) throws -> String {
        step == 1 ? "range(\(start), \(stop))" : "range(\(start), \(stop), \(step))"
    }
}

/// `start:stop:step` as a value (what `x[1:3]` passes as its index).
public final class SliceObject: PythonObject {
    public let start: Value
    public let stop: Value
    public let step: Value

    public init(_ start: Value, _ stop: Value, _ step: Value) {
        self.start = start
        self.stop = stop
        self.step = step
    }

    public var typeName: String { "slice" }

    public func repr(in interpreter: Interpreter) throws -> String {
        "slice(\(try interpreter.repr(start)), \(try interpreter.repr(stop)), \(try interpreter.repr(step)))"
    }

    /// The slice's bounds as optional ints (a tensor index must be an int or None).
    public func bounds() throws -> (Int?, Int?, Int?) {
        func bound(_ value: Value) throws -> Int? {
            if value.isNone { return nil }
            if let i = value.exactInt ?? value.object(as: PythonObject.self)?.indexValue { return i }
            throw PythonError(.typeError, "slice indices must be integers or None or have an __index__ method")
        }
        let bounds = (try bound(start), try bound(stop), try bound(step))
        if bounds.2 == 0 { throw PythonError(.valueError, "slice step cannot be zero") }
        return bounds
    }

    /// The positions this slice selects from a sequence of `count` items (Python's `indices`).
    public func positions(count: Int) throws -> [Int] {
        let (startValue, stopValue, stepValue) = try bounds()
        let step = stepValue ?? 1
        func clamp(_ value: Int?, _ defaultValue: Int) -> Int {
            guard var v = value else { return defaultValue }
            if v < 0 { v += count }
            return step > 0 ? min(max(v, 0), count) : min(max(v, -1), count - 1)
        }
        let start = clamp(startValue, step > 0 ? 0 : count - 1)
        let stop = clamp(stopValue, step > 0 ? count : -1)
        return Array(stride(from: start, to: stop, by: step))
    }
}
