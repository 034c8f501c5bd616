import Foundation
import Python
import Frameworks

/// Shows a lesson's steps in a session: prose wrapped to the terminal, each code cell echoed
/// after a `>>>` prompt and run, so its output appears under it and its variables stay in the
/// session for the student to experiment with.
///
/// ```swift
/// let runner = LessonRunner(session: session, width: 80, colors: false) { print($0, terminator: "") }
/// runner.show(lesson.steps[0].blocks)
/// ```
public struct LessonRunner {
    /// Where cells run.
    public let session: Interpreter
    /// The width prose is wrapped to.
    public var width: Int
    /// Whether to colour the output.
    public var colors: Bool
    /// Where everything is printed.
    public let output: (String) -> Void

    /// A runner printing to `output`.
    public init(session: Interpreter, width: Int, colors: Bool, output: @escaping (String) -> Void) {
        self.session = session
        self.width = width
        self.colors = colors
        self.output = output
    }

    func dim(_ text: String) -> String { colors ? "\u{1B}[2m" + text + "\u{1B}[0m" : text }
    func bold(_ text: String) -> String { colors ? "\u{1B}[1m" + text + "\u{1B}[0m" : text }

    /// Prints the blocks, running the cells in order.
    public func show(_ blocks: [Block]) {
        for block in blocks {
            switch block {
            case .prose(let text):
                output(LessonText.render(text, width: width, colors: colors) + "\n\n")
            case .readOnly(let code):
                output(dim("  (for reading only: not run here)") + "\n" + indented(code) + "\n\n")
            case .cell(let cell):
                output(echo(cell.source) + "\n")
                run(cell.source)
                output("\n")
            }
        }
    }

    /// Code as the REPL would show it typed: `>>> ` then `... ` for continuation lines.
    public func echo(_ code: String) -> String {
        code.split(separator: "\n", omittingEmptySubsequences: false).enumerated().map { k, line in
            dim(k == 0 || (!line.hasPrefix(" ") && !line.isEmpty && !line.hasPrefix(")") && !line.hasPrefix("]")) ? ">>> " : "... ") + line
        }.joined(separator: "\n")
    }

    func indented(_ code: String) -> String {
        code.split(separator: "\n", omittingEmptySubsequences: false).map { "    " + $0 }.joined(separator: "\n")
    }

    /// How long a lesson's own cell may run: generous (lessons run in well under a second), but a
    /// cell a student edited into an endless loop stops with a clear `TimeoutError`.
    public static let cellTimeLimit = Duration.seconds(60)

    /// Runs a cell as a script runs (it prints what it prints); an error is shown, never fatal.
    @discardableResult
    public func run(_ source: String, fileName: String = "<lesson>") -> Interpreter.Outcome {
        let outcome = session.deadline != nil ? session.run(source, fileName: fileName)
            : session.withTimeLimit(LessonRunner.cellTimeLimit, named: "a lesson cell's limit") { session.run(source, fileName: fileName) }
        switch outcome {
        case .success: break
        case .syntaxError(_, let report), .failure(_, let report): output((colors ? "\u{1B}[31m" + report + "\u{1B}[0m" : report) + "\n")
        }
        return outcome
    }
}
