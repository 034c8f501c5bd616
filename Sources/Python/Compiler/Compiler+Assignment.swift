/// Binding values to targets: names, `obj.attr`, `x[i]`, and unpacking into `a, *rest = ...`;
/// augmented assignment and `del`.
extension Compiler {
    /// `a = b = value`: every target gets the value.
    func assignment(_ targets: [Expr], _ value: Expr) throws -> Exec {
        let eval = try expression(value)
        let stores = try targets.map(target)
        if stores.count == 1 {
            let store = stores[0]
            return { frame in
                try store(frame, try eval(frame))
                return .normal
            }
        }
        return { frame in
            let result = try eval(frame)
            for store in stores { try store(frame, result) }
            return .normal
        }
    }

    /// How to store into a target expression.
    func target(_ target: Expr) throws -> Store {
        let span = target.span
        switch target.kind {
        case .name(let name):
            return try nameStore(name)
        case .attribute(let base, let name):
            let object = try expression(base)
            return { frame, value in
                do {
                    try frame.interpreter.setAttribute(of: try object(frame), name, to: value)
                } catch {
                    throw Compiler.locate(error, span)
                }
            }
        case .subscripted(let base, let indices):
            let container = try expression(base)
            let index = try subscriptIndex(indices)
            return { frame, value in
                do {
                    try frame.interpreter.setItem(of: try container(frame), at: try index(frame), to: value)
                } catch {
                    throw Compiler.locate(error, span)
                }
            }
        case .tuple(let items), .list(let items):
            return try unpacking(items, span: span)
        case .starred:
            throw SyntaxError("starred assignment target must be in a list or tuple", line: span.line, column: span.column)
        default:
            throw SyntaxError("cannot assign to \(target.kindDescription)", line: span.line, column: span.column)
        }
    }

    /// Stores into a name, wherever the resolver put it.
    func nameStore(_ name: String) throws -> Store {
        switch scope.access(name) {
        case .local(let slot):
            return { frame, value in Teardown.replace(&frame.locals[slot], with: value) }
        case .cell(let index):
            return { frame, value in Teardown.replace(&frame.cells[index].value, with: value) }
        case .global:
            let slot = module.slot(name)
            let module = self.module
            return { _, value in
                if slot.value == nil { module.bind(name, value) } else { Teardown.replace(&slot.value, with: value) }
            }
        case .classNamespace:
            return { frame, value in frame.namespace?.names[name] = value }
        }
    }

    /// `a, b = pair` and `first, *rest = items`, with Python's errors for the wrong count.
    private func unpacking(_ items: [Expr], span: SourceSpan) throws -> Store {
        let starIndex = items.firstIndex { if case .starred = $0.kind { return true } else { return false } }
        if items.filter({ if case .starred = $0.kind { return true } else { return false } }).count > 1 {
            throw SyntaxError("multiple starred expressions in assignment", line: span.line, column: span.column)
        }
        let stores = try items.map { item -> Store in
            if case .starred(let inner) = item.kind { return try target(inner) }
            return try target(item)
        }
        let count = items.count
        return { frame, value in
            let interpreter = frame.interpreter
            let values: [Value]
            do {
                values = try interpreter.iterate(value)
            } catch let error as PythonError where error.matches(.typeError) {
                throw Compiler.locate(PythonError(.typeError, "cannot unpack non-iterable \(value.typeName) object"), span)
            }
            guard let starIndex else {
                if values.count != count {
                    let message = values.count > count ? "too many values to unpack (expected \(count))"
                        : "not enough values to unpack (expected \(count), got \(values.count))"
                    throw Compiler.locate(PythonError(.valueError, message), span)
                }
                for (store, item) in zip(stores, values) { try store(frame, item) }
                return
            }
            let after = count - starIndex - 1
            if values.count < count - 1 {
                throw Compiler.locate(PythonError(.valueError,
                    "not enough values to unpack (expected at least \(count - 1), got \(values.count))"), span)
            }
            for i in 0..<starIndex { try stores[i](frame, values[i]) }
            try stores[starIndex](frame, .list(Array(values[starIndex..<(values.count - after)])))
            for i in 0..<after { try stores[starIndex + 1 + i](frame, values[values.count - after + i]) }
        }
    }

    /// `x += y`: in place for lists and objects that support it, a new value otherwise.
    func augmentedAssignment(_ target: Expr, _ op: String, _ value: Expr) throws -> Exec {
        let span = target.span
        guard let kind = BinaryOperator(rawValue: op) else {
            throw SyntaxError("unknown operator '\(op)='", line: span.line, column: span.column)
        }
        let operand = try expression(value)
        switch target.kind {
        case .name(let name):
            let load = nameLoad(name)
            let store = try nameStore(name)
            return { frame in
                let old = try load(frame)
                let right = try operand(frame)
                if kind == .add, case .int(let i) = old, case .int(let j) = right {
                    let (sum, overflow) = i.addingReportingOverflow(j)
                    if !overflow {
                        try store(frame, .int(sum))
                        return .normal
                    }
                }
                try store(frame, try frame.interpreter.inPlace(kind, old, right))
                return .normal
            }
        case .attribute(let baseExpression, let name):
            let base = try expression(baseExpression)
            return { frame in
                let interpreter = frame.interpreter
                let object = try base(frame)
                let old = try interpreter.attribute(of: object, name)
                let updated = try interpreter.inPlace(kind, old, try operand(frame))
                if Operators.identical(old, updated) && Operators.isMutable(old) { return .normal }
                try interpreter.setAttribute(of: object, name, to: updated)
                return .normal
            }
        case .subscripted(let baseExpression, let indices):
            let base = try expression(baseExpression)
            let index = try subscriptIndex(indices)
            return { frame in
                let interpreter = frame.interpreter
                let container = try base(frame)
                let key = try index(frame)
                let old = try interpreter.item(of: container, at: key)
                try interpreter.setItem(of: container, at: key, to: try interpreter.inPlace(kind, old, try operand(frame)))
                return .normal
            }
        default:
            throw SyntaxError("'\(target.kindDescription)' is an illegal expression for augmented assignment",
                              line: span.line, column: span.column)
        }
    }

    /// `del name`, `del x[i]`, `del obj.attr`.
    func deletion(_ target: Expr) throws -> (Frame) throws -> Void {
        let span = target.span
        switch target.kind {
        case .name(let name):
            switch scope.access(name) {
            case .local(let slot):
                return { frame in
                    guard frame.locals[slot] != nil else {
                        throw PythonError(.unboundLocalError, "cannot access local variable '\(name)' where it is not associated with a value")
                    }
                    Teardown.replace(&frame.locals[slot], with: nil)
                }
            case .cell(let index):
                return { frame in
                    guard frame.cells[index].value != nil else { throw PythonError(.nameError, "name '\(name)' is not defined") }
                    Teardown.replace(&frame.cells[index].value, with: nil)
                }
            case .global:
                let module = self.module
                return { _ in
                    guard module.value(of: name) != nil else { throw PythonError(.nameError, "name '\(name)' is not defined") }
                    module.unbind(name)
                }
            case .classNamespace:
                return { frame in
                    guard frame.namespace?.names.remove(name) != nil else { throw PythonError(.nameError, "name '\(name)' is not defined") }
                }
            }
        case .subscripted(let baseExpression, let indices):
            let base = try expression(baseExpression)
            let index = try subscriptIndex(indices)
            return { frame in try frame.interpreter.deleteItem(of: try base(frame), at: try index(frame)) }
        case .attribute(let baseExpression, let name):
            let base = try expression(baseExpression)
            return { frame in try frame.interpreter.deleteAttribute(of: try base(frame), name) }
        case .tuple(let items), .list(let items):
            let deletions = try items.map(deletion)
            return { frame in for delete in deletions { try delete(frame) } }
        default:
            throw SyntaxError("cannot delete \(target.kindDescription)", line: span.line, column: span.column)
        }
    }
}
