/// Builds the syntax tree from tokens, one recursive-descent function per grammar rule.
///
/// Statements live here; expressions in `Parser+Expressions.swift`. Python features that
/// regtutor does not have (async, the walrus operator, `match`) are refused by name, so a
/// student reads "async code is not supported" rather than a puzzling "invalid syntax".
struct Parser {
    /// How deeply brackets, blocks and unary operators may nest: deeper input is an error, not a
    /// stack overflow.
    static let maxNesting = 200

    var tokens: [Token]
    var position = 0
    var depth = 0
    /// Enclosing `def`s and loops, for "'return' outside function" and "'break' outside loop".
    var functionDepth = 0
    var loopDepth = 0
    /// Enclosing `finally` blocks, where `continue` was not allowed before Python 3.8 (it is now).
    var exceptDepth = 0

    init(tokens: [Token]) {
        self.tokens = tokens
    }

    /// Parses a whole program (a file, a cell, or what the REPL has read so far).
    ///
    /// ```swift
    /// let program = try Parser.parse("x = 1\nprint(x)")
    /// ```
    static func parse(_ source: String) throws -> [Stmt] {
        var parser = Parser(tokens: try Lexer.tokenize(source))
        return try parser.program()
    }

    // MARK: Token helpers

    /// True when nothing but the ends of blocks and the end of the input is left: the text
    /// stopped in the middle of a statement (the REPL reads another line).
    var onlyClosingTokensRemain: Bool {
        tokens[min(position, tokens.count - 1)...].allSatisfy { $0.kind == .dedent || $0.kind == .newline || $0.kind == .endOfInput }
    }

    var current: Token { tokens[min(position, tokens.count - 1)] }
    func peekToken(_ offset: Int = 1) -> Token { tokens[min(position + offset, tokens.count - 1)] }

    @discardableResult
    mutating func advance() -> Token {
        let token = current
        if position < tokens.count - 1 { position += 1 }
        return token
    }

    mutating func match(_ op: String) -> Bool {
        if current.isOp(op) {
            advance()
            return true
        }
        return false
    }

    mutating func matchKeyword(_ word: String) -> Bool {
        if current.isKeyword(word) {
            advance()
            return true
        }
        return false
    }

    @discardableResult
    mutating func expect(_ op: String, _ message: String? = nil) throws -> Token {
        guard current.isOp(op) else { throw error(message ?? "expected '\(op)'") }
        return advance()
    }

    mutating func expectName(_ what: String = "a name") throws -> Token {
        guard current.kind == .name else { throw error("expected \(what)") }
        return advance()
    }

    /// A syntax error at the current token; at the end of the input it marks the text incomplete.
    func error(_ message: String, at token: Token? = nil) -> SyntaxError {
        let token = token ?? current
        if token.kind == .endOfInput {
            return SyntaxError(message, line: token.line, column: token.column, isIncomplete: true)
        }
        if token.kind == .indent {
            return SyntaxError("unexpected indent", line: token.line, column: token.endColumn, kind: "IndentationError")
        }
        return SyntaxError(message, line: token.line, column: token.column)
    }

    mutating func nested<T>(_ body: (inout Parser) throws -> T) throws -> T {
        depth += 1
        defer { depth -= 1 }
        if depth > Parser.maxNesting {
            throw error("too deeply nested: regtutor allows \(Parser.maxNesting) levels")
        }
        return try body(&self)
    }

    // MARK: Statements

    mutating func program() throws -> [Stmt] {
        var statements: [Stmt] = []
        while current.kind != .endOfInput {
            if current.kind == .newline {
                advance()
                continue
            }
            statements += try statement()
        }
        return statements
    }

    /// statement: compound_statement | simple_statements
    mutating func statement() throws -> [Stmt] {
        let token = current
        if token.kind == .indent {
            throw error("unexpected indent")
        }
        if token.kind == .keyword {
            switch token.text {
            case "if": return [try ifStatement()]
            case "while": return [try whileStatement()]
            case "for": return [try forStatement()]
            case "def": return [try functionDefinition(decorators: [])]
            case "class": return [try classDefinition(decorators: [])]
            case "with": return [try withStatement()]
            case "try": return [try tryStatement()]
            case "except", "finally":
                throw error("'\(token.text)' without a matching 'try' (or a wrong indentation)")
            case "async", "await":
                throw error("async code is not supported in regtutor")
            default: break
            }
        }
        if token.isOp("@") {
            return [try decorated()]
        }
        if token.kind == .name && token.text == "match" && peekToken().kind == .name && lineEndsWithColon() {
            throw error("the 'match' statement is not supported in regtutor: use if/elif")
        }
        return try simpleStatements()
    }

    /// True when the current line's last token is ':' (a block header such as `match x:`).
    private func lineEndsWithColon() -> Bool {
        var index = position
        while index + 1 < tokens.count, tokens[index + 1].kind != .newline, tokens[index + 1].kind != .endOfInput { index += 1 }
        return tokens[index].isOp(":")
    }

    /// simple_statements: small_statement (';' small_statement)* [';'] NEWLINE
    mutating func simpleStatements() throws -> [Stmt] {
        var statements = [try smallStatement()]
        statements += try moreImports(after: statements[0])
        while match(";") {
            if current.kind == .newline { break }
            statements.append(try smallStatement())
            statements += try moreImports(after: statements[statements.count - 1])
        }
        guard current.kind == .newline || current.kind == .endOfInput else {
            throw unexpectedTokenError()
        }
        advance()
        return statements
    }

    func unexpectedTokenError() -> SyntaxError {
        let token = current
        if token.isOp("=") { return error("invalid syntax: '=' cannot be used here. Maybe you meant '=='?") }
        if token.isOp(":=") { return error("the walrus operator ':=' is not supported in regtutor") }
        if token.kind == .indent { return error("unexpected indent") }
        if token.kind == .name || token.kind == .keyword || token.kind == .string("", isFormatted: false) {
            return error("invalid syntax. Perhaps you forgot a comma?")
        }
        return error("invalid syntax")
    }

    mutating func smallStatement() throws -> Stmt {
        let token = current
        let span = SourceSpan(token)
        if token.kind == .keyword {
            switch token.text {
            case "pass": advance(); return Stmt(.pass, span)
            case "break":
                if loopDepth == 0 { throw error("'break' outside loop") }
                advance()
                return Stmt(.breakLoop, span)
            case "continue":
                if loopDepth == 0 { throw error("'continue' not properly in loop") }
                advance()
                return Stmt(.continueLoop, span)
            case "return":
                if functionDepth == 0 { throw error("'return' outside function") }
                return try returnStatement()
            case "global", "nonlocal": return try scopeStatement()
            case "del": return try deleteStatement()
            case "assert": return try assertStatement()
            case "raise": return try raiseStatement()
            case "import": return try importStatement()
            case "from": return try fromImportStatement()
            case "yield":
                let value = try yieldExpression()
                return Stmt(.expression(value), value.span)
            case "elif", "else":
                throw error("'\(token.text)' without a matching 'if' (or a wrong indentation)")
            default: break
            }
        }
        if token.kind == .name && token.text == "print",
           case .string = peekToken().kind {
            throw error("Missing parentheses in call to 'print'. Did you mean print(...)?")
        }
        return try expressionStatement()
    }

    /// expression_statement: targets '=' ... value | target augop value | target ':' annotation ['=' value] | expressions
    mutating func expressionStatement() throws -> Stmt {
        let start = current
        let first = try starredExpressionList()
        if current.isOp("=") {
            var targets = [first]
            var value = first
            while match("=") {
                value = current.isKeyword("yield") ? try yieldExpression() : try starredExpressionList()
                targets.append(value)
            }
            targets.removeLast()
            for target in targets { try checkAssignable(target, augmented: false) }
            return Stmt(.assign(targets: targets, value: value), SourceSpan(start).through(value.span))
        }
        if current.kind == .op, let op = Parser.augmentedOperators[current.text] {
            advance()
            try checkAssignable(first, augmented: true)
            let value = try expressionList()
            return Stmt(.augmentedAssign(target: first, op: op, value: value), SourceSpan(start).through(value.span))
        }
        if current.isOp(":") {
            advance()
            _ = try expression()
            try checkAssignable(first, augmented: true)
            var value: Expr?
            if match("=") { value = try starredExpressionList() }
            return Stmt(.annotated(target: first, value: value), first.span)
        }
        return Stmt(.expression(first), first.span)
    }

    static let augmentedOperators: [String: String] = [
        "+=": "+", "-=": "-", "*=": "*", "/=": "/", "//=": "//", "%=": "%", "**=": "**", "@=": "@",
        "&=": "&", "|=": "|", "^=": "^", "<<=": "<<", ">>=": ">>",
    ]

    /// Checks that `target` can be assigned to, with Python's messages for what cannot.
    func checkAssignable(_ target: Expr, augmented: Bool) throws {
        let what: String
        switch target.kind {
        case .name, .attribute, .subscripted: return
        case .tuple(let items), .list(let items):
            if augmented { what = target.kindDescription; break }
            for item in items { try checkAssignable(item, augmented: false) }
            return
        case .starred(let inner):
            if augmented { what = "starred"; break }
            try checkAssignable(inner, augmented: false)
            return
        default:
            what = target.kindDescription
        }
        let message = augmented
            ? "'\(what)' is an illegal expression for augmented assignment"
            : "cannot assign to \(what) here. Maybe you meant '==' instead of '='?"
        throw SyntaxError(message, line: target.span.line, column: target.span.column)
    }

    mutating func returnStatement() throws -> Stmt {
        let token = advance()
        if current.kind == .newline || current.isOp(";") || current.kind == .endOfInput {
            return Stmt(.returnValue(nil), SourceSpan(token))
        }
        let value = try starredExpressionList()
        return Stmt(.returnValue(value), SourceSpan(token).through(value.span))
    }

    mutating func scopeStatement() throws -> Stmt {
        let token = advance()
        var names = [try expectName().text]
        while match(",") { names.append(try expectName().text) }
        return Stmt(token.text == "global" ? .global(names) : .nonlocal(names), SourceSpan(token))
    }

    mutating func deleteStatement() throws -> Stmt {
        let token = advance()
        var targets = [try bitwiseOr()]
        while match(",") {
            if current.kind == .newline { break }
            targets.append(try bitwiseOr())
        }
        for target in targets {
            switch target.kind {
            case .name, .subscripted, .attribute: continue
            default: throw SyntaxError("cannot delete \(target.kindDescription)", line: target.span.line, column: target.span.column)
            }
        }
        return Stmt(.delete(targets), SourceSpan(token))
    }

    mutating func assertStatement() throws -> Stmt {
        let token = advance()
        let condition = try expression()
        let message = match(",") ? try expression() : nil
        return Stmt(.assert(condition, message: message), SourceSpan(token).through(condition.span))
    }

    mutating func raiseStatement() throws -> Stmt {
        let token = advance()
        if current.kind == .newline || current.kind == .endOfInput || current.isOp(";") {
            return Stmt(.raise(nil, cause: nil), SourceSpan(token))
        }
        let value = try expression()
        if matchKeyword("from") {
            let cause = try expression()
            return Stmt(.raise(value, cause: cause), SourceSpan(token).through(cause.span))
        }
        return Stmt(.raise(value, cause: nil), SourceSpan(token).through(value.span))
    }

    mutating func dottedName() throws -> String {
        var path = try expectName("a module name").text
        while match(".") { path += "." + (try expectName("a module name").text) }
        return path
    }

    /// import_statement: 'import' dotted_name ['as' NAME] (',' dotted_name ['as' NAME])*
    /// The first module; `moreImports` reads the rest, one statement each.
    mutating func importStatement() throws -> Stmt {
        let token = advance()
        return try importedModule(from: token)
    }

    /// `dotted_name ['as' NAME]` as an import statement spanning from `token`.
    mutating func importedModule(from token: Token) throws -> Stmt {
        let start = current
        let path = try dottedName()
        let alias = matchKeyword("as") ? try expectName().text : nil
        return Stmt(.importModule(path: path, alias: alias), SourceSpan(line: start.line, column: token.column, endColumn: current.column))
    }

    /// `import torch, numpy as np`: after an import, each `, module` is one more import.
    mutating func moreImports(after statement: Stmt) throws -> [Stmt] {
        guard case .importModule = statement.kind else { return [] }
        var more: [Stmt] = []
        while current.isOp(",") {
            let comma = advance()
            more.append(try importedModule(from: comma))
        }
        return more
    }

    /// from_import: 'from' dotted_name 'import' (NAME ['as' NAME])+ | '(' ... ')' | '*'
    mutating func fromImportStatement() throws -> Stmt {
        let token = advance()
        if current.isOp(".") { throw error("relative imports are not supported in regtutor") }
        let path = try dottedName()
        guard matchKeyword("import") else { throw error("expected 'import'") }
        if current.isOp("*") {
            throw error("'from \(path) import *' is not supported: name what you import, e.g. 'from \(path) import nn'")
        }
        let parenthesized = match("(")
        var names: [(name: String, alias: String?)] = []
        repeat {
            if parenthesized && current.isOp(")") { break }
            let name = try expectName().text
            let alias = matchKeyword("as") ? try expectName().text : nil
            names.append((name, alias))
        } while match(",")
        if parenthesized { try expect(")") }
        return Stmt(.importFrom(path: path, names: names), SourceSpan(line: token.line, column: token.column, endColumn: current.column))
    }

    // MARK: Compound statements

    /// block: ':' (simple_statements | NEWLINE INDENT statement+ DEDENT)
    mutating func block(after header: Token, _ what: String) throws -> [Stmt] {
        try expect(":", "expected ':'")
        return try nested { parser in
            guard parser.current.kind == .newline else { return try parser.simpleStatements() }
            parser.advance()
            guard parser.current.kind == .indent else {
                let message = "expected an indented block after \(what) on line \(header.line)"
                if parser.onlyClosingTokensRemain {
                    throw SyntaxError(message, line: parser.current.line, column: 0, kind: "IndentationError", isIncomplete: true)
                }
                throw SyntaxError(message, line: parser.current.line, column: parser.current.column, kind: "IndentationError")
            }
            parser.advance()
            var body: [Stmt] = []
            while parser.current.kind != .dedent && parser.current.kind != .endOfInput {
                body += try parser.statement()
            }
            parser.advance()
            return body
        }
    }

    mutating func ifStatement() throws -> Stmt {
        let header = advance()
        var branches: [(condition: Expr, body: [Stmt])] = []
        let condition = try expression()
        branches.append((condition, try block(after: header, "'if' statement")))
        var otherwise: [Stmt]?
        while current.isKeyword("elif") {
            let elif = advance()
            let condition = try expression()
            branches.append((condition, try block(after: elif, "'elif' statement")))
        }
        if current.isKeyword("else") {
            let elseToken = advance()
            otherwise = try block(after: elseToken, "'else' statement")
        }
        return Stmt(.ifElse(branches: branches, otherwise: otherwise), SourceSpan(header))
    }

    mutating func whileStatement() throws -> Stmt {
        let header = advance()
        let condition = try expression()
        let body = try loopBody(after: header, "'while' statement")
        let otherwise = try optionalElse()
        return Stmt(.whileLoop(condition: condition, body: body, otherwise: otherwise), SourceSpan(header).through(condition.span))
    }

    mutating func forStatement() throws -> Stmt {
        let header = advance()
        let target = try targetList()
        guard matchKeyword("in") else { throw error("expected 'in' after the loop variable") }
        let iterable = try starredExpressionList()
        let body = try loopBody(after: header, "'for' statement")
        let otherwise = try optionalElse()
        return Stmt(.forLoop(target: target, iterable: iterable, body: body, otherwise: otherwise),
                    SourceSpan(header).through(iterable.span))
    }

    mutating func loopBody(after header: Token, _ what: String) throws -> [Stmt] {
        loopDepth += 1
        defer { loopDepth -= 1 }
        return try block(after: header, what)
    }

    mutating func optionalElse() throws -> [Stmt]? {
        guard current.isKeyword("else") else { return nil }
        let token = advance()
        return try block(after: token, "'else' statement")
    }

    /// The loop variable(s) of `for` and comprehensions: `i`, `x, y`, `(i, (a, b))`.
    mutating func targetList() throws -> Expr {
        let first = try bitwiseOr()
        var items = [first]
        while current.isOp(",") {
            advance()
            if current.isKeyword("in") { break }
            items.append(try bitwiseOr())
        }
        let target = items.count == 1 && !tokens[position - 1].isOp(",") ? first : Expr(.tuple(items), first.span)
        try checkAssignable(target, augmented: false)
        return target
    }

    /// function_definition: 'def' NAME '(' parameters ')' ['->' expression] block
    mutating func functionDefinition(decorators: [Expr]) throws -> Stmt {
        let header = advance()
        let name = try expectName("a function name after 'def'")
        try expect("(", "expected '(' after the function name")
        let parameters = try parameterList(closing: ")")
        try expect(")")
        if match("->") { _ = try expression() }
        let savedLoops = loopDepth
        loopDepth = 0
        functionDepth += 1
        defer {
            loopDepth = savedLoops
            functionDepth -= 1
        }
        let body = try block(after: header, "function definition")
        let definition = FunctionDefinition(name: name.text, parameters: parameters, body: body,
                                            span: SourceSpan(line: header.line, column: header.column, endColumn: name.endColumn))
        definition.decorators = decorators
        return Stmt(.function(definition), SourceSpan(line: header.line, column: header.column, endColumn: name.endColumn))
    }

    /// decorated: ('@' expression NEWLINE)+ (function_definition | class_definition)
    mutating func decorated() throws -> Stmt {
        var decorators: [Expr] = []
        while match("@") {
            decorators.append(try expression())
            guard current.kind == .newline else { throw error("expected a new line after the decorator") }
            advance()
        }
        if current.isKeyword("def") { return try functionDefinition(decorators: decorators) }
        if current.isKeyword("class") { return try classDefinition(decorators: decorators) }
        if onlyClosingTokensRemain {
            throw SyntaxError("expected a function or class after the decorator", line: current.line, column: 0, isIncomplete: true)
        }
        throw error("a decorator must be followed by 'def' or 'class'")
    }

    /// class_definition: 'class' NAME ['(' arguments ')'] block
    mutating func classDefinition(decorators: [Expr]) throws -> Stmt {
        let header = advance()
        let name = try expectName("a class name after 'class'")
        var bases: [Argument] = []
        if match("(") {
            bases = try callArguments()
            try expect(")", "expected ')' after the base classes")
        }
        let savedLoops = loopDepth
        let savedFunctions = functionDepth
        loopDepth = 0
        functionDepth = 0
        defer {
            loopDepth = savedLoops
            functionDepth = savedFunctions
        }
        let body = try block(after: header, "class definition")
        let span = SourceSpan(line: header.line, column: header.column, endColumn: name.endColumn)
        let definition = ClassDefinition(name: name.text, bases: bases, body: body, span: span)
        definition.decorators = decorators
        return Stmt(.classDefinition(definition), span)
    }

    /// try_statement: 'try' block (except_clause block)+ ['else' block] ['finally' block] | 'try' block 'finally' block
    mutating func tryStatement() throws -> Stmt {
        let header = advance()
        let body = try block(after: header, "'try' statement")
        var handlers: [ExceptHandler] = []
        while current.isKeyword("except") {
            let clause = advance()
            if current.isOp("*") { throw error("'except*' is not supported in regtutor") }
            var type: Expr?
            var name: String?
            if !current.isOp(":") {
                type = try expression()
                if current.isOp(",") {
                    throw error("multiple exception types must be parenthesized, e.g. except (ValueError, KeyError):")
                }
                if matchKeyword("as") { name = try expectName("a name after 'as'").text }
            }
            if let last = handlers.last, last.type == nil {
                throw SyntaxError("default 'except:' must be last", line: last.span.line, column: last.span.column)
            }
            let handlerBody = try block(after: clause, "'except' statement")
            handlers.append(ExceptHandler(type: type, name: name, body: handlerBody, span: SourceSpan(clause)))
        }
        var otherwise: [Stmt]?
        if current.isKeyword("else") {
            guard !handlers.isEmpty else { throw error("expected 'except' or 'finally' block") }
            let token = advance()
            otherwise = try block(after: token, "'else' statement")
        }
        var finally: [Stmt]?
        if current.isKeyword("finally") {
            let token = advance()
            finally = try block(after: token, "'finally' statement")
        }
        if handlers.isEmpty && finally == nil {
            if onlyClosingTokensRemain {
                throw SyntaxError("expected 'except' or 'finally' block", line: current.line, column: 0, isIncomplete: true)
            }
            throw error("expected 'except' or 'finally' block")
        }
        return Stmt(.tryStatement(body: body, handlers: handlers, otherwise: otherwise, finally: finally), SourceSpan(header))
    }

    /// Parameters of a `def` (closing ")") or a `lambda` (closing ":").
    mutating func parameterList(closing: String) throws -> [FunctionDefinition.Parameter] {
        var parameters: [FunctionDefinition.Parameter] = []
        var seenStar = false
        var seenDefault = false
        while !current.isOp(closing) {
            if match("**") {
                parameters.append(.init(name: try expectName().text, kind: .varKeyword, defaultValue: nil))
            } else if match("*") {
                if seenStar { throw error("* argument may appear only once") }
                seenStar = true
                if current.kind == .name {
                    parameters.append(.init(name: advance().text, kind: .varPositional, defaultValue: nil))
                }
            } else if current.isOp("/") {
                advance()
            } else {
                let nameToken = try expectName("a parameter name")
                if current.isOp(":") && closing == ")" {
                    advance()
                    _ = try expression()
                }
                var defaultValue: Expr?
                if match("=") {
                    defaultValue = try expression()
                    seenDefault = true
                } else if seenDefault && !seenStar {
                    throw error("parameter without a default follows parameter with a default", at: nameToken)
                }
                if parameters.contains(where: { $0.name == nameToken.text }) {
                    throw error("duplicate argument '\(nameToken.text)' in function definition", at: nameToken)
                }
                parameters.append(.init(name: nameToken.text, kind: seenStar ? .keywordOnly : .normal, defaultValue: defaultValue))
            }
            if !match(",") { break }
        }
        return parameters
    }

    /// with_statement: 'with' with_item (',' with_item)* block; with_item: expression ['as' target]
    mutating func withStatement() throws -> Stmt {
        let header = advance()
        let parenthesized = current.isOp("(") && withItemsAreParenthesized()
        if parenthesized { advance() }
        var items: [(context: Expr, target: Expr?)] = []
        repeat {
            if parenthesized && current.isOp(")") { break }
            let context = try expression()
            var target: Expr?
            if matchKeyword("as") {
                let item = try bitwiseOr()
                try checkAssignable(item, augmented: false)
                target = item
            }
            items.append((context, target))
        } while match(",")
        if parenthesized { try expect(")", "expected ')'") }
        let body = try block(after: header, "'with' statement")
        return Stmt(.with(items: items, body: body), SourceSpan(header).through(items[0].context.span))
    }

    /// True when `with (` opens a parenthesized list of items (`with (a as x, b):`) rather than
    /// an expression: the matching `)` is followed by `:`, and an `as` appears inside.
    private func withItemsAreParenthesized() -> Bool {
        var depth = 0
        var sawAs = false
        var index = position
        while index < tokens.count {
            let token = tokens[index]
            if token.isOp("(") || token.isOp("[") || token.isOp("{") { depth += 1 }
            if token.isOp(")") || token.isOp("]") || token.isOp("}") {
                depth -= 1
                if depth == 0 { return sawAs && index + 1 < tokens.count && tokens[index + 1].isOp(":") }
            }
            if depth == 1 && token.isKeyword("as") { sawAs = true }
            if token.kind == .newline || token.kind == .endOfInput { return false }
            index += 1
        }
        return false
    }
}

extension Expr {
    /// How Python names this kind of expression in "cannot assign to ..." messages.
    var kindDescription: String {
        switch kind {
        case .call: return "function call"
        case .constant(let value):
            if case .none = value { return "None" }
            if case .bool(let b) = value { return b ? "True" : "False" }
            return "literal"
        case .formatted: return "f-string expression"
        case .binary, .unary: return "expression"
        case .logical, .compare: return kindIsCompare ? "comparison" : "expression"
        case .conditional: return "conditional expression"
        case .lambda: return "lambda"
        case .yield, .yieldFrom: return "yield expression"
        case .comprehension(let comprehension):
            switch comprehension.kind {
            case .list: return "list comprehension"
            case .set: return "set comprehension"
            case .dict: return "dict comprehension"
            case .generator: return "generator expression"
            }
        case .dict: return "dict literal"
        case .set: return "set display"
        case .tuple: return "tuple"
        case .list: return "list"
        case .starred: return "starred"
        default: return "expression"
        }
    }

    private var kindIsCompare: Bool {
        if case .compare = kind { return true }
        return false
    }
}
