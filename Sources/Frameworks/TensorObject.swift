import Foundation
import Python
import TensorEngine

/// A tensor as Python code sees it: a reference to the place that holds it, answering
/// operators, indexing, iteration, printing and conversion the way a `torch.Tensor` does.
///
/// Most tensors own their place. `p.grad` and `p.data` are places inside another tensor, so that
/// `p.grad.zero_()` clears the gradient and `p.data -= lr * g` changes the weights in place.
final class TensorObject: PythonObject, NumberConvertible, RoundableObject, FormattableObject, SummarizedObject {
    enum Place {
        /// The tensor owns `variable`.
        case own
        /// The gradient of the tensor in `variable` (`p.grad`).
        case gradient
        /// The values of the tensor in `variable` without its autograd history (`p.data`).
        case data
    }

    /// The place itself, or for `.gradient` and `.data` the tensor they belong to.
    let variable: Variable
    let place: Place
    /// What `p.grad` held when it was read, for after the gradient has been reset to None.
    private let snapshot: Tensor?

    init(_ variable: Variable, place: Place = .own) {
        self.variable = variable
        self.place = place
        snapshot = place == .gradient ? variable.grad : nil
    }

    var isParameter: Bool { place == .own && variable.isParameter }

    /// The tensor currently at this place.
    var tensor: Tensor {
        switch place {
        case .own: return variable.tensor
        case .gradient: return variable.grad ?? snapshot ?? variable.tensor.zerosLike()
        case .data: return variable.tensor.detached()
        }
    }

    /// Replaces the tensor at this place (an in-place operation's result).
    func store(_ newValue: Tensor) throws {
        switch place {
        case .own: variable.tensor = newValue
        case .gradient: variable.grad = newValue.detached()
        case .data: variable.tensor = try variable.tensor.replacingElements(with: newValue.elements)
        }
    }

    /// The identity `is` compares: the place, or for views the tensor they belong to.
    var identity: ObjectIdentifier { place == .own ? ObjectIdentifier(variable) : ObjectIdentifier(self) }

    // MARK: What Python asks of a tensor

    var typeName: String { isParameter ? "Parameter" : "Tensor" }
    var classKey: String { isParameter ? "nn.Parameter" : "torch.Tensor" }
    var methodTable: String { isParameter ? "Parameter" : "Tensor" }

    func repr(in interpreter: Interpreter) throws -> String {
        isParameter ? "Parameter containing:\n" + TensorFormatter.describe(tensor) : TensorFormatter.describe(tensor)
    }

    /// `x.requires_grad = True`, `x.grad = None`, `p.data = values`.
    func setAttribute(_ name: String, to value: Value, in interpreter: Interpreter) throws {
        switch name {
        case "requires_grad":
            guard case .bool(let flag) = value else {
                throw PythonError(.typeError, "requires_grad must be a bool, not \(value.typeName)")
            }
            try store(try tensor.requiringGrad(flag))
        case "grad":
            if value.isNone {
                variable.grad = nil
            } else if let g = value.tensorObject {
                guard g.tensor.shape == tensor.shape else {
                    throw PythonError(.runtimeError, "assigned grad has data of a different size")
                }
                variable.grad = g.tensor.detached()
            } else {
                throw PythonError(.typeError, "assigned grad expected to be a Tensor or None but got grad of type \(value.typeName)")
            }
        case "data":
            guard let source = value.tensorObject else {
                throw PythonError(.typeError, "Variable data has to be a tensor, but got \(value.typeName)")
            }
            let current = tensor
            if source.tensor.shape == current.shape {
                try store(try current.replacingElements(with: try source.tensor.converted(to: current.dtype).elements))
            } else {
                var replaced = try source.tensor.detached().converted(to: current.dtype)
                if current.requiresGrad { replaced = try replaced.requiringGrad() }
                try store(replaced)
            }
        default:
            let exists = interpreter.builtins.method(name, ofType: "Tensor") != nil
            throw PythonError(.attributeError, exists
                ? "attribute '\(name)' of 'torch._C.TensorBase' objects is not writable"
                : "regtutor's tensors have no attribute '\(name)' and none can be added")
        }
    }

    func truth(in interpreter: Interpreter) throws -> Bool? {
        let tensor = self.tensor
        if tensor.count == 0 { throw PythonError(.runtimeError, "Boolean value of Tensor with no values is ambiguous") }
        if tensor.count > 1 { throw PythonError(.runtimeError, "Boolean value of Tensor with more than one value is ambiguous") }
        return tensor.elements[0] != 0
    }

    func length(in interpreter: Interpreter) throws -> Int? {
        guard let first = tensor.shape.first else { throw PythonError(.typeError, "len() of a 0-d tensor") }
        return first
    }

    func makeIterator(in interpreter: Interpreter) throws -> ValueIterator? {
        let tensor = self.tensor
        guard tensor.rank > 0 else { throw PythonError(.typeError, "iteration over a 0-d tensor") }
        var position = 0
        return ValueIterator {
            guard position < tensor.shape[0] else { return nil }
            defer { position += 1 }
            return .tensor(try tensor.index([.single(position)]))
        }
    }

    func item(at index: Value, in interpreter: Interpreter) throws -> Value? {
        .tensor(try tensor.index(try TensorIndexing.indices(index, in: interpreter)))
    }

    func setItem(at index: Value, to value: Value, in interpreter: Interpreter) throws -> Bool {
        var updated = tensor
        let source: Tensor
        if let v = value.tensorObject {
            source = v.tensor
        } else if value.numberValue != nil {
            source = try value.asOperandTensor().converted(to: updated.dtype)
        } else {
            source = try TensorConversion.tensor(from: value, dtype: updated.dtype, in: interpreter)
        }
        try updated.assign(source, at: try TensorIndexing.indices(index, in: interpreter))
        try store(updated)
        return true
    }

    func contains(_ item: Value, in interpreter: Interpreter) throws -> Bool? {
        guard let x = try? item.asOperandTensor() else { return false }
        return try Tensor.compare(tensor, .eq, x).elements.contains(1)
    }

    func binaryOperation(_ op: BinaryOperator, _ other: Value, reflected: Bool, in interpreter: Interpreter) throws -> Value? {
        let (a, b): (Value, Value) = reflected ? (other, .object(self)) : (.object(self), other)
        guard (try? a.asOperandTensor()) != nil, (try? b.asOperandTensor()) != nil else { return nil }
        return try TensorOperators.binary(op, a, b)
    }

    func inPlaceOperation(_ op: BinaryOperator, _ other: Value, in interpreter: Interpreter) throws -> Value? {
        guard let result = try TensorOperators.binary(op, .object(self), other).tensorObject else { return nil }
        try TensorInPlace.store(result.tensor, into: self)
        return .object(self)
    }

    func unaryOperation(_ op: UnaryOperator, in interpreter: Interpreter) throws -> Value? {
        let tensor = self.tensor
        switch op {
        case .negative:
            if tensor.dtype == .bool {
                throw PythonError(.runtimeError, "Negation, the `-` operator, on a bool tensor is not supported. If you are trying to invert a mask, use the `~` or `logical_not()` operator instead.")
            }
            return .tensor(-tensor)
        case .positive: return .object(self)
        case .absolute: return .tensor(tensor.abs())
        case .invert:
            switch tensor.dtype {
            case .bool: return .tensor(tensor.logicalNot())
            case .int64: return .tensor(tensor.map { -$0 - 1 })
            case .float32: throw PythonError(.typeError, "~ (operator.invert) is only implemented on integer and Boolean-type tensors")
            }
        }
    }

    func comparison(_ op: ComparisonOperator, _ other: Value, in interpreter: Interpreter) throws -> Value? {
        guard let y = try? other.asOperandTensor() else {
            switch op {
            case .equal: return .bool(false)
            case .notEqual: return .bool(true)
            default: return nil
            }
        }
        let comparison: Tensor.Comparison
        switch op {
        case .less: comparison = .lt
        case .lessOrEqual: comparison = .le
        case .greater: comparison = .gt
        case .greaterOrEqual: comparison = .ge
        case .equal: comparison = .eq
        case .notEqual: comparison = .ne
        }
        return .tensor(try Tensor.compare(tensor, comparison, y))
    }

    var indexValue: Int? {
        let tensor = self.tensor
        guard tensor.count == 1, tensor.dtype != .float32 else { return nil }
        return Int(saturating: tensor.elements[0])
    }

    func asDouble() throws -> Double {
        let tensor = self.tensor
        guard tensor.count == 1 else {
            throw PythonError(.runtimeError, "a Tensor with \(tensor.count) elements cannot be converted to Scalar")
        }
        return Double(tensor.elements[0])
    }

    func asInt() throws -> Int? {
        let tensor = self.tensor
        guard tensor.dtype != .float32 else { return nil }
        return Int(saturating: try asDouble())
    }

    func rounded(digits: Int?) throws -> Value {
        guard let digits, digits != 0 else { return .tensor(tensor.map { $0.rounded(.toNearestOrEven) }) }
        let factor = Float(Foundation.pow(10.0, Double(max(min(digits, 30), -30))))
        return .tensor(tensor.map { ($0 * factor).rounded(.toNearestOrEven) / factor })
    }

    func formatted(spec: String, in interpreter: Interpreter) throws -> String {
        if spec.isEmpty { return try repr(in: interpreter) }
        let tensor = self.tensor
        guard tensor.count == 1 else { throw PythonError(.typeError, "unsupported format string passed to Tensor.__format__") }
        let item = Double(try tensor.item())
        return try PythonFormat.format(tensor.dtype == .float32 ? .float(item) : .int(Int(saturating: item)), spec: spec, in: interpreter)
    }

    var summary: String {
        let tensor = self.tensor
        var text = Shape.torchSize(tensor.shape) + " " + tensor.dtype.name
        if tensor.requiresGrad { text += ", requires_grad" }
        return text
    }

    func deepCopy(_ copier: DeepCopier) throws -> Value? {
        let tensor = self.tensor
        guard tensor.isLeaf else {
            throw PythonError(.runtimeError,
                "Only Tensors created explicitly by the user (graph leaves) support the deepcopy protocol at the moment.  If you were attempting to deepcopy a module, this may be because of a torch.nn.utils.weight_norm usage, see https://github.com/pytorch/pytorch/pull/103001")
        }
        var copied = tensor.detached().cloned()
        if tensor.requiresGrad { copied = try copied.requiringGrad() }
        let copy = Variable(copied, isParameter: isParameter)
        copy.penalty = variable.penalty
        copy.constraint = variable.constraint
        return .object(TensorObject(copy))
    }

    func shallowCopy(in interpreter: Interpreter) throws -> Value? {
        .tensor(tensor.detached().cloned())
    }
}

/// `torch.Size`: a tuple of ints that prints as `torch.Size([2, 3])`.
final class SizeObject: TupleLike {
    let dims: [Int]
    init(_ dims: [Int]) { self.dims = dims }

    var typeName: String { "Size" }
    var classKey: String { "torch.Size" }
    var tupleItems: [Value] { dims.map { .int($0) } }

    func repr(in interpreter: Interpreter) throws -> String { Shape.torchSize(dims) }
    func makeIterator(in interpreter: Interpreter) throws -> ValueIterator? { ValueIterator(typeName: "tuple_iterator", items: tupleItems) }
    func length(in interpreter: Interpreter) throws -> Int? { dims.count }
    func truth(in interpreter: Interpreter) throws -> Bool? { !dims.isEmpty }
    func hashKey() throws -> HashKey { try HashKey(.tuple(tupleItems)) }

    func item(at index: Value, in interpreter: Interpreter) throws -> Value? {
        let positions = try interpreter.sequencePositions(count: dims.count, index, "tuple")
        if case .object(let object) = index, object is SliceObject { return .size(positions.map { dims[$0] }) }
        return .int(dims[positions[0]])
    }

    func binaryOperation(_ op: BinaryOperator, _ other: Value, reflected: Bool, in interpreter: Interpreter) throws -> Value? {
        guard op == .add, let items = other.tupleItems else { return nil }
        let otherDims = items.compactMap(\.exactInt)
        guard otherDims.count == items.count else { return nil }
        return .size(reflected ? otherDims + dims : dims + otherDims)
    }

    func comparison(_ op: ComparisonOperator, _ other: Value, in interpreter: Interpreter) throws -> Value? {
        guard op == .equal || op == .notEqual, let items = other.tupleItems else { return nil }
        let same = try interpreter.equal(.tuple(tupleItems), .tuple(items))
        return .bool(op == .equal ? same : !same)
    }
}

/// `torch.float32`, `torch.int64`, `torch.bool`.
final class DTypeObject: PythonObject, @unchecked Sendable {
    let dtype: DType
    init(_ dtype: DType) { self.dtype = dtype }
    var typeName: String { "dtype" }
    var classKey: String { "torch.dtype" }
    func repr(in interpreter: Interpreter) throws -> String { dtype.name }
    func attribute(_ name: String, in interpreter: Interpreter) throws -> Value? {
        switch name {
        case "is_floating_point": return .bool(dtype == .float32)
        case "itemsize": return .int(dtype == .bool ? 1 : dtype == .int64 ? 8 : 4)
        default: return nil
        }
    }
}

extension Value {
    /// A tensor value holding `tensor` in a place of its own.
    static func tensor(_ tensor: Tensor) -> Value { .object(TensorObject(Variable(tensor))) }

    /// A tensor value for an existing place.
    static func tensor(_ object: TensorObject) -> Value { .object(object) }

    /// A `torch.Size`.
    static func size(_ dims: [Int]) -> Value { .object(SizeObject(dims)) }

    /// The tensor object, when the value is a tensor.
    var tensorObject: TensorObject? { object(as: TensorObject.self) }

    var isTensor: Bool { tensorObject != nil }

    /// The dimensions, when the value is a `torch.Size`.
    var sizeDims: [Int]? { object(as: SizeObject.self)?.dims }

    /// A tensor for an operator: tensors as they are, Python numbers as 0-d tensors of their kind.
    func asOperandTensor() throws -> Tensor {
        switch self {
        case .int(let i): return Tensor(scalar: Float(i), dtype: .int64)
        case .bool(let b): return Tensor(scalar: b ? 1 : 0, dtype: .bool)
        case .float(let f): return Tensor(scalar: Float(f))
        default:
            if let t = tensorObject { return t.tensor }
            throw PythonError(.typeError, "expected a tensor or a number, got \(typeName)")
        }
    }
}

extension TensorError: PythonErrorConvertible {
    /// The engine's error as the Python exception PyTorch raises (same name and message).
    public var pythonError: PythonError {
        PythonError(PythonError.Kind(rawValue: kind.rawValue) ?? .runtimeError, message)
    }
}
