import Foundation

/// The lessons of a course folder, in order: every `*.md` file except `README.md`.
///
/// ```swift
/// let course = try Course.load(from: URL(fileURLWithPath: "lessons"))
/// course.lessons.map(\.title)
/// ```
public struct Course: Sendable {
    /// The folder the lessons came from.
    public let directory: URL
    /// The lessons, by `order`.
    public let lessons: [Lesson]

    /// A course of `lessons` (sorted by their order).
    public init(directory: URL, lessons: [Lesson]) {
        self.directory = directory
        self.lessons = lessons.sorted { $0.order < $1.order }
    }

    /// Reads every lesson in `directory`; a broken file is an error naming file and line.
    public static func load(from directory: URL) throws -> Course {
        let files = try lessonFiles(in: directory)
        guard !files.isEmpty else {
            throw LessonError(file: directory.path, line: 0, message: "no lesson files (*.md) in this folder")
        }
        let lessons = try files.map { file in
            guard let text = try? String(contentsOf: file, encoding: .utf8) else {
                throw LessonError(file: file.path, line: 0, message: "cannot read this file as UTF-8 text")
            }
            return try LessonParser.parse(text, file: Course.displayPath(file))
        }
        var seen: [String: String] = [:]
        for lesson in lessons {
            if let other = seen[lesson.id] { throw LessonError(file: lesson.file, line: 1, message: "the id '\(lesson.id)' is also used by \(other)") }
            seen[lesson.id] = lesson.file
        }
        return Course(directory: directory, lessons: lessons)
    }

    /// What is wrong with the course as a whole, beyond each file: exercise ids used twice in a
    /// lesson, prerequisites that name no lesson of the course, two lessons with the same order.
    ///
    /// ```swift
    /// try Course.load(from: folder).problems()   // [] for a sound course
    /// ```
    public func problems() -> [LessonError] {
        var problems: [LessonError] = []
        let ids = Set(lessons.map(\.id))
        var orders: [Int: String] = [:]
        for lesson in lessons {
            for prerequisite in lesson.prerequisites where !ids.contains(prerequisite) {
                problems.append(LessonError(file: lesson.file, line: 1, message: "the prerequisite '\(prerequisite)' is not a lesson of this course (its ids: \(ids.sorted().joined(separator: ", ")))"))
            }
            if lesson.prerequisites.contains(lesson.id) {
                problems.append(LessonError(file: lesson.file, line: 1, message: "the lesson lists itself as a prerequisite"))
            }
            if let other = orders[lesson.order] {
                problems.append(LessonError(file: lesson.file, line: 1, message: "order \(lesson.order) is also the order of \(other): the course's sequence is ambiguous"))
            }
            orders[lesson.order] = lesson.file
            var exerciseIds: [String: Int] = [:]
            for step in lesson.steps {
                guard let exercise = step.exercise else { continue }
                if let first = exerciseIds[exercise.id] {
                    problems.append(LessonError(file: lesson.file, line: step.line, message: "the exercise id '\(exercise.id)' is also used at line \(first): progress and grades would mix them up"))
                }
                exerciseIds[exercise.id] = step.line
            }
        }
        return problems
    }

    /// The lesson files of a folder, sorted by name.
    public static func lessonFiles(in directory: URL) throws -> [URL] {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory.path) else {
            throw LessonError(file: directory.path, line: 0, message: "no such lessons folder")
        }
        return names.filter { $0.hasSuffix(".md") && $0.lowercased() != "readme.md" }.sorted().map { directory.appendingPathComponent($0) }
    }

    /// A path relative to the working directory when inside it, for short file:line messages.
    static func displayPath(_ file: URL) -> String {
        let cwd = FileManager.default.currentDirectoryPath + "/"
        let path = file.standardizedFileURL.path
        return path.hasPrefix(cwd) ? String(path.dropFirst(cwd.count)) : path
    }

    /// A lesson by id or by its number (1 is the first).
    public func lesson(_ reference: String) -> Lesson? {
        if let number = Int(reference), number >= 1, number <= lessons.count { return lessons[number - 1] }
        return lessons.first { $0.id == reference }
    }

    /// What a reference to a lesson found: by number, by id, or by the start of one id.
    public enum LookUp {
        /// The lesson; `expanded` when the reference was the start of its id.
        case found(Lesson, expanded: Bool)
        /// The start of several ids.
        case ambiguous([Lesson])
        case none
    }

    /// A lesson by number, id, or a unique start of an id (`drop` for `dropout`), ignoring case.
    ///
    /// ```swift
    /// course.lookUp("drop")   // .found(dropout, expanded: true)
    /// ```
    public func lookUp(_ reference: String) -> LookUp {
        if let exact = lesson(reference) { return .found(exact, expanded: false) }
        let wanted = reference.lowercased()
        guard !wanted.isEmpty else { return .none }
        let matches = lessons.filter { $0.id.lowercased().hasPrefix(wanted) }
        switch matches.count {
        case 0: return .none
        case 1: return .found(matches[0], expanded: true)
        default: return .ambiguous(matches)
        }
    }

    /// The number of a lesson (1 is the first).
    public func number(of lesson: Lesson) -> Int { (lessons.firstIndex { $0.id == lesson.id } ?? 0) + 1 }

    /// Where the course is: `explicit` (--lessons or REGTUTOR_LESSONS), else the `lessons` folder
    /// that ships next to the program: beside the executable, in a parent of its folder (a
    /// checkout's `.build/release/regtutor`), or in `../share/regtutor/lessons` (an install).
    public static func locate(explicit: String?, executable: URL) -> URL? {
        if let explicit, !explicit.isEmpty { return URL(fileURLWithPath: explicit) }
        var folder = executable.resolvingSymlinksInPath().deletingLastPathComponent()
        let share = folder.deletingLastPathComponent().appendingPathComponent("share/regtutor/lessons")
        for _ in 0..<6 {
            let candidate = folder.appendingPathComponent("lessons")
            if FileManager.default.fileExists(atPath: candidate.appendingPathComponent("README.md").path) { return candidate }
            folder = folder.deletingLastPathComponent()
        }
        return FileManager.default.fileExists(atPath: share.path) ? share : nil
    }
}
