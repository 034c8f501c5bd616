@preconcurrency import CEditLine
import Foundation

/// Reads lines from the terminal with libedit: editing keys, history (Up/Down, Ctrl-R search)
/// kept in a file, and Tab completion from a provider.
///
/// libedit's readline-compatible API is driven through a few C globals; there is one terminal,
/// so there is one editor at a time.
///
/// ```swift
/// let editor = LineEditor(historyFile: path) { line in ["torch", "tensor"].filter { $0.hasPrefix(line) } }
/// while let line = editor.readLine(prompt: ">>> ") { ... }
/// ```
public final class LineEditor {
    /// What a read produced.
    public enum Input: Equatable {
        /// A line, without its newline.
        case line(String)
        /// Ctrl-C at the prompt: the line was dropped.
        case interrupt
        /// Ctrl-D on an empty line (or the end of input).
        case endOfInput
    }

    /// Given the line up to the cursor and the word being completed, the full replacements for that word.
    public typealias CompletionProvider = (_ lineBeforeCursor: String, _ word: String) -> [String]

    private let historyFile: URL?

    nonisolated(unsafe) private static var provider: CompletionProvider = { _, _ in [] }
    nonisolated(unsafe) private static var interrupted = false
    nonisolated(unsafe) private static var pendingNewline = false
    nonisolated(unsafe) static var interruptCheck: () -> Bool = { false }

    /// Starts the editor, loading history from `historyFile` (created on first write).
    ///
    /// - Parameter interruptCheck: reports (and clears) a pending Ctrl-C, set by the program's SIGINT handler.
    public init(historyFile: URL?, interruptCheck: @escaping () -> Bool, completion: @escaping CompletionProvider) {
        self.historyFile = historyFile
        LineEditor.provider = completion
        LineEditor.interruptCheck = interruptCheck
        rl_readline_name = UnsafePointer(strdup("regtutor"))
        rl_catch_signals = 0
        // libedit reads these when it initialises, so they are set first.
        rl_getc_function = { stream in LineEditor.readCharacter(stream) }
        rl_attempted_completion_function = { text, start, end in LineEditor.complete(text, start, end) }
        rl_initialize()
        using_history()
        stifle_history(2000)
        if let historyFile {
            try? FileManager.default.createDirectory(at: historyFile.deletingLastPathComponent(), withIntermediateDirectories: true)
            _ = historyFile.path.withCString { read_history($0) }
        }
    }

    /// Reads one line, showing `prompt`.
    public func readLine(prompt: String) -> Input {
        LineEditor.interrupted = false
        LineEditor.pendingNewline = false
        guard let raw = readline(prompt) else {
            return LineEditor.interrupted ? .interrupt : .endOfInput
        }
        defer { free(raw) }
        if LineEditor.interrupted { return .interrupt }
        return .line(String(cString: raw))
    }

    /// Adds a line to the history and writes the history file at once, so a killed session loses nothing.
    public func remember(_ line: String) {
        guard !line.trimmingCharacters(in: .whitespaces).isEmpty else { return }
        add_history(line)
        if let historyFile { _ = historyFile.path.withCString { write_history($0) } }
    }

    /// The next key for libedit. A Ctrl-C (SIGINT, which interrupts `read`) becomes "kill the
    /// line, then Enter", and `readLine` reports it as an interrupt.
    private static func readCharacter(_ stream: UnsafeMutablePointer<FILE>?) -> Int32 {
        if pendingNewline {
            pendingNewline = false
            return 10
        }
        var byte: UInt8 = 0
        while true {
            let count = read(STDIN_FILENO, &byte, 1)
            if count == 1 { return Int32(byte) }
            if count == 0 { return EOF }
            if errno == EINTR {
                if interruptCheck() {
                    interrupted = true
                    pendingNewline = true
                    return 0x15  // Ctrl-U: kill the line
                }
                continue
            }
            return EOF
        }
    }

    private static func complete(_ text: UnsafePointer<CChar>?, _ start: Int32, _ end: Int32) -> UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? {
        rl_attempted_completion_over = 1
        let word = text.map { String(cString: $0) } ?? ""
        let line = rl_line_buffer.map { String(cString: $0) } ?? ""
        let before = String(line.utf8.prefix(Int(max(end, 0)))) ?? line
        let matches = Array(Set(provider(before, word))).sorted()
        guard !matches.isEmpty else { return nil }
        if matches.count == 1 { rl_completion_append_character = matches[0].hasSuffix("(") || matches[0].hasSuffix(".") ? 0 : 32 }
        let common = commonPrefix(matches)
        let entries = (matches.count == 1 ? [matches[0]] : [common] + matches)
        // libedit frees the array and its strings with free(), so both come from malloc.
        guard let memory = malloc(MemoryLayout<UnsafeMutablePointer<CChar>?>.stride * (entries.count + 1)) else { return nil }
        let array = memory.bindMemory(to: UnsafeMutablePointer<CChar>?.self, capacity: entries.count + 1)
        for (i, entry) in entries.enumerated() { array[i] = strdup(entry) }
        array[entries.count] = nil
        return array
    }

    static func commonPrefix(_ words: [String]) -> String {
        guard var prefix = words.first else { return "" }
        for word in words.dropFirst() {
            while !word.hasPrefix(prefix) { prefix.removeLast() }
        }
        return prefix
    }
}
