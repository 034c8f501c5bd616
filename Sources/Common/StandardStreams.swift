#if canImport(Glibc)
import Glibc
#endif

/// Standard input and output without traps: Foundation's `FileHandle` stops the process when a
/// stream is closed or full, so regtutor writes and reads with the system calls and reports
/// what went wrong instead.
///
/// ```swift
/// if !StandardStreams.write("hello\n", to: STDOUT_FILENO) { ... }
/// ```
public enum StandardStreams {
    /// Writes all of `text`; false when the stream is closed, full or broken (the reason is in
    /// `errno`).
    @discardableResult
    public static func write(_ text: String, to descriptor: Int32) -> Bool {
        let bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { buffer -> Int in
                guard let base = buffer.baseAddress else { return 0 }
                return Glibc.write(descriptor, base + offset, buffer.count - offset)
            }
            if written < 0 {
                if errno == EINTR { continue }
                return false
            }
            if written == 0 { return false }
            offset += written
        }
        return true
    }

    /// Everything standard input holds until its end (empty when it is closed).
    public static func readAll() -> String {
        var data: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = chunk.withUnsafeMutableBytes { Glibc.read(STDIN_FILENO, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            if count <= 0 { break }
            data += chunk[0..<count]
        }
        return String(decoding: data, as: UTF8.self)
    }

    /// The system's words for the last error (`No space left on device`).
    public static var lastError: String { String(cString: strerror(errno)) }
}
