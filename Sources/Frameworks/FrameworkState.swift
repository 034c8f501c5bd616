import Foundation
import Keras
import Plotting
import Python
import Regularization
import TensorEngine

/// What the frameworks keep per session: PyTorch's generator, the worked example `trace(...)`
/// is writing, the last picture, the terminal's width and colours, and what `torch.save` saved.
final class FrameworkState {
    /// PyTorch's default generator (`torch.manual_seed` reseeds it).
    let generator = RandomGenerator()
    /// The worked example being written by `trace(...)`: techniques record their steps into it.
    var activeTrace: Trace?
    /// The model `trace(model, x)` was called on: its sub-modules' steps are headed by their names.
    weak var traceRoot: ModuleInstance?
    /// The last picture drawn, for `:savefig`.
    var lastFigure: Figure?
    /// How wide pictures may be drawn.
    var terminalWidth = 80
    /// Whether pictures may use colour (escape codes).
    var colors = false
    /// `torch.save(obj, path)` keeps a deep copy here under the path (regtutor writes no files).
    var saved: [String: Value] = [:]
    /// Whether the output is a terminal (Keras's progress bars are redrawn as they fill).
    var interactive = false
    /// Keras's per-session state (names, seeds, the progress bars' clock), made at first use.
    var keras: KerasContext?
    /// The clock Keras's progress lines read; tests freeze it.
    var clock: () -> Double = { ProcessInfo.processInfo.systemUptime }
}

extension Interpreter {
    var frameworkState: FrameworkState { state(FrameworkState.self) { FrameworkState() } }

    /// PyTorch's default generator (`torch.manual_seed` reseeds it).
    public var generator: RandomGenerator { frameworkState.generator }

    var activeTrace: Trace? {
        get { frameworkState.activeTrace }
        set { frameworkState.activeTrace = newValue }
    }

    /// The last picture drawn, for `:savefig`.
    public internal(set) var lastFigure: Figure? {
        get { frameworkState.lastFigure }
        set { frameworkState.lastFigure = newValue }
    }

    /// How wide pictures may be drawn (the terminal's columns; 80 when unknown).
    public var terminalWidth: Int {
        get { frameworkState.terminalWidth }
        set { frameworkState.terminalWidth = newValue }
    }

    /// Whether pictures may use colour (escape codes).
    public var colors: Bool {
        get { frameworkState.colors }
        set { frameworkState.colors = newValue }
    }

    /// Whether the output is a terminal: Keras's progress bars are then redrawn as they fill.
    public var outputIsTerminal: Bool {
        get { frameworkState.interactive }
        set { frameworkState.interactive = newValue }
    }

    /// The clock Keras's progress lines read (seconds); a frozen one makes their timings 0.
    public var clock: () -> Double {
        get { frameworkState.clock }
        set { frameworkState.clock = newValue }
    }

    /// Keras's state for this session, its output and terminal settings brought up to date.
    var keras: KerasContext {
        let state = frameworkState
        let context: KerasContext
        if let existing = state.keras {
            context = existing
        } else {
            context = KerasContext(generator: state.generator, pythonRandom: { [weak self] low, high in
                self?.pythonRandomInteger(low, high) ?? low
            }, clock: { [weak state] in state?.clock() ?? 0 })
            state.keras = context
        }
        context.write = { [weak self] text in self?.output(text) }
        context.interactive = state.interactive
        context.colors = state.colors
        context.columns = state.terminalWidth
        context.checkpoint = { [weak self] in try self?.checkInterrupt() }
        return context
    }

    /// Reseeds PyTorch's generator, like `torch.manual_seed(seed)`.
    public func seed(_ seed: UInt64) {
        generator.manualSeed(seed)
    }

    /// A session with Python and every framework name regtutor has.
    public static func withFrameworks() -> Interpreter {
        Interpreter(builtins: .frameworks)
    }
}
