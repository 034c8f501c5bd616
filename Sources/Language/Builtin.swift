import TensorEngine

/// One entry of the table of built-ins: a function, method, property or class that regtutor
/// provides, with its signature, a paragraph of documentation and an example.
///
/// The same entry serves every purpose: calling it checks the arguments against the signature,
/// `help(name)` prints the signature, doc and example, and completion lists its name.
final class Builtin: PythonObject, @unchecked Sendable {
    enum Kind {
        /// A function: `torch.zeros`, `print`.
        case function
        /// A method, whose first parameter is `self`: `Tensor.sum`, `list.append`.
        case method
        /// A property read without a call: `Tensor.shape`.
        case property
        /// A class called to make an object: `nn.Linear`, `optim.SGD`.
        case type
    }

    /// The namespace: "" for Python's built-ins, "torch", "Tensor", "nn", "F", "optim", "str"...
    let owner: String
    let kind: Kind
    let signature: Signature
    let doc: String
    let example: String
    let body: (BoundArguments, Interpreter) throws -> Value
    /// False when the signature text could not be read (a mistake in the table, which a test catches).
    let hasValidSignature: Bool

    var name: String { signature.name }

    init(_ owner: String, _ signature: String, kind: Kind = .function, doc: String, example: String = "",
         _ body: @escaping (BoundArguments, Interpreter) throws -> Value) {
        self.owner = owner
        self.kind = kind
        self.doc = doc
        self.example = example
        self.body = body
        let parsed = try? Signature(parsing: signature)
        self.hasValidSignature = parsed != nil
        self.signature = parsed ?? Signature(name: String(signature.prefix { $0 != "(" }), parameters: [
                .init(name: "args", kind: .varPositional, defaultValue: nil),
                .init(name: "kwargs", kind: .varKeyword, defaultValue: nil),
            ])
    }

    /// The name students type: `torch.zeros`, `nn.Linear`, `Tensor.sum`, `print`.
    var qualifiedName: String { owner.isEmpty ? name : owner + "." + name }

    var typeName: String { kind == .type ? "type" : "builtin_function_or_method" }

    func call(_ arguments: Arguments, in interpreter: Interpreter) throws -> Value {
        try body(try signature.bind(arguments), interpreter)
    }

    func repr(in interpreter: Interpreter) throws -> String {
        switch kind {
        case .type: return "<class '\(Builtins.modulePath(of: owner)).\(name)'>"
        case .method, .property: return "<method '\(name)' of '\(owner)' objects>"
        case .function: return owner.isEmpty ? "<built-in function \(name)>" : "<built-in method \(name) of module '\(owner)'>"
        }
    }

    func attribute(_ name: String, in interpreter: Interpreter) throws -> Value? {
        switch name {
        case "__name__": return .string(self.name)
        case "__doc__": return .string(doc)
        default: return nil
        }
    }

    /// The text `help()` prints: signature, documentation, example.
    var helpText: String {
        var text = (kind == .method || kind == .property ? owner + "." : (owner.isEmpty ? "" : owner + ".")) + signature.text
        if kind == .property { text = owner + "." + name + "  (property)" }
        text += "\n\n" + Help.wrapped(doc, width: 78)
        if !example.isEmpty {
            text += "\n\nExample:\n" + example.split(separator: "\n", omittingEmptySubsequences: false).map { "    " + $0 }.joined(separator: "\n")
        }
        return text
    }
}

/// A Python module such as `torch` or `torch.nn`: a namespace of built-ins and constants.
final class ModuleObject: PythonObject, @unchecked Sendable {
    /// The import path, e.g. "torch.nn".
    let path: String
    private(set) var members: [String: Value] = [:]
    private(set) var memberNames: [String] = []

    init(path: String) {
        self.path = path
    }

    func add(_ name: String, _ value: Value) {
        if members.updateValue(value, forKey: name) == nil { memberNames.append(name) }
    }

    var typeName: String { "module" }

    func attribute(_ name: String, in interpreter: Interpreter) throws -> Value? {
        if let value = members[name] { return value }
        if name == "__name__" { return .string(path) }
        let suggestion = NameSuggestion.closest(to: name, among: memberNames).map { ". Did you mean: '\($0)'?" } ?? ""
        throw PythonError(.attributeError, "module '\(path)' has no attribute '\(name)'\(suggestion)")
    }

    func setAttribute(_ name: String, to value: Value, in interpreter: Interpreter) throws {
        throw PythonError(.attributeError, "regtutor's module '\(path)' is read-only: assign to your own variable instead")
    }

    func repr(in interpreter: Interpreter) throws -> String { "<module '\(path)' (built-in)>" }

    var attributeNames: [String] { memberNames }
}

/// `torch.float32`, `torch.int64`, `torch.bool`.
final class DTypeObject: PythonObject, @unchecked Sendable {
    let dtype: DType
    init(_ dtype: DType) { self.dtype = dtype }
    var typeName: String { "dtype" }
    func repr(in interpreter: Interpreter) throws -> String { dtype.name }
    func attribute(_ name: String, in interpreter: Interpreter) throws -> Value? {
        name == "is_floating_point" ? .bool(dtype == .float32) : nil
    }
}

/// What `torch.no_grad()`, `torch.enable_grad()` and `torch.set_grad_enabled(mode)` return,
/// for use in a `with` statement.
final class GradModeContext: PythonObject {
    let enabled: Bool
    /// The setting before `set_grad_enabled` changed it (restored at the end of the block).
    let previous: Bool?
    let name: String

    init(enabled: Bool, previous: Bool?, name: String) {
        self.enabled = enabled
        self.previous = previous
        self.name = name
    }

    var typeName: String { name }
    func repr(in interpreter: Interpreter) throws -> String { "<torch.autograd.grad_mode.\(name) object>" }
}

/// An exception class such as `ValueError`, for `raise ValueError("...")` and `isinstance`.
final class ExceptionType: PythonObject, @unchecked Sendable {
    let kind: PythonError.Kind
    init(_ kind: PythonError.Kind) { self.kind = kind }
    var typeName: String { "type" }
    func call(_ arguments: Arguments, in interpreter: Interpreter) throws -> Value {
        let message = try arguments.positional.map { try PythonFormat.str($0, in: interpreter) }.joined(separator: " ")
        return .object(ExceptionValue(kind: kind, message: message))
    }
    func repr(in interpreter: Interpreter) throws -> String { "<class '\(kind.rawValue)'>" }
}

/// An exception made by calling its class, ready to be raised.
final class ExceptionValue: PythonObject {
    let kind: PythonError.Kind
    let message: String
    init(kind: PythonError.Kind, message: String) {
        self.kind = kind
        self.message = message
    }
    var typeName: String { kind.rawValue }
    func repr(in interpreter: Interpreter) throws -> String { "\(kind.rawValue)(\(PythonFormat.quoted(message)))" }
}
