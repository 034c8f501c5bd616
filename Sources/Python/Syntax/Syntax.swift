/// Where a piece of syntax sits in the source: what a traceback's caret points at.
public struct SourceSpan: Equatable, Sendable {
    /// 1-based line.
    public var line: Int
    /// 0-based first column.
    public var column: Int
    /// 0-based column just past the end (on `line`, or the line's end when the node spans lines).
    public var endColumn: Int
    /// For a binary operation or a subscript, the part a traceback marks with `^` (the operator,
    /// or the brackets) while the rest of the span gets `~`, as Python 3.11 draws it.
    public var anchor: Range<Int>?

    init(line: Int, column: Int, endColumn: Int, anchor: Range<Int>? = nil) {
        self.line = line
        self.column = column
        self.endColumn = endColumn
        self.anchor = anchor
    }

    /// The same span with a `^` part (when it lies on the span's line).
    func anchored(_ start: Int, _ end: Int, line anchorLine: Int) -> SourceSpan {
        var span = self
        if anchorLine == line && start >= column && end <= endColumn && start < end { span.anchor = start..<end }
        return span
    }

    init(_ token: Token) {
        self.init(line: token.line, column: token.column, endColumn: token.endColumn)
    }

    /// The span from the start of `self` to the end of `other` (same line), or `self` otherwise.
    func through(_ other: SourceSpan) -> SourceSpan {
        other.line == line ? SourceSpan(line: line, column: column, endColumn: max(endColumn, other.endColumn)) : self
    }
}

/// An expression: something that has a value.
final class Expr {
    indirect enum Kind {
        case name(String)
        case constant(Value)
        /// An f-string: literal pieces and fields, joined at run time.
        case formatted([FormatPiece])
        case list([Expr])
        case tuple([Expr])
        case dict([(key: Expr, value: Expr)])
        case set([Expr])
        case attribute(Expr, String)
        case subscripted(Expr, [Expr])
        /// `start:stop:step` inside a subscript.
        case slice(Expr?, Expr?, Expr?)
        /// `*expr` inside a call or a list display.
        case starred(Expr)
        case call(Expr, [Argument])
        case unary(String, Expr)
        case binary(String, Expr, Expr)
        /// `and` / `or`, which evaluate their right side only when needed.
        case logical(isAnd: Bool, Expr, Expr)
        /// `a < b <= c`: each comparison with its right operand.
        case compare(Expr, [(op: String, right: Expr)])
        case conditional(condition: Expr, then: Expr, otherwise: Expr)
        case lambda(FunctionDefinition)
        case comprehension(Comprehension)
        /// `yield value` (the value is None when left out): makes its function a generator.
        case yield(Expr?)
        /// `yield from iterable`.
        case yieldFrom(Expr)
    }

    let kind: Kind
    let span: SourceSpan

    init(_ kind: Kind, _ span: SourceSpan) {
        self.kind = kind
        self.span = span
    }
}

/// A piece of an f-string: literal text, or `{expression!conversion:spec}`.
enum FormatPiece {
    case text(String)
    /// A field; `echo` holds the `expr=` text to print before the value.
    case field(Expr, conversion: Character?, spec: [FormatPiece], echo: String?)
}

/// One argument in a call: positional, `name=value`, `*iterable` or `**mapping`.
struct Argument {
    enum Kind { case positional, keyword(String), unpackIterable, unpackMapping }
    let kind: Kind
    let value: Expr
}

enum ComprehensionKind { case list, set, dict, generator }

/// `for target in iterable if condition...` inside a comprehension.
struct ComprehensionClause {
    let target: Expr
    let iterable: Expr
    let conditions: [Expr]
}

/// `[element for ... in ... if ...]` and its set, dict and generator forms. It has a scope of
/// its own (its loop variables do not leak), as in Python 3.
final class Comprehension {
    let kind: ComprehensionKind
    let element: Expr
    /// The value of a dict comprehension's `key: value`.
    let value: Expr?
    let clauses: [ComprehensionClause]
    /// Filled by the resolver.
    var scope: Scope?

    init(kind: ComprehensionKind, element: Expr, value: Expr?, clauses: [ComprehensionClause]) {
        self.kind = kind
        self.element = element
        self.value = value
        self.clauses = clauses
    }
}

/// How a parameter takes its argument: plain, `*args`, keyword-only (after `*`), `**kwargs`.
public enum ParameterKind: Sendable { case normal, varPositional, keywordOnly, varKeyword }

/// A `def` or a `lambda`: parameters, body, decorators.
final class FunctionDefinition {
    struct Parameter {
        typealias Kind = ParameterKind
        let name: String
        let kind: Kind
        let defaultValue: Expr?
    }

    let name: String
    let parameters: [Parameter]
    let body: [Stmt]
    let span: SourceSpan
    /// `@decorator` expressions, outermost first.
    var decorators: [Expr] = []
    /// Filled by the resolver: which names are slots, cells and free variables.
    var scope: Scope?

    init(name: String, parameters: [Parameter], body: [Stmt], span: SourceSpan) {
        self.name = name
        self.parameters = parameters
        self.body = body
        self.span = span
    }

    /// The string literal that opens the body, if any.
    var docString: String? { body.docString }
}

/// `class Name(bases): body`.
final class ClassDefinition {
    let name: String
    let bases: [Argument]
    let body: [Stmt]
    let span: SourceSpan
    var decorators: [Expr] = []
    var scope: Scope?

    init(name: String, bases: [Argument], body: [Stmt], span: SourceSpan) {
        self.name = name
        self.bases = bases
        self.body = body
        self.span = span
    }
}

/// `except Type as name: body` (a bare `except:` has neither type nor name).
struct ExceptHandler {
    let type: Expr?
    let name: String?
    let body: [Stmt]
    let span: SourceSpan
}

extension Array where Element == Stmt {
    /// The string literal that opens a body (a docstring), if any.
    var docString: String? {
        guard case .expression(let first)? = first?.kind, case .constant(.string(let text)) = first.kind else { return nil }
        return text
    }
}

/// A statement: something that is done.
final class Stmt {
    enum Kind {
        case expression(Expr)
        /// `a = b = value`: every target gets the value.
        case assign(targets: [Expr], value: Expr)
        case augmentedAssign(target: Expr, op: String, value: Expr)
        /// `x: int = 3` — the annotation is read and ignored.
        case annotated(target: Expr, value: Expr?)
        case ifElse(branches: [(condition: Expr, body: [Stmt])], otherwise: [Stmt]?)
        case whileLoop(condition: Expr, body: [Stmt], otherwise: [Stmt]?)
        case forLoop(target: Expr, iterable: Expr, body: [Stmt], otherwise: [Stmt]?)
        case function(FunctionDefinition)
        case classDefinition(ClassDefinition)
        case returnValue(Expr?)
        case breakLoop
        case continueLoop
        case pass
        case global([String])
        case nonlocal([String])
        case delete([Expr])
        case assert(Expr, message: Expr?)
        /// `raise`, `raise error`, `raise error from cause`.
        case raise(Expr?, cause: Expr?)
        /// `try: ... except ...: ... else: ... finally: ...`.
        case tryStatement(body: [Stmt], handlers: [ExceptHandler], otherwise: [Stmt]?, finally: [Stmt]?)
        /// `import a.b as c`: the dotted module and the name to bind.
        case importModule(path: String, alias: String?)
        /// `from a.b import c as d, e`.
        case importFrom(path: String, names: [(name: String, alias: String?)])
        /// `with a as x, b: body`: each context's `__enter__` before the body, `__exit__` after.
        case with(items: [(context: Expr, target: Expr?)], body: [Stmt])
    }

    let kind: Kind
    let span: SourceSpan

    init(_ kind: Kind, _ span: SourceSpan) {
        self.kind = kind
        self.span = span
    }

    /// True for statements that own a block (`if`, `for`, `def`...): the REPL waits for a blank
    /// line after them, as Python's does.
    var isCompound: Bool {
        switch kind {
        case .ifElse, .whileLoop, .forLoop, .function, .classDefinition, .with, .tryStatement: return true
        default: return false
        }
    }
}
