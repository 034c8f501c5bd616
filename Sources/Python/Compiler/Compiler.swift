/// Turns a resolved syntax tree into Swift closures: each statement becomes an `Exec`, each
/// expression an `Eval`, and names become the slots, cells and global slots the resolver chose.
/// Running a program is calling the closure of its module code.
///
/// The closures read like the interpreter they replace — `case .binary(op, l, r)` compiles `l`
/// and `r` once and returns `{ frame in try op(l(frame), r(frame)) }` — but all the deciding
/// (which operator, where a name lives, what a target is) happens once, before running.
final class Compiler {
    /// What running a statement did: carry on, or leave a loop or the function.
    enum Completion { case normal, breakLoop, continueLoop, returned }

    typealias Exec = (Frame) throws -> Completion
    typealias Eval = (Frame) throws -> Value
    /// Stores a value into an assignment target.
    typealias Store = (Frame, Value) throws -> Void

    let file: SourceFile
    let module: ModuleNamespace
    /// Echo expression statements at module level (the REPL).
    let interactive: Bool
    var scope: Scope

    init(file: SourceFile, module: ModuleNamespace, scope: Scope, interactive: Bool) {
        self.file = file
        self.module = module
        self.scope = scope
        self.interactive = interactive
    }

    /// Compiles a whole program (a file, a REPL cell) into the closure that runs it.
    static func compile(_ program: [Stmt], file: SourceFile, module: ModuleNamespace, interactive: Bool) throws -> Exec {
        let scope = try Resolver.resolve(program)
        let compiler = Compiler(file: file, module: module, scope: scope, interactive: interactive)
        return try compiler.block(program)
    }

    /// The file and the function name a traceback gives the code being compiled.
    var frameLocation: (file: SourceFile, function: String) {
        (file, scope.kind == .module ? "<module>" : scope.name)
    }

    /// Compiles `body` in the scope `inner`, then comes back to the current scope.
    func within<T>(_ inner: Scope, _ body: () throws -> T) rethrows -> T {
        let outer = scope
        scope = inner
        defer { scope = outer }
        return try body()
    }

    // MARK: Blocks

    func block(_ body: [Stmt]) throws -> Exec {
        let statements = try body.map(statement)
        switch statements.count {
        case 0: return { _ in .normal }
        case 1: return statements[0]
        case 2:
            let (first, second) = (statements[0], statements[1])
            return { frame in
                let completion = try first(frame)
                guard case .normal = completion else { return completion }
                return try second(frame)
            }
        default:
            return { frame in
                for statement in statements {
                    let completion = try statement(frame)
                    guard case .normal = completion else { return completion }
                }
                return .normal
            }
        }
    }

    /// Wraps compiled code so that an error escaping it points at `span` (unless something
    /// inside already pointed more precisely).
    func located(_ span: SourceSpan, _ exec: @escaping Exec) -> Exec {
        { frame in
            do { return try exec(frame) } catch { throw Compiler.locate(error, span) }
        }
    }

    func located(_ span: SourceSpan, _ eval: @escaping Eval) -> Eval {
        { frame in
            do { return try eval(frame) } catch { throw Compiler.locate(error, span) }
        }
    }

    static func locate(_ error: Error, _ span: SourceSpan) -> PythonError {
        var python = PythonError(wrapping: error)
        if python.location == nil { python.location = span }
        return python
    }

    // MARK: Statements

    func statement(_ statement: Stmt) throws -> Exec {
        let span = statement.span
        switch statement.kind {
        case .expression(let value):
            let eval = try expression(value)
            if interactive && scope.kind == .module {
                return located(span) { frame in
                    try frame.interpreter.echo(try eval(frame))
                    return .normal
                }
            }
            return located(span) { frame in
                _ = try eval(frame)
                return .normal
            }
        case .assign(let targets, let value):
            return located(span, try assignment(targets, value))
        case .augmentedAssign(let target, let op, let value):
            return located(span, try augmentedAssignment(target, op, value))
        case .annotated(let target, let value):
            guard let value else { return { _ in .normal } }
            return located(span, try assignment([target], value))
        case .ifElse(let branches, let otherwise):
            return try ifStatement(branches, otherwise)
        case .whileLoop(let condition, let body, let otherwise):
            return try whileLoop(condition, body, otherwise, span: span)
        case .forLoop(let target, let iterable, let body, let otherwise):
            return try forLoop(target, iterable, body, otherwise, span: span)
        case .function(let definition):
            return located(span, try functionDefinition(definition))
        case .classDefinition(let definition):
            return located(span, try classDefinition(definition))
        case .returnValue(let value):
            guard let value else {
                return { frame in
                    frame.returnValue = .none
                    return .returned
                }
            }
            let eval = try expression(value)
            return located(span) { frame in
                frame.returnValue = try eval(frame)
                return .returned
            }
        case .breakLoop:
            return { _ in .breakLoop }
        case .continueLoop:
            return { _ in .continueLoop }
        case .pass, .global, .nonlocal:
            return { _ in .normal }
        case .delete(let targets):
            let deletions = try targets.map(deletion)
            return located(span) { frame in
                for delete in deletions { try delete(frame) }
                return .normal
            }
        case .assert(let condition, let message):
            let test = try expression(condition)
            let text = try message.map(expression)
            return located(span) { frame in
                if try frame.interpreter.truth(try test(frame)) { return .normal }
                let shown = try text.map { try frame.interpreter.str(try $0(frame)) } ?? ""
                throw PythonError(.assertionError, shown)
            }
        case .raise(let value, let cause):
            return located(span, try raiseStatement(value, cause))
        case .tryStatement(let body, let handlers, let otherwise, let finally):
            return try tryStatement(body, handlers, otherwise, finally)
        case .importModule(let path, let alias):
            let store = try nameStore(alias ?? String(path.prefix { $0 != "." }))
            return located(span) { frame in
                try store(frame, try frame.interpreter.importModule(path, bindingTopLevel: alias == nil))
                return .normal
            }
        case .importFrom(let path, let names):
            let stores = try names.map { try nameStore($0.alias ?? $0.name) }
            return located(span) { frame in
                let values = try frame.interpreter.importNames(names.map(\.name), from: path)
                for (store, value) in zip(stores, values) { try store(frame, value) }
                return .normal
            }
        case .with(let items, let body):
            return try withStatement(items, body, span: span)
        }
    }

    private func ifStatement(_ branches: [(condition: Expr, body: [Stmt])], _ otherwise: [Stmt]?) throws -> Exec {
        let tests = try branches.map { (located($0.condition.span, try expression($0.condition)), try block($0.body)) }
        let fallback = try otherwise.map(block)
        if tests.count == 1 {
            let (test, body) = tests[0]
            return { frame in
                if try frame.interpreter.truth(try test(frame)) { return try body(frame) }
                return try fallback?(frame) ?? .normal
            }
        }
        return { frame in
            for (test, body) in tests where try frame.interpreter.truth(try test(frame)) {
                return try body(frame)
            }
            return try fallback?(frame) ?? .normal
        }
    }

    private func whileLoop(_ condition: Expr, _ body: [Stmt], _ otherwise: [Stmt]?, span: SourceSpan) throws -> Exec {
        let test = located(condition.span, try expression(condition))
        let run = try block(body)
        let fallback = try otherwise.map(block)
        return { frame in
            let interpreter = frame.interpreter
            while try interpreter.truth(try test(frame)) {
                try interpreter.checkInterrupt()
                switch try run(frame) {
                case .breakLoop: return .normal
                case .returned: return .returned
                case .normal, .continueLoop: continue
                }
            }
            return try fallback?(frame) ?? .normal
        }
    }

    private func forLoop(_ target: Expr, _ iterable: Expr, _ body: [Stmt], _ otherwise: [Stmt]?, span: SourceSpan) throws -> Exec {
        let source = located(iterable.span, try expression(iterable))
        let store = try self.target(target)
        let run = try block(body)
        let fallback = try otherwise.map(block)
        return { frame in
            let interpreter = frame.interpreter
            let iterated = try source(frame)
            // Counting loops (`for i in range(n)`) run without an iterator object.
            if case .object(let object) = iterated, let range = object as? RangeObject {
                var index = 0
                let count = range.count
                while index < count {
                    try interpreter.checkInterrupt()
                    try store(frame, .int(range.element(index)))
                    index += 1
                    switch try run(frame) {
                    case .breakLoop: return .normal
                    case .returned: return .returned
                    case .normal, .continueLoop: continue
                    }
                }
                return try fallback?(frame) ?? .normal
            }
            let iterator = try interpreter.makeIterator(iterated)
            while let item = try iterator.next() {
                try interpreter.checkInterrupt()
                try store(frame, item)
                switch try run(frame) {
                case .breakLoop: return .normal
                case .returned: return .returned
                case .normal, .continueLoop: continue
                }
            }
            return try fallback?(frame) ?? .normal
        }
    }

    private func raiseStatement(_ value: Expr?, _ cause: Expr?) throws -> Exec {
        guard let value else {
            return { frame in
                guard let active = frame.interpreter.handling.last else {
                    throw PythonError(.runtimeError, "No active exception to reraise")
                }
                throw active
            }
        }
        let exception = try expression(value)
        let causeValue = try cause.map(expression)
        return { frame in
            let interpreter = frame.interpreter
            var error = try interpreter.exception(from: try exception(frame))
            if let causeValue {
                let given = try causeValue(frame)
                if given.isNone {
                    error.suppressContext = true
                } else {
                    error.cause = PythonError.Box(try interpreter.cause(from: given))
                }
            }
            throw error
        }
    }
}
