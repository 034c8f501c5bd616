/// Python's built-in exception classes, in Python's hierarchy, and the `object` class at the
/// root of every class.
///
/// An exception instance is a plain `Instance` whose `args` attribute holds what it was made
/// with; `str(e)` is its single argument, or the tuple of them.
final class ExceptionClasses: @unchecked Sendable {
    static let shared = ExceptionClasses()

    /// The root of every class.
    let object: ClassObject
    private var classes: [PythonError.Kind: ClassObject] = [:]
    private var kinds: [ObjectIdentifier: PythonError.Kind] = [:]

    /// Each built-in exception and its base.
    private static let hierarchy: [(PythonError.Kind, PythonError.Kind?)] = [
        (.baseException, nil), (.systemExit, .baseException), (.keyboardInterrupt, .baseException),
        (.generatorExit, .baseException), (.exception, .baseException),
        (.arithmeticError, .exception), (.zeroDivisionError, .arithmeticError), (.overflowError, .arithmeticError),
        (.assertionError, .exception), (.attributeError, .exception),
        (.lookupError, .exception), (.indexError, .lookupError), (.keyError, .lookupError),
        (.nameError, .exception), (.unboundLocalError, .nameError),
        (.osError, .exception), (.fileNotFoundError, .osError), (.timeoutError, .osError),
        (.runtimeError, .exception), (.notImplementedError, .runtimeError), (.recursionError, .runtimeError),
        (.stopIteration, .exception), (.typeError, .exception), (.valueError, .exception),
        (.importError, .exception), (.moduleNotFoundError, .importError), (.memoryError, .exception),
        (.syntaxError, .exception), (.warning, .exception), (.userWarning, .warning),
    ]

    private init() {
        object = ClassObject(root: "object")
        for (kind, base) in ExceptionClasses.hierarchy {
            let parent = base.flatMap { classes[$0] } ?? object
            // Built from a fixed table whose bases come first: creating it cannot fail.
            guard let cls = try? ClassObject(name: kind.rawValue, module: "builtins", bases: [parent]) else { continue }
            classes[kind] = cls
            kinds[ObjectIdentifier(cls)] = kind
        }
        let base = self[.baseException]
        base.makeInstance = { cls, _ in Instance(cls) }
        for method in ExceptionClasses.baseMethods() { base.define(method.name, .object(method)) }
    }

    subscript(kind: PythonError.Kind) -> ClassObject { classes[kind] ?? object }

    /// The built-in kind a class is, or nil for any other class.
    func kind(of cls: ClassObject) -> PythonError.Kind? { kinds[ObjectIdentifier(cls)] }

    /// Every built-in exception class by name (for the built-in namespace).
    var all: [(String, ClassObject)] { ExceptionClasses.hierarchy.map { ($0.0.rawValue, self[$0.0]) } }

    /// `BaseException.__init__`, `__str__`, `__repr__` and `args`.
    private static func baseMethods() -> [Builtin] {
        [
            Builtin("BaseException", "__init__(self, *args)", kind: .method, doc: "Keeps the arguments in `args`.") { a, _ in
                guard case .object(let instance as Instance) = a["self"] else { return .none }
                instance.dict["args"] = .tuple(a.rest)
                return .none
            },
            Builtin("BaseException", "__str__(self)", kind: .method, doc: "The single argument, or the tuple of them.") { a, interpreter in
                .string(try message(of: a["self"], in: interpreter))
            },
            Builtin("BaseException", "__repr__(self)", kind: .method, doc: "The class name and the arguments.") { a, interpreter in
                let args = arguments(of: a["self"])
                let shown = args.count == 1 ? try PythonFormat.repr(args[0], in: interpreter)
                    : try args.map { try PythonFormat.repr($0, in: interpreter) }.joined(separator: ", ")
                return .string("\(a["self"].typeName)(\(shown))")
            },
        ]
    }

    static func arguments(of exception: Value) -> [Value] {
        guard case .object(let instance as Instance) = exception, case .tuple(let args)? = instance.dict["args"] else { return [] }
        return args
    }

    /// `str(e)` of an exception made by the built-in `__init__`.
    static func message(of exception: Value, in interpreter: Interpreter) throws -> String {
        let args = arguments(of: exception)
        switch args.count {
        case 0: return ""
        case 1:
            if exception.typeName == "KeyError" { return try PythonFormat.repr(args[0], in: interpreter) }
            return try PythonFormat.str(args[0], in: interpreter)
        default: return try PythonFormat.repr(.tuple(args), in: interpreter)
        }
    }
}

extension PythonError {
    /// The exception object for `except ... as e`: the one raised, or a new instance of the
    /// built-in class holding the message.
    mutating func materializedInstance() -> Instance {
        if let instance { return instance }
        let made = Instance(exceptionClass)
        made.dict["args"] = .tuple(args)
        instance = made
        return made
    }

    /// A Python error for any Swift error that reaches the interpreter.
    init(wrapping error: Error) {
        if let python = error as? PythonError {
            self = python
        } else if let convertible = error as? PythonErrorConvertible {
            self = convertible.pythonError
        } else {
            self.init(.runtimeError, "\(error)")
        }
    }
}

extension MemoryLimitError: PythonErrorConvertible {
    public var pythonError: PythonError { PythonError(.memoryError, description) }
}

/// An error from a library (the tensor engine's) that knows which Python exception it is.
public protocol PythonErrorConvertible: Error {
    var pythonError: PythonError { get }
}
