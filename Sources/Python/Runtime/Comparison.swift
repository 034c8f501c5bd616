/// Comparisons: `==`, `<` and friends, `is`, and `in`. Numbers, strings and sequences compare
/// here; objects answer through `comparison` (a class's `__eq__`, `__lt__`...).
extension Interpreter {
    func compare(_ kind: Compiler.ComparisonKind, _ a: Value, _ b: Value) throws -> Value {
        switch kind {
        case .rich(let op): return try compare(op, a, b)
        case .identity(let negated): return .bool(Operators.identical(a, b) != negated)
        case .membership(let negated): return .bool(try contains(b, a) != negated)
        }
    }

    /// `a op b` for the rich comparisons; objects may return anything (a tensor of booleans).
    public func compare(_ op: ComparisonOperator, _ a: Value, _ b: Value) throws -> Value {
        if let result = try objectsCompare(op, a, b) { return result }
        switch op {
        case .equal: return .bool(try equal(a, b))
        case .notEqual: return .bool(!(try equal(a, b)))
        default:
            let order = try ordering(a, b, op: op)
            switch op {
            case .less: return .bool(order < 0)
            case .lessOrEqual: return .bool(order <= 0)
            case .greater: return .bool(order > 0)
            default: return .bool(order >= 0)
            }
        }
    }

    /// What the objects themselves answer for `a op b` (their `__lt__`, or the reflected
    /// `__gt__` of `b`), or nil when neither knows.
    private func objectsCompare(_ op: ComparisonOperator, _ a: Value, _ b: Value) throws -> Value? {
        if case .object(let left) = a, let result = try left.comparison(op, b, in: self) { return result }
        if case .object(let right) = b, let result = try right.comparison(op.swapped, a, in: self) { return result }
        return nil
    }

    /// Python's `==`, as a truth value.
    public func equal(_ a: Value, _ b: Value) throws -> Bool {
        var depth = 0
        return try equal(a, b, depth: &depth)
    }

    private func equal(_ a: Value, _ b: Value, depth: inout Int) throws -> Bool {
        if let x = a.numberValue, let y = b.numberValue {
            if let i = a.exactInt, let j = b.exactInt { return i == j }
            return x == y
        }
        switch (a, b) {
        case (.none, .none), (.ellipsis, .ellipsis): return true
        case (.string(let x), .string(let y)): return x == y
        case (.list(let x), .list(let y)):
            if x === y { return true }
            return try sequencesEqual(x.items, y.items, depth: &depth)
        case (.dict(let x), .dict(let y)):
            if x === y { return true }
            guard x.count == y.count else { return false }
            for (key, value) in x.pairs {
                guard let other = try y.get(key) else { return false }
                guard try elementsEqual(value, other, depth: &depth) else { return false }
            }
            return true
        case (.set(let x), .set(let y)):
            guard x.items.count == y.items.count else { return false }
            return try x.items.allSatisfy { try y.contains($0) }
        case (.object, _), (_, .object):
            if let x = a.tupleItems, let y = b.tupleItems { return try sequencesEqual(x, y, depth: &depth) }
            if case .object(let left) = a, let result = try left.comparison(.equal, b, in: self) { return try truth(result) }
            if case .object(let right) = b, let result = try right.comparison(.equal, a, in: self) { return try truth(result) }
            return Operators.identical(a, b)
        default:
            if let x = a.tupleItems, let y = b.tupleItems { return try sequencesEqual(x, y, depth: &depth) }
            return false
        }
    }

    private func sequencesEqual(_ x: [Value], _ y: [Value], depth: inout Int) throws -> Bool {
        guard x.count == y.count else { return false }
        for (p, q) in zip(x, y) {
            guard try elementsEqual(p, q, depth: &depth) else { return false }
        }
        return true
    }

    /// Items of containers compare with identity first (as Python's containers do), then `==`.
    private func elementsEqual(_ p: Value, _ q: Value, depth: inout Int) throws -> Bool {
        if Operators.identical(p, q) && !p.isNaNFloat { return true }
        depth += 1
        defer { depth -= 1 }
        if depth > Interpreter.maxNesting {
            throw PythonError(.recursionError, "maximum recursion depth exceeded in comparison")
        }
        if case .object(let left) = p, let result = try left.comparison(.equal, q, in: self) { return try truth(result) }
        return try equal(p, q, depth: &depth)
    }

    /// -1, 0 or 1 for `<` and friends on numbers, strings, lists and tuples.
    public func ordering(_ a: Value, _ b: Value, op: ComparisonOperator = .less) throws -> Int {
        var depth = 0
        return try ordering(a, b, op: op, depth: &depth)
    }

    private func ordering(_ a: Value, _ b: Value, op: ComparisonOperator, depth: inout Int) throws -> Int {
        if let x = a.numberValue, let y = b.numberValue {
            if let i = a.exactInt, let j = b.exactInt { return i < j ? -1 : (i == j ? 0 : 1) }
            return x < y ? -1 : (x == y ? 0 : 1)
        }
        depth += 1
        defer { depth -= 1 }
        if depth > Interpreter.maxNesting { throw PythonError(.recursionError, "maximum recursion depth exceeded in comparison") }
        switch (a, b) {
        case (.string(let x), .string(let y)): return x < y ? -1 : (x == y ? 0 : 1)
        case (.list(let x), .list(let y)): return try sequenceOrdering(x.items, y.items, op: op, depth: &depth)
        default:
            if let x = a.tupleItems, let y = b.tupleItems { return try sequenceOrdering(x, y, op: op, depth: &depth) }
            if case .object = a, case .bool(let less)? = try? objectsCompare(.less, a, b) {
                if less { return -1 }
                if case .bool(true)? = try objectsCompare(.less, b, a) { return 1 }
                return 0
            }
            throw PythonError(.typeError, "'\(op.rawValue)' not supported between instances of '\(a.typeName)' and '\(b.typeName)'")
        }
    }

    private func sequenceOrdering(_ x: [Value], _ y: [Value], op: ComparisonOperator, depth: inout Int) throws -> Int {
        for (p, q) in zip(x, y) where !(try elementsEqual(p, q, depth: &depth)) {
            return try ordering(p, q, op: op, depth: &depth)
        }
        return x.count < y.count ? -1 : (x.count == y.count ? 0 : 1)
    }

    /// Python's `item in container`.
    public func contains(_ container: Value, _ item: Value) throws -> Bool {
        switch container {
        case .string(let s):
            guard case .string(let part) = item else {
                throw PythonError(.typeError, "'in <string>' requires string as left operand, not \(item.typeName)")
            }
            return part.isEmpty || s.contains(part)
        case .dict(let d): return try d.get(item) != nil
        case .set(let s): return try s.contains(item)
        case .object(let object):
            if let answer = try object.contains(item, in: self) { return answer }
            if let range = object as? RangeObject, let i = item.exactInt { return range.contains(i) }
        default:
            break
        }
        let iterator = try makeIterator(container)
        while let element = try iterator.next() {
            if Operators.identical(element, item) { return true }
            if try truth(try compare(.equal, element, item)) { return true }
        }
        return false
    }
}

extension Operators {
    /// Python's `is`: the same object (or the same small immutable value).
    static func identical(_ a: Value, _ b: Value) -> Bool {
        switch (a, b) {
        case (.none, .none), (.ellipsis, .ellipsis): return true
        case (.bool(let x), .bool(let y)): return x == y
        case (.int(let x), .int(let y)): return x == y
        case (.float(let x), .float(let y)): return x.bitPattern == y.bitPattern
        case (.string(let x), .string(let y)): return x == y
        case (.list(let x), .list(let y)): return x === y
        case (.dict(let x), .dict(let y)): return x === y
        case (.set(let x), .set(let y)): return x === y
        case (.object(let x), .object(let y)): return x === y || x.identity == y.identity
        default: return false
        }
    }

    /// True for values that `x op= y` may change in place (so `obj.attr op= y` need not store back).
    static func isMutable(_ value: Value) -> Bool {
        switch value {
        case .list, .dict, .set, .object: return true
        default: return false
        }
    }
}

extension Value {
    var isNaNFloat: Bool {
        if case .float(let f) = self { return f.isNaN }
        return false
    }
}
