import ArgumentParser
import Common
import Foundation
import Lessons

/// `regtutor grade`: grades a folder of submissions against the course, each exercise in a child
/// process with limits, on every core; writes the table, grades.csv, feedback, the gradebook and,
/// on request, Gradescope's results.json and JUnit XML. `--report` summarises the gradebook.
struct GradeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "grade",
        abstract: "Grade submission files (from :submit or regtutor submit) against the course's checks.",
        discussion: """
            Each exercise of each submission runs in a process of its own with limits on time, memory and \
            output: code that loops, floods or crashes gets 0 for that exercise and grading goes on. Results go \
            to OUT: grades.csv, feedback/NAME.md, gradebook.sqlite (every run is kept), and with --format \
            gradescope/NAME/results.json or junit.xml. Ctrl-C stops cleanly and keeps what was graded.
            """)

    @Argument(help: "Submission files, or folders of them (every .md file inside).")
    var submissions: [String] = []

    @OptionGroup var course: CourseOption
    var lessons: String? { course.lessons }

    @Option(name: .customLong("lesson"), help: "Grade only this lesson's exercises (its id or number).")
    var lesson: String?

    @Option(name: .customLong("out"), help: ArgumentHelp("Where the results go.", valueName: "DIR"))
    var out = "grading"

    @Option(name: .customLong("format"), help: "Also write gradescope (a results.json per submission) or junit (junit.xml); repeatable.")
    var formats: [OutputFormat] = []

    @Option(name: .customLong("jobs"), help: "Exercises graded at once (default: the number of cores).")
    var jobs: Int?

    @Option(name: .customLong("seconds"), help: "Wall-clock seconds each exercise may run.")
    var seconds = ExerciseGrader.defaultSeconds

    @Option(name: .customLong("cpu-seconds"), help: "CPU seconds each exercise may use.")
    var cpuSeconds = Int(ExerciseGrader.defaultSeconds)

    @Option(name: .customLong("memory"), help: ArgumentHelp("Memory each exercise may use.", valueName: "SIZE"))
    var memory = "1G"

    @Option(name: .customLong("output"), help: ArgumentHelp("Output each exercise may print.", valueName: "SIZE"))
    var output = "1M"

    @Option(name: .customLong("gradebook"), help: ArgumentHelp("The SQLite gradebook (default: OUT/gradebook.sqlite).", valueName: "FILE"))
    var gradebook: String?

    @Flag(name: .customLong("report"), help: "Print the class's results per exercise from the gradebook's latest run, and grade nothing.")
    var report = false

    enum OutputFormat: String, ExpressibleByArgument, CaseIterable { case gradescope, junit }

    func validate() throws {
        if !report && submissions.isEmpty { throw ValidationError("give the submission files or folders to grade (or --report)") }
        if let jobs, !(1...64).contains(jobs) { throw ValidationError("--jobs takes 1 to 64, got \(jobs)") }
        if !(seconds > 0 && seconds <= 3600) { throw ValidationError("--seconds takes a number of seconds from 0 to 3600, got \(seconds)") }
        if !(1...3600).contains(cpuSeconds) { throw ValidationError("--cpu-seconds takes 1 to 3600, got \(cpuSeconds)") }
        _ = try MemoryOption.bytes(memory, option: "--memory")
        guard MemoryBudget.parse(output) != nil else { throw ValidationError("--output takes a size such as 100K or 1M, got '\(output)'") }
    }

    var gradebookPath: String { gradebook ?? (out as NSString).appendingPathComponent("gradebook.sqlite") }

    func run() throws {
        if report {
            guard FileManager.default.fileExists(atPath: gradebookPath) else {
                Terminal.writeError("regtutor grade: no gradebook at \(gradebookPath) yet: grade some submissions first (or give --gradebook FILE)\n")
                throw ExitCode(2)
            }
            do {
                Terminal.writeOut(try ClassReport.text(Gradebook(path: gradebookPath)))
            } catch {
                Terminal.writeError("regtutor grade: \(error)\n")
                throw ExitCode(1)
            }
            return
        }
        guard let folder = CourseLoader.directory(lessons) else {
            Terminal.writeError("regtutor grade: no course found: give --lessons DIR\n")
            throw ExitCode(2)
        }
        let course: Course
        do { course = try Course.load(from: folder) } catch {
            Terminal.writeError("regtutor grade: the course could not be read: \(error)\n")
            throw ExitCode(2)
        }
        let lessonId = try lesson.map { reference in
            guard let found = course.lesson(reference) else { throw ValidationError("there is no lesson '\(reference)' in the course") }
            return found.id
        }
        let files = try GradeCommand.submissionFiles(submissions)
        var grading = Grading(course: course, folder: folder, sheet: GradeSheet(exercises: GradeSheet.exercises(of: course, lesson: lessonId)), limits: limits)
        grading.read(files)
        let book: Gradebook
        do {
            try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
            book = try Gradebook(path: gradebookPath)
        } catch {
            Terminal.writeError("regtutor grade: \(error)\n")
            throw ExitCode(1)
        }
        Terminal.installInterruptHandler()
        Interrupt.clear()
        let complete = try grading.run(parallel: jobs ?? ProcessInfo.processInfo.activeProcessorCount, gradebook: book, course: folder.path)
        try write(grading.sheet, complete: complete)
    }

    var limits: Grading.Limits {
        Grading.Limits(seconds: seconds, cpuSeconds: cpuSeconds, memory: memory, outputBytes: MemoryBudget.parse(output) ?? ExerciseGrader.defaultOutputBytes)
    }

    /// Every file named, and every .md file under every folder named, in sorted order.
    static func submissionFiles(_ paths: [String]) throws -> [String] {
        var files: [String] = []
        for path in paths {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                Terminal.writeError("regtutor grade: \(path): no such file or folder\n")
                throw ExitCode(2)
            }
            guard isDirectory.boolValue else { files.append(path); continue }
            let found = (FileManager.default.enumerator(atPath: path)?.allObjects as? [String] ?? []).filter { $0.hasSuffix(".md") }.sorted()
            files += found.map { (path as NSString).appendingPathComponent($0) }
        }
        return files
    }

    /// The table on standard output; the files in OUT.
    func write(_ sheet: GradeSheet, complete: Bool) throws {
        Terminal.writeOut(sheet.table())
        var written = [String]()
        func save(_ text: String, _ path: String) throws {
            try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try text.write(toFile: path, atomically: true, encoding: .utf8)
        }
        let folder = out as NSString
        do {
            try save(sheet.csv(), folder.appendingPathComponent("grades.csv"))
            written.append(folder.appendingPathComponent("grades.csv"))
            let names = GradeCommand.fileNames(sheet.submissions.map(\.student))
            for (graded, name) in zip(sheet.submissions, names) {
                try save(sheet.feedback(graded), folder.appendingPathComponent("feedback/\(name).md"))
                if formats.contains(.gradescope) { try save(sheet.gradescope(graded), folder.appendingPathComponent("gradescope/\(name)/results.json")) }
            }
            written.append(folder.appendingPathComponent("feedback/") + " (\(LessonText.count(names.count, "file")))")
            if formats.contains(.gradescope) { written.append(folder.appendingPathComponent("gradescope/NAME/results.json")) }
            if formats.contains(.junit) {
                try save(sheet.junit(), folder.appendingPathComponent("junit.xml"))
                written.append(folder.appendingPathComponent("junit.xml"))
            }
        } catch {
            Terminal.writeError("regtutor grade: cannot write the results: \(error.localizedDescription)\n")
            throw ExitCode(1)
        }
        written.append(gradebookPath)
        Terminal.writeOut("\n" + (complete ? "" : "Stopped by Ctrl-C: exercises not reached are marked '…' (not graded).\n") + "Wrote " + written.joined(separator: ", ") + ".\n")
        if !complete { throw ExitCode(130) }
    }

    /// File-safe, distinct names for the students' files: `ada-lovelace`, `ada-lovelace-2`.
    static func fileNames(_ students: [String]) -> [String] {
        var used = Set<String>()
        return students.map { student in
            var base = String(student.lowercased().unicodeScalars.map { CharacterSet.alphanumerics.contains($0) && $0.isASCII ? Character($0) : "-" })
            base = String(base.split(separator: "-").joined(separator: "-").prefix(60))
            if base.isEmpty { base = "student" }
            var name = base, count = 1
            while used.contains(name) {
                count += 1
                name = "\(base)-\(count)"
            }
            used.insert(name)
            return name
        }
    }
}
