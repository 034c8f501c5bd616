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
    /// The student's name or id, as a submission gives it (asked once).
    public var student: String?
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
    /// When this record last changed (seconds since 1970): when two sessions saved the same
    /// lesson, the newer record wins.
    public var updated: Double = 0

    /// Nothing done yet.
    public init() {}

    /// Reads a record leniently: missing fields take their defaults (files from older versions),
    /// and values no session could have written (step -5 or 9999999999) are brought into range.
    public init(from decoder: any Decoder) throws {
        let fields = try decoder.container(keyedBy: CodingKeys.self)
        step = Swift.min(Swift.max(try fields.decodeIfPresent(Int.self, forKey: .step) ?? 0, 0), ProgressLimits.steps)
        completed = try fields.decodeIfPresent(Bool.self, forKey: .completed) ?? false
        exercises = try fields.decodeIfPresent([String: ExerciseProgress].self, forKey: .exercises) ?? [:]
        let time = try fields.decodeIfPresent(Double.self, forKey: .updated) ?? 0
        updated = time.isFinite ? Swift.max(time, 0) : 0
    }
}

/// What was done in one exercise.
public struct ExerciseProgress: Codable, Sendable, Equatable {
    /// True once a check passed.
    public var done = false
    /// How many times it was checked.
    public var attempts = 0
    /// How many hints were shown.
    public var hints = 0
    /// The code the student ran while the exercise was open, cell after cell (what a submission
    /// hands in), at most `ProgressLimits.code` characters: the newest are kept.
    public var code = ""
    /// What the last `:check` said: "passed", or the check's message.
    public var lastCheck: String?

    /// Nothing done yet.
    public init() {}

    /// Appends a cell the student ran to `code`, after a `Submission.cellSeparator` line, so that
    /// grading replays the cells one by one as the REPL ran them.
    public mutating func remember(_ cell: String) {
        code += (code.isEmpty ? "" : "\n" + Submission.cellSeparator + "\n") + cell
        if code.count > ProgressLimits.code { code = String(code.suffix(ProgressLimits.code)) }
    }

    /// Reads a record leniently, as `LessonProgress` does.
    public init(from decoder: any Decoder) throws {
        let fields = try decoder.container(keyedBy: CodingKeys.self)
        code = String((try fields.decodeIfPresent(String.self, forKey: .code) ?? "").suffix(ProgressLimits.code))
        lastCheck = try fields.decodeIfPresent(String.self, forKey: .lastCheck)
        done = try fields.decodeIfPresent(Bool.self, forKey: .done) ?? false
        attempts = Swift.min(Swift.max(try fields.decodeIfPresent(Int.self, forKey: .attempts) ?? 0, 0), ProgressLimits.counts)
        hints = Swift.min(Swift.max(try fields.decodeIfPresent(Int.self, forKey: .hints) ?? 0, 0), ProgressLimits.counts)
    }
}

/// The largest values a progress file may hold; larger ones are damage and are clamped on load.
enum ProgressLimits {
    static let steps = 10_000
    static let counts = 1_000_000
    static let code = 100_000
}

extension Progress {
    /// Reads progress leniently: a file from an older version, or without some fields, loads.
    public init(from decoder: any Decoder) throws {
        let fields = try decoder.container(keyedBy: CodingKeys.self)
        version = try fields.decodeIfPresent(Int.self, forKey: .version) ?? 1
        current = try fields.decodeIfPresent(String.self, forKey: .current)
        student = try fields.decodeIfPresent(String.self, forKey: .student)
        lessons = try fields.decodeIfPresent([String: LessonProgress].self, forKey: .lessons) ?? [:]
    }

    /// This session's progress with what another session saved meanwhile: per lesson, the record
    /// changed last wins; `current` stays this session's.
    public func merged(with saved: Progress) -> Progress {
        var result = self
        if result.student == nil { result.student = saved.student }
        for (id, theirs) in saved.lessons where theirs.updated > (lessons[id]?.updated ?? -1) {
            result.lessons[id] = theirs
        }
        return result
    }
}

/// Reads and writes progress in `$XDG_STATE_HOME/regtutor/progress.json`. Writes are atomic (a
/// temporary file renamed over the old one) and merged: two sessions at once both keep their
/// work, the newer record of each lesson winning. A damaged file is moved aside with a warning
/// rather than silently replaced.
public struct ProgressStore: Sendable {
    /// The progress file.
    public let file: URL

    /// A store writing to `file`.
    public init(file: URL) {
        self.file = file
    }

    /// `$XDG_STATE_HOME/regtutor/progress.json`, or `$HOME/.local/state/regtutor/progress.json`.
    public static func standard(environment: [String: String] = ProcessInfo.processInfo.environment) -> ProgressStore {
        ProgressStore(file: StateDirectory.url(environment: environment).appendingPathComponent("progress.json"))
    }

    private var folder: URL { file.deletingLastPathComponent() }

    /// The saved progress (empty when there is none) and a warning when the file was damaged.
    /// Temporary files left by sessions that were killed while saving are removed.
    public func load() -> (Progress, warning: String?) {
        removeStaleTemporaries()
        guard let data = FileManager.default.contents(atPath: file.path) else { return (Progress(), nil) }
        if let progress = try? JSONDecoder().decode(Progress.self, from: data) { return (progress, nil) }
        let aside = folder.appendingPathComponent("progress.damaged-\(Int(Date().timeIntervalSince1970)).json")
        let moved = (try? FileManager.default.moveItem(at: file, to: aside)) != nil
        return (Progress(), "Your progress file \(file.path) could not be read" + (moved ? "; it was kept as \(aside.lastPathComponent) and a fresh one started." : " and was left as it is; progress will not be saved over it."))
    }

    /// Saves atomically, merged with what another session saved since; returns an error message
    /// instead of throwing, so a full disk never ends a session.
    @discardableResult
    public func save(_ progress: Progress) -> String? {
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            return try whileLocked {
                var merged = progress
                if let data = FileManager.default.contents(atPath: file.path), let saved = try? JSONDecoder().decode(Progress.self, from: data) {
                    merged = progress.merged(with: saved)
                }
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
                let data = try encoder.encode(merged)
                let temporary = folder.appendingPathComponent(".progress-\(getpid()).tmp")
                try data.write(to: temporary)
                guard rename(temporary.path, file.path) == 0 else {
                    try? FileManager.default.removeItem(at: temporary)
                    return "Could not save progress to \(file.path): \(String(cString: strerror(errno)))"
                }
                return nil
            }
        } catch {
            return "Could not save progress to \(file.path): \(error.localizedDescription)"
        }
    }

    /// Runs `body` holding an exclusive lock on `.progress.lock`, so that two sessions never
    /// read and write the file at the same moment (the lock goes when the process does).
    private func whileLocked<T>(_ body: () throws -> T) throws -> T {
        let descriptor = open(folder.appendingPathComponent(".progress.lock").path, O_CREAT | O_RDWR | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { return try body() }   // a read-only folder: save() reports it
        defer { close(descriptor) }
        flock(descriptor, LOCK_EX)
        defer { flock(descriptor, LOCK_UN) }
        return try body()
    }

    /// Removes `.progress-<pid>.tmp` files whose process is gone.
    private func removeStaleTemporaries() {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else { return }
        for name in names where name.hasPrefix(".progress-") && name.hasSuffix(".tmp") {
            guard let pid = Int32(name.dropFirst(".progress-".count).dropLast(".tmp".count)) else { continue }
            if pid != getpid() && kill(pid, 0) != 0 && errno == ESRCH {
                try? FileManager.default.removeItem(at: folder.appendingPathComponent(name))
            }
        }
    }
}

/// Where regtutor keeps what it saves between sessions (progress, REPL history), as the XDG Base
/// Directory specification says: `$XDG_STATE_HOME/regtutor`, or `$HOME/.local/state/regtutor`
/// when that is unset, empty or not an absolute path.
///
/// ```swift
/// StateDirectory.url(environment: ["HOME": "/home/ada"])   // /home/ada/.local/state/regtutor
/// ```
public enum StateDirectory {
    public static func url(environment: [String: String] = ProcessInfo.processInfo.environment) -> URL {
        if let state = environment["XDG_STATE_HOME"], state.hasPrefix("/") {
            return URL(fileURLWithPath: state).appendingPathComponent("regtutor")
        }
        let home = environment["HOME"].flatMap { $0.hasPrefix("/") ? URL(fileURLWithPath: $0) : nil }
            ?? FileManager.default.homeDirectoryForCurrentUser
        return home.appendingPathComponent(".local/state/regtutor")
    }
}
