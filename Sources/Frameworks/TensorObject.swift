import Foundation
import Python
import TensorEngine

/// A tensor as Python code sees it: a reference to the place that holds it, answering
/// operators, indexing, iteration, printing and conversion the way a `torch.Tensor` does.
///
/// The place (`Variable`) is the Python object's identity; the tensor in it is a view on a
/// storage it may share with other tensors (`x[0]`, `x.t()`, `p.grad`, `p.data`), so writing
/// through any of them is seen by all.
final class TensorObject: PythonObject, NumberConvertible, RoundableObject, FormattableObject, SummarizedObject {
    /// The place: what `is` compares, and what a module's parameter is.
    let variable: Variable

    init(_ variable: Variable) {
        self.variable = variable
    }

    var isParameter: Bool { variable.isParameter }

    /// The tensor at this place.
    var tensor: Tensor { variable.tensor }

    /// Puts another tensor at this place (a new autograd identity, such as `requires_grad_`
    /// gives); in-place operations write into the tensor instead.
    func store(_ newValue: Tensor) {
        variable.tensor = newValue
    }

    /// The identity `is` compares.
    var identity: ObjectIdentifier { ObjectIdentifier(variable) }

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
            store(try tensor.requiringGrad(flag))
        case "grad":
            if value.isNone {
                variable.grad = nil
            } else if let g = value.tensorObject {
                guard g.tensor.shape == tensor.shape else {
                    throw PythonError(.runtimeError, "assigned grad has data of a different size")
                }
                guard g.tensor.dtype == tensor.dtype else {
                    throw PythonError(.runtimeError, "assigned grad has data of a different type")
                }
                variable.grad = g.tensor.detached()
            } else {
                throw PythonError(.typeError, "assigned grad expected to be a Tensor or None but got grad of type \(value.typeName)")
            }
        case "data":
            guard let source = value.tensorObject else {
                throw PythonError(.typeError, "Variable data has to be a tensor, but got \(value.typeName)")
            }
            store(tensor.replacingData(with: source.tensor))
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
        return try tensor.item() != 0
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
            return .tensor(try tensor.selected(dim: 0, index: position))
        }
    }

    func item(at index: Value, in interpreter: Interpreter) throws -> Value? {
        .tensor(try tensor.index(try TensorIndexing.indices(index, in: interpreter)))
    }

    func setItem(at index: Value, to value: Value, in interpreter: Interpreter) throws -> Bool {
        let source: Tensor
        if let v = value.tensorObject {
            source = v.tensor
        } else if value.numberValue != nil {
            source = try value.asOperandTensor()
        } else {
            source = try TensorConversion.tensor(from: value, dtype: tensor.dtype, in: interpreter)
        }
        try tensor.assign(source, at: try TensorIndexing.indices(index, in: interpreter))
        return true
    }

    func contains(_ item: Value, in interpreter: Interpreter) throws -> Bool? {
        guard let x = try? item.asOperandTensor() else { return false }
        return try Tensor.compare(tensor, .eq, x).int64s.contains(1)
    }

    func binaryOperation(_ op: BinaryOperator, _ other: Value, reflected: Bool, in interpreter: Interpreter) throws -> Value? {
        let (a, b): (Value, Value) = reflected ? (other, .object(self)) : (.object(self), other)
        guard (try? a.asOperandTensor()) != nil, (try? b.asOperandTensor()) != nil else { return nil }
        return try TensorOperators.binary(op, a, b)
    }

    func inPlaceOperation(_ op: BinaryOperator, _ other: Value, in interpreter: Interpreter) throws -> Value? {
        guard let operand = try? other.asOperandTensor() else { return nil }
        try tensor.updateInPlace(operands: [operand]) { current in try TensorOperators.compute(op, current, operand) }
        return .object(self)
    }

    func unaryOperation(_ op: UnaryOperator, in interpreter: Interpreter) throws -> Value? {
        let tensor = self.tensor
        switch op {
        case .negative:
            if tensor.dtype == .bool {
                throw PythonError(.runtimeError, "Negation, the `-` operator, on a bool tensor is not supported. If you are trying to invert a mask, use the `~` or `logical_not()` operator instead.")
            }
            return .tensor(try -tensor)
        case .positive: return .object(self)
        case .absolute: return .tensor(try tensor.abs())
        case .invert: return .tensor(try tensor.bitwiseNot())
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
        guard tensor.count == 1, tensor.dtype.isInteger || tensor.dtype == .bool else { return nil }
        return (try? tensor.integerItem()).map { Int(truncatingIfNeeded: $0) }
    }

    func asDouble() throws -> Double {
        let tensor = self.tensor
        guard tensor.count == 1 else {
            throw PythonError(.runtimeError, "a Tensor with \(tensor.count) elements cannot be converted to Scalar")
        }
        return try tensor.item()
    }

    func asInt() throws -> Int? {
        let tensor = self.tensor
        guard !tensor.dtype.isFloatingPoint else { return nil }
        guard tensor.count == 1 else {
            throw PythonError(.runtimeError, "a Tensor with \(tensor.count) elements cannot be converted to Scalar")
        }
        return Int(truncatingIfNeeded: try tensor.integerItem())
    }

    func rounded(digits: Int?) throws -> Value {
        guard let digits, digits != 0 else {
            return .tensor(try tensor.map({ $0.rounded(.toNearestOrEven) }, { $0.rounded(.toNearestOrEven) }, { $0 }))
        }
        let factor = Foundation.pow(10.0, Double(max(min(digits, 30), -30)))
        let f32 = Float(factor)
        return .tensor(try tensor.map({ ($0 * f32).rounded(.toNearestOrEven) / f32 }, { ($0 * factor).rounded(.toNearestOrEven) / factor }, { $0 }))
    }

    func formatted(spec: String, in interpreter: Interpreter) throws -> String {
        if spec.isEmpty { return try repr(in: interpreter) }
        let tensor = self.tensor
        guard tensor.count == 1 else { throw PythonError(.typeError, "unsupported format string passed to Tensor.__format__") }
        return try PythonFormat.format(Bindings.scalarValue(of: tensor), spec: spec, in: interpreter)
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
        return .object(TensorObject(try variable.copied()))
    }

    func shallowCopy(in interpreter: Interpreter) throws -> Value? {
        .tensor(try tensor.detached().compactCopy())
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

/// `torch.float32`, `torch.float64`, `torch.int64`, `torch.uint8`, `torch.bool`...
final class DTypeObject: PythonObject, @unchecked Sendable {
    let dtype: DType
    init(_ dtype: DType) { self.dtype = dtype }
    var typeName: String { "dtype" }
    var classKey: String { "torch.dtype" }
    func repr(in interpreter: Interpreter) throws -> String { dtype.name }
    func attribute(_ name: String, in interpreter: Interpreter) throws -> Value? {
        switch name {
        case "is_floating_point": return .bool(dtype.isFloatingPoint)
        case "is_signed": return .bool(dtype.isSigned)
        case "itemsize": return .int(dtype.itemSize)
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
        case .int(let i): return Tensor.wrapped(integer: Int64(i))
        case .bool(let b): return Tensor.wrapped(b ? 1 : 0, dtype: .bool)
        case .float(let f): return Tensor.wrapped(f, dtype: .float64)
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
