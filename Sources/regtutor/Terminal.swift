import Foundation
import Python
import Frameworks

/// What the terminal allows: colour, and whether a person is typing.
struct Terminal {
    /// Colour only on a terminal, never with NO_COLOR set or --no-color.
    let colors: Bool

    init(noColorFlag: Bool) {
        let environment = ProcessInfo.processInfo.environment
        colors = !noColorFlag && environment["NO_COLOR"] == nil && isatty(STDOUT_FILENO) == 1 && environment["TERM"] != "dumb"
    }

    static var inputIsInteractive: Bool { isatty(STDIN_FILENO) == 1 }

    /// The width pictures are drawn at: `COLUMNS` when set, else the terminal's width, else 80.
    static var columns: Int {
        if let text = ProcessInfo.processInfo.environment["COLUMNS"], let columns = Int(text), columns > 0 { return min(columns, 1000) }
        var size = winsize()
        if isatty(STDOUT_FILENO) == 1, ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 { return Int(size.ws_col) }
        return 80
    }

    /// Tells the session how pictures may be drawn here.
    func configure(_ session: Interpreter) {
        session.terminalWidth = Terminal.columns
        session.colors = colors
        session.outputIsTerminal = isatty(STDOUT_FILENO) == 1
    }

    /// `text` in red (errors) when colour is on.
    func error(_ text: String) -> String { colors ? "\u{1B}[31m" + text + "\u{1B}[0m" : text }
    /// `text` dimmed (hints) when colour is on.
    func dim(_ text: String) -> String { colors ? "\u{1B}[2m" + text + "\u{1B}[0m" : text }
    /// `text` in bold (titles) when colour is on.
    func bold(_ text: String) -> String { colors ? "\u{1B}[1m" + text + "\u{1B}[0m" : text }

    /// Writes to standard output; when it is closed, full or broken, says so on standard error
    /// (if that still works) and ends the program cleanly.
    static func writeOut(_ text: String) {
        guard !StandardStreams.write(text, to: STDOUT_FILENO) else { return }
        let reason = StandardStreams.lastError
        StandardStreams.write("regtutor: cannot write to standard output (\(reason)); stopping\n", to: STDERR_FILENO)
        exit(1)
    }

    static func writeError(_ text: String) { StandardStreams.write(text, to: STDERR_FILENO) }

    /// Installs the Ctrl-C handler: it only raises the interpreter's interrupt flag. Without
    /// SA_RESTART, so that a blocked read at the prompt wakes up too.
    static func installInterruptHandler() {
        var action = sigaction()
        action.__sigaction_handler.sa_handler = { _ in Interrupt.request() }
        sigemptyset(&action.sa_mask)
        action.sa_flags = 0
        sigaction(SIGINT, &action, nil)
    }
}
