import TensorEngine

/// `obj.name` and `obj.name = value`. Methods of built-in types (tensors, lists, strings,
/// dicts) come from the table of built-ins; objects answer for themselves.
extension Interpreter {
    func attribute(of value: Value, _ name: String) throws -> Value {
        if case .object(let object) = value {
            if let found = try object.attribute(name, in: self) { return found }
            if let method = Builtins.shared.method(name, ofType: object.methodTable) {
                return try bind(method, to: value)
            }
            throw noAttribute(value, name, candidates: object.attributeNames)
        }
        let typeName = Builtins.typeKey(of: value)
        if let method = Builtins.shared.method(name, ofType: typeName) {
            return try bind(method, to: value)
        }
        throw noAttribute(value, name, candidates: Builtins.shared.methodNames(ofType: typeName))
    }

    private func bind(_ method: Builtin, to receiver: Value) throws -> Value {
        if method.kind == .property { return try method.call(Arguments([receiver]), in: self) }
        return .object(BoundMethod(receiver: receiver, method: method))
    }

    private func noAttribute(_ value: Value, _ name: String, candidates: [String]) -> PythonError {
        var message = "'\(value.typeName)' object has no attribute '\(name)'"
        if let close = NameSuggestion.closest(to: name, among: candidates) { message += ". Did you mean: '\(close)'?" }
        return PythonError(.attributeError, message)
    }

    func setAttribute(of target: Value, _ name: String, to value: Value) throws {
        switch target {
        case .object(let object):
            try object.setAttribute(name, to: value, in: self)
        case .tensor(let t):
            try setTensorAttribute(t, name, to: value)
        default:
            let exists = Builtins.shared.method(name, ofType: Builtins.typeKey(of: target)) != nil
            throw PythonError(.attributeError, exists
                ? "'\(target.typeName)' object attribute '\(name)' is read-only"
                : "'\(target.typeName)' object has no attribute '\(name)' and none can be added")
        }
    }

    /// `x.requires_grad = True`, `x.grad = None`, `p.data = values`.
    private func setTensorAttribute(_ t: TensorObject, _ name: String, to value: Value) throws {
        switch name {
        case "requires_grad":
            guard case .bool(let flag) = value else {
                throw PythonError(.typeError, "requires_grad must be a bool, not \(value.typeName)")
            }
            try t.store(try t.tensor.requiringGrad(flag))
        case "grad":
            if value.isNone {
                t.variable.grad = nil
            } else if case .tensor(let g) = value {
                guard g.tensor.shape == t.tensor.shape else {
                    throw PythonError(.runtimeError, "assigned grad has data of a different size")
                }
                t.variable.grad = g.tensor.detached()
            } else {
                throw PythonError(.typeError, "assigned grad expected to be a Tensor or None but got grad of type \(value.typeName)")
            }
        case "data":
            guard case .tensor(let source) = value else {
                throw PythonError(.typeError, "Variable data has to be a tensor, but got \(value.typeName)")
            }
            let current = t.tensor
            if source.tensor.shape == current.shape {
                try t.store(try current.replacingElements(with: try source.tensor.converted(to: current.dtype).elements))
            } else {
                var replaced = try source.tensor.detached().converted(to: current.dtype)
                if current.requiresGrad { replaced = try replaced.requiringGrad() }
                try t.store(replaced)
            }
        default:
            let exists = Builtins.shared.method(name, ofType: "Tensor") != nil
            throw PythonError(.attributeError, exists
                ? "attribute '\(name)' of 'torch._C.TensorBase' objects is not writable"
                : "regtutor's tensors have no attribute '\(name)' and none can be added")
        }
    }
}
