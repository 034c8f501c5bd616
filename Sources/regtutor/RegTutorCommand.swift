import ArgumentParser
import Foundation
import Language

/// `regtutor`: the interactive tutor, or a script runner.
struct RegTutorCommand: ParsableCommand {
    static let version = "0.1.0"

    static let configuration = CommandConfiguration(
        commandName: "regtutor",
        abstract: "An interactive tutor for the regularization techniques of deep learning.",
        discussion: """
            Without arguments regtutor starts its REPL (or, when standard input is not a terminal, \
            runs the program it reads from there). The language is a small Python with PyTorch's names.
            """,
        version: "regtutor \(version)",
        subcommands: [RunCommand.self]
    )

    @Option(name: .customShort("c"), help: ArgumentHelp("Run CODE as a program and exit.", valueName: "CODE"))
    var code: String?

    @Flag(name: .customLong("no-color"), help: "Print without colour (also when NO_COLOR is set or output is not a terminal).")
    var noColor = false

    func run() throws {
        let terminal = Terminal(noColorFlag: noColor)
        if let code {
            throw ExitCode(Script.run(code, fileName: "<string>", terminal: terminal))
        }
        if !Terminal.inputIsInteractive {
            let source = String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self)
            throw ExitCode(Script.run(source, fileName: "<stdin>", terminal: terminal))
        }
        REPL.start(terminal: terminal)
    }
}

/// `regtutor run FILE`: runs a program file and prints only what it prints.
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "run", abstract: "Run a program file (any name; .py works).")

    @Argument(help: "The program to run.")
    var file: String

    @Flag(name: .customLong("no-color"), help: "Print without colour.")
    var noColor = false

    func run() throws {
        let terminal = Terminal(noColorFlag: noColor)
        guard let data = FileManager.default.contents(atPath: file) else {
            Terminal.writeError("regtutor: cannot read '\(file)': no such file or not readable\n")
            throw ExitCode(2)
        }
        throw ExitCode(Script.run(String(decoding: data, as: UTF8.self), fileName: file, terminal: terminal))
    }
}

/// Running a whole program at once: output to stdout, an error report to stderr.
enum Script {
    /// Runs `source`; returns the exit status (0, or 1 after an error).
    static func run(_ source: String, fileName: String, terminal: Terminal) -> Int32 {
        Terminal.installInterruptHandler()
        nonisolated(unsafe) var status: Int32 = 0
        LargeStack.run {
            let session = Interpreter()
            session.output = Terminal.writeOut
            terminal.configure(session)
            switch session.run(source, fileName: fileName) {
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
