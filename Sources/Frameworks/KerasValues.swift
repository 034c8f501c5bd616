import Keras
import Python
import TensorEngine

/// Python values as Keras takes them: arrays, tensors, lists and Keras variables all become
/// tensors (float64 data becomes float32, as Keras casts it); shapes become `(None, 8)` tuples.
enum KerasValues {
    /// Binds a call to a signature written as text.
    static func bind(_ signature: String, _ arguments: Arguments) throws -> BoundArguments {
        try Signature(parsing: signature).bind(arguments)
    }

    /// The tensor a value stands for: a tensor as it is, a NumPy array or nested lists converted.
    static func tensor(_ value: Value, name: String, in interpreter: Interpreter) throws -> Tensor {
        switch value {
        case .object(let t as TensorObject): return t.tensor
        case .object(let variable as KerasVariableObject): return variable.tensor
        case .object(let array as NDArray):
            let dtype: DType = array.dtype.isFloat ? .float32 : array.dtype == .bool ? .bool : .int64
            return try Tensor(array.elements.map { Float($0) }, shape: array.shape, dtype: dtype)
        case .list, .tuple, .int, .float, .bool:
            return try TensorConversion.tensor(from: value, dtype: nil, in: interpreter)
        case .none:
            throw PythonError(.valueError, "Expected data for `\(name)`, received None")
        default:
            if let scalar = value.object(as: NumPyScalar.self) { return Tensor(scalar: Double(Float(scalar.value)), dtype: .float32) }
            throw PythonError(.valueError, "Unrecognized data type: \(name)=\(try interpreter.repr(value)) (of type \(value.typeName))")
        }
    }

    /// A value that operators treat as a tensor (a Keras variable becomes its tensor).
    static func asTensorValue(_ value: Value) -> Value {
        if case .object(let variable as KerasVariableObject) = value { return .tensor(variable.tensor) }
        return value
    }

    /// `(None, 8)`.
    static func shape(_ shape: [Int?]) -> Value { .tuple(shape.map { $0.map { .int($0) } ?? .none }) }

    /// A shape argument: an int, or a tuple or list of ints and Nones.
    static func shapeArgument(_ value: Value, name: String) throws -> [Int?] {
        if let i = value.exactInt { return [i] }
        guard let items = value.tupleItems ?? value.listItems else {
            throw PythonError(.typeError, "`\(name)` must be a tuple of integers, got \(value.typeName)")
        }
        return try items.map { item in
            if item.isNone { return nil }
            guard let i = item.exactInt, i >= 0 else { throw PythonError(.valueError, "`\(name)` must contain non-negative integers or None, got \(items.map { $0.isNone ? "None" : $0.exactInt.map(String.init) ?? "?" })") }
            return i
        }
    }

    /// The numbers of a tensor as a float32 NumPy array (what `predict` and `get_weights` give).
    static func array(_ tensor: Tensor) throws -> Value {
        .object(try NDArray(tensor: tensor))
    }
}
