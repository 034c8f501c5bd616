import Foundation
import Python
import Frameworks

/// Keeps lessons from rotting: runs every cell and compares what it prints with the lesson's
/// ```output block, runs each exercise's reference solution against its check (it must pass)
/// and the starter code too (it must fail), and reports file:line for anything wrong.
///
/// ```swift
/// let problems = LessonChecker.check(lesson)
/// problems.map(\.description)   // ["lessons/04-dropout.md:57: output differs ..."]
/// ```
public enum LessonChecker {
    /// How long one cell may run before it counts as hanging.
    static let cellTimeLimit = Duration.seconds(20)

    /// Everything wrong with the lesson, in order (empty when it holds).
    public static func check(_ lesson: Lesson) -> [LessonError] {
        var problems: [LessonError] = []
        let session = Interpreter.withFrameworks()
        // Keras's progress lines print timings: a clock that stands still makes them 0s.
        session.clock = { 0 }
        var captured = ""
        session.output = { captured += $0 }
        for step in lesson.steps {
            for case .cell(let cell) in step.blocks {
                captured = ""
                let outcome = session.withTimeLimit(cellTimeLimit, named: "a lesson cell's limit") { session.run(cell.source, fileName: lesson.file) }
                if let report = failure(outcome) {
                    problems.append(LessonError(file: lesson.file, line: cell.line, message: "the cell fails: " + report))
                    continue
                }
                if let expected = cell.expectedOutput, let difference = compare(expected: expected, actual: captured) {
                    problems.append(LessonError(file: lesson.file, line: cell.expectedLine ?? cell.line, message: difference))
                }
            }
            guard let exercise = step.exercise else { continue }
            // The starter code, as a student would first type it, must not pass yet...
            if let starterLine = exercise.starterLine, let starter = exercise.starter {
                session.run(starter, fileName: lesson.file)
                if Tutor.judge(exercise, in: session) == .passed {
                    problems.append(LessonError(file: lesson.file, line: starterLine, message: "the starter code already passes the check of '\(exercise.title)'"))
                }
            }
            // ...and the reference solution, typed after it, must.
            captured = ""
            if let report = failure(session.run(exercise.solution, fileName: lesson.file)) {
                problems.append(LessonError(file: lesson.file, line: exercise.solutionLine, message: "the solution fails: " + report))
            }
            if case .failed(let message) = Tutor.judge(exercise, in: session) {
                problems.append(LessonError(file: lesson.file, line: exercise.checkLine, message: "the solution does not pass the check: " + message))
            }
            if let hidden = exercise.hiddenCheck, case .failed(let message) = Tutor.judge(check: hidden, in: session) {
                problems.append(LessonError(file: lesson.file, line: exercise.hiddenCheckLine ?? exercise.checkLine,
                                            message: "the solution does not pass the hidden grading check: " + message))
            }
        }
        return problems
    }

    static func failure(_ outcome: Interpreter.Outcome) -> String? {
        switch outcome {
        case .success: return nil
        case .syntaxError(_, let report), .failure(_, let report):
            return report.split(separator: "\n").last.map(String.init) ?? report
        }
    }

    /// nil when they agree (ignoring trailing newlines and the spaces at line ends, which
    /// editors strip), else the first differing line.
    static func compare(expected: String, actual: String) -> String? {
        func lines(_ text: String) -> [Substring] {
            text.trimmingCharacters(in: .newlines).split(separator: "\n", omittingEmptySubsequences: false).map { line in
                line.prefix(line.count - line.reversed().prefix { $0 == " " }.count)
            }
        }
        let wanted = lines(expected), got = lines(actual)
        guard wanted != got else { return nil }
        for k in 0..<max(wanted.count, got.count) {
            let w = k < wanted.count ? String(wanted[k]) : "(nothing)"
            let g = k < got.count ? String(got[k]) : "(nothing)"
            if w != g { return "output differs at its line \(k + 1): expected \"\(w)\", got \"\(g)\"" }
        }
        return "output differs"
    }

    /// The lesson text with every ```output block replaced by what its cell prints now (and
    /// added after cells that have none): for authors, after checking the numbers are right.
    /// The first line of each ```output block (in the updated text) that `update` changed.
    public static func changedLines(from old: String, to new: String) -> [Int] {
        func blocks(_ text: String) -> [(line: Int, body: String)] {
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
            var found: [(Int, String)] = []
            var k = 0
            while k < lines.count {
                if lines[k].trimmingCharacters(in: .whitespaces) == "```output" {
                    let start = k + 1
                    k += 1
                    while k < lines.count && !lines[k].hasPrefix("```") { k += 1 }
                    found.append((start + 1, lines[start..<min(k, lines.count)].joined(separator: "\n")))
                }
                k += 1
            }
            return found
        }
        let before = blocks(old), after = blocks(new)
        return after.enumerated().compactMap { index, block in
            index < before.count && before[index].body == block.body ? nil : block.line
        }
    }

    public static func updatedText(_ text: String, lesson: Lesson) -> String {
        let session = Interpreter.withFrameworks()
        // Keras's progress lines print timings: a clock that stands still makes them 0s.
        session.clock = { 0 }
        var captured = ""
        session.output = { captured += $0 }
        var outputs: [Int: String] = [:]   // cell's first line -> output
        for step in lesson.steps {
            for case .cell(let cell) in step.blocks {
                captured = ""
                session.run(cell.source, fileName: lesson.file)
                outputs[cell.line] = captured.trimmingCharacters(in: .newlines)
            }
            if let exercise = step.exercise {
                if let starter = exercise.starter { session.run(starter) }
                session.run(exercise.solution)
            }
        }
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var result: [String] = []
        var k = 0
        while k < lines.count {
            let line = lines[k]
            result.append(line)
            k += 1
            guard line.hasPrefix("```"), ["python", "py"].contains(line.dropFirst(3).trimmingCharacters(in: .whitespaces).lowercased()) else { continue }
            let first = k + 1
            while k < lines.count && !lines[k].hasPrefix("```") { result.append(lines[k]); k += 1 }
            if k < lines.count { result.append(lines[k]); k += 1 }
            // Skip an existing output block (and the blank line before it).
            var j = k
            while j < lines.count && lines[j].trimmingCharacters(in: .whitespaces).isEmpty { j += 1 }
            if j < lines.count && lines[j].trimmingCharacters(in: .whitespaces) == "```output" {
                j += 1
                while j < lines.count && !lines[j].hasPrefix("```") { j += 1 }
                k = j + 1
            }
            if let printed = outputs[first], !printed.isEmpty {
                result.append("")
                result.append("```output")
                result.append(printed)
                result.append("```")
            }
        }
        lines = result
        return lines.joined(separator: "\n")
    }
}
