import TensorEngine

/// A runtime error in a regtutor program, named and worded as Python or PyTorch would raise it,
/// with the traceback it collected on its way out.
public struct PythonError: Error, CustomStringConvertible {
    /// Python's exception classes that regtutor raises.
    public enum Kind: String, Sendable {
        case typeError = "TypeError"
        case valueError = "ValueError"
        case nameError = "NameError"
        case unboundLocalError = "UnboundLocalError"
        case attributeError = "AttributeError"
        case indexError = "IndexError"
        case keyError = "KeyError"
        case zeroDivisionError = "ZeroDivisionError"
        case overflowError = "OverflowError"
        case runtimeError = "RuntimeError"
        case recursionError = "RecursionError"
        case assertionError = "AssertionError"
        case importError = "ImportError"
        case moduleNotFoundError = "ModuleNotFoundError"
        case stopIteration = "StopIteration"
        case keyboardInterrupt = "KeyboardInterrupt"
        case timeoutError = "TimeoutError"
        case memoryError = "MemoryError"
        case notImplementedError = "NotImplementedError"
        case exception = "Exception"
        /// `exit()`: not an error, the REPL leaves.
        case systemExit = "SystemExit"
    }

    /// One line of a traceback: where in which function the error passed.
    public struct Frame: Sendable {
        let file: SourceFile
        let span: SourceSpan
        let function: String
    }

    public let kind: Kind
    public let message: String
    /// The frames so far, outermost first.
    var frames: [Frame] = []
    /// Where in the innermost frame not yet recorded the error happened.
    var location: SourceSpan?

    init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    /// A Python error for an engine error (same exception name and message).
    init(_ error: TensorError) {
        self.init(Kind(rawValue: error.kind.rawValue) ?? .runtimeError, error.message)
    }

    /// `Kind: message`, the last line of a traceback.
    public var description: String { message.isEmpty ? kind.rawValue : "\(kind.rawValue): \(message)" }

    /// The whole report as Python prints it: the traceback, then the error.
    public var report: String {
        guard !frames.isEmpty else { return description }
        var lines = ["Traceback (most recent call last):"]
        for frame in frames {
            lines.append("  File \"\(frame.file.name)\", line \(frame.span.line), in \(frame.function)")
            lines += frame.file.quote(frame.span, underline: true)
        }
        lines.append(description)
        return lines.joined(separator: "\n")
    }
}

/// The text of a program, kept for tracebacks and syntax errors.
public final class SourceFile: @unchecked Sendable {
    /// What tracebacks call it: `<stdin>`, `<string>`, a file name, a lesson cell.
    public let name: String
    let lines: [String]

    public init(name: String, text: String) {
        self.name = name
        self.lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }

    /// The source line of `span`, indented by four spaces, and a caret line under the span when
    /// it is only part of the line (as Python 3.11+ shows it).
    func quote(_ span: SourceSpan, underline: Bool) -> [String] {
        guard span.line >= 1 && span.line <= lines.count else { return [] }
        let text = lines[span.line - 1]
        let indent = text.prefix { $0 == " " || $0 == "\t" }.count
        let shown = String(text.dropFirst(indent)).trimmingTrailingSpaces
        guard !shown.isEmpty else { return [] }
        var result = ["    " + shown]
        let start = max(span.column - indent, 0)
        let end = min(max(span.endColumn - indent, start + 1), shown.count)
        if underline && (start > 0 || end < shown.count) && start < shown.count {
            result.append("    " + String(repeating: " ", count: start) + String(repeating: "^", count: max(end - start, 1)))
        }
        return result
    }

    /// A syntax error as Python shows it: file and line, the line, a caret, the message.
    public func report(_ error: SyntaxError) -> String {
        var lines = ["  File \"\(name)\", line \(error.line)"]
        if error.line >= 1 && error.line <= self.lines.count {
            let text = self.lines[error.line - 1]
            let indent = text.prefix { $0 == " " || $0 == "\t" }.count
            let shown = String(text.dropFirst(indent)).trimmingTrailingSpaces
            if !shown.isEmpty {
                lines.append("    " + shown)
                lines.append("    " + String(repeating: " ", count: min(max(error.column - indent, 0), shown.count)) + "^")
            }
        }
        lines.append("\(error.kind): \(error.message)")
        return lines.joined(separator: "\n")
    }
}

extension String {
    var trimmingTrailingSpaces: String {
        var text = self
        while let last = text.last, last == " " || last == "\t" || last == "\r" { text.removeLast() }
        return text
    }
}
