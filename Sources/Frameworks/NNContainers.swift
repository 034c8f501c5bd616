import NeuralNet
import Python
import TensorEngine

/// `nn.Sequential`, `nn.ModuleList`, `nn.ModuleDict`, `nn.ParameterList` and `nn.ParameterDict`:
/// modules that hold other modules (or parameters) under names, registered in order.
enum NNContainers {
    static func classes() -> [ClassObject] { [sequential, moduleList, moduleDict, parameterList, parameterDict] }

    private static func container(_ signature: String, reprModule: String, doc: String, example: String, methods: [Builtin]) -> ClassObject {
        let documentation = Builtin("nn", signature, kind: .type, doc: doc, example: example) { _, _ in .none }
        let cls = (try? ClassObject(name: documentation.name, module: "torch.nn", bases: [NNModule.base])) ?? NNModule.base
        cls.documentation = documentation
        cls.reprModule = reprModule
        for method in methods { cls.define(method.name.components(separatedBy: ".").last ?? method.name, .object(method)) }
        return cls
    }

    private static func method(_ owner: String, _ signature: String, doc: String,
                               _ body: @escaping (ModuleInstance, BoundArguments, Interpreter) throws -> Value) -> Builtin {
        Builtin(owner, signature, kind: .method, doc: doc) { a, interpreter in try body(try ModuleInstance.receiver(a), a, interpreter) }
    }

    /// A module argument, or PyTorch's error naming what was given instead.
    static func module(_ value: Value) throws -> Module {
        guard let module = ModuleInstance.module(from: value) else {
            throw PythonError(.typeError, "\(value.torchTypeName) is not a Module subclass")
        }
        return module
    }

    /// The position an index picks among `count` items (negative from the end).
    private static func position(_ index: Value, count: Int, _ kind: String, in interpreter: Interpreter) throws -> Int {
        guard let i = index.exactInt else { throw PythonError(.typeError, "\(kind) indices must be integers, not \(index.typeName)") }
        guard i >= -count && i < count else { throw PythonError(.indexError, "index \(i) is out of range") }
        return i < 0 ? i + count : i
    }

    /// Renames the sub-modules 0, 1, 2... after an insertion or a deletion, as PyTorch does.
    private static func renumber(_ m: ModuleInstance, _ modules: [Module]) {
        m.setModules(modules.enumerated().map { (String($0.offset), $0.element) })
    }

    /// What Sequential and ModuleList both have: a list's methods over the sub-modules, which are
    /// numbered 0, 1, 2... again after an insertion or a deletion.
    private static func listMethods(_ owner: String) -> [Builtin] {
        [
            method(owner, "__setitem__(self, idx, module)", doc: "Replaces the module at a position.") { m, a, interpreter in
                var children = m.children
                children[try position(a["idx"], count: children.count, owner, in: interpreter)].module = try module(a["module"])
                m.setModules(children)
                return .none
            },
            method(owner, "__delitem__(self, idx)", doc: "Removes the module at a position (or a slice of them).") { m, a, interpreter in
                var modules = m.children.map(\.module)
                if case .object(let slice as SliceObject) = a["idx"] {
                    for at in try slice.positions(count: modules.count).sorted(by: >) { modules.remove(at: at) }
                } else {
                    modules.remove(at: try position(a["idx"], count: modules.count, owner, in: interpreter))
                }
                renumber(m, modules)
                return .none
            },
            method(owner, "__len__(self)", doc: "The number of modules.") { m, _, _ in .int(m.children.count) },
            method(owner, "__iter__(self)", doc: "The modules in order.") { m, _, _ in
                .object(ValueIterator(items: m.children.map { ModuleInstance.value($0.module) }))
            },
            method(owner, "append(self, module)", doc: "Adds a module at the end; returns the container.") { m, a, _ in
                try m.registerModule(String(m.children.count), try module(a["module"]))
                return .object(m)
            },
            method(owner, "extend(self, modules)", doc: "Adds every module of an iterable at the end.") { m, a, interpreter in
                for value in try interpreter.iterate(a["modules"]) { try m.registerModule(String(m.children.count), try module(value)) }
                return .object(m)
            },
            method(owner, "insert(self, index, module)", doc: "Inserts a module before a position.") { m, a, _ in
                var modules = m.children.map(\.module)
                var at = try a.int("index")
                if at < 0 { at += modules.count }
                guard at >= 0 && at <= modules.count else { throw PythonError(.indexError, "Index out of range: \(try a.int("index"))") }
                modules.insert(try module(a["module"]), at: at)
                renumber(m, modules)
                return .none
            },
            method(owner, "pop(self, idx=-1)", doc: "Removes and returns the module at a position.") { m, a, interpreter in
                var modules = m.children.map(\.module)
                let removed = modules.remove(at: try position(a["idx"], count: modules.count, owner, in: interpreter))
                renumber(m, modules)
                return ModuleInstance.value(removed)
            },
        ]
    }

    // MARK: Sequential

    static let sequential = container("Sequential(*args)", reprModule: "torch.nn.modules.container",
        doc: "Runs its modules one after another, each on the previous one's output. Give the modules as arguments (named 0, 1, 2...), or one OrderedDict of names and modules. Index it like a list; add_module and append add at the end.",
        example: "model = nn.Sequential(nn.Linear(1, 16), nn.ReLU(), nn.Linear(16, 1))\nmodel[0]", methods: [
            method("Sequential", "Sequential.__init__(self, *args)", doc: "Registers the modules in order.") { m, a, _ in
                m.isInitialized = true
                if a.rest.count == 1, case .dict(let dict) = a.rest[0] {
                    for (key, value) in dict.pairs {
                        guard case .string(let name) = key else { throw PythonError(.typeError, "module name should be a string. Got \(key.typeName)") }
                        try m.registerModule(name, try module(value))
                    }
                } else {
                    for (index, value) in a.rest.enumerated() { try m.registerModule(String(index), try module(value)) }
                }
                return .none
            },
            method("Sequential", "forward(self, input)", doc: "Passes the input through every module in order.") { m, a, interpreter in
                var x = a["input"]
                for (_, child) in m.children { x = try interpreter.call(ModuleInstance.value(child), Arguments([x])) }
                return x
            },
            method("Sequential", "__getitem__(self, idx)", doc: "The module at a position, or a Sequential of a slice.") { m, a, interpreter in
                let children = m.children
                if case .object(let slice as SliceObject) = a["idx"] {
                    let part = ModuleInstance(m.cls, interpreter: interpreter)
                    part.isInitialized = true
                    part.training = m.training
                    part.setModules(try slice.positions(count: children.count).map { children[$0] })
                    return .object(part)
                }
                return ModuleInstance.value(children[try position(a["idx"], count: children.count, "Sequential", in: interpreter)].module)
            },
        ] + listMethods("Sequential"))

    // MARK: ModuleList

    static let moduleList = container("ModuleList(modules=None)", reprModule: "torch.nn.modules.container",
        doc: "A list of modules, registered (so their parameters are the model's) but not run by itself: loop over it in forward.",
        example: "self.layers = nn.ModuleList([nn.Linear(4, 4) for _ in range(3)])\nfor layer in self.layers:\n    x = torch.relu(layer(x))", methods: [
            method("ModuleList", "ModuleList.__init__(self, modules=None)", doc: "Registers the modules in order.") { m, a, interpreter in
                m.isInitialized = true
                if !a.isNone("modules") {
                    for value in try interpreter.iterate(a["modules"]) { try m.registerModule(String(m.children.count), try module(value)) }
                }
                return .none
            },
            method("ModuleList", "__getitem__(self, idx)", doc: "The module at a position, or a ModuleList of a slice.") { m, a, interpreter in
                let children = m.children
                if case .object(let slice as SliceObject) = a["idx"] {
                    let part = ModuleInstance(m.cls, interpreter: interpreter)
                    part.isInitialized = true
                    part.setModules(try slice.positions(count: children.count).enumerated().map { (String($0.offset), children[$0.element].module) })
                    return .object(part)
                }
                return ModuleInstance.value(children[try position(a["idx"], count: children.count, "ModuleList", in: interpreter)].module)
            },
        ] + listMethods("ModuleList"))

    // MARK: ModuleDict

    static let moduleDict = container("ModuleDict(modules=None)", reprModule: "torch.nn.modules.container",
        doc: "A dict of modules by name, registered (their parameters are the model's), in insertion order.",
        example: "self.heads = nn.ModuleDict({\"clean\": nn.Linear(8, 1), \"noisy\": nn.Linear(8, 1)})\ny = self.heads[\"clean\"](x)", methods: [
            method("ModuleDict", "ModuleDict.__init__(self, modules=None)", doc: "Registers the modules under their names.") { m, a, interpreter in
                m.isInitialized = true
                if !a.isNone("modules") { try update(m, a["modules"], interpreter) }
                return .none
            },
            method("ModuleDict", "__getitem__(self, key)", doc: "The module under a name.") { m, a, _ in
                let key = try a.string("key")
                guard let found = m.children.first(where: { $0.name == key }) else { throw PythonError(.keyError, PythonFormat.quoted(key)) }
                return ModuleInstance.value(found.module)
            },
            method("ModuleDict", "__setitem__(self, key, module)", doc: "Adds or replaces the module under a name.") { m, a, _ in
                try m.registerModule(try a.string("key"), try module(a["module"]))
                return .none
            },
            method("ModuleDict", "__delitem__(self, key)", doc: "Removes the module under a name.") { m, a, _ in
                let key = try a.string("key")
                guard m.children.contains(where: { $0.name == key }) else { throw PythonError(.keyError, PythonFormat.quoted(key)) }
                m.unregisterModule(key)
                return .none
            },
            method("ModuleDict", "__len__(self)", doc: "The number of modules.") { m, _, _ in .int(m.children.count) },
            method("ModuleDict", "__iter__(self)", doc: "The names, in order.") { m, _, _ in
                .object(ValueIterator(items: m.children.map { .string($0.name) }))
            },
            method("ModuleDict", "__contains__(self, key)", doc: "True when a module has that name.") { m, a, _ in
                .bool(m.children.contains { $0.name == (try? a.string("key")) })
            },
            method("ModuleDict", "keys(self)", doc: "The names, in order.") { m, _, _ in .list(m.children.map { .string($0.name) }) },
            method("ModuleDict", "values(self)", doc: "The modules, in order.") { m, _, _ in .list(m.children.map { ModuleInstance.value($0.module) }) },
            method("ModuleDict", "items(self)", doc: "Pairs (name, module), in order.") { m, _, _ in
                .list(m.children.map { .tuple([.string($0.name), ModuleInstance.value($0.module)]) })
            },
            method("ModuleDict", "update(self, modules)", doc: "Adds the modules of a dict (or of (name, module) pairs).") { m, a, interpreter in
                try update(m, a["modules"], interpreter)
                return .none
            },
        ])

    private static func update(_ m: ModuleInstance, _ modules: Value, _ interpreter: Interpreter) throws {
        let pairs: [(Value, Value)]
        if case .dict(let dict) = modules {
            pairs = dict.pairs.map { ($0.key, $0.value) }
        } else {
            pairs = try interpreter.iterate(modules).map { item in
                let parts = try interpreter.iterate(item)
                guard parts.count == 2 else { throw PythonError(.valueError, "ModuleDict update sequence element has length \(parts.count); 2 is required") }
                return (parts[0], parts[1])
            }
        }
        for (key, value) in pairs {
            guard case .string(let name) = key else { throw PythonError(.typeError, "module name should be a string. Got \(key.typeName)") }
            try m.registerModule(name, try module(value))
        }
    }

    // MARK: ParameterList and ParameterDict

    private static func parameter(_ value: Value) throws -> Variable {
        guard let t = value.tensorObject else { throw PythonError(.typeError, "a ParameterList holds tensors, not \(value.typeName)") }
        if t.isParameter { return t.variable }
        return Variable(try t.tensor.detached().requiringGrad(), isParameter: true)
    }

    static let parameterList = container("ParameterList(values=None)", reprModule: "torch.nn.modules.container",
        doc: "A list of parameters, registered as the module's (named 0, 1, 2...). Plain tensors become nn.Parameter.",
        example: "self.scales = nn.ParameterList([nn.Parameter(torch.ones(1)) for _ in range(3)])", methods: [
            method("ParameterList", "ParameterList.__init__(self, values=None)", doc: "Registers the parameters in order.") { m, a, interpreter in
                m.isInitialized = true
                if !a.isNone("values") {
                    for value in try interpreter.iterate(a["values"]) { try m.registerParameter(String(m.ownParameters.count), try parameter(value)) }
                }
                return .none
            },
            method("ParameterList", "__getitem__(self, idx)", doc: "The parameter at a position.") { m, a, interpreter in
                let own = m.ownParameters
                return .tensor(TensorObject(own[try position(a["idx"], count: own.count, "ParameterList", in: interpreter)].variable))
            },
            method("ParameterList", "__len__(self)", doc: "The number of parameters.") { m, _, _ in .int(m.ownParameters.count) },
            method("ParameterList", "__iter__(self)", doc: "The parameters in order.") { m, _, _ in
                .object(ValueIterator(items: m.ownParameters.map { .tensor(TensorObject($0.variable)) }))
            },
            method("ParameterList", "append(self, value)", doc: "Adds a parameter at the end.") { m, a, _ in
                try m.registerParameter(String(m.ownParameters.count), try parameter(a["value"]))
                return .object(m)
            },
            method("ParameterList", "extend(self, values)", doc: "Adds every parameter of an iterable at the end.") { m, a, interpreter in
                for value in try interpreter.iterate(a["values"]) { try m.registerParameter(String(m.ownParameters.count), try parameter(value)) }
                return .object(m)
            },
            method("ParameterList", "extra_repr(self)", doc: "One line per parameter.") { m, _, _ in
                .string(m.ownParameters.map { name, variable in
                    "  (\(name)): Parameter containing: [torch.\(variable.tensor.dtype.name.replacingOccurrences(of: "torch.", with: "")) of size \(variable.tensor.shape.map(String.init).joined(separator: "x"))]"
                }.joined(separator: "\n"))
            },
        ])

    static let parameterDict = container("ParameterDict(parameters=None)", reprModule: "torch.nn.modules.container",
        doc: "A dict of parameters by name, registered as the module's.",
        example: "self.params = nn.ParameterDict({\"scale\": nn.Parameter(torch.ones(1))})", methods: [
            method("ParameterDict", "ParameterDict.__init__(self, parameters=None)", doc: "Registers the parameters under their names.") { m, a, _ in
                m.isInitialized = true
                if case .dict(let dict) = a["parameters"] {
                    for (key, value) in dict.pairs {
                        guard case .string(let name) = key else { throw PythonError(.typeError, "parameter name should be a string") }
                        try m.registerParameter(name, try parameter(value))
                    }
                }
                return .none
            },
            method("ParameterDict", "__getitem__(self, key)", doc: "The parameter under a name.") { m, a, _ in
                let key = try a.string("key")
                guard let found = m.ownParameters.first(where: { $0.name == key }) else { throw PythonError(.keyError, PythonFormat.quoted(key)) }
                return .tensor(TensorObject(found.variable))
            },
            method("ParameterDict", "__setitem__(self, key, value)", doc: "Adds or replaces the parameter under a name.") { m, a, _ in
                try m.registerParameter(try a.string("key"), try parameter(a["value"]))
                return .none
            },
            method("ParameterDict", "__len__(self)", doc: "The number of parameters.") { m, _, _ in .int(m.ownParameters.count) },
            method("ParameterDict", "__iter__(self)", doc: "The names, in order.") { m, _, _ in
                .object(ValueIterator(items: m.ownParameters.map { .string($0.name) }))
            },
            method("ParameterDict", "keys(self)", doc: "The names, in order.") { m, _, _ in .list(m.ownParameters.map { .string($0.name) }) },
            method("ParameterDict", "items(self)", doc: "Pairs (name, parameter).") { m, _, _ in
                .list(m.ownParameters.map { .tuple([.string($0.name), .tensor(TensorObject($0.variable))]) })
            },
        ])
}
