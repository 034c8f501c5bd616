import Keras
import NeuralNet
import Python
import Regularization
import TensorEngine

/// An `nn.Module` as Python code sees it, and as the engine sees it: an instance of a module
/// class that is also a `Module`, so optimizers, `fit`, `trace` and clipping take it.
///
/// PyTorch's rules hold: assigning an `nn.Parameter`, a module, or (for a registered name)
/// `None` to `self.x` registers it, in assignment order, once `Module.__init__` has run; calling
/// the module calls `forward`. A built-in layer (`nn.Linear`) is an instance whose `native`
/// layer holds its weights and computes its output; a student's subclass of it adds its own
/// parameters and buffers and may override `forward`.
final class ModuleInstance: Instance, TraceableModule {
    /// The built-in layer behind this module, when its class is or derives from one.
    var native: Module?
    /// PyTorch's `_parameters`, `_buffers` and `_modules`: what was registered, in order. A name
    /// registered as None is kept (it prints and appears in nothing else).
    private(set) var parameterRegistry = Registry<Variable>()
    private(set) var bufferRegistry = Registry<Variable>()
    private(set) var moduleRegistry = Registry<Module>()
    /// Buffers registered with `persistent=False`: not in the state dict.
    private(set) var nonPersistentBuffers: Set<String> = []
    /// False until `Module.__init__` has run.
    var isInitialized = false
    private var isTraining = true
    init(_ cls: ClassObject, interpreter: Interpreter) {
        super.init(cls, interpreter: interpreter)
    }

    // MARK: Module

    var training: Bool {
        get { isTraining }
        set {
            isTraining = newValue
            native?.training = newValue
        }
    }

    var ownParameters: [(name: String, variable: Variable)] {
        (native?.ownParameters ?? []) + parameterRegistry.present.map { (name: $0.0, variable: $0.1) }
    }

    var ownBuffers: [(name: String, variable: Variable)] {
        (native?.ownBuffers ?? []) + bufferRegistry.present.map { (name: $0.0, variable: $0.1) }
    }

    /// The buffers that belong in the state dict.
    var persistentBuffers: [(name: String, variable: Variable)] {
        ownBuffers.filter { !nonPersistentBuffers.contains($0.name) }
    }

    var children: [(name: String, module: Module)] {
        (native?.children ?? []) + moduleRegistry.present.map { (name: $0.0, module: $0.1) }
    }

    var extraDescription: String {
        if let interpreter, let found = cls.lookup("extra_repr"), found.owner !== NNModule.base,
           let text = try? interpreter.callAttribute(.object(self), "extra_repr", Arguments()), case .string(let s) = text {
            return s
        }
        return native?.extraDescription ?? ""
    }

    /// PyTorch's printed form: the class's own `__repr__` if it has one; a ModuleList groups
    /// repeated layers (`(0-1): 2 x Linear(...)`), as PyTorch does.
    var description: String {
        if let interpreter, cls.lookup("__repr__")?.value.object(as: FunctionObject.self) != nil,
           let text = try? repr(in: interpreter) {
            return text
        }
        guard cls.isSubclass(of: NNContainers.moduleList), !children.isEmpty else { return printedWithEmptySlots }
        var groups: [(start: Int, end: Int, text: String)] = []
        for (index, child) in children.enumerated() {
            let text = child.module.description
            if let last = groups.last, last.text == text {
                groups[groups.count - 1].end = index
            } else {
                groups.append((index, index, text))
            }
        }
        let lines = groups.map { group in
            (group.start == group.end ? "(\(group.start)): \(group.text)" : "(\(group.start)-\(group.end)): \(group.end - group.start + 1) x \(group.text)")
                .replacingOccurrences(of: "\n", with: "\n  ")
        }
        return typeName + "(\n  " + lines.joined(separator: "\n  ") + "\n)"
    }

    /// PyTorch's `Module.__repr__`, with a sub-module registered as None shown as `(name): None`.
    private var printedWithEmptySlots: String {
        guard moduleRegistry.names.contains(where: { moduleRegistry[$0] == nil }) else { return standardDescription }
        let extraLines = extraDescription.isEmpty ? [] : extraDescription.split(separator: "\n").map(String.init)
        let childLines = (native?.children ?? []).map { "(\($0.name)): " + $0.module.description.replacingOccurrences(of: "\n", with: "\n  ") }
            + moduleRegistry.names.map { name in
                "(\(name)): " + (moduleRegistry[name]?.description.replacingOccurrences(of: "\n", with: "\n  ") ?? "None")
            }
        let lines = extraLines + childLines
        return typeName + "(\n  " + lines.joined(separator: "\n  ") + "\n)"
    }

    /// True when the class (a student's) defines `forward` in Python.
    var hasPythonForward: Bool {
        guard let found = cls.lookup("forward") else { return false }
        return found.value.object(as: FunctionObject.self) != nil
    }

    func forward(_ input: Tensor) throws -> Tensor {
        if !hasPythonForward, let native { return try native.forward(input) }
        guard let interpreter else { throw PythonError(.runtimeError, "the module's session has ended") }
        let output = try interpreter.callAttribute(.object(self), "forward", Arguments([.tensor(input)]))
        guard let tensor = output.tensorObject else {
            throw PythonError(.typeError, "\(typeName).forward() returned \(output.typeName), but a tensor is needed here")
        }
        return tensor.tensor
    }

    func forward(_ input: Tensor, trace: Trace?) throws -> Tensor {
        guard let trace else { return try forward(input) }
        if !hasPythonForward, let native {
            if let traceable = native as? TraceableModule { return try traceable.forward(input, trace: trace) }
            return try trace.run(native, input)
        }
        if !hasPythonForward && cls.lookup("forward")?.owner.name == "Sequential" {
            var x = input
            for (name, layer) in children {
                trace.heading("(\(name)) " + layer.description.replacingOccurrences(of: "\n", with: " "))
                x = try trace.run(layer, x)
            }
            return x
        }
        return try forward(input)
    }

    func copy() throws -> Module {
        guard let interpreter, case .object(let copied as ModuleInstance) = try interpreter.deepCopy(.object(self)) else {
            throw PythonError(.runtimeError, "the module's session has ended")
        }
        return copied
    }

    func replaceParameter(named name: String, with variable: Variable?) -> Bool {
        if parameterRegistry.contains(name) {
            parameterRegistry[name] = variable
            return true
        }
        return native?.replaceParameter(named: name, with: variable) ?? false
    }

    // MARK: Registration

    func registerParameter(_ name: String, _ variable: Variable?) throws {
        try checkRegistrable(name, what: "parameter")
        if native?.ownParameters.contains(where: { $0.name == name }) == true, native?.replaceParameter(named: name, with: variable) == true {
            return
        }
        dict.remove(name)
        bufferRegistry.remove(name)
        moduleRegistry.remove(name)
        parameterRegistry[name] = variable
    }

    func registerBuffer(_ name: String, _ variable: Variable?, persistent: Bool) throws {
        try checkRegistrable(name, what: "buffer")
        if parameterRegistry.contains(name) || dict[name] != nil && !bufferRegistry.contains(name) {
            throw PythonError(.keyError, "\"attribute '\(name)' already exists\"")
        }
        bufferRegistry[name] = variable
        if persistent { nonPersistentBuffers.remove(name) } else { nonPersistentBuffers.insert(name) }
    }

    func registerModule(_ name: String, _ module: Module?) throws {
        try checkRegistrable(name, what: "module")
        dict.remove(name)
        parameterRegistry.remove(name)
        bufferRegistry.remove(name)
        moduleRegistry[name] = module
    }

    /// Removes a registered sub-module (`del model[0]` on a Sequential).
    func unregisterModule(_ name: String) {
        moduleRegistry.remove(name)
    }

    /// Replaces all sub-modules at once (a Sequential's `insert`, `del`, slicing).
    func setModules(_ modules: [(name: String, module: Module)]) {
        moduleRegistry = Registry()
        for (name, module) in modules { moduleRegistry[name] = module }
    }

    private func checkRegistrable(_ name: String, what: String) throws {
        guard isInitialized else {
            throw PythonError(.attributeError, "cannot assign \(what == "module" ? "module" : what + "s") before Module.__init__() call")
        }
        if name.contains(".") { throw PythonError(.keyError, "\"\(what) name can't contain \\\".\\\"\"") }
        if name.isEmpty { throw PythonError(.keyError, "\"\(what) name can't be empty string \\\"\\\"\"") }
    }

    // MARK: Attributes (PyTorch's Module.__getattr__ and __setattr__)

    override func nativeAttribute(_ name: String, in interpreter: Interpreter) throws -> Value? {
        if name == "training" { return .bool(isTraining) }
        if let entry = parameterRegistry.entry(name) { return entry.map { .tensor(TensorObject($0)) } ?? Value.none }
        if let entry = bufferRegistry.entry(name) { return entry.map { .tensor(TensorObject($0)) } ?? Value.none }
        if let entry = moduleRegistry.entry(name) { return entry.map(ModuleInstance.value) ?? Value.none }
        if let native {
            if let parameter = native.ownParameters.first(where: { $0.name == name }) { return .tensor(TensorObject(parameter.variable)) }
            if let buffer = native.ownBuffers.first(where: { $0.name == name }) { return .tensor(TensorObject(buffer.variable)) }
            if let setting = ModuleSettings.attribute(name, of: native) { return setting }
        }
        if name == "losses" { return .list(try penalties()) }
        return nil
    }

    /// The penalties of every Keras-style regularizer in the model (`model.losses`).
    func penalties() throws -> [Value] {
        try parameters().compactMap { p in try p.penalty.map { Value.tensor(try $0(p.tensor)) } }
    }

    override func setNativeAttribute(_ name: String, to value: Value, in interpreter: Interpreter) throws -> Bool {
        if name == "training" {
            guard case .bool(let flag) = value else { throw PythonError(.typeError, "training must be a bool, not \(value.typeName)") }
            isTraining = flag
            native?.training = flag
            return true
        }
        if let parameter = value.tensorObject, parameter.isParameter {
            try registerParameter(name, parameter.variable)
            return true
        }
        if isNamedParameter(name) {
            guard value.isNone else {
                throw PythonError(.typeError, "cannot assign '\(value.torchTypeName)' as parameter '\(name)' (torch.nn.Parameter or None expected)")
            }
            try registerParameter(name, nil)
            return true
        }
        if let module = ModuleInstance.module(from: value) {
            try registerModule(name, module)
            return true
        }
        if moduleRegistry.contains(name) {
            guard value.isNone else {
                throw PythonError(.typeError, "cannot assign '\(value.torchTypeName)' as child module '\(name)' (torch.nn.Module or None expected)")
            }
            moduleRegistry[name] = nil
            return true
        }
        if bufferRegistry.contains(name) || native?.ownBuffers.contains(where: { $0.name == name }) == true {
            if value.isNone {
                bufferRegistry[name] = nil
                return true
            }
            guard let tensor = value.tensorObject else {
                throw PythonError(.typeError, "cannot assign '\(value.torchTypeName)' as buffer '\(name)' (torch.Tensor or None expected)")
            }
            if let nativeBuffer = native?.ownBuffers.first(where: { $0.name == name }) {
                nativeBuffer.variable.tensor = tensor.tensor.detached()
            } else {
                bufferRegistry[name] = tensor.variable
            }
            return true
        }
        if let native, try ModuleSettings.set(name, to: value, of: native) { return true }
        return false
    }

    private func isNamedParameter(_ name: String) -> Bool {
        parameterRegistry.contains(name) || native?.ownParameters.contains { $0.name == name } == true
    }

    override func deleteNativeAttribute(_ name: String, in interpreter: Interpreter) throws -> Bool {
        if parameterRegistry.remove(name) || bufferRegistry.remove(name) || moduleRegistry.remove(name) {
            nonPersistentBuffers.remove(name)
            return true
        }
        return false
    }

    override var nativeAttributeNames: [String] {
        var names = ["training"] + parameterRegistry.names + bufferRegistry.names + moduleRegistry.names
        if let native {
            names += native.ownParameters.map(\.name) + native.ownBuffers.map(\.name) + ModuleSettings.names(of: native)
        }
        return names
    }

    override func copyNativeState(from original: Instance, _ copier: DeepCopier) throws {
        guard let original = original as? ModuleInstance else { return }
        interpreter = original.interpreter
        isInitialized = original.isInitialized
        isTraining = original.isTraining
        nonPersistentBuffers = original.nonPersistentBuffers
        native = try original.native.map { try copier.copy(module: $0) }
        for name in original.parameterRegistry.names {
            parameterRegistry[name] = try original.parameterRegistry.entry(name)?.map { try copier.copy(variable: $0) }
        }
        for name in original.bufferRegistry.names {
            bufferRegistry[name] = try original.bufferRegistry.entry(name)?.map { try copier.copy(variable: $0) }
        }
        for name in original.moduleRegistry.names {
            moduleRegistry[name] = try original.moduleRegistry.entry(name)?.map { try copier.copy(module: $0) }
        }
    }

    // MARK: Values

    /// The Python value of an engine module: the instance itself, or a new instance around a
    /// module the engine made.
    static func value(_ module: Module) -> Value {
        if let instance = module as? ModuleInstance { return .object(instance) }
        if let layer = module as? Keras.Layer { return .object(KerasLayerObject.of(layer)) }
        return .object(NativeModuleValue(module))
    }

    /// The engine module a Python value is, if it is one.
    static func module(from value: Value) -> Module? {
        switch value {
        case .object(let instance as ModuleInstance): return instance
        case .object(let wrapped as NativeModuleValue): return wrapped.module
        case .object(let layer as KerasLayerObject):
            // Handed to PyTorch (an nn.Sequential, a module's attribute), a Keras layer follows
            // PyTorch's train()/eval() from then on.
            layer.followsTorchMode = true
            return layer.layer
        default: return nil
        }
    }
}

/// Names registered in order, each holding a value or None (PyTorch keeps `None` entries).
struct Registry<Element> {
    private(set) var names: [String] = []
    private var values: [String: Element?] = [:]

    func contains(_ name: String) -> Bool { values[name] != nil }

    /// The entry: nil when the name is not registered, `.some(nil)` when it is registered as None.
    func entry(_ name: String) -> Element?? { values[name] }

    subscript(name: String) -> Element? {
        get { values[name] ?? nil }
        set {
            if values[name] == nil { names.append(name) }
            values[name] = .some(newValue)
        }
    }

    @discardableResult
    mutating func remove(_ name: String) -> Bool {
        guard values.removeValue(forKey: name) != nil else { return false }
        names.removeAll { $0 == name }
        return true
    }

    /// The entries that hold a value, in order.
    var present: [(String, Element)] {
        names.compactMap { name in (values[name] ?? nil).map { (name, $0) } }
    }
}

/// A module the engine made on its own (not from Python), shown to Python as a module.
final class NativeModuleValue: PythonObject {
    let module: Module
    init(_ module: Module) { self.module = module }
    var typeName: String { module.typeName }
    func repr(in interpreter: Interpreter) throws -> String { module.description }
    var identity: ObjectIdentifier { ObjectIdentifier(module) }
}

extension Value {
    /// The type name PyTorch's messages use (`torch.FloatTensor` for tensors).
    var torchTypeName: String {
        if isTensor { return "torch.FloatTensor" }
        return typeName
    }
}

extension Interpreter {
    /// `copy.deepcopy(value)`.
    func deepCopy(_ value: Value) throws -> Value {
        try DeepCopier(interpreter: self).copy(value)
    }
}

extension DeepCopier {
    /// A copy of a parameter or buffer, made once however often it is reached (tied weights stay tied).
    func copy(variable: Variable) throws -> Variable {
        if case .object(let done as TensorObject)? = memoized(variable) { return done.variable }
        let copied = try variable.copied()
        remember(variable, as: .tensor(TensorObject(copied)))
        return copied
    }

    /// A copy of a module, made once however often it is reached.
    func copy(module: Module) throws -> Module {
        if let instance = module as? ModuleInstance, case .object(let copied as ModuleInstance) = try copy(.object(instance)) {
            return copied
        }
        if case .object(let done as NativeModuleValue)? = memoized(module) { return done.module }
        let copied = try module.copy()
        remember(module, as: .object(NativeModuleValue(copied)))
        return copied
    }
}
