/// Raising and catching: what `raise` makes of a value, what `except` matches, and the stack of
/// exceptions being handled (for a bare `raise` and for "During handling of the above
/// exception, another exception occurred").
extension Interpreter {
    /// The error `raise value` throws: `value` is an exception instance or class.
    func exception(from value: Value) throws -> PythonError {
        guard case .object(let object) = value else {
            throw PythonError(.typeError, "exceptions must derive from BaseException")
        }
        let base = ExceptionClasses.shared[.baseException]
        if let cls = object as? ClassObject, cls.isSubclass(of: base) {
            return try exception(from: try cls.call(Arguments(), in: self))
        }
        guard let instance = object as? Instance, instance.cls.isSubclass(of: base) else {
            throw PythonError(.typeError, "exceptions must derive from BaseException")
        }
        return PythonError(instance: instance, message: try instance.str(in: self), args: ExceptionClasses.arguments(of: value))
    }

    /// The error for `raise ... from cause`: the cause as it was caught (with its traceback), if it was.
    func cause(from value: Value) throws -> PythonError {
        if case .object(let instance as Instance) = value, let recorded = instance.traceback?.error { return recorded }
        return try exception(from: value)
    }

    /// Whether `except handler:` catches `error` (`handler` a class or a tuple of classes).
    func exception(_ error: PythonError, matches handler: Value) throws -> Bool {
        if let items = handler.tupleItems {
            return try items.contains { try exception(error, matches: $0) }
        }
        guard case .object(let cls as ClassObject) = handler, cls.isSubclass(of: ExceptionClasses.shared[.baseException]) else {
            throw PythonError(.typeError, "catching classes that do not inherit from BaseException is not allowed")
        }
        return error.exceptionClass.isSubclass(of: cls)
    }

    /// Runs `body` while `error` is being handled (an `except` block, or a `finally` block on the
    /// way out) in the code named by `location`; an error escaping it remembers `error` as its
    /// context, with the traceback up to where it was caught.
    func handle<T>(_ error: PythonError, at location: (file: SourceFile, function: String), _ body: (Instance) throws -> T) throws -> T {
        var current = error
        let instance = current.materializedInstance()
        current.frames.append(PythonError.Frame(file: location.file, span: error.location ?? SourceSpan(line: 1, column: 0, endColumn: 0),
                                                function: location.function))
        if instance.traceback == nil { instance.traceback = PythonError.Box(current) }
        if instance.dict["__cause__"] == nil {
            func object(_ chained: PythonError.Box?) -> Value {
                guard var error = chained?.error else { return .none }
                return .object(error.materializedInstance())
            }
            instance.dict["__cause__"] = object(current.cause)
            instance.dict["__context__"] = object(current.context)
            instance.dict["__suppress_context__"] = .bool(current.suppressContext)
        }
        handling.append(error)
        defer { handling.removeLast() }
        do {
            return try body(instance)
        } catch {
            var next = PythonError(wrapping: error)
            if next.instance !== instance && next.context == nil && next.cause == nil {
                next.context = PythonError.Box(current)
            }
            throw next
        }
    }

    /// `name 'x' is not defined`, with a suggestion when a close name exists.
    func nameError(_ name: String) -> PythonError {
        var message = "name '\(name)' is not defined"
        if let hint = builtins.importHints[name] {
            message += ". Did you forget to import it? (\(hint))"
        } else if let close = NameSuggestion.closest(to: name, among: module.boundNames + Array(builtins.pythonBuiltins.keys)) {
            message += ". Did you mean: '\(close)'?"
        }
        return PythonError(.nameError, message)
    }
}
