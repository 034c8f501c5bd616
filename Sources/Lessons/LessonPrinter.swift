import Python
import Frameworks

/// A whole lesson as one text, for a projector or a handout (`regtutor run LESSON.md`): the
/// prose, every cell with what it prints, the exercises with their starter code, and the
/// solutions gathered at the end.
public enum LessonPrinter {
    /// Runs the lesson in a fresh session and prints it all through `output`; with
    /// `solutions: false` the solutions are left out (a handout for students).
    public static func print(_ lesson: Lesson, width: Int, colors: Bool, solutions: Bool = true, output: @escaping (String) -> Void) {
        let session = Interpreter.withFrameworks()
        session.output = output
        session.terminalWidth = width
        session.colors = colors
        let runner = LessonRunner(session: session, width: width, colors: colors, output: output)
        output(runner.bold(lesson.title) + "\n\n")
        runner.show(lesson.introduction)
        for (index, step) in lesson.steps.enumerated() {
            output(runner.bold("\(index + 1). \(step.title)") + "\n\n")
            runner.show(step.blocks)
            if let exercise = step.exercise {
                if let starter = exercise.starter { output("Start from:\n" + runner.indented(starter) + "\n\n") }
                // The solution runs (quietly) so that later steps find what they build on.
                let quiet = session.output
                session.output = { _ in }
                if let starter = exercise.starter { session.run(starter) }
                session.run(exercise.solution)
                session.output = quiet
            }
        }
        let exercises = lesson.exercises
        guard !exercises.isEmpty, solutions else { return }
        output(runner.bold("Solutions") + "\n\n")
        for exercise in exercises {
            output(exercise.title + ":\n" + runner.indented(exercise.solution) + "\n\n")
        }
    }
}
