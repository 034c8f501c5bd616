import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing

/// `regtutor grade` over the test course in Grading/course (two exercises, 2 points and 1, the
/// first with a hidden check) and a folder of submissions written for it: right, wrong (passes
/// the visible check, fails the hidden one), an endless loop, unbounded allocation, endless
/// recursion, a syntax error, an empty submission, a hand-written letter, and one that floods
/// its output.
@Suite(.serialized) struct GradeCommandTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Grading")
    static let course = folder.appendingPathComponent("course").path
    static let submissions = folder.appendingPathComponent("submissions").path
    static let limits = "--seconds 4 --cpu-seconds 4 --memory 256M"

    static func temporaryFolder() -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("regtutor-grade-test-\(UUID().uuidString)")
    }

    static func json(_ url: URL) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
    }

    /// What each submission earns, and why (a piece of the reason for each exercise).
    static let expected: [(file: String, student: String, total: String, reasons: [String])] = [
        ("ada-right", "Ada Right", "3", ["passed", "passed"]),
        ("bob-wrong", "Bob Wrong", "0", ["double works for 3 but not for every number", "p = 0.8 drops 80% of the units"]),
        ("cy-loop", "Cy Loop", "1", ["limit of 4", "passed"]),
        ("di-alloc", "Di Alloc", "0", ["MemoryError", "not handed in"]),
        ("ed-limits", "Ed Limits", "1", ["RecursionError: maximum recursion depth exceeded", "passed"]),
        ("flo-syntax", "Flo Syntax", "0", ["cell 1, line 1: SyntaxError: expected ':'", "SyntaxError: '(' was never closed"]),
        ("gus-empty", "Gus Empty", "0", ["not handed in", "not handed in"]),
        ("8-nonsense", "8-nonsense", "0", ["not a regtutor submission", "not a regtutor submission"]),
        ("hal-flood", "Hal Flood", "1", ["more than the output limit", "passed"]),
    ]

    @Test func aFolderOfSubmissionsIsGradedWithTheRightScoresAndReasons() throws {
        let out = Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: out) }
        let run = try Invocation("grade --lessons '\(Self.course)' --out '\(out.path)' \(Self.limits) --format gradescope --format junit '\(Self.submissions)'")
        #expect(run.status == 0, "\(run.error)")
        #expect(run.output.contains("Ada Right   ✓        ✓        3/3"))
        #expect(run.output.contains("Cy Loop     timeout  ✓        1/3"))
        #expect(run.output.contains("Di Alloc    memory   –        0/3"))
        #expect(run.output.contains("8-nonsense  invalid  invalid  0/3"))
        #expect(run.output.contains("Hal Flood   output   ✓        1/3"))
        #expect(run.output.contains("1 = basics / double-it (2 points)"))

        // grades.csv: a header, then one row per submission, in the files' order.
        let csv = try String(contentsOf: out.appendingPathComponent("grades.csv"), encoding: .utf8)
        let rows = csv.split(separator: "\r\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        #expect(rows.first == ["student", "file", "basics/double-it", "basics/keep-four-out-of-five", "total", "max"])
        #expect(rows.dropFirst().map { [$0[0], $0[4], $0[5]] } == Self.expected.map { [$0.student, $0.total, "3"] })

        for entry in Self.expected {
            // Gradescope's results.json: the fields its autograder documentation names, with their types.
            let results = try Self.json(out.appendingPathComponent("gradescope/\(entry.file)/results.json"))
            #expect((results["score"] as? NSNumber)?.stringValue == entry.total, "\(entry.file)")
            let tests = try #require(results["tests"] as? [[String: Any]])
            #expect(tests.count == 2)
            for (test, reason) in zip(tests, entry.reasons) {
                #expect(test["name"] is String && test["score"] is NSNumber && test["max_score"] is NSNumber)
                #expect(["hidden", "after_due_date", "after_published", "visible"].contains(test["visibility"] as? String ?? ""))
                let output = test["output"] as? String ?? ""
                #expect(output.contains(reason), "\(entry.file): \(output)")
            }
            // Feedback: the score and the reasons, and the hints where it did not pass.
            let feedback = try String(contentsOf: out.appendingPathComponent("feedback/\(entry.file).md"), encoding: .utf8)
            #expect(feedback.contains("Score: **\(entry.total) of 3**"))
            #expect(feedback.contains("Multiply x by two.") == (entry.reasons[0] != "passed"))
        }

        // JUnit XML parses, with a test case per exercise and a failure per exercise not passed.
        let counter = XMLCounter()
        let parser = try #require(XMLParser(contentsOf: out.appendingPathComponent("junit.xml")))
        parser.delegate = counter
        #expect(parser.parse())
        #expect(counter.counts["testsuite"] == 9)
        #expect(counter.counts["testcase"] == 18)
        #expect(counter.counts["failure"] == 18 - 5)
    }

    @Test func regradingKeepsTheHistoryAndTheReportReadsIt() throws {
        let out = Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: out) }
        let files = ["1-right.md", "2-wrong.md", "6-syntax.md"].map { "'\(Self.submissions)/\($0)'" }.joined(separator: " ")
        let first = try Invocation("grade --lessons '\(Self.course)' --out '\(out.path)' \(Self.limits) \(files)")
        let csv = try String(contentsOf: out.appendingPathComponent("grades.csv"), encoding: .utf8)
        let second = try Invocation("grade --lessons '\(Self.course)' --out '\(out.path)' \(Self.limits) \(files)")
        #expect(first.status == 0 && second.status == 0)
        // The same submissions, the same grades.
        #expect(try String(contentsOf: out.appendingPathComponent("grades.csv"), encoding: .utf8) == csv)
        #expect(first.output == second.output)
        let report = try Invocation("grade --report --out '\(out.path)'")
        #expect(report.status == 0)
        #expect(report.output.contains("Grading run 2 of 2"))
        #expect(report.output.contains("basics / double-it: 1 of 3 passed (run before: 1 of 3)"))
        #expect(report.output.contains("basics / keep-four-out-of-five: 1 of 3 passed (run before: 1 of 3)"))
        #expect(report.output.contains("Class average: 33.3% of the points."))
    }

    @Test func badArgumentsAreRefusedWithAReason() throws {
        #expect(try Invocation("grade").error.hasPrefix("Error: give the submission files or folders to grade"))
        #expect(try Invocation("grade --lessons '\(Self.course)' /no/such/file.md").lastErrorLine == "regtutor grade: /no/such/file.md: no such file or folder")
        #expect(try Invocation("grade --lessons '\(Self.course)' --memory lots x.md").error.hasPrefix("Error: --memory takes a size of at least 64M"))
        #expect(try Invocation("grade --report --out /no/such/folder").lastErrorLine.contains("no gradebook at /no/such/folder/gradebook.sqlite"))
    }

    /// A student solves one exercise, fails the other and `:submit`s; grading gives the points of
    /// the one solved.
    @Test func aSubmissionFromTheREPLIsGraded() throws {
        let out = Self.temporaryFolder()
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: out) }
        let submission = out.appendingPathComponent("mine.md").path
        let session = try TerminalSession(arguments: "--lessons '\(Self.course)'")
        #expect(session.waitFor(">>> "))
        session.send(":start 1\n")
        #expect(session.waitFor("step 1 of 3"))
        #expect(session.waitFor(">>> ", occurrences: 2))
        session.send("\n")
        #expect(session.waitFor("exercise 1 of 2"))
        #expect(session.waitFor(">>> ", occurrences: 3))
        session.send("def double(x):\n")
        #expect(session.waitFor("... "))
        session.send("    return 2 * x\n")
        #expect(session.waitFor("... ", occurrences: 2))
        session.send("\n")
        #expect(session.waitFor(">>> ", occurrences: 4))
        session.send(":check\n")
        #expect(session.waitFor("✓ Correct."))
        #expect(session.waitFor(">>> ", occurrences: 5))
        session.send("\n")
        #expect(session.waitFor("exercise 2 of 2"))
        #expect(session.waitFor(">>> ", occurrences: 6))
        session.send("drop = nn.Dropout(p=0.5)\n")
        #expect(session.waitFor(">>> ", occurrences: 7))
        session.send(":check\n")
        #expect(session.waitFor("drops 50% of the units"))
        #expect(session.waitFor(">>> ", occurrences: 8))
        session.send(":submit \(submission)\n")
        #expect(session.waitFor("Your name or student id"))
        session.send("Test Student\n")
        #expect(session.waitFor("Wrote your submission"))
        #expect(session.waitFor(">>> ", occurrences: 9))
        session.send(":quit\n")
        #expect(session.waitForExit() == 0)

        let run = try Invocation("grade --lessons '\(Self.course)' --out '\(out.path)/grading' \(Self.limits) '\(submission)'")
        #expect(run.status == 0, "\(run.error)")
        #expect(run.output.contains("Test Student  ✓  ✗  2/3"), "\(run.output)")
    }
}

/// Counts the elements of an XML document by name.
final class XMLCounter: NSObject, XMLParserDelegate {
    var counts: [String: Int] = [:]

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
        counts[name, default: 0] += 1
    }
}
