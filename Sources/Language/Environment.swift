/// A scope of variables, with Python's rules: a function's locals, then the functions around it,
/// then the module's globals, then the built-ins.
final class Environment {
    private(set) var values: [String: Value] = [:]
    /// Names in the order they were first bound (the module scope's `:vars` shows this order).
    private(set) var orderedNames: [String] = []
    /// The scope around this one (nil for the module scope).
    let parent: Environment?
    /// The function this scope runs, whose analysis says which names are local.
    let function: FunctionDefinition?
    /// The module scope at the end of the chain.
    private(set) weak var moduleScope: Environment?

    private init(parent: Environment?, function: FunctionDefinition?) {
        self.parent = parent
        self.function = function
        self.moduleScope = parent?.moduleScope
    }

    /// A fresh module scope.
    static func module() -> Environment {
        let environment = Environment(parent: nil, function: nil)
        environment.moduleScope = environment
        return environment
    }

    /// The scope of one call of `function`, defined inside `parent`.
    static func call(_ function: FunctionDefinition, parent: Environment) -> Environment {
        Environment(parent: parent, function: function)
    }

    /// The scope of a comprehension's loop variables, inside `parent`.
    static func comprehension(parent: Environment) -> Environment {
        Environment(parent: parent, function: nil)
    }

    var isModule: Bool { parent == nil }

    /// The value of `name`, searching outwards; nil when it is bound nowhere.
    func lookup(_ name: String) throws -> Value? {
        if let value = values[name] { return value }
        if let function {
            if function.globalNames.contains(name) {
                return moduleScope?.values[name] ?? Builtins.shared.pythonBuiltins[name]
            }
            if function.localNames.contains(name) {
                throw PythonError(.unboundLocalError, "cannot access local variable '\(name)' where it is not associated with a value")
            }
        }
        if let parent { return try parent.lookup(name) }
        return Builtins.shared.pythonBuiltins[name]
    }

    /// Binds `name` where Python would: the module for `global`, the enclosing function for
    /// `nonlocal`, this scope otherwise.
    func assign(_ name: String, _ value: Value) throws {
        if let function {
            if function.globalNames.contains(name), let module = moduleScope {
                module.bind(name, value)
                return
            }
            if function.nonlocalNames.contains(name) {
                guard let owner = enclosingOwner(of: name) else {
                    throw PythonError(.exception, "no binding for nonlocal '\(name)' found")
                }
                owner.bind(name, value)
                return
            }
        }
        bind(name, value)
    }

    private func bind(_ name: String, _ value: Value) {
        if values.updateValue(value, forKey: name) == nil && isModule { orderedNames.append(name) }
    }

    private func enclosingOwner(of name: String) -> Environment? {
        var scope = parent
        while let current = scope, !current.isModule {
            if current.function?.localNames.contains(name) == true || current.values[name] != nil { return current }
            scope = current.parent
        }
        return nil
    }

    /// Removes `name` (`del name`).
    func delete(_ name: String) throws {
        if let function, function.globalNames.contains(name), let module = moduleScope {
            try module.delete(name)
            return
        }
        guard values.removeValue(forKey: name) != nil else {
            throw PythonError(.nameError, "name '\(name)' is not defined")
        }
        orderedNames.removeAll { $0 == name }
    }

    /// Every name visible from here (for completion): this scope and those around it.
    var visibleNames: [String] {
        var names = Array(values.keys)
        if let parent { names += parent.visibleNames }
        return names
    }
}
