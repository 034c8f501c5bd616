import CSQLite
import Foundation

/// The teacher's gradebook: an SQLite file recording every grading run and every result in it
/// (student, exercise, score, reason, time), so that re-grading after a fix keeps the history
/// and `regtutor grade --report` can say how the class did.
///
/// ```swift
/// let book = try Gradebook(path: "grading/gradebook.sqlite")
/// let run = try book.startRun(course: "lessons", started: Date())
/// try book.record(run: run, result)
/// try book.finish(run: run, complete: true)
/// ```
public final class Gradebook {
    private var db: OpaquePointer?

    /// One row of the gradebook.
    public struct Row: Sendable, Equatable {
        public var student: String
        public var submission: String
        public var key: ExerciseKey
        public var score: Double
        public var maxScore: Double
        public var verdict: ExerciseVerdict
        public var seconds: Double
        /// The exercise's place in the course (the report lists exercises in that order).
        public var position: Int

        public init(student: String, submission: String, key: ExerciseKey, score: Double, maxScore: Double, verdict: ExerciseVerdict,
                    seconds: Double, position: Int) {
            (self.student, self.submission, self.key, self.score, self.maxScore) = (student, submission, key, score, maxScore)
            (self.verdict, self.seconds, self.position) = (verdict, seconds, position)
        }
    }

    /// Opens (or creates) the gradebook at `path`.
    public init(path: String) throws {
        guard sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nil) == SQLITE_OK else {
            let message = db.map { String(cString: sqlite3_errmsg($0)) } ?? "out of memory"
            sqlite3_close(db)
            db = nil
            throw GradebookError(description: "cannot open the gradebook \(path): \(message)")
        }
        sqlite3_busy_timeout(db, 5000)
        try execute("""
            CREATE TABLE IF NOT EXISTS runs (id INTEGER PRIMARY KEY, started TEXT NOT NULL, course TEXT NOT NULL, complete INTEGER NOT NULL DEFAULT 0);
            CREATE TABLE IF NOT EXISTS results (run INTEGER NOT NULL REFERENCES runs(id), student TEXT NOT NULL, submission TEXT NOT NULL,
                lesson TEXT NOT NULL, exercise TEXT NOT NULL, score REAL NOT NULL, max_score REAL NOT NULL, status TEXT NOT NULL,
                reason TEXT NOT NULL, seconds REAL NOT NULL, position INTEGER NOT NULL DEFAULT 0);
            CREATE INDEX IF NOT EXISTS results_by_run ON results (run);
            """)
    }

    deinit { sqlite3_close(db) }

    /// Starts a grading run; its id numbers the results.
    public func startRun(course: String, started: Date) throws -> Int64 {
        try execute("INSERT INTO runs (started, course) VALUES (?, ?)", [.text(ISO8601DateFormatter().string(from: started)), .text(course)])
        return sqlite3_last_insert_rowid(db)
    }

    /// Marks a run finished (`complete` false when Ctrl-C stopped it).
    public func finish(run: Int64, complete: Bool) throws {
        try execute("UPDATE runs SET complete = ? WHERE id = ?", [.integer(complete ? 1 : 0), .integer(run)])
    }

    /// Adds one result to a run.
    public func record(run: Int64, _ row: Row) throws {
        try execute("INSERT INTO results VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    [.integer(run), .text(row.student), .text(row.submission), .text(row.key.lesson), .text(row.key.exercise),
                     .real(row.score), .real(row.maxScore), .text(row.verdict.status.rawValue), .text(row.verdict.message), .real(row.seconds), .integer(Int64(row.position))])
    }

    /// The runs, oldest first: (id, started, course, complete).
    public func runs() throws -> [(id: Int64, started: String, course: String, complete: Bool)] {
        try query("SELECT id, started, course, complete FROM runs ORDER BY id", []) { row in
            (row.integer(0), row.text(1), row.text(2), row.integer(3) != 0)
        }
    }

    /// Every result of one run, exercise by exercise in course order.
    public func results(run: Int64) throws -> [Row] {
        try query("SELECT student, submission, lesson, exercise, score, max_score, status, reason, seconds, position FROM results WHERE run = ? ORDER BY position, rowid",
                  [.integer(run)]) { row in
            Row(student: row.text(0), submission: row.text(1), key: ExerciseKey(row.text(2), row.text(3)), score: row.real(4), maxScore: row.real(5),
                verdict: ExerciseVerdict(GradeStatus(rawValue: row.text(6)) ?? .crashed, row.text(7)), seconds: row.real(8), position: Int(row.integer(9)))
        }
    }

    // MARK: SQLite

    enum Parameter {
        case text(String), integer(Int64), real(Double)
    }

    struct Columns {
        let statement: OpaquePointer
        func text(_ k: Int32) -> String { sqlite3_column_text(statement, k).map { String(cString: $0) } ?? "" }
        func integer(_ k: Int32) -> Int64 { sqlite3_column_int64(statement, k) }
        func real(_ k: Int32) -> Double { sqlite3_column_double(statement, k) }
    }

    private func execute(_ sql: String, _ parameters: [Parameter] = []) throws {
        if parameters.isEmpty {
            guard sqlite3_exec(db, sql, nil, nil, nil) == SQLITE_OK else { throw failure() }
            return
        }
        _ = try query(sql, parameters) { _ in () }
    }

    private func query<T>(_ sql: String, _ parameters: [Parameter], _ read: (Columns) -> T) throws -> [T] {
        var statement: OpaquePointer?
        guard sqlite3_prepare_v2(db, sql, -1, &statement, nil) == SQLITE_OK, let statement else { throw failure() }
        defer { sqlite3_finalize(statement) }
        // SQLITE_TRANSIENT: SQLite copies the text before the Swift string goes away.
        let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
        for (index, parameter) in parameters.enumerated() {
            let k = Int32(index + 1)
            switch parameter {
            case .text(let value): sqlite3_bind_text(statement, k, value, -1, transient)
            case .integer(let value): sqlite3_bind_int64(statement, k, value)
            case .real(let value): sqlite3_bind_double(statement, k, value)
            }
        }
        var rows: [T] = []
        while true {
            let step = sqlite3_step(statement)
            if step == SQLITE_DONE { return rows }
            guard step == SQLITE_ROW else { throw failure() }
            rows.append(read(Columns(statement: statement)))
        }
    }

    private func failure() -> GradebookError {
        GradebookError(description: "gradebook: " + (db.map { String(cString: sqlite3_errmsg($0)) } ?? "not open"))
    }
}

/// A gradebook that cannot be opened, read or written.
public struct GradebookError: Error, CustomStringConvertible, Sendable {
    public let description: String
}
