import Foundation
import Testing
@testable import Lessons

/// A small lesson in the documented format, used by several tests.
enum Sample {
    static let text = """
        ---
        id: sample
        title: A sample
        order: 1
        minutes: 5
        prerequisites: [basics, other]
        ---

        The introduction.

        ## First step

        Some **prose**.

        ```python
        a = 2
        print(a * 3)
        ```

        ```output
        6
        ```

        ```python readonly
        model.fit(x, y)
        ```

        ## Exercise: Double it

        Make `b` twice `a`.

        ```python starter
        b = ...
        ```

        ```python check
        assert b != a, "that is a itself: multiply it by 2"
        assert b == 2 * a, "b should be twice a"
        ```

        ```hint
        Multiply.
        ```

        ```hint
        `b = 2 * a`
        ```

        ```python solution
        b = 2 * a
        ```

        ## Last step

        ```python
        print("done", b)
        ```
        """

    static func lesson() throws -> Lesson { try LessonParser.parse(text, file: "sample.md") }
}

struct LessonParserTests {
    @Test func readsFrontMatterStepsCellsAndExercises() throws {
        let lesson = try Sample.lesson()
        #expect(lesson.id == "sample" && lesson.title == "A sample" && lesson.order == 1 && lesson.minutes == 5)
        #expect(lesson.prerequisites == ["basics", "other"])
        #expect(lesson.steps.map(\.title) == ["First step", "Exercise: Double it", "Last step"])
        guard case .cell(let cell) = lesson.steps[0].blocks[1] else {
            Issue.record("expected a cell")
            return
        }
        #expect(cell.source == "a = 2\nprint(a * 3)" && cell.expectedOutput == "6" && cell.line == 16 && cell.expectedLine == 21)
        guard case .readOnly(let code) = lesson.steps[0].blocks[2] else {
            Issue.record("expected read-only code")
            return
        }
        #expect(code == "model.fit(x, y)")
        let exercise = try #require(lesson.steps[1].exercise)
        #expect(exercise.id == "double-it" && exercise.title == "Double it")
        #expect(exercise.starter == "b = ..." && exercise.hints == ["Multiply.", "`b = 2 * a`"] && exercise.solution == "b = 2 * a")
        #expect(lesson.exercises.count == 1 && lesson.steps[0].exercise == nil)
    }

    @Test func mistakesAreReportedWithFileAndLine() {
        let cases: [(String, String)] = [
            ("# no front matter", "x.md:1: a lesson starts with front matter between '---' lines (id, title, order, minutes, prerequisites)"),
            ("---\nid: a\ntitle: A\norder: 1\n---\n\ntext only", "x.md:6: a lesson needs at least one '## ' step"),
            ("---\nid: a\ntitle: A\n---\n## S\n", "x.md:1: the front matter needs 'order:'"),
            ("---\nid: a\ntitle: A\norder: 1\n---\n## S\n```output\n1\n```", "x.md:7: an ```output block must follow a ```python cell"),
            ("---\nid: a\ntitle: A\norder: 1\n---\n## S\n```ruby\nputs 1\n```", "x.md:7: unknown code block '```ruby': use python, output, python readonly, python starter, python check, python solution, python grade, python mistake or hint"),
            ("---\nid: a\ntitle: A\norder: 1\n---\n## Exercise: E\n```python solution\nx = 1\n```", "x.md:6: the exercise 'Exercise: E' needs a ```python check block"),
            ("---\nid: a\ntitle: A\norder: 1\n---\n## S\n```python\nx = 1\n", "x.md:8: a ``` code fence is not closed"),
            ("---\nid: a\ntitle: A\norder: 1\n---\n## S\n```hint\nno\n```", "x.md:8: ```hint belongs in an '## Exercise: ...' step"),
        ]
        for (text, expected) in cases {
            do {
                _ = try LessonParser.parse(text, file: "x.md")
                Issue.record("no error for \(text)")
            } catch let error as LessonError {
                #expect(error.description == expected)
            } catch {
                Issue.record("unexpected \(error)")
            }
        }
    }

    @Test func theShippedCourseHasTenLessonsInOrder() throws {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("lessons")
        let course = try Course.load(from: folder)
        #expect(course.lessons.map(\.id) == ["overfitting", "l1-l2", "elastic-net", "dropout", "early-stopping", "batch-norm",
                                             "data-augmentation", "noise", "max-norm-and-clipping", "choosing-and-combining"])
        for lesson in course.lessons {
            #expect(lesson.exercises.count >= 2, "\(lesson.id) needs at least two exercises")
            for exercise in lesson.exercises { #expect(exercise.hints.count >= 2 && exercise.starter != nil, "\(lesson.id): \(exercise.title)") }
            for prerequisite in lesson.prerequisites { #expect(course.lesson(prerequisite) != nil, "\(lesson.id) needs unknown \(prerequisite)") }
        }
        #expect(course.lesson("4")?.id == "dropout" && course.lesson("dropout")?.order == 4 && course.lesson("11") == nil)
    }
}

/// `points:` and the hidden ```python grade block of `regtutor grade`.
struct GradingFormatTests {
    static func withGrading(_ extra: String) -> String {
        Sample.text.replacingOccurrences(of: "Make `b` twice `a`.\n", with: "Make `b` twice `a`.\n\n" + extra + "\n")
    }

    @Test func pointsAndAHiddenCheckAreRead() throws {
        let lesson = try LessonParser.parse(Self.withGrading("points: 2.5\n\n```python grade\nassert b == 4, \"hidden\"\n```"), file: "g.md")
        let exercise = try #require(lesson.exercises.first)
        #expect(exercise.points == 2.5)
        #expect(exercise.hiddenCheck == "assert b == 4, \"hidden\"")
        #expect(exercise.hiddenCheckLine == 35)
        // Neither is prose that the REPL or a handout would show.
        let prose = lesson.steps[1].blocks.compactMap { block -> String? in if case .prose(let text) = block { text } else { nil } }
        #expect(prose == ["Make `b` twice `a`."])
        #expect(try Sample.lesson().exercises.first?.points == 1)
        #expect(try Sample.lesson().exercises.first?.hiddenCheck == nil)
    }

    @Test func pointsThatAreNotANumberAreAnError() throws {
        for bad in ["points: two", "points: -1", "points: nan", "points:"] {
            #expect(throws: LessonError.self) { try LessonParser.parse(Self.withGrading(bad), file: "g.md") }
        }
        do {
            _ = try LessonParser.parse(Self.withGrading("points: two"), file: "g.md")
        } catch {
            #expect("\(error)" == "g.md:32: points must be a number such as 2 or 0.5, got 'two'")
        }
        #expect(throws: LessonError.self) { try LessonParser.parse(Self.withGrading("points: 1\npoints: 2"), file: "g.md") }
        let stray = Sample.text.replacingOccurrences(of: "Some **prose**.", with: "points: 3")
        #expect(throws: LessonError.self) { try LessonParser.parse(stray, file: "g.md") }
    }

    @Test func theCheckerRunsTheHiddenCheckAgainstTheSolution() throws {
        let lesson = try LessonParser.parse(Self.withGrading("```python grade\nassert b == 5, \"b should be 5 here\"\n```"), file: "g.md")
        #expect(LessonChecker.check(lesson).map(\.description) == ["g.md:33: the solution does not pass the hidden grading check: b should be 5 here"])
    }
}
