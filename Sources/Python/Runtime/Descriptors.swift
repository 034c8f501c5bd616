/// How an attribute found in a class becomes what `obj.name` or `Class.name` returns:
/// functions bind to the instance, class methods to the class, static methods stay plain.
enum Descriptors {
    /// `instance.name` for a value found in the class.
    static func instanceAttribute(_ value: Value, of instance: PythonObject, in interpreter: Interpreter) throws -> Value {
        guard case .object(let object) = value else { return value }
        switch object {
        case is FunctionObject, is BindsAsMethod:
            return .object(BoundMethod(receiver: .object(instance), function: value))
        case let builtin as Builtin where builtin.kind == .method:
            return .object(BoundMethod(receiver: .object(instance), function: value))
        case let builtin as Builtin where builtin.kind == .property:
            return try builtin.call(Arguments([.object(instance)]), in: interpreter)
        case let method as StaticMethodObject:
            return method.function
        case let method as ClassMethodObject:
            return .object(BoundMethod(receiver: .object(instance.pythonClass(in: interpreter)), function: method.function))
        default:
            return value
        }
    }

    /// `Class.name` for a value found in the class (or one of its bases).
    static func classAttribute(_ value: Value, of cls: ClassObject, in interpreter: Interpreter) throws -> Value {
        guard case .object(let object) = value else { return value }
        switch object {
        case let method as StaticMethodObject: return method.function
        case let method as ClassMethodObject: return .object(BoundMethod(receiver: .object(cls), function: method.function))
        default: return value
        }
    }
}

/// A library's function wrapper (a decorated function) that, stored in a class, becomes a method
/// bound to the instance as a plain function does.
public protocol BindsAsMethod: PythonObject {}

/// A function or built-in method together with the value it belongs to: `model.forward`,
/// `x.sum` before it is called. Calling it passes the receiver as the first argument.
public final class BoundMethod: PythonObject {
    public let receiver: Value
    public let function: Value

    public init(receiver: Value, function: Value) {
        self.receiver = receiver
        self.function = function
    }

    public var typeName: String {
        if case .object(let o) = function, o is Builtin { return "builtin_function_or_method" }
        return "method"
    }
    public var isCallable: Bool { true }

    public func call(_ arguments: Arguments, in interpreter: Interpreter) throws -> Value {
        var withSelf = arguments
        withSelf.positional.insert(receiver, at: 0)
        return try interpreter.call(function, withSelf)
    }

    var functionName: String {
        switch function {
        case .object(let f as FunctionObject): return f.qualifiedName
        case .object(let b as Builtin): return b.name
        default: return "method"
        }
    }

    public func repr(in interpreter: Interpreter) throws -> String {
        if case .object(let builtin as Builtin) = function {
            return "<built-in method \(builtin.name) of \(receiver.typeName) object>"
        }
        return "<bound method \(functionName) of \(try PythonFormat.repr(receiver, in: interpreter))>"
    }

    public func attribute(_ name: String, in interpreter: Interpreter) throws -> Value? {
        switch name {
        case "__self__": return receiver
        case "__func__": return function
        default: return try interpreter.attributeIfPresent(of: function, name)
        }
    }
}

/// `@property`: a computed attribute with a getter, and optionally a setter and a deleter.
public final class PropertyObject: PythonObject {
    let getter: Value?
    let setter: Value?
    let deleter: Value?

    init(getter: Value?, setter: Value? = nil, deleter: Value? = nil) {
        self.getter = getter
        self.setter = setter
        self.deleter = deleter
    }

    public var typeName: String { "property" }

    func get(_ instance: Value, in interpreter: Interpreter) throws -> Value {
        guard let getter else { throw PythonError(.attributeError, "property is not readable") }
        return try interpreter.call(getter, Arguments([instance]))
    }

    func set(_ instance: Value, _ value: Value, in interpreter: Interpreter) throws {
        guard let setter else {
            throw PythonError(.attributeError, "property '\(name)' of '\(instance.typeName)' object has no setter")
        }
        _ = try interpreter.call(setter, Arguments([instance, value]))
    }

    func delete(_ instance: Value, in interpreter: Interpreter) throws {
        guard let deleter else {
            throw PythonError(.attributeError, "property '\(name)' of '\(instance.typeName)' object has no deleter")
        }
        _ = try interpreter.call(deleter, Arguments([instance]))
    }

    private var name: String {
        if case .object(let f as FunctionObject)? = getter { return f.definition.name }
        return "?"
    }

    /// `@x.setter` and `@x.deleter` make a new property with that function added.
    public func attribute(_ name: String, in interpreter: Interpreter) throws -> Value? {
        switch name {
        case "setter", "deleter", "getter":
            return .object(PropertyCopier(original: self, part: name))
        case "fget": return getter ?? Value.none
        case "fset": return setter ?? Value.none
        case "__doc__":
            if case .object(let f as FunctionObject)? = getter { return f.docString.map { .string($0) } ?? Value.none }
            return Value.none
        default: return nil
        }
    }

    /// What `prop.setter` returns: called with a function, it makes the extended property.
    final class PropertyCopier: PythonObject {
        let original: PropertyObject
        let part: String
        init(original: PropertyObject, part: String) {
            self.original = original
            self.part = part
        }
        var typeName: String { "builtin_function_or_method" }
        var isCallable: Bool { true }
        func call(_ arguments: Arguments, in interpreter: Interpreter) throws -> Value {
            guard arguments.positional.count == 1, arguments.keywords.isEmpty else {
                throw PythonError(.typeError, "\(part)() takes exactly one argument")
            }
            let function = arguments.positional[0]
            switch part {
            case "setter": return .object(PropertyObject(getter: original.getter, setter: function, deleter: original.deleter))
            case "deleter": return .object(PropertyObject(getter: original.getter, setter: original.setter, deleter: function))
            default: return .object(PropertyObject(getter: function, setter: original.setter, deleter: original.deleter))
            }
        }
    }
}

/// `@staticmethod`: a function stored in a class that does not receive `self`.
public final class StaticMethodObject: PythonObject {
    let function: Value
    init(_ function: Value) { self.function = function }
    public var typeName: String { "staticmethod" }
    public var isCallable: Bool { true }
    public func call(_ arguments: Arguments, in interpreter: Interpreter) throws -> Value {
        try interpreter.call(function, arguments)
    }
}

/// `@classmethod`: a function that receives the class as its first argument.
public final class ClassMethodObject: PythonObject {
    let function: Value
    init(_ function: Value) { self.function = function }
    public var typeName: String { "classmethod" }
}

/// `super()` or `super(Class, obj)`: attribute look-up that starts after `Class` in the MRO of
/// `obj`'s class, binding what it finds to `obj`.
public final class SuperObject: PythonObject {
    let start: ClassObject
    let receiver: Value
    let receiverClass: ClassObject

    init(start: ClassObject, receiver: Value, receiverClass: ClassObject) {
        self.start = start
        self.receiver = receiver
        self.receiverClass = receiverClass
    }

    public var typeName: String { "super" }

    public func attribute(_ name: String, in interpreter: Interpreter) throws -> Value? {
        let mro = receiverClass.mro
        guard let position = mro.firstIndex(where: { $0 === start }) else { return nil }
        for cls in mro[(position + 1)...] {
            guard let value = cls.namespace[name] else { continue }
            if case .object(let property as PropertyObject) = value { return try property.get(receiver, in: interpreter) }
            if case .object(let receiverClass as ClassObject) = receiver, receiverClass === self.receiverClass {
                return try Descriptors.classAttribute(value, of: receiverClass, in: interpreter)
            }
            guard case .object(let object) = receiver else { return value }
            return try Descriptors.instanceAttribute(value, of: object, in: interpreter)
        }
        return nil
    }

    public func repr(in interpreter: Interpreter) throws -> String {
        "<super: <class '\(start.name)'>, <\(receiverClass.name) object>>"
    }
}
