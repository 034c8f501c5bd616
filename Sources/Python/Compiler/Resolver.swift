/// The resolver's first pass: walks a program, makes a `Scope` for the module and for every
/// function, lambda, class body and comprehension in it, and records in each which names it
/// binds and uses. `Scope.analyse` then decides where every name lives.
///
/// ```swift
/// let module = try Resolver.resolve(program)   // scopes attached to every def, class, lambda
/// ```
struct Resolver {
    private var scope: Scope

    private init(scope: Scope) {
        self.scope = scope
    }

    /// Makes the scopes of a program (a module, a REPL cell) and analyses them.
    static func resolve(_ program: [Stmt]) throws -> Scope {
        var resolver = Resolver(scope: Scope(kind: .module, name: "<module>", parent: nil))
        try resolver.statements(program)
        try resolver.scope.analyse()
        return resolver.scope
    }

    // MARK: Statements

    private mutating func statements(_ body: [Stmt]) throws {
        for statement in body { try self.statement(statement) }
    }

    private mutating func statement(_ statement: Stmt) throws {
        switch statement.kind {
        case .expression(let value):
            try expression(value)
        case .assign(let targets, let value):
            try expression(value)
            for target in targets { try self.target(target) }
        case .augmentedAssign(let target, _, let value):
            try expression(value)
            try expression(target)
            try self.target(target)
        case .annotated(let target, let value):
            if let value { try expression(value) }
            try self.target(target)
        case .ifElse(let branches, let otherwise):
            for branch in branches {
                try expression(branch.condition)
                try statements(branch.body)
            }
            try statements(otherwise ?? [])
        case .whileLoop(let condition, let body, let otherwise):
            try expression(condition)
            try statements(body)
            try statements(otherwise ?? [])
        case .forLoop(let target, let iterable, let body, let otherwise):
            try expression(iterable)
            try self.target(target)
            try statements(body)
            try statements(otherwise ?? [])
        case .function(let definition):
            for decorator in definition.decorators { try expression(decorator) }
            try function(definition)
            scope.bind(definition.name)
        case .classDefinition(let definition):
            try classBody(definition)
            scope.bind(definition.name)
        case .returnValue(let value):
            if let value { try expression(value) }
        case .breakLoop, .continueLoop, .pass:
            break
        case .global(let names):
            for name in names { try scope.declareGlobal(name, at: statement.span) }
        case .nonlocal(let names):
            for name in names { try scope.declareNonlocal(name, at: statement.span) }
        case .delete(let targets):
            for target in targets { try self.target(target) }
        case .assert(let condition, let message):
            try expression(condition)
            if let message { try expression(message) }
        case .raise(let value, let cause):
            if let value { try expression(value) }
            if let cause { try expression(cause) }
        case .tryStatement(let body, let handlers, let otherwise, let finally):
            try statements(body)
            for handler in handlers {
                if let type = handler.type { try expression(type) }
                if let name = handler.name { scope.bind(name) }
                try statements(handler.body)
            }
            try statements(otherwise ?? [])
            try statements(finally ?? [])
        case .importModule(let path, let alias):
            scope.bind(alias ?? String(path.prefix { $0 != "." }))
        case .importFrom(_, let names):
            for (name, alias) in names { scope.bind(alias ?? name) }
        case .with(let items, let body):
            for item in items {
                try expression(item.context)
                if let target = item.target { try self.target(target) }
            }
            try statements(body)
        }
    }

    /// A name, attribute or subscript being assigned (or deleted).
    private mutating func target(_ target: Expr) throws {
        switch target.kind {
        case .name(let name): scope.bind(name)
        case .tuple(let items), .list(let items): for item in items { try self.target(item) }
        case .starred(let inner): try self.target(inner)
        case .attribute(let base, _): try expression(base)
        case .subscripted(let base, let indices):
            try expression(base)
            for index in indices { try expression(index) }
        default: try expression(target)
        }
    }

    // MARK: Scopes

    private mutating func function(_ definition: FunctionDefinition) throws {
        for parameter in definition.parameters {
            if let value = parameter.defaultValue { try expression(value) }
        }
        let inner = Scope(kind: .function, name: definition.name, parent: scope)
        for parameter in definition.parameters { inner.addParameter(parameter.name) }
        definition.scope = inner
        try within(inner) { try $0.statements(definition.body) }
    }

    private mutating func classBody(_ definition: ClassDefinition) throws {
        for decorator in definition.decorators { try expression(decorator) }
        for base in definition.bases { try expression(base.value) }
        let inner = Scope(kind: .classBody, name: definition.name, parent: scope)
        definition.scope = inner
        try within(inner) { try $0.statements(definition.body) }
    }

    private mutating func comprehension(_ comprehension: Comprehension) throws {
        // The first iterable is evaluated where the comprehension stands; the rest inside it.
        guard let first = comprehension.clauses.first else { return }
        try expression(first.iterable)
        let inner = Scope(kind: .comprehension, name: "<\(comprehension.kind)comp>", parent: scope)
        comprehension.scope = inner
        try within(inner) { resolver in
            for (index, clause) in comprehension.clauses.enumerated() {
                if index > 0 { try resolver.expression(clause.iterable) }
                try resolver.target(clause.target)
                for condition in clause.conditions { try resolver.expression(condition) }
            }
            try resolver.expression(comprehension.element)
            if let value = comprehension.value { try resolver.expression(value) }
        }
    }

    private mutating func within(_ inner: Scope, _ body: (inout Resolver) throws -> Void) throws {
        let outer = scope
        scope = inner
        defer { scope = outer }
        try body(&self)
    }

    // MARK: Expressions

    private mutating func expression(_ expression: Expr) throws {
        switch expression.kind {
        case .name(let name): scope.use(name)
        case .constant: break
        case .formatted(let pieces): try formatPieces(pieces)
        case .list(let items), .tuple(let items), .set(let items):
            for item in items { try self.expression(item) }
        case .dict(let pairs):
            for (key, value) in pairs {
                try self.expression(key)
                try self.expression(value)
            }
        case .attribute(let base, _): try self.expression(base)
        case .subscripted(let base, let indices):
            try self.expression(base)
            for index in indices { try self.expression(index) }
        case .slice(let start, let stop, let step):
            for part in [start, stop, step] { if let part { try self.expression(part) } }
        case .starred(let inner): try self.expression(inner)
        case .call(let callee, let arguments):
            try self.expression(callee)
            for argument in arguments { try self.expression(argument.value) }
            // `super()` needs the method's first argument and class: keep them reachable.
            if case .name("super") = callee.kind, arguments.isEmpty, scope.kind == .function,
               let first = scope.parameters.first {
                scope.use(first)
            }
        case .unary(_, let operand): try self.expression(operand)
        case .binary(_, let left, let right), .logical(_, let left, let right):
            try self.expression(left)
            try self.expression(right)
        case .compare(let first, let rest):
            try self.expression(first)
            for item in rest { try self.expression(item.right) }
        case .conditional(let condition, let then, let otherwise):
            try self.expression(condition)
            try self.expression(then)
            try self.expression(otherwise)
        case .lambda(let definition): try function(definition)
        case .comprehension(let comprehension): try self.comprehension(comprehension)
        case .yield(let value):
            try markGenerator(expression.span)
            if let value { try self.expression(value) }
        case .yieldFrom(let source):
            try markGenerator(expression.span)
            try self.expression(source)
        }
    }

    /// A `yield` makes the function around it a generator (and is not allowed elsewhere).
    private func markGenerator(_ span: SourceSpan) throws {
        switch scope.kind {
        case .function: scope.isGenerator = true
        case .comprehension: throw SyntaxError("'yield' inside a comprehension", line: span.line, column: span.column)
        case .module, .classBody: throw SyntaxError("'yield' outside function", line: span.line, column: span.column)
        }
    }

    private mutating func formatPieces(_ pieces: [FormatPiece]) throws {
        for piece in pieces {
            if case .field(let value, _, let spec, _) = piece {
                try expression(value)
                try formatPieces(spec)
            }
        }
    }
}
