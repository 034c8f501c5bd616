/// A `def` or `lambda` once compiled: its body as a closure, and how a call's arguments land in
/// the frame's slots.
final class CompiledFunction {
    let name: String
    let qualifiedName: String
    let parameters: [FunctionDefinition.Parameter]
    /// Slots a call's frame needs; parameter `i` is slot `i`.
    let slotCount: Int
    /// Parameters that inner functions capture: (slot, cell) to move each argument into its cell.
    let cellParameters: [(slot: Int, cell: Int)]
    /// Cells the frame makes for its own captured locals.
    let ownCellCount: Int
    let body: Compiler.Exec
    let span: SourceSpan
    let file: SourceFile
    let docString: String?
    /// True when the body has `yield`: a call makes a generator instead of running it.
    let isGenerator: Bool
    /// How many parameters come before `*args` / `*`: those positional arguments fill.
    let plainCount: Int
    let takesVarPositional: Bool

    init(name: String, qualifiedName: String, parameters: [FunctionDefinition.Parameter], slotCount: Int,
         cellParameters: [(slot: Int, cell: Int)], ownCellCount: Int, body: @escaping Compiler.Exec,
         span: SourceSpan, file: SourceFile, docString: String?, isGenerator: Bool = false) {
        self.name = name
        self.qualifiedName = qualifiedName
        self.parameters = parameters
        self.slotCount = slotCount
        self.cellParameters = cellParameters
        self.ownCellCount = ownCellCount
        self.body = body
        self.span = span
        self.file = file
        self.docString = docString
        self.isGenerator = isGenerator
        plainCount = parameters.prefix { $0.kind == .normal }.count
        takesVarPositional = parameters.contains { $0.kind == .varPositional }
    }
}

/// A function made with `def` or `lambda`: its compiled code, the default values computed when
/// it was defined (as Python computes them), and the cells it closes over.
public final class FunctionObject: PythonObject {
    let code: CompiledFunction
    /// One entry per parameter: its default, or nil when it has none.
    let defaults: [Value?]
    let closure: [Cell]
    /// The class whose body defined this function, for `super()`.
    var ownerClass: ClassObject?
    /// Attributes set on the function (`f.calls = 0`), and `__doc__`.
    private var attributes = Namespace()

    init(code: CompiledFunction, defaults: [Value?], closure: [Cell]) {
        self.code = code
        self.defaults = defaults
        self.closure = closure
    }

    public var typeName: String { "function" }
    public var isCallable: Bool { true }
    var definition: CompiledFunction { code }
    var qualifiedName: String { code.qualifiedName }
    var docString: String? { code.docString }

    /// The signature `help()` shows, with the defaults as they were computed.
    var signature: Signature {
        Signature(name: code.name, parameters: zip(code.parameters, defaults).map { parameter, value in
            Signature.Parameter(name: parameter.name, kind: parameter.kind, defaultValue: value)
        })
    }

    public func repr(in interpreter: Interpreter) throws -> String {
        "<function \(code.qualifiedName) at \(interpreter.address(of: self))>"
    }

    public func call(_ arguments: Arguments, in interpreter: Interpreter) throws -> Value {
        try interpreter.invoke(self, arguments)
    }

    public func attribute(_ name: String, in interpreter: Interpreter) throws -> Value? {
        if let value = attributes[name] { return value }
        switch name {
        case "__name__": return .string(code.name)
        case "__qualname__": return .string(code.qualifiedName)
        case "__doc__": return code.docString.map { .string($0) } ?? Value.none
        case "__module__": return .string("__main__")
        default: return nil
        }
    }

    public func setAttribute(_ name: String, to value: Value, in interpreter: Interpreter) throws {
        attributes[name] = value
    }

    public var attributeNames: [String] { attributes.names + ["__name__", "__doc__"] }

    /// Puts a call's arguments into the slots of `frame`, with Python's errors for missing,
    /// extra or repeated arguments.
    func bind(_ arguments: Arguments, into frame: Frame) throws {
        let parameters = code.parameters
        let positional = arguments.positional
        var extraPositional: [Value] = []
        // Positional arguments fill the plain parameters, which come first, in order.
        for index in positional.indices {
            if index < code.plainCount {
                frame.locals[index] = positional[index]
            } else if code.takesVarPositional {
                extraPositional.append(positional[index])
            } else {
                throw tooManyPositional(given: positional.count)
            }
        }
        if arguments.keywords.isEmpty && positional.count == parameters.count && code.plainCount == parameters.count { return }
        var extraKeywords: [(String, Value)] = []
        for (name, value) in arguments.keywords {
            if let index = parameters.firstIndex(where: { $0.name == name && ($0.kind == .normal || $0.kind == .keywordOnly) }) {
                if frame.locals[index] != nil {
                    throw PythonError(.typeError, "\(code.qualifiedName)() got multiple values for argument '\(name)'")
                }
                frame.locals[index] = value
            } else if parameters.contains(where: { $0.kind == .varKeyword }) {
                extraKeywords.append((name, value))
            } else {
                throw PythonError(.typeError, "\(code.qualifiedName)() got an unexpected keyword argument '\(name)'")
            }
        }
        var missing: [String] = []
        var missingKeywords: [String] = []
        for (index, parameter) in parameters.enumerated() {
            switch parameter.kind {
            case .normal, .keywordOnly:
                guard frame.locals[index] == nil else { continue }
                if let value = defaults[index] {
                    frame.locals[index] = value
                } else if parameter.kind == .normal {
                    missing.append(parameter.name)
                } else {
                    missingKeywords.append(parameter.name)
                }
            case .varPositional:
                frame.locals[index] = .tuple(extraPositional)
            case .varKeyword:
                frame.locals[index] = .dict(DictObject(strings: extraKeywords))
            }
        }
        if !missing.isEmpty { throw Signature.missingArguments(code.qualifiedName, missing, what: "positional") }
        if !missingKeywords.isEmpty { throw Signature.missingArguments(code.qualifiedName, missingKeywords, what: "keyword-only") }
    }

    private func tooManyPositional(given: Int) -> PythonError {
        let normal = zip(code.parameters, defaults).filter { $0.0.kind == .normal }
        let required = normal.filter { $0.1 == nil }.count
        return Signature.tooManyPositional(code.qualifiedName, given: given, takes: normal.count, required: required)
    }
}
