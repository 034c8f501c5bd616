import Synchronization

/// A request to stop running code: set from another thread (or a signal handler), checked by
/// the interpreter between statements and loop iterations, where it becomes a
/// `KeyboardInterrupt`. A request stays pending until it is taken, so one that arrives just
/// before a run starts stops that run.
public final class InterruptFlag: Sendable {
    @usableFromInline let flag = Atomic<Bool>(false)

    public init() {}

    /// Asks the running code to stop at its next check. Safe to call from a signal handler.
    public func request() { flag.store(true, ordering: .relaxed) }

    /// Forgets a pending request.
    public func clear() { flag.store(false, ordering: .relaxed) }

    /// True once, after a request: reading it clears it.
    public func take() -> Bool { flag.exchange(false, ordering: .relaxed) }

    /// True while a request is pending, without clearing it (inlined: the interpreter asks at
    /// every loop step).
    @inlinable public var isRequested: Bool { flag.load(ordering: .relaxed) }
}

/// The process's Ctrl-C: the REPL's SIGINT handler requests it; every session checks it too.
public enum Interrupt {
    /// The flag itself, for code that checks it often and keeps a reference to it.
    public static let flag = InterruptFlag()

    /// Asks the running code to stop at its next check. Safe to call from a signal handler.
    public static func request() { flag.request() }

    /// Forgets a pending request (the REPL does before it reads new input).
    public static func clear() { flag.clear() }

    /// True once, after a request: reading it clears it.
    public static func take() -> Bool { flag.take() }

    /// True while a request is pending, without clearing it.
    @inlinable public static var isRequested: Bool { flag.isRequested }
}
