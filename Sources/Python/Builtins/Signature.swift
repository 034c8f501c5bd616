/// The arguments of a call as written: positional values, then `name=value` pairs.
public struct Arguments {
    public var positional: [Value]
    public var keywords: [(name: String, value: Value)]

    public init(_ positional: [Value] = [], keywords: [(name: String, value: Value)] = []) {
        self.positional = positional
        self.keywords = keywords
    }
}

/// A function's parameters, as Python writes them: `sum(input, dim=None, keepdim=False, *, dtype=None)`.
///
/// Built-ins declare theirs as text (the same text `help()` shows); user functions get theirs
/// from `def`. Binding a call's arguments to it gives Python's errors for missing, extra or
/// repeated arguments, naming the function and the argument.
public struct Signature {
    public struct Parameter {
        /// The same kinds as in a `def`: plain, `*args`, keyword-only, `**kwargs`.
        public typealias Kind = ParameterKind
        public let name: String
        public let kind: Kind
        /// The default, or nil when the argument is required.
        public let defaultValue: Value?

        public init(name: String, kind: Kind, defaultValue: Value?) {
            self.name = name
            self.kind = kind
            self.defaultValue = defaultValue
        }
    }

    public let name: String
    public let parameters: [Parameter]

    public init(name: String, parameters: [Parameter]) {
        self.name = name
        self.parameters = parameters
    }

    /// Reads a signature such as `"zeros(*size, dtype=None, requires_grad=False)"`.
    /// Defaults must be literals (numbers, strings, None, True, False, tuples of those).
    public init(parsing text: String) throws {
        guard let open = text.firstIndex(of: "("), text.hasSuffix(")") else {
            throw PythonError(.runtimeError, "internal: malformed signature '\(text)'")
        }
        name = String(text[..<open])
        let inside = String(text[text.index(after: open)..<text.index(before: text.endIndex)])
        var parser = Parser(tokens: try Lexer.tokenize("lambda " + inside + ": 0"))
        let lambda = try parser.expression()
        guard case .lambda(let definition) = lambda.kind else {
            throw PythonError(.runtimeError, "internal: malformed signature '\(text)'")
        }
        parameters = try definition.parameters.map { parameter in
            Parameter(name: parameter.name, kind: parameter.kind,
                      defaultValue: try parameter.defaultValue.map(Signature.literal))
        }
    }

    private static func literal(_ expression: Expr) throws -> Value {
        switch expression.kind {
        case .constant(let value): return value
        case .tuple(let items): return .tuple(try items.map(literal))
        default: throw PythonError(.runtimeError, "internal: a signature default must be a literal")
        }
    }

    /// The signature as `help()` prints it.
    public var text: String {
        var parts: [String] = []
        var starred = false
        for parameter in parameters {
            switch parameter.kind {
            case .normal:
                parts.append(parameter.name + (parameter.defaultValue.map { "=" + Signature.show($0) } ?? ""))
            case .varPositional:
                starred = true
                parts.append("*" + parameter.name)
            case .keywordOnly:
                if !starred {
                    parts.append("*")
                    starred = true
                }
                parts.append(parameter.name + (parameter.defaultValue.map { "=" + Signature.show($0) } ?? ""))
            case .varKeyword:
                parts.append("**" + parameter.name)
            }
        }
        return name + "(" + parts.joined(separator: ", ") + ")"
    }

    private static func show(_ value: Value) -> String {
        switch value {
        case .none: return "None"
        case .bool(let b): return b ? "True" : "False"
        case .int(let i): return String(i)
        case .float(let f): return PythonFormat.repr(float: f)
        case .string(let s): return "'" + s + "'"
        case .tuple(let items): return "(" + items.map(show).joined(separator: ", ") + (items.count == 1 ? ",)" : ")")
        default: return "..."
        }
    }

    /// Matches a call's arguments to the parameters.
    public func bind(_ arguments: Arguments) throws -> BoundArguments {
        var bound = BoundArguments(functionName: name)
        let normal = parameters.filter { $0.kind == .normal }
        let acceptsVarPositional = parameters.contains { $0.kind == .varPositional }
        let acceptsVarKeyword = parameters.contains { $0.kind == .varKeyword }
        for (position, value) in arguments.positional.enumerated() {
            if position < normal.count {
                bound.values[normal[position].name] = value
            } else if acceptsVarPositional {
                bound.rest.append(value)
            } else {
                throw tooManyPositional(given: arguments.positional.count, normal: normal)
            }
        }
        for (keyword, value) in arguments.keywords {
            if let parameter = parameters.first(where: { $0.name == keyword && ($0.kind == .normal || $0.kind == .keywordOnly) }) {
                if bound.values[parameter.name] != nil {
                    throw PythonError(.typeError, "\(name)() got multiple values for argument '\(keyword)'")
                }
                bound.values[parameter.name] = value
            } else if acceptsVarKeyword {
                bound.extra.append((keyword, value))
            } else {
                throw PythonError(.typeError, "\(name)() got an unexpected keyword argument '\(keyword)'")
            }
        }
        try fillDefaults(&bound)
        return bound
    }

    private func fillDefaults(_ bound: inout BoundArguments) throws {
        var missingPositional: [String] = []
        var missingKeyword: [String] = []
        for parameter in parameters where parameter.kind == .normal || parameter.kind == .keywordOnly {
            guard bound.values[parameter.name] == nil else { continue }
            if let defaultValue = parameter.defaultValue {
                bound.values[parameter.name] = defaultValue
            } else if parameter.kind == .normal {
                missingPositional.append(parameter.name)
            } else {
                missingKeyword.append(parameter.name)
            }
        }
        if !missingPositional.isEmpty {
            throw missing(missingPositional, what: "positional")
        }
        if !missingKeyword.isEmpty {
            throw missing(missingKeyword, what: "keyword-only")
        }
    }

    private func missing(_ names: [String], what: String) -> PythonError {
        Signature.missingArguments(name, names, what: what)
    }

    private func tooManyPositional(given: Int, normal: [Parameter]) -> PythonError {
        Signature.tooManyPositional(name, given: given, takes: normal.count, required: normal.filter { $0.defaultValue == nil }.count)
    }

    /// `f() missing 2 required positional arguments: 'x' and 'y'`.
    static func missingArguments(_ function: String, _ names: [String], what: String) -> PythonError {
        let quoted = names.map { "'\($0)'" }
        let list = quoted.count == 1 ? quoted[0]
            : quoted.dropLast().joined(separator: ", ") + (quoted.count > 2 ? "," : "") + " and " + quoted[quoted.count - 1]
        let noun = names.count == 1 ? "argument" : "arguments"
        return PythonError(.typeError, "\(function)() missing \(names.count) required \(what) \(noun): \(list)")
    }

    /// `f() takes 2 positional arguments but 3 were given`.
    static func tooManyPositional(_ function: String, given: Int, takes count: Int, required: Int) -> PythonError {
        let takes = required == count ? "\(count)" : "from \(required) to \(count)"
        let noun = count == 1 && required == count ? "argument" : "arguments"
        let verb = given == 1 ? "was" : "were"
        return PythonError(.typeError, "\(function)() takes \(takes) positional \(noun) but \(given) \(verb) given")
    }
}

/// A call's arguments matched to a signature: every named parameter has a value (given or
/// default), extra positional arguments are in `rest`, extra keywords in `extra`.
public struct BoundArguments {
    public let functionName: String
    public var values: [String: Value] = [:]
    public var rest: [Value] = []
    public var extra: [(name: String, value: Value)] = []

    public init(functionName: String) {
        self.functionName = functionName
    }

    public subscript(name: String) -> Value { values[name] ?? .none }

    /// True when the parameter was given (or has a default).
    public func has(_ name: String) -> Bool { values[name] != nil }

    /// True when the parameter holds None (or is absent).
    public func isNone(_ name: String) -> Bool {
        if case .none = self[name] { return true }
        return false
    }
}
