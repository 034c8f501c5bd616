import Python
import TensorEngine

/// What `torch.no_grad()`, `torch.enable_grad()` and `torch.set_grad_enabled(mode)` return: a
/// context for a `with` block, and a decorator (`@torch.no_grad()`) for a function.
final class GradModeContext: ContextManager {
    let enabled: Bool
    /// The setting before `set_grad_enabled` changed it (restored at the end of the block).
    let previous: Bool?
    let name: String
    private var saved: [Bool] = []

    init(enabled: Bool, previous: Bool?, name: String) {
        self.enabled = enabled
        self.previous = previous
        self.name = name
    }

    var typeName: String { name }
    var isCallable: Bool { true }
    func repr(in interpreter: Interpreter) throws -> String { "<torch.autograd.grad_mode.\(name) object at \(interpreter.address(of: self))>" }

    func enter(in interpreter: Interpreter) throws -> Value {
        saved.append(previous ?? GradMode.isEnabled)
        GradMode.isEnabled = enabled
        return .none
    }

    func exit(_ error: PythonError?, in interpreter: Interpreter) throws -> Bool {
        GradMode.isEnabled = saved.popLast() ?? true
        return false
    }

    /// `@torch.no_grad()` above a `def`: the function runs with that gradient mode.
    func call(_ arguments: Arguments, in interpreter: Interpreter) throws -> Value {
        guard arguments.positional.count == 1, arguments.keywords.isEmpty, case .object(let function) = arguments.positional[0],
              function.isCallable else {
            throw PythonError(.typeError, "\(name)() used as a decorator takes the function to decorate")
        }
        let enabled = self.enabled
        return .object(GradModeFunction(function: arguments.positional[0], enabled: enabled, name: name))
    }
}

/// A function decorated with `@torch.no_grad()` (or `enable_grad`).
final class GradModeFunction: BindsAsMethod {
    let function: Value
    let enabled: Bool
    let name: String

    init(function: Value, enabled: Bool, name: String) {
        self.function = function
        self.enabled = enabled
        self.name = name
    }

    var typeName: String { "function" }
    var isCallable: Bool { true }

    func call(_ arguments: Arguments, in interpreter: Interpreter) throws -> Value {
        let previous = GradMode.isEnabled
        GradMode.isEnabled = enabled
        defer { GradMode.isEnabled = previous }
        return try interpreter.call(function, arguments)
    }

    func repr(in interpreter: Interpreter) throws -> String { try interpreter.repr(function) }

    func attribute(_ name: String, in interpreter: Interpreter) throws -> Value? {
        try interpreter.attributeIfPresent(of: function, name)
    }
}
