import Common
import Foundation

/// Runs Python programs in one session whose variables persist between runs (the REPL, a
/// lesson's cells): parses the code, resolves its names, compiles it into closures and runs them.
///
/// The built-ins it knows come from a `BuiltinTable`: Python's own by default; a library (the
/// framework names) passes a table that extends it.
///
/// ```swift
/// let session = Interpreter()
/// session.output = { print($0, terminator: "") }
/// session.run("x = 2\nprint(x * 3)")   // prints 6
/// ```
public final class Interpreter {
    /// The built-in names, modules and methods this session knows.
    public let builtins: BuiltinTable
    /// Where `print` and the REPL's echo go.
    public var output: (String) -> Void = { StandardStreams.write($0, to: 1) }
    /// The module's globals: the student's variables.
    var module: ModuleNamespace
    /// How many user function calls are active; the recursion limit caps it.
    var callDepth = 0
    /// Python's default recursion limit.
    public var recursionLimit = 1000
    /// How deeply containers may nest when compared, printed or copied.
    static let maxNesting = 900
    /// When set, running past this instant raises `TimeoutError` (lesson checks use it).
    public var deadline: ContinuousClock.Instant? { didSet { hasDeadline = deadline != nil } }
    /// `deadline != nil`, kept as a plain flag: the loop checks it at every step, and reading the
    /// optional instant itself goes through the clock type's generic machinery.
    private var hasDeadline = false
    /// What the deadline is, for the `TimeoutError` message ("the check's limit of 10 s").
    public var deadlineName = "its time limit"
    /// The exceptions being handled, innermost last (for a bare `raise`).
    var handling: [PythonError] = []
    /// Counts checks so that the clock is read only every so often.
    private var checkCounter = 0
    /// Stand-in addresses for `<object at 0x...>`, the same on every run.
    private var addresses: [ObjectIdentifier: Int] = [:]
    /// State a library keeps per session (the random generator, the last figure...), by type.
    private var libraryStates: [ObjectIdentifier: AnyObject] = [:]
    /// What a library does when the session is reset (reseed, forget the last figure).
    public var resetHandlers: [(Interpreter) -> Void] = []

    /// A session with the given built-ins (Python's own by default).
    public init(builtins: BuiltinTable = .python) {
        self.builtins = builtins
        module = ModuleNamespace(builtins: builtins)
        for setUp in builtins.sessionSetUp { setUp(self) }
    }

    deinit {
        // Functions and objects that refer to each other through globals would otherwise be kept.
        module.clear()
    }

    /// What happened when a piece of code ran.
    public enum Outcome {
        case success
        /// The code could not be parsed; `report` is what Python would print.
        case syntaxError(SyntaxError, report: String)
        /// The code failed while running; `report` is the traceback.
        case failure(PythonError, report: String)

        /// True for `.success`.
        public var succeeded: Bool {
            if case .success = self { return true }
            return false
        }
    }

    /// Parses and runs `source` in this session. Errors are reported, never thrown: the caller
    /// shows the report and the session goes on with every variable kept.
    ///
    /// - Parameters:
    ///   - fileName: what tracebacks call the code (`<stdin>`, `<string>`, a path).
    ///   - interactive: echo expression values, as Python's REPL does.
    @discardableResult
    public func run(_ source: String, fileName: String = "<string>", interactive: Bool = false) -> Outcome {
        let file = SourceFile(name: fileName, text: source)
        let code: Compiler.Exec
        do {
            let program = try Parser.parse(source)
            code = try Compiler.compile(program, file: file, module: module, interactive: interactive)
        } catch let error as SyntaxError {
            return .syntaxError(error, report: file.report(error))
        } catch {
            return .syntaxError(SyntaxError("\(error)", line: 1, column: 0), report: "SyntaxError: \(error)")
        }
        return execute(code, file: file)
    }

    private func execute(_ code: Compiler.Exec, file: SourceFile) -> Outcome {
        defer {
            callDepth = 0
            handling = []
        }
        do {
            // Long kernels (a big matmul) ask this session whether to stop, between their blocks.
            let work = LongWork.Guard(stop: { [unowned self] in self.shouldStop }, check: { [unowned self] in try self.checkInterrupt() })
            _ = try LongWork.with(work) { try code(Frame(slotCount: 0, cells: [], function: nil, interpreter: self)) }
            return .success
        } catch {
            var python = PythonError(wrapping: error)
            python.frames.insert(PythonError.Frame(file: file, span: python.location ?? SourceSpan(line: 1, column: 0, endColumn: 0),
                                                   function: "<module>"), at: 0)
            return .failure(python, report: python.report)
        }
    }

    // MARK: Interrupts, time and memory

    /// This session's own stop request (a test, a grader, another thread asks through it).
    public let interruptFlag = InterruptFlag()
    /// The process's Ctrl-C flag, held here so the check at every step is one load.
    private let processInterrupt = Interrupt.flag

    /// Asks the code running in this session to stop with `KeyboardInterrupt`; safe from any thread.
    public func requestInterrupt() { interruptFlag.request() }

    /// Raises `KeyboardInterrupt` after Ctrl-C (or `requestInterrupt`), or `TimeoutError` past the deadline.
    public func checkInterrupt() throws {
        if interruptFlag.isRequested || processInterrupt.isRequested {
            if interruptFlag.take() || processInterrupt.take() { throw PythonError(.keyboardInterrupt, "") }
        }
        checkCounter &+= 1
        guard checkCounter & 255 == 0 else { return }
        if checkCounter & 4095 == 0 { try MemoryBudget.check() }
        guard hasDeadline, let deadline else { return }
        if ContinuousClock.now > deadline {
            throw PythonError(.timeoutError, "the code ran longer than \(deadlineName)")
        }
    }

    /// Runs `body` with a deadline `limit` from now, named in the `TimeoutError` it raises
    /// ("a lesson cell's limit"), then restores the deadline there was before.
    ///
    /// ```swift
    /// session.withTimeLimit(.seconds(10), named: "the check's limit") { session.run(check) }
    /// ```
    @discardableResult
    public func withTimeLimit<Result>(_ limit: Duration, named name: String, _ body: () -> Result) -> Result {
        let (savedDeadline, savedName) = (deadline, deadlineName)
        deadline = ContinuousClock.now + limit
        let seconds = limit.inSeconds
        deadlineName = name + " of " + (seconds == seconds.rounded() ? String(Int(saturating: seconds)) : String(seconds)) + (seconds == 1 ? " second" : " seconds")
        defer { (deadline, deadlineName) = (savedDeadline, savedName) }
        return body()
    }

    /// True when a stop is pending (Ctrl-C, a request, the deadline passed), without taking it.
    var shouldStop: Bool {
        interruptFlag.isRequested || Interrupt.isRequested || deadline.map { ContinuousClock.now > $0 } ?? false
    }

    /// Raises `MemoryError` when `count` things of `bytes` each (repeated `times`) would pass the
    /// session's memory budget; call it before making them.
    public func checkMemory(_ count: Int, times: Int = 1, bytes: Int = MemoryLayout<Value>.stride) throws {
        try Operators.reserve(count, times, bytes: bytes)
    }

    // MARK: Text

    /// Python's `repr(value)`.
    public func repr(_ value: Value) throws -> String { try PythonFormat.repr(value, in: self) }

    /// Python's `str(value)`.
    public func str(_ value: Value) throws -> String { try PythonFormat.str(value, in: self) }

    /// Shows an expression statement's value in the REPL, as Python's does (not None).
    func echo(_ value: Value) throws {
        if case .none = value { return }
        output(try repr(value) + "\n")
    }

    /// A stand-in for an object's address in `<... object at 0x...>`: numbered in the order
    /// objects are first shown, so the output is the same on every run.
    public func address(of object: AnyObject) -> String {
        let key = ObjectIdentifier(object)
        if addresses[key] == nil { addresses[key] = addresses.count + 1 }
        return "0x7f00" + String(format: "%08x", (addresses[key] ?? 0) * 16)
    }

    // MARK: Library state

    /// The state a library keeps in this session, made on first use.
    public func state<State: AnyObject>(_ type: State.Type, make: () -> State) -> State {
        let key = ObjectIdentifier(type)
        if let existing = libraryStates[key] as? State { return existing }
        let made = make()
        libraryStates[key] = made
        return made
    }

    // MARK: Session state

    /// Forgets every variable (the REPL's `:reset`).
    public func reset() {
        module.clear()
        module = ModuleNamespace(builtins: builtins)
        pythonRandom.seed(PythonRandom.defaultSeed)
        for handler in resetHandlers { handler(self) }
    }

    /// The student's variables in the order they were made, without modules, functions and
    /// classes unless asked: name, type and a short description (shape for tensors).
    public func variables(includeModules: Bool = false) -> [(name: String, type: String, summary: String)] {
        module.boundNames.compactMap { name in
            guard let value = module.value(of: name) else { return nil }
            if !includeModules, case .object(let object) = value, object is ModuleObject { return nil }
            return (name, value.typeName, PythonFormat.summary(value, in: self))
        }
    }

    /// A global variable's value.
    public func global(_ name: String) -> Value? { module.value(of: name) }

    /// Sets a global variable.
    public func setGlobal(_ name: String, _ value: Value) { module.bind(name, value) }

    /// Reads a global variable (for lesson checks and tests).
    public func valueDescription(of name: String) -> String? {
        guard let value = module.value(of: name) else { return nil }
        return try? repr(value)
    }

    /// True when a global variable of this name exists.
    public func hasVariable(_ name: String) -> Bool { module.value(of: name) != nil }

    /// Every name bound in the session (a lesson's check removes the helpers it made).
    public var variableNames: Set<String> { Set(module.boundNames) }

    /// Removes a name from the session, if it is there.
    public func forget(_ name: String) {
        module.unbind(name)
    }
}
