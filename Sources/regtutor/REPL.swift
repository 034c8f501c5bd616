import Common
import Foundation
import Python
import Frameworks
import Lessons
import LineEditor
import Plotting
import TensorEngine

/// The interactive loop, kept small and plain like Lua's `lua.c`: read a line, let the parser
/// say whether the input is complete, keep reading if not, run it, print, repeat.
final class REPL {
    let session = Interpreter.withFrameworks()
    let terminal: Terminal
    var editor: LineEditor?
    private var buffer: [String] = []
    private var running = true
    /// The guided course, when its lessons were found.
    var tutor: Tutor?
    /// False right after the student ran code: then the next empty line only reminds.
    private var enterMovesOn = true
    private let courseProblem: String?
    private let startLesson: String?

    private init(terminal: Terminal, course: Course?, courseProblem: String?, startLesson: String?) {
        self.terminal = terminal
        self.courseProblem = courseProblem
        self.startLesson = startLesson
        if let course {
            tutor = Tutor(course: course, session: session, store: ProgressStore.standard(), output: Terminal.writeOut)
        }
    }

    /// Starts the REPL on a large-stack thread and returns when the student leaves; with a
    /// course it opens on the lessons (or in `startLesson`).
    static func start(terminal: Terminal, course: Course? = nil, courseProblem: String? = nil, startLesson: String? = nil) {
        Terminal.installInterruptHandler()
        nonisolated(unsafe) let repl = REPL(terminal: terminal, course: course, courseProblem: courseProblem, startLesson: startLesson)
        LargeStack.run { repl.loop() }
    }

    /// A message on standard output, fitted to the terminal's width at word boundaries.
    func say(_ text: String) { Terminal.writeOut(LessonText.fit(text, width: Terminal.columns)) }

    /// A complaint (in red when colour is on) on standard error, fitted the same way.
    func complain(_ text: String) { Terminal.writeError(LessonText.fit(terminal.error(text), width: Terminal.columns) + "\n") }

    static var historyFile: URL {
        StateDirectory.url().appendingPathComponent("history")
    }

    private func loop() {
        session.output = Terminal.writeOut
        editor = LineEditor(historyFile: REPL.historyFile, interruptCheck: { Interrupt.isRequested }) { [unowned self] before, word in
            self.completions(before, word)
        }
        let name = "regtutor \(RegTutorCommand.version)"
        let width = max(Terminal.columns, 20)
        let title = TextFit.fit(name + " — regularization in deep learning, by running it.", width: width)
        Terminal.writeOut(terminal.bold(name) + title.dropFirst(name.count) + "\n")
        Terminal.writeOut(terminal.dim(TextFit.fit("A small Python with PyTorch's names: start with `import torch`.", width: width)) + "\n")
        Terminal.writeOut(terminal.dim(TextFit.fit(":help lists commands, help(name) explains a built-in, Ctrl-D leaves.", width: width)) + "\n\n")
        if let courseProblem { complain(courseProblem) }
        if let tutor {
            configureTutor()
            if let startLesson { tutor.start(startLesson) } else { say(tutor.startScreen()) }
        }
        while running, let editor {
            // A Ctrl-C pressed while the last output was printing is spent: it must not stop the next code.
            if buffer.isEmpty { Interrupt.clear() }
            let input = editor.readLine(prompt: buffer.isEmpty ? ">>> " : "... ")
            switch input {
            case .endOfInput:
                if !buffer.isEmpty { execute(buffer.joined(separator: "\n")) }
                Terminal.writeOut("\n")
                return
            case .interrupt:
                Interrupt.clear()
                buffer.removeAll()
                Terminal.writeOut(terminal.error("KeyboardInterrupt") + "\n")
            case .line(let line):
                if let warning = editor.remember(line) { Terminal.writeError(terminal.dim(warning) + "\n") }
                handle(line)
            case .paste(let text):
                paste(text)
            }
        }
    }

    /// A paste runs as one cell, blank lines and all, as IPython runs one: the blank lines inside
    /// a pasted class do not end it. An unfinished paste (an open bracket) waits for more.
    private func paste(_ text: String) {
        var lines = text.components(separatedBy: "\n")
        while lines.last?.trimmingCharacters(in: .whitespaces).isEmpty == true { lines.removeLast() }
        guard !lines.isEmpty else { return }
        if lines.count == 1 {
            editor?.remember(lines[0])
            handle(lines[0])
            return
        }
        for line in lines { Terminal.writeOut(terminal.dim("... ") + line + "\n") }
        editor?.remember(lines.joined(separator: "\n"))
        buffer += lines
        let source = buffer.joined(separator: "\n")
        if Interpreter.inputStatus(of: source) == .incomplete { return }
        buffer.removeAll()
        execute(source)
    }

    /// One line typed at the prompt.
    private func handle(_ line: String) {
        let blank = line.trimmingCharacters(in: .whitespaces).isEmpty
        if buffer.isEmpty {
            if blank {
                // Enter on an empty prompt moves a lesson on. Right after the student's own
                // code it asks for a second Enter, so a pasted blank line never skips a step.
                if let tutor, tutor.lesson != nil {
                    if enterMovesOn {
                        configureTutor()
                        tutor.next()
                    } else {
                        say(terminal.dim("(Enter again, or :next, for the next step.)") + "\n")
                        enterMovesOn = true
                    }
                }
                return
            }
            if line.hasPrefix(":") {
                enterMovesOn = true
                command(line)
                return
            }
        } else if startsNewStatement(line), Interpreter.inputStatus(of: buffer.joined(separator: "\n")) != .incomplete {
            // A pasted block followed by an unindented line: run the block, then take the line.
            execute(buffer.joined(separator: "\n"))
            buffer.removeAll()
            handle(line)
            return
        }
        buffer.append(line)
        let source = buffer.joined(separator: "\n")
        switch Interpreter.inputStatus(of: source) {
        case .incomplete:
            return
        case .waitsForBlankLine where !blank:
            return
        case .complete, .waitsForBlankLine, .invalid:
            buffer.removeAll()
            execute(source)
        }
    }

    /// True for a non-blank line at column 0 that cannot continue the block above it.
    private func startsNewStatement(_ line: String) -> Bool {
        guard let first = line.first, first != " ", first != "\t" else { return false }
        let word = line.prefix { $0.isLetter }
        if ["elif", "else", "except", "finally"].contains(String(word)) { return false }
        return !")]}".contains(first) && !line.hasPrefix("#")
    }

    private func execute(_ source: String) {
        enterMovesOn = false
        terminal.configure(session)   // the window may have been resized
        tutor?.studentRan(source)
        switch session.run(source, fileName: "<stdin>", interactive: true) {
        case .success:
            break
        case .syntaxError(_, let report):
            Terminal.writeError(terminal.error(report) + "\n")   // a traceback is printed as Python prints it
        case .failure(let error, let report):
            if error.kind == .systemExit {
                running = false
                return
            }
            Terminal.writeError(terminal.error(report) + "\n")
        }
    }

    // MARK: Commands

    static let commands: [(name: String, usage: String, help: String)] = REPL.lessonCommands + [
        (":help", ":help [name]", "this list, or a built-in's documentation (:help nn.Linear)"),
        (":vars", ":vars", "your variables: names, types and shapes"),
        (":reset", ":reset", "forget every variable and reseed the random generator"),
        (":seed", ":seed N", "seed the random generator, like torch.manual_seed(N)"),
        (":time", ":time STATEMENT", "run a statement and show how long it took"),
        (":savefig", ":savefig FILE.svg", "save the last picture (plot, hist...) as an SVG file"),
        (":quit", ":quit", "leave regtutor (Ctrl-D does too)"),
    ]

    private func command(_ line: String) {
        let parts = line.split(separator: " ", maxSplits: 1).map(String.init)
        let argument = parts.count > 1 ? parts[1].trimmingCharacters(in: .whitespaces) : ""
        switch parts[0] {
        case ":help", ":h":
            showHelp(argument)
        case ":vars":
            showVariables()
        case ":reset":
            session.reset()
            say("All variables forgotten; the random generator is back at its default seed.\n")
        case ":seed":
            guard let seed = Int64(argument) else {
                complain(":seed needs an integer, e.g. :seed 0")
                return
            }
            session.seed(UInt64(bitPattern: seed))
            say("Seeded with \(seed), like torch.manual_seed(\(seed)).\n")
        case ":time":
            guard !argument.isEmpty else {
                complain(":time needs a statement, e.g. :time model(x)")
                return
            }
            let start = ContinuousClock.now
            execute(argument)
            let elapsed = ContinuousClock.now - start
            Terminal.writeOut(terminal.dim("Wall time: \(REPL.describe(elapsed))") + "\n")
        case ":savefig":
            saveFigure(argument)
        case ":quit", ":q", ":exit":
            running = false
        default:
            if lessonCommand(parts[0], argument) { return }
            let known = REPL.commands.map(\.name)
            var message = "Unknown command \(parts[0])."
            if let close = known.first(where: { $0.hasPrefix(parts[0]) }) { message += " Did you mean \(close)?" }
            complain(message + " :help lists the commands.")
        }
    }

    /// Writes the last picture as SVG: the only way anything in regtutor writes a file, and it is
    /// a REPL command, never something the language can do.
    private func saveFigure(_ path: String) {
        guard !path.isEmpty else {
            complain(":savefig needs a file name, e.g. :savefig loss.svg")
            return
        }
        guard let figure = session.lastFigure else {
            complain("Nothing drawn yet: plot(), hist(), heatmap(), show() or scatter() first.")
            return
        }
        let file = path.hasSuffix(".svg") ? path : path + ".svg"
        if let problem = REPL.savefigProblem(file) {
            complain(problem)
            return
        }
        let target = (file as NSString).expandingTildeInPath
        let replacing = FileManager.default.fileExists(atPath: target)
        do {
            try figure.svg().write(toFile: target, atomically: true, encoding: .utf8)
            say("Saved the last picture to \(file)" + (replacing ? " (replacing the picture saved there before).\n" : ".\n"))
        } catch {
            complain("Could not write \(file): \(error.localizedDescription)")
        }
    }

    /// Why `:savefig` must not write `file`, or nil: the name must be plain, its folder must
    /// exist, and a file already there is overwritten only when it is a picture regtutor saved.
    static func savefigProblem(_ file: String) -> String? {
        if file.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) {
            return ":savefig: the file name has a control character in it"
        }
        let target = (file as NSString).expandingTildeInPath
        let folder = (target as NSString).deletingLastPathComponent
        var isFolder: ObjCBool = false
        if !folder.isEmpty && !(FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder) && isFolder.boolValue) {
            return ":savefig: there is no folder \(folder)"
        }
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: target) else { return nil }
        let isOwn = attributes[.type] as? FileAttributeType == .typeRegular
            && (attributes[.size] as? Int ?? Int.max) < 64 << 20
            && FileManager.default.contents(atPath: target).map { Figure.isOwnSVG(String(decoding: $0, as: UTF8.self)) } == true
        return isOwn ? nil : ":savefig: \(file) exists and is not a picture regtutor saved, so it is left alone: choose another name"
    }

    private func showHelp(_ topic: String) {
        guard !topic.isEmpty else {
            var lines = ["Commands:"]
            for command in REPL.commands {
                lines.append("  " + command.usage.padding(toLength: 19, withPad: " ", startingAt: 0) + command.help)
            }
            lines.append("")
            lines.append(session.helpIntroduction)
            Terminal.writeOut(lines.joined(separator: "\n") + "\n")
            return
        }
        if let text = session.help(topic: topic) {
            Terminal.writeOut(text + "\n")
        } else {
            complain("No help for '\(topic)'. Try :help torch, :help nn, :help Tensor or help(x) for a value.")
        }
    }

    private func showVariables() {
        let variables = session.variables()
        guard !variables.isEmpty else {
            Terminal.writeOut("No variables yet.\n")
            return
        }
        let nameWidth = min(max(variables.map(\.name.count).max() ?? 4, 4), 24)
        let typeWidth = min(max(variables.map(\.type.count).max() ?? 4, 4), 20)
        for variable in variables {
            Terminal.writeOut(variable.name.padding(toLength: nameWidth, withPad: " ", startingAt: 0) + "  "
                + variable.type.padding(toLength: typeWidth, withPad: " ", startingAt: 0) + "  " + variable.summary + "\n")
        }
    }

    static func describe(_ duration: Duration) -> String {
        let seconds = duration.inSeconds
        if seconds < 1e-3 { return String(format: "%.1f µs", seconds * 1e6) }
        if seconds < 1 { return String(format: "%.2f ms", seconds * 1e3) }
        return String(format: "%.2f s", seconds)
    }

    private func completions(_ before: String, _ word: String) -> [String] {
        if before.hasPrefix(":") && !before.contains(" ") {
            return REPL.commands.map(\.name).filter { $0.hasPrefix(before) }
        }
        return session.completions(lineBeforeCursor: before, word: word)
    }
}
