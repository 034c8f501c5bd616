/// Expressions: each one becomes a closure that computes its value from a frame. An error gets
/// the span of the innermost expression that failed, which is where the traceback's caret goes.
extension Compiler {
    func expression(_ expression: Expr) throws -> Eval {
        let span = expression.span
        switch expression.kind {
        case .name(let name):
            return nameLoad(name)
        case .constant(let value):
            return { _ in value }
        case .formatted(let pieces):
            let parts = try formatted(pieces)
            return located(span) { frame in .string(try parts(frame)) }
        case .list(let items):
            let values = try itemList(items)
            return { frame in .list(try values(frame)) }
        case .tuple(let items):
            let values = try itemList(items)
            return { frame in .tuple(try values(frame)) }
        case .set(let items):
            let values = try itemList(items)
            return located(span) { frame in .set(try SetObject(try values(frame))) }
        case .dict(let pairs):
            let entries = try pairs.map { (try self.expression($0.key), try self.expression($0.value)) }
            return located(span) { frame in
                let dict = DictObject()
                for (key, value) in entries { try dict.set(try key(frame), try value(frame)) }
                return .dict(dict)
            }
        case .attribute(let base, let name):
            let object = try self.expression(base)
            return located(span) { frame in try frame.interpreter.attribute(of: try object(frame), name) }
        case .subscripted(let base, let indices):
            let container = try self.expression(base)
            let index = try subscriptIndex(indices)
            return located(span) { frame in try frame.interpreter.item(of: try container(frame), at: try index(frame)) }
        case .slice(let start, let stop, let step):
            let parts = try [start, stop, step].map { try $0.map(self.expression) }
            return { frame in
                .object(SliceObject(try parts[0]?(frame) ?? .none, try parts[1]?(frame) ?? .none, try parts[2]?(frame) ?? .none))
            }
        case .starred:
            throw SyntaxError("can't use starred expression here", line: span.line, column: span.column)
        case .call(let callee, let arguments):
            return try call(callee, arguments, span: span)
        case .unary(let op, let operand):
            return try unary(op, operand, span: span)
        case .binary(let op, let left, let right):
            return try binary(op, left, right, span: span)
        case .logical(let isAnd, let left, let right):
            let (a, b) = (try self.expression(left), try self.expression(right))
            return { frame in
                let first = try a(frame)
                return try frame.interpreter.truth(first) == isAnd ? try b(frame) : first
            }
        case .compare(let first, let rest):
            return try comparison(first, rest, span: span)
        case .conditional(let condition, let then, let otherwise):
            let test = try self.expression(condition)
            let (yes, no) = (try self.expression(then), try self.expression(otherwise))
            return { frame in try frame.interpreter.truth(try test(frame)) ? try yes(frame) : try no(frame) }
        case .lambda(let definition):
            let make = try function(definition)
            return { frame in .object(try make(frame)) }
        case .comprehension(let comprehension):
            return located(span, try self.comprehension(comprehension))
        case .yield(let value):
            let eval = try value.map(self.expression)
            return { frame in
                guard let generator = frame.generator else { throw PythonError(.runtimeError, "'yield' outside a generator") }
                return try generator.yield(try eval?(frame) ?? .none)
            }
        case .yieldFrom(let source):
            let eval = try self.expression(source)
            return located(span) { frame in
                guard let generator = frame.generator else { throw PythonError(.runtimeError, "'yield' outside a generator") }
                let iterator = try frame.interpreter.makeIterator(try eval(frame))
                while let item = try iterator.next() { _ = try generator.yield(item) }
                return .none
            }
        }
    }

    // MARK: Names

    func nameLoad(_ name: String) -> Eval {
        switch scope.access(name) {
        case .local(let slot):
            return { frame in
                if let value = frame.locals[slot] { return value }
                throw PythonError(.unboundLocalError, "cannot access local variable '\(name)' where it is not associated with a value")
            }
        case .cell(let index):
            return { frame in
                if let value = frame.cells[index].value { return value }
                throw PythonError(.nameError, "cannot access free variable '\(name)' where it is not associated with a value in enclosing scope")
            }
        case .global:
            let slot = module.slot(name)
            return { frame in
                if let value = slot.value ?? slot.builtin { return value }
                throw frame.interpreter.nameError(name)
            }
        case .classNamespace(_, let fallback):
            let global = module.slot(name)
            return { frame in
                if let value = frame.namespace?.names[name] { return value }
                if case .cell(let index) = fallback, let value = frame.cells[index].value { return value }
                if let value = global.value ?? global.builtin { return value }
                throw frame.interpreter.nameError(name)
            }
        }
    }

    // MARK: Displays and arguments

    /// The items of a list, tuple or set display, with `*iterable` spread out.
    private func itemList(_ items: [Expr]) throws -> (Frame) throws -> [Value] {
        let hasStar = items.contains { if case .starred = $0.kind { return true } else { return false } }
        if !hasStar {
            let evals = try items.map(expression)
            return { frame in try evals.map { try $0(frame) } }
        }
        let parts: [(Eval, spread: Bool)] = try items.map { item in
            if case .starred(let inner) = item.kind { return (located(item.span, try expression(inner)), true) }
            return (try expression(item), false)
        }
        return { frame in
            var values: [Value] = []
            for (eval, spread) in parts {
                if spread { values += try frame.interpreter.iterate(try eval(frame)) } else { values.append(try eval(frame)) }
            }
            return values
        }
    }

    /// The index of `x[...]`: one value, or a tuple for `x[i, j]`.
    func subscriptIndex(_ indices: [Expr]) throws -> Eval {
        if indices.count == 1 { return try expression(indices[0]) }
        let evals = try indices.map(expression)
        return { frame in .tuple(try evals.map { try $0(frame) }) }
    }

    /// A call's arguments: positional values, `name=value`, `*iterable`, `**mapping`.
    func arguments(_ arguments: [Argument]) throws -> (Frame) throws -> Arguments {
        let simple = arguments.allSatisfy { if case .positional = $0.kind { return true } else { return false } }
        if simple {
            let evals = try arguments.map { try expression($0.value) }
            switch evals.count {
            case 0: return { _ in Arguments() }
            case 1:
                let only = evals[0]
                return { frame in Arguments([try only(frame)]) }
            default: return { frame in Arguments(try evals.map { try $0(frame) }) }
            }
        }
        let parts = try arguments.map { ($0.kind, located($0.value.span, try expression($0.value))) }
        return { frame in
            var result = Arguments()
            for (kind, eval) in parts {
                let value = try eval(frame)
                switch kind {
                case .positional:
                    result.positional.append(value)
                case .keyword(let name):
                    result.keywords.append((name, value))
                case .unpackIterable:
                    result.positional += try frame.interpreter.iterate(value)
                case .unpackMapping:
                    try frame.interpreter.unpackKeywords(value, into: &result)
                }
            }
            return result
        }
    }

    // MARK: Calls

    private func call(_ callee: Expr, _ arguments: [Argument], span: SourceSpan) throws -> Eval {
        let values = try self.arguments(arguments)
        if case .name("super") = callee.kind, arguments.isEmpty, case .global = scope.access("super") {
            return located(span, try zeroArgumentSuper())
        }
        if case .attribute(let base, let name) = callee.kind {
            let receiver = try expression(base)
            return located(span) { frame in
                let object = try receiver(frame)
                return try frame.interpreter.callAttribute(object, name, try values(frame))
            }
        }
        let function = try expression(callee)
        return located(span) { frame in
            let target = try function(frame)
            return try frame.interpreter.call(target, try values(frame))
        }
    }

    /// `super()` in a method: the method's class and its first argument.
    private func zeroArgumentSuper() throws -> Eval {
        let builtin = module.slot("super")
        guard scope.kind == .function, let first = scope.parameters.first else {
            return { frame in
                if let rebound = builtin.value { return try frame.interpreter.call(rebound, Arguments()) }
                throw PythonError(.runtimeError, "super(): no arguments")
            }
        }
        let receiver = nameLoad(first)
        return { frame in
            if let rebound = builtin.value { return try frame.interpreter.call(rebound, Arguments()) }
            guard let owner = frame.function?.ownerClass else {
                throw PythonError(.runtimeError, "super(): __class__ cell not found (super() works in methods of a class)")
            }
            return try frame.interpreter.makeSuper(owner, try receiver(frame))
        }
    }

    // MARK: Operators

    private func unary(_ op: String, _ operand: Expr, span: SourceSpan) throws -> Eval {
        let value = try expression(operand)
        if op == "not" { return { frame in .bool(!(try frame.interpreter.truth(try value(frame)))) } }
        guard let kind = UnaryOperator(rawValue: op) else {
            throw SyntaxError("unknown operator '\(op)'", line: span.line, column: span.column)
        }
        return located(span) { frame in try frame.interpreter.unary(kind, try value(frame)) }
    }

    private func binary(_ op: String, _ left: Expr, _ right: Expr, span: SourceSpan) throws -> Eval {
        guard let kind = BinaryOperator(rawValue: op) else {
            throw SyntaxError("unknown operator '\(op)'", line: span.line, column: span.column)
        }
        let (a, b) = (try expression(left), try expression(right))
        // Each closure catches and locates its own errors (what `located` does), so that the
        // commonest operations cost one closure call, not two.
        switch kind {
        case .add:
            return { frame in
                do {
                    let (x, y) = (try a(frame), try b(frame))
                    if case .int(let i) = x, case .int(let j) = y {
                        let (sum, overflow) = i.addingReportingOverflow(j)
                        if !overflow { return .int(sum) }
                    } else if case .float(let p) = x, case .float(let q) = y {
                        return .float(p + q)
                    }
                    return try frame.interpreter.binary(.add, x, y)
                } catch { throw Compiler.locate(error, span) }
            }
        case .subtract:
            return { frame in
                do {
                    let (x, y) = (try a(frame), try b(frame))
                    if case .int(let i) = x, case .int(let j) = y {
                        let (difference, overflow) = i.subtractingReportingOverflow(j)
                        if !overflow { return .int(difference) }
                    } else if case .float(let p) = x, case .float(let q) = y {
                        return .float(p - q)
                    }
                    return try frame.interpreter.binary(.subtract, x, y)
                } catch { throw Compiler.locate(error, span) }
            }
        case .multiply:
            return { frame in
                do {
                    let (x, y) = (try a(frame), try b(frame))
                    if case .float(let p) = x, case .float(let q) = y { return .float(p * q) }
                    return try frame.interpreter.binary(.multiply, x, y)
                } catch { throw Compiler.locate(error, span) }
            }
        default:
            return { frame in
                do { return try frame.interpreter.binary(kind, try a(frame), try b(frame)) } catch { throw Compiler.locate(error, span) }
            }
        }
    }


    /// `a < b < c` is `a < b and b < c`, evaluating `b` once.
    private func comparison(_ first: Expr, _ rest: [(op: String, right: Expr)], span: SourceSpan) throws -> Eval {
        let start = try expression(first)
        let steps = try rest.map { (try Compiler.comparisonKind($0.op, span), try expression($0.right)) }
        if steps.count == 1 {
            let (kind, right) = steps[0]
            if case .rich(let op) = kind {
                return located(span) { frame in
                    let (x, y) = (try start(frame), try right(frame))
                    if case .int(let i) = x, case .int(let j) = y { return .bool(Compiler.compareInts(op, i, j)) }
                    return try frame.interpreter.compare(op, x, y)
                }
            }
            return located(span) { frame in try frame.interpreter.compare(kind, try start(frame), try right(frame)) }
        }
        return located(span) { frame in
            let interpreter = frame.interpreter
            var left = try start(frame)
            var result = Value.bool(true)
            for (kind, eval) in steps {
                let right = try eval(frame)
                result = try interpreter.compare(kind, left, right)
                if !(try interpreter.truth(result)) { return result }
                left = right
            }
            return result
        }
    }

    /// A comparison operator: a rich comparison, or `is`, `in` and their negations.
    enum ComparisonKind {
        case rich(ComparisonOperator)
        case identity(negated: Bool)
        case membership(negated: Bool)
    }

    static func comparisonKind(_ op: String, _ span: SourceSpan) throws -> ComparisonKind {
        switch op {
        case "is": return .identity(negated: false)
        case "is not": return .identity(negated: true)
        case "in": return .membership(negated: false)
        case "not in": return .membership(negated: true)
        default:
            guard let rich = ComparisonOperator(rawValue: op) else {
                throw SyntaxError("unknown comparison '\(op)'", line: span.line, column: span.column)
            }
            return .rich(rich)
        }
    }

    static func compareInts(_ op: ComparisonOperator, _ i: Int, _ j: Int) -> Bool {
        switch op {
        case .less: return i < j
        case .lessOrEqual: return i <= j
        case .greater: return i > j
        case .greaterOrEqual: return i >= j
        case .equal: return i == j
        case .notEqual: return i != j
        }
    }

    // MARK: f-strings

    private func formatted(_ pieces: [FormatPiece]) throws -> (Frame) throws -> String {
        let parts: [(Frame) throws -> String] = try pieces.map { piece in
            switch piece {
            case .text(let literal):
                return { _ in literal }
            case .field(let value, let conversion, let specPieces, let echo):
                let eval = try expression(value)
                let spec = try formatted(specPieces)
                return { frame in
                    let interpreter = frame.interpreter
                    let shown = try eval(frame)
                    let format = try spec(frame)
                    let converted: Value
                    switch conversion {
                    case "r", "a": converted = .string(try interpreter.repr(shown))
                    case "s": converted = .string(try interpreter.str(shown))
                    default: converted = shown
                    }
                    // `f"{x=}"` shows the repr unless a format spec is given.
                    if let echo, conversion == nil, format.isEmpty { return echo + (try interpreter.repr(shown)) }
                    return (echo ?? "") + (try PythonFormat.format(converted, spec: format, in: interpreter))
                }
            }
        }
        return { frame in try parts.map { try $0(frame) }.joined() }
    }
}
