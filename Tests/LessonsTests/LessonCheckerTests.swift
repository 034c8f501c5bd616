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
            "broken.md:37: the solution does not pass the check: b should be twice a",
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
