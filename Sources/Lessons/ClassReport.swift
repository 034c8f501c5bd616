/// `regtutor grade --report`: the class's results per exercise from the gradebook's latest run
/// (how many passed, the commonest failure), beside the run before it — what a teacher reads
/// before the next class.
///
/// ```swift
/// print(try ClassReport.text(Gradebook(path: "grading/gradebook.sqlite")))
/// ```
public enum ClassReport {
    public static func text(_ book: Gradebook) throws -> String {
        let runs = try book.runs()
        guard let latest = runs.last else { return "The gradebook holds no grading run yet: run regtutor grade first.\n" }
        let rows = try book.results(run: latest.id)
        let previous = runs.count > 1 ? try book.results(run: runs[runs.count - 2].id) : nil
        let students = Set(rows.map(\.submission)).count
        var lines = ["Grading run \(runs.count) of \(runs.count), \(latest.started), course \(latest.course)"
                     + (latest.complete ? "" : " (stopped before the end)") + ": \(LessonText.count(students, "submission")).", ""]
        var keys: [ExerciseKey] = []
        for row in rows where !keys.contains(row.key) { keys.append(row.key) }
        for key in keys {
            let results = rows.filter { $0.key == key }
            let passed = results.filter { $0.verdict.status == .passed }.count
            var line = "\(key): \(passed) of \(results.count) passed"
            if let previous {
                let before = previous.filter { $0.key == key }
                if !before.isEmpty { line += " (run before: \(before.filter { $0.verdict.status == .passed }.count) of \(before.count))" }
            }
            lines.append(line)
            let failures = results.filter { $0.verdict.status != .passed }.map(\.verdict.message)
            if let (message, count) = commonest(failures) {
                lines.append(count > 1 || failures.count == 1 ? "    commonest failure (\(count)×): \(message)"
                             : "    \(failures.count) failures, no two alike; one: \(message)")
            }
        }
        let total = rows.reduce(0) { $0 + $1.score }, max = rows.reduce(0) { $0 + $1.maxScore }
        if max > 0 {
            lines.append("")
            lines.append("Class average: \(GradeSheet.number((total / max * 1000).rounded() / 10))% of the points.")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The most frequent message and how often; ties go to the one first in alphabetical order.
    static func commonest(_ messages: [String]) -> (String, Int)? {
        var counts: [String: Int] = [:]
        for message in messages { counts[message, default: 0] += 1 }
        return counts.max { a, b in a.value != b.value ? a.value < b.value : a.key > b.key }.map { ($0.key, $0.value) }
    }
}
