import Common
import Foundation
import Lessons

/// One grading run: reads the submissions, then grades every exercise of every one in child
/// processes (`regtutor grade-exercise`), a few at a time, with a progress bar, recording each
/// result in the gradebook as it comes. Ctrl-C stops the children and keeps what was graded.
struct Grading {
    struct Limits {
        var seconds: Double
        var cpuSeconds: Int
        var memory: String
        var outputBytes: Int
    }

    /// One exercise of one submission, waiting to be graded.
    struct Job {
        let submission: Int
        let item: GradeSheet.Item
        let code: String
    }

    let course: Course
    let folder: URL
    var sheet: GradeSheet
    let limits: Limits
    private var jobs: [Job] = []

    init(course: Course, folder: URL, sheet: GradeSheet, limits: Limits) {
        self.course = course
        self.folder = folder
        self.sheet = sheet
        self.limits = limits
    }

    /// Reads each file: a submission's exercises become jobs; a file that is not one gets
    /// `invalid` with the reason for every exercise.
    mutating func read(_ files: [String]) {
        for file in files {
            let stem = ((file as NSString).lastPathComponent as NSString).deletingPathExtension
            do {
                let handedIn = try Grading.readSubmission(file)
                var graded = GradeSheet.Graded(student: handedIn.student, file: file)
                for item in sheet.exercises {
                    if let code = handedIn.code[item.key] {
                        jobs.append(Job(submission: sheet.submissions.count, item: item, code: code))
                    } else {
                        graded.verdicts[item.key] = ExerciseVerdict(.missing, "not handed in")
                    }
                }
                sheet.submissions.append(graded)
            } catch {
                var graded = GradeSheet.Graded(student: stem, file: file)
                for item in sheet.exercises { graded.verdicts[item.key] = ExerciseVerdict(.invalid, "\(file): \(error)") }
                sheet.submissions.append(graded)
            }
        }
    }

    static func readSubmission(_ file: String) throws -> HandedIn {
        guard let handle = FileHandle(forReadingAtPath: file) else { throw SubmissionError(description: "cannot be read") }
        defer { try? handle.close() }
        let data = (try? handle.read(upToCount: SubmissionReader.sizeLimit + 1)) ?? Data()
        guard data.count <= SubmissionReader.sizeLimit else {
            throw SubmissionError(description: "larger than \(SubmissionReader.sizeLimit >> 20) MiB: not a submission regtutor wrote")
        }
        return try SubmissionReader.read(String(decoding: data, as: UTF8.self), file: file)
    }

    /// Grades every job, `parallel` at a time; false when Ctrl-C stopped it.
    mutating func run(parallel: Int, gradebook: Gradebook, course name: String) throws -> Bool {
        let run = try gradebook.startRun(course: name, started: Date())
        for graded in sheet.submissions {
            for item in sheet.exercises {
                guard let verdict = graded.verdicts[item.key] else { continue }
                try gradebook.record(run: run, row(graded, item, verdict, seconds: 0))
            }
        }
        let scratch = try Grading.scratchFolder()
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        let executable = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        var pending = jobs.enumerated()[...]
        var running: [(job: Job, child: ChildProcess)] = []
        let progress = ProgressLine(total: jobs.count)
        var finished = 0
        defer { progress.clear() }
        while !pending.isEmpty || !running.isEmpty {
            if Interrupt.isRequested {
                for (_, child) in running { child.stop() }
                running = []
                break
            }
            while running.count < max(1, parallel), let (number, job) = pending.first {
                pending = pending.dropFirst()
                let codeFile = (scratch as NSString).appendingPathComponent("\(number).py")
                do {
                    try job.code.write(toFile: codeFile, atomically: false, encoding: .utf8)
                    let child = try ChildProcess(arguments: arguments(executable, job, codeFile: codeFile),
                                                 deadline: .now + .milliseconds(Int(saturating: (limits.seconds + 15) * 1000)), outputLimit: 1 << 20)
                    running.append((job, child))
                } catch {
                    try settle(job, ExerciseVerdict(.crashed, "could not start grading: \(error)"), seconds: 0, run: run, gradebook: gradebook)
                    finished += 1
                }
            }
            waitForAny(running.map(\.child))
            var still: [(job: Job, child: ChildProcess)] = []
            for entry in running {
                entry.child.service()
                if entry.child.isRunning { still.append(entry); continue }
                try settle(entry.job, verdict(of: entry.child), seconds: entry.child.elapsed, run: run, gradebook: gradebook)
                finished += 1
            }
            running = still
            progress.show(finished)
        }
        let complete = pending.isEmpty && running.isEmpty && !Interrupt.isRequested
        if !complete {
            for index in sheet.submissions.indices {
                for item in sheet.exercises where sheet.submissions[index].verdicts[item.key] == nil {
                    sheet.submissions[index].verdicts[item.key] = ExerciseVerdict(.notGraded, "grading was stopped before this exercise")
                }
            }
        }
        try gradebook.finish(run: run, complete: complete)
        return complete
    }

    private mutating func settle(_ job: Job, _ verdict: ExerciseVerdict, seconds: Double, run: Int64, gradebook: Gradebook) throws {
        sheet.submissions[job.submission].verdicts[job.item.key] = verdict
        sheet.submissions[job.submission].seconds[job.item.key] = seconds
        try gradebook.record(run: run, row(sheet.submissions[job.submission], job.item, verdict, seconds: seconds))
    }

    private func row(_ graded: GradeSheet.Graded, _ item: GradeSheet.Item, _ verdict: ExerciseVerdict, seconds: Double) -> Gradebook.Row {
        Gradebook.Row(student: graded.student, submission: graded.file, key: item.key, score: GradeSheet.score(verdict, of: item),
                      maxScore: item.points, verdict: verdict, seconds: seconds, position: item.position)
    }

    private func arguments(_ executable: String, _ job: Job, codeFile: String) -> [String] {
        [executable, "grade-exercise", "--course", folder.path, "--lesson", job.item.key.lesson, "--exercise", job.item.key.exercise,
         "--code", codeFile, "--seconds", String(limits.seconds), "--cpu-seconds", String(limits.cpuSeconds),
         "--memory", limits.memory, "--output-bytes", String(limits.outputBytes)]
    }

    /// What a finished child's ending means for the student.
    func verdict(of child: ChildProcess) -> ExerciseVerdict {
        let errorText = String(decoding: child.stderr, as: UTF8.self)
        // A Swift trap or a usage error says what went wrong on a line of its own.
        let lines = errorText.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        let lastError = (lines.first { $0.hasPrefix("Error") || $0.contains("Fatal error") } ?? lines.last).map { String($0.prefix(300)) }
        switch child.ending {
        case .exited(0):
            if let verdict = try? JSONDecoder().decode(ExerciseVerdict.self, from: Data(child.stdout)) { return verdict }
            return ExerciseVerdict(.crashed, "the grading process answered nothing readable")
        case .killedForTime:
            return ExerciseVerdict(.timeout, "it ran past the wall-clock limit of \(GradeSheet.number(limits.seconds)) seconds")
        case .killedForOutput:
            return ExerciseVerdict(.output, "it printed more than the output limit")
        case .signaled(SIGXCPU):
            return ExerciseVerdict(.timeout, "it used more than the CPU limit of \(limits.cpuSeconds) seconds")
        case .signaled(let signal):
            let name = String(cString: strsignal(signal))
            return ExerciseVerdict(.crashed, "the grading process died (signal \(signal), \(name))" + (lastError.map { ": " + $0 } ?? ""))
        case .exited(let status):
            return ExerciseVerdict(.crashed, "the grading process failed (exit status \(status))" + (lastError.map { ": " + $0 } ?? ""))
        case nil:
            return ExerciseVerdict(.crashed, "the grading process did not finish")
        }
    }

    /// Blocks until one of the children has something to read (or 100 ms pass: deadlines, Ctrl-C).
    private func waitForAny(_ children: [ChildProcess]) {
        var descriptors = children.flatMap(\.openDescriptors).map { pollfd(fd: $0, events: Int16(POLLIN), revents: 0) }
        if descriptors.isEmpty {
            usleep(10_000)
            return
        }
        _ = poll(&descriptors, nfds_t(descriptors.count), 100)
    }

    static func scratchFolder() throws -> String {
        var template = Array((NSTemporaryDirectory() as NSString).appendingPathComponent("regtutor-grade-XXXXXX").utf8CString)
        guard let made = mkdtemp(&template) else { throw ChildError(message: "cannot make a temporary folder: \(String(cString: strerror(errno)))") }
        return String(cString: made)
    }
}

/// `grading ▕██████░░░░░░▏ 12/40 exercises` on standard error, when it is a terminal.
struct ProgressLine {
    let total: Int
    let visible = isatty(STDERR_FILENO) == 1

    func show(_ done: Int) {
        guard visible, total > 0 else { return }
        let width = 24, filled = width * min(done, total) / total
        Terminal.writeError("\rgrading ▕" + String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled) + "▏ \(done)/\(total) exercises")
    }

    func clear() {
        if visible && total > 0 { Terminal.writeError("\r\u{1B}[K") }
    }
}
