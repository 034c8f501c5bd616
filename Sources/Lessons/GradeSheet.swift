import Foundation

/// What a grading run found, and every way `regtutor grade` writes it out: the terminal's table,
/// `grades.csv`, per-student feedback in Markdown, Gradescope's `results.json`, JUnit XML.
///
/// ```swift
/// var sheet = GradeSheet(exercises: GradeSheet.exercises(of: course))
/// sheet.submissions.append(graded)
/// print(sheet.table())
/// ```
public struct GradeSheet: Sendable {
    /// An exercise as grading sees it.
    public struct Item: Sendable {
        public let key: ExerciseKey
        public let title: String
        public let points: Double
        public let hints: [String]
        /// Its place among the exercises graded (the gradebook's report lists them in this order).
        public let position: Int
    }

    /// One graded submission.
    public struct Graded: Sendable {
        public let student: String
        public let file: String
        public var verdicts: [ExerciseKey: ExerciseVerdict] = [:]
        public var seconds: [ExerciseKey: Double] = [:]

        public init(student: String, file: String) {
            self.student = student
            self.file = file
        }
    }

    /// The exercises graded, in course order.
    public let exercises: [Item]
    /// The submissions, in the order given.
    public var submissions: [Graded] = []

    public init(exercises: [Item]) { self.exercises = exercises }

    /// The exercises of `course` (or of one lesson of it), in order.
    public static func exercises(of course: Course, lesson: String? = nil) -> [Item] {
        let chosen = course.lessons.filter { lesson == nil || $0.id == lesson }.flatMap { l in l.exercises.map { (l.id, $0) } }
        return chosen.enumerated().map { position, entry in
            Item(key: ExerciseKey(entry.0, entry.1.id), title: entry.1.title, points: entry.1.points, hints: entry.1.hints, position: position)
        }
    }

    /// The points a verdict earns: all of the exercise's when it passed, else none.
    public static func score(_ verdict: ExerciseVerdict?, of item: Item) -> Double { verdict?.status == .passed ? item.points : 0 }

    public var maxTotal: Double { exercises.reduce(0) { $0 + $1.points } }

    public func total(_ graded: Graded) -> Double { exercises.reduce(0) { $0 + GradeSheet.score(graded.verdicts[$1.key], of: $1) } }

    /// `2`, `0.5`: points as people write them.
    public static func number(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
    }

    // MARK: Terminal

    /// Students × exercises with ✓, ✗, timeout, ... and totals; the exercises are numbered in
    /// the header and named in a legend below.
    public func table() -> String {
        let names = submissions.map(\.student)
        let nameWidth = max(7, names.map(\.count).max() ?? 0)
        let columns = exercises.indices.map { index in
            max(String(index + 1).count, submissions.map { ($0.verdicts[exercises[index].key]?.status ?? .missing).mark.count }.max() ?? 1)
        }
        func pad(_ text: String, _ width: Int) -> String { text + String(repeating: " ", count: max(0, width - text.count)) }
        var lines = [pad("student", nameWidth) + "  " + exercises.indices.map { pad(String($0 + 1), columns[$0]) }.joined(separator: "  ") + "  total"]
        for graded in submissions {
            let marks = exercises.indices.map { pad((graded.verdicts[exercises[$0].key]?.status ?? .missing).mark, columns[$0]) }
            lines.append(pad(graded.student, nameWidth) + "  " + marks.joined(separator: "  ") + "  \(GradeSheet.number(total(graded)))/\(GradeSheet.number(maxTotal))")
        }
        lines.append("")
        for (index, item) in exercises.enumerated() {
            lines.append("\(index + 1) = \(item.key) (\(GradeSheet.number(item.points)) point\(item.points == 1 ? "" : "s"))")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    // MARK: CSV

    /// One row per submission: student, file, the points of each exercise, total, max.
    public func csv() -> String {
        var rows = [["student", "file"] + exercises.map { "\($0.key.lesson)/\($0.key.exercise)" } + ["total", "max"]]
        for graded in submissions {
            rows.append([graded.student, graded.file] + exercises.map { GradeSheet.number(GradeSheet.score(graded.verdicts[$0.key], of: $0)) }
                        + [GradeSheet.number(total(graded)), GradeSheet.number(maxTotal)])
        }
        return rows.map { $0.map(GradeSheet.csvField).joined(separator: ",") }.joined(separator: "\r\n") + "\r\n"
    }

    /// RFC 4180: quoted when it holds a comma, quote or line break; a leading =, +, - or @ is
    /// prefixed with ' so that a spreadsheet does not run a student's name as a formula.
    static func csvField(_ text: String) -> String {
        var field = text
        if let first = field.first, "=+-@".contains(first), Double(field) == nil { field = "'" + field }
        guard field.contains(where: { ",\"\r\n".contains($0) }) else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    // MARK: Feedback

    /// A student's feedback: their score, then per exercise its points, what the check said and,
    /// when it did not pass, the exercise's hints.
    public func feedback(_ graded: Graded) -> String {
        var lines = ["# Feedback for \(graded.student)", "",
                     "Score: **\(GradeSheet.number(total(graded))) of \(GradeSheet.number(maxTotal))** (submission `\(graded.file)`).", ""]
        for item in exercises {
            let verdict = graded.verdicts[item.key] ?? ExerciseVerdict(.missing, "not handed in")
            lines.append("## \(item.title) (\(item.key))")
            lines.append("")
            lines.append("\(verdict.status == .passed ? "✓" : "✗") \(GradeSheet.number(GradeSheet.score(verdict, of: item))) of \(GradeSheet.number(item.points)): "
                         + (verdict.status == .passed ? "passed." : verdict.message))
            if verdict.status != .passed && !item.hints.isEmpty {
                lines.append("")
                lines.append("Hints:")
                lines.append(contentsOf: item.hints.map { "- " + $0.replacingOccurrences(of: "\n", with: " ") })
            }
            lines.append("")
        }
        return lines.joined(separator: "\n")
    }

    // MARK: Gradescope

    /// Gradescope's autograder `results.json`: the total `score`, and one test per exercise with
    /// `name`, `score`, `max_score`, `status`, `output` and `visibility`.
    public func gradescope(_ graded: Graded) -> String {
        let tests = exercises.enumerated().map { index, item -> String in
            let verdict = graded.verdicts[item.key] ?? ExerciseVerdict(.missing, "not handed in")
            let fields: [(String, String)] = [
                ("name", GradeSheet.json("\(item.title) (\(item.key))")), ("number", GradeSheet.json(String(index + 1))),
                ("score", GradeSheet.number(GradeSheet.score(verdict, of: item))), ("max_score", GradeSheet.number(item.points)),
                ("status", GradeSheet.json(verdict.status == .passed ? "passed" : "failed")),
                ("output", GradeSheet.json(verdict.status == .passed ? "passed" : verdict.message)), ("visibility", GradeSheet.json("visible")),
            ]
            return "    {" + fields.map { "\(GradeSheet.json($0.0)): \($0.1)" }.joined(separator: ", ") + "}"
        }
        let seconds = graded.seconds.values.reduce(0, +)
        return """
            {
              "score": \(GradeSheet.number(total(graded))),
              "execution_time": \(GradeSheet.number((seconds * 10).rounded() / 10)),
              "visibility": "visible",
              "stdout_visibility": "hidden",
              "tests": [
            \(tests.joined(separator: ",\n"))
              ]
            }

            """
    }

    /// A JSON string literal.
    static func json(_ text: String) -> String {
        quoted(text) { scalar in
            switch scalar {
            case "\"": "\\\""
            case "\\": "\\\\"
            case "\n": "\\n"
            case "\r": "\\r"
            case "\t": "\\t"
            case _ where scalar.value < 0x20 || scalar.value == 0x7F: String(format: "\\u%04x", scalar.value)
            default: nil
            }
        }
    }

    /// `text` in double quotes, each scalar replaced by what `replacement` gives (nil: itself).
    static func quoted(_ text: String, _ replacement: (Unicode.Scalar) -> String?) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            if let replaced = replacement(scalar) { out += replaced } else { out.unicodeScalars.append(scalar) }
        }
        return out + "\""
    }

    // MARK: JUnit

    /// JUnit XML for CI: a test suite per submission, a test case per exercise.
    public func junit() -> String {
        var lines = ["<?xml version=\"1.0\" encoding=\"UTF-8\"?>"]
        let failures = submissions.reduce(0) { sum, graded in sum + exercises.filter { graded.verdicts[$0.key]?.status != .passed }.count }
        lines.append("<testsuites name=\"regtutor grade\" tests=\"\(submissions.count * exercises.count)\" failures=\"\(failures)\">")
        for graded in submissions {
            let failed = exercises.filter { graded.verdicts[$0.key]?.status != .passed }.count
            let time = graded.seconds.values.reduce(0, +)
            lines.append("  <testsuite name=\(GradeSheet.xml(graded.student)) tests=\"\(exercises.count)\" failures=\"\(failed)\" time=\"\(String(format: "%.3f", time))\">")
            for item in exercises {
                let verdict = graded.verdicts[item.key] ?? ExerciseVerdict(.missing, "not handed in")
                let head = "    <testcase classname=\(GradeSheet.xml(item.key.lesson)) name=\(GradeSheet.xml(item.key.exercise)) time=\"\(String(format: "%.3f", graded.seconds[item.key] ?? 0))\""
                if verdict.status == .passed {
                    lines.append(head + "/>")
                } else {
                    lines.append(head + ">")
                    lines.append("      <failure type=\(GradeSheet.xml(verdict.status.rawValue)) message=\(GradeSheet.xml(verdict.message))/>")
                    lines.append("    </testcase>")
                }
            }
            lines.append("  </testsuite>")
        }
        lines.append("</testsuites>")
        return lines.joined(separator: "\n") + "\n"
    }

    /// A quoted XML attribute value; characters XML 1.0 does not allow become U+FFFD.
    static func xml(_ text: String) -> String {
        quoted(text) { scalar in
            switch scalar {
            case "&": "&amp;"
            case "<": "&lt;"
            case ">": "&gt;"
            case "\"": "&quot;"
            case "\n": "&#10;"
            case "\t": "&#9;"
            case "\r": "&#13;"
            case _ where scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF: "\u{FFFD}"
            default: nil
            }
        }
    }
}
