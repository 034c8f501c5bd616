/// A problem in a lesson file or a lesson check, with where it is.
///
/// ```swift
/// LessonError(file: "lessons/04-dropout.md", line: 12, message: "unclosed ``` fence").description
/// // "lessons/04-dropout.md:12: unclosed ``` fence"
/// ```
public struct LessonError: Error, CustomStringConvertible, Sendable {
    /// The lesson file.
    public let file: String
    /// The line (1 is the first).
    public let line: Int
    /// What is wrong.
    public let message: String

    /// An error at `file`:`line`.
    public init(file: String, line: Int, message: String) {
        self.file = file
        self.line = line
        self.message = message
    }

    /// The printed form, as the framework prints it.
    public var description: String { "\(file):\(line): \(message)" }
}
