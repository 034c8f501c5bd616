import Foundation
import Testing
@testable import Lessons

struct LessonCheckerTests {
    @Test func aCorrectLessonPasses() throws {
        #expect(LessonChecker.check(try Sample.lesson()).isEmpty)
    }

    @Test func rotIsReportedWithFileAndLine() throws {
        let broken = Sample.text
            .replacingOccurrences(of: "```output\n6\n```", with: "```output\n7\n```")
            .replacingOccurrences(of: "b = ...", with: "b = 2 * a")
            .replacingOccurrences(of: "```python solution\nb = 2 * a", with: "```python solution\nb = 3 * a")
        let problems = LessonChecker.check(try LessonParser.parse(broken, file: "broken.md")).map(\.description)
        #expect(problems == [
            "broken.md:21: output differs at its line 1: expected \"7\", got \"6\"",
            "broken.md:33: the starter code already passes the check of 'Double it'",
            "broken.md:37: the solution, after the starter code, does not pass the check: b should be twice a",
        ])
    }

    @Test func updateFillsInOutputs() throws {
        let text = "---\nid: u\ntitle: U\norder: 1\n---\n## S\n```python\nprint(1 + 1)\n```\n"
        let updated = LessonChecker.updatedText(text, lesson: try LessonParser.parse(text, file: "u.md"))
        #expect(updated == "---\nid: u\ntitle: U\norder: 1\n---\n## S\n```python\nprint(1 + 1)\n```\n\n```output\n2\n```\n")
    }

    @Test func spacesAtLineEndsDoNotCount() {
        // Editors strip them from lesson files; a heatmap row of blank cells ends in spaces.
        #expect(LessonChecker.compare(expected: "0     ██\n1 x", actual: "0     ██      \n1 x\n") == nil)
        #expect(LessonChecker.compare(expected: "a b", actual: "a  b") == "output differs at its line 1: expected \"a b\", got \"a  b\"")
    }
}

/// The exercise-robustness rules: checks judge the answer, not the debris of earlier attempts,
/// and only read.
struct ExerciseRobustnessTests {
    static func lesson(check: String, solution: String, extra: String = "") throws -> Lesson {
        let text = "---\nid: r\ntitle: R\norder: 1\n---\n## Setup\n```python\nimport torch\nw = torch.tensor([4.0])\n```\n"
            + "## Exercise: Halve it\n```python check\n\(check)\n```\n\(extra)```python solution\n\(solution)\n```\n"
        return try LessonParser.parse(text, file: "r.md")
    }

    @Test func aSolutionThatOnlyWorksOnceIsReported() throws {
        // An answer computed from state the attempt itself changes: right the first time only.
        let lesson = try Self.lesson(check: "assert w.item() == 2.0, 'w should be 2'", solution: "w.mul_(0.5)")
        #expect(LessonChecker.check(lesson).map(\.description) == ["r.md:13: the solution typed a second time does not pass the check: w should be 2"])
    }

    @Test func aMistakeBeforeTheSolutionMustNotPoisonIt() throws {
        let mistake = "```python mistake\nw.mul_(0.25)\n```\n"
        let lesson = try Self.lesson(check: "assert w.item() == 2.0, 'w should be 2'", solution: "w.mul_(0.5)", extra: mistake)
        #expect(LessonChecker.check(lesson).map(\.description) == ["r.md:13: the solution, after the mistake, does not pass the check: w should be 2"])
        // Recomputing from a fresh start makes the same exercise robust.
        let robust = try Self.lesson(check: "assert w.item() == 2.0, 'w should be 2'", solution: "w = torch.tensor([4.0]) * 0.5", extra: mistake)
        #expect(LessonChecker.check(robust).isEmpty)
    }

    @Test func aMistakeThatPassesIsReported() throws {
        let lesson = try Self.lesson(check: "assert w.item() > 0, 'positive'", solution: "w = w * 0.5", extra: "```python mistake\nw = w * 2\n```\n")
        #expect(LessonChecker.check(lesson).map(\.description) == ["r.md:16: the mistake already passes the check of 'Halve it'"])
    }

    @Test func aCheckThatChangesTheStudentsValuesIsReported() throws {
        let lesson = try Self.lesson(check: "w.add_(1)\nassert True", solution: "w = torch.tensor([2.0])")
        #expect(LessonChecker.check(lesson).map(\.description) == ["r.md:13: the check changes 'w': a check only reads (work on a copy, e.g. copy.deepcopy)"])
    }
}

/// The shipped course under the exercise-robustness rules: every cell prints its output block,
/// and every exercise's check fails its starter and mistakes, passes the solution typed after
/// them and typed twice, and changes nothing it judges (what `regtutor check lessons` reports).
struct ShippedCourseCheckTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("lessons")
    static let files = (try? Course.lessonFiles(in: folder).map(\.lastPathComponent)) ?? []

    @Test(arguments: files)
    func everyExerciseIsRobust(_ file: String) throws {
        let url = Self.folder.appendingPathComponent(file)
        let lesson = try LessonParser.parse(try String(contentsOf: url, encoding: .utf8), file: file)
        #expect(!lesson.exercises.isEmpty)
        let problems = LessonChecker.check(lesson).map(\.description)
        #expect(problems.isEmpty, "\(problems)")
    }

    @Test func theCourseAsAWholeHasNoProblems() throws {
        #expect(Self.files.count == 10)
        #expect(try Course.load(from: Self.folder).problems().map(\.description).isEmpty)
    }
}
