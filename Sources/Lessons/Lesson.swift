/// One lesson of the course, read from a Markdown file: front matter, an introduction, and steps
/// (one per `##` section), some of them exercises.
///
/// ```swift
/// let lesson = try LessonParser.parse(text, file: "lessons/04-dropout.md")
/// lesson.steps[0].title    // "The mask"
/// ```
public struct Lesson: Sendable {
    /// The stable name used in progress files and `regtutor lesson ID`.
    public let id: String
    /// The title shown to students.
    public let title: String
    /// The position in the course.
    public let order: Int
    /// The estimated time.
    public let minutes: Int
    /// Ids of lessons this one builds on.
    public let prerequisites: [String]
    /// Where it was read from, for error messages (file:line).
    public let file: String
    /// The text before the first step.
    public let introduction: [Block]
    /// The `##` sections, in order.
    public let steps: [Step]

    /// The exercises, in order.
    public var exercises: [Exercise] { steps.compactMap(\.exercise) }
}

/// A `##` section: prose and code, and for an exercise its prompt, check, hints and solution.
public struct Step: Sendable {
    /// The title shown to students.
    public let title: String
    /// The line of the `##` heading.
    public let line: Int
    /// Prose and code, in order.
    public let blocks: [Block]
    /// The exercise, when the step is one.
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
    /// The code.
    public let source: String
    /// The line of the code's first line.
    public let line: Int
    /// What it must print, when the lesson says.
    public let expectedOutput: String?
    /// The first line of the expected output.
    public let expectedLine: Int?
}

/// An exercise: what to do, code to start from, the check that judges it, hints from gentle to
/// explicit, and a reference solution.
public struct Exercise: Sendable {
    /// A stable name for progress records (the step title, lower-cased, dashed).
    public let id: String
    /// The title shown to students.
    public let title: String
    /// Code for the student to start from.
    public let starter: String?
    /// Code that runs without error when the exercise is solved.
    public let check: String
    /// The first line of the check.
    public let checkLine: Int
    /// Hints, gentle first.
    public let hints: [String]
    /// A reference solution.
    public let solution: String
    /// The first line of the solution.
    public let solutionLine: Int
    /// The first line of the starter code.
    public let starterLine: Int?
    /// What the exercise is worth under `regtutor grade` (`points:` in the lesson; 1 when unsaid).
    public var points: Double = 1
    /// A second check that runs only under `regtutor grade` (a ```python grade block): never
    /// shown by the REPL, `run` or handouts, like nbgrader's hidden tests.
    public var hiddenCheck: String? = nil
    /// The first line of the hidden check.
    public var hiddenCheckLine: Int? = nil
    /// Typical wrong attempts (```python mistake blocks), with their first lines: `regtutor check`
    /// runs each before the solution; each must fail, and the solution must still pass after it.
    public var mistakes: [(code: String, line: Int)] = []
}
