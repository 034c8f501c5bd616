import Foundation

/// Runs work on a thread whose stack is large enough for the interpreter at Python's
/// recursion limit (the main thread's 8 MB is not), and waits for it.
enum LargeStack {
    static let size = 1 << 29

    static func run(_ body: @escaping @Sendable () -> Void) {
        let done = DispatchSemaphore(value: 0)
        let thread = Thread {
            body()
            done.signal()
        }
        thread.stackSize = size
        thread.start()
        done.wait()
    }
}
