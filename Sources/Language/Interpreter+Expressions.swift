import TensorEngine

/// Expressions: each one computes a value. An error gets the span of the innermost expression
/// that failed, which is where the traceback's caret goes.
extension Interpreter {
    func evaluate(_ expression: Expr, in environment: Environment) throws -> Value {
        do {
            return try compute(expression, in: environment)
        } catch let error as PythonError {
            throw located(error, expression.span)
        } catch let error as TensorError {
            throw located(PythonError(error), expression.span)
        }
    }

    private func compute(_ expression: Expr, in environment: Environment) throws -> Value {
        switch expression.kind {
        case .name(let name):
            guard let value = try environment.lookup(name) else {
                throw PythonError(.nameError, NameSuggestion.message(for: name, in: environment))
            }
            return value
        case .constant(let value):
            return value
        case .formatted(let pieces):
            return .string(try format(pieces, in: environment))
        case .list(let items):
            return .list(try evaluateItems(items, in: environment))
        case .tuple(let items):
            return .tuple(try evaluateItems(items, in: environment))
        case .set(let items):
            return .set(try SetObject(try evaluateItems(items, in: environment)))
        case .dict(let pairs):
            let dict = DictObject()
            for (key, value) in pairs {
                try dict.set(try evaluate(key, in: environment), try evaluate(value, in: environment))
            }
            return .dict(dict)
        case .attribute(let base, let name):
            return try attribute(of: try evaluate(base, in: environment), name)
        case .subscripted(let base, let indices):
            let container = try evaluate(base, in: environment)
            return try item(of: container, at: try subscriptIndex(indices, in: environment))
        case .slice(let start, let stop, let step):
            return .object(SliceObject(try start.map { try evaluate($0, in: environment) } ?? .none,
                                       try stop.map { try evaluate($0, in: environment) } ?? .none,
                                       try step.map { try evaluate($0, in: environment) } ?? .none))
        case .starred:
            throw PythonError(.exception, "can't use starred expression here")
        case .call(let callee, let arguments):
            let function = try evaluate(callee, in: environment)
            return try call(function, try evaluateArguments(arguments, in: environment))
        case .unary(let op, let operand):
            return try Operators.unary(op, try evaluate(operand, in: environment), in: self)
        case .binary(let op, let left, let right):
            let a = try evaluate(left, in: environment)
            let b = try evaluate(right, in: environment)
            return try Operators.binary(op, a, b, in: self)
        case .logical(let isAnd, let left, let right):
            let a = try evaluate(left, in: environment)
            return try truth(a) == isAnd ? try evaluate(right, in: environment) : a
        case .compare(let first, let rest):
            return try compare(first, rest, in: environment)
        case .conditional(let condition, let then, let otherwise):
            return try truth(try evaluate(condition, in: environment))
                ? try evaluate(then, in: environment) : try evaluate(otherwise, in: environment)
        case .lambda(let definition):
            return .object(try makeFunction(definition, in: environment))
        case .comprehension(let kind, let element, let value, let clauses):
            return try comprehension(kind, element, value, clauses, in: environment)
        }
    }

    /// Items of a list or tuple display, with `*iterable` spread out.
    private func evaluateItems(_ items: [Expr], in environment: Environment) throws -> [Value] {
        var values: [Value] = []
        values.reserveCapacity(items.count)
        for item in items {
            if case .starred(let inner) = item.kind {
                values += try iterate(try evaluate(inner, in: environment))
            } else {
                values.append(try evaluate(item, in: environment))
            }
        }
        return values
    }

    /// The index of `x[...]`: one value, or a tuple for `x[i, j]`.
    private func subscriptIndex(_ indices: [Expr], in environment: Environment) throws -> Value {
        if indices.count == 1 { return try evaluate(indices[0], in: environment) }
        return .tuple(try indices.map { try evaluate($0, in: environment) })
    }

    func evaluateArguments(_ arguments: [Argument], in environment: Environment) throws -> Arguments {
        var result = Arguments()
        for argument in arguments {
            let value = try evaluate(argument.value, in: environment)
            switch argument.kind {
            case .positional:
                result.positional.append(value)
            case .keyword(let name):
                result.keywords.append((name, value))
            case .unpackIterable:
                result.positional += try iterate(value)
            case .unpackMapping:
                guard case .dict(let dict) = value else {
                    throw PythonError(.typeError, "argument after ** must be a mapping, not \(value.typeName)")
                }
                for (key, item) in dict.pairs {
                    guard case .string(let name) = key else { throw PythonError(.typeError, "keywords must be strings") }
                    if result.keywords.contains(where: { $0.name == name }) {
                        throw PythonError(.typeError, "got multiple values for keyword argument '\(name)'")
                    }
                    result.keywords.append((name, item))
                }
            }
        }
        return result
    }

    /// `a < b < c` is `a < b and b < c`, evaluating `b` once.
    private func compare(_ first: Expr, _ rest: [(op: String, right: Expr)], in environment: Environment) throws -> Value {
        var left = try evaluate(first, in: environment)
        var result = Value.bool(true)
        for (op, rightExpression) in rest {
            let right = try evaluate(rightExpression, in: environment)
            result = try Operators.compare(op, left, right, in: self)
            if rest.count > 1, !(try truth(result)) { return result }
            left = right
        }
        return result
    }

    /// An f-string's text: literal pieces and formatted fields.
    private func format(_ pieces: [FormatPiece], in environment: Environment) throws -> String {
        var text = ""
        for piece in pieces {
            switch piece {
            case .text(let literal):
                text += literal
            case .field(let expression, let conversion, let specPieces, let echo):
                let value = try evaluate(expression, in: environment)
                let spec = try format(specPieces, in: environment)
                if let echo { text += echo }
                switch conversion {
                case "r": text += try PythonFormat.format(.string(try PythonFormat.repr(value, in: self)), spec: spec, in: self)
                case "s", "a": text += try PythonFormat.format(.string(try PythonFormat.str(value, in: self)), spec: spec, in: self)
                default: text += try PythonFormat.format(value, spec: spec, in: self)
                }
            }
        }
        return text
    }

    // MARK: Comprehensions

    private func comprehension(_ kind: ComprehensionKind, _ element: Expr, _ value: Expr?, _ clauses: [ComprehensionClause],
                               in environment: Environment) throws -> Value {
        let scope = Environment.comprehension(parent: environment)
        if kind == .generator {
            // The first iterable is evaluated now, the rest lazily, as in Python.
            let firstIterable = try makeIterator(try evaluate(clauses[0].iterable, in: environment))
            return .object(lazyGenerator(element, clauses, firstIterable, scope))
        }
        var items: [Value] = []
        var pairs: [(Value, Value)] = []
        try produce(clauses, 0, in: scope, firstIterator: nil) {
            if let value {
                pairs.append((try self.evaluate(element, in: scope), try self.evaluate(value, in: scope)))
            } else {
                items.append(try self.evaluate(element, in: scope))
            }
        }
        switch kind {
        case .list: return .list(items)
        case .set: return .set(try SetObject(items))
        case .dict: return .dict(try DictObject(pairs))
        case .generator: return .list(items)
        }
    }

    /// Runs the nested `for`/`if` clauses, calling `body` for every combination that passes.
    private func produce(_ clauses: [ComprehensionClause], _ index: Int, in scope: Environment,
                         firstIterator: ValueIterator?, body: () throws -> Void) throws {
        guard index < clauses.count else {
            try body()
            return
        }
        let clause = clauses[index]
        let iterator = try firstIterator ?? makeIterator(try evaluate(clause.iterable, in: scope))
        while let item = try iterator.next() {
            try checkInterrupt()
            try assign(item, to: clause.target, in: scope)
            if try clause.conditions.allSatisfy({ try truth(try evaluate($0, in: scope)) }) {
                try produce(clauses, index + 1, in: scope, firstIterator: nil, body: body)
            }
        }
    }

    /// A generator expression: produces its elements one at a time, when asked.
    private func lazyGenerator(_ element: Expr, _ clauses: [ComprehensionClause], _ first: ValueIterator,
                               _ scope: Environment) -> ValueIterator {
        if clauses.count == 1 {
            let clause = clauses[0]
            return ValueIterator(typeName: "generator") { [unowned self] in
                while let item = try first.next() {
                    try self.checkInterrupt()
                    try self.assign(item, to: clause.target, in: scope)
                    if try clause.conditions.allSatisfy({ try self.truth(try self.evaluate($0, in: scope)) }) {
                        return try self.evaluate(element, in: scope)
                    }
                }
                return nil
            }
        }
        // Several clauses: compute them all at the first request.
        var buffered: ValueIterator?
        return ValueIterator(typeName: "generator") { [unowned self] in
            if buffered == nil {
                var items: [Value] = []
                try self.produce(clauses, 0, in: scope, firstIterator: first) {
                    items.append(try self.evaluate(element, in: scope))
                }
                buffered = ValueIterator(items: items)
            }
            return try buffered?.next()
        }
    }
}
