import Foundation
import Python
import Frameworks

/// The guided course in a REPL session: which lesson and step the student is at, what each
/// command does (`:start`, `:next`, `:check`, `:hint`...), and the progress saved as they go.
/// The student's own code runs in the same session between steps; nothing they type is taken
/// as an answer until they ask with `:check`.
///
/// ```swift
/// let tutor = Tutor(course: course, session: session, store: .standard()) { print($0, terminator: "") }
/// tutor.start("dropout")
/// tutor.next()
/// ```
public final class Tutor {
    /// The lessons.
    public let course: Course
    /// The student's session: lesson code and their own run here.
    public let session: Interpreter
    /// What the student has done (saved after every change).
    public private(set) var progress: Progress
    let store: ProgressStore?
    /// Everything the tutor says goes here.
    public var output: (String) -> Void
    /// The terminal width prose is wrapped to.
    public var width = 80
    /// Whether to colour the output.
    public var colors = false
    /// The lesson being followed, nil between lessons.
    public private(set) var lesson: Lesson?
    /// The step shown (0-based).
    public private(set) var stepIndex = 0
    /// How many hints of the current exercise were shown in this visit.
    private var hintsShown = 0
    /// The last step whose code has run in this session (-1: none), so that resuming or jumping
    /// ahead first runs the steps before, and their variables are there.
    private var ranThrough = -1

    /// A tutor for `course`, resuming the progress in `store`.
    public init(course: Course, session: Interpreter, store: ProgressStore?, output: @escaping (String) -> Void) {
        self.course = course
        self.session = session
        self.store = store
        self.output = output
        let (loaded, warning) = store?.load() ?? (Progress(), nil)
        progress = loaded
        pendingWarning = warning
    }

    /// A problem met while loading progress, said once with the first thing the tutor shows.
    private var pendingWarning: String?

    func takeWarning() -> String {
        defer { pendingWarning = nil }
        return pendingWarning.map { red($0) + "\n\n" } ?? ""
    }

    /// Says a message, fitted to the terminal's width at word boundaries.
    func say(_ text: String) { output(LessonText.fit(text, width: width)) }

    var runner: LessonRunner { LessonRunner(session: session, width: width, colors: colors, output: output) }
    func dim(_ text: String) -> String { colors ? "\u{1B}[2m" + text + "\u{1B}[0m" : text }
    func bold(_ text: String) -> String { colors ? "\u{1B}[1m" + text + "\u{1B}[0m" : text }
    func green(_ text: String) -> String { colors ? "\u{1B}[32m" + text + "\u{1B}[0m" : text }
    func red(_ text: String) -> String { colors ? "\u{1B}[31m" + text + "\u{1B}[0m" : text }

    var step: Step? { lesson.map { $0.steps[stepIndex] } }
    var exercise: Exercise? { step?.exercise }

    func record(_ change: (inout LessonProgress) -> Void) {
        guard let lesson else { return }
        change(&progress.lessons[lesson.id, default: LessonProgress()])
        progress.lessons[lesson.id]?.updated = Date().timeIntervalSince1970
        save()
    }

    func save() {
        if let problem = store?.save(progress) { say(red(problem) + "\n") }
    }

    // MARK: The course

    /// One line per lesson: done, in progress at step k of n, or not started.
    public func lessonList() -> String {
        var lines: [String] = []
        for (index, lesson) in course.lessons.enumerated() {
            let record = progress.lessons[lesson.id]
            let state: String
            if record?.completed == true {
                state = green("done")
            } else if let record, record.step > 0 || !record.exercises.isEmpty {
                state = "step \(min(record.step, lesson.steps.count - 1) + 1) of \(lesson.steps.count)"
            } else {
                state = dim("not started")
            }
            let number = String(index + 1).leftPadded(2)
            // The title column gives way on a narrow terminal, so that each lesson stays one line;
            // below 72 columns the id goes under the title.
            let idWidth = course.lessons.map(\.id.count).max() ?? 0
            let wide = width >= 72
            let titleWidth = max(12, min(34, width - 30 - (wide ? idWidth + 2 : 0)))
            let title = lesson.title.count > titleWidth ? String(lesson.title.prefix(titleWidth - 1)) + "…" : lesson.title
            let id = wide ? "  " + dim(lesson.id.padding(toLength: idWidth, withPad: " ", startingAt: 0)) : ""
            lines.append("  \(number). \(title.padding(toLength: titleWidth, withPad: " ", startingAt: 0))\(id) \(String(lesson.minutes).leftPadded(3)) min   \(state)")
            if !wide { lines.append("      " + dim(lesson.id)) }
        }
        return lines.joined(separator: "\n")
    }

    var completedCount: Int { course.lessons.filter { progress.lessons[$0.id]?.completed == true }.count }

    /// What a student sees first: the course, their progress and how to begin.
    public func startScreen() -> String {
        var text = takeWarning() + bold("The course") + " — \(completedCount) of \(LessonText.count(course.lessons.count, "lesson")) done\n" + lessonList() + "\n\n"
        if let current = progress.current, let lesson = course.lesson(current), progress.lessons[current]?.completed != true {
            text += "Welcome back. :start \(course.number(of: lesson)) continues \"\(lesson.title)\" at step \(min(progress.lessons[current]?.step ?? 0, lesson.steps.count - 1) + 1)."
        } else if let next = course.lessons.first(where: { progress.lessons[$0.id]?.completed != true }) {
            text += ":start \(course.number(of: next)) begins \"\(next.title)\"."
        } else {
            text += "You have done the whole course. :start N opens any lesson again."
        }
        return text + "\nOr just type Python (start with import torch). :help lists the commands.\n"
    }

    /// Prints the lessons with progress (`:lessons`).
    public func showLessons() {
        say(bold("Lessons") + " — \(completedCount) of \(LessonText.count(course.lessons.count, "lesson")) done\n" + lessonList() + "\n")
    }

    /// Opens a lesson by number or id, resuming where the student left it.
    public func start(_ reference: String) {
        say(takeWarning())
        guard !reference.isEmpty else {
            say("Which lesson? :start N or :start ID, for example :start 1.\n" + lessonList() + "\n")
            return
        }
        let found: Lesson
        switch course.lookUp(reference) {
        case .found(let lesson, let expanded):
            found = lesson
            if expanded { say(dim("(\(reference) → \(lesson.id))") + "\n") }
        case .ambiguous(let choices):
            say(red("'\(reference)' could be " + choices.map(\.id).joined(separator: " or ") + ".") + " Type more of the id, or the number.\n")
            return
        case .none:
            say(red("There is no lesson '\(reference)'.") + " The lessons are (:start takes the number, the id or its start):\n" + lessonList() + "\n")
            return
        }
        lesson = found
        ranThrough = -1
        progress.current = found.id
        let record = progress.lessons[found.id] ?? LessonProgress()
        progress.lessons[found.id] = record
        save()
        let missing = found.prerequisites.filter { progress.lessons[$0]?.completed != true }.compactMap { course.lesson($0)?.title }
        say(bold("Lesson \(course.number(of: found)) of \(course.lessons.count): \(found.title)") + "\n"
            + dim("About \(found.minutes) minutes: \(LessonText.count(found.steps.count, "step")), \(LessonText.count(found.exercises.count, "exercise")).") + "\n")
        if !missing.isEmpty { say(dim("It builds on " + missing.joined(separator: ", ") + "; you can still go on.") + "\n") }
        // A saved step from an older version of the lesson may no longer exist.
        let saved = max(0, min(record.step, found.steps.count - 1))
        if record.completed || saved == 0 {
            say("\n")
            runner.show(found.introduction)
            show(step: 0)
        } else {
            say(dim("Welcome back: continuing at step \(saved + 1) of \(found.steps.count). :goto 1 starts from the beginning.") + "\n\n")
            show(step: saved)
        }
    }

    // MARK: Steps

    /// Shows step `index`: its heading, prose and cells (run now), and what to do next.
    func show(step index: Int) {
        guard let lesson else { return }
        catchUp(to: index)
        stepIndex = index
        hintsShown = 0
        record { $0.step = index }
        markDoneIfFinished()
        let step = lesson.steps[index]
        let exerciseNumber = step.exercise.flatMap { exercise in lesson.exercises.firstIndex { $0.id == exercise.id } }
        let title = "Lesson \(course.number(of: lesson)) of \(course.lessons.count) · step \(index + 1) of \(lesson.steps.count)"
            + (exerciseNumber.map { " · exercise \($0 + 1) of \(lesson.exercises.count)" } ?? "")
        say(dim("── " + title + " ──") + "\n" + bold(step.title) + "\n\n")
        runner.show(step.blocks)
        if let exercise = step.exercise {
            if let starter = exercise.starter {
                say("Start from this (type or paste it, then change it):\n" + runner.indented(starter) + "\n\n")
            }
            let done = progress.lessons[lesson.id]?.exercises[exercise.id]?.done == true
            say(dim(done ? "You have solved this one already. :check again, or Enter to go on."
                : "Work in the session, then :check. :hint for a hint (\(exercise.hints.count) available), :solution shows an answer, :skip moves on.") + "\n")
        } else if index + 1 < lesson.steps.count {
            say(dim("Enter: step \(index + 2) of \(lesson.steps.count) · :back · :again · :stop · or experiment first.") + "\n")
        } else {
            say(dim("Enter or :next to finish the lesson.") + "\n")
        }
    }

    /// Runs, without showing them, the cells of the steps before `index` that have not run in
    /// this session yet.
    func catchUp(to index: Int) {
        guard let lesson, ranThrough < index - 1 else {
            ranThrough = max(ranThrough, index)
            return
        }
        let skipped = (ranThrough + 1)..<index
        let quiet = session.output
        session.output = { _ in }
        for step in lesson.steps[skipped] {
            for case .cell(let cell) in step.blocks {
                session.withTimeLimit(LessonRunner.cellTimeLimit, named: "a lesson cell's limit") { session.run(cell.source, fileName: "<lesson>") }
            }
        }
        session.output = quiet
        let range = skipped.count == 1 ? "step \(skipped.lowerBound + 1)" : "steps \(skipped.lowerBound + 1)–\(skipped.upperBound)"
        say(dim(replaying
            ? "(The code of \(range) ran again quietly first, so this step starts as it did the first time: the same random numbers, fresh models, no gradients left over.)"
            : "(The code of \(range) ran quietly, so its variables are here.)") + "\n")
        ranThrough = index
    }

    /// A lesson is done once its last step is reached with every exercise solved, even if the
    /// student then moves elsewhere instead of pressing Enter at the end.
    func markDoneIfFinished() {
        guard let lesson, stepIndex == lesson.steps.count - 1 else { return }
        let record = progress.lessons[lesson.id]
        guard record?.completed != true, lesson.exercises.allSatisfy({ record?.exercises[$0.id]?.done == true }) else { return }
        self.record { $0.completed = true }
    }

    /// The next step, or the lesson's end. An exercise not yet solved asks for :check or :skip.
    public func next() {
        guard let lesson, let step else { return noLesson() }
        if let exercise = step.exercise, progress.lessons[lesson.id]?.exercises[exercise.id]?.done != true {
            say("This exercise is not solved yet: :check to have your work judged, :hint for help, or :skip to move on without it.\n")
            return
        }
        advance()
    }

    func advance() {
        guard let lesson else { return }
        if stepIndex + 1 < lesson.steps.count {
            show(step: stepIndex + 1)
        } else {
            finish()
        }
    }

    /// The step before (`:back`).
    public func back() {
        guard lesson != nil else { return noLesson() }
        guard stepIndex > 0 else {
            say("This is the first step.\n")
            return
        }
        show(step: stepIndex - 1)
    }

    /// Step N of the lesson (`:goto N`).
    public func goto(_ argument: String) {
        guard let lesson else { return noLesson() }
        guard let number = Int(argument), number >= 1, number <= lesson.steps.count else {
            say("This lesson has steps 1 to \(lesson.steps.count): :goto N.\n")
            return
        }
        show(step: number - 1)
    }

    /// Shows the current step again, running its cells again from the state they first ran in:
    /// the steps before it run again quietly first, so the random generators, the models and
    /// their gradients are as they were, not as the student's experiments left them.
    public func again() {
        guard lesson != nil else { return noLesson() }
        if stepIndex > 0 {
            ranThrough = -1
            replaying = true
        }
        show(step: stepIndex)
        replaying = false
    }

    /// True while `again` replays the steps before the current one.
    private var replaying = false

    /// Where the student is in the lesson and the course (`:where`).
    public func whereAmI() {
        guard let lesson else {
            say("No lesson open (\(completedCount) of \(course.lessons.count) done). :lessons lists them, :start N opens one.\n")
            return
        }
        let done = lesson.exercises.filter { progress.lessons[lesson.id]?.exercises[$0.id]?.done == true }.count
        say("Lesson \(course.number(of: lesson)) of \(course.lessons.count) (\(lesson.title)), step \(stepIndex + 1) of \(lesson.steps.count): \(lesson.steps[stepIndex].title). "
            + "Exercises done: \(done) of \(lesson.exercises.count). Course: \(completedCount) of \(LessonText.count(course.lessons.count, "lesson")) done.\n")
    }

    /// Leaves the lesson; the variables stay, and :start resumes at this step.
    public func stop() {
        guard let lesson else { return noLesson() }
        say("Left \"\(lesson.title)\" at step \(stepIndex + 1) of \(lesson.steps.count); your variables stay. :start \(course.number(of: lesson)) comes back here.\n")
        self.lesson = nil
    }

    func noLesson() {
        say("No lesson is open. :lessons lists them, :start N opens one.\n")
    }

    // MARK: Exercises

    /// The next hint of the exercise (`:hint`).
    public func hint() {
        guard let lesson, let exercise else {
            say(lesson == nil ? "No lesson is open.\n" : "Hints belong to exercises; this step has none.\n")
            return
        }
        guard hintsShown < exercise.hints.count else {
            say(exercise.hints.isEmpty ? "This exercise has no hints. :solution shows an answer.\n" : "No more hints. :solution shows a reference solution.\n")
            return
        }
        hintsShown += 1
        record { $0.exercises[exercise.id, default: ExerciseProgress()].hints = max($0.exercises[exercise.id]?.hints ?? 0, hintsShown) }
        say(bold("Hint \(hintsShown) of \(exercise.hints.count): ") + LessonText.render(exercise.hints[hintsShown - 1], width: width, colors: colors) + "\n")
        _ = lesson
    }

    /// The exercise's reference solution (`:solution`).
    public func solution() {
        guard let exercise else {
            say(lesson == nil ? "No lesson is open.\n" : "This step is not an exercise.\n")
            return
        }
        say("One solution (type it in, or your own, then :check):\n" + runner.indented(exercise.solution) + "\n")
    }

    /// Moves on without solving the exercise (`:skip`).
    public func skip() {
        guard lesson != nil else { return noLesson() }
        if exercise == nil {
            say(dim("(Nothing to skip here: moving on.)") + "\n")
        }
        advance()
    }

    /// Remembers the student's name or id for submissions (asked once, kept with the progress).
    public func rememberStudent(_ name: String) {
        progress.student = name
        save()
    }

    /// The submission file's text: every exercise worked on (in one lesson, or all).
    public func submission(lesson: String? = nil, written: Date = Date()) -> String {
        Submission.markdown(progress, course: course, student: progress.student ?? "unnamed", lesson: lesson, written: written)
    }

    /// Keeps a cell the student ran for the open exercise (the REPL calls it for each cell).
    public func studentRan(_ cell: String) {
        guard let exercise, !cell.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { return }
        record { $0.exercises[exercise.id, default: ExerciseProgress()].remember(cell) }
    }

    /// Judges the exercise against the session as it is now.
    public func check() {
        guard let lesson, let exercise else {
            say(lesson == nil ? "No lesson is open.\n" : "There is nothing to check in this step; :check belongs to exercises.\n")
            return
        }
        let result = Tutor.judge(exercise, in: session)
        record { $0.exercises[exercise.id, default: ExerciseProgress()].attempts += 1 }
        switch result {
        case .passed:
            record {
                $0.exercises[exercise.id, default: ExerciseProgress()].done = true
                $0.exercises[exercise.id]?.lastCheck = "passed"
            }
            markDoneIfFinished()
            let done = lesson.exercises.filter { progress.lessons[lesson.id]?.exercises[$0.id]?.done == true }.count
            say(green("✓ Correct.") + " Solved \(done) of \(LessonText.count(lesson.exercises.count, "exercise")) in this lesson. Enter goes on.\n")
        case .failed(let message):
            record { $0.exercises[exercise.id, default: ExerciseProgress()].lastCheck = message }
            let attempts = progress.lessons[lesson.id]?.exercises[exercise.id]?.attempts ?? 1
            let help = hintsShown < exercise.hints.count ? " :hint gives a hint." : " :solution shows one answer."
            say(red("✗ Not yet: ") + message + "\n" + dim("Attempt \(attempts).\(help)") + "\n")
        }
    }

    /// What a check found.
    public enum Verdict: Equatable {
        case passed
        case failed(String)
    }

    /// Runs an exercise's check in `session`, quietly, then removes the names the check made.
    public static func judge(_ exercise: Exercise, in session: Interpreter) -> Verdict {
        judge(check: exercise.check, in: session)
    }

    /// Runs `check` (an exercise's check or its hidden grading check) in `session`; the names it
    /// defines are forgotten afterwards, and what it prints is not shown.
    public static func judge(check: String, in session: Interpreter) -> Verdict {
        let before = session.variableNames
        let output = session.output
        var printed = ""
        session.output = { printed += $0 }
        defer {
            session.output = output
            for name in session.variableNames.subtracting(before) { session.forget(name) }
        }
        let outcome = session.withTimeLimit(.seconds(10), named: "the check's limit") { session.run(check, fileName: "<check>") }
        switch outcome {
        case .success:
            return .passed
        case .syntaxError(_, let report):
            return .failed("the check itself does not parse (a mistake in the lesson): " + (report.split(separator: "\n").last.map(String.init) ?? report))
        case .failure(let error, _):
            if error.kind == .assertionError { return .failed(error.message.isEmpty ? "the check did not pass." : error.message) }
            if error.kind == .nameError {
                // Python's "Did you mean: 'map'?" names the check's own built-ins, not the student's work.
                let message = error.message.components(separatedBy: ". Did you mean").first ?? error.message
                return .failed(message + " — define it in the session first (see the exercise).")
            }
            return .failed("\(error.kind.rawValue): \(error.message)")
        }
    }

    // MARK: Endings

    func finish() {
        guard let lesson else { return }
        record { $0.completed = true; $0.step = 0 }
        let exercises = lesson.exercises
        let record = progress.lessons[lesson.id] ?? LessonProgress()
        let done = exercises.filter { record.exercises[$0.id]?.done == true }.count
        let hints = exercises.reduce(0) { $0 + (record.exercises[$1.id]?.hints ?? 0) }
        let attempts = exercises.reduce(0) { $0 + (record.exercises[$1.id]?.attempts ?? 0) }
        say(green(bold("Lesson \(course.number(of: lesson)) of \(course.lessons.count) done: \(lesson.title).")) + "\n")
        say("Exercises solved: \(done) of \(exercises.count) (\(LessonText.count(attempts, "check")), \(LessonText.count(hints, "hint"))). Course: \(completedCount) of \(LessonText.count(course.lessons.count, "lesson")) done.\n")
        if done == exercises.count { say("Well done!\n") } else { say(dim("Skipped exercises wait for you: :start \(course.number(of: lesson)) and :goto to them.") + "\n") }
        progress.current = nil
        save()
        self.lesson = nil
        if completedCount == course.lessons.count {
            say(green(bold("Congratulations — you have finished the whole course!")) + " Any lesson opens again with :start N.\n")
        } else if let next = course.lessons.first(where: { progress.lessons[$0.id]?.completed != true }) {
            say(":start \(course.number(of: next)) opens \"\(next.title)\".\n")
        }
    }
}

extension String {
    func leftPadded(_ width: Int) -> String { count >= width ? self : String(repeating: " ", count: width - count) + self }
}
