/// Reading bound arguments as the types a built-in needs, with errors that name the function,
/// the argument and what was given: `round(): argument 'ndigits' must be int, not str`.
extension BoundArguments {
    public func mistake(_ name: String, _ expected: String, _ value: Value) -> PythonError {
        PythonError(.typeError, "\(functionName)(): argument '\(name)' must be \(expected), not \(value.typeName)")
    }

    /// An int (or a bool, or an object that is an index such as a one-element integer tensor).
    public func int(_ name: String) throws -> Int {
        let value = self[name]
        if let i = value.exactInt ?? value.object(as: PythonObject.self)?.indexValue { return i }
        throw mistake(name, "int", value)
    }

    public func optionalInt(_ name: String) throws -> Int? { isNone(name) ? nil : try int(name) }

    /// A float (an int or a bool converts; objects that are numbers say so through `floatValue`).
    public func double(_ name: String) throws -> Double {
        let value = self[name]
        if let d = value.numberValue { return d }
        if let number = value.object(as: NumberConvertible.self) { return try number.asDouble() }
        throw mistake(name, "float", value)
    }

    public func optionalDouble(_ name: String) throws -> Double? { isNone(name) ? nil : try double(name) }

    public func bool(_ name: String) throws -> Bool {
        let value = self[name]
        if case .bool(let b) = value { return b }
        if case .int(let i) = value { return i != 0 }
        throw mistake(name, "bool", value)
    }

    public func string(_ name: String) throws -> String {
        guard case .string(let s) = self[name] else { throw mistake(name, "str", self[name]) }
        return s
    }

    public func optionalString(_ name: String) throws -> String? { isNone(name) ? nil : try string(name) }

    /// A callable argument (a function or a lambda).
    public func callable(_ name: String) throws -> Value {
        guard case .object(let object) = self[name], object.isCallable else { throw mistake(name, "callable", self[name]) }
        return self[name]
    }

    /// An object of the given Swift type.
    public func object<T>(_ name: String, _ type: T.Type, _ description: String) throws -> T {
        guard let found = self[name].object(as: T.self) else { throw mistake(name, description, self[name]) }
        return found
    }
}

/// An object that Python code can use as a number (`float(x)`, `round(x)`, a tensor holding one value).
public protocol NumberConvertible: PythonObject {
    /// `float(x)`: the number, or the error saying why the object is not one (a tensor of several elements).
    func asDouble() throws -> Double
    /// `int(x)`: the number as an int when it is an integer, nil to truncate `asDouble()`.
    func asInt() throws -> Int?
}
