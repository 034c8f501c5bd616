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
        /// Text pasted into the terminal (it marks pastes: "bracketed paste"), whole, blank lines
        /// included (what was typed on the line before the paste is dropped).
        case paste(String)
    }

    /// Given the line up to the cursor and the word being completed, the full replacements for that word.
    public typealias CompletionProvider = (_ lineBeforeCursor: String, _ word: String) -> [String]

    private let historyFile: URL?
    /// Set once writing the history file failed, so that the warning comes once.
    private var historyUnwritable = false

    nonisolated(unsafe) private static var provider: CompletionProvider = { _, _ in [] }
    nonisolated(unsafe) private static var interrupted = false
    nonisolated(unsafe) private static var pendingNewline = false
    nonisolated(unsafe) static var interruptCheck: () -> Bool = { false }
    /// Keys read ahead while looking for a paste marker, handed to libedit next.
    nonisolated(unsafe) private static var pendingKeys: [Int32] = []
    /// The text of a paste, once its end marker arrived.
    nonisolated(unsafe) private static var pasted: String?

    /// Starts the editor, loading history from `historyFile` (created on first write).
    ///
    /// - Parameter interruptCheck: reports (and clears) a pending Ctrl-C, set by the program's SIGINT handler.
    public init(historyFile: URL?, interruptCheck: @escaping () -> Bool, completion: @escaping CompletionProvider) {
        self.historyFile = historyFile
        // libedit decodes and prints characters with the C library's locale: without a UTF-8 one
        // every non-ASCII key is lost. The user's locale if it is UTF-8, else C.UTF-8.
        setlocale(LC_ALL, "")
        if !LineEditor.localeIsUTF8 { _ = setlocale(LC_CTYPE, "C.UTF-8") }
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

    private static var localeIsUTF8: Bool {
        guard let codeset = nl_langinfo(nl_item(CODESET)) else { return false }
        let name = String(cString: codeset).uppercased()
        return name == "UTF-8" || name == "UTF8"
    }

    /// Reads one line, showing `prompt`. While it waits, the terminal marks pastes, so a pasted
    /// block arrives whole (`.paste`) instead of line by line.
    public func readLine(prompt: String) -> Input {
        LineEditor.interrupted = false
        LineEditor.pendingNewline = false
        LineEditor.pasted = nil
        LineEditor.setBracketedPaste(true)
        defer { LineEditor.setBracketedPaste(false) }
        guard let raw = readline(prompt) else {
            return LineEditor.interrupted ? .interrupt : .endOfInput
        }
        defer { free(raw) }
        if let text = LineEditor.pasted {
            LineEditor.pasted = nil
            return .paste(text)
        }
        if LineEditor.interrupted { return .interrupt }
        return .line(String(cString: raw))
    }

    private static func setBracketedPaste(_ on: Bool) {
        guard isatty(STDOUT_FILENO) == 1 else { return }
        let sequence = on ? "\u{1B}[?2004h" : "\u{1B}[?2004l"
        _ = sequence.withCString { write(STDOUT_FILENO, $0, strlen($0)) }
    }

    /// Adds a line to the history and writes the history file at once, so a killed session loses
    /// nothing. The first time the file cannot be written it returns a warning to show (and stops
    /// trying); otherwise nil.
    @discardableResult
    public func remember(_ line: String) -> String? {
        guard !line.trimmingCharacters(in: .whitespaces).isEmpty else { return nil }
        add_history(line)
        guard let historyFile, !historyUnwritable else { return nil }
        let status = historyFile.path.withCString { write_history($0) }
        guard status != 0 else { return nil }
        historyUnwritable = true
        let reason = status > 0 ? String(cString: strerror(status)) : "unknown error"
        return "Cannot write the history file \(historyFile.path) (\(reason)): this session's lines are remembered only until you leave."
    }

    /// The next key for libedit, as a Unicode scalar (libedit takes each value returned as one
    /// character, so UTF-8 sequences are decoded here). A Ctrl-C (SIGINT, which interrupts
    /// `read`) becomes "kill the line, then Enter", and `readLine` reports it as an interrupt; a
    /// paste (ESC [200~ ... ESC [201~) is collected whole and the line ends the same way.
    private static func readCharacter(_ stream: UnsafeMutablePointer<FILE>?) -> Int32 {
        if pendingNewline {
            pendingNewline = false
            return 10
        }
        if !pendingKeys.isEmpty { return pendingKeys.removeFirst() }
        guard let first = readByte() else { return interrupted ? 0x15 : EOF }
        if first == 0x1B { return escape() }
        return decode(first)
    }

    /// One byte from the terminal; nil at the end of input or after Ctrl-C.
    private static func readByte(waitingAtMost milliseconds: Int32? = nil) -> UInt8? {
        var byte: UInt8 = 0
        while true {
            if let milliseconds {
                var descriptor = pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0)
                if poll(&descriptor, 1, milliseconds) <= 0 { return nil }
            }
            let count = read(STDIN_FILENO, &byte, 1)
            if count == 1 { return byte }
            if count == 0 { return nil }
            if errno == EINTR {
                if interruptCheck() {
                    interrupted = true
                    pendingNewline = true
                    return nil
                }
                continue
            }
            return nil
        }
    }

    /// A UTF-8 sequence starting with `first`, as one scalar (a broken one becomes U+FFFD).
    private static func decode(_ first: UInt8) -> Int32 {
        guard first >= 0x80 else { return Int32(first) }
        let length = first >= 0xF0 ? 4 : first >= 0xE0 ? 3 : first >= 0xC0 ? 2 : 1
        var bytes = [first]
        while bytes.count < length, let next = readByte(waitingAtMost: 100), next & 0xC0 == 0x80 { bytes.append(next) }
        guard bytes.count == length, let scalar = String(decoding: bytes, as: UTF8.self).unicodeScalars.first, scalar != "\u{FFFD}" else { return 0xFFFD }
        return Int32(scalar.value)
    }

    /// After ESC: the start of a paste, or a key sequence handed on to libedit unchanged.
    private static func escape() -> Int32 {
        let start: [UInt8] = Array("[200~".utf8)
        var seen: [UInt8] = []
        while seen.count < start.count, let next = readByte(waitingAtMost: 50) {
            seen.append(next)
            if next != start[seen.count - 1] { break }
        }
        guard seen == start else {
            pendingKeys += seen.map { Int32($0) }
            return 0x1B
        }
        collectPaste()
        pendingNewline = true
        return 0x15  // Ctrl-U: kill the line; readLine returns the paste
    }

    /// Reads the pasted text up to the end marker ESC [201~.
    private static func collectPaste() {
        let end: [UInt8] = Array("\u{1B}[201~".utf8)
        var bytes: [UInt8] = []
        while let next = readByte() {
            bytes.append(next)
            if bytes.count >= end.count && Array(bytes.suffix(end.count)) == end {
                bytes.removeLast(end.count)
                break
            }
        }
        pasted = String(decoding: bytes, as: UTF8.self).replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
        if interrupted { pasted = nil }
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
