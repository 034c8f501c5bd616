import Foundation
import Python
import Frameworks

/// How one exercise of one submission came out under `regtutor grade`.
public enum GradeStatus: String, Codable, Sendable, CaseIterable {
    /// The checks passed: full points.
    case passed
    /// A check failed (its message is the reason).
    case failed
    /// The code does not parse.
    case syntaxError = "syntax error"
    /// It ran past the time limit (wall or CPU).
    case timeout
    /// It wanted more memory than the limit.
    case memory
    /// It printed more than the output limit.
    case output
    /// The grading process died (a signal) or answered nonsense.
    case crashed
    /// The submission has no code for it.
    case missing
    /// The file is not a submission that can be read.
    case invalid
    /// Grading stopped (Ctrl-C) before it got to this one.
    case notGraded = "not graded"

    /// The mark shown in the terminal's table.
    public var mark: String {
        switch self {
        case .passed: "✓"
        case .failed, .syntaxError, .crashed: "✗"
        case .timeout: "timeout"
        case .memory: "memory"
        case .output: "output"
        case .missing: "–"
        case .invalid: "invalid"
        case .notGraded: "…"
        }
    }
}

/// The verdict on one exercise: what happened, and a sentence saying why.
public struct ExerciseVerdict: Codable, Sendable, Equatable {
    public var status: GradeStatus
    public var message: String

    public init(_ status: GradeStatus, _ message: String) {
        self.status = status
        self.message = message
    }
}

/// Grades one exercise in this process (`regtutor grade` runs it in a child process with limits):
/// a fresh, seeded session runs the lesson up to the exercise (earlier exercises with their
/// reference solutions, so one mistake is not counted twice), then the student's cells one by
/// one as the REPL ran them, then the exercise's check and its hidden grading check.
///
/// ```swift
/// let verdict = ExerciseGrader.grade(code: "drop = nn.Dropout(p=0.2)", exercise: exercise, in: lesson)
/// verdict.status   // .passed
/// ```
public enum ExerciseGrader {
    /// Default limits for one exercise.
    public static let defaultSeconds = 30.0
    public static let defaultOutputBytes = 1 << 20

    public static func grade(code: String, exercise: Exercise, in lesson: Lesson,
                             seconds: Double = defaultSeconds, outputBytes: Int = defaultOutputBytes) -> ExerciseVerdict {
        let session = Interpreter.withFrameworks()
        session.clock = { 0 }
        var printed = 0
        var flooded = false
        session.output = { text in
            printed += text.utf8.count
            if printed > outputBytes && !flooded {
                flooded = true
                session.requestInterrupt()
            }
        }
        let limit = Duration.milliseconds(Int(saturating: seconds * 1000))
        return session.withTimeLimit(limit, named: "the grading time limit") {
            prepare(session, for: exercise, in: lesson)
            let flood = ExerciseVerdict(.output, "it printed more than the output limit of \(bytes(outputBytes))")
            let cells = SubmissionReader.cells(code)
            // The last error a cell raised, and whether it was a syntax error (a failing check says it).
            var lastError: (text: String, isSyntax: Bool)?
            for (index, cell) in cells.enumerated() {
                let outcome = session.run(cell, fileName: "<cell \(index + 1)>")
                if flooded { return flood }
                switch outcome {
                case .success: break
                case .syntaxError(let error, _):
                    let text = "cell \(index + 1), line \(error.line): \(error.kind): \(error.message)"
                    if cells.count == 1 { return ExerciseVerdict(.syntaxError, text) }
                    lastError = (text, true)
                case .failure(let error, let report):
                    if error.kind == .timeoutError { return ExerciseVerdict(.timeout, "TimeoutError: " + error.message) }
                    if error.kind == .memoryError { return ExerciseVerdict(.memory, "MemoryError: " + error.message) }
                    lastError = (place(report, cell: index + 1) + error.description, false)
                }
            }
            for check in [exercise.check] + (exercise.hiddenCheck.map { [$0] } ?? []) {
                if case .failed(let message) = Tutor.judge(check: check, in: session) {
                    if flooded { return flood }
                    return ExerciseVerdict(lastError?.isSyntax == true ? .syntaxError : .failed,
                                           message + (lastError.map { " (the code raised \($0.text))" } ?? ""))
                }
            }
            return ExerciseVerdict(.passed, "passed")
        }
    }

    /// Runs the lesson's cells up to the exercise, quietly; earlier exercises get their solutions.
    static func prepare(_ session: Interpreter, for exercise: Exercise, in lesson: Lesson) {
        let output = session.output
        session.output = { _ in }
        defer { session.output = output }
        for step in lesson.steps {
            for case .cell(let cell) in step.blocks { session.run(cell.source, fileName: lesson.file) }
            guard let earlier = step.exercise else { continue }
            if earlier.id == exercise.id { return }
            session.run(earlier.solution, fileName: lesson.file)
        }
    }

    /// "cell 2, line 3: " from the last `File "<cell 2>", line 3` of a traceback.
    static func place(_ report: String, cell: Int) -> String {
        let marker = "File \"<cell \(cell)>\", line "
        guard let line = report.split(separator: "\n").last(where: { $0.contains(marker) }),
              let range = line.range(of: marker) else { return "cell \(cell): " }
        let number = line[range.upperBound...].prefix { $0.isNumber }
        return "cell \(cell), line \(number): "
    }

    static func bytes(_ count: Int) -> String {
        count >= 1 << 20 && count % (1 << 20) == 0 ? "\(count >> 20) MiB" : count >= 1 << 10 && count % (1 << 10) == 0 ? "\(count >> 10) KiB" : "\(count) bytes"
    }
}
