import Foundation

/// What `regtutor grade` reads back from a submission file: whose it is and, per exercise, the
/// code handed in, split into the cells the student ran.
///
/// ```swift
/// let handedIn = try SubmissionReader.read(text, file: "ada.md")
/// handedIn.student                              // "Ada"
/// handedIn.code[ExerciseKey("dropout", "keep-four-out-of-five")]
/// ```
public struct HandedIn: Sendable {
    /// The name or id the student gave.
    public let student: String
    /// The file it came from.
    public let file: String
    /// The code per exercise, as written in the file.
    public let code: [ExerciseKey: String]
}

/// A lesson id and an exercise id: one exercise of a course.
public struct ExerciseKey: Hashable, Sendable, Comparable, CustomStringConvertible {
    public let lesson: String
    public let exercise: String

    public init(_ lesson: String, _ exercise: String) {
        self.lesson = lesson
        self.exercise = exercise
    }

    public var description: String { "\(lesson) / \(exercise)" }

    public static func < (a: ExerciseKey, b: ExerciseKey) -> Bool { (a.lesson, a.exercise) < (b.lesson, b.exercise) }
}

/// Why a file is not a submission that can be graded (every exercise gets 0 with this reason).
public struct SubmissionError: Error, CustomStringConvertible, Sendable {
    public let description: String

    public init(description: String) { self.description = description }
}

public enum SubmissionReader {
    /// The largest file read (a submission keeps at most 100,000 characters per exercise).
    public static let sizeLimit = 8 << 20

    /// Reads a submission written by `:submit` or `regtutor submit` (and perhaps edited by hand
    /// since): a clear error when it is not one.
    public static func read(_ text: String, file: String) throws -> HandedIn {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { $0.hasSuffix("\r") ? String($0.dropLast()) : String($0) }
        guard let first = lines.firstIndex(where: { !$0.trimmingCharacters(in: .whitespaces).isEmpty }) else {
            throw SubmissionError(description: "the file is empty")
        }
        guard lines[first].trimmingCharacters(in: .whitespaces) == Submission.heading else {
            throw SubmissionError(description: "not a regtutor submission: its first line should be '\(Submission.heading)' (line \(first + 1))")
        }
        var student: String?
        var code: [ExerciseKey: String] = [:]
        var k = first + 1
        while k < lines.count {
            let line = lines[k]
            if student == nil, line.hasPrefix("- student:") {
                student = line.dropFirst("- student:".count).trimmingCharacters(in: .whitespaces)
            } else if line.hasPrefix("## ") {
                let key = try exerciseKey(line, line: k + 1)
                let (body, next) = try fencedCode(lines, after: k + 1, for: key)
                code[key] = body
                k = next
                continue
            }
            k += 1
        }
        guard let student, !student.isEmpty else {
            throw SubmissionError(description: "the '- student: NAME' line is missing")
        }
        return HandedIn(student: student, file: file, code: code)
    }

    /// `## lesson-id / exercise-id`.
    private static func exerciseKey(_ heading: String, line: Int) throws -> ExerciseKey {
        let parts = heading.dropFirst(3).split(separator: "/", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
            throw SubmissionError(description: "line \(line): an exercise heading reads '## lesson-id / exercise-id', got '\(heading)'")
        }
        return ExerciseKey(parts[0], parts[1])
    }

    /// The body of the first ```python fence after `start` and the line after its closing fence.
    private static func fencedCode(_ lines: [String], after start: Int, for key: ExerciseKey) throws -> (String, Int) {
        var k = start
        while k < lines.count && !lines[k].hasPrefix("```") {
            if lines[k].hasPrefix("## ") { throw SubmissionError(description: "line \(start): the exercise \(key) has no ```python code block") }
            k += 1
        }
        guard k < lines.count else { throw SubmissionError(description: "line \(start): the exercise \(key) has no ```python code block") }
        let fence = String(lines[k].prefix { $0 == "`" })
        let opened = k + 1
        k += 1
        var body: [String] = []
        while k < lines.count && lines[k].trimmingCharacters(in: .whitespaces) != fence {
            body.append(lines[k])
            k += 1
        }
        guard k < lines.count else {
            throw SubmissionError(description: "line \(opened): the code of \(key) is not closed by a \(fence) line")
        }
        return (body.joined(separator: "\n"), k + 1)
    }

    /// The cells of handed-in code, in the order they ran.
    public static func cells(_ code: String) -> [String] {
        code.components(separatedBy: "\n" + Submission.cellSeparator + "\n")
    }
}
