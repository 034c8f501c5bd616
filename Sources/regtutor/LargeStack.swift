import Foundation

/// Runs work on a thread whose stack is large enough for the interpreter at Python's
/// recursion limit (the main thread's 8 MB is not), and waits for it.
///
/// Ctrl-C (SIGINT) is blocked on every other thread, so it is delivered to this one: a read at
/// the prompt is interrupted and the interpreter sees its flag.
enum LargeStack {
    static let size = 1 << 29

    static func run(_ body: @escaping @Sendable () -> Void) {
        var interrupt = sigset_t()
        sigemptyset(&interrupt)
        sigaddset(&interrupt, SIGINT)
        pthread_sigmask(SIG_BLOCK, &interrupt, nil)
        let done = DispatchSemaphore(value: 0)
        let thread = Thread {
            var unblock = sigset_t()
            sigemptyset(&unblock)
            sigaddset(&unblock, SIGINT)
            pthread_sigmask(SIG_UNBLOCK, &unblock, nil)
            body()
            done.signal()
        }
        thread.stackSize = size
        thread.start()
        done.wait()
    }
}
