import Foundation

/// What calling a function with `yield` in it returns: the function's body, run a piece at a
/// time. `next()` runs it up to its next `yield` and returns the value; the body keeps its
/// place (its frame, its loops, its `try` blocks) until it is asked again.
///
/// The body runs on a thread of its own, and only one side runs at a time: the caller waits
/// while the body runs, the body waits at `yield` while the caller runs. A generator that is
/// dropped before it finishes is closed: `GeneratorExit` is raised at its `yield`, so its
/// `finally` blocks run, as in Python.
///
/// ```python
/// def batches(n):
///     for i in range(0, n, 2):
///         yield i
/// list(batches(5))   # [0, 2, 4]
/// ```
public final class GeneratorObject: PythonObject {
    private let channel: GeneratorChannel
    private let name: String

    init(function: FunctionObject, frame: Frame) {
        name = function.code.name
        channel = GeneratorChannel(function: function, frame: frame)
        frame.generator = channel
    }

    deinit { channel.close() }

    public var typeName: String { "generator" }

    public func repr(in interpreter: Interpreter) throws -> String {
        "<generator object \(name) at \(interpreter.address(of: self))>"
    }

    public func makeIterator(in interpreter: Interpreter) throws -> ValueIterator? {
        ValueIterator(typeName: "generator") { [self] in try resume(.value(.none)) }
    }

    /// Runs the body to its next `yield`: the value yielded, or nil when the body has returned.
    func resume(_ input: GeneratorChannel.Input) throws -> Value? {
        try channel.resume(input)
    }

    public func attribute(_ name: String, in interpreter: Interpreter) throws -> Value? {
        let method: (BoundArguments) throws -> Value
        switch name {
        case "send":
            method = { [self] a in
                guard let value = try resume(.value(a["value"])) else { throw PythonError(.stopIteration, "") }
                return value
            }
        case "close":
            method = { [self] _ in
                channel.close()
                return .none
            }
        case "throw":
            method = { [self] a in
                let error = try interpreter.exception(from: a["value"])
                guard let value = try resume(.raise(error)) else { throw PythonError(.stopIteration, "") }
                return value
            }
        case "__next__":
            method = { [self] _ in
                guard let value = try resume(.value(.none)) else { throw PythonError(.stopIteration, "") }
                return value
            }
        default:
            return nil
        }
        let signature = name == "send" ? "send(value)" : name == "throw" ? "throw(value)" : "\(name)()"
        return .object(Builtin("generator", signature, doc: "The generator's \(name).") { a, _ in try method(a) })
    }

    public var attributeNames: [String] { ["send", "close", "throw"] }
}

/// The hand-over point between a generator's body (on its own thread) and the code that asks
/// it for values. Every exchange is a pair of semaphore signals, so exactly one side runs.
final class GeneratorChannel: @unchecked Sendable {
    /// What the caller passes in: a value for `send` (None for `next`), an error to raise at
    /// the `yield`, or a request to finish.
    enum Input {
        case value(Value)
        case raise(PythonError)
        case close
    }

    /// What the body hands back: a yielded value, its end, or the error that ended it.
    private enum Output {
        case yielded(Value)
        case finished
        case failed(Error)
    }

    private enum State { case notStarted, suspended, running, finished }

    private let function: FunctionObject
    private let frame: Frame
    private var state = State.notStarted
    private var input = Input.value(.none)
    private var output = Output.finished
    private let toBody = DispatchSemaphore(value: 0)
    private let toCaller = DispatchSemaphore(value: 0)
    /// Room for the body's calls, as deep as the recursion limit allows.
    private static let stackSize = 1 << 26

    init(function: FunctionObject, frame: Frame) {
        self.function = function
        self.frame = frame
    }

    /// The caller's side: runs the body until it yields, returns or fails.
    func resume(_ given: Input) throws -> Value? {
        switch state {
        case .finished:
            if case .raise(let error) = given { throw error }
            return nil
        case .running:
            throw PythonError(.valueError, "generator already executing")
        case .notStarted:
            if case .value(let value) = given, !value.isNone {
                throw PythonError(.typeError, "can't send non-None value to a just-started generator")
            }
            if case .close = given {
                state = .finished
                return nil
            }
            if case .raise(let error) = given {
                state = .finished
                throw error
            }
            state = .running
            input = given
            start()
        case .suspended:
            state = .running
            input = given
            toBody.signal()
        }
        toCaller.wait()
        switch output {
        case .yielded(let value):
            state = .suspended
            return value
        case .finished:
            state = .finished
            return nil
        case .failed(let error):
            state = .finished
            throw error
        }
    }

    /// Ends a suspended generator: `GeneratorExit` at its `yield`, so its `finally` blocks run.
    func close() {
        guard state == .suspended else {
            if state == .notStarted { state = .finished }
            return
        }
        _ = try? resume(.close)
    }

    /// The body's side of `yield`: hands `value` over and waits to be resumed.
    func yield(_ value: Value) throws -> Value {
        output = .yielded(value)
        toCaller.signal()
        toBody.wait()
        switch input {
        case .value(let sent): return sent
        case .raise(let error): throw error
        case .close: throw PythonError(.generatorExit, "")
        }
    }

    private func start() {
        let thread = Thread { [self] in
            var blocked = sigset_t()
            sigemptyset(&blocked)
            sigaddset(&blocked, SIGINT)
            // Ctrl-C belongs to the thread that reads the prompt.
            pthread_sigmask(SIG_BLOCK, &blocked, nil)
            run()
        }
        thread.stackSize = GeneratorChannel.stackSize
        thread.start()
    }

    private func run() {
        let code = function.code
        do {
            _ = try code.body(frame)
            output = .finished
        } catch {
            var python = PythonError(wrapping: error)
            if python.matches(.generatorExit), case .close = input {
                output = .finished
            } else {
                if python.matches(.stopIteration) {
                    python = PythonError(.runtimeError, "generator raised StopIteration")
                }
                python.frames.insert(PythonError.Frame(file: code.file, span: python.location ?? code.span, function: code.name), at: 0)
                python.location = nil
                output = .failed(python)
            }
        }
        toCaller.signal()
    }
}
