import Python
import TensorEngine

/// Python's operators with a tensor on at least one side. Python numbers become weak 0-d
/// operands of their kind (int, float or bool), so PyTorch's type promotion applies:
/// `int_tensor * 2.5` is float32, `uint8_tensor + 1` stays uint8.
enum TensorOperators {
    static func binary(_ op: BinaryOperator, _ a: Value, _ b: Value) throws -> Value {
        guard let x = try? a.asOperandTensor(), let y = try? b.asOperandTensor() else {
            throw PythonError(.typeError, "unsupported operand type(s) for \(op.symbol): '\(a.typeName)' and '\(b.typeName)'")
        }
        if op == .matrixMultiply && !(a.isTensor && b.isTensor) {
            throw PythonError(.typeError, "unsupported operand type(s) for @: '\(a.typeName)' and '\(b.typeName)'")
        }
        return .tensor(try compute(op, x, y))
    }

    /// `x op y` on tensors (a Python number being a wrapped 0-d tensor), as PyTorch computes it.
    static func compute(_ op: BinaryOperator, _ x: Tensor, _ y: Tensor) throws -> Tensor {
        switch op {
        case .add: return try x + y
        case .subtract:
            // A number minus a tensor: PyTorch's rsub.
            return x.isWrappedNumber && !y.isWrappedNumber ? try Tensor.reverseSubtract(x, y) : try x - y
        case .multiply: return try x * y
        case .trueDivide:
            // A number over a tensor: PyTorch's reciprocal, then a product.
            if x.isWrappedNumber && !y.isWrappedNumber {
                let floating = y.dtype.isFloatingPoint ? y : try y.converted(to: DefaultDType.float)
                return try floating.pow(-1) * x
            }
            return try x / y
        case .floorDivide: return try Tensor.floorDivide(x, y)
        case .modulo: return try Tensor.remainder(x, y)
        case .power: return try power(x, y)
        case .matrixMultiply: return try x.matmul(y)
        case .bitAnd: return try Tensor.bitwise(x, .and, y)
        case .bitOr: return try Tensor.bitwise(x, .or, y)
        case .bitXor: return try Tensor.bitwise(x, .xor, y)
        case .leftShift, .rightShift:
            return try Tensor.shift(x, y, left: op == .leftShift)
        }
    }

    /// `x ** y`: a Python-number exponent uses PyTorch's shortcuts (x·x for 2, √x for 0.5); a
    /// float exponent makes an integer tensor float.
    private static func power(_ x: Tensor, _ y: Tensor) throws -> Tensor {
        if y.isWrappedNumber && !x.isWrappedNumber {
            let p = try y.item()
            if y.dtype.isFloatingPoint && !x.dtype.isFloatingPoint {
                return try x.converted(to: DefaultDType.float).pow(p)
            }
            return try x.pow(p)
        }
        if x.isWrappedNumber && !y.isWrappedNumber && y.dtype.isFloatingPoint {
            return try Tensor.pow(try x.item(), y)
        }
        return try Tensor.pow(x, y)
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
            if tensor.rank == 0 && tensor.dtype.isInteger { return .single(Int(truncatingIfNeeded: try tensor.integerItem())) }
            if tensor.dtype.isFloatingPoint {
                throw PythonError(.indexError, "tensors used as indices must be long, int, byte or bool tensors")
            }
            // A uint8 tensor is a mask, as in PyTorch (which warns that it is deprecated).
            return .tensor(tensor.dtype == .uint8 ? try tensor.converted(to: .bool) : tensor)
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
