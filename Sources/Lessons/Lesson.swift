/// One lesson of the course, read from a Markdown file: front matter, an introduction, and steps
/// (one per `##` section), some of them exercises.
///
/// ```swift
/// let lesson = try LessonParser.parse(text, file: "lessons/04-dropout.md")
/// lesson.steps[0].title    // "The mask"
/// ```
public struct Lesson: Sendable {
    public let id: String
    public let title: String
    public let order: Int
    public let minutes: Int
    public let prerequisites: [String]
    /// Where it was read from, for error messages (file:line).
    public let file: String
    /// The text before the first step.
    public let introduction: [Block]
    public let steps: [Step]

    /// The exercises, in order.
    public var exercises: [Exercise] { steps.compactMap(\.exercise) }
}

/// A `##` section: prose and code, and for an exercise its prompt, check, hints and solution.
public struct Step: Sendable {
    public let title: String
    /// The line of the `##` heading.
    public let line: Int
    public let blocks: [Block]
    public let exercise: Exercise?
}

/// A piece of a step, in the order written.
public enum Block: Sendable {
    /// Markdown prose.
    case prose(String)
    /// Code that runs, with the output it must print (if the lesson says).
    case cell(Cell)
    /// Code shown for reading only (a Keras snippet, say): never run.
    case readOnly(String)
}

/// A code cell: ```python ... ``` optionally followed by ```output ... ```.
public struct Cell: Sendable {
    public let source: String
    /// The line of the code's first line.
    public let line: Int
    public let expectedOutput: String?
    public let expectedLine: Int?
}

/// An exercise: what to do, code to start from, the check that judges it, hints from gentle to
/// explicit, and a reference solution.
public struct Exercise: Sendable {
    /// A stable name for progress records (the step title, lower-cased, dashed).
    public let id: String
    public let title: String
    public let starter: String?
    public let check: String
    public let checkLine: Int
    public let hints: [String]
    public let solution: String
    public let solutionLine: Int
    public let starterLine: Int?
}
