/// `x[i]`, `x[i] = v` and `del x[i]` on lists, tuples, strings, dicts, ranges and objects.
extension Interpreter {
    public func item(of container: Value, at index: Value) throws -> Value {
        switch container {
        case .list(let list): return try sequenceItem(list.items, index, "list") { .list($0) }
        case .tuple(let items): return try sequenceItem(items, index, "tuple") { .tuple($0) }
        case .string(let s):
            return try sequenceItem(s.map { .string(String($0)) }, index, "string") { items in
                .string(items.map { if case .string(let c) = $0 { return c } else { return "" } }.joined())
            }
        case .dict(let dict):
            if let value = try dict.get(index) { return value }
            switch dict.flavor {
            case .defaultDict(let factory):
                let made = try call(factory, Arguments())
                try dict.set(index, made)
                return made
            case .counter: return .int(0)
            case .plain, .ordered: throw PythonError.keyError(index, in: self)
            }
        case .object(let object):
            if let range = object as? RangeObject {
                let positions = try sequencePositions(count: range.count, index, "range")
                if isSlice(index) { return .list(positions.map { .int(range.element($0)) }) }
                return .int(range.element(positions[0]))
            }
            if let result = try object.item(at: index, in: self) { return result }
            if let cls = object as? ClassObject, let getter = cls.lookup("__class_getitem__") {
                return try callMethod(getter.value, on: container, Arguments([index]))
            }
        default:
            break
        }
        throw PythonError(.typeError, "'\(container.typeName)' object is not subscriptable")
    }

    func isSlice(_ index: Value) -> Bool {
        if case .object(let object) = index, object is SliceObject { return true }
        return false
    }

    private func sequenceItem(_ items: [Value], _ index: Value, _ kind: String, _ make: ([Value]) -> Value) throws -> Value {
        let positions = try sequencePositions(count: items.count, index, kind)
        if isSlice(index) { return make(positions.map { items[$0] }) }
        return items[positions[0]]
    }

    /// The positions `index` picks from a sequence: one for an integer, any number for a slice.
    public func sequencePositions(count: Int, _ index: Value, _ kind: String) throws -> [Int] {
        if case .object(let object) = index, let slice = object as? SliceObject {
            return try slice.positions(count: count)
        }
        guard var position = index.exactInt ?? (index.object(as: PythonObject.self)?.indexValue) else {
            let what = kind == "string" ? "string indices" : "\(kind) indices"
            throw PythonError(.typeError, "\(what) must be integers or slices, not \(index.typeName)")
        }
        if position < 0 { position += count }
        guard position >= 0 && position < count else { throw PythonError(.indexError, "\(kind) index out of range") }
        return [position]
    }

    public func setItem(of container: Value, at index: Value, to value: Value) throws {
        switch container {
        case .list(let list):
            if case .object(let object) = index, let slice = object as? SliceObject {
                try assign(value, toSlice: slice, of: list)
                return
            }
            let position = try sequencePositions(count: list.items.count, index, "list")[0]
            list.items[position] = value
        case .dict(let dict):
            try dict.set(index, value)
        case .object(let object):
            if try object.setItem(at: index, to: value, in: self) { return }
            throw PythonError(.typeError, "'\(container.typeName)' object does not support item assignment")
        default:
            throw PythonError(.typeError, "'\(container.typeName)' object does not support item assignment")
        }
    }

    private func assign(_ value: Value, toSlice slice: SliceObject, of list: ListObject) throws {
        let replacement = try iterate(value)
        let positions = try slice.positions(count: list.items.count)
        let (lower, _, step) = try slice.bounds()
        if (step ?? 1) == 1 {
            let count = list.items.count
            let start = positions.first ?? min(max(lower.map { $0 < 0 ? $0 + count : $0 } ?? 0, 0), count)
            list.items.replaceSubrange(start..<(start + positions.count), with: replacement)
            return
        }
        guard replacement.count == positions.count else {
            throw PythonError(.valueError, "attempt to assign sequence of size \(replacement.count) to extended slice of size \(positions.count)")
        }
        for (position, item) in zip(positions, replacement) { list.items[position] = item }
    }

    public func deleteItem(of container: Value, at index: Value) throws {
        switch container {
        case .list(let list):
            let positions = try sequencePositions(count: list.items.count, index, "list")
            for position in positions.sorted(by: >) { list.items.remove(at: position) }
        case .dict(let dict):
            guard try dict.remove(index) != nil else { throw PythonError.keyError(index, in: self) }
        case .object(let object):
            if try object.deleteItem(at: index, in: self) { return }
            throw PythonError(.typeError, "'\(container.typeName)' object does not support item deletion")
        default:
            throw PythonError(.typeError, "'\(container.typeName)' object does not support item deletion")
        }
    }
}
