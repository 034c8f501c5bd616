import TensorEngine

/// A function made with `def` or `lambda`: its definition, the scope it was defined in, and the
/// default values computed when it was defined (as Python computes them).
final class FunctionObject: PythonObject {
    let definition: FunctionDefinition
    let closure: Environment
    let signature: Signature
    let file: SourceFile

    init(definition: FunctionDefinition, closure: Environment, signature: Signature, file: SourceFile) {
        self.definition = definition
        self.closure = closure
        self.signature = signature
        self.file = file
    }

    var typeName: String { "function" }

    func repr(in interpreter: Interpreter) throws -> String { "<function \(definition.name)>" }

    func call(_ arguments: Arguments, in interpreter: Interpreter) throws -> Value {
        try interpreter.invoke(self, arguments)
    }

    func attribute(_ name: String, in interpreter: Interpreter) throws -> Value? {
        name == "__name__" ? .string(definition.name) : nil
    }
}

/// A built-in method together with the value it belongs to: `x.sum` before it is called.
final class BoundMethod: PythonObject {
    let receiver: Value
    let method: Builtin

    init(receiver: Value, method: Builtin) {
        self.receiver = receiver
        self.method = method
    }

    var typeName: String { "builtin_function_or_method" }

    func call(_ arguments: Arguments, in interpreter: Interpreter) throws -> Value {
        var withSelf = arguments
        withSelf.positional.insert(receiver, at: 0)
        return try method.call(withSelf, in: interpreter)
    }

    func repr(in interpreter: Interpreter) throws -> String {
        "<built-in method \(method.name) of \(receiver.typeName) object>"
    }
}

extension Interpreter {
    /// Calls anything callable with the given arguments.
    func call(_ function: Value, _ arguments: Arguments) throws -> Value {
        guard case .object(let object) = function else {
            throw PythonError(.typeError, "'\(function.typeName)' object is not callable")
        }
        return try object.call(arguments, in: self)
    }

    /// Calls a one-argument callable (a `key=` function, `map`'s function).
    func call(_ function: Value, _ argument: Value) throws -> Value {
        try call(function, Arguments([argument]))
    }

    func makeFunction(_ definition: FunctionDefinition, in environment: Environment) throws -> FunctionObject {
        let parameters = try definition.parameters.map { parameter in
            Signature.Parameter(name: parameter.name, kind: parameter.kind,
                                defaultValue: try parameter.defaultValue.map { try evaluate($0, in: environment) })
        }
        return FunctionObject(definition: definition, closure: environment,
                              signature: Signature(name: definition.name, parameters: parameters), file: currentFile)
    }

    /// Runs a user function: binds its arguments in a new scope, runs the body, and adds this
    /// call to the traceback of an error that passes through.
    func invoke(_ function: FunctionObject, _ arguments: Arguments) throws -> Value {
        try checkInterrupt()
        if callDepth >= Interpreter.maxCallDepth {
            throw PythonError(.recursionError, "maximum recursion depth exceeded")
        }
        callDepth += 1
        defer { callDepth -= 1 }
        let bound = try function.signature.bind(arguments)
        let scope = Environment.call(function.definition, parent: function.closure)
        for parameter in function.signature.parameters {
            switch parameter.kind {
            case .normal, .keywordOnly:
                try scope.assign(parameter.name, bound[parameter.name])
            case .varPositional:
                try scope.assign(parameter.name, .tuple(bound.rest))
            case .varKeyword:
                try scope.assign(parameter.name, .dict(try DictObject(bound.extra.map { (.string($0.name), $0.value) })))
            }
        }
        do {
            if case .returnValue(let value) = try execute(function.definition.body, in: scope) { return value }
            return .none
        } catch var error as PythonError {
            if error.kind != .recursionError || error.frames.count < 3 {
                let span = error.location ?? function.definition.span
                error.frames.insert(PythonError.Frame(file: function.file, span: span, function: function.definition.name), at: 0)
            }
            error.location = nil
            throw error
        }
    }
}
