import Foundation

/// The table of built-ins: every function, method, property and class a session knows, and the
/// modules `import` binds, built from it.
///
/// Everything that needs to know what exists reads this one table: calls (argument checking),
/// `help()`, `:help`, completion and "Did you mean" suggestions. Python's own built-ins form
/// `BuiltinTable.python`; a library extends them with its `Library` of names:
///
/// ```swift
/// let table = BuiltinTable(libraries: [.python, myLibrary])
/// let session = Interpreter(builtins: table)
/// ```
public final class BuiltinTable: @unchecked Sendable {
    /// Python's built-ins alone.
    public static let python = BuiltinTable(libraries: [.python])

    /// What a library adds to the table.
    public struct Library {
        /// Functions, methods, properties and classes, each with its namespace (`owner`).
        public var entries: [Builtin] = []
        /// Classes made by the library itself (subclassable ones such as `nn.Module`), by the
        /// namespace they belong to and the key their instances give as `classKey`.
        public var classes: [(owner: String, key: String, cls: ClassObject)] = []
        /// The import path of each namespace: "nn" is "torch.nn".
        public var ownerPaths: [String: String] = [:]
        /// Values that are not functions (`math.pi`, `torch.float32`), by module path.
        public var constants: [(module: String, name: String, value: Value)] = []
        /// Modules importable under a second path (`tensorflow.keras.layers` is `keras.layers`).
        public var aliases: [(alias: String, module: String)] = []
        /// Modules that exist only as parents of others (`torch.utils`), so `import` finds them.
        public var packages: [String] = []
        /// Names whose NameError suggests an import: "np" → "import numpy as np".
        public var importHints: [String: String] = [:]
        /// What the "No module named" error lists as importable.
        public var importable: [String] = []
        /// Types that share another type's methods ("bool" uses "int"'s).
        public var parentTypes: [String: String] = [:]
        /// Bases of the classes made from `.type` entries, by class key ("bool" derives from "int").
        public var classBases: [String: String] = [:]
        /// Classes that cannot be subclassed at all (`bool`), by class key.
        public var finalClasses: Set<String> = []
        /// Runs when a session starts (a library sets up its per-session state).
        public var sessionSetUp: [(Interpreter) -> Void] = []
        /// What `help()` with no argument prints (the last library's wins).
        public var introduction: String?

        public init() {}
    }

    /// Every entry, in the order the libraries list them.
    public let entries: [Builtin]
    /// Python's built-in names (`print`, `len`, `ValueError`...).
    public private(set) var pythonBuiltins: [String: Value] = [:]
    /// Importable modules by dotted path.
    public private(set) var modules: [String: ModuleObject] = [:]
    /// The root of every class.
    public let objectClass: ClassObject
    /// Methods and properties by type key ("str", "list", "Tensor", "Module"...).
    private var methods: [String: [String: Builtin]] = [:]
    private var methodOrder: [String: [String]] = [:]
    /// Classes by the key their instances name (`classKey`).
    private var classes: [String: ClassObject] = [:]
    private let classLock = NSLock()
    private var ownerPaths: [String: String] = [:]
    /// Second import paths of modules (`tensorflow.keras.layers` → `keras.layers`).
    private var aliases: [String: String] = [:]
    private(set) var parentTypes: [String: String] = [:]
    private(set) var importHints: [String: String] = [:]
    /// What the "No module named" error lists.
    public private(set) var importable: [String] = []
    private(set) var sessionSetUp: [(Interpreter) -> Void] = []
    /// What `help()` with no argument prints.
    public private(set) var introduction = "Python, as regtutor speaks it. help(name) explains a built-in: help(len), help(str.split)."

    public init(libraries: [Library]) {
        objectClass = ExceptionClasses.shared.object
        entries = libraries.flatMap(\.entries)
        for library in libraries {
            ownerPaths.merge(library.ownerPaths) { $1 }
            parentTypes.merge(library.parentTypes) { $1 }
            importHints.merge(library.importHints) { $1 }
            importable = library.importable + importable
            sessionSetUp += library.sessionSetUp
            if let text = library.introduction { introduction = text }
        }
        classes["object"] = objectClass
        pythonBuiltins["object"] = .object(objectClass)
        for (name, cls) in ExceptionClasses.shared.all {
            pythonBuiltins[name] = .object(cls)
            classes[name] = cls
        }
        let classBases = libraries.reduce(into: [String: String]()) { $0.merge($1.classBases) { $1 } }
        let finalClasses = libraries.reduce(into: Set<String>()) { $0.formUnion($1.finalClasses) }
        for entry in entries { register(entry, classBases: classBases, finalClasses: finalClasses) }
        for library in libraries {
            for (owner, key, cls) in library.classes {
                classes[key] = cls
                if owner.isEmpty { pythonBuiltins[cls.name] = .object(cls) } else { module(modulePath(of: owner)).add(cls.name, .object(cls)) }
            }
            for (path, name, value) in library.constants { module(path).add(name, value) }
            for path in library.packages { _ = module(path) }
        }
        for library in libraries {
            for (alias, path) in library.aliases {
                modules[alias] = module(path)
                aliases[alias] = path
            }
        }
        linkSubmodules()
    }

    private func register(_ entry: Builtin, classBases: [String: String], finalClasses: Set<String>) {
        switch entry.kind {
        case .method, .property:
            methods[entry.owner, default: [:]][entry.name] = entry
            methodOrder[entry.owner, default: []].append(entry.name)
        case .function:
            if entry.owner.isEmpty {
                pythonBuiltins[entry.name] = .object(entry)
            } else {
                module(modulePath(of: entry.owner)).add(entry.name, .object(entry))
            }
        case .type:
            let key = entry.owner.isEmpty ? entry.name : entry.qualifiedName
            let base = classBases[key].flatMap { classes[$0] } ?? objectClass
            let path = entry.owner.isEmpty ? "builtins" : modulePath(of: entry.owner)
            // A base from the table itself and a fresh name: making the class cannot fail.
            guard let cls = try? ClassObject(name: entry.name, module: path, bases: [base],
                                             allowsSubclassing: !finalClasses.contains(key)) else { return }
            cls.constructor = entry
            classes[key] = cls
            if entry.owner.isEmpty {
                pythonBuiltins[entry.name] = .object(cls)
            } else {
                module(path).add(entry.name, .object(cls))
            }
        }
    }

    private func module(_ path: String) -> ModuleObject {
        if let existing = modules[path] { return existing }
        let created = ModuleObject(path: path)
        modules[path] = created
        return created
    }

    /// The import path of a namespace: with the frameworks, "nn" is `torch.nn`.
    public func modulePath(of owner: String) -> String { ownerPaths[owner] ?? owner }

    /// `torch.nn`, `torch.optim`... are also attributes of their parents.
    private func linkSubmodules() {
        for (path, object) in modules.sorted(by: { $0.key < $1.key }) {
            guard let dot = path.lastIndex(of: "."), object.path == path else { continue }
            let parent = module(String(path[..<dot]))
            let name = String(path[path.index(after: dot)...])
            if parent.members[name] == nil { parent.add(name, .object(object)) }
        }
        // `tensorflow.keras` is `keras`: `tf.keras` is found as an attribute too.
        for (alias, path) in aliases.sorted(by: { $0.key < $1.key }) {
            guard let dot = alias.lastIndex(of: "."), let target = modules[path] else { continue }
            let parent = module(String(alias[..<dot]))
            let name = String(alias[alias.index(after: dot)...])
            if parent.members[name] == nil { parent.add(name, .object(target)) }
        }
    }

    // MARK: Look-ups

    /// A method or property of a type ("str", "Tensor", "Module"...), or of the type it extends.
    public func method(_ name: String, ofType type: String) -> Builtin? {
        if let found = methods[type]?[name] { return found }
        if let parent = parentTypes[type] { return method(name, ofType: parent) }
        return nil
    }

    /// The method and property names of a type, for completion and suggestions.
    public func methodNames(ofType type: String) -> [String] {
        var names = methodOrder[type] ?? []
        if let parent = parentTypes[type] { names += methodNames(ofType: parent) }
        return names
    }

    /// The class registered under `key`; a plain class named `name` for a type the table has
    /// no class for (made once, then the same object every time).
    public func classObject(forKey key: String, name: String) -> ClassObject {
        classLock.lock()
        defer { classLock.unlock() }
        if let found = classes[key] { return found }
        let made = (try? ClassObject(name: name, module: "builtins", bases: [objectClass], allowsSubclassing: false)) ?? objectClass
        classes[key] = made
        return made
    }

    /// How a student would name a class in `help(...)`: `nn.Linear`, `Exception`.
    func helpName(of cls: ClassObject) -> String {
        for (owner, path) in ownerPaths where path == cls.module { return owner + "." + cls.name }
        return cls.module == "builtins" ? cls.name : cls.module + "." + cls.name
    }

    /// An entry by the name a student would type: `torch.zeros`, `nn.Linear`, `Tensor.sum`.
    public func entry(named name: String) -> Builtin? {
        if let exact = entries.first(where: { $0.qualifiedName == name }) { return exact }
        for (alias, path) in aliases where name.hasPrefix(alias + ".") {
            return entry(named: path + name.dropFirst(alias.count))
        }
        for (owner, path) in ownerPaths where name.hasPrefix(path + ".") {
            let rest = name.dropFirst(path.count + 1)
            if let found = entries.first(where: { $0.owner == owner && $0.name == rest }) { return found }
        }
        return entries.first { $0.name == name && $0.owner.isEmpty }
    }
}
