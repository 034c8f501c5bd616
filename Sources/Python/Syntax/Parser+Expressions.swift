/// Expressions, from the loosest-binding rule (`lambda`, `x if c else y`) to the tightest (atoms).
extension Parser {
    /// expression: lambda | or_test ['if' or_test 'else' expression]
    mutating func expression() throws -> Expr {
        try nested { parser in
            if parser.current.isKeyword("lambda") { return try parser.lambda() }
            let value = try parser.orTest()
            guard parser.current.isKeyword("if") else { return value }
            parser.advance()
            let condition = try parser.orTest()
            guard parser.matchKeyword("else") else {
                throw parser.error("expected 'else' after 'if' expression")
            }
            let otherwise = try parser.expression()
            return Expr(.conditional(condition: condition, then: value, otherwise: otherwise), value.span.through(otherwise.span))
        }
    }

    /// expressions: expression (',' expression)* [','] — a tuple when there is a comma.
    mutating func expressionList() throws -> Expr {
        try commaList { try $0.expression() }
    }

    /// Like `expressionList`, but items may be `*starred` (assignment sides, `return`, `for ... in`).
    mutating func starredExpressionList() throws -> Expr {
        try commaList { parser in
            if parser.current.isOp("*") {
                let star = parser.advance()
                let inner = try parser.bitwiseOr()
                return Expr(.starred(inner), SourceSpan(star).through(inner.span))
            }
            return try parser.expression()
        }
    }

    private mutating func commaList(_ item: (inout Parser) throws -> Expr) throws -> Expr {
        let first = try item(&self)
        guard current.isOp(",") else {
            if case .starred = first.kind {
                throw SyntaxError("can't use starred expression here", line: first.span.line, column: first.span.column)
            }
            return first
        }
        var items = [first]
        while match(",") {
            if !startsExpression(current) { break }
            items.append(try item(&self))
        }
        return Expr(.tuple(items), first.span.through(items[items.count - 1].span))
    }

    /// True when `token` can begin an expression (used after a trailing comma).
    func startsExpression(_ token: Token) -> Bool {
        switch token.kind {
        case .name, .integer, .float, .string: return true
        case .keyword: return ["None", "True", "False", "not", "lambda"].contains(token.text)
        case .op: return ["(", "[", "{", "-", "+", "~", "*", "..."].contains(token.text)
        default: return false
        }
    }

    /// yield_expression: 'yield' [expressions] | 'yield' 'from' expression
    mutating func yieldExpression() throws -> Expr {
        let token = advance()
        if functionDepth == 0 { throw error("'yield' outside function", at: token) }
        if matchKeyword("from") {
            let source = try expression()
            return Expr(.yieldFrom(source), SourceSpan(token).through(source.span))
        }
        if current.kind == .newline || current.kind == .endOfInput || current.isOp(")") || current.isOp(";") || current.isOp("=") {
            return Expr(.yield(nil), SourceSpan(token))
        }
        let value = try starredExpressionList()
        return Expr(.yield(value), SourceSpan(token).through(value.span))
    }

    /// lambda: 'lambda' [parameters] ':' expression
    mutating func lambda() throws -> Expr {
        let token = advance()
        let parameters = try parameterList(closing: ":")
        try expect(":", "expected ':' in lambda")
        let body = try expression()
        let returnStatement = Stmt(.returnValue(body), body.span)
        let definition = FunctionDefinition(name: "<lambda>", parameters: parameters, body: [returnStatement], span: SourceSpan(token))
        return Expr(.lambda(definition), SourceSpan(token).through(body.span))
    }

    /// or_test: and_test ('or' and_test)*
    mutating func orTest() throws -> Expr {
        var left = try andTest()
        while matchKeyword("or") {
            let right = try andTest()
            left = Expr(.logical(isAnd: false, left, right), left.span.through(right.span))
        }
        return left
    }

    /// and_test: not_test ('and' not_test)*
    mutating func andTest() throws -> Expr {
        var left = try notTest()
        while matchKeyword("and") {
            let right = try notTest()
            left = Expr(.logical(isAnd: true, left, right), left.span.through(right.span))
        }
        return left
    }

    /// not_test: 'not' not_test | comparison
    mutating func notTest() throws -> Expr {
        guard current.isKeyword("not") else { return try comparison() }
        let token = advance()
        let operand = try nested { try $0.notTest() }
        return Expr(.unary("not", operand), SourceSpan(token).through(operand.span))
    }

    /// comparison: bitwise_or (comp_op bitwise_or)*
    mutating func comparison() throws -> Expr {
        let left = try bitwiseOr()
        var rest: [(op: String, right: Expr)] = []
        while let op = try comparisonOperator() {
            rest.append((op, try bitwiseOr()))
        }
        guard let last = rest.last else { return left }
        return Expr(.compare(left, rest), left.span.through(last.right.span))
    }

    private mutating func comparisonOperator() throws -> String? {
        let token = current
        if token.kind == .op, ["<", ">", "==", ">=", "<=", "!="].contains(token.text) {
            advance()
            return token.text
        }
        if token.isKeyword("in") {
            advance()
            return "in"
        }
        if token.isKeyword("not") && peekToken().isKeyword("in") {
            advance()
            advance()
            return "not in"
        }
        if token.isKeyword("is") {
            advance()
            return matchKeyword("not") ? "is not" : "is"
        }
        return nil
    }

    /// bitwise_or: bitwise_xor ('|' bitwise_xor)*
    mutating func bitwiseOr() throws -> Expr {
        try binaryLevel(["|"]) { try $0.bitwiseXor() }
    }

    mutating func bitwiseXor() throws -> Expr {
        try binaryLevel(["^"]) { try $0.bitwiseAnd() }
    }

    mutating func bitwiseAnd() throws -> Expr {
        try binaryLevel(["&"]) { try $0.shift() }
    }

    mutating func shift() throws -> Expr {
        try binaryLevel(["<<", ">>"]) { try $0.arithmetic() }
    }

    /// arith: term (('+' | '-') term)*
    mutating func arithmetic() throws -> Expr {
        try binaryLevel(["+", "-"]) { try $0.term() }
    }

    /// term: factor (('*' | '/' | '//' | '%' | '@') factor)*
    mutating func term() throws -> Expr {
        try binaryLevel(["*", "/", "//", "%", "@"]) { try $0.factor() }
    }

    private mutating func binaryLevel(_ operators: Set<String>, _ operand: (inout Parser) throws -> Expr) throws -> Expr {
        var left = try operand(&self)
        while current.kind == .op && operators.contains(current.text) {
            let token = advance()
            let right = try operand(&self)
            left = Expr(.binary(token.text, left, right), left.span.through(right.span).anchored(token.column, token.endColumn, line: token.line))
        }
        return left
    }

    /// factor: ('+' | '-' | '~') factor | power
    mutating func factor() throws -> Expr {
        guard current.kind == .op, ["+", "-", "~"].contains(current.text) else { return try power() }
        let token = advance()
        let operand = try nested { try $0.factor() }
        if token.text == "-", case .constant(let value) = operand.kind, let negated = value.negatedLiteral {
            return Expr(.constant(negated), SourceSpan(token).through(operand.span))
        }
        return Expr(.unary(token.text, operand), SourceSpan(token).through(operand.span))
    }

    /// power: primary ['**' factor]
    mutating func power() throws -> Expr {
        let base = try primary()
        guard current.isOp("**") else { return base }
        let token = advance()
        let exponent = try nested { try $0.factor() }
        return Expr(.binary("**", base, exponent), base.span.through(exponent.span).anchored(token.column, token.endColumn, line: token.line))
    }

    /// primary: atom ('.' NAME | '(' arguments ')' | '[' subscripts ']')*
    mutating func primary() throws -> Expr {
        var value = try atom()
        while true {
            if match(".") {
                let name = try expectName("an attribute name after '.'")
                value = Expr(.attribute(value, name.text), value.span.through(SourceSpan(name)))
            } else if current.isOp("(") {
                advance()
                let arguments = try callArguments()
                let close = try expect(")", "expected ')' or ',' in the call")
                value = Expr(.call(value, arguments), value.span.through(SourceSpan(close)))
            } else if current.isOp("[") {
                let open = advance()
                let indices = try subscriptList()
                let close = try expect("]", "expected ']'")
                value = Expr(.subscripted(value, indices),
                             value.span.through(SourceSpan(close)).anchored(open.column, close.endColumn, line: open.line))
            } else {
                return value
            }
        }
    }

    /// arguments: (expression | NAME '=' expression | '*' expression | '**' expression) (',' ...)*
    mutating func callArguments() throws -> [Argument] {
        var arguments: [Argument] = []
        var seenKeyword = false
        while !current.isOp(")") {
            if match("**") {
                arguments.append(Argument(kind: .unpackMapping, value: try expression()))
                seenKeyword = true
            } else if match("*") {
                arguments.append(Argument(kind: .unpackIterable, value: try expression()))
            } else if current.kind == .name && peekToken().isOp("=") {
                let name = advance().text
                advance()
                if arguments.contains(where: { if case .keyword(name) = $0.kind { return true } else { return false } }) {
                    throw error("keyword argument repeated: \(name)", at: tokens[position - 2])
                }
                arguments.append(Argument(kind: .keyword(name), value: try expression()))
                seenKeyword = true
            } else {
                let start = current
                let value = try expression()
                if current.isKeyword("for") {
                    let generator = try comprehension(.generator, element: value, value: nil, start: start)
                    arguments.append(Argument(kind: .positional, value: generator))
                    if !current.isOp(")") && !(arguments.count == 1) {
                        throw error("Generator expression must be parenthesized")
                    }
                    continue
                }
                if seenKeyword {
                    throw SyntaxError("positional argument follows keyword argument", line: value.span.line, column: value.span.column)
                }
                if current.isOp("=") {
                    throw error("expression cannot contain assignment, perhaps you meant \"==\"?")
                }
                arguments.append(Argument(kind: .positional, value: value))
            }
            if !match(",") { break }
        }
        return arguments
    }

    /// subscripts: subscript (',' subscript)* — each an expression or a slice `a:b:c`.
    mutating func subscriptList() throws -> [Expr] {
        var items: [Expr] = []
        repeat {
            if current.isOp("]") { break }
            items.append(try subscriptItem())
        } while match(",")
        if items.isEmpty { throw error("expected an index inside '[]'") }
        return items
    }

    private mutating func subscriptItem() throws -> Expr {
        let start = current
        var lower: Expr?
        if !current.isOp(":") { lower = try expression() }
        guard current.isOp(":") else {
            if let lower { return lower }
            throw error("expected an index")
        }
        advance()
        var upper: Expr?
        var step: Expr?
        if !current.isOp(":") && !current.isOp("]") && !current.isOp(",") { upper = try expression() }
        if match(":") {
            if !current.isOp("]") && !current.isOp(",") { step = try expression() }
        }
        return Expr(.slice(lower, upper, step), SourceSpan(start))
    }

    // MARK: Atoms

    /// atom: NAME | NUMBER | STRING+ | 'None' | 'True' | 'False' | '...' | (...) | [...] | {...}
    mutating func atom() throws -> Expr {
        let token = current
        let span = SourceSpan(token)
        switch token.kind {
        case .name:
            advance()
            return Expr(.name(token.text), span)
        case .integer(let value):
            advance()
            return Expr(.constant(.int(value)), span)
        case .float(let value):
            advance()
            return Expr(.constant(.float(value)), span)
        case .string:
            return try strings()
        case .keyword:
            switch token.text {
            case "None": advance(); return Expr(.constant(.none), span)
            case "True": advance(); return Expr(.constant(.bool(true)), span)
            case "False": advance(); return Expr(.constant(.bool(false)), span)
            case "yield": throw error("a 'yield' inside an expression must be in parentheses: (yield x)")
            case "await": throw error("async code is not supported in regtutor")
            default: throw error("invalid syntax: '\(token.text)' cannot start an expression")
            }
        case .op:
            switch token.text {
            case "(": return try nested { try $0.parenthesized() }
            case "[": return try nested { try $0.listDisplay() }
            case "{": return try nested { try $0.braceDisplay() }
            case "...": advance(); return Expr(.constant(.ellipsis), span)
            default: break
            }
        case .newline, .endOfInput:
            throw error("invalid syntax: the expression is incomplete")
        default: break
        }
        throw unexpectedTokenError()
    }

    /// Adjacent string literals join: `"a" "b"` is `"ab"`; f-strings become formatted pieces.
    mutating func strings() throws -> Expr {
        let first = current
        var pieces: [FormatPiece] = []
        var hasField = false
        var last = first
        while case .string(let text, let isFormatted) = current.kind {
            last = advance()
            if isFormatted {
                let raw = last.text.lowercased().hasPrefix("rf") || last.text.lowercased().hasPrefix("fr")
                let parsed = try FormattedString.parse(text, raw: raw, token: last)
                hasField = hasField || parsed.contains { if case .field = $0 { return true } else { return false } }
                pieces += parsed
            } else {
                pieces.append(.text(text))
            }
        }
        let span = SourceSpan(first).through(SourceSpan(last))
        if !hasField {
            let text = pieces.map { if case .text(let t) = $0 { return t } else { return "" } }.joined()
            return Expr(.constant(.string(text)), span)
        }
        return Expr(.formatted(pieces), span)
    }

    /// '(' ')' | '(' expression ')' | '(' expressions ')' (a tuple) | '(' generator ')'
    mutating func parenthesized() throws -> Expr {
        let open = advance()
        if current.isOp(")") {
            let close = advance()
            return Expr(.tuple([]), SourceSpan(open).through(SourceSpan(close)))
        }
        if current.isKeyword("yield") {
            let value = try yieldExpression()
            try expect(")", "expected ')'")
            return value
        }
        let start = current
        let first = current.isOp("*") ? try starredItem() : try expression()
        if current.isKeyword("for") {
            let generator = try comprehension(.generator, element: first, value: nil, start: start)
            try expect(")", "expected ')'")
            return generator
        }
        if current.isOp(":=") { throw error("the walrus operator ':=' is not supported in regtutor") }
        guard current.isOp(",") else {
            try expect(")", "expected ')'")
            return first
        }
        var items = [first]
        while match(",") {
            if current.isOp(")") { break }
            items.append(current.isOp("*") ? try starredItem() : try expression())
        }
        let close = try expect(")", "expected ')' or ','")
        return Expr(.tuple(items), SourceSpan(open).through(SourceSpan(close)))
    }

    private mutating func starredItem() throws -> Expr {
        let star = advance()
        let inner = try bitwiseOr()
        return Expr(.starred(inner), SourceSpan(star).through(inner.span))
    }

    /// '[' [items | comprehension] ']'
    mutating func listDisplay() throws -> Expr {
        let open = advance()
        var items: [Expr] = []
        while !current.isOp("]") {
            let start = current
            let item = current.isOp("*") ? try starredItem() : try expression()
            if items.isEmpty && current.isKeyword("for") {
                let comprehension = try comprehension(.list, element: item, value: nil, start: start)
                try expect("]", "expected ']'")
                return comprehension
            }
            items.append(item)
            if !match(",") { break }
        }
        let close = try expect("]", "expected ']' or ','")
        return Expr(.list(items), SourceSpan(open).through(SourceSpan(close)))
    }

    /// '{' '}' (a dict) | '{' key ':' value, ... '}' | '{' item, ... '}' (a set) | comprehensions
    mutating func braceDisplay() throws -> Expr {
        let open = advance()
        if current.isOp("}") {
            let close = advance()
            return Expr(.dict([]), SourceSpan(open).through(SourceSpan(close)))
        }
        let start = current
        if current.isOp("**") { throw error("'**' inside a dict display is not supported; use dict(a, **b)") }
        let first = try expression()
        if match(":") {
            let firstValue = try expression()
            if current.isKeyword("for") {
                let comprehension = try comprehension(.dict, element: first, value: firstValue, start: start)
                try expect("}", "expected '}'")
                return comprehension
            }
            var pairs = [(key: first, value: firstValue)]
            while match(",") {
                if current.isOp("}") { break }
                let key = try expression()
                try expect(":", "expected ':' after the dictionary key")
                pairs.append((key, try expression()))
            }
            let close = try expect("}", "expected '}' or ','")
            return Expr(.dict(pairs), SourceSpan(open).through(SourceSpan(close)))
        }
        if current.isKeyword("for") {
            let comprehension = try comprehension(.set, element: first, value: nil, start: start)
            try expect("}", "expected '}'")
            return comprehension
        }
        var items = [first]
        while match(",") {
            if current.isOp("}") { break }
            items.append(try expression())
        }
        let close = try expect("}", "expected '}' or ','")
        return Expr(.set(items), SourceSpan(open).through(SourceSpan(close)))
    }

    /// comprehension clauses: ('for' targets 'in' or_test ('if' or_test)*)+
    mutating func comprehension(_ kind: ComprehensionKind, element: Expr, value: Expr?, start: Token) throws -> Expr {
        var clauses: [ComprehensionClause] = []
        while matchKeyword("for") {
            let target = try targetList()
            guard matchKeyword("in") else { throw error("expected 'in' in the comprehension") }
            let iterable = try orTest()
            var conditions: [Expr] = []
            while matchKeyword("if") { conditions.append(try orTest()) }
            clauses.append(ComprehensionClause(target: target, iterable: iterable, conditions: conditions))
        }
        if current.isKeyword("async") { throw error("async code is not supported in regtutor") }
        let comprehension = Comprehension(kind: kind, element: element, value: value, clauses: clauses)
        return Expr(.comprehension(comprehension), SourceSpan(start).through(element.span))
    }
}
