import NeuralNet
import Python
import Regularization
import TensorEngine

/// `torch.nn.Module`, the class every layer and model derives from, and the way built-in layers
/// become subclassable classes: each is a class under `nn.Module` whose `__init__` makes the
/// engine's layer (drawing its weights as PyTorch does) and whose `forward` runs it.
enum NNModule {
    /// `nn.Module`.
    static let base: ClassObject = {
        // A fresh class under `object`: making it cannot fail.
        let cls = (try? ClassObject(name: "Module", module: "torch.nn", bases: [BuiltinTable.python.objectClass])) ?? BuiltinTable.python.objectClass
        cls.reprModule = "torch.nn.modules.module"
        cls.makeInstance = { cls, interpreter in ModuleInstance(cls, interpreter: interpreter) }
        cls.documentation = Builtin("nn", "Module()", kind: .type,
            doc: "The base class of every layer and model. Subclass it, create the layers in __init__ after super().__init__(), and compute the output in forward(self, x): assigning a layer or an nn.Parameter to self.name registers it, so parameters(), state_dict(), train()/eval() and print(model) see it, in the order you assigned them.",
            example: "class Net(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.fc1 = nn.Linear(2, 16)\n        self.drop = nn.Dropout(0.2)\n        self.fc2 = nn.Linear(16, 1)\n    def forward(self, x):\n        return self.fc2(self.drop(torch.relu(self.fc1(x))))") { _, _ in .none }
        for method in methods() { cls.define(method.name, .object(method)) }
        return cls
    }()

    /// A built-in layer class: `signature` is what `help()` shows (`Linear(in_features, ...)`),
    /// `make` builds the engine's layer from the bound arguments.
    static func layer(_ owner: String, _ signature: String, base: ClassObject = base, reprModule: String? = nil,
                      doc: String, example: String, _ make: @escaping (BoundArguments, Interpreter) throws -> Module) -> ClassObject {
        let documentation = Builtin(owner, signature, kind: .type, doc: doc, example: example) { _, _ in .none }
        let name = documentation.name
        let path = owner == "nn" ? "torch.nn" : owner == "layers" ? "keras.layers" : owner
        let cls = (try? ClassObject(name: name, module: path, bases: [base])) ?? base
        cls.documentation = documentation
        cls.reprModule = reprModule
        let initSignature = name + ".__init__(self" + (signature.hasSuffix("()") ? ")" : ", " + signature.drop { $0 != "(" }.dropFirst())
        cls.define("__init__", .object(Builtin(name, initSignature, kind: .method, doc: doc) { a, interpreter in
            let instance = try ModuleInstance.receiver(a)
            instance.isInitialized = true
            let made = try make(a, interpreter)
            made.training = instance.training
            instance.native = made
            return .none
        }))
        return cls
    }

    /// The methods every module has.
    static func methods() -> [Builtin] {
        func method(_ signature: String, doc: String, example: String = "",
                    _ body: @escaping (ModuleInstance, BoundArguments, Interpreter) throws -> Value) -> Builtin {
            Builtin("Module", signature, kind: .method, doc: doc, example: example) { a, interpreter in
                try body(try ModuleInstance.receiver(a), a, interpreter)
            }
        }
        func generator(_ items: [Value]) -> Value { .object(ValueIterator(typeName: "generator", items: items)) }
        func pair(_ name: String, _ value: Value) -> Value { .tuple([.string(name), value]) }
        return [
            method("__init__(self, *args, **kwargs)", doc: "Makes the module ready to register parameters, buffers and sub-modules: call super().__init__() first in your own __init__.") { m, a, _ in
                if !a.rest.isEmpty || !a.extra.isEmpty {
                    throw PythonError(.typeError, "Module.__init__() takes 1 positional argument but \(a.rest.count + 1) were given")
                }
                m.isInitialized = true
                return .none
            },
            method("__call__(self, *args, **kwargs)", doc: "Runs forward(*args, **kwargs): calling the model is how it is used.",
                   example: "y = model(x)") { m, a, interpreter in
                try m.callModule(Arguments(a.rest, keywords: a.extra), in: interpreter)
            },
            method("forward(self, *args, **kwargs)", doc: "Computes the output. Define it in your subclass; built-in layers have their own.",
                   example: "def forward(self, x):\n    return self.fc(x)") { m, a, interpreter in
                try m.nativeForward(Arguments(a.rest, keywords: a.extra), in: interpreter)
            },
            method("__repr__(self)", doc: "The module as PyTorch prints it: its class, settings and sub-modules, one per line.") { m, _, _ in
                .string(m.description)
            },
            method("extra_repr(self)", doc: "The settings shown inside the parentheses when the module is printed; override it to show your own.") { m, _, _ in
                .string(m.native?.extraDescription ?? "")
            },
            method("parameters(self, recurse=True)", doc: "The learnable tensors of the model and its layers, one at a time (a generator: wrap it in list() to keep it).",
                   example: "optimizer = optim.SGD(model.parameters(), lr=0.1)\nsum(p.numel() for p in model.parameters())") { m, a, _ in
                let places = try a.bool("recurse") ? m.parameters() : m.ownParameters.map(\.variable)
                return generator(places.map { .tensor(TensorObject($0)) })
            },
            method("named_parameters(self, prefix='', recurse=True)", doc: "Pairs (name, parameter), such as ('fc1.weight', ...).",
                   example: "for name, p in model.named_parameters():\n    print(name, p.shape)") { m, a, _ in
                let prefix = try a.string("prefix")
                let named = try a.bool("recurse") ? m.namedParameters() : m.ownParameters
                return generator(named.map { pair((prefix.isEmpty ? "" : prefix + ".") + $0.name, .tensor(TensorObject($0.variable))) })
            },
            method("buffers(self, recurse=True)", doc: "The non-learnable state tensors (batch norm's running statistics, your register_buffer tensors).") { m, a, _ in
                let named = try a.bool("recurse") ? m.namedBuffers() : m.ownBuffers
                return generator(named.map { .tensor(TensorObject($0.variable)) })
            },
            method("named_buffers(self, prefix='', recurse=True)", doc: "Pairs (name, buffer).") { m, a, _ in
                let prefix = try a.string("prefix")
                let named = try a.bool("recurse") ? m.namedBuffers() : m.ownBuffers
                return generator(named.map { pair((prefix.isEmpty ? "" : prefix + ".") + $0.name, .tensor(TensorObject($0.variable))) })
            },
            method("children(self)", doc: "The modules registered directly in this one, in order.") { m, _, _ in
                generator(m.children.map { ModuleInstance.value($0.module) })
            },
            method("named_children(self)", doc: "Pairs (name, module) of the modules registered directly in this one.",
                   example: "for name, layer in model.named_children():\n    print(name, layer)") { m, _, _ in
                generator(m.children.map { pair($0.name, ModuleInstance.value($0.module)) })
            },
            method("modules(self)", doc: "This module and every module inside it, depth first, each once.",
                   example: "[type(m).__name__ for m in model.modules()]") { m, _, _ in
                generator(m.namedModules().map { ModuleInstance.value($0.module) })
            },
            method("named_modules(self, prefix='')", doc: "Pairs (name, module) for this module ('') and every module inside it.") { m, a, _ in
                let prefix = try a.string("prefix")
                return generator(m.namedModules().map { pair(prefix.isEmpty ? $0.name : prefix + ($0.name.isEmpty ? "" : "." + $0.name), ModuleInstance.value($0.module)) })
            },
            method("train(self, mode=True)", doc: "Training mode (dropout drops, batch norm uses batch statistics), here and in every sub-module; returns the model.",
                   example: "model.train()") { m, a, _ in
                guard case .bool(let mode) = a["mode"] else { throw PythonError(.valueError, "training mode is expected to be boolean") }
                m.train(mode)
                return .object(m)
            },
            method("eval(self)", doc: "Evaluation mode (dropout off, batch norm uses its running statistics), here and in every sub-module; returns the model.",
                   example: "model.eval()") { m, _, _ in
                m.eval()
                return .object(m)
            },
            method("zero_grad(self, set_to_none=True)", doc: "Forgets the gradients of every parameter.", example: "model.zero_grad()") { m, a, _ in
                for parameter in m.parameters() {
                    if try a.bool("set_to_none") { parameter.grad = nil } else if let g = parameter.grad { try g.assignElements(from: try g.zerosLike()) }
                }
                return .none
            },
            method("requires_grad_(self, requires_grad=True)", doc: "Freezes (False) or unfreezes the parameters; returns the model.",
                   example: "model.fc1.requires_grad_(False)") { m, a, _ in
                let flag = try a.bool("requires_grad")
                for parameter in m.parameters() { parameter.tensor = try parameter.tensor.requiringGrad(flag) }
                return .object(m)
            },
            method("state_dict(self, destination=None, prefix='', keep_vars=False)",
                   doc: "The parameters and persistent buffers by name, in PyTorch's order (an OrderedDict). As in PyTorch, the tensors share their values with the model: training changes them too, so keep a snapshot with copy.deepcopy(model.state_dict()).",
                   example: "best = copy.deepcopy(model.state_dict())\nmodel.load_state_dict(best)") { m, a, _ in
                let dict = DictObject()
                dict.printsAsOrderedDict = true
                let prefix = try a.string("prefix")
                for (name, variable) in m.stateEntries() {
                    dict.set(string: prefix + name, try a.bool("keep_vars") ? .tensor(TensorObject(variable)) : .tensor(variable.tensor.detached()))
                }
                return .dict(dict)
            },
            method("load_state_dict(self, state_dict, strict=True, assign=False)", doc: "Copies the values of a state dict into the model's parameters and buffers; with strict=True (the default) the names must match exactly.",
                   example: "model.load_state_dict(best)") { m, a, _ in
                guard case .dict(let dict) = a["state_dict"] else {
                    throw PythonError(.typeError, "Expected state_dict to be dict-like, got \(a["state_dict"].typeName).")
                }
                let (missing, unexpected) = try m.loadState(dict, strict: try a.bool("strict"))
                return .object(IncompatibleKeys(missing: missing, unexpected: unexpected))
            },
            method("register_buffer(self, name, tensor, persistent=True)",
                   doc: "Adds a tensor that belongs to the module but is not learned (such as a noise buffer or running statistics): it moves with state_dict() (unless persistent=False) and is listed by buffers().",
                   example: "self.register_buffer(\"epsilon\", torch.zeros(3))") { m, a, _ in
                let name = try a.string("name")
                if a.isNone("tensor") {
                    try m.registerBuffer(name, nil, persistent: try a.bool("persistent"))
                } else {
                    guard let t = a["tensor"].tensorObject else {
                        throw PythonError(.typeError, "cannot assign '\(a["tensor"].torchTypeName)' object to buffer '\(name)' (torch Tensor or None required)")
                    }
                    try m.registerBuffer(name, Variable(t.tensor.detached()), persistent: try a.bool("persistent"))
                }
                return .none
            },
            method("register_parameter(self, name, param)", doc: "Adds a learnable parameter (an nn.Parameter, or None).",
                   example: "self.register_parameter(\"scale\", nn.Parameter(torch.ones(1)))") { m, a, _ in
                let name = try a.string("name")
                if a.isNone("param") {
                    try m.registerParameter(name, nil)
                } else {
                    guard let t = a["param"].tensorObject, t.isParameter else {
                        throw PythonError(.typeError, "cannot assign '\(a["param"].torchTypeName)' object to parameter '\(name)' (torch.nn.Parameter or None required)")
                    }
                    try m.registerParameter(name, t.variable)
                }
                return .none
            },
            method("add_module(self, name, module)", doc: "Adds a sub-module under a name, as self.name = module does (also on nn.Sequential, where it appends).",
                   example: "model.add_module(\"dropout\", nn.Dropout(0.5))") { m, a, _ in
                try m.addModule(try a.string("name"), a["module"])
                return .none
            },
            method("register_module(self, name, module)", doc: "The same as add_module.") { m, a, _ in
                try m.addModule(try a.string("name"), a["module"])
                return .none
            },
            method("get_submodule(self, target)", doc: "The sub-module at a dotted path such as 'encoder.0'.", example: "model.get_submodule(\"fc1\")") { m, a, _ in
                let target = try a.string("target")
                if target.isEmpty { return .object(m) }
                guard let found = m.namedModules().first(where: { $0.name == target }) else {
                    throw PythonError(.attributeError, "\(m.typeName) has no attribute `\(target)`")
                }
                return ModuleInstance.value(found.module)
            },
            method("apply(self, fn)", doc: "Calls fn on every sub-module (children first) and then on the module itself; returns the module. The usual way to initialise weights.",
                   example: "def init_weights(m):\n    if isinstance(m, nn.Linear):\n        nn.init.zeros_(m.bias)\nmodel.apply(init_weights)") { m, a, interpreter in
                let function = try a.callable("fn")
                func visit(_ module: Module) throws {
                    for (_, child) in module.children { try visit(child) }
                    _ = try interpreter.call(function, ModuleInstance.value(module))
                }
                try visit(m)
                return .object(m)
            },
            method("to(self, *args, **kwargs)", doc: "The model itself, its floating parameters and buffers converted to a dtype when one is given (model.to(torch.float64)); devices other than the CPU do not exist here.",
                   example: "model.to(device)\nmodel.to(torch.float64)") { m, a, _ in
                for value in a.rest + a.extra.map(\.value) {
                    if let dtype = value.object(as: DTypeObject.self) {
                        guard dtype.dtype.isFloatingPoint else {
                            throw PythonError(.typeError, "nn.Module.to only accepts floating point or complex dtypes, but got desired dtype=\(dtype.dtype.name)")
                        }
                        try convertFloatingState(of: m, to: dtype.dtype)
                    }
                    if let dtype = value.object(as: UnsupportedDType.self) { throw dtype.error }
                    try DeviceObject.check(value)
                }
                return .object(m)
            },
            method("float(self)", doc: "The model itself, its floating parameters and buffers converted to float32.") { m, _, _ in
                try convertFloatingState(of: m, to: .float32)
                return .object(m)
            },
            method("double(self)", doc: "The model itself, its floating parameters and buffers converted to float64 (for float64 training, as model.double() in PyTorch).") { m, _, _ in
                try convertFloatingState(of: m, to: .float64)
                return .object(m)
            },
            method("cpu(self)", doc: "The model itself (regtutor runs on the CPU).") { m, _, _ in .object(m) },
            method("cuda(self, device=None)", doc: "Refused: regtutor runs on the CPU (torch.cuda.is_available() is False).") { _, _, _ in
                throw PythonError(.runtimeError, "Torch not compiled with CUDA enabled: regtutor runs on the CPU (torch.cuda.is_available() is False)")
            },
        ]
    }
}

/// What `load_state_dict` returns: the keys that did not match (with strict=False).
final class IncompatibleKeys: TupleLike {
    let missing: [String]
    let unexpected: [String]
    init(missing: [String], unexpected: [String]) {
        self.missing = missing
        self.unexpected = unexpected
    }
    var typeName: String { "_IncompatibleKeys" }
    var tupleItems: [Value] { [.list(missing.map { .string($0) }), .list(unexpected.map { .string($0) })] }
    func repr(in interpreter: Interpreter) throws -> String {
        if missing.isEmpty && unexpected.isEmpty { return "<All keys matched successfully>" }
        let (m, u) = (try interpreter.repr(tupleItems[0]), try interpreter.repr(tupleItems[1]))
        return "_IncompatibleKeys(missing_keys=\(m), unexpected_keys=\(u))"
    }
    func attribute(_ name: String, in interpreter: Interpreter) throws -> Value? {
        switch name {
        case "missing_keys": return tupleItems[0]
        case "unexpected_keys": return tupleItems[1]
        default: return nil
        }
    }
}

extension ModuleInstance {
    /// The module a method was called on.
    static func receiver(_ a: BoundArguments) throws -> ModuleInstance {
        guard let module = a["self"].object(as: ModuleInstance.self) else { throw a.mistake("self", "Module", a["self"]) }
        return module
    }

    /// This module and every module inside it, depth first, each once, with its dotted path.
    func namedModules() -> [(name: String, module: Module)] {
        var seen = Set<ObjectIdentifier>()
        var result: [(name: String, module: Module)] = []
        func visit(_ module: Module, _ path: String) {
            guard seen.insert(ObjectIdentifier(module)).inserted else { return }
            result.append((path, module))
            for (name, child) in module.children { visit(child, path.isEmpty ? name : path + "." + name) }
        }
        visit(self, "")
        return result
    }

    /// The state dict's entries: each module's parameters, then its persistent buffers, then its children's.
    func stateEntries() -> [(name: String, variable: Variable)] {
        func entries(_ module: Module, _ prefix: String) -> [(name: String, variable: Variable)] {
            let buffers = (module as? ModuleInstance)?.persistentBuffers ?? module.ownBuffers
            var result = (module.ownParameters + buffers).map { (prefix + $0.name, $0.variable) }
            for (name, child) in module.children { result += entries(child, prefix + name + ".") }
            return result
        }
        return entries(self, "")
    }

    /// `load_state_dict`: PyTorch's checks and messages, then the values copied in place.
    @discardableResult
    func loadState(_ dict: DictObject, strict: Bool) throws -> (missing: [String], unexpected: [String]) {
        let places = stateEntries()
        var given: [(name: String, tensor: Tensor)] = []
        for (key, value) in dict.pairs {
            guard case .string(let name) = key else { throw PythonError(.typeError, "a state dict maps names (str) to tensors") }
            guard let t = value.tensorObject else {
                throw PythonError(.typeError, "a state dict maps names to tensors; '\(name)' holds \(value.typeName)")
            }
            given.append((name, t.tensor))
        }
        let known = Set(places.map(\.name))
        let givenNames = Set(given.map(\.name))
        let missing = places.map(\.name).filter { !givenNames.contains($0) }
        let unexpected = given.map(\.name).filter { !known.contains($0) }
        var problems: [String] = []
        if strict && !missing.isEmpty {
            problems.append("Missing key(s) in state_dict: " + missing.map { "\"\($0)\"" }.joined(separator: ", ") + ". ")
        }
        if strict && !unexpected.isEmpty {
            problems.append("Unexpected key(s) in state_dict: " + unexpected.map { "\"\($0)\"" }.joined(separator: ", ") + ". ")
        }
        let byName = Dictionary(places.map { ($0.name, $0.variable) }, uniquingKeysWith: { first, _ in first })
        for (name, tensor) in given {
            guard let place = byName[name], place.tensor.shape != tensor.shape else { continue }
            problems.append("size mismatch for \(name): copying a param with shape \(Shape.torchSize(tensor.shape)) from checkpoint, the shape in current model is \(Shape.torchSize(place.tensor.shape)).")
        }
        if !problems.isEmpty {
            throw PythonError(.runtimeError, "Error(s) in loading state_dict for \(typeName):\n\t" + problems.joined(separator: "\n\t"))
        }
        try GradMode.withDisabled {
            for (name, tensor) in given {
                if let place = byName[name] { try place.overwrite(with: tensor) }
            }
        }
        return (missing, unexpected)
    }

    /// `add_module(name, module)` and `self.name = module`.
    func addModule(_ name: String, _ value: Value) throws {
        if value.isNone {
            try registerModule(name, nil)
            return
        }
        guard let module = ModuleInstance.module(from: value) else {
            throw PythonError(.typeError, "\(value.torchTypeName) is not a Module subclass")
        }
        if (dict[name] != nil || cls.lookup(name) != nil) && !moduleRegistry.contains(name) {
            throw PythonError(.keyError, "\"attribute '\(name)' already exists\"")
        }
        try registerModule(name, module)
    }

    /// `model(...)`: `forward`, with the call traced when `trace(...)` is running.
    func callModule(_ arguments: Arguments, in interpreter: Interpreter) throws -> Value {
        if let trace = interpreter.activeTrace, arguments.positional.count == 1, arguments.keywords.isEmpty,
           let input = arguments.positional[0].tensorObject {
            let state = interpreter.frameworkState
            if state.traceRoot !== self {
                let name = state.traceRoot?.namedModules().first { $0.module === self }?.name
                trace.heading((name.map { "(\($0)) " } ?? "") + description.replacingOccurrences(of: "\n", with: " "))
            }
            return .tensor(try trace.run(self, input.tensor))
        }
        if !hasPythonForward, let native, !(native is LossLayer), arguments.keywords.isEmpty, arguments.positional.count == 1,
           let input = arguments.positional[0].tensorObject {
            return .tensor(try native.forward(input.tensor))
        }
        return try interpreter.callAttribute(.object(self), "forward", arguments)
    }

    /// `Module.forward`: the built-in layer's computation (a plain `nn.Module` has none).
    func nativeForward(_ arguments: Arguments, in interpreter: Interpreter) throws -> Value {
        guard let native else {
            throw PythonError(.notImplementedError, "Module [\(typeName)] is missing the required \"forward\" function")
        }
        if let loss = native as? LossLayer {
            let bound = try Signature(parsing: "\(typeName).forward(input, target)").bind(arguments)
            return .tensor(try loss.loss(try bound.tensor("input"), try bound.tensor("target")))
        }
        let bound = try Signature(parsing: "\(typeName).forward(input)").bind(arguments)
        guard let input = bound["input"].tensorObject else {
            throw PythonError(.typeError, "\(typeName).forward(): argument 'input' (position 1) must be Tensor, not \(bound["input"].typeName)")
        }
        if let trace = interpreter.activeTrace, let traceable = native as? TraceableModule {
            return .tensor(try traceable.forward(input.tensor, trace: trace))
        }
        return .tensor(try native.forward(input.tensor))
    }
}

/// A loss as a module (`nn.MSELoss()` is an `nn.Module` in PyTorch): printed in a model,
/// called with a prediction and a target.
final class LossLayer: Module {
    let loss: Loss
    var training = true
    init(_ loss: Loss) { self.loss = loss }
    var typeName: String { loss.typeName }
    func forward(_ input: Tensor) throws -> Tensor {
        throw PythonError(.typeError, "\(typeName).forward() missing 1 required positional argument: 'target'")
    }
    func copy() throws -> Module { copyFlags(to: LossLayer(loss)) }
}

/// Converts every floating parameter and buffer of `module` to `dtype` in place, as PyTorch's
/// `module.double()` / `module.to(dtype)` do: each parameter keeps its identity (and its place
/// in optimizers), its values and gradient become the new dtype.
func convertFloatingState(of module: ModuleInstance, to dtype: DType) throws {
    try GradMode.withDisabled {
        for (_, variable) in module.stateEntries() where variable.tensor.dtype.isFloatingPoint && variable.tensor.dtype != dtype {
            variable.tensor = variable.tensor.replacingData(with: try variable.tensor.detached().converted(to: dtype))
            if let gradient = variable.grad { variable.grad = try gradient.converted(to: dtype) }
        }
    }
}

/// `torch.float16` and `torch.bfloat16`: they exist so that code naming them reads, and every
/// use says why regtutor has no half-precision floats.
final class UnsupportedDType: PythonObject, @unchecked Sendable {
    let name: String
    init(name: String) { self.name = name }
    var typeName: String { "dtype" }
    var classKey: String { "torch.dtype" }
    func repr(in interpreter: Interpreter) throws -> String { "torch.\(name)" }
    var error: PythonError {
        PythonError(.typeError, "regtutor has no half-precision floats: torch.\(name) is not available; use torch.float32 or torch.float64")
    }
}
