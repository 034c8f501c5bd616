/// `obj.name`, `obj.name = value` and `del obj.name`. Objects answer for themselves; methods
/// of built-in types (strings, lists, dicts, and a library's types) come from the table of
/// built-ins.
extension Interpreter {
    public func attribute(of value: Value, _ name: String) throws -> Value {
        if let found = try attributeIfPresent(of: value, name) { return found }
        throw noAttribute(value, name)
    }

    /// The attribute, or nil when there is none (for `hasattr` and `getattr` with a default).
    public func attributeIfPresent(of value: Value, _ name: String) throws -> Value? {
        if case .object(let object) = value {
            if let found = try object.attribute(name, in: self) { return found }
            if let method = builtins.method(name, ofType: object.methodTable) { return try bind(method, to: value) }
        } else if let method = builtins.method(name, ofType: value.typeName) {
            return try bind(method, to: value)
        }
        if name == "__class__" { return .object(classOf(value)) }
        return nil
    }

    private func bind(_ method: Builtin, to receiver: Value) throws -> Value {
        if method.kind == .property { return try method.call(Arguments([receiver]), in: self) }
        return .object(BoundMethod(receiver: receiver, function: .object(method)))
    }

    /// `receiver.name(arguments)` without making a bound method first, when the method is a
    /// plain one of the receiver's class (the common case in a training loop).
    public func callAttribute(_ receiver: Value, _ name: String, _ arguments: Arguments) throws -> Value {
        switch receiver {
        case .object(let instance as Instance):
            if instance.dict[name] == nil, let (method, _) = instance.cls.lookup(name), case .object(let object) = method,
               object is FunctionObject || (object as? Builtin)?.kind == .method {
                return try callMethod(method, on: receiver, arguments)
            }
        case .object(let object):
            if !(object is ModuleObject), !(object is ClassObject), let method = builtins.method(name, ofType: object.methodTable),
               method.kind == .method, try object.attribute(name, in: self) == nil {
                return try method.call(arguments.prepending(receiver), in: self)
            }
        default:
            if let method = builtins.method(name, ofType: receiver.typeName), method.kind == .method {
                return try method.call(arguments.prepending(receiver), in: self)
            }
        }
        return try call(try attribute(of: receiver, name), arguments)
    }

    func noAttribute(_ value: Value, _ name: String) -> PythonError {
        var message: String
        var candidates: [String]
        switch value {
        case .object(let cls as ClassObject):
            message = "type object '\(cls.name)' has no attribute '\(name)'"
            candidates = cls.attributeNames
        case .object(let object):
            message = "'\(value.typeName)' object has no attribute '\(name)'"
            candidates = object.attributeNames + builtins.methodNames(ofType: object.methodTable)
        default:
            message = "'\(value.typeName)' object has no attribute '\(name)'"
            candidates = builtins.methodNames(ofType: value.typeName)
        }
        if let close = NameSuggestion.closest(to: name, among: candidates) { message += ". Did you mean: '\(close)'?" }
        return PythonError(.attributeError, message)
    }

    public func setAttribute(of target: Value, _ name: String, to value: Value) throws {
        guard case .object(let object) = target else {
            let exists = builtins.method(name, ofType: target.typeName) != nil
            throw PythonError(.attributeError, exists
                ? "'\(target.typeName)' object attribute '\(name)' is read-only"
                : "'\(target.typeName)' object has no attribute '\(name)' and no attribute can be added to it")
        }
        try object.setAttribute(name, to: value, in: self)
    }

    public func deleteAttribute(of target: Value, _ name: String) throws {
        guard case .object(let object) = target else {
            throw PythonError(.attributeError, "'\(target.typeName)' object attribute '\(name)' cannot be deleted")
        }
        try object.deleteAttribute(name, in: self)
    }
}

extension Arguments {
    /// The same arguments with `value` first (a method's `self`).
    public func prepending(_ value: Value) -> Arguments {
        var copy = self
        copy.positional.insert(value, at: 0)
        return copy
    }
}
