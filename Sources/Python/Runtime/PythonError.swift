import Common
/// A Python exception on its way out: its class, its arguments, the exception object when one
/// exists (a student's own exception class, or one caught with `except ... as e`), and the
/// traceback it collected.
///
/// Built-in code raises with a kind and a message, worded as Python or PyTorch word them:
///
/// ```swift
/// throw PythonError(.valueError, "dropout probability has to be between 0 and 1, but got 1.5")
/// ```
public struct PythonError: Error, @unchecked Sendable, CustomStringConvertible {
    /// Python's built-in exception classes.
    public enum Kind: String, Sendable, CaseIterable {
        case baseException = "BaseException"
        case exception = "Exception"
        case typeError = "TypeError"
        case valueError = "ValueError"
        case nameError = "NameError"
        case unboundLocalError = "UnboundLocalError"
        case attributeError = "AttributeError"
        case lookupError = "LookupError"
        case indexError = "IndexError"
        case keyError = "KeyError"
        case arithmeticError = "ArithmeticError"
        case zeroDivisionError = "ZeroDivisionError"
        case overflowError = "OverflowError"
        case runtimeError = "RuntimeError"
        case recursionError = "RecursionError"
        case notImplementedError = "NotImplementedError"
        case assertionError = "AssertionError"
        case importError = "ImportError"
        case moduleNotFoundError = "ModuleNotFoundError"
        case stopIteration = "StopIteration"
        case osError = "OSError"
        case fileNotFoundError = "FileNotFoundError"
        case timeoutError = "TimeoutError"
        case memoryError = "MemoryError"
        case syntaxError = "SyntaxError"
        case keyboardInterrupt = "KeyboardInterrupt"
        case generatorExit = "GeneratorExit"
        /// `exit()`: not an error, the program or the REPL ends.
        case systemExit = "SystemExit"
        case warning = "Warning"
        case userWarning = "UserWarning"
    }

    /// One line of a traceback: where in which function the error passed.
    public struct Frame: Sendable {
        let file: SourceFile
        let span: SourceSpan
        let function: String
    }

    /// The exception's class.
    public let exceptionClass: ClassObject
    /// The text after "Kind: " in the report (`str(e)`).
    public let message: String
    /// `e.args`.
    public let args: [Value]
    /// The exception object, once there is one (raised by the program, or bound by `except ... as e`).
    var instance: Instance?
    /// The frames so far, outermost first.
    var frames: [Frame] = []
    /// Where in the innermost frame not yet recorded the error happened.
    var location: SourceSpan?
    /// `raise ... from cause`, shown above this error in the report.
    var cause: Box?
    /// The exception being handled when this one was raised.
    var context: Box?
    /// `raise ... from None`: the context is not shown.
    var suppressContext = false

    /// A built-in exception with a message.
    public init(_ kind: Kind, _ message: String) {
        exceptionClass = ExceptionClasses.shared[kind]
        self.message = message
        args = message.isEmpty ? [] : [.string(message)]
    }

    /// A built-in exception with its arguments (`KeyError(key)` keeps the key itself).
    public init(_ kind: Kind, args: [Value], message: String) {
        exceptionClass = ExceptionClasses.shared[kind]
        self.message = message
        self.args = args
    }

    /// `KeyError: 'name'`, holding the key.
    public static func keyError(_ key: Value, in interpreter: Interpreter) -> PythonError {
        PythonError(.keyError, args: [key], message: (try? interpreter.repr(key)) ?? "?")
    }

    /// The exception a program raised: an instance of an exception class, with its `str()`.
    init(instance: Instance, message: String, args: [Value]) {
        exceptionClass = instance.cls
        self.message = message
        self.args = args
        self.instance = instance
    }

    /// The nearest built-in kind of this exception (a student's `StopTraining(Exception)` is an
    /// `.exception`).
    public var kind: Kind {
        for cls in exceptionClass.mro {
            if let kind = ExceptionClasses.shared.kind(of: cls) { return kind }
        }
        return .baseException
    }

    /// True when this exception is a `kind` (or derives from it), as `except kind:` decides.
    public func matches(_ kind: Kind) -> Bool {
        exceptionClass.isSubclass(of: ExceptionClasses.shared[kind])
    }

    /// The class name as a traceback prints it (`torch.nn.modules.module.ModuleAttributeError`
    /// style paths are shortened to the name for user and built-in classes).
    public var className: String {
        let module = exceptionClass.module
        return module == "builtins" || module == "__main__" ? exceptionClass.name : module + "." + exceptionClass.name
    }

    /// `Kind: message`, the last line of a traceback.
    public var description: String { message.isEmpty ? className : "\(className): \(message)" }

    /// The whole report as Python prints it: the cause or context first, then the traceback,
    /// then the error.
    public var report: String {
        var text = ""
        if let cause {
            text = cause.error.report + "\n\nThe above exception was the direct cause of the following exception:\n\n"
        } else if let context, !suppressContext {
            text = context.error.report + "\n\nDuring handling of the above exception, another exception occurred:\n\n"
        }
        guard !frames.isEmpty else { return text + description }
        var lines = ["Traceback (most recent call last):"]
        for frame in frames {
            lines.append("  File \"\(frame.file.name)\", line \(frame.span.line), in \(frame.function)")
            lines += frame.file.quote(frame.span, underline: true)
        }
        lines.append(description)
        return text + lines.joined(separator: "\n")
    }

    /// A chained exception (`cause`, `context`), boxed because an error holds errors.
    final class Box {
        let error: PythonError
        init(_ error: PythonError) { self.error = error }
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
        guard underline, start < shown.count else { return result }
        if let anchor = span.anchor {
            // Python 3.11: `~` under the operands, `^` under the operator or the subscript.
            let marks = (start..<end).map { anchor.contains($0 + indent) ? "^" : "~" }.joined()
            result.append("    " + String(repeating: " ", count: start) + marks)
        } else if start > 0 || end < shown.count {
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
