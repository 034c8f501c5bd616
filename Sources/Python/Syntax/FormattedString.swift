import Foundation

/// Splits the text of an f-string into literal pieces and `{expression!conversion:spec}` fields.
///
/// `f"{x=:.3f}"` gives the field `x` with spec `.3f` and the echo `x=`, as Python 3.8+ does.
enum FormattedString {
    static func parse(_ text: String, raw: Bool, token: Token) throws -> [FormatPiece] {
        var reader = Reader(chars: Array(text), raw: raw, token: token)
        return try reader.pieces(untilClosingBrace: false)
    }

    private struct Reader {
        let chars: [Character]
        let raw: Bool
        let token: Token
        var position = 0

        init(chars: [Character], raw: Bool, token: Token) {
            self.chars = chars
            self.raw = raw
            self.token = token
        }

        func failure(_ message: String) -> SyntaxError {
            SyntaxError("f-string: " + message, line: token.line, column: token.column)
        }

        /// Literal text and fields up to the end (or, inside a format spec, up to its `}`).
        mutating func pieces(untilClosingBrace: Bool) throws -> [FormatPiece] {
            var result: [FormatPiece] = []
            var literal = ""
            func flush() {
                if !literal.isEmpty { result.append(.text(literal)) }
                literal = ""
            }
            while position < chars.count {
                let c = chars[position]
                if c == "{" {
                    if position + 1 < chars.count && chars[position + 1] == "{" {
                        literal.append("{")
                        position += 2
                        continue
                    }
                    flush()
                    position += 1
                    result.append(try field())
                } else if c == "}" {
                    if untilClosingBrace { break }
                    guard position + 1 < chars.count && chars[position + 1] == "}" else {
                        throw failure("single '}' is not allowed")
                    }
                    literal.append("}")
                    position += 2
                } else if c == "\\" && !raw {
                    position += 1
                    literal += decodeEscape()
                } else {
                    literal.append(c)
                    position += 1
                }
            }
            flush()
            return result
        }

        mutating func decodeEscape() -> String {
            guard position < chars.count else { return "\\" }
            let c = chars[position]
            position += 1
            switch c {
            case "n": return "\n"
            case "t": return "\t"
            case "r": return "\r"
            case "0": return "\0"
            case "\\", "'", "\"": return String(c)
            default: return "\\" + String(c)
            }
        }

        /// `expression [=] [!r|!s|!a] [: spec] }`
        mutating func field() throws -> FormatPiece {
            let start = position
            var depth = 0
            var quote: Character?
            var end = -1
            while position < chars.count {
                let c = chars[position]
                if let q = quote {
                    if c == q { quote = nil }
                } else if c == "'" || c == "\"" {
                    quote = c
                } else if "([{".contains(c) {
                    depth += 1
                } else if ")]}".contains(c) && depth > 0 {
                    depth -= 1
                } else if depth == 0 && (c == "}" || c == ":" || (c == "!" && !(position + 1 < chars.count && chars[position + 1] == "="))) {
                    end = position
                    break
                }
                position += 1
            }
            guard end >= 0 else { throw failure("expecting '}'") }
            var source = String(chars[start..<end])
            var echo: String?
            let trimmed = source.reversed().drop { $0 == " " }
            if trimmed.first == "=", !["=", "!", "<", ">"].contains(trimmed.dropFirst().first ?? " ") {
                echo = source
                source = String(String(trimmed.reversed()).dropLast())
            }
            if source.trimmingCharacters(in: .whitespaces).isEmpty {
                throw failure("valid expression required before '}'")
            }
            let expression = try parseExpression(source)
            var conversion: Character?
            if chars[position] == "!" {
                position += 1
                guard position < chars.count, "rsa".contains(chars[position]) else {
                    throw failure("invalid conversion character: expected 's', 'r', or 'a'")
                }
                conversion = chars[position]
                position += 1
            }
            var spec: [FormatPiece] = []
            if position < chars.count && chars[position] == ":" {
                position += 1
                spec = try pieces(untilClosingBrace: true)
            }
            guard position < chars.count, chars[position] == "}" else { throw failure("expecting '}'") }
            position += 1
            if echo != nil && conversion == nil && spec.isEmpty { conversion = "r" }
            return .field(expression, conversion: conversion, spec: spec, echo: echo)
        }

        func parseExpression(_ source: String) throws -> Expr {
            do {
                var parser = Parser(tokens: try Lexer.tokenize("(" + source + ")"))
                let expression = try parser.expression()
                guard parser.current.kind == .newline else { throw failure("invalid syntax in '{\(source)}'") }
                return expression
            } catch let error as SyntaxError {
                throw SyntaxError("f-string: " + error.message.replacingOccurrences(of: "f-string: ", with: ""),
                                  line: token.line, column: token.column)
            }
        }
    }
}
