import Foundation

/// What a student has done, saved between sessions: per lesson the step reached, whether it is
/// complete, and per exercise whether it passed, the attempts and the hints used.
///
/// ```swift
/// var progress = Progress()
/// progress.lessons["dropout", default: .init()].step = 3
/// ```
public struct Progress: Codable, Sendable, Equatable {
    /// The file format version.
    public var version = 1
    /// The lesson in progress, if any.
    public var current: String?
    /// Per lesson id.
    public var lessons: [String: LessonProgress] = [:]

    /// Nothing done yet.
    public init() {}
}

/// What was done in one lesson.
public struct LessonProgress: Codable, Sendable, Equatable {
    /// The step shown last (0-based).
    public var step = 0
    /// True once the last step was passed.
    public var completed = false
    /// Per exercise id.
    public var exercises: [String: ExerciseProgress] = [:]

    /// Nothing done yet.
    public init() {}
}

/// What was done in one exercise.
public struct ExerciseProgress: Codable, Sendable, Equatable {
    /// True once a check passed.
    public var done = false
    /// How many times it was checked.
    public var attempts = 0
    /// How many hints were shown.
    public var hints = 0

    /// Nothing done yet.
    public init() {}
}

/// Reads and writes progress in `$XDG_STATE_HOME/regtutor/progress.json`. Writes are atomic (a
/// temporary file renamed over the old one), and a damaged file is moved aside with a warning
/// rather than silently replaced.
public struct ProgressStore: Sendable {
    /// The progress file.
    public let file: URL

    /// A store writing to `file`.
    public init(file: URL) {
        self.file = file
    }

    /// `$XDG_STATE_HOME/regtutor/progress.json`, or `~/.local/state/regtutor/progress.json`.
    public static func standard(environment: [String: String] = ProcessInfo.processInfo.environment) -> ProgressStore {
        let state = environment["XDG_STATE_HOME"].flatMap { $0.isEmpty ? nil : URL(fileURLWithPath: $0) }
            ?? FileManager.default.homeDirectoryForCurrentUser.appendingPathComponent(".local/state")
        return ProgressStore(file: state.appendingPathComponent("regtutor/progress.json"))
    }

    /// The saved progress (empty when there is none) and a warning when the file was damaged.
    public func load() -> (Progress, warning: String?) {
        guard let data = FileManager.default.contents(atPath: file.path) else { return (Progress(), nil) }
        if let progress = try? JSONDecoder().decode(Progress.self, from: data) { return (progress, nil) }
        let aside = file.deletingLastPathComponent().appendingPathComponent("progress.damaged-\(Int(Date().timeIntervalSince1970)).json")
        let moved = (try? FileManager.default.moveItem(at: file, to: aside)) != nil
        return (Progress(), "Your progress file \(file.path) could not be read" + (moved ? "; it was kept as \(aside.lastPathComponent) and a fresh one started." : " and was left as it is; progress will not be saved over it."))
    }

    /// Saves atomically; returns an error message instead of throwing, so a full disk never
    /// ends a session.
    @discardableResult
    public func save(_ progress: Progress) -> String? {
        do {
            try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            let data = try encoder.encode(progress)
            let temporary = file.deletingLastPathComponent().appendingPathComponent(".progress-\(getpid()).tmp")
            try data.write(to: temporary)
            guard rename(temporary.path, file.path) == 0 else {
                try? FileManager.default.removeItem(at: temporary)
                return "Could not save progress to \(file.path): \(String(cString: strerror(errno)))"
            }
            return nil
        } catch {
            return "Could not save progress to \(file.path): \(error.localizedDescription)"
        }
    }
}
