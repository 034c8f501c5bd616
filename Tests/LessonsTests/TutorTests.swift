import Foundation
import Testing
import Python
import Frameworks
@testable import Lessons

/// The tutor as the REPL drives it: steps, exercises judged only on :check, hints, progress.
struct TutorTests {
    final class Transcript: @unchecked Sendable {
        var text = ""
        func take() -> String {
            defer { text = "" }
            return text
        }
    }

    func makeTutor(store: ProgressStore? = nil) throws -> (Tutor, Transcript) {
        let transcript = Transcript()
        let session = Interpreter.withFrameworks()
        session.output = { transcript.text += $0 }
        let course = Course(directory: URL(fileURLWithPath: "/tmp"), lessons: [try Sample.lesson()])
        let tutor = Tutor(course: course, session: session, store: store) { transcript.text += $0 }
        return (tutor, transcript)
    }

    @Test func walksThroughALessonAndJudgesOnlyOnCheck() throws {
        let (tutor, transcript) = try makeTutor()
        tutor.start("1")
        var said = transcript.take()
        #expect(said.contains("Lesson 1 of 1: A sample") && said.contains("It builds on") == false)
        #expect(said.contains("The introduction.") && said.contains("── Lesson 1 of 1 · step 1 of 3 ──") && said.contains(">>> a = 2") && said.contains("\n6\n"))
        #expect(said.contains("(for reading only: not run here)\n    model.fit(x, y)"))
        tutor.next()
        said = transcript.take()
        #expect(said.contains("step 2 of 3 · exercise 1 of 1") && said.contains("Start from this") && said.contains("    b = ..."))
        // Typing code is not an answer; moving on asks for :check or :skip.
        tutor.session.run("b = a")
        tutor.next()
        #expect(transcript.take().contains("This exercise is not solved yet"))
        tutor.check()
        said = transcript.take()
        #expect(said.contains("✗ Not yet: that is a itself: multiply it by 2") && said.contains("Attempt 1. :hint gives a hint."))
        tutor.hint()
        tutor.hint()
        tutor.hint()
        said = transcript.take()
        #expect(said.contains("Hint 1 of 2: Multiply.") && said.contains("Hint 2 of 2: `b = 2 * a`") && said.contains("No more hints"))
        tutor.session.run("b = 2 * a")
        tutor.check()
        #expect(transcript.take().contains("✓ Correct. Solved 1 of 1 exercise in this lesson."))
        tutor.next()
        #expect(transcript.take().contains("done 4"))
        tutor.next()
        said = transcript.take()
        #expect(said.contains("Lesson 1 of 1 done: A sample.") && said.contains("Exercises solved: 1 of 1 (2 checks, 2 hints)"))
        #expect(said.contains("Congratulations — you have finished the whole course!"))
        #expect(tutor.lesson == nil && tutor.progress.lessons["sample"]?.completed == true)
    }

    @Test func theCodeRunForAnExerciseAndItsChecksMakeTheSubmission() throws {
        let (tutor, _) = try makeTutor()
        tutor.start("1")
        tutor.studentRan("print('before the exercise')")   // not part of any exercise
        tutor.next()
        tutor.studentRan("b = a")
        tutor.session.run("b = a")
        tutor.check()
        tutor.studentRan("b = 2 * a")
        tutor.session.run("b = 2 * a")
        tutor.check()
        let record = try #require(tutor.progress.lessons["sample"]?.exercises["double-it"])
        #expect(record.code == "b = a\n# ---- next cell ----\nb = 2 * a" && record.lastCheck == "passed" && record.attempts == 2)
        tutor.rememberStudent("Ada Lovelace")
        let text = tutor.submission(written: Date(timeIntervalSince1970: 0))
        #expect(text == """
            # regtutor submission

            - student: Ada Lovelace
            - written: 1970-01-01T00:00:00Z

            ## sample / double-it

            Double it. Checked 2 times; last check: passed

            ```python
            b = a
            # ---- next cell ----
            b = 2 * a
            ```


            """)
        #expect(Submission.isSubmission(text))
    }

    @Test func checksLeaveTheSessionAsTheyFoundIt() throws {
        let (tutor, _) = try makeTutor()
        tutor.start("sample")
        tutor.goto("2")
        tutor.session.run("b = 2 * a")
        let before = tutor.session.variableNames
        tutor.check()
        #expect(tutor.session.variableNames == before)
        #expect(Tutor.judge(try #require(tutor.course.lessons[0].exercises.first), in: Interpreter.withFrameworks()) == .failed("name 'b' is not defined — define it in the session first (see the exercise)."))
    }

    @Test func progressIsSavedAndResumed() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("regtutor-progress-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = ProgressStore(file: folder.appendingPathComponent("regtutor/progress.json"))
        do {
            let (tutor, _) = try makeTutor(store: store)
            tutor.start("1")
            tutor.next()
            tutor.check()
            tutor.hint()
        }
        let (again, transcript) = try makeTutor(store: store)
        #expect(again.progress.current == "sample" && again.progress.lessons["sample"]?.step == 1)
        #expect(again.progress.lessons["sample"]?.exercises["double-it"] == { var e = ExerciseProgress(); e.attempts = 1; e.hints = 1; e.lastCheck = "name 'b' is not defined — define it in the session first (see the exercise)."; return e }())
        #expect(again.startScreen().contains("Welcome back. :start 1 continues \"A sample\" at step 2."))
        #expect(again.lessonList().contains("step 2 of 3"))
        again.start("1")
        let said = transcript.take()
        #expect(said.contains("Welcome back: continuing at step 2 of 3."))
        // The earlier step's code ran quietly: its variable is in the new session.
        #expect(said.contains("(The code of step 1 ran quietly, so its variables are here.)") && again.session.hasVariable("a"))
        #expect(!said.contains(">>> a = 2"))
    }

    @Test func aDamagedProgressFileIsSetAsideWithAWarning() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("regtutor-damaged-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let file = folder.appendingPathComponent("progress.json")
        try "{ not json".write(to: file, atomically: true, encoding: .utf8)
        let (progress, warning) = ProgressStore(file: file).load()
        #expect(progress == Progress())
        #expect(warning?.contains("could not be read; it was kept as progress.damaged-") == true)
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        #expect(names.contains { $0.hasPrefix("progress.damaged-") } && !names.contains("progress.json"))
        // Saving afterwards writes a fresh file atomically (no temporary left behind).
        var fresh = Progress()
        fresh.current = "x"
        #expect(ProgressStore(file: file).save(fresh) == nil)
        #expect(ProgressStore(file: file).load().0.current == "x")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".tmp") }.isEmpty)
        // A tutor says it on its start screen, once.
        try "]".write(to: file, atomically: true, encoding: .utf8)
        let (tutor, _) = try makeTutor(store: ProgressStore(file: file))
        #expect(tutor.startScreen().hasPrefix("Your progress file"))
        #expect(tutor.startScreen().hasPrefix("The course"))
    }

    @Test func unknownLessonsAndMisplacedCommandsAreExplained() throws {
        let (tutor, transcript) = try makeTutor()
        tutor.start("9")
        #expect(transcript.take().contains("There is no lesson '9'."))
        tutor.next()
        tutor.check()
        #expect(transcript.take().contains("No lesson is open."))
        tutor.start("1")
        _ = transcript.take()
        tutor.check()
        tutor.hint()
        tutor.goto("7")
        let said = transcript.take()
        #expect(said.contains("there is nothing to check in this step") || said.contains("There is nothing to check"))
        #expect(said.contains("Hints belong to exercises") && said.contains("This lesson has steps 1 to 3"))
    }

    @Test func aSavedStepBeyondTheLessonIsClampedNotACrash() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("regtutor-clamp-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = ProgressStore(file: folder.appendingPathComponent("progress.json"))
        var progress = Progress()
        progress.lessons["sample", default: LessonProgress()].step = 99
        #expect(store.save(progress) == nil)
        let (tutor, transcript) = try makeTutor(store: store)
        tutor.start("1")
        #expect(transcript.take().contains("continuing at step 3 of 3"))
        progress.lessons["sample", default: LessonProgress()].step = -4
        progress.lessons["sample"]?.updated = Date().timeIntervalSince1970 + 60   // newer than the tutor's own save
        #expect(store.save(progress) == nil)
        let (other, said) = try makeTutor(store: store)
        other.start("1")
        #expect(said.take().contains("step 1 of 3"))
    }

    private func temporaryFolder(_ name: String) -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("regtutor-\(name)-\(UUID().uuidString)")
    }

    @Test func absurdSavedValuesAreClampedOnLoad() throws {
        let folder = temporaryFolder("absurd")
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let file = folder.appendingPathComponent("progress.json")
        // A hand-edited file: a huge step, negative counts, and no `updated` (older versions).
        try #"{"lessons": {"sample": {"step": 9999999999, "exercises": {"e": {"attempts": -5, "hints": 99999999999}}}}}"#
            .write(to: file, atomically: true, encoding: .utf8)
        let (progress, warning) = ProgressStore(file: file).load()
        #expect(warning == nil)
        let record = try #require(progress.lessons["sample"])
        #expect(record.step == 10_000 && record.updated == 0 && !record.completed)
        #expect(record.exercises["e"]?.attempts == 0 && record.exercises["e"]?.hints == 1_000_000)
        let (tutor, _) = try makeTutor(store: ProgressStore(file: file))
        #expect(tutor.startScreen().contains("step 3 of 3"))
    }

    @Test func twoSessionsSavingAtOnceKeepBothLessons() throws {
        let folder = temporaryFolder("merge")
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = ProgressStore(file: folder.appendingPathComponent("progress.json"))
        // Both sessions start from the same file; each then works on its own lesson.
        var first = Progress(), second = Progress()
        first.lessons["dropout", default: .init()].step = 4
        first.lessons["dropout"]?.updated = 200
        first.lessons["shared", default: .init()].step = 1
        first.lessons["shared"]?.updated = 100
        second.lessons["batch-norm", default: .init()].step = 2
        second.lessons["batch-norm"]?.updated = 300
        second.lessons["shared", default: .init()].step = 5
        second.lessons["shared"]?.updated = 400
        second.current = "batch-norm"
        #expect(store.save(first) == nil)
        #expect(store.save(second) == nil)
        let saved = store.load().0
        #expect(saved.lessons["dropout"]?.step == 4)
        #expect(saved.lessons["batch-norm"]?.step == 2)
        #expect(saved.lessons["shared"]?.step == 5)   // the newer record wins
        #expect(saved.current == "batch-norm")
        // The first session saves again without touching "shared": the newer record stays.
        #expect(store.save(first) == nil)
        #expect(store.load().0.lessons["shared"]?.step == 5)
    }

    @Test func temporaryFilesOfKilledSessionsAreRemovedAtStart() throws {
        let folder = temporaryFolder("stale")
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let stale = folder.appendingPathComponent(".progress-2147483646.tmp")   // no such process
        let live = folder.appendingPathComponent(".progress-1.tmp")             // init is running
        try Data("{}".utf8).write(to: stale)
        try Data("{}".utf8).write(to: live)
        _ = ProgressStore(file: folder.appendingPathComponent("progress.json")).load()
        #expect(!FileManager.default.fileExists(atPath: stale.path))
        #expect(FileManager.default.fileExists(atPath: live.path))
    }

    @Test func theStateFolderFollowsTheXDGSpecification() {
        #expect(StateDirectory.url(environment: ["XDG_STATE_HOME": "/s", "HOME": "/h"]).path == "/s/regtutor")
        #expect(StateDirectory.url(environment: ["HOME": "/home/ada"]).path == "/home/ada/.local/state/regtutor")
        #expect(StateDirectory.url(environment: ["XDG_STATE_HOME": "", "HOME": "/home/ada"]).path == "/home/ada/.local/state/regtutor")
        #expect(StateDirectory.url(environment: ["XDG_STATE_HOME": "relative", "HOME": "/home/ada"]).path == "/home/ada/.local/state/regtutor")
        #expect(ProgressStore.standard(environment: ["HOME": "/home/ada"]).file.path == "/home/ada/.local/state/regtutor/progress.json")
    }

    @Test func startTakesAUniqueStartOfAnIdAndNamesTheChoices() throws {
        let transcript = Transcript()
        let second = try LessonParser.parse(Sample.text.replacingOccurrences(of: "id: sample", with: "id: sampling")
            .replacingOccurrences(of: "order: 1", with: "order: 2"), file: "b.md")
        let third = try LessonParser.parse(Sample.text.replacingOccurrences(of: "id: sample", with: "other")
            .replacingOccurrences(of: "order: 1", with: "order: 3").replacingOccurrences(of: "other\n", with: "id: other\n"), file: "c.md")
        let course = Course(directory: URL(fileURLWithPath: "/tmp"), lessons: [try Sample.lesson(), second, third])
        let tutor = Tutor(course: course, session: Interpreter.withFrameworks(), store: nil) { transcript.text += $0 }
        tutor.start("samp")
        #expect(transcript.take().contains("'samp' could be sample or sampling. Type more of the id, or the number."))
        tutor.start("OTH")
        #expect(transcript.take().hasPrefix("(OTH → other)\nLesson 3 of 3"))
        tutor.start("zzz")
        #expect(transcript.take().contains("There is no lesson 'zzz'."))
        tutor.showLessons()
        #expect(transcript.take().contains("1. A sample"))
    }

    @Test func aLessonIsDoneOnceItsLastStepIsReachedWithEveryExerciseSolved() throws {
        let (tutor, _) = try makeTutor()
        tutor.start("1")
        tutor.next()
        tutor.session.run("b = 2 * a")
        tutor.check()
        tutor.next()   // the last step, then away without pressing Enter again
        tutor.stop()
        #expect(tutor.progress.lessons["sample"]?.completed == true)
    }

    @Test func againReplaysTheStepsBeforeSoTheNumbersComeBack() throws {
        let (tutor, transcript) = try makeTutor()
        tutor.start("1")
        tutor.next()
        tutor.session.run("a = 100")   // an experiment that changes what the step builds on
        tutor.again()
        let said = transcript.take()
        #expect(said.contains("(The code of step 1 ran again quietly first"))
        transcript.text = ""
        tutor.session.run("print(a)")
        #expect(transcript.take() == "2\n")
    }
}
