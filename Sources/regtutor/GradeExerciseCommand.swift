import ArgumentParser
import Common
import Foundation
import Lessons

/// `regtutor grade-exercise`: grades one exercise of one submission and prints the verdict as
/// JSON. `regtutor grade` starts one per exercise, each in a process of its own, so that code
/// that loops, floods or crashes takes only this process down. Not for people: hidden from help.
struct GradeExerciseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "grade-exercise", abstract: "Grade one exercise (regtutor grade runs this).", shouldDisplay: false)

    @Option(help: "The course folder.") var course: String
    @Option var lesson: String
    @Option var exercise: String
    @Option(help: "The file holding the student's code.") var code: String
    @Option var seconds: Double = ExerciseGrader.defaultSeconds
    @Option(name: .customLong("cpu-seconds")) var cpuSeconds: Int = Int(ExerciseGrader.defaultSeconds)
    @Option var memory: String = "1G"
    @Option(name: .customLong("output-bytes")) var outputBytes: Int = ExerciseGrader.defaultOutputBytes

    func run() throws {
        let bytes = try MemoryOption.bytes(memory, option: "--memory")
        GradeExerciseCommand.limitItself(cpuSeconds: cpuSeconds, memory: bytes)
        MemoryBudget.limit = bytes
        MemoryBudget.limitOption = "regtutor grade --memory"
        let verdict = GradeExerciseCommand.verdict(lessons: course, lesson: lesson, exercise: exercise, codeFile: code,
                                                  seconds: seconds, outputBytes: outputBytes)
        let data = try JSONEncoder().encode(verdict)
        Terminal.writeOut(String(decoding: data, as: UTF8.self) + "\n")
    }

    static func verdict(lessons: String, lesson id: String, exercise exerciseId: String, codeFile: String, seconds: Double, outputBytes: Int) -> ExerciseVerdict {
        let course: Course
        do {
            course = try Course.load(from: URL(fileURLWithPath: lessons))
        } catch {
            return ExerciseVerdict(.crashed, "the course could not be read: \(error)")
        }
        guard let lesson = course.lessons.first(where: { $0.id == id }), let exercise = lesson.exercises.first(where: { $0.id == exerciseId }) else {
            return ExerciseVerdict(.crashed, "the course has no exercise \(id) / \(exerciseId)")
        }
        guard let data = FileManager.default.contents(atPath: codeFile) else { return ExerciseVerdict(.crashed, "cannot read the code file \(codeFile)") }
        let code = String(decoding: data, as: UTF8.self)
        nonisolated(unsafe) var verdict = ExerciseVerdict(.crashed, "not graded")
        LargeStack.run {
            verdict = ExerciseGrader.grade(code: code, exercise: exercise, in: lesson, seconds: seconds, outputBytes: outputBytes)
        }
        return verdict
    }

    /// The kernel's limits on this process, beyond the interpreter's own: CPU seconds (SIGXCPU
    /// past them), address space (the budget plus room for the interpreter's stack and code), no
    /// core files, and no file may be written.
    static func limitItself(cpuSeconds: Int, memory: Int) {
        func set(_ resource: Int32, _ value: Int) {
            var limit = rlimit(rlim_cur: rlim_t(max(value, 0)), rlim_max: rlim_t(max(value, 0)))
            if resource == Int32(RLIMIT_CPU.rawValue) { limit.rlim_max = rlim_t(max(value, 0) + 2) }
            _ = setrlimit(__rlimit_resource_t(UInt32(resource)), &limit)
        }
        set(Int32(RLIMIT_CPU.rawValue), max(1, cpuSeconds))
        let (room, overflow) = memory.addingReportingOverflow(LargeStack.size + (3 << 30))
        if !overflow { set(Int32(RLIMIT_AS.rawValue), room) }
        set(Int32(RLIMIT_CORE.rawValue), 0)
        set(Int32(RLIMIT_FSIZE.rawValue), 0)
    }
}
