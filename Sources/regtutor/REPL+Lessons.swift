import Foundation
import Lessons

/// The lesson commands of the REPL: each is one call on the tutor.
extension REPL {
    static let lessonCommands: [(name: String, usage: String, help: String)] = [
        (":lessons", ":lessons", "the course: every lesson and your progress"),
        (":start", ":start N|ID", "open a lesson (resumes where you left it)"),
        (":next", ":next", "the next step (Enter on an empty line too)"),
        (":back", ":back", "the step before"),
        (":goto", ":goto N", "step N of this lesson"),
        (":again", ":again", "show and run this step again"),
        (":hint", ":hint", "a hint for this exercise, gentle first"),
        (":check", ":check", "judge your work on this exercise"),
        (":solution", ":solution", "show a reference solution"),
        (":skip", ":skip", "move on without solving this exercise"),
        (":where", ":where", "where you are in the lesson and the course"),
        (":stop", ":stop", "leave the lesson (your variables stay)"),
        (":submit", ":submit [FILE]", "write your exercises' code and results to a file to hand in"),
    ]

    /// The width and colour of the terminal, read again before each command.
    func configureTutor() {
        terminal.configure(session)
        tutor?.width = session.terminalWidth
        tutor?.colors = terminal.colors
    }

    /// Runs a lesson command; false when `name` is not one.
    func lessonCommand(_ name: String, _ argument: String) -> Bool {
        guard REPL.lessonCommands.contains(where: { $0.name == name }) else { return false }
        guard let tutor else {
            complain("No lessons were found, so \(name) has nothing to do. Start regtutor with --lessons DIR.")
            return true
        }
        configureTutor()
        switch name {
        case ":lessons": tutor.showLessons()
        case ":start": tutor.start(argument)
        case ":next": tutor.next()
        case ":back": tutor.back()
        case ":goto": tutor.goto(argument)
        case ":again": tutor.again()
        case ":hint": tutor.hint()
        case ":check": tutor.check()
        case ":solution": tutor.solution()
        case ":skip": tutor.skip()
        case ":where": tutor.whereAmI()
        case ":submit": submit(to: argument, tutor: tutor)
        default: tutor.stop()
        }
        return true
    }

    /// `:submit [FILE]`: asks for the student's name once, then writes the submission file
    /// (never over a file that is not a submission).
    func submit(to path: String, tutor: Tutor) {
        if tutor.progress.student == nil {
            guard case .line(let answer)? = editor?.readLine(prompt: "Your name or student id (asked once): "),
                  !answer.trimmingCharacters(in: .whitespaces).isEmpty else {
                complain(":submit needs your name or student id; nothing was written.")
                return
            }
            tutor.rememberStudent(answer.trimmingCharacters(in: .whitespaces))
        }
        let student = tutor.progress.student ?? "student"
        let slug = student.lowercased().map { $0.isLetter || $0.isNumber ? $0 : "-" }
        let file = path.isEmpty ? "submission-\(String(slug)).md" : path
        let target = (file as NSString).expandingTildeInPath
        if let existing = FileManager.default.contents(atPath: target), !Submission.isSubmission(String(decoding: existing, as: UTF8.self)) {
            complain(":submit: \(file) exists and is not a regtutor submission, so it is left alone: choose another name")
            return
        }
        do {
            try tutor.submission().write(toFile: target, atomically: true, encoding: .utf8)
            say("Wrote your submission to \(file): hand in that file where your course collects work.\n")
        } catch {
            complain("Could not write \(file): \(error.localizedDescription)")
        }
    }
}
