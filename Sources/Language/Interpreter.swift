import Foundation
import Plotting
import Regularization
import TensorEngine

/// Runs regtutor programs: walks the syntax tree, statement by statement, in one session whose
/// variables persist between runs (the REPL, a lesson's cells).
///
/// ```swift
/// let session = Interpreter()
/// session.output = { print($0, terminator: "") }
/// session.run("x = 2\nprint(x * 3)")   // prints 6
/// ```
public final class Interpreter {
    /// Where `print` and the REPL's echo go.
    public var output: (String) -> Void = { FileHandle.standardOutput.write(Data($0.utf8)) }
    /// The module scope: the student's variables.
    var globals: Environment
    /// PyTorch's default generator (`torch.manual_seed` reseeds it).
    public let generator = RandomGenerator()
    /// How many user function calls are active; Python's recursion limit caps it.
    var callDepth = 0
    /// Python's default recursion limit.
    static let maxCallDepth = 1000
    /// When set, running past this instant raises `TimeoutError` (lesson checks use it).
    public var deadline: ContinuousClock.Instant?
    /// Echo the value of expression statements (the REPL does; scripts don't).
    var echoExpressions = false
    /// How wide pictures may be drawn (the terminal's columns; 80 when unknown).
    public var terminalWidth = 80
    /// Whether pictures may use colour (escape codes).
    public var colors = false
    /// The last picture drawn, for `:savefig`.
    public internal(set) var lastFigure: Figure?
    /// The worked example being written by `trace(...)`: techniques record their steps into it.
    var activeTrace: Trace?
    /// Counts checks so that the clock is read only every so often.
    private var checkCounter = 0

    public init() {
        globals = Environment.module()
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
        let program: [Stmt]
        do {
            program = try Parser.parse(source)
        } catch let error as SyntaxError {
            return .syntaxError(error, report: file.report(error))
        } catch {
            return .syntaxError(SyntaxError("\(error)", line: 1, column: 0), report: "SyntaxError: \(error)")
        }
        return execute(program, file: file, interactive: interactive)
    }

    /// Runs statements that were already parsed from `file`.
    func execute(_ program: [Stmt], file: SourceFile, interactive: Bool) -> Outcome {
        echoExpressions = interactive
        currentFile = file
        Interrupt.clear()
        defer {
            echoExpressions = false
            callDepth = 0
        }
        do {
            for statement in program {
                _ = try execute(statement, in: globals)
            }
            return .success
        } catch var error as PythonError {
            error.frames.insert(PythonError.Frame(file: file, span: error.location ?? SourceSpan(line: 1, column: 0, endColumn: 0),
                                                  function: "<module>"), at: 0)
            return .failure(error, report: error.report)
        } catch {
            let wrapped = PythonError(.runtimeError, "\(error)")
            return .failure(wrapped, report: wrapped.report)
        }
    }

    /// The file whose code is running, for the functions it defines.
    var currentFile = SourceFile(name: "<string>", text: "")

    // MARK: Interrupts, time and recursion

    /// Raises `KeyboardInterrupt` after Ctrl-C, or `TimeoutError` past the deadline.
    func checkInterrupt() throws {
        if Interrupt.take() { throw PythonError(.keyboardInterrupt, "") }
        guard let deadline else { return }
        checkCounter &+= 1
        if checkCounter & 255 == 0 && ContinuousClock.now > deadline {
            throw PythonError(.timeoutError, "the code ran longer than its time limit")
        }
    }

    /// A copy of `error` that points at `span`, unless it already points somewhere.
    func located(_ error: PythonError, _ span: SourceSpan) -> PythonError {
        var error = error
        if error.location == nil { error.location = span }
        return error
    }

    // MARK: Session state

    /// Forgets every variable (the REPL's `:reset`).
    public func reset() {
        globals = Environment.module()
        generator.manualSeed(RandomGenerator.defaultSeed)
        GradMode.isEnabled = true
    }

    /// Reseeds PyTorch's generator, like `torch.manual_seed(seed)`.
    public func seed(_ seed: UInt64) {
        generator.manualSeed(seed)
    }

    /// The student's variables in the order they were made, without modules and functions
    /// unless asked: name, type and a short description (shape for tensors).
    public func variables(includeModules: Bool = false) -> [(name: String, type: String, summary: String)] {
        globals.orderedNames.compactMap { name in
            guard let value = globals.values[name] else { return nil }
            if !includeModules, case .object(let object) = value, object is ModuleObject { return nil }
            return (name, value.typeName, PythonFormat.summary(value, in: self))
        }
    }

    /// Reads a global variable (for lesson checks and tests).
    public func valueDescription(of name: String) -> String? {
        guard let value = globals.values[name] else { return nil }
        return try? PythonFormat.repr(value, in: self)
    }

    /// True when a global variable of this name exists.
    public func hasVariable(_ name: String) -> Bool { globals.values[name] != nil }

    /// Every name bound in the session (a lesson's check removes the helpers it made).
    public var variableNames: Set<String> { Set(globals.values.keys) }

    /// Removes a name from the session, if it is there.
    public func forget(_ name: String) {
        try? globals.delete(name)
    }
}

/// How a statement ended: normally, or by `break`, `continue` or `return`.
enum Flow {
    case normal
    case breakLoop
    case continueLoop
    case returnValue(Value)
}
