import Foundation

/// Reads a lesson's Markdown. The format (see lessons/README.md):
///
/// - front matter between `---` lines: `id`, `title`, `order`, `minutes`, `prerequisites`;
/// - `## Title` starts a step; `## Exercise: Title` starts an exercise;
/// - fenced blocks: ```python (runs), ```output (what the cell before must print),
///   ```python readonly (shown, never run), and in exercises ```python starter,
///   ```python check, ```python solution and ```hint (one per hint, gentle first), and for
///   `regtutor grade` a hidden ```python grade block and a `points: N` line (default 1), and for
///   `regtutor check` any number of ```python mistake blocks (wrong attempts the check must catch).
public enum LessonParser {
    /// The lesson in `text`; `file` names it in errors (file:line).
    public static func parse(_ text: String, file: String) throws -> Lesson {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if lines.last == "" { lines.removeLast() }
        let (meta, bodyStart) = try frontMatter(lines, file: file)
        func field(_ name: String) throws -> String {
            guard let value = meta[name], !value.isEmpty else {
                throw LessonError(file: file, line: 1, message: "the front matter needs '\(name):'")
            }
            return value
        }
        guard let order = Int(try field("order")) else { throw LessonError(file: file, line: 1, message: "order must be a whole number") }
        guard let minutes = Int(meta["minutes"] ?? "10") else { throw LessonError(file: file, line: 1, message: "minutes must be a whole number") }
        let prerequisites = (meta["prerequisites"] ?? "").trimmingCharacters(in: ["[", "]"]).split(separator: ",")
            .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        let sections = try splitSections(lines, from: bodyStart, file: file)
        let introduction = try blocks(sections.introduction, file: file).blocks
        var steps: [Step] = []
        for section in sections.steps {
            let parsed = try blocks(section.lines, file: file)
            let isExercise = section.title.lowercased().hasPrefix("exercise")
            let exercise = isExercise ? try makeExercise(section, parsed, file: file) : nil
            if !isExercise, let stray = parsed.exerciseParts.first {
                throw LessonError(file: file, line: stray.line, message: (stray.kind == "points" ? "points:" : "```\(stray.kind)") + " belongs in an '## Exercise: ...' step")
            }
            steps.append(Step(title: section.title, line: section.line, blocks: parsed.blocks, exercise: exercise))
        }
        guard !steps.isEmpty else { throw LessonError(file: file, line: bodyStart + 1, message: "a lesson needs at least one '## ' step") }
        return Lesson(id: try field("id"), title: try field("title"), order: order, minutes: minutes, prerequisites: prerequisites,
                      file: file, introduction: introduction, steps: steps)
    }

    /// The `key: value` lines between the opening and closing `---`, and where the body starts.
    static func frontMatter(_ lines: [String], file: String) throws -> ([String: String], Int) {
        guard lines.first?.trimmingCharacters(in: .whitespaces) == "---" else {
            throw LessonError(file: file, line: 1, message: "a lesson starts with front matter between '---' lines (id, title, order, minutes, prerequisites)")
        }
        var meta: [String: String] = [:]
        for (index, line) in lines.enumerated().dropFirst() {
            if line.trimmingCharacters(in: .whitespaces) == "---" { return (meta, index + 1) }
            guard let colon = line.firstIndex(of: ":") else {
                throw LessonError(file: file, line: index + 1, message: "front matter lines read 'key: value'")
            }
            meta[line[..<colon].trimmingCharacters(in: .whitespaces)] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        throw LessonError(file: file, line: 1, message: "the front matter is not closed by a '---' line")
    }

    struct Section {
        let title: String
        let line: Int
        let lines: [(Int, String)]
    }

    /// The introduction's lines and one section per `## ` heading (outside code fences).
    static func splitSections(_ lines: [String], from start: Int, file: String) throws -> (introduction: [(Int, String)], steps: [Section]) {
        var introduction: [(Int, String)] = []
        var sections: [Section] = []
        var current: (title: String, line: Int, lines: [(Int, String)])?
        var inFence = false
        for index in start..<lines.count {
            let line = lines[index]
            if line.hasPrefix("```") { inFence.toggle() }
            if !inFence && line.hasPrefix("## ") {
                if let current { sections.append(Section(title: current.title, line: current.line, lines: current.lines)) }
                current = (String(line.dropFirst(3)).trimmingCharacters(in: .whitespaces), index + 1, [])
                continue
            }
            if current == nil { introduction.append((index + 1, line)) } else { current?.lines.append((index + 1, line)) }
        }
        if inFence { throw LessonError(file: file, line: lines.count, message: "a ``` code fence is not closed") }
        if let current { sections.append(Section(title: current.title, line: current.line, lines: current.lines)) }
        return (introduction, sections)
    }

    struct ExercisePart {
        let kind: String
        let text: String
        let line: Int
    }

    /// Prose, cells and read-only code of a section, and its exercise parts.
    static func blocks(_ lines: [(Int, String)], file: String) throws -> (blocks: [Block], exerciseParts: [ExercisePart]) {
        var blocks: [Block] = []
        var parts: [ExercisePart] = []
        var prose: [String] = []
        var k = 0
        func flushProse() {
            let text = prose.joined(separator: "\n").trimmingCharacters(in: .newlines)
            if !text.isEmpty { blocks.append(.prose(text)) }
            prose = []
        }
        while k < lines.count {
            let (number, line) = lines[k]
            if line.hasPrefix("points:") {
                parts.append(ExercisePart(kind: "points", text: line.dropFirst(7).trimmingCharacters(in: .whitespaces), line: number))
                k += 1
                continue
            }
            guard line.hasPrefix("```") else {
                prose.append(line)
                k += 1
                continue
            }
            flushProse()
            let info = line.dropFirst(3).trimmingCharacters(in: .whitespaces).lowercased()
            var body: [String] = []
            k += 1
            while k < lines.count && !lines[k].1.hasPrefix("```") {
                body.append(lines[k].1)
                k += 1
            }
            k += 1   // the closing fence
            let text = body.joined(separator: "\n")
            switch info {
            case "python", "py":
                blocks.append(.cell(Cell(source: text, line: number + 1, expectedOutput: nil, expectedLine: nil)))
            case "output":
                guard case .cell(let cell)? = blocks.last, cell.expectedOutput == nil else {
                    throw LessonError(file: file, line: number, message: "an ```output block must follow a ```python cell")
                }
                blocks[blocks.count - 1] = .cell(Cell(source: cell.source, line: cell.line, expectedOutput: text, expectedLine: number + 1))
            case "python readonly", "readonly":
                blocks.append(.readOnly(text))
            case "python starter", "python check", "python solution", "python grade", "python mistake", "hint":
                parts.append(ExercisePart(kind: info.replacingOccurrences(of: "python ", with: ""), text: text, line: number + 1))
            default:
                throw LessonError(file: file, line: number, message: "unknown code block '```\(info)': use python, output, python readonly, python starter, python check, python solution, python grade, python mistake or hint")
            }
        }
        flushProse()
        return (blocks, parts)
    }

    static func makeExercise(_ section: Section, _ parsed: (blocks: [Block], exerciseParts: [ExercisePart]), file: String) throws -> Exercise {
        let parts = parsed.exerciseParts
        func one(_ kind: String) throws -> ExercisePart? {
            let found = parts.filter { $0.kind == kind }
            if found.count > 1 {
                throw LessonError(file: file, line: found[1].line, message: kind == "points" ? "an exercise has one points: line" : "an exercise has one ```python \(kind)")
            }
            return found.first
        }
        guard let check = try one("check") else { throw LessonError(file: file, line: section.line, message: "the exercise '\(section.title)' needs a ```python check block") }
        guard let solution = try one("solution") else { throw LessonError(file: file, line: section.line, message: "the exercise '\(section.title)' needs a ```python solution block") }
        let starter = try one("starter")
        let title = section.title.split(separator: ":", maxSplits: 1).last.map { $0.trimmingCharacters(in: .whitespaces) } ?? section.title
        let id = title.lowercased().map { $0.isLetter || $0.isNumber ? $0 : "-" }.reduce("") { $0 + String($1) }
        var exercise = Exercise(id: id, title: title, starter: starter?.text, check: check.text, checkLine: check.line,
                                hints: parts.filter { $0.kind == "hint" }.map(\.text), solution: solution.text, solutionLine: solution.line,
                                starterLine: starter?.line)
        if let points = try one("points") {
            guard let value = Double(points.text), value.isFinite, value >= 0, value <= 1_000_000 else {
                throw LessonError(file: file, line: points.line, message: "points must be a number such as 2 or 0.5, got '\(points.text)'")
            }
            exercise.points = value
        }
        exercise.mistakes = parts.filter { $0.kind == "mistake" }.map { ($0.text, $0.line) }
        if let hidden = try one("grade") {
            exercise.hiddenCheck = hidden.text
            exercise.hiddenCheckLine = hidden.line
        }
        return exercise
    }
}
