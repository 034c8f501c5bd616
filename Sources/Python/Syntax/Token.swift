/// One token of regtutor's Python subset, with where it starts and ends in the source.
struct Token: Equatable {
    enum Kind: Equatable {
        case name
        case keyword
        case integer(Int)
        case float(Double)
        /// A string literal's decoded text; for f-strings the raw text between the quotes.
        case string(String, isFormatted: Bool)
        case op
        case newline
        case indent
        case dedent
        case endOfInput
    }

    let kind: Kind
    /// The exact text, e.g. `"for"`, `"+="`, `"3.5"`.
    let text: String
    /// 1-based line of the first character.
    let line: Int
    /// 0-based column of the first character.
    let column: Int
    /// 0-based column just after the last character (on `line`).
    let endColumn: Int

    /// True for the operator or punctuation `symbol`.
    func isOp(_ symbol: String) -> Bool { kind == .op && text == symbol }
    /// True for the keyword `word`.
    func isKeyword(_ word: String) -> Bool { kind == .keyword && text == word }

    /// How the token reads in an error message: `'for'`, `end of input`, `newline`.
    var quoted: String {
        switch kind {
        case .newline: return "newline"
        case .indent: return "indent"
        case .dedent: return "dedent"
        case .endOfInput: return "end of input"
        default: return "'\(text)'"
        }
    }

    /// Python's reserved words (`match` and `case` are soft keywords and stay names).
    static let keywords: Set<String> = [
        "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue",
        "def", "del", "elif", "else", "except", "finally", "for", "from", "global", "if", "import",
        "in", "is", "lambda", "nonlocal", "not", "or", "pass", "raise", "return", "try", "while",
        "with", "yield",
    ]
}

extension Interpreter {
    /// Python's reserved words, sorted (the fuzzer's dictionary lists them).
    public static var reservedWords: [String] { Token.keywords.sorted() }
}
