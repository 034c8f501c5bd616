import Testing
@testable import Python

@Suite struct ParserTests {
    @Test func incompleteInputAsksForMore() {
        #expect(Interpreter.inputStatus(of: "x = (1 +") == .incomplete)
        #expect(Interpreter.inputStatus(of: "for i in range(3):") == .incomplete)
        #expect(Interpreter.inputStatus(of: "s = '''abc") == .incomplete)
        #expect(Interpreter.inputStatus(of: "if x:\n    y = 1\nelse:") == .incomplete)
        #expect(Interpreter.inputStatus(of: "x = 1 + \\") == .incomplete)
        #expect(Interpreter.inputStatus(of: "if x:\n    y = 1") == .waitsForBlankLine)
        #expect(Interpreter.inputStatus(of: "x = [1,\n 2]") == .complete)
        #expect(Interpreter.inputStatus(of: "x = )") == .invalid)
        #expect(Interpreter.inputStatus(of: "x = ") == .invalid)
    }

    @Test func syntaxErrorsNameLineAndColumn() throws {
        let error = try #require(throws: SyntaxError.self) { try Parser.parse("x = 1\ny = (2 +* 3)") }
        #expect(error.line == 2)
        #expect(error.column == 8)
        let report = SourceFile(name: "<stdin>", text: "x = 1\ny = (2 +* 3)").report(error)
        #expect(report == "  File \"<stdin>\", line 2\n    y = (2 +* 3)\n            ^\nSyntaxError: invalid syntax")
    }

    @Test(arguments: [
        ("try:\n    x = 1\nexcept:\n    pass\nexcept ValueError:\n    pass", "default 'except:' must be last"),
        ("try:\n    x = 1\nx = 2", "expected 'except' or 'finally' block"),
        ("@decorator\nx = 1", "a decorator must be followed by 'def' or 'class'"),
        ("match x:\n    case 1: pass", "the 'match' statement is not supported in regtutor"),
        ("async def f(): pass", "async code is not supported in regtutor"),
        ("if (n := 3): pass", "the walrus operator ':=' is not supported in regtutor"),
        ("print 'hi'", "Missing parentheses in call to 'print'"),
        ("return 1", "'return' outside function"),
        ("break", "'break' outside loop"),
        ("f() = 1", "cannot assign to function call here"),
        ("x = 3j", "complex numbers are not supported"),
        ("x = b'abc'", "bytes literals are not supported"),
        ("x = 'abc", "unterminated string literal"),
        ("f(a=1, 2)", "positional argument follows keyword argument"),
        ("x = [1, 2)", "closing parenthesis ')' does not match opening parenthesis '['"),
        ("  x = 1", "unexpected indent"),
        ("if x:\ny = 1", "expected an indented block after 'if' statement on line 1"),
        ("if x:\n    a = 1\n  b = 2", "unindent does not match any outer indentation level"),
        ("x = 1 $ 2", "invalid character '$' (U+0024)"),
    ])
    func refusesWithAClearMessage(_ source: String, _ message: String) throws {
        let error = try #require(throws: SyntaxError.self) { try Parser.parse(source) }
        #expect(error.message.contains(message), "\(error.message)")
        #expect(!error.isIncomplete)
    }

    @Test func deepNestingIsAnErrorNotACrash() {
        let brackets = String(repeating: "(", count: 5000) + "1" + String(repeating: ")", count: 5000)
        #expect(throws: SyntaxError.self) { try Parser.parse(brackets) }
        let minus = String(repeating: "-", count: 100_000) + "1"
        #expect(throws: SyntaxError.self) { try Parser.parse(minus) }
        let blocks = (0..<300).map { String(repeating: " ", count: $0) + "if x:" }.joined(separator: "\n") + "\n" + String(repeating: " ", count: 300) + "pass"
        #expect(throws: SyntaxError.self) { try Parser.parse(blocks) }
    }

    @Test func fStringsParseFieldsSpecsAndEcho() throws {
        let statements = try Parser.parse("f'{x=:.2f} and {{braces}} {y!r}'")
        guard case .expression(let expression) = statements[0].kind, case .formatted(let pieces) = expression.kind else {
            Issue.record("not an f-string")
            return
        }
        #expect(pieces.count == 3)
    }
}

@Suite struct YieldParsingTests {
    @Test(arguments: [
        ("yield 1", "'yield' outside function"),
        ("class A:\n    yield 1", "'yield' outside function"),
        ("def f():\n    return [(yield x) for x in range(3)]", "'yield' inside a comprehension"),
    ])
    func yieldOnlyInsideFunctions(_ source: String, _ message: String) {
        let session = Interpreter()
        guard case .syntaxError(let error, _) = session.run(source) else {
            Issue.record("expected a syntax error for \(source)")
            return
        }
        #expect(error.message.contains(message), "\(error.message)")
    }
}

@Suite struct IncompleteInputTests {
    /// What the REPL sees line by line: nested block headers wait for more, as Python's REPL does.
    @Test(arguments: [
        "class Net:\n    def __init__(self):",
        "class Net(nn.Module):\n    def __init__(self):",
        "for i in range(3):\n    if i:",
        "try:\n    x = 1",
        "@decorator",
        "def f():\n    try:\n        pass\n    finally:",
    ])
    func nestedHeadersWaitForMore(_ source: String) {
        #expect(Interpreter.inputStatus(of: source) == .incomplete)
    }
}
