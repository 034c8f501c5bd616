import ArgumentParser
import Foundation
import Python
import Frameworks
import Lessons

/// `regtutor`: the interactive tutor, or a script runner.
struct RegTutorCommand: ParsableCommand {
    static let version = "0.1.0"

    static let configuration = CommandConfiguration(
        commandName: "regtutor",
        abstract: "An interactive tutor for the regularization techniques of deep learning.",
        discussion: """
            Without arguments regtutor starts its REPL on the course of lessons (or, when standard input \
            is not a terminal, runs the program it reads from there). The language is a small Python with \
            PyTorch's names.
            """,
        version: "regtutor \(version)",
        subcommands: [RunCommand.self, LessonCommand.self, CheckCommand.self, SubmitCommand.self, GradeCommand.self, GradeExerciseCommand.self]
    )

    @Option(name: .customShort("c"), help: ArgumentHelp("Run CODE as a program and exit.", valueName: "CODE"))
    var code: String?

    @Flag(name: .customLong("no-color"), help: "Print without colour (also when NO_COLOR is set or output is not a terminal).")
    var noColor = false

    @OptionGroup var course: CourseOption
    var lessons: String? { course.lessons }

    @Option(name: .customLong("memory-limit"), help: ArgumentHelp("The most memory the session may use, e.g. 2G or 512M (default 4G); past it a program gets a MemoryError.", valueName: "SIZE"))
    var memoryLimit: String?

    func validate() throws { try MemoryOption.apply(memoryLimit) }

    func run() throws {
        let terminal = Terminal(noColorFlag: noColor)
        if let code {
            throw ExitCode(Script.run(code, fileName: "<string>", terminal: terminal))
        }
        if !Terminal.inputIsInteractive {
            let source = StandardStreams.readAll()
            throw ExitCode(Script.run(source, fileName: "<stdin>", terminal: terminal))
        }
        let (course, problem) = CourseLoader.load(lessons)
        REPL.start(terminal: terminal, course: course, courseProblem: problem)
    }
}

/// `--lessons DIR`, shared by the command and its subcommands: ArgumentParser gives an option
/// written after a subcommand to the parent when both declare it, so each declares this group.
struct CourseOption: ParsableArguments {
    @Option(name: .customLong("lessons"), help: ArgumentHelp("Use the course in DIR (also REGTUTOR_LESSONS) instead of the one that ships with regtutor.", valueName: "DIR"))
    var lessons: String?
}

/// Finds and reads the course: `--lessons DIR`, `REGTUTOR_LESSONS`, or the lessons shipped with
/// the program.
enum CourseLoader {
    static func directory(_ option: String?) -> URL? {
        let explicit = option ?? ProcessInfo.processInfo.environment["REGTUTOR_LESSONS"]
        return Course.locate(explicit: explicit, executable: URL(fileURLWithPath: CommandLine.arguments[0]).standardizedFileURL.absoluteURL)
            ?? Bundle.main.executableURL.flatMap { Course.locate(explicit: nil, executable: $0) }
    }

    /// The course, or a sentence saying why there is none.
    static func load(_ option: String?) -> (Course?, String?) {
        guard let folder = directory(option) else {
            return (nil, "No lessons found next to regtutor; start it with --lessons DIR to open a course. The REPL works without one.")
        }
        do {
            return (try Course.load(from: folder), nil)
        } catch {
            return (nil, "The lessons could not be read: \(error). The REPL works without them.")
        }
    }
}

/// `regtutor lesson ID`: the REPL, opened in one lesson.
struct LessonCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "lesson", abstract: "Start the REPL in a lesson (by number or id).")

    @Argument(help: "The lesson: its number (1 is the first) or its id.")
    var lesson: String

    @OptionGroup var course: CourseOption
    var lessons: String? { course.lessons }

    @Flag(name: .customLong("no-color"), help: "Print without colour.")
    var noColor = false

    func run() throws {
        let (course, problem) = CourseLoader.load(lessons)
        guard let course else {
            Terminal.writeError("regtutor: \(problem ?? "no course")\n")
            throw ExitCode(2)
        }
        switch course.lookUp(lesson) {
        case .found: break
        case .ambiguous(let choices):
            Terminal.writeError("regtutor: '\(lesson)' could be " + choices.map(\.id).joined(separator: " or ") + "\n")
            throw ExitCode(2)
        case .none:
            Terminal.writeError("regtutor: there is no lesson '\(lesson)'; the lessons are: " + course.lessons.enumerated().map { "\($0.offset + 1) \($0.element.id)" }.joined(separator: ", ") + "\n")
            throw ExitCode(2)
        }
        REPL.start(terminal: Terminal(noColorFlag: noColor), course: course, startLesson: lesson)
    }
}

/// `regtutor check [FILES|DIRS]`: runs the lessons and reports anything that no longer holds.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check lessons: every cell prints its expected output, every solution passes its check, every starter fails it.")

    @Argument(help: "Lesson files or folders (default: the course).")
    var paths: [String] = []

    @Flag(name: .customLong("update"), help: "Rewrite the ```output blocks with what the cells print now (look at the numbers first).")
    var update = false

    func run() throws {
        let targets = paths.isEmpty ? [CourseLoader.directory(nil)?.path ?? "lessons"] : paths
        var files: [URL] = []
        for path in targets {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                Terminal.writeError("\(path): no such file or folder\n")
                throw ExitCode(2)
            }
            files += isDirectory.boolValue ? try Course.lessonFiles(in: URL(fileURLWithPath: path)) : [URL(fileURLWithPath: path)]
        }
        nonisolated(unsafe) var failures = 0
        let found = files, rewrite = update
        LargeStack.run {
            failures = CheckCommand.check(found, update: rewrite)
        }
        // A folder is also checked as a course: what no single file shows.
        for path in targets {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else { continue }
            do {
                failures += CheckCommand.report(try Course.load(from: URL(fileURLWithPath: path)).problems(),
                                                "the course in \(path) as a whole (ids, prerequisites, order)")
            } catch {
                Terminal.writeError("\(error)\n")
                failures += 1
            }
        }
        if failures > 0 { throw ExitCode(1) }
    }

    /// Prints each problem on stderr and "ok"/"FAIL" with `what`; returns how many there were.
    static func report(_ problems: [LessonError], _ what: String) -> Int {
        for problem in problems { Terminal.writeError(problem.description + "\n") }
        Terminal.writeOut("\(problems.isEmpty ? "ok  " : "FAIL") \(what)\n")
        return problems.count
    }

    static func check(_ files: [URL], update: Bool) -> Int {
        var failures = 0
        for file in files {
            let shown = file.path.hasPrefix(FileManager.default.currentDirectoryPath + "/") ? String(file.path.dropFirst(FileManager.default.currentDirectoryPath.count + 1)) : file.path
            guard let text = try? String(contentsOf: file, encoding: .utf8) else {
                Terminal.writeError("\(shown):0: cannot read this file\n")
                failures += 1
                continue
            }
            do {
                var lesson = try LessonParser.parse(text, file: shown)
                if update {
                    let updated = LessonChecker.updatedText(text, lesson: lesson)
                    let changed = LessonChecker.changedLines(from: text, to: updated)
                    if changed.isEmpty {
                        Terminal.writeOut("     \(shown): every output block already holds what its cell prints\n")
                    } else {
                        try updated.write(to: file, atomically: true, encoding: .utf8)
                        Terminal.writeOut("     \(shown): updated the output blocks at line\(changed.count == 1 ? "" : "s") \(changed.map(String.init).joined(separator: ", "))\n")
                    }
                    lesson = try LessonParser.parse(updated, file: shown)
                }
                let start = ContinuousClock.now
                let problems = LessonChecker.check(lesson)
                let elapsed = ContinuousClock.now - start
                failures += report(problems, "\(shown) (\(lesson.steps.count) steps, \(lesson.exercises.count) exercises, \(REPL.describe(elapsed)))")
            } catch {
                Terminal.writeError("\(error)\n")
                failures += 1
            }
        }
        return failures
    }
}

/// `regtutor run FILE`: runs a program file and prints only what it prints.
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "run", abstract: "Run a program file (any name; .py works), or print a lesson (.md) with all its outputs.")

    @Argument(help: "The program to run.")
    var file: String

    @Flag(name: .customLong("no-color"), help: "Print without colour.")
    var noColor = false

    @Option(name: .customLong("timeout"), help: ArgumentHelp("Stop the program with a TimeoutError after this many seconds (default: no limit).", valueName: "SECONDS"))
    var timeout: Double?

    @Option(name: .customLong("memory-limit"), help: ArgumentHelp("The most memory the program may use, e.g. 2G or 512M (default 4G).", valueName: "SIZE"))
    var memoryLimit: String?

    @Flag(name: .customLong("no-solutions"), help: "For a lesson (.md): print it without the exercises' solutions, as a handout for students.")
    var noSolutions = false

    func validate() throws {
        try MemoryOption.apply(memoryLimit)
        if let timeout, !(timeout > 0 && timeout <= 1e6) { throw ValidationError("--timeout takes a number of seconds above 0, got \(timeout)") }
    }

    func run() throws {
        let terminal = Terminal(noColorFlag: noColor)
        guard let data = FileManager.default.contents(atPath: file) else {
            Terminal.writeError("regtutor: cannot read '\(file)': no such file or not readable\n")
            throw ExitCode(2)
        }
        let text = String(decoding: data, as: UTF8.self)
        if file.hasSuffix(".md") { throw ExitCode(RunCommand.printLesson(text, file: file, terminal: terminal, solutions: !noSolutions)) }
        throw ExitCode(Script.run(text, fileName: file, terminal: terminal, timeout: timeout))
    }

    /// A lesson file: printed whole, with the output of every cell, for a projector or a handout.
    static func printLesson(_ text: String, file: String, terminal: Terminal, solutions: Bool) -> Int32 {
        do {
            let lesson = try LessonParser.parse(text, file: file)
            LargeStack.run { LessonPrinter.print(lesson, width: Terminal.columns, colors: terminal.colors, solutions: solutions, output: Terminal.writeOut) }
            return 0
        } catch {
            Terminal.writeError("\(error)\n")
            return 1
        }
    }
}

/// `--memory-limit SIZE`: the session's memory budget.
enum MemoryOption {
    static func apply(_ text: String?) throws {
        guard let text else { return }
        MemoryBudget.limit = try bytes(text, option: "--memory-limit")
    }

    /// The bytes of a memory size given to `option` (`512M`, `2G`), at least 64M.
    static func bytes(_ text: String, option: String) throws -> Int {
        guard let bytes = MemoryBudget.parse(text), bytes >= 64 << 20 else {
            throw ValidationError("\(option) takes a size of at least 64M, such as 512M or 2G, got '\(text)'")
        }
        return bytes
    }
}

/// Running a whole program at once: output to stdout, an error report to stderr.
enum Script {
    /// Runs `source`; returns the exit status (0, or 1 after an error).
    static func run(_ source: String, fileName: String, terminal: Terminal, timeout: Double? = nil) -> Int32 {
        Terminal.installInterruptHandler()
        nonisolated(unsafe) var status: Int32 = 0
        LargeStack.run {
            let session = Interpreter.withFrameworks()
            session.output = Terminal.writeOut
            terminal.configure(session)
            let outcome = timeout.map { seconds in
                session.withTimeLimit(.milliseconds(Int(saturating: seconds * 1000)), named: "the --timeout") { session.run(source, fileName: fileName) }
            } ?? session.run(source, fileName: fileName)
            switch outcome {
            case .success:
                status = 0
            case .syntaxError(_, let report):
                Terminal.writeError(terminal.error(report) + "\n")
                status = 1
            case .failure(let error, let report):
                if error.kind == .systemExit { return }
                Terminal.writeError(terminal.error(report) + "\n")
                status = 1
            }
        }
        return status
    }
}
