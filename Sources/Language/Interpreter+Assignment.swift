import TensorEngine

/// Binding values to targets: names, `obj.attr`, `x[i]`, and unpacking into `a, *rest = ...`.
extension Interpreter {
    func assign(_ value: Value, to target: Expr, in environment: Environment) throws {
        switch target.kind {
        case .name(let name):
            try environment.assign(name, value)
        case .attribute(let base, let name):
            try setAttribute(of: try evaluate(base, in: environment), name, to: value)
        case .subscripted(let base, let indices):
            let container = try evaluate(base, in: environment)
            let index = indices.count == 1 ? try evaluate(indices[0], in: environment)
                : .tuple(try indices.map { try evaluate($0, in: environment) })
            try setItem(of: container, at: index, to: value)
        case .tuple(let targets), .list(let targets):
            try unpack(value, into: targets, in: environment)
        default:
            throw PythonError(.exception, "cannot assign to \(target.kindDescription)")
        }
    }

    /// `a, b = pair` and `first, *rest = items`, with Python's errors for the wrong count.
    private func unpack(_ value: Value, into targets: [Expr], in environment: Environment) throws {
        let items: [Value]
        do {
            items = try iterate(value)
        } catch let error as PythonError where error.kind == .typeError {
            throw PythonError(.typeError, "cannot unpack non-iterable \(value.typeName) object")
        }
        let starIndex = targets.firstIndex { if case .starred = $0.kind { return true } else { return false } }
        guard let starIndex else {
            if items.count > targets.count {
                throw PythonError(.valueError, "too many values to unpack (expected \(targets.count))")
            }
            if items.count < targets.count {
                throw PythonError(.valueError, "not enough values to unpack (expected \(targets.count), got \(items.count))")
            }
            for (target, item) in zip(targets, items) { try assign(item, to: target, in: environment) }
            return
        }
        let after = targets.count - starIndex - 1
        if items.count < targets.count - 1 {
            throw PythonError(.valueError, "not enough values to unpack (expected at least \(targets.count - 1), got \(items.count))")
        }
        for i in 0..<starIndex { try assign(items[i], to: targets[i], in: environment) }
        if case .starred(let inner) = targets[starIndex].kind {
            try assign(.list(Array(items[starIndex..<(items.count - after)])), to: inner, in: environment)
        }
        for i in 0..<after { try assign(items[items.count - after + i], to: targets[starIndex + 1 + i], in: environment) }
    }

    /// `x += y`: in place for lists and tensors (every name for them sees the change), a new
    /// value for numbers, strings and tuples.
    func augmentedAssign(_ target: Expr, op: String, _ valueExpression: Expr, in environment: Environment) throws {
        switch target.kind {
        case .name(let name):
            guard let old = try environment.lookup(name) else {
                throw PythonError(.nameError, "name '\(name)' is not defined")
            }
            let value = try evaluate(valueExpression, in: environment)
            try environment.assign(name, try Operators.inPlace(op, old, value, in: self))
        case .attribute(let baseExpression, let name):
            let base = try evaluate(baseExpression, in: environment)
            let old = try attribute(of: base, name)
            let value = try evaluate(valueExpression, in: environment)
            let updated = try Operators.inPlace(op, old, value, in: self)
            if case .tensor(let before) = old, case .tensor(let after) = updated, before === after { return }
            try setAttribute(of: base, name, to: updated)
        case .subscripted(let baseExpression, let indices):
            let container = try evaluate(baseExpression, in: environment)
            let index = indices.count == 1 ? try evaluate(indices[0], in: environment)
                : .tuple(try indices.map { try evaluate($0, in: environment) })
            let old = try item(of: container, at: index)
            let value = try evaluate(valueExpression, in: environment)
            try setItem(of: container, at: index, to: try Operators.binary(op, old, value, in: self))
        default:
            throw PythonError(.exception, "'\(target.kindDescription)' is an illegal expression for augmented assignment")
        }
    }

    func delete(_ target: Expr, in environment: Environment) throws {
        switch target.kind {
        case .name(let name):
            try environment.delete(name)
        case .subscripted(let baseExpression, let indices):
            let container = try evaluate(baseExpression, in: environment)
            let index = indices.count == 1 ? try evaluate(indices[0], in: environment)
                : .tuple(try indices.map { try evaluate($0, in: environment) })
            try deleteItem(of: container, at: index)
        case .attribute(_, let name):
            throw PythonError(.attributeError, "cannot delete attribute '\(name)'")
        default:
            throw PythonError(.exception, "cannot delete \(target.kindDescription)")
        }
    }
}
