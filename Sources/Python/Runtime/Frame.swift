/// The variables of one running piece of code: a function call's slots and cells, or a class
/// body's namespace. Module-level code keeps its variables in the module's `GlobalSlot`s.
final class Frame {
    /// Locals by slot, as the resolver numbered them (nil: not bound yet, or deleted).
    var locals: [Value?]
    /// The frame's own cells, then those its closure passed in.
    var cells: [Cell]
    /// The function running, for `super()` and tracebacks (nil for module code and class bodies).
    let function: FunctionObject?
    /// A class body's namespace, while the body runs.
    var namespace: ClassNamespace?
    /// What `return` set.
    var returnValue: Value = .none
    /// For a generator's frame: where `yield` hands its values over.
    var generator: GeneratorChannel?
    /// The session the code runs in. A frame never outlives it (frames live while code runs).
    unowned(unsafe) let interpreter: Interpreter

    init(slotCount: Int, cells: [Cell], function: FunctionObject?, interpreter: Interpreter) {
        locals = Array(repeating: nil, count: slotCount)
        self.cells = cells
        self.function = function
        self.interpreter = interpreter
    }

    deinit {
        for index in locals.indices { Teardown.replace(&locals[index], with: nil) }
    }
}

/// A variable shared between a function and the functions defined inside it.
final class Cell {
    var value: Value?
    init(_ value: Value? = nil) { self.value = value }
    deinit { Teardown.replace(&value, with: nil) }
}

/// One global variable of the module. Compiled code holds the slot itself, so reading a
/// global is one load, never a look-up by name.
public final class GlobalSlot {
    public let name: String
    public internal(set) var value: Value?
    /// The built-in of the same name, read when the global is unbound.
    let builtin: Value?

    init(name: String, builtin: Value?) {
        self.name = name
        self.builtin = builtin
    }

    deinit { Teardown.replace(&value, with: nil) }

    /// The global's value, or the built-in's.
    var current: Value? { value ?? builtin }
}

/// The module's globals by name, in the order they were first bound (`:vars` lists them so).
final class ModuleNamespace {
    private(set) var slots: [String: GlobalSlot] = [:]
    private var order: [String] = []
    private let builtins: BuiltinTable

    init(builtins: BuiltinTable) {
        self.builtins = builtins
    }

    /// The slot for `name`, made unbound the first time the name is seen.
    func slot(_ name: String) -> GlobalSlot {
        if let existing = slots[name] { return existing }
        let made = GlobalSlot(name: name, builtin: builtins.pythonBuiltins[name])
        slots[name] = made
        return made
    }

    func bind(_ name: String, _ value: Value) {
        let target = slot(name)
        if target.value == nil { order.removeAll { $0 == name }; order.append(name) }
        Teardown.replace(&target.value, with: value)
    }

    func value(of name: String) -> Value? { slots[name]?.value }

    /// Bound names in the order they were first bound.
    var boundNames: [String] { order.filter { slots[$0]?.value != nil } }

    func unbind(_ name: String) {
        if let slot = slots[name] { Teardown.replace(&slot.value, with: nil) }
    }

    /// Unbinds every global, so that values referring to each other through globals are freed.
    func clear() {
        for slot in slots.values { Teardown.replace(&slot.value, with: nil) }
    }
}

/// A class body's namespace while it runs: its names in definition order.
final class ClassNamespace {
    var names = Namespace()
}
