/// A class: what `class Net(nn.Module):` makes, and what `int`, `ValueError` and `nn.Linear` are.
///
/// A class has a name, its bases and their method resolution order (C3, as Python computes it),
/// and a namespace of attributes (methods, class attributes, properties). Calling it makes an
/// instance: a built-in class with a `constructor` runs it; any other class allocates an
/// `Instance` (or, below a native base such as `nn.Module`, the base's own kind of instance)
/// and calls `__init__`.
///
/// ```python
/// class Net(nn.Module):
///     def __init__(self):
///         super().__init__()
///         self.fc = nn.Linear(2, 1)
/// Net.__mro__   # (Net, Module, object)
/// ```
public final class ClassObject: PythonObject, @unchecked Sendable {
    /// `__name__`.
    public let name: String
    /// `__module__`: "builtins", "__main__", "torch.nn"...
    public let module: String
    /// `__bases__`.
    public private(set) var bases: [ClassObject]
    /// `__mro__`: this class first, `object` last.
    public private(set) var mro: [ClassObject] = []
    /// The attributes defined in the class body (or by the library, for a built-in class).
    public private(set) var namespace = Namespace()
    /// Makes a blank instance of a subclass (set on native bases such as `BaseException` or
    /// `nn.Module`; inherited down the MRO). Nil on `object` means a plain `Instance`.
    public var makeInstance: ((ClassObject, Interpreter) -> Instance)?
    /// What `help()` shows for a library class that can be subclassed (`nn.Linear`): how to
    /// make one, its documentation and an example.
    public var documentation: Builtin?
    /// For built-in classes whose values are not instances (`int`, `list`, `optim.SGD`): calling
    /// the class runs this table entry instead of `__init__`.
    public var constructor: Builtin?
    /// Built-in classes that cannot be subclassed say so (`bool`, `int`...).
    public var allowsSubclassing: Bool
    /// The module path shown by `repr` when it differs from `module` (PyTorch's
    /// `torch.nn.modules.linear` for `nn.Linear`).
    public var reprModule: String?
    /// Where a user class was defined, for `help()`.
    var definitionFile: String?

    /// A class with the given bases; its MRO is computed here.
    public init(name: String, module: String, bases: [ClassObject], allowsSubclassing: Bool = true) throws {
        self.name = name
        self.module = module
        self.bases = bases
        self.allowsSubclassing = allowsSubclassing
        mro = [self] + (try ClassObject.linearize(bases, for: name))
    }

    /// A root class with no bases (`object`).
    init(root name: String) {
        self.name = name
        self.module = "builtins"
        self.bases = []
        self.allowsSubclassing = true
        mro = [self]
    }

    public var typeName: String { "type" }
    public var classKey: String { "type" }
    public var isCallable: Bool { true }
    public var isBuiltin: Bool { module != "__main__" }

    /// `__doc__`.
    public var doc: String? {
        if case .string(let text)? = namespace["__doc__"] { return text }
        return (documentation ?? constructor)?.doc
    }

    // MARK: Attributes

    /// Finds `name` along the MRO: the value and the class that defines it.
    public func lookup(_ name: String) -> (value: Value, owner: ClassObject)? {
        for cls in mro {
            if let value = cls.namespace[name] { return (value, cls) }
        }
        return nil
    }

    /// Defines or replaces an attribute.
    public func define(_ name: String, _ value: Value) {
        namespace[name] = value
    }

    /// True when `self` is `other` or derives from it.
    public func isSubclass(of other: ClassObject) -> Bool {
        mro.contains { $0 === other }
    }

    /// The nearest allocator of a native base, if any.
    var allocator: ((ClassObject, Interpreter) -> Instance)? {
        for cls in mro { if let make = cls.makeInstance { return make } }
        return nil
    }

    public func attribute(_ name: String, in interpreter: Interpreter) throws -> Value? {
        switch name {
        case "__name__", "__qualname__": return .string(self.name)
        case "__module__": return .string(module)
        case "__doc__": return doc.map { .string($0) } ?? Value.none
        case "__mro__": return .tuple(mro.map { .object($0) })
        case "__bases__": return .tuple(bases.map { .object($0) })
        case "__dict__": return .dict(DictObject(strings: namespace.pairs))
        default: break
        }
        guard let (value, _) = lookup(name) else { return nil }
        return try Descriptors.classAttribute(value, of: self, in: interpreter)
    }

    public func quietAttribute(_ name: String, in interpreter: Interpreter) -> Value? {
        try? attribute(name, in: interpreter)
    }

    public func setAttribute(_ name: String, to value: Value, in interpreter: Interpreter) throws {
        guard !isBuiltin else {
            throw PythonError(.typeError, "cannot set '\(name)' attribute of immutable type '\(self.name)'")
        }
        namespace[name] = value
    }

    public func deleteAttribute(_ name: String, in interpreter: Interpreter) throws {
        guard !isBuiltin else {
            throw PythonError(.typeError, "cannot delete '\(name)' attribute of immutable type '\(self.name)'")
        }
        guard namespace.remove(name) != nil else {
            throw PythonError(.attributeError, "type object '\(self.name)' has no attribute '\(name)'")
        }
    }

    public var attributeNames: [String] {
        var seen = Set<String>()
        return mro.flatMap(\.namespace.names).filter { seen.insert($0).inserted }
    }

    // MARK: Calling

    /// `Class(...)`: a new instance, initialised by `__init__`.
    public func call(_ arguments: Arguments, in interpreter: Interpreter) throws -> Value {
        if let constructor { return try constructor.call(arguments, in: interpreter) }
        let instance = allocator?(self, interpreter) ?? Instance(self, interpreter: interpreter)
        try initialise(instance, arguments, in: interpreter)
        return .object(instance)
    }

    /// Runs `__init__` on a fresh instance; `object.__init__` takes no arguments.
    func initialise(_ instance: Instance, _ arguments: Arguments, in interpreter: Interpreter) throws {
        guard let (initializer, _) = lookup("__init__") else {
            if !arguments.positional.isEmpty || !arguments.keywords.isEmpty {
                throw PythonError(.typeError, "\(name)() takes no arguments")
            }
            return
        }
        let result = try interpreter.callMethod(initializer, on: .object(instance), arguments)
        guard result.isNone else {
            throw PythonError(.typeError, "__init__() should return None, not '\(result.typeName)'")
        }
    }

    public func repr(in interpreter: Interpreter) throws -> String {
        let path = reprModule ?? module
        return path == "builtins" ? "<class '\(name)'>" : "<class '\(path).\(name)'>"
    }

    // MARK: Method resolution order

    /// C3 linearization of the bases' MROs, as Python computes `__mro__`.
    private static func linearize(_ bases: [ClassObject], for name: String) throws -> [ClassObject] {
        var sequences = bases.map(\.mro) + [bases]
        var result: [ClassObject] = []
        while true {
            sequences = sequences.filter { !$0.isEmpty }
            if sequences.isEmpty { return result }
            let candidate = sequences.lazy.map { $0[0] }.first { head in
                !sequences.contains { sequence in sequence.dropFirst().contains { $0 === head } }
            }
            guard let next = candidate else {
                throw PythonError(.typeError, "Cannot create a consistent method resolution order (MRO) for bases of \(name)")
            }
            result.append(next)
            sequences = sequences.map { $0[0] === next ? Array($0.dropFirst()) : $0 }
        }
    }
}

/// An insertion-ordered table of names: a class body's attributes, an instance's `__dict__`.
public struct Namespace {
    private var values: [String: Value] = [:]
    public private(set) var names: [String] = []

    public init() {}

    public subscript(name: String) -> Value? {
        get { values[name] }
        set {
            if let newValue {
                if values.updateValue(newValue, forKey: name) == nil { names.append(name) }
            } else {
                remove(name)
            }
        }
    }

    @discardableResult
    public mutating func remove(_ name: String) -> Value? {
        guard let removed = values.removeValue(forKey: name) else { return nil }
        names.removeAll { $0 == name }
        return removed
    }

    public var pairs: [(String, Value)] { names.compactMap { name in values[name].map { (name, $0) } } }
    public var isEmpty: Bool { names.isEmpty }
}
