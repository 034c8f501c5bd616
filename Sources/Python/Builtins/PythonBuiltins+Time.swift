import Common
import Foundation

/// The `time` module: clocks for timing code (`time.perf_counter()`), and `sleep`, which Ctrl-C
/// and time limits interrupt like any loop.
extension PythonBuiltins {
    /// The origin of `perf_counter` and `monotonic`: the first time either is asked.
    private static let clockOrigin = ContinuousClock.now

    static func timeFunctions() -> [Builtin] {
        [
            Builtin("time", "time()", doc: "Seconds since 1 January 1970 (UTC), as a float.", example: "start = time.time()") { _, _ in
                .float(Date().timeIntervalSince1970)
            },
            Builtin("time", "perf_counter()", doc: "A clock for timing code: only differences between two readings mean something.",
                    example: "t = time.perf_counter()\nmodel(x)\nprint(time.perf_counter() - t, 'seconds')") { _, _ in .float(elapsed()) },
            Builtin("time", "monotonic()", doc: "A clock that never goes back: only differences mean something.",
                    example: "time.monotonic()") { _, _ in .float(elapsed()) },
            Builtin("time", "sleep(secs, /)", doc: "Waits `secs` seconds; Ctrl-C and time limits stop it as they stop a loop.",
                    example: "time.sleep(0.1)") { a, interpreter in
                let length = try a.double("secs")
                guard !length.isNaN else { throw PythonError(.valueError, "Invalid value NaN (not a number)") }
                guard length >= 0 else { throw PythonError(.valueError, "sleep length must be non-negative") }
                guard length <= 1e9 else { throw PythonError(.overflowError, "sleep length is too large") }
                let end = ContinuousClock.now + .milliseconds(Int(saturating: length * 1000))
                while ContinuousClock.now < end {
                    try interpreter.checkInterrupt()
                    if let deadline = interpreter.deadline, ContinuousClock.now > deadline {
                        throw PythonError(.timeoutError, "the code ran longer than \(interpreter.deadlineName)")
                    }
                    Thread.sleep(forTimeInterval: min(0.01, max(0, (end - ContinuousClock.now).inSeconds)))
                }
                return .none
            },
        ]
    }

    private static func elapsed() -> Double { (ContinuousClock.now - clockOrigin).inSeconds }
}
