/// A problem in a lesson file or a lesson check, with where it is.
///
/// ```swift
/// LessonError(file: "lessons/04-dropout.md", line: 12, message: "unclosed ``` fence").description
/// // "lessons/04-dropout.md:12: unclosed ``` fence"
/// ```
public struct LessonError: Error, CustomStringConvertible, Sendable {
    public let file: String
    public let line: Int
    public let message: String

    public init(file: String, line: Int, message: String) {
        self.file = file
        self.line = line
        self.message = message
    }

    public var description: String { "\(file):\(line): \(message)" }
}
