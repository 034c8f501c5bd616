import Python
import TensorEngine

/// Reading bound arguments as tensors, sizes and dtypes, with PyTorch-style errors that name
/// the function, the argument and what was given: `zeros(): argument 'dtype' must be torch.dtype, not str`.
extension BoundArguments {
    func tensorObject(_ name: String) throws -> TensorObject {
        guard let t = self[name].tensorObject else { throw mistake(name, "Tensor", self[name]) }
        return t
    }

    /// A tensor argument (a tensor only, as PyTorch requires).
    func tensor(_ name: String) throws -> Tensor { try tensorObject(name).tensor }

    func optionalTensor(_ name: String) throws -> Tensor? {
        isNone(name) ? nil : try tensor(name)
    }

    /// A tensor or a Python number (which becomes a 0-d tensor), as `torch.add` accepts.
    func tensorOrNumber(_ name: String) throws -> Tensor {
        do { return try self[name].asOperandTensor() } catch { throw mistake(name, "Tensor or number", self[name]) }
    }

    /// A dimension list: None (all), an int, or a tuple/list of ints.
    func dims(_ name: String) throws -> [Int]? {
        let value = self[name]
        if value.isNone { return nil }
        if let i = value.exactInt { return [i] }
        if let items = value.tupleItems ?? { if case .list(let l) = value { return l.items } else { return nil } }() {
            return try items.map { item in
                guard let i = item.exactInt else { throw mistake(name, "tuple of ints", value) }
                return i
            }
        }
        throw mistake(name, "int or tuple of ints", value)
    }

    /// A size given either as separate ints (`zeros(2, 3)`, in `rest`) or one sequence
    /// (`zeros((2, 3))`, `zeros(x.shape)`, `zeros([2, 3])`).
    func sizeFromRest(_ name: String = "size") throws -> [Int] {
        var items = rest
        if items.count == 1 {
            switch items[0] {
            case .tuple(let inner): items = inner
            case .list(let list): items = list.items
            default: if let dims = items[0].sizeDims { return try checkedSize(dims) }
            }
        }
        let dims = try items.map { item -> Int in
            if let i = item.exactInt, !item.isFloat { return i }
            if let t = item.tensorObject, t.tensor.count == 1, t.tensor.dtype.isInteger { return Int(truncatingIfNeeded: try t.tensor.integerItem()) }
            throw PythonError(.typeError, "\(functionName)(): argument '\(name)' must be tuple of ints, but found element of type \(item.typeName)")
        }
        return try checkedSize(dims)
    }

    /// A size given as one argument: an int, a tuple/list of ints, or a torch.Size.
    func size(_ name: String) throws -> [Int] {
        let value = self[name]
        if let i = value.exactInt { return try checkedSize([i]) }
        if let dims = value.sizeDims { return try checkedSize(dims) }
        let items: [Value]
        switch value {
        case .tuple(let inner): items = inner
        case .list(let list): items = list.items
        default: throw mistake(name, "tuple of ints", value)
        }
        return try checkedSize(try items.map { item in
            guard let i = item.exactInt else { throw mistake(name, "tuple of ints", value) }
            return i
        })
    }

    private func checkedSize(_ dims: [Int]) throws -> [Int] {
        if let negative = dims.first(where: { $0 < 0 }) {
            throw PythonError(.runtimeError, "Trying to create tensor with negative dimension \(negative): \(Shape.describe(dims))")
        }
        _ = try Shape.count(dims)
        return dims
    }

    func dtype(_ name: String) throws -> DType? {
        let value = self[name]
        if value.isNone { return nil }
        if case .object(let object) = value, let dtype = object as? DTypeObject { return dtype.dtype }
        if let unsupported = value.object(as: UnsupportedDType.self) { throw unsupported.error }
        throw mistake(name, "torch.dtype", value)
    }
}

/// Python data (numbers, nested lists and tuples, tensors, arrays) turned into a tensor, as
/// `torch.tensor(data)` does: the dtype is inferred (bool, int64, or the default float dtype
/// when any value is a float) unless given; ints stay exact.
enum TensorConversion {
    static func tensor(from value: Value, dtype: DType?, in interpreter: Interpreter) throws -> Tensor {
        if case .object(let array as NDArray) = value {
            let tensor = try array.tensor()
            guard let dtype, dtype != tensor.dtype else { return try tensor.compactCopy() }
            return try tensor.converted(to: dtype)
        }
        var data = FlatData()
        try flatten(value, depth: 0, into: &data)
        let inferred = data.sawAny ? data.kind : DefaultDType.float
        let target = dtype ?? inferred
        if target.isFloatingPoint || target == .bool {
            return try Tensor(data.doubles, shape: data.shape, dtype: target)
        }
        try checkRange(data, inferred: inferred, target: target)
        return try Tensor(inferred.isFloatingPoint ? data.doubles.map { Int64(castingDouble: $0) } : data.integers,
                          shape: data.shape, dtype: target)
    }

    /// PyTorch's check when Python numbers become an integer dtype: each must fit (an unsigned
    /// type also takes negatives down to -max, which wrap around).
    private static func checkRange(_ data: FlatData, inferred: DType, target: DType) throws {
        let range = target.integerRange
        let low = target.isSigned ? Double(range.lowerBound) : -Double(range.upperBound)
        let high = Double(range.upperBound)
        let fits: Bool
        if inferred.isFloatingPoint {
            fits = data.doubles.allSatisfy { $0.isFinite && $0 >= low && $0 <= high }
        } else {
            fits = data.integers.allSatisfy { Double($0) >= low && Double($0) <= high }
        }
        guard fits else {
            throw PythonError(.runtimeError, "value cannot be converted to type \(target.shortName) without overflow")
        }
    }

    /// The numbers found so far, both as doubles and as exact integers, and the shape.
    private struct FlatData {
        var shape: [Int] = []
        var doubles: [Double] = []
        var integers: [Int64] = []
        var kind = DType.bool
        var sawAny = false
    }

    private static func flatten(_ value: Value, depth: Int, into data: inout FlatData) throws {
        if depth > 32 { throw PythonError(.valueError, "too many dimensions (more than 32)") }
        let items: [Value]?
        switch value {
        case .list(let list): items = list.items
        case .tuple(let tuple): items = tuple
        default: items = value.sizeDims.map { $0.map { .int($0) } }
        }
        guard let items else {
            if depth < data.shape.count {
                throw PythonError(.valueError, "expected sequence of length \(data.shape[depth]) at dim \(depth) (got \(value.typeName))")
            }
            try appendScalar(value, depth: depth, into: &data)
            return
        }
        if depth == data.shape.count {
            if !data.doubles.isEmpty {
                throw PythonError(.valueError, "setting an array element with a sequence: the nesting is uneven")
            }
            data.shape.append(items.count)
        } else if data.shape[depth] != items.count {
            throw PythonError(.valueError, "expected sequence of length \(data.shape[depth]) at dim \(depth) (got \(items.count))")
        }
        for item in items { try flatten(item, depth: depth + 1, into: &data) }
    }

    private static func appendScalar(_ value: Value, depth: Int, into data: inout FlatData) throws {
        if data.doubles.count >= 1 << 25 { throw PythonError(.memoryError, "the data is too large for a tensor") }
        if depth != data.shape.count {
            throw PythonError(.valueError, "expected a sequence at dim \(depth)")
        }
        data.sawAny = true
        switch value {
        case .bool(let b):
            data.doubles.append(b ? 1 : 0)
            data.integers.append(b ? 1 : 0)
        case .int(let i):
            data.doubles.append(Double(i))
            data.integers.append(Int64(i))
            data.kind = DType.promote(data.kind, .int64)
        case .float(let f):
            data.doubles.append(f)
            data.integers.append(Int64(castingDouble: f))
            data.kind = data.kind.isFloatingPoint ? data.kind : DefaultDType.float
        case .object(let t as TensorObject) where t.tensor.count == 1 && t.tensor.rank == 0:
            data.doubles.append(try t.tensor.item())
            data.integers.append(try t.tensor.integerItem())
            data.kind = DType.promote(data.kind, t.tensor.dtype)
        case .object(is TensorObject):
            throw PythonError(.valueError, "only one element tensors can be converted to Python scalars")
        case .object(let scalar as NumPyScalar):
            data.doubles.append(scalar.value)
            data.integers.append(Int64(castingDouble: scalar.value))
            data.kind = DType.promote(data.kind, scalar.dtype.isFloat ? DefaultDType.float : (scalar.dtype == .bool ? .bool : .int64))
        default:
            throw PythonError(.typeError, "new(): invalid data type '\(value.typeName)'")
        }
    }
}
