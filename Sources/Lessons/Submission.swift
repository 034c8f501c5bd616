import Foundation

/// What a student hands in: one Markdown file a teacher can read as it is, with, for each
/// exercise worked on, its lesson and id, the code the student ran for it and what the last check
/// said. Nothing is sent anywhere; the student uploads the file where their course collects work.
///
/// ```swift
/// let text = Submission.markdown(progress, course: course, student: "Ada", written: Date())
/// ```
public enum Submission {
    /// The first line of every submission file (`:submit` overwrites only files that start so).
    public static let heading = "# regtutor submission"

    /// The line between two cells of an exercise's code, as the student ran them one by one.
    public static let cellSeparator = "# ---- next cell ----"

    public static func markdown(_ progress: Progress, course: Course, student: String, lesson onlyLesson: String? = nil, written: Date) -> String {
        var lines = [heading, "", "- student: \(oneLine(student))", "- written: \(ISO8601DateFormatter().string(from: written))", ""]
        var count = 0
        for lesson in course.lessons where onlyLesson == nil || lesson.id == onlyLesson {
            for exercise in lesson.exercises {
                guard let record = progress.lessons[lesson.id]?.exercises[exercise.id], !record.code.isEmpty || record.attempts > 0 else { continue }
                count += 1
                lines.append("## \(lesson.id) / \(exercise.id)")
                lines.append("")
                lines.append("\(exercise.title). Checked \(LessonText.count(record.attempts, "time")); last check: " + oneLine(record.lastCheck ?? "not checked"))
                lines.append("")
                let fence = String(repeating: "`", count: max(3, longestBacktickRun(record.code) + 1))
                lines.append(fence + "python")
                lines.append(record.code)
                lines.append(fence)
                lines.append("")
            }
        }
        if count == 0 { lines.append("(No exercise worked on yet.)") }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Whether `text` is a submission regtutor wrote (safe to replace).
    public static func isSubmission(_ text: String) -> Bool { text.hasPrefix(heading + "\n") }

    private static func oneLine(_ text: String) -> String {
        String(text.unicodeScalars.map { $0.value < 0x20 || $0.value == 0x7F ? " " : Character($0) })
    }

    private static func longestBacktickRun(_ text: String) -> Int {
        var longest = 0, run = 0
        for c in text {
            run = c == "`" ? run + 1 : 0
            longest = max(longest, run)
        }
        return longest
    }
}
