import Foundation
import Testing
@testable import Lessons

/// `regtutor check COURSE` checks the course as a whole; `--update` says what it changed;
/// handouts can leave the solutions out.
struct CourseCheckTests {
    private func lesson(id: String, order: Int, prerequisites: String, exercises: [String]) throws -> Lesson {
        let steps = exercises.map { title in
            """
            ## Exercise: \(title)

            ```python check
            assert x == 1
            ```

            ```python solution
            x = 1
            ```
            """
        }.joined(separator: "\n\n")
        let text = "---\nid: \(id)\ntitle: T\(id)\norder: \(order)\nminutes: 5\nprerequisites: [\(prerequisites)]\n---\n\nIntro.\n\n## A step\n\nText.\n\n" + steps
        return try LessonParser.parse(text, file: id + ".md")
    }

    @Test func aSoundCourseHasNoProblems() throws {
        let course = Course(directory: URL(fileURLWithPath: "/tmp"), lessons: [
            try lesson(id: "a", order: 1, prerequisites: "", exercises: []),
            try lesson(id: "b", order: 2, prerequisites: "a", exercises: []),
        ])
        #expect(course.problems().isEmpty)
    }

    @Test func unknownPrerequisitesRepeatedOrdersAndSelfReferencesAreReported() throws {
        let course = Course(directory: URL(fileURLWithPath: "/tmp"), lessons: [
            try lesson(id: "a", order: 1, prerequisites: "missing", exercises: []),
            try lesson(id: "b", order: 1, prerequisites: "b", exercises: []),
        ])
        let messages = course.problems().map(\.description)
        #expect(messages.contains("a.md:1: the prerequisite 'missing' is not a lesson of this course (its ids: a, b)"))
        #expect(messages.contains("b.md:1: the lesson lists itself as a prerequisite"))
        #expect(messages.contains("b.md:1: order 1 is also the order of a.md: the course's sequence is ambiguous"))
    }

    @Test func theSameExerciseTwiceInALessonIsReported() throws {
        let twins = try lesson(id: "a", order: 1, prerequisites: "", exercises: ["Set x", "Set x"])
        let course = Course(directory: URL(fileURLWithPath: "/tmp"), lessons: [twins])
        let id = try #require(twins.exercises.first?.id)
        #expect(course.problems().map(\.message).contains { $0.hasPrefix("the exercise id '\(id)' is also used at line") })
    }

    @Test func updateReportsTheOutputBlocksItChanged() {
        let old = "```python\nprint(1)\n```\n\n```output\n2\n```\n\n```python\nprint(3)\n```\n\n```output\n3\n```\n"
        let new = "```python\nprint(1)\n```\n\n```output\n1\n```\n\n```python\nprint(3)\n```\n\n```output\n3\n```\n"
        #expect(LessonChecker.changedLines(from: old, to: new) == [6])
        #expect(LessonChecker.changedLines(from: new, to: new).isEmpty)
    }

    @Test func aHandoutCanLeaveTheSolutionsOut() throws {
        var with = "", without = ""
        LessonPrinter.print(try Sample.lesson(), width: 80, colors: false) { with += $0 }
        LessonPrinter.print(try Sample.lesson(), width: 80, colors: false, solutions: false) { without += $0 }
        // Solutions are code to type, not code that ran: no prompts.
        #expect(with.contains("Solutions\n") && with.contains("Double it:\n    b = 2 * a\n") && !with.contains(">>> b = 2 * a"))
        #expect(!without.contains("Solutions") && !without.contains("b = 2 * a"))
        #expect(without.contains("Start from:"))
    }
}
