/// A mistake in the text of a program, found before anything runs: Python's `SyntaxError`
/// (or `IndentationError`), with the line and column to put a caret under.
public struct SyntaxError: Error, Equatable, Sendable {
    /// "SyntaxError" or "IndentationError".
    public let kind: String
    /// One sentence saying what is wrong.
    public let message: String
    /// 1-based line.
    public let line: Int
    /// 0-based column of the caret.
    public let column: Int
    /// True when the text simply stopped too early (an open bracket, a block header, a
    /// triple-quoted string): the REPL then reads another line instead of reporting an error.
    public let isIncomplete: Bool

    init(_ message: String, line: Int, column: Int, kind: String = "SyntaxError", isIncomplete: Bool = false) {
        self.kind = kind
        self.message = message
        self.line = line
        self.column = column
        self.isIncomplete = isIncomplete
    }
}
