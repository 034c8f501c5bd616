import Common
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

    /// Code as the REPL would show it typed: `>>> ` then `... ` for continuation lines; a blank
    /// line between statements is shown blank.
    /// A line too long for the width is shown broken after a comma (or a space) outside strings,
    /// continuing four columns further in, as one would type it inside brackets.
    public func echo(_ code: String) -> String {
        code.split(separator: "\n", omittingEmptySubsequences: false).enumerated().map { k, line in
            if k > 0 && line.trimmingCharacters(in: .whitespaces).isEmpty { return "" }
            let prompt = k == 0 || (!line.hasPrefix(" ") && !line.hasPrefix(")") && !line.hasPrefix("]")) ? ">>> " : "... "
            return LessonRunner.broken(String(line), width: width - 4).enumerated().map { part, text in
                dim(part == 0 ? prompt : "... ") + text
            }.joined(separator: "\n")
        }.joined(separator: "\n")
    }

    /// `line` in pieces of at most `width` columns where it can be broken (after ", ", else at a
    /// space, never inside a string); pieces after the first are indented four more columns.
    static func broken(_ line: String, width: Int) -> [String] {
        guard line.count > width, width >= 20 else { return [line] }
        let indent = String(repeating: " ", count: line.prefix { $0 == " " }.count + 4)
        var pieces: [String] = []
        var rest = Substring(line)
        // A break must leave more than the new indent behind, so that every piece makes progress.
        while rest.count > width, let cut = breakPoint(rest, before: width, after: indent.count + 1) {
            pieces.append(String(rest[..<cut]).trimmingTrailingSpaces)
            rest = Substring(indent + rest[cut...].drop { $0 == " " })
        }
        pieces.append(String(rest))
        return pieces
    }

    /// Where to break `text` so that the first piece fits in `limit` columns (and leaves more
    /// than `minimum` before the break): after the last ", " outside strings, else after the last
    /// opening bracket, else at the last space outside strings, else at a space inside one; nil
    /// when there is no space at all.
    static func breakPoint(_ text: Substring, before limit: Int, after minimum: Int) -> String.Index? {
        var quote: Character?
        var afterComma: String.Index?, afterBracket: String.Index?, atSpace: String.Index?, inString: String.Index?
        var previous: Character?
        var count = 0
        for index in text.indices {
            if count >= limit { break }
            let c = text[index]
            let usable = count > minimum
            if let open = quote {
                if c == open && previous != "\\" { quote = nil } else if c == " " && usable { inString = index }
            } else if c == "'" || c == "\"" {
                quote = c
            } else if c == " " && usable {
                atSpace = index
                if previous == "," { afterComma = index }
            } else if "([{".contains(c) && usable && count + 1 < limit {
                afterBracket = text.index(after: index)
            }
            previous = c
            count += 1
        }
        return afterComma ?? afterBracket ?? atSpace ?? inString
    }

    /// Code to read or type, not code that ran: indented four spaces, without prompts.
    public func indented(_ code: String) -> String {
        code.split(separator: "\n", omittingEmptySubsequences: false).map { $0.isEmpty ? "" : "    " + $0 }.joined(separator: "\n")
    }

    /// How long a lesson's own cell may run: generous (lessons run in well under a second), but a
    /// cell a student edited into an endless loop stops with a clear `TimeoutError`.
    public static let cellTimeLimit = Duration.seconds(60)

    /// Runs a cell as a script runs (it prints what it prints); an error is shown, never fatal.
    @discardableResult
    public func run(_ source: String, fileName: String = "<lesson>") -> Interpreter.Outcome {
        // What the cell prints reaches the terminal line by line, each fitted to the width
        // between words (pictures are drawn to the width already; progress lines with \r stay).
        let printed = session.output
        var pending = ""
        let width = self.width
        let fitted: (Substring) -> String = { TextFit.fit(String($0), width: width) { $0.contains("\r") } }
        session.output = { text in
            pending += text
            while let newline = pending.firstIndex(of: "\n") {
                printed(fitted(pending[..<newline]) + "\n")
                pending = String(pending[pending.index(after: newline)...])
            }
        }
        defer {
            if !pending.isEmpty { printed(fitted(pending[...])) }
            session.output = printed
        }
        let outcome = session.deadline != nil ? session.run(source, fileName: fileName)
            : session.withTimeLimit(LessonRunner.cellTimeLimit, named: "a lesson cell's limit") { session.run(source, fileName: fileName) }
        switch outcome {
        case .success: break
        case .syntaxError(_, let report), .failure(_, let report): output((colors ? "\u{1B}[31m" + report + "\u{1B}[0m" : report) + "\n")
        }
        return outcome
    }
}
