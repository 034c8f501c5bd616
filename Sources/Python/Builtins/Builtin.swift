import Synchronization

/// One entry of the table of built-ins: a function, method, property or class that regtutor
/// provides, with its signature, a paragraph of documentation and an example.
///
/// The same entry serves every purpose: calling it checks the arguments against the signature,
/// `help(name)` prints the signature, doc and example, and completion lists its name.
public final class Builtin: PythonObject, @unchecked Sendable {
    public enum Kind: Sendable {
        /// A function: `torch.zeros`, `print`.
        case function
        /// A method, whose first parameter is `self`: `Tensor.sum`, `list.append`.
        case method
        /// A property read without a call: `Tensor.shape`.
        case property
        /// A class called to make an object: `nn.Linear`, `optim.SGD`.
        case type
    }

    /// The namespace: "" for Python's built-ins, "str", "list", or a library's ("torch", "nn", "Tensor"...).
    public let owner: String
    public let kind: Kind
    public let doc: String
    public let example: String
    let body: (BoundArguments, Interpreter) throws -> Value
    /// The name students type after the owner: what the signature text has before `(`.
    public let name: String
    /// The signature as written in the table, read on first use: most of the ~2,000 entries are
    /// never called in a session, and reading them all was most of regtutor's start-up.
    private let signatureText: String
    private let parsed = AtomicLazyReference<ParsedSignature>()

    /// The parameters, from the signature text (read once, on first use, safely from any thread).
    public var signature: Signature { parsedSignature.signature }

    /// False when the signature text could not be read (a mistake in the table, which a test catches).
    public var hasValidSignature: Bool { parsedSignature.isValid }

    /// An entry: `signature` is Python's spelling (`"zeros(*size, dtype=None)"`), `body` gets the
    /// arguments bound to it.
    public init(_ owner: String, _ signature: String, kind: Kind = .function, doc: String, example: String = "",
         _ body: @escaping (BoundArguments, Interpreter) throws -> Value) {
        self.owner = owner
        self.kind = kind
        self.doc = doc
        self.example = example
        self.body = body
        self.signatureText = signature
        self.name = String(signature.prefix { $0 != "(" })
    }

    private var parsedSignature: ParsedSignature {
        if let done = parsed.load() { return done }
        return parsed.storeIfNil(ParsedSignature(signatureText))
    }

    /// A signature read from its text, or `(*args, **kwargs)` when the text is wrong.
    final class ParsedSignature: @unchecked Sendable {   // immutable once made
        let signature: Signature
        let isValid: Bool

        init(_ text: String) {
            let parsed = try? Signature(parsing: text)
            isValid = parsed != nil
            signature = parsed ?? Signature(name: String(text.prefix { $0 != "(" }), parameters: [
                .init(name: "args", kind: .varPositional, defaultValue: nil),
                .init(name: "kwargs", kind: .varKeyword, defaultValue: nil),
            ])
        }
    }

    /// The name students type: `torch.zeros`, `nn.Linear`, `Tensor.sum`, `print`.
    public var qualifiedName: String { owner.isEmpty ? name : owner + "." + name }

    public var typeName: String { kind == .type ? "type" : "builtin_function_or_method" }
    public var isCallable: Bool { true }

    public func call(_ arguments: Arguments, in interpreter: Interpreter) throws -> Value {
        try body(try signature.bind(arguments), interpreter)
    }

    public func repr(in interpreter: Interpreter) throws -> String {
        switch kind {
        case .type: return "<class '\(interpreter.builtins.modulePath(of: owner)).\(name)'>"
        case .method, .property: return "<method '\(name)' of '\(owner)' objects>"
        case .function: return owner.isEmpty ? "<built-in function \(name)>" : "<built-in method \(name) of module '\(owner)'>"
        }
    }

    public func attribute(_ name: String, in interpreter: Interpreter) throws -> Value? {
        switch name {
        case "__name__": return .string(self.name)
        case "__doc__": return .string(doc)
        default: return nil
        }
    }

    /// The text `help()` prints: signature, documentation, example.
    public var helpText: String {
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
public final class ModuleObject: PythonObject, @unchecked Sendable {
    /// The import path, e.g. "torch.nn".
    public let path: String
    public private(set) var members: [String: Value] = [:]
    public private(set) var memberNames: [String] = []

    public init(path: String) {
        self.path = path
    }

    /// Adds (or replaces) a member.
    public func add(_ name: String, _ value: Value) {
        if members.updateValue(value, forKey: name) == nil { memberNames.append(name) }
    }

    public var typeName: String { "module" }

    public func attribute(_ name: String, in interpreter: Interpreter) throws -> Value? {
        if let value = members[name] { return value }
        if name == "__name__" { return .string(path) }
        let suggestion = NameSuggestion.closest(to: name, among: memberNames).map { ". Did you mean: '\($0)'?" } ?? ""
        throw PythonError(.attributeError, "module '\(path)' has no attribute '\(name)'\(suggestion)")
    }

    public func quietAttribute(_ name: String, in interpreter: Interpreter) -> Value? { members[name] }

    public func setAttribute(_ name: String, to value: Value, in interpreter: Interpreter) throws {
        throw PythonError(.attributeError, "regtutor's module '\(path)' is read-only: assign to your own variable instead")
    }

    public func repr(in interpreter: Interpreter) throws -> String { "<module '\(path)' (built-in)>" }

    public var attributeNames: [String] { memberNames }
}

