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

    /// Reseeds PyTorch's generator, like `torch.manual_seed(seed)`.
    public func seed(_ seed: UInt64) {
        generator.manualSeed(seed)
    }

    /// A session with Python and every framework name regtutor has.
    public static func withFrameworks() -> Interpreter {
        Interpreter(builtins: .frameworks)
    }
}
