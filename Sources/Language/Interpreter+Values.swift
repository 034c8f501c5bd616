import TensorEngine

/// Truth, iteration and length: what `if`, `for` and `len()` ask of a value.
extension Interpreter {
    /// Python's `bool(value)`; a tensor must hold exactly one value, as in PyTorch.
    func truth(_ value: Value) throws -> Bool {
        switch value {
        case .none: return false
        case .bool(let b): return b
        case .int(let i): return i != 0
        case .float(let f): return f != 0
        case .string(let s): return !s.isEmpty
        case .tuple(let items): return !items.isEmpty
        case .size(let dims): return !dims.isEmpty
        case .list(let list): return !list.items.isEmpty
        case .dict(let dict): return dict.count > 0
        case .set(let set): return !set.items.isEmpty
        case .tensor(let t):
            let tensor = t.tensor
            if tensor.count == 0 { throw PythonError(.runtimeError, "Boolean value of Tensor with no values is ambiguous") }
            if tensor.count > 1 { throw PythonError(.runtimeError, "Boolean value of Tensor with more than one value is ambiguous") }
            return tensor.elements[0] != 0
        case .ellipsis: return true
        case .object(let object):
            if let range = object as? RangeObject { return range.count > 0 }
            return true
        }
    }

    /// An iterator over `value`, or Python's "object is not iterable" error.
    func makeIterator(_ value: Value) throws -> ValueIterator {
        switch value {
        case .list(let list):
            var position = 0
            return ValueIterator(typeName: "list_iterator") {
                guard position < list.items.count else { return nil }
                defer { position += 1 }
                return list.items[position]
            }
        case .tuple(let items): return ValueIterator(typeName: "tuple_iterator", items: items)
        case .size(let dims): return ValueIterator(typeName: "tuple_iterator", items: dims.map { .int($0) })
        case .string(let s): return ValueIterator(typeName: "str_iterator", items: s.map { .string(String($0)) })
        case .dict(let dict): return ValueIterator(typeName: "dict_keyiterator", items: dict.keys)
        case .set(let set): return ValueIterator(typeName: "set_iterator", items: set.items)
        case .tensor(let t):
            let tensor = t.tensor
            guard tensor.rank > 0 else { throw PythonError(.typeError, "iteration over a 0-d tensor") }
            var position = 0
            return ValueIterator {
                guard position < tensor.shape[0] else { return nil }
                defer { position += 1 }
                return .tensor(try tensor.index([.single(position)]))
            }
        case .object(let object):
            if let iterator = try object.makeIterator(in: self) { return iterator }
        default:
            break
        }
        throw PythonError(.typeError, "'\(value.typeName)' object is not iterable")
    }

    /// All items of an iterable, in order. Endless iterators are stopped by Ctrl-C or the limit.
    func iterate(_ value: Value) throws -> [Value] {
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
                if items.count > 50_000_000 { throw PythonError(.memoryError, "too many items") }
            }
        }
        return items
    }

    /// Python's `len(value)`.
    func length(of value: Value) throws -> Int {
        switch value {
        case .string(let s): return s.count
        case .tuple(let items): return items.count
        case .size(let dims): return dims.count
        case .list(let list): return list.items.count
        case .dict(let dict): return dict.count
        case .set(let set): return set.items.count
        case .tensor(let t):
            guard let first = t.tensor.shape.first else { throw PythonError(.typeError, "len() of a 0-d tensor") }
            return first
        case .object(let object):
            if let range = object as? RangeObject { return range.count }
            if let sized = object as? SizedObject { return sized.length }
        default: break
        }
        throw PythonError(.typeError, "object of type '\(value.typeName)' has no len()")
    }
}

/// An object with a length (`len(loader)`, `len(model)`).
protocol SizedObject: PythonObject {
    var length: Int { get }
}

/// `range(start, stop, step)`: a lazy sequence of integers.
final class RangeObject: PythonObject {
    let start: Int
    let stop: Int
    let step: Int

    init(start: Int, stop: Int, step: Int) throws {
        guard step != 0 else { throw PythonError(.valueError, "range() arg 3 must not be zero") }
        self.start = start
        self.stop = stop
        self.step = step
    }

    var typeName: String { "range" }

    var count: Int {
        if step > 0 { return start < stop ? (stop - start - 1) / step + 1 : 0 }
        return start > stop ? (start - stop - 1) / (-step) + 1 : 0
    }

    func element(_ i: Int) -> Int { start + i * step }

    func makeIterator(in interpreter: Interpreter) throws -> ValueIterator? {
        var position = 0
        let total = count
        return ValueIterator(typeName: "range_iterator") { [self] in
            guard position < total else { return nil }
            defer { position += 1 }
            return .int(element(position))
        }
    }

    func repr(in interpreter: Interpreter) throws -> String {
        step == 1 ? "range(\(start), \(stop))" : "range(\(start), \(stop), \(step))"
    }
}

/// `start:stop:step` as a value (what `x[1:3]` passes as its index).
final class SliceObject: PythonObject {
    let start: Value
    let stop: Value
    let step: Value

    init(_ start: Value, _ stop: Value, _ step: Value) {
        self.start = start
        self.stop = stop
        self.step = step
    }

    var typeName: String { "slice" }

    func repr(in interpreter: Interpreter) throws -> String {
        "slice(\(try PythonFormat.repr(start, in: interpreter)), \(try PythonFormat.repr(stop, in: interpreter)), \(try PythonFormat.repr(step, in: interpreter)))"
    }

    /// The slice's bounds as optional ints (a tensor index must be an int or None).
    func bounds() throws -> (Int?, Int?, Int?) {
        func bound(_ value: Value) throws -> Int? {
            if value.isNone { return nil }
            if let i = value.exactInt { return i }
            if case .tensor(let t) = value, t.tensor.count == 1, t.tensor.dtype != .float32 { return Int(t.tensor.elements[0]) }
            throw PythonError(.typeError, "slice indices must be integers or None or have an __index__ method")
        }
        let bounds = (try bound(start), try bound(stop), try bound(step))
        if bounds.2 == 0 { throw PythonError(.valueError, "slice step cannot be zero") }
        return bounds
    }

    /// The positions this slice selects from a sequence of `count` items (Python's `indices`).
    func positions(count: Int) throws -> [Int] {
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
