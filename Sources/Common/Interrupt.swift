import Synchronization

/// The Ctrl-C flag: set by the SIGINT handler (or a test), checked by the interpreter between
/// statements and loop iterations, where it becomes a `KeyboardInterrupt`.
public enum Interrupt {
    private static let flag = Atomic<Bool>(false)

    /// Asks the running code to stop at its next check. Safe to call from a signal handler.
    public static func request() { flag.store(true, ordering: .relaxed) }

    /// Forgets a pending request (at the prompt, Ctrl-C only clears the line).
    public static func clear() { flag.store(false, ordering: .relaxed) }

    /// True once, after a request: reading it clears it.
    public static func take() -> Bool { flag.exchange(false, ordering: .relaxed) }

    /// True while a request is pending, without clearing it.
    public static var isRequested: Bool { flag.load(ordering: .relaxed) }
}
