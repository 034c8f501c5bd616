/// An instance of a class: its class and its own attributes (`__dict__`).
///
/// Attribute look-up follows Python: a property of the class, then the instance's own
/// attributes, then the class's (functions become bound methods), then the native state of a
/// library base (`nativeAttribute`), then a `__getattr__` method. Everything Python asks of a
/// value (`len`, `+`, `==`, iteration, calls, printing) is answered by the class's dunder
/// methods, found along the MRO.
///
/// Libraries subclass `Instance` for native bases whose instances carry state of their own
/// (an `nn.Module` keeps its parameters, buffers and sub-modules in registration order).
open class Instance: PythonObject {
    /// `type(self)`.
    public let cls: ClassObject
    /// The instance's own attributes, in the order they were set.
    public var dict = Namespace()
    /// For an exception that was caught: the error as it was then, traceback included (what
    /// `raise ... from it` shows above the new error).
    var traceback: PythonError.Box?
    /// The session the instance was made in (for hashing with its `__hash__` and `__eq__`).
    public weak var interpreter: Interpreter?

    public init(_ cls: ClassObject, interpreter: Interpreter? = nil) {
        self.cls = cls
        self.interpreter = interpreter
    }

    open var typeName: String { cls.name }
    public func pythonClass(in interpreter: Interpreter) -> ClassObject { cls }
    public var isCallable: Bool { cls.lookup("__call__") != nil }

    // MARK: Hooks for native bases

    /// An attribute held in a native base's own state, found after the class and the instance
    /// dictionary (as PyTorch's `Module.__getattr__` finds parameters). Nil when there is none.
    open func nativeAttribute(_ name: String, in interpreter: Interpreter) throws -> Value? { nil }

    /// Stores an attribute in a native base's own state instead of the dictionary (as
    /// `Module.__setattr__` registers parameters). Returns false to store it in `dict`.
    open func setNativeAttribute(_ name: String, to value: Value, in interpreter: Interpreter) throws -> Bool { false }

    /// Removes an attribute from the native state; false when it is not there.
    open func deleteNativeAttribute(_ name: String, in interpreter: Interpreter) throws -> Bool { false }

    /// Names held in the native state, for `dir()` and completion.
    open var nativeAttributeNames: [String] { [] }

    /// Copies the native state of `original` into this fresh instance (for `copy.deepcopy`).
    open func copyNativeState(from original: Instance, _ copier: DeepCopier) throws {}

    // MARK: Attributes

    public func attribute(_ name: String, in interpreter: Interpreter) throws -> Value? {
        if name == "__class__" { return .object(cls) }
        if name == "__dict__" { return .dict(DictObject(strings: dict.pairs)) }
        let found = cls.lookup(name)
        if let found, let property = found.value.object(as: PropertyObject.self) {
            return try property.get(.object(self), in: interpreter)
        }
        if let own = dict[name] { return own }
        if let found { return try Descriptors.instanceAttribute(found.value, of: self, in: interpreter) }
        if let native = try nativeAttribute(name, in: interpreter) { return native }
        if let getattr = cls.lookup("__getattr__") {
            do {
                return try interpreter.callMethod(getattr.value, on: .object(self), Arguments([.string(name)]))
            } catch let error as PythonError where error.matches(.attributeError) {
                return nil
            }
        }
        return nil
    }

    public func quietAttribute(_ name: String, in interpreter: Interpreter) -> Value? {
        if let own = dict[name] { return own }
        if let native = try? nativeAttribute(name, in: interpreter) { return native }
        if let found = cls.lookup(name), found.value.object(as: PropertyObject.self) == nil {
            return try? Descriptors.instanceAttribute(found.value, of: self, in: interpreter)
        }
        return nil
    }

    public func setAttribute(_ name: String, to value: Value, in interpreter: Interpreter) throws {
        if let found = cls.lookup(name), let property = found.value.object(as: PropertyObject.self) {
            try property.set(.object(self), value, in: interpreter)
            return
        }
        if name == "__class__" || name == "__dict__" {
            throw PythonError(.typeError, "regtutor does not allow assigning '\(name)'")
        }
        if try setNativeAttribute(name, to: value, in: interpreter) { return }
        dict[name] = value
    }

    public func deleteAttribute(_ name: String, in interpreter: Interpreter) throws {
        if let found = cls.lookup(name), let property = found.value.object(as: PropertyObject.self) {
            try property.delete(.object(self), in: interpreter)
            return
        }
        if dict.remove(name) != nil { return }
        if try deleteNativeAttribute(name, in: interpreter) { return }
        throw PythonError(.attributeError, "'\(typeName)' object has no attribute '\(name)'")
    }

    public var attributeNames: [String] {
        var seen = Set<String>()
        return (dict.names + nativeAttributeNames + cls.attributeNames).filter { seen.insert($0).inserted }
    }

    // MARK: Dunder methods

    /// Calls `self.name(arguments)` when the class defines `name`; nil when it does not.
    public func callDunder(_ name: String, _ arguments: [Value] = [], in interpreter: Interpreter) throws -> Value? {
        guard let (method, _) = cls.lookup(name) else { return nil }
        return try interpreter.callMethod(method, on: .object(self), Arguments(arguments))
    }

    public func call(_ arguments: Arguments, in interpreter: Interpreter) throws -> Value {
        guard let (method, _) = cls.lookup("__call__") else {
            throw PythonError(.typeError, "'\(typeName)' object is not callable")
        }
        return try interpreter.callMethod(method, on: .object(self), arguments)
    }

    public func repr(in interpreter: Interpreter) throws -> String {
        if let text = try callDunder("__repr__", in: interpreter) {
            guard case .string(let s) = text else {
                throw PythonError(.typeError, "__repr__ returned non-string (type \(text.typeName))")
            }
            return s
        }
        let module = cls.module == "builtins" ? "" : cls.module + "."
        return "<\(module)\(cls.name) object at \(interpreter.address(of: self))>"
    }

    public func str(in interpreter: Interpreter) throws -> String {
        guard let text = try callDunder("__str__", in: interpreter) else { return try repr(in: interpreter) }
        guard case .string(let s) = text else {
            throw PythonError(.typeError, "__str__ returned non-string (type \(text.typeName))")
        }
        return s
    }

    public func makeIterator(in interpreter: Interpreter) throws -> ValueIterator? {
        if let iterable = try callDunder("__iter__", in: interpreter) {
            return try interpreter.iteratorReturned(by: iterable, from: typeName)
        }
        guard cls.lookup("__getitem__") != nil else { return nil }
        // The old sequence protocol: self[0], self[1], ... until IndexError.
        var position = 0
        return ValueIterator(typeName: "iterator") { [unowned interpreter, self] in
            do {
                defer { position += 1 }
                return try self.callDunder("__getitem__", [.int(position)], in: interpreter)
            } catch let error as PythonError where error.matches(.indexError) || error.matches(.stopIteration) {
                return nil
            }
        }
    }

    public func length(in interpreter: Interpreter) throws -> Int? {
        guard let result = try callDunder("__len__", in: interpreter) else { return nil }
        guard let count = result.exactInt else {
            throw PythonError(.typeError, "'\(result.typeName)' object cannot be interpreted as an integer")
        }
        guard count >= 0 else { throw PythonError(.valueError, "__len__() should return >= 0") }
        return count
    }

    public func truth(in interpreter: Interpreter) throws -> Bool? {
        if let result = try callDunder("__bool__", in: interpreter) {
            guard case .bool(let b) = result else {
                throw PythonError(.typeError, "__bool__ should return bool, returned \(result.typeName)")
            }
            return b
        }
        return try length(in: interpreter).map { $0 > 0 }
    }

    public func item(at index: Value, in interpreter: Interpreter) throws -> Value? {
        try callDunder("__getitem__", [index], in: interpreter)
    }

    public func setItem(at index: Value, to value: Value, in interpreter: Interpreter) throws -> Bool {
        try callDunder("__setitem__", [index, value], in: interpreter) != nil
    }

    public func deleteItem(at index: Value, in interpreter: Interpreter) throws -> Bool {
        try callDunder("__delitem__", [index], in: interpreter) != nil
    }

    public func contains(_ item: Value, in interpreter: Interpreter) throws -> Bool? {
        guard let result = try callDunder("__contains__", [item], in: interpreter) else { return nil }
        return try interpreter.truth(result)
    }

    public func binaryOperation(_ op: BinaryOperator, _ other: Value, reflected: Bool, in interpreter: Interpreter) throws -> Value? {
        let name = "__" + (reflected ? "r" : "") + op.methodStem + "__"
        guard let result = try callDunder(name, [other], in: interpreter) else { return nil }
        if case .object(let o) = result, o === NotImplementedObject.shared { return nil }
        return result
    }

    public func inPlaceOperation(_ op: BinaryOperator, _ other: Value, in interpreter: Interpreter) throws -> Value? {
        guard let result = try callDunder("__i" + op.methodStem + "__", [other], in: interpreter) else { return nil }
        if case .object(let o) = result, o === NotImplementedObject.shared { return nil }
        return result
    }

    public func unaryOperation(_ op: UnaryOperator, in interpreter: Interpreter) throws -> Value? {
        try callDunder(op.methodName, in: interpreter)
    }

    public func comparison(_ op: ComparisonOperator, _ other: Value, in interpreter: Interpreter) throws -> Value? {
        guard let result = try callDunder(op.methodName, [other], in: interpreter) else { return nil }
        if case .object(let o) = result, o === NotImplementedObject.shared { return nil }
        return result
    }

    public func hashKey() throws -> HashKey {
        if let (hash, _) = cls.lookup("__hash__") {
            if hash.isNone { throw PythonError(.typeError, "unhashable type: '\(typeName)'") }
            guard let interpreter else { return .identity(ObjectIdentifier(self)) }
            let value = try interpreter.callMethod(hash, on: .object(self), Arguments())
            guard let number = value.exactInt else { throw PythonError(.typeError, "__hash__ method should return an integer") }
            return .custom(number, CustomHashKey(self, interpreter))
        }
        if cls.lookup("__eq__") != nil { throw PythonError(.typeError, "unhashable type: '\(typeName)'") }
        return .identity(ObjectIdentifier(self))
    }

    public func deepCopy(_ copier: DeepCopier) throws -> Value? {
        let copy = cls.allocator?(cls, copier.interpreter) ?? Instance(cls, interpreter: copier.interpreter)
        copier.remember(self, as: .object(copy))
        for (name, value) in dict.pairs { copy.dict[name] = try copier.copy(value) }
        try copy.copyNativeState(from: self, copier)
        return .object(copy)
    }

    public func shallowCopy(in interpreter: Interpreter) throws -> Value? {
        let copy = cls.allocator?(cls, interpreter) ?? Instance(cls, interpreter: interpreter)
        copy.dict = dict
        return .object(copy)
    }
}
