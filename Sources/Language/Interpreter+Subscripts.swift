import TensorEngine

/// An object that answers `obj[i]` (a Sequential's layers, a data set's samples).
protocol SubscriptableObject: PythonObject {
    func item(at index: Value, in interpreter: Interpreter) throws -> Value
}

/// `x[i]`, `x[i] = v` and `del x[i]` on lists, tuples, strings, dicts and tensors.
extension Interpreter {
    func item(of container: Value, at index: Value) throws -> Value {
        switch container {
        case .list(let list): return try sequenceItem(list.items, index, "list") { .list($0) }
        case .tuple(let items): return try sequenceItem(items, index, "tuple") { .tuple($0) }
        case .size(let dims):
            return try sequenceItem(dims.map { .int($0) }, index, "tuple") { .size($0.compactMap(\.exactInt)) }
        case .string(let s):
            return try sequenceItem(s.map { .string(String($0)) }, index, "string") { items in
                .string(items.map { if case .string(let c) = $0 { return c } else { return "" } }.joined())
            }
        case .dict(let dict):
            guard let value = try dict.get(index) else { throw PythonError(.keyError, try PythonFormat.repr(index, in: self)) }
            return value
        case .tensor(let t):
            return .tensor(try t.tensor.index(try tensorIndices(index)))
        case .object(let object):
            if let subscriptable = object as? SubscriptableObject { return try subscriptable.item(at: index, in: self) }
            if let range = object as? RangeObject {
                let positions = try sequencePositions(count: range.count, index, "range")
                if case .object(let o) = index, o is SliceObject {
                    return .list(positions.map { .int(range.element($0)) })
                }
                return .int(range.element(positions[0]))
            }
        default:
            break
        }
        throw PythonError(.typeError, "'\(container.typeName)' object is not subscriptable")
    }

    private func sequenceItem(_ items: [Value], _ index: Value, _ kind: String, _ make: ([Value]) -> Value) throws -> Value {
        let positions = try sequencePositions(count: items.count, index, kind)
        if case .object(let object) = index, object is SliceObject { return make(positions.map { items[$0] }) }
        return items[positions[0]]
    }

    /// The positions `index` picks from a sequence: one for an integer, any number for a slice.
    func sequencePositions(count: Int, _ index: Value, _ kind: String) throws -> [Int] {
        if case .object(let object) = index, let slice = object as? SliceObject {
            return try slice.positions(count: count)
        }
        var position: Int
        if let i = index.exactInt {
            position = i
        } else if case .tensor(let t) = index, t.tensor.count == 1, t.tensor.dtype != .float32 {
            position = Int(t.tensor.elements[0])
        } else {
            let what = kind == "string" ? "string indices" : "\(kind) indices"
            throw PythonError(.typeError, "\(what) must be integers or slices, not \(index.typeName)")
        }
        if position < 0 { position += count }
        guard position >= 0 && position < count else { throw PythonError(.indexError, "\(kind) index out of range") }
        return [position]
    }

    /// A Python subscript as tensor indices: ints, slices, None, `...`, index tensors and lists, masks.
    func tensorIndices(_ index: Value) throws -> [TensorIndex] {
        if case .tuple(let items) = index { return try items.map(tensorIndex) }
        return [try tensorIndex(index)]
    }

    private func tensorIndex(_ value: Value) throws -> TensorIndex {
        switch value {
        case .int(let i): return .single(i)
        case .bool(let b): return .tensor(Tensor(scalar: b ? 1 : 0, dtype: .bool))
        case .none: return .newAxis
        case .ellipsis: return .ellipsis
        case .tensor(let t):
            let tensor = t.tensor
            if tensor.rank == 0 && tensor.dtype == .int64 { return .single(Int(tensor.elements[0])) }
            if tensor.dtype == .float32 {
                throw PythonError(.indexError, "tensors used as indices must be long, int, byte or bool tensors")
            }
            return .tensor(tensor)
        case .list, .tuple:
            return .tensor(try TensorConversion.tensor(from: value, dtype: nil, in: self))
        case .object(let object):
            if let slice = object as? SliceObject {
                let (start, stop, step) = try slice.bounds()
                if let step, step < 0 { throw PythonError(.valueError, "step must be greater than zero") }
                return .slice(start, stop, step)
            }
        default:
            break
        }
        throw PythonError(.indexError,
            "only integers, slices (`:`), ellipsis (`...`), None and long or byte Variables are valid indices (got \(value.typeName))")
    }

    func setItem(of container: Value, at index: Value, to value: Value) throws {
        switch container {
        case .list(let list):
            if case .object(let object) = index, let slice = object as? SliceObject {
                let replacement = try iterate(value)
                let positions = try slice.positions(count: list.items.count)
                let (lower, _, step) = try slice.bounds()
                if (step ?? 1) == 1 {
                    let count = list.items.count
                    let start = positions.first ?? min(max(lower.map { $0 < 0 ? $0 + count : $0 } ?? 0, 0), count)
                    list.items.replaceSubrange(start..<(start + positions.count), with: replacement)
                } else {
                    guard replacement.count == positions.count else {
                        throw PythonError(.valueError, "attempt to assign sequence of size \(replacement.count) to extended slice of size \(positions.count)")
                    }
                    for (position, item) in zip(positions, replacement) { list.items[position] = item }
                }
                return
            }
            let position = try sequencePositions(count: list.items.count, index, "list")[0]
            list.items[position] = value
        case .dict(let dict):
            try dict.set(index, value)
        case .tensor(let t):
            var tensor = t.tensor
            let source: Tensor
            if case .tensor(let v) = value {
                source = v.tensor
            } else if value.numberValue != nil {
                source = try value.asOperandTensor().converted(to: tensor.dtype)
            } else {
                source = try TensorConversion.tensor(from: value, dtype: tensor.dtype, in: self)
            }
            try tensor.assign(source, at: try tensorIndices(index))
            try t.store(tensor)
        default:
            throw PythonError(.typeError, "'\(container.typeName)' object does not support item assignment")
        }
    }

    func deleteItem(of container: Value, at index: Value) throws {
        switch container {
        case .list(let list):
            let positions = try sequencePositions(count: list.items.count, index, "list")
            for position in positions.sorted(by: >) { list.items.remove(at: position) }
        case .dict(let dict):
            guard try dict.remove(index) != nil else { throw PythonError(.keyError, try PythonFormat.repr(index, in: self)) }
        default:
            throw PythonError(.typeError, "'\(container.typeName)' object does not support item deletion")
        }
    }
}
