import Foundation
import Testing

/// Drives the real regtutor binary through a pseudo-terminal (util-linux `script` provides it,
/// with the terminal as the controlling one, so Ctrl-C sends SIGINT as at a real keyboard).
final class TerminalSession: @unchecked Sendable {
    private let process = Process()
    private let input = Pipe()
    private let outputPipe = Pipe()
    private let lock = NSLock()
    private var collected = ""
    let stateDirectory: URL
    private let ownsState: Bool

    /// A new session; give `stateDirectory` to continue an earlier session's progress and history.
    init(stateDirectory shared: URL? = nil, arguments: String = "", columns: Int? = nil) throws {
        ownsState = shared == nil
        stateDirectory = shared ?? FileManager.default.temporaryDirectory.appendingPathComponent("regtutor-test-\(UUID().uuidString)")
        let binary = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("regtutor")
        let located = FileManager.default.fileExists(atPath: binary.path) ? binary
            : Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("regtutor")
        process.executableURL = URL(fileURLWithPath: "/usr/bin/script")
        // `script` runs the command through a shell, which shares the terminal's process group: a
        // shell that waits (dash does) dies of Ctrl-C itself, so it must `exec` regtutor instead.
        process.arguments = ["-qefc", "exec '\(located.path)' " + arguments, "/dev/null"]
        var environment = ProcessInfo.processInfo.environment
        environment["SHELL"] = "/bin/sh"
        environment["XDG_STATE_HOME"] = stateDirectory.path
        environment["TERM"] = "xterm"
        environment["NO_COLOR"] = "1"
        if let columns { environment["COLUMNS"] = String(columns) } else { environment.removeValue(forKey: "COLUMNS") }
        process.environment = environment
        process.standardInput = input
        process.standardOutput = outputPipe
        process.standardError = outputPipe
        outputPipe.fileHandleForReading.readabilityHandler = { [weak self] handle in
            let data = handle.availableData
            guard let self, !data.isEmpty else { return }
            self.lock.lock()
            self.collected += String(decoding: data, as: UTF8.self)
            self.lock.unlock()
        }
        try process.run()
    }

    var output: String {
        lock.lock()
        defer { lock.unlock() }
        return collected
    }

    func send(_ text: String) {
        input.fileHandleForWriting.write(Data(text.utf8))
    }

    /// Waits until the output contains `text` (true) or the timeout passes (false). Messages
    /// break between words at the terminal's width, so a line break counts as a space.
    @discardableResult
    func waitFor(_ text: String, occurrences: Int = 1, timeout: Double = 10) -> Bool {
        let end = Date().addingTimeInterval(timeout)
        while Date() < end {
            let exact = output.components(separatedBy: text).count - 1
            let flowing = output.replacingOccurrences(of: "\r\n", with: " ").replacingOccurrences(of: "\n", with: " ")
            if max(exact, flowing.components(separatedBy: text).count - 1) >= occurrences { return true }
            Thread.sleep(forTimeInterval: 0.02)
        }
        return false
    }

    func waitForExit(timeout: Double = 10) -> Int32? {
        let end = Date().addingTimeInterval(timeout)
        while process.isRunning && Date() < end { Thread.sleep(forTimeInterval: 0.02) }
        return process.isRunning ? nil : process.terminationStatus
    }

    deinit {
        if process.isRunning { process.terminate() }
        if ownsState { try? FileManager.default.removeItem(at: stateDirectory) }
    }
}

/// Each line is sent only once the REPL shows its next prompt: libedit sets the terminal up anew
/// for every line and may drop keys typed before that, exactly as with a person typing ahead.
@Suite(.serialized) struct REPLTests {
    @Test func promptContinuationAndEcho() throws {
        let session = try TerminalSession()
        #expect(session.waitFor(">>> "))
        session.send("x = (1 +\n")
        #expect(session.waitFor("... "))
        session.send("2)\n")
        #expect(session.waitFor(">>> ", occurrences: 2))
        session.send("x * 10\n")
        #expect(session.waitFor("30\r\n"))
        #expect(session.waitFor(">>> ", occurrences: 3))
        session.send("for i in range(2):\n")
        #expect(session.waitFor("... ", occurrences: 2))
        session.send("    print('row', i)\n")
        #expect(session.waitFor("... ", occurrences: 3))
        session.send("\n")
        #expect(session.waitFor("row 1"))
        #expect(session.waitFor(">>> ", occurrences: 4))
        session.send("\u{04}")
        #expect(session.waitForExit() == 0)
    }

    @Test func historyIsWrittenAsYouGo() throws {
        let session = try TerminalSession()
        #expect(session.waitFor(">>> "))
        session.send("seen = 12345\n")
        #expect(session.waitFor(">>> ", occurrences: 2))
        let file = session.stateDirectory.appendingPathComponent("regtutor/history")
        let history = (try? String(contentsOf: file, encoding: .utf8)) ?? ""
        #expect(history.contains("seen\\040=\\04012345"))
        session.send(":quit\n")
        #expect(session.waitForExit() == 0)
    }

    @Test func tabCompletesModuleMembers() throws {
        let session = try TerminalSession()
        #expect(session.waitFor(">>> "))
        session.send("import torch\n")
        #expect(session.waitFor(">>> ", occurrences: 2))
        // Tab completes `torch.manual_s` to `torch.manual_seed`; the call then runs.
        session.send("torch.manual_s\t")
        Thread.sleep(forTimeInterval: 0.3)
        session.send("(0)\n")
        #expect(session.waitFor("<torch._C.Generator object>"))
        #expect(session.waitFor(">>> ", occurrences: 3))
        session.send("torch.rand(1)\n")
        #expect(session.waitFor("tensor([0.4963])"))
        #expect(session.waitFor(">>> ", occurrences: 4))
        session.send("\u{04}")
        #expect(session.waitForExit() == 0)
    }

    @Test func ctrlCStopsALoopAndKeepsTheSession() throws {
        let session = try TerminalSession()
        #expect(session.waitFor(">>> "))
        session.send("n = 0\n")
        #expect(session.waitFor(">>> ", occurrences: 2))
        session.send("while True: n += 1\n")
        #expect(session.waitFor("... "))
        session.send("\n")
        Thread.sleep(forTimeInterval: 0.5)
        session.send("\u{03}")
        #expect(session.waitFor("KeyboardInterrupt"))
        #expect(session.waitFor(">>> ", occurrences: 3))
        session.send("print(n > 0)\n")
        #expect(session.waitFor("True"))
        #expect(session.waitFor(">>> ", occurrences: 4))
        session.send("half typed")
        Thread.sleep(forTimeInterval: 0.2)
        session.send("\u{03}")
        #expect(session.waitFor("KeyboardInterrupt", occurrences: 2))
        #expect(session.waitFor(">>> ", occurrences: 5))
        session.send("\u{04}")
        #expect(session.waitForExit() == 0)
    }

    @Test func typedUnicodeArrivesIntact() throws {
        let session = try TerminalSession()
        #expect(session.waitFor(">>> "))
        session.send("print(len(\"é\"), \"naïve\", \"ü\", \"中\", len(\"中文\"))\n")
        #expect(session.waitFor("1 naïve ü 中 2"))
        #expect(session.waitFor(">>> ", occurrences: 2))
        session.send("\u{04}")
        #expect(session.waitForExit() == 0)
    }

    @Test func aBracketedPasteRunsAsOneCell() throws {
        let session = try TerminalSession()
        #expect(session.waitFor(">>> "))
        // What a terminal sends for a pasted class with blank lines inside (bracketed paste).
        let pasted = "class Net:\n    def __init__(self):\n        self.n = 2\n\n    def twice(self):\n        return 2 * self.n\n\nprint('pasted', Net().twice())\n"
        session.send("\u{1B}[200~" + pasted + "\u{1B}[201~")
        #expect(session.waitFor("pasted 4"))
        #expect(!session.output.contains("IndentationError"))
        #expect(session.waitFor(">>> ", occurrences: 2))
        session.send("print('after')\n")
        #expect(session.waitFor("after"))
        session.send("\u{04}")
        #expect(session.waitForExit() == 0)
    }

    @Test func ctrlCStopsABigMatrixProductQuickly() throws {
        let session = try TerminalSession()
        #expect(session.waitFor(">>> "))
        session.send("import torch\n")
        #expect(session.waitFor(">>> ", occurrences: 2))
        session.send("a = torch.ones(4000, 4000)\n")
        #expect(session.waitFor(">>> ", occurrences: 3, timeout: 60))
        session.send("b = a @ a\n")
        Thread.sleep(forTimeInterval: 1)
        let sent = Date()
        session.send("\u{03}")
        #expect(session.waitFor("KeyboardInterrupt", timeout: 5))
        #expect(Date().timeIntervalSince(sent) < 0.5, "Ctrl-C took \(Date().timeIntervalSince(sent)) s to stop the product")
        #expect(session.waitFor(">>> ", occurrences: 4))
        session.send("\u{04}")
        #expect(session.waitForExit() == 0)
    }

    @Test func savefigWritesTheLastPictureAsSVG() throws {
        let session = try TerminalSession()
        #expect(session.waitFor(">>> "))
        let file = session.stateDirectory.appendingPathComponent("loss.svg")
        session.send(":savefig \(file.path)\n")
        #expect(session.waitFor("Nothing drawn yet"))
        #expect(session.waitFor(">>> ", occurrences: 2))
        session.send("plot([3, 2, 1.5, 1.2], title='loss')\n")
        #expect(session.waitFor("┤"))
        #expect(session.waitFor(">>> ", occurrences: 3))
        try FileManager.default.createDirectory(at: session.stateDirectory, withIntermediateDirectories: true)
        session.send(":savefig \(file.path)\n")
        #expect(session.waitFor("Saved the last picture to"))
        let svg = (try? String(contentsOf: file, encoding: .utf8)) ?? ""
        #expect(svg.hasPrefix("<svg") && svg.contains("<polyline") && svg.contains(">loss</text>"))
        // Its own picture it replaces; a title's NUL and escape characters never reach the XML.
        #expect(session.waitFor(">>> ", occurrences: 4))
        session.send("plot([1, 2], title='a\\x00b\\x1bc <d>')\n")
        #expect(session.waitFor(">>> ", occurrences: 5))
        session.send(":savefig \(file.path)\n")
        #expect(session.waitFor("(replacing the picture saved there before)"))
        let replaced = (try? String(contentsOf: file, encoding: .utf8)) ?? ""
        #expect(replaced.contains(">abc &lt;d&gt;</text>"))
        #expect(!replaced.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" })
        // A file it did not write it leaves alone.
        let notes = session.stateDirectory.appendingPathComponent("notes.svg")
        try Data("my notes".utf8).write(to: notes)
        #expect(session.waitFor(">>> ", occurrences: 6))
        session.send(":savefig \(notes.path)\n")
        #expect(session.waitFor("exists and is not a picture regtutor saved"))
        #expect((try? String(contentsOf: notes, encoding: .utf8)) == "my notes")
        session.send(":quit\n")
        #expect(session.waitForExit() == 0)
    }

    @Test func aLessonCanBeFailedPassedLeftAndResumed() throws {
        let first = try TerminalSession()
        #expect(first.waitFor("The course — 0 of 10 lessons done"))
        #expect(first.waitFor(">>> "))
        first.send(":start 4\n")
        #expect(first.waitFor("Lesson 4 of 10: Dropout"))
        #expect(first.waitFor(">>> ", occurrences: 2))
        first.send(":goto 7\n")
        #expect(first.waitFor("exercise 1 of 2", timeout: 90))   // steps 2-6 (with training) run first
        #expect(first.waitFor(">>> ", occurrences: 3))
        first.send(":check\n")
        #expect(first.waitFor("drops 50% of the units"))
        #expect(first.waitFor(">>> ", occurrences: 4))
        first.send("drop = nn.Dropout(p=0.8)\n")
        #expect(first.waitFor(">>> ", occurrences: 5))
        first.send(":check\n")
        #expect(first.waitFor("0.8 is the keep probability"))
        #expect(first.waitFor(">>> ", occurrences: 6))
        first.send("drop = nn.Dropout(p=0.2)\n")
        #expect(first.waitFor(">>> ", occurrences: 7))
        first.send(":check\n")
        #expect(first.waitFor("✓ Correct."))
        #expect(first.waitFor(">>> ", occurrences: 8))
        first.send(":quit\n")
        #expect(first.waitForExit() == 0)

        let second = try TerminalSession(stateDirectory: first.stateDirectory)
        defer { try? FileManager.default.removeItem(at: first.stateDirectory) }
        #expect(second.waitFor("Welcome back. :start 4 continues \"Dropout\" at step 7."))
        #expect(second.waitFor(">>> "))
        second.send(":start 4\n")
        #expect(second.waitFor("Welcome back: continuing at step 7 of 8."))
        #expect(second.waitFor("You have solved this one already.", timeout: 90))
        #expect(second.waitFor(">>> ", occurrences: 2))
        // After code of one's own, a lone empty line (a pasted blank one) only reminds.
        second.send("z = 1\n")
        #expect(second.waitFor(">>> ", occurrences: 3))
        second.send("\n")
        #expect(second.waitFor("(Enter again, or :next, for the next step.)"))
        #expect(second.waitFor(">>> ", occurrences: 4))
        second.send("\n")
        #expect(second.waitFor("step 8 of 8"))
        #expect(second.waitFor(">>> ", occurrences: 5))
        second.send("\u{04}")
        #expect(second.waitForExit() == 0)
    }

    /// A walk through lesson 4 at 60 and at 100 columns: every line the student sees fits, so the
    /// terminal never has to break a word (messages, prose, code and what the lesson's cells print).
    @Test(arguments: [60, 100])
    func aLessonWalkFitsTheTerminal(columns: Int) throws {
        let session = try TerminalSession(columns: columns)
        #expect(session.waitFor(">>> "))
        session.send(":lessons\n")
        #expect(session.waitFor(">>> ", occurrences: 2))
        session.send(":start drop\n")
        #expect(session.waitFor("Lesson 4 of 10: Dropout"))
        var prompts = 3
        #expect(session.waitFor(">>> ", occurrences: prompts, timeout: 90))
        for _ in 1...6 {
            session.send("\n")
            prompts += 1
            #expect(session.waitFor(">>> ", occurrences: prompts, timeout: 90))
        }
        for command in [":check", ":hint", ":where", ":solution", ":again"] {
            session.send(command + "\n")
            prompts += 1
            #expect(session.waitFor(">>> ", occurrences: prompts, timeout: 90))
        }
        session.send(":quit\n")
        #expect(session.waitForExit() == 0)
        let plain = session.output.replacingOccurrences(of: "\u{1B}\\[[0-9;?]*[A-Za-z]", with: "", options: .regularExpression)
            .replacingOccurrences(of: "\r", with: "")
        #expect(plain.contains("Exercise: Keep four out of five"))
        let tooLong = plain.split(separator: "\n").filter { $0.count > columns }
        #expect(tooLong.isEmpty, "\(tooLong)")
    }

    /// Ctrl-L clears the screen, as in every REPL.
    @Test func ctrlLClearsTheScreen() throws {
        let session = try TerminalSession()
        #expect(session.waitFor(">>> "))
        session.send("\u{0C}")
        #expect(session.waitFor("\u{1B}[2J") || session.waitFor("\u{1B}[J"))
        session.send(":quit\n")
        #expect(session.waitForExit() == 0)
    }
}
