import ArgumentParser
import Foundation
import Lessons

/// `regtutor submit`: writes the submission file from the saved progress, as `:submit` does.
struct SubmitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "submit",
        abstract: "Write your exercises' code and check results to a Markdown file to hand in.")

    @Option(name: .customLong("lesson"), help: "Only this lesson (its id or number).")
    var lesson: String?

    @Option(name: .customLong("out"), help: "The file to write (default: submission-NAME.md).")
    var out: String?

    @Option(name: .customLong("name"), help: "Your name or student id (remembered; asked by :submit otherwise).")
    var name: String?

    @OptionGroup var course: CourseOption
    var lessons: String? { course.lessons }

    func run() throws {
        let (loaded, problem) = CourseLoader.load(lessons)
        guard let course = loaded else {
            Terminal.writeError("regtutor submit: \(problem ?? "no course")\n")
            throw ExitCode(2)
        }
        let store = ProgressStore.standard()
        var (progress, warning) = store.load()
        if let warning { Terminal.writeError(warning + "\n") }
        if let name, !name.trimmingCharacters(in: .whitespaces).isEmpty {
            progress.student = name.trimmingCharacters(in: .whitespaces)
            if let problem = store.save(progress) { Terminal.writeError(problem + "\n") }
        }
        guard let student = progress.student else {
            Terminal.writeError("regtutor submit: give your name or student id once with --name NAME\n")
            throw ExitCode(2)
        }
        let lessonId = try lesson.map { reference in
            guard let found = course.lesson(reference) else { throw ValidationError("there is no lesson '\(reference)' in the course") }
            return found.id
        }
        let file = out ?? "submission-\(String(student.lowercased().map { $0.isLetter || $0.isNumber ? $0 : "-" })).md"
        if let existing = FileManager.default.contents(atPath: file), !Submission.isSubmission(String(decoding: existing, as: UTF8.self)) {
            Terminal.writeError("regtutor submit: \(file) exists and is not a regtutor submission, so it is left alone: choose another --out\n")
            throw ExitCode(1)
        }
        let text = Submission.markdown(progress, course: course, student: student, lesson: lessonId, written: Date())
        do {
            try text.write(toFile: file, atomically: true, encoding: .utf8)
        } catch {
            Terminal.writeError("regtutor submit: cannot write \(file): \(error.localizedDescription)\n")
            throw ExitCode(1)
        }
        Terminal.writeOut("Wrote \(file). Hand in that file where your course collects work.\n")
    }
}
