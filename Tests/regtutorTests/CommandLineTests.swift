import Foundation
import Testing

/// The regtutor binary run as a shell runs it, for what only a whole process shows: the memory
/// budget, closed and full streams, time limits (issue 3/6).
struct Invocation {
    let status: Int32
    let output: String
    let error: String

    /// Runs `regtutor` with `arguments` through `/bin/sh`, so redirections such as `>&-` work.
    /// `script` is written to a temporary file whose path replaces `{file}` in the arguments.
    init(_ arguments: String, script: String? = nil) throws {
        let binary = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("regtutor")
        let located = FileManager.default.fileExists(atPath: binary.path) ? binary
            : Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("regtutor")
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("regtutor-cli-\(UUID().uuidString).py")
        if let script { try Data(script.utf8).write(to: file) }
        defer { try? FileManager.default.removeItem(at: file) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", "exec '\(located.path)' " + arguments.replacingOccurrences(of: "{file}", with: file.path)]
        var environment = ProcessInfo.processInfo.environment
        environment["NO_COLOR"] = "1"
        environment["XDG_STATE_HOME"] = FileManager.default.temporaryDirectory.appendingPathComponent("regtutor-cli-state").path
        process.environment = environment
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        status = process.terminationStatus
        output = String(decoding: outData, as: UTF8.self)
        error = String(decoding: errData, as: UTF8.self)
    }

    /// The last line of standard error.
    var lastErrorLine: String { error.split(separator: "\n").last.map(String.init) ?? "" }
}

@Suite struct CommandLineTests {
    @Test(arguments: [
        "x = [1]\nfor i in range(40):\n    x = x + x",
        "x = [1]\nfor i in range(40):\n    x.extend(x)",
        "x = [1]\nfor i in range(40):\n    x *= 2",
        "s = 'ab'\nfor i in range(40):\n    s = s + s",
        "import torch\nxs = [torch.zeros(30000000) for i in range(200)]",
    ])
    func growingPastTheMemoryLimitIsAMemoryError(program: String) throws {
        let run = try Invocation("--memory-limit 256M run {file}", script: program)
        #expect(run.status == 1)
        #expect(run.lastErrorLine.hasPrefix("MemoryError: "))
        #expect(run.lastErrorLine.contains("past regtutor's memory limit of 256 MiB"))
    }

    @Test func aBadMemoryLimitIsRefused() throws {
        let run = try Invocation("--memory-limit lots -c 'print(1)'")
        #expect(run.status != 0)
        #expect(run.error.contains("--memory-limit"))
        #expect(run.output.isEmpty)
    }

    @Test(arguments: [
        (">&-", "regtutor: cannot write to standard output (Bad file descriptor); stopping"),
        ("> /dev/full", "regtutor: cannot write to standard output (No space left on device); stopping"),
    ])
    func aClosedOrFullStandardOutputIsACleanExit(redirection: String, message: String) throws {
        let run = try Invocation("-c 'print(1)' " + redirection)
        #expect(run.status == 1)
        #expect(run.lastErrorLine == message)
    }

    @Test func aClosedStandardInputRunsNothing() throws {
        let run = try Invocation("<&-")
        #expect(run.status == 0)
        #expect(run.error.isEmpty)
    }

    @Test func runStopsAtItsTimeout() throws {
        let run = try Invocation("run --timeout 0.5 {file}", script: "while True:\n    pass\n")
        #expect(run.status == 1)
        #expect(run.lastErrorLine == "TimeoutError: the code ran longer than the --timeout of 0.5 seconds")
    }

    @Test func aFileWithAByteOrderMarkRuns() throws {
        let run = try Invocation("run {file}", script: "\u{FEFF}print('naïve', len('é'))\n")
        #expect(run.status == 0)
        #expect(run.output == "naïve 1\n")
    }
}
