import Foundation

/// How long computations (a big matrix product, a long loop inside a kernel) learn that they
/// should stop: Ctrl-C, or the running session's own check (its interrupt flag, its deadline).
/// Kernels ask `shouldStop` every so often and stop early; the operation then calls
/// `checkpoint()`, which throws the session's error (KeyboardInterrupt, TimeoutError).
///
/// ```swift
/// for block in blocks { if LongWork.shouldStop { break }; ... }
/// try LongWork.checkpoint()
/// ```
public enum LongWork {
    /// What a session installs on the thread it runs code on.
    public final class Guard {
        let stop: () -> Bool
        let check: () throws -> Void
        public init(stop: @escaping () -> Bool, check: @escaping () throws -> Void) {
            self.stop = stop
            self.check = check
        }
    }

    private static let key = "regtutor.LongWork.guard"

    /// Runs `body` with `guard` answering for this thread.
    public static func with<T>(_ guard: Guard, _ body: () throws -> T) rethrows -> T {
        let dictionary = Thread.current.threadDictionary
        let previous = dictionary[key]
        dictionary[key] = `guard`
        defer { dictionary[key] = previous }
        return try body()
    }

    private static var current: Guard? { Thread.current.threadDictionary[key] as? Guard }

    /// True when the work should stop as soon as it can.
    public static var shouldStop: Bool { Interrupt.isRequested || (current?.stop() ?? false) }

    /// Throws the reason to stop, if there is one (after a kernel stopped early).
    public static func checkpoint() throws {
        if let current { try current.check() }
        if Interrupt.isRequested { throw Interrupted() }
    }

    /// Work stopped by Ctrl-C where no session says what that means.
    public struct Interrupted: Error {}
}
