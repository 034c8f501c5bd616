import Common
import Foundation

/// A child process whose standard output and error are read through pipes, started in a
/// process group of its own (so the terminal's Ctrl-C reaches only regtutor, which then stops
/// it) and killed when it runs past its deadline or floods its output.
///
/// ```swift
/// let child = try ChildProcess(arguments: [executable, "grade-exercise", ...], deadline: .now + .seconds(30))
/// while child.isRunning { child.poll(timeout: 100) }
/// ```
final class ChildProcess {
    /// How a child ended.
    enum Ending: Equatable {
        case exited(Int32)
        case signaled(Int32)
        /// Killed by us: its time ran out, or it printed more than `outputLimit`.
        case killedForTime, killedForOutput
    }

    let pid: pid_t
    private(set) var stdout = [UInt8]()
    private(set) var stderr = [UInt8]()
    private(set) var ending: Ending?
    let started = ContinuousClock.now
    private let deadline: ContinuousClock.Instant
    private let outputLimit: Int
    private var pipes: [Int32]   // [stdout, stderr] read ends; -1 once closed
    private var killedFor: Ending?

    /// Starts `arguments[0]` with the rest as its arguments.
    init(arguments: [String], deadline: ContinuousClock.Instant, outputLimit: Int) throws {
        var outPipe: [Int32] = [-1, -1], errPipe: [Int32] = [-1, -1]
        guard pipe(&outPipe) == 0 else { throw ChildError(message: "cannot make a pipe: \(String(cString: strerror(errno)))") }
        guard pipe(&errPipe) == 0 else {
            close(outPipe[0]); close(outPipe[1])
            throw ChildError(message: "cannot make a pipe: \(String(cString: strerror(errno)))")
        }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, outPipe[1], 1)
        posix_spawn_file_actions_adddup2(&actions, errPipe[1], 2)
        for fd in outPipe + errPipe { posix_spawn_file_actions_addclose(&actions, fd) }
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var noSignals = sigset_t(), defaults = sigset_t()
        sigemptyset(&noSignals)
        sigemptyset(&defaults)
        for signal in [SIGINT, SIGPIPE, SIGTERM] { sigaddset(&defaults, signal) }
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setpgroup(&attributes, 0)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        var argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        var child: pid_t = 0
        let status = posix_spawn(&child, arguments[0], &actions, &attributes, &argv, environ)
        close(outPipe[1])
        close(errPipe[1])
        guard status == 0 else {
            close(outPipe[0]); close(errPipe[0])
            throw ChildError(message: "cannot start \(arguments[0]): \(String(cString: strerror(status)))")
        }
        pid = child
        pipes = [outPipe[0], errPipe[0]]
        self.deadline = deadline
        self.outputLimit = outputLimit
        for fd in pipes { _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK) }
    }

    deinit {
        if ending == nil { stop() }
        for fd in pipes where fd >= 0 { close(fd) }
    }

    var isRunning: Bool { ending == nil }

    /// The pipes still open, for `poll` over several children.
    var openDescriptors: [Int32] { pipes.filter { $0 >= 0 } }

    /// Seconds since it started.
    var elapsed: Double { (ContinuousClock.now - started).inSeconds }

    /// Reads what is there, enforces the deadline and output limit, and notices the end.
    func service() {
        var buffer = [UInt8](repeating: 0, count: 65536)
        for index in pipes.indices where pipes[index] >= 0 {
            while true {
                let count = read(pipes[index], &buffer, buffer.count)
                if count > 0 {
                    if index == 0 { stdout.append(contentsOf: buffer[0..<count]) } else { stderr.append(contentsOf: buffer[0..<min(count, max(0, 65536 - stderr.count))]) }
                    if stdout.count > outputLimit && killedFor == nil { kill(for: .killedForOutput) }
                    continue
                }
                if count == 0 || (errno != EAGAIN && errno != EINTR) {
                    close(pipes[index])
                    pipes[index] = -1
                }
                break
            }
        }
        if killedFor == nil && ContinuousClock.now > deadline { kill(for: .killedForTime) }
        if openDescriptors.isEmpty || killedFor != nil { reap(blocking: killedFor != nil) }
    }

    /// Kills it now (Ctrl-C in regtutor, or the end of grading) and waits for it.
    func stop() {
        guard ending == nil else { return }
        killpg(pid, SIGKILL)
        reap(blocking: true)
    }

    private func kill(for reason: Ending) {
        killedFor = reason
        killpg(pid, SIGKILL)
    }

    private func reap(blocking: Bool) {
        guard ending == nil else { return }
        var status: Int32 = 0
        var result: pid_t
        repeat { result = waitpid(pid, &status, blocking ? 0 : WNOHANG) } while result < 0 && errno == EINTR
        guard result == pid else {
            if result < 0 { ending = .exited(-1) }
            return
        }
        if let killedFor { ending = killedFor; return }
        // WIFEXITED / WTERMSIG, spelled out: the C macros are not imported into Swift.
        let signal = status & 0x7F
        ending = signal == 0 ? .exited((status >> 8) & 0xFF) : .signaled(signal)
    }
}

struct ChildError: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}
