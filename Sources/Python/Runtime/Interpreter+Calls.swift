/// Calls: of anything callable, of methods found in a class, and of user functions, which run
/// in a frame of their own and add their line to the traceback of an error that passes through.
extension Interpreter {
    /// Calls anything callable with the given arguments.
    public func call(_ function: Value, _ arguments: Arguments) throws -> Value {
        guard case .object(let object) = function else {
            throw PythonError(.typeError, "'\(function.typeName)' object is not callable")
        }
        return try object.call(arguments, in: self)
    }

    /// Calls a one-argument callable (a `key=` function, `map`'s function).
    public func call(_ function: Value, _ argument: Value) throws -> Value {
        try call(function, Arguments([argument]))
    }

    /// Calls `method`, as found in a class's namespace, for `receiver`: functions and built-in
    /// methods get the receiver first; static methods do not; class methods get its class.
    public func callMethod(_ method: Value, on receiver: Value, _ arguments: Arguments) throws -> Value {
        guard case .object(let object) = method else { return try call(method, arguments) }
        switch object {
        case let function as FunctionObject: return try invoke(function, arguments.prepending(receiver))
        case let builtin as Builtin where builtin.kind == .method: return try builtin.call(arguments.prepending(receiver), in: self)
        case let method as StaticMethodObject: return try call(method.function, arguments)
        case let method as ClassMethodObject: return try call(method.function, arguments.prepending(.object(classOf(receiver))))
        default: return try call(method, arguments)
        }
    }

    /// Runs a user function: binds its arguments in a new frame, runs the body, and adds this
    /// call to the traceback of an error that passes through.
    func invoke(_ function: FunctionObject, _ arguments: Arguments) throws -> Value {
        try checkInterrupt()
        if callDepth >= recursionLimit {
            throw PythonError(.recursionError, "maximum recursion depth exceeded")
        }
        callDepth += 1
        defer { callDepth -= 1 }
        let code = function.code
        var cells = function.closure
        if code.ownCellCount > 0 { cells = (0..<code.ownCellCount).map { _ in Cell() } + cells }
        let frame = Frame(slotCount: code.slotCount, cells: cells, function: function, interpreter: self)
        do {
            try function.bind(arguments, into: frame)
            for (slot, cell) in code.cellParameters { frame.cells[cell].value = frame.locals[slot] }
            if code.isGenerator { return .object(GeneratorObject(function: function, frame: frame)) }
            if case .returned = try code.body(frame) { return frame.returnValue }
            return .none
        } catch {
            var python = PythonError(wrapping: error)
            if !python.matches(.recursionError) || python.frames.count < 3 {
                let span = python.location ?? code.span
                python.frames.insert(PythonError.Frame(file: code.file, span: span, function: code.name), at: 0)
            }
            python.location = nil
            throw python
        }
    }

    /// `f(**mapping)`: the mapping's items become keyword arguments.
    func unpackKeywords(_ mapping: Value, into arguments: inout Arguments) throws {
        guard case .dict(let dict) = mapping else {
            throw PythonError(.typeError, "argument after ** must be a mapping, not \(mapping.typeName)")
        }
        for (key, item) in dict.pairs {
            guard case .string(let name) = key else { throw PythonError(.typeError, "keywords must be strings") }
            if arguments.keywords.contains(where: { $0.name == name }) {
                throw PythonError(.typeError, "got multiple values for keyword argument '\(name)'")
            }
            arguments.keywords.append((name, item))
        }
    }

    // MARK: Classes

    /// `type(value)`.
    public func classOf(_ value: Value) -> ClassObject {
        switch value {
        case .object(let object): return object.pythonClass(in: self)
        default: return builtins.classObject(forKey: value.typeName, name: value.typeName)
        }
    }

    /// `isinstance(value, cls)`.
    public func isInstance(_ value: Value, of cls: ClassObject) -> Bool {
        classOf(value).isSubclass(of: cls) || (cls === builtins.classObject(forKey: "int", name: "int") && value.exactInt != nil)
    }

    /// `super()` in a method of `owner` called on `receiver`.
    func makeSuper(_ owner: ClassObject, _ receiver: Value) throws -> Value {
        let receiverClass: ClassObject
        if case .object(let cls as ClassObject) = receiver { receiverClass = cls } else { receiverClass = classOf(receiver) }
        guard receiverClass.isSubclass(of: owner) else {
            throw PythonError(.typeError, "super(type, obj): obj must be an instance or subtype of type")
        }
        return .object(SuperObject(start: owner, receiver: receiver, receiverClass: receiverClass))
    }

    /// The class a `class` statement makes, from its bases and the namespace its body filled.
    func makeClass(name: String, bases given: Arguments, namespace: Namespace) throws -> ClassObject {
        if let keyword = given.keywords.first {
            throw PythonError(.typeError, keyword.name == "metaclass"
                ? "metaclasses are not supported in regtutor"
                : "\(name).__init_subclass__() takes no keyword arguments")
        }
        var bases: [ClassObject] = []
        for base in given.positional {
            guard case .object(let cls as ClassObject) = base else {
                throw PythonError(.typeError, "bases must be types, not \(base.typeName)")
            }
            guard cls.allowsSubclassing, cls.constructor == nil || cls.allocator != nil else {
                throw PythonError(.typeError, cls.allowsSubclassing
                    ? "regtutor cannot subclass '\(cls.name)': subclass object, Exception or a layer such as nn.Module"
                    : "type '\(cls.name)' is not an acceptable base type")
            }
            bases.append(cls)
        }
        let cls = try ClassObject(name: name, module: "__main__", bases: bases.isEmpty ? [builtins.objectClass] : bases)
        for (key, value) in namespace.pairs {
            cls.define(key, value)
            Interpreter.claim(value, for: cls)
        }
        return cls
    }

    /// Tells the functions defined in a class body which class they belong to (for `super()`).
    private static func claim(_ value: Value, for cls: ClassObject) {
        guard case .object(let object) = value else { return }
        switch object {
        case let function as FunctionObject: function.ownerClass = cls
        case let method as StaticMethodObject: claim(method.function, for: cls)
        case let method as ClassMethodObject: claim(method.function, for: cls)
        case let property as PropertyObject:
            for part in [property.getter, property.setter, property.deleter] { if let part { claim(part, for: cls) } }
        default: break
        }
    }
}
