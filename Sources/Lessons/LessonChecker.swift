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
            problems += checkExercise(exercise, in: session, file: lesson.file)
            captured = ""
        }
        return problems
    }

    /// The exercise as students meet it: its starter and each listed mistake must fail the
    /// check; the solution typed after them must pass it (the hidden check too), and again when
    /// typed twice; and the check must leave the session's values as it found them.
    static func checkExercise(_ exercise: Exercise, in session: Interpreter, file: String) -> [LessonError] {
        var problems: [LessonError] = []
        func problem(_ line: Int, _ message: String) { problems.append(LessonError(file: file, line: line, message: message)) }
        let quiet = session.output
        session.output = { _ in }
        defineFingerprint(in: session)
        defer {
            session.forget("__fingerprint__")
            session.output = quiet
        }
        var attempts = exercise.mistakes.map { (code: $0.code, line: $0.line, what: "the mistake") }
        if let starter = exercise.starter, let line = exercise.starterLine { attempts.insert((starter, line, "the starter code"), at: 0) }
        // Every judging must leave the values as they were, after a wrong attempt as after the solution.
        func judgeReading(_ check: String) -> Tutor.Verdict {
            let before = fingerprints(session)
            let verdict = Tutor.judge(check: check, in: session)
            let after = fingerprints(session)
            for name in before.keys.sorted() where after[name] != before[name] && !changed.contains(name) {
                changed.insert(name)
                problem(exercise.checkLine, "the check changes '\(name)': a check only reads (work on a copy, e.g. copy.deepcopy)")
            }
            return verdict
        }
        var changed = Set<String>()
        for attempt in attempts {
            session.run(attempt.code, fileName: file)
            if judgeReading(exercise.check) == .passed { problem(attempt.line, "\(attempt.what) already passes the check of '\(exercise.title)'") }
        }
        for round in ["", " typed a second time"] {
            if let report = failure(session.run(exercise.solution, fileName: file)) {
                problem(exercise.solutionLine, "the solution\(round) fails: " + report)
            }
            if case .failed(let message) = judgeReading(exercise.check) {
                problem(exercise.checkLine, (attempts.isEmpty || !round.isEmpty ? "the solution\(round)" : "the solution, after \(attempts.map(\.what).joined(separator: " and ")),")
                        + " does not pass the check: " + message)
            }
            if let hidden = exercise.hiddenCheck, case .failed(let message) = judgeReading(hidden) {
                problem(exercise.hiddenCheckLine ?? exercise.checkLine, "the solution\(round) does not pass the hidden grading check: " + message)
            }
            if !problems.isEmpty { break }
        }
        return problems
    }

    /// Defines the Python helper `fingerprints` calls (`checkExercise` forgets it at its end).
    static func defineFingerprint(in session: Interpreter) {
        session.run("""
            def __fingerprint__(v):
                import torch
                if isinstance(v, torch.nn.Module):
                    return repr([(n, p.tolist(), None if p.grad is None else p.grad.tolist()) for n, p in v.named_parameters()]) + repr([b.tolist() for b in v.buffers()])
                if isinstance(v, torch.Tensor):
                    return repr(v.tolist()) + repr(None if v.grad is None else v.grad.tolist())
                if hasattr(v, 'get_weights'):
                    return repr([w.tolist() for w in v.get_weights()])
                return repr(v)
            """, fileName: "<fingerprint>")
    }

    /// A description of each of the session's values deep enough to see a change: a tensor's
    /// elements and gradient, a module's parameters, gradients and buffers, a Keras model's weights.
    static func fingerprints(_ session: Interpreter) -> [String: String] {
        let names = session.variableNames.filter { !$0.hasPrefix("__") }
        var found: [String: String] = [:]
        let output = session.output
        defer { session.output = output }
        for name in names.sorted() {
            var printed = ""
            session.output = { printed += $0 }
            if case .success = session.run("print(__fingerprint__(\(name)))", fileName: "<fingerprint>") { found[name] = printed }
        }
        return found
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
        // A block is unchanged when the old text had one with the same body, wherever it was
        // (cells added above it move it, they do not change it).
        var unmatched = blocks(old).map(\.body)
        return blocks(new).compactMap { block in
            guard let same = unmatched.firstIndex(of: block.body) else { return block.line }
            unmatched.remove(at: same)
            return nil
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
