import NeuralNet
import Regularization
import TensorEngine

/// The table of built-ins: every function, method, property and class regtutor provides, and
/// the modules (`torch`, `torch.nn`, `math`...) that `import` binds, built from it.
///
/// Everything that needs to know what exists reads this one table: calls (argument checking),
/// `help()`, `:help`, completion and "Did you mean" suggestions.
final class Builtins: @unchecked Sendable {
    static let shared = Builtins()

    /// Every entry, in the order the namespaces list them.
    let entries: [Builtin]
    /// Python's built-in names (`print`, `len`, `ValueError`...).
    private(set) var pythonBuiltins: [String: Value] = [:]
    /// Importable modules by dotted path.
    private(set) var modules: [String: ModuleObject] = [:]
    /// Methods and properties by type key ("Tensor", "list", "str", "Module"...).
    private var methods: [String: [String: Builtin]] = [:]
    private var methodOrder: [String: [String]] = [:]

    private init() {
        entries = Builtins.pythonFunctions() + Builtins.stringMethods() + Builtins.containerMethods()
            + Builtins.torchFunctions() + Builtins.tensorMethods() + Builtins.tensorProperties()
            + Builtins.nnClasses() + Builtins.moduleMethods() + Builtins.functionalFunctions()
            + Builtins.optimClasses() + Builtins.optimizerMethods() + Builtins.mathFunctions()
            + Builtins.dataClasses() + Builtins.regularizationLayers() + Builtins.regularizationFunctions()
            + Builtins.tutorFunctions() + Builtins.kerasRegularizers() + Builtins.kerasConstraints() + Builtins.kerasCallbacks()
            + Builtins.kerasLayers() + Builtins.visionTransforms() + Builtins.visionFunctional() + Builtins.augmentFunctions()
            + Builtins.datasetFunctions() + Builtins.plottingFunctions()
        for entry in entries { register(entry) }
        for kind in [PythonError.Kind.valueError, .typeError, .runtimeError, .indexError, .keyError, .nameError,
                     .attributeError, .zeroDivisionError, .assertionError, .notImplementedError, .exception,
                     .overflowError, .stopIteration, .recursionError, .keyboardInterrupt] {
            pythonBuiltins[kind.rawValue] = .object(ExceptionType(kind))
        }
        addConstants()
        addAliases()
        linkSubmodules()
    }

    private func register(_ entry: Builtin) {
        switch entry.kind {
        case .method, .property:
            methods[entry.owner, default: [:]][entry.name] = entry
            methodOrder[entry.owner, default: []].append(entry.name)
        case .function, .type:
            if entry.owner.isEmpty {
                pythonBuiltins[entry.name] = .object(entry)
            } else {
                module(Builtins.modulePath(of: entry.owner)).add(entry.name, .object(entry))
            }
        }
    }

    private func module(_ path: String) -> ModuleObject {
        if let existing = modules[path] { return existing }
        let created = ModuleObject(path: path)
        modules[path] = created
        return created
    }

    /// The import path of a namespace: "nn" is `torch.nn`, "F" is `torch.nn.functional`.
    static func modulePath(of owner: String) -> String {
        switch owner {
        case "nn": return "torch.nn"
        case "F": return "torch.nn.functional"
        case "optim": return "torch.optim"
        case "lr_scheduler": return "torch.optim.lr_scheduler"
        case "nn.utils": return "torch.nn.utils"
        case "nn.init": return "torch.nn.init"
        case "data": return "torch.utils.data"
        case "regularizers", "constraints", "callbacks", "layers": return "keras." + owner
        case "transforms": return "torchvision.transforms"
        case "TF": return "torchvision.transforms.functional"
        default: return owner
        }
    }

    private func addConstants() {
        let torch = module("torch")
        for (names, dtype) in [(["float32", "float"], DType.float32), (["int64", "long"], .int64), (["bool"], .bool)] {
            let object = Value.object(DTypeObject(dtype))
            for name in names { torch.add(name, object) }
        }
        let math = module("math")
        math.add("pi", .float(Double.pi))
        math.add("e", .float(2.718281828459045))
        math.add("inf", .float(.infinity))
        math.add("nan", .float(.nan))
        torch.add("pi", .float(Double.pi))
        torch.add("inf", .float(.infinity))
        torch.add("nan", .float(.nan))
    }

    /// Keras is importable as `keras` and as `tensorflow.keras`; torchvision's v2 transforms are
    /// the same as its transforms here.
    private func addAliases() {
        for name in ["regularizers", "constraints", "callbacks", "layers"] {
            modules["tensorflow.keras." + name] = module("keras." + name)
        }
        modules["torchvision.transforms.v2"] = module("torchvision.transforms")
        module("torchvision.transforms").add("InterpolationMode", .object(InterpolationModeObject(nil)))
        module("torchvision.transforms").add("functional", .object(module("torchvision.transforms.functional")))
        let thesaurus = (try? DictObject(TextAugmentation.thesaurus.keys.sorted().map { word in
            (Value.string(word), Value.list(ListObject((TextAugmentation.thesaurus[word] ?? []).map { .string($0) })))
        })) ?? DictObject()
        module("augment").add("THESAURUS", .dict(thesaurus))
        module("datasets").add("GLYPH_NAMES", .list(ListObject(Datasets.glyphNames.map { .string($0) })))
    }

    /// `torch.nn`, `torch.optim`... are also attributes of their parents.
    private func linkSubmodules() {
        for path in ["torch.nn", "torch.nn.functional", "torch.optim", "torch.optim.lr_scheduler", "torch.nn.utils",
                     "torch.nn.init", "torch.utils", "torch.utils.data", "keras", "tensorflow", "tensorflow.keras", "torchvision"] {
            _ = module(path)
        }
        for (path, object) in modules {
            guard let dot = path.lastIndex(of: ".") else { continue }
            module(String(path[..<dot])).add(String(path[path.index(after: dot)...]), .object(object))
        }
    }

    // MARK: Look-ups

    /// A method or property of a type ("Tensor", "list", "Module"...).
    func method(_ name: String, ofType type: String) -> Builtin? {
        if let found = methods[type]?[name] { return found }
        if let parent = Builtins.parentType[type] { return method(name, ofType: parent) }
        return nil
    }

    /// The method and property names of a type, for completion and suggestions.
    func methodNames(ofType type: String) -> [String] {
        var names = methodOrder[type] ?? []
        if let parent = Builtins.parentType[type] { names += methodNames(ofType: parent) }
        return names
    }

    /// Types that share another type's methods.
    static let parentType: [String: String] = ["Parameter": "Tensor", "Size": "tuple", "bool": "int"]

    /// The key of a value's methods in the table.
    static func typeKey(of value: Value) -> String {
        switch value {
        case .tensor: return "Tensor"
        case .object(let object): return object.methodTable
        default: return value.typeName
        }
    }

    /// An entry by the name a student would type: `torch.zeros`, `nn.Linear`, `Tensor.sum`,
    /// `x.sum` is not known here (the REPL resolves values itself).
    func entry(named name: String) -> Builtin? {
        if let exact = entries.first(where: { $0.qualifiedName == name }) { return exact }
        let aliases = ["torch.nn.functional.": "F.", "torch.nn.": "nn.", "torch.optim.": "optim.", "torch.Tensor.": "Tensor.",
                       "tensorflow.keras.": "", "keras.": "", "torchvision.transforms.functional.": "TF.",
                       "torchvision.transforms.": "transforms."]
        for (long, short) in aliases where name.hasPrefix(long) {
            if let found = entries.first(where: { $0.qualifiedName == short + name.dropFirst(long.count) }) { return found }
        }
        return entries.first { $0.name == name && $0.owner.isEmpty }
    }
}

extension PythonObject {
    var methodTable: String { typeName }
}
