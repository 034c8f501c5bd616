import Python
import TensorEngine

/// Python's operators with a tensor on at least one side. Python numbers become 0-d tensors of
/// the matching kind (int, float or bool), so PyTorch's type promotion applies.
enum TensorOperators {
    static func binary(_ op: BinaryOperator, _ a: Value, _ b: Value) throws -> Value {
        guard let x = try? a.asOperandTensor(), let y = try? b.asOperandTensor() else {
            throw PythonError(.typeError, "unsupported operand type(s) for \(op.symbol): '\(a.typeName)' and '\(b.typeName)'")
        }
        switch op {
        case .add: return .tensor(try x + y)
        case .subtract:
            // A number minus a tensor: PyTorch's rsub.
            if !a.isTensor, let c = a.numberValue { return .tensor(Float(c) - y) }
            return .tensor(try x - y)
        case .multiply: return .tensor(try x * y)
        case .trueDivide:
            if !a.isTensor, let c = a.numberValue { return .tensor(Float(c) / (try y.converted(to: .float32))) }
            return .tensor(try x / y)
        case .floorDivide: return .tensor(try Tensor.floorDivide(x, y))
        case .modulo: return .tensor(try Tensor.remainder(x, y))
        case .power:
            if !b.isTensor, let p = b.numberValue, x.dtype == .float32 || !b.isFloat {
                if x.dtype != .float32 && p < 0 { throw PythonError(.runtimeError, "Integers to negative integer powers are not allowed.") }
                let powered = x.pow(Float(p))
                return .tensor(x.dtype == .float32 || b.isFloat ? powered : try powered.converted(to: x.dtype))
            }
            if !a.isTensor, let c = a.numberValue, y.dtype == .float32 { return .tensor(Tensor.pow(Float(c), y)) }
            return .tensor(try Tensor.pow(x, y))
        case .matrixMultiply:
            guard a.isTensor && b.isTensor else {
                throw PythonError(.typeError, "unsupported operand type(s) for @: '\(a.typeName)' and '\(b.typeName)'")
            }
            return .tensor(try x.matmul(y))
        case .bitAnd: return .tensor(try Tensor.bitwise(x, .and, y))
        case .bitOr: return .tensor(try Tensor.bitwise(x, .or, y))
        case .bitXor: return .tensor(try Tensor.bitwise(x, .xor, y))
        case .leftShift, .rightShift:
            throw PythonError(.typeError, "unsupported operand type(s) for \(op.symbol): '\(a.typeName)' and '\(b.typeName)'")
        }
    }
}

/// A Python subscript as tensor indices: ints, slices, None, `...`, index tensors and lists, masks.
enum TensorIndexing {
    static func indices(_ index: Value, in interpreter: Interpreter) throws -> [TensorIndex] {
        if case .tuple(let items) = index { return try items.map { try one($0, in: interpreter) } }
        return [try one(index, in: interpreter)]
    }

    private static func one(_ value: Value, in interpreter: Interpreter) throws -> TensorIndex {
        switch value {
        case .int(let i): return .single(i)
        case .bool(let b): return .tensor(Tensor(scalar: b ? 1 : 0, dtype: .bool))
        case .none: return .newAxis
        case .ellipsis: return .ellipsis
        case .list, .tuple:
            return .tensor(try TensorConversion.tensor(from: value, dtype: nil, in: interpreter))
        case .object(let t as TensorObject):
            let tensor = t.tensor
            if tensor.rank == 0 && tensor.dtype == .int64 { return .single(Int(saturating: tensor.elements[0])) }
            if tensor.dtype == .float32 {
                throw PythonError(.indexError, "tensors used as indices must be long, int, byte or bool tensors")
            }
            return .tensor(tensor)
        case .object(let slice as SliceObject):
            let (start, stop, step) = try slice.bounds()
            if let step, step < 0 { throw PythonError(.valueError, "step must be greater than zero") }
            return .slice(start, stop, step)
        default:
            break
        }
        throw PythonError(.indexError,
            "only integers, slices (`:`), ellipsis (`...`), None and long or byte Variables are valid indices (got \(value.typeName))")
    }
}
