/// Turns source text into tokens, the way Python's tokenizer does: indentation becomes INDENT and
/// DEDENT tokens, line breaks inside brackets are ignored, and `#` starts a comment.
///
/// The lexer is also the first judge of incomplete input: an unclosed bracket or triple-quoted
/// string at the end of the text is a `SyntaxError` with `isIncomplete`, which tells the REPL to
/// read another line.
struct Lexer {
    private let chars: [Character]
    private var position = 0
    private var line = 1
    private var lineStart = 0
    private var tokens: [Token] = []
    private var indents: [Int] = [0]
    /// Open brackets with where they were opened, innermost last.
    private var brackets: [(symbol: Character, line: Int, column: Int)] = []
    private var atLineStart = true

    init(_ source: String) {
        // A UTF-8 byte-order mark at the very start is not code, as Python agrees.
        chars = Array(source.hasPrefix("\u{FEFF}") ? String(source.dropFirst()) : source)
    }

    /// All tokens of `source`, ending with NEWLINE, the DEDENTs still open, and end of input.
    static func tokenize(_ source: String) throws -> [Token] {
        var lexer = Lexer(source)
        return try lexer.run()
    }

    private var column: Int { position - lineStart }
    private var current: Character? { position < chars.count ? chars[position] : nil }
    private func peek(_ offset: Int = 1) -> Character? {
        position + offset < chars.count ? chars[position + offset] : nil
    }

    private mutating func run() throws -> [Token] {
        while position < chars.count {
            if atLineStart && brackets.isEmpty {
                try readIndentation()
                continue
            }
            try readToken()
        }
        try finish()
        return tokens
    }

    // MARK: Lines and indentation

    /// Measures the indentation of a new logical line and emits INDENT/DEDENT; blank and
    /// comment-only lines are skipped entirely.
    private mutating func readIndentation() throws {
        var width = 0
        while let c = current, c == " " || c == "\t" || c == "\u{0C}" {
            width = c == "\t" ? (width / 8 + 1) * 8 : width + 1
            position += 1
        }
        if current == "#" { skipComment() }
        guard let c = current else { return }
        if c == "\n" || c == "\r\n" || c == "\r" {
            newLine()
            return
        }
        if c == "\\" && isLineBreak(peek()) {
            throw SyntaxError("unexpected character after line continuation character", line: line, column: column)
        }
        atLineStart = false
        if width > indents[indents.count - 1] {
            indents.append(width)
            add(.indent, "", column: 0, endColumn: width)
        } else {
            while width < indents[indents.count - 1] {
                indents.removeLast()
                add(.dedent, "", column: width, endColumn: width)
            }
            if width != indents[indents.count - 1] {
                throw SyntaxError("unindent does not match any outer indentation level",
                                  line: line, column: width, kind: "IndentationError")
            }
        }
    }

    private func isLineBreak(_ c: Character?) -> Bool {
        c == "\n" || c == "\r\n" || c == "\r"
    }

    private mutating func newLine() {
        position += 1
        line += 1
        lineStart = position
        atLineStart = true
    }

    private mutating func skipComment() {
        while let c = current, !isLineBreak(c) { position += 1 }
    }

    private mutating func add(_ kind: Token.Kind, _ text: String, column: Int, endColumn: Int, line tokenLine: Int? = nil) {
        tokens.append(Token(kind: kind, text: text, line: tokenLine ?? line, column: column, endColumn: endColumn))
    }

    // MARK: Tokens

    private mutating func readToken() throws {
        guard let c = current else { return }
        switch c {
        case " ", "\t", "\u{0C}":
            position += 1
        case "#":
            skipComment()
        case "\n", "\r\n", "\r":
            if brackets.isEmpty { add(.newline, "", column: column, endColumn: column + 1) }
            newLine()
            if !brackets.isEmpty { atLineStart = false }
        case "\\":
            if peek() == nil {
                throw SyntaxError("unexpected end of input after line continuation character",
                                  line: line, column: column, isIncomplete: true)
            }
            guard isLineBreak(peek()) else {
                throw SyntaxError("unexpected character after line continuation character", line: line, column: column)
            }
            if position + 2 >= chars.count {
                throw SyntaxError("unexpected end of input after line continuation character",
                                  line: line, column: column, isIncomplete: true)
            }
            position += 1
            newLine()
            atLineStart = false
        default:
            if c.isNumber && c.isASCII || (c == "." && (peek()?.isASCII ?? false) && (peek()?.isNumber ?? false)) {
                try readNumber()
            } else if c == "\"" || c == "'" {
                try readString(prefix: "")
            } else if c.isLetter || c == "_" {
                try readNameOrPrefixedString()
            } else {
                try readOperator()
            }
        }
    }

    private mutating func readNameOrPrefixedString() throws {
        let start = position
        while let c = current, c.isLetter || c.isNumber || c == "_" { position += 1 }
        let word = String(chars[start..<position])
        if let quote = current, quote == "\"" || quote == "'", Lexer.stringPrefixes.contains(word.lowercased()) {
            position = start
            position += word.count
            try readString(prefix: word.lowercased(), startColumn: start - lineStart)
            return
        }
        let kind: Token.Kind = Token.keywords.contains(word) ? .keyword : .name
        add(kind, word, column: start - lineStart, endColumn: column)
    }

    private static let stringPrefixes: Set<String> = ["r", "u", "f", "b", "rf", "fr", "br", "rb"]

    // MARK: Numbers

    private mutating func readNumber() throws {
        let start = position
        let startColumn = column
        if current == "0", let x = peek(), "xXoObB".contains(x) {
            position += 2
            let radix = "xX".contains(x) ? 16 : "oO".contains(x) ? 8 : 2
            let digitsStart = position
            while let c = current, c.isHexDigit || c == "_" { position += 1 }
            let digits = String(chars[digitsStart..<position]).replacingOccurrences(of: "_", with: "")
            guard !digits.isEmpty, let value = Int(digits, radix: radix) else {
                throw SyntaxError("invalid \(radix == 16 ? "hexadecimal" : radix == 8 ? "octal" : "binary") literal",
                                  line: line, column: startColumn)
            }
            add(.integer(value), String(chars[start..<position]), column: startColumn, endColumn: column)
            return
        }
        var isFloat = false
        skipDigits()
        if current == "." {
            isFloat = true
            position += 1
            skipDigits()
        }
        if let e = current, e == "e" || e == "E" {
            let next = peek()
            let signed = next == "+" || next == "-"
            if let digit = signed ? peek(2) : next, digit.isASCII, digit.isNumber {
                isFloat = true
                position += signed ? 2 : 1
                skipDigits()
            }
        }
        if let c = current, c == "j" || c == "J" {
            throw SyntaxError("complex numbers are not supported in regtutor", line: line, column: startColumn)
        }
        if let c = current, c.isLetter || c == "_" {
            throw SyntaxError("invalid decimal literal", line: line, column: column)
        }
        let text = String(chars[start..<position])
        let clean = text.replacingOccurrences(of: "_", with: "")
        if isFloat {
            guard let value = Double(clean) else {
                throw SyntaxError("invalid decimal literal", line: line, column: startColumn)
            }
            add(.float(value), text, column: startColumn, endColumn: column)
        } else {
            if clean.count > 1 && clean.hasPrefix("0") && clean.contains(where: { $0 != "0" }) {
                throw SyntaxError("leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers",
                                  line: line, column: startColumn)
            }
            guard let value = Int(clean) else {
                throw SyntaxError("integer literal too large: regtutor's integers are 64-bit", line: line, column: startColumn)
            }
            add(.integer(value), text, column: startColumn, endColumn: column)
        }
    }

    private mutating func skipDigits() {
        while let c = current, (c.isASCII && c.isNumber) || c == "_" { position += 1 }
    }

    // MARK: Strings

    private mutating func readString(prefix: String, startColumn: Int? = nil) throws {
        let startColumn = startColumn ?? column
        let startLine = line
        if prefix.contains("b") {
            throw SyntaxError("bytes literals are not supported in regtutor", line: line, column: startColumn)
        }
        let raw = prefix.contains("r")
        let formatted = prefix.contains("f")
        guard let quote = current else { return }
        let triple = peek() == quote && peek(2) == quote
        position += triple ? 3 : 1
        var value = ""
        var text = ""
        while true {
            guard let c = current else {
                if triple {
                    throw SyntaxError("unterminated triple-quoted string literal (detected at line \(line))",
                                      line: startLine, column: startColumn, isIncomplete: true)
                }
                throw SyntaxError("unterminated string literal (detected at line \(line))", line: startLine, column: startColumn)
            }
            if c == quote && (!triple || (peek() == quote && peek(2) == quote)) {
                position += triple ? 3 : 1
                break
            }
            if isLineBreak(c) {
                guard triple else {
                    throw SyntaxError("unterminated string literal (detected at line \(line))", line: startLine, column: startColumn)
                }
                value.append("\n")
                text.append("\n")
                newLine()
                atLineStart = false
                continue
            }
            if c == "\\" {
                if raw || formatted {
                    // Raw strings keep the backslash; f-strings decode escapes after splitting out fields.
                    text.append(c)
                    value.append(c)
                    position += 1
                    if let next = current, !isLineBreak(next) {
                        text.append(next)
                        value.append(next)
                        position += 1
                    }
                    continue
                }
                try readEscape(into: &value)
                continue
            }
            value.append(c)
            text.append(c)
            position += 1
        }
        let spelled = prefix + String(repeating: String(quote), count: triple ? 3 : 1) + text
        tokens.append(Token(kind: .string(formatted ? text : value, isFormatted: formatted), text: spelled,
                            line: startLine, column: startColumn, endColumn: column))
    }

    private mutating func readEscape(into value: inout String) throws {
        let escapeColumn = column
        position += 1
        guard let c = current else { return }
        if isLineBreak(c) {
            newLine()
            atLineStart = false
            return
        }
        position += 1
        switch c {
        case "n": value.append("\n")
        case "t": value.append("\t")
        case "r": value.append("\r")
        case "0": value.append("\0")
        case "a": value.append("\u{07}")
        case "b": value.append("\u{08}")
        case "f": value.append("\u{0C}")
        case "v": value.append("\u{0B}")
        case "\\", "'", "\"": value.append(c)
        case "x", "u", "U":
            let length = c == "x" ? 2 : c == "u" ? 4 : 8
            let end = position + length
            guard end <= chars.count,
                  let code = UInt32(String(chars[position..<end]), radix: 16),
                  let scalar = Unicode.Scalar(code) else {
                throw SyntaxError("(unicode error) truncated \\\(c) escape", line: line, column: escapeColumn)
            }
            value.unicodeScalars.append(scalar)
            position = end
        default:
            value.append("\\")
            value.append(c)
        }
    }

    // MARK: Operators and brackets

    private static let operators: [String] = [
        "**=", "//=", ">>=", "<<=", "...", "->", ":=", "**", "//", "==", "!=", "<=", ">=", "+=", "-=",
        "*=", "/=", "%=", "@=", "&=", "|=", "^=", "<<", ">>",
        "+", "-", "*", "/", "%", "@", "&", "|", "^", "~", "<", ">", "(", ")", "[", "]", "{", "}",
        ",", ":", ".", ";", "=",
    ]

    private mutating func readOperator() throws {
        guard let c = current else { return }
        let startColumn = column
        for symbol in Lexer.operators where matches(symbol) {
            position += symbol.count
            try trackBracket(symbol, column: startColumn)
            add(.op, symbol, column: startColumn, endColumn: column)
            return
        }
        if c == "!" {
            throw SyntaxError("invalid syntax: use 'not' for negation", line: line, column: startColumn)
        }
        let code = c.unicodeScalars.first.map { String($0.value, radix: 16, uppercase: true) } ?? "?"
        let padded = String(repeating: "0", count: max(0, 4 - code.count)) + code
        throw SyntaxError("invalid character '\(c)' (U+\(padded))", line: line, column: startColumn)
    }

    private func matches(_ symbol: String) -> Bool {
        var offset = 0
        for s in symbol {
            guard position + offset < chars.count, chars[position + offset] == s else { return false }
            offset += 1
        }
        return true
    }

    private static let closing: [Character: Character] = ["(": ")", "[": "]", "{": "}"]

    private mutating func trackBracket(_ symbol: String, column startColumn: Int) throws {
        guard symbol.count == 1, let c = symbol.first else { return }
        if Lexer.closing[c] != nil {
            if brackets.count >= Parser.maxNesting {
                throw SyntaxError("too many nested parentheses", line: line, column: startColumn)
            }
            brackets.append((c, line, startColumn))
        } else if ")]}".contains(c) {
            guard let open = brackets.popLast() else {
                throw SyntaxError("unmatched '\(c)'", line: line, column: startColumn)
            }
            if Lexer.closing[open.symbol] != c {
                let suffix = open.line == line ? "" : " on line \(open.line)"
                throw SyntaxError("closing parenthesis '\(c)' does not match opening parenthesis '\(open.symbol)'\(suffix)",
                                  line: line, column: startColumn)
            }
        }
    }

    // MARK: End of input

    private mutating func finish() throws {
        if let open = brackets.last {
            throw SyntaxError("'\(open.symbol)' was never closed", line: open.line, column: open.column, isIncomplete: true)
        }
        if let last = tokens.last, last.kind != .newline, last.kind != .dedent, last.kind != .indent {
            add(.newline, "", column: column, endColumn: column + 1)
        }
        while indents.count > 1 {
            indents.removeLast()
            add(.dedent, "", column: 0, endColumn: 0)
        }
        add(.endOfInput, "", column: column, endColumn: column)
    }
}
