import Python

/// NumPy's indexing of arrays: `a[1]`, `a[:, :1]`, `a[1:3, 0]`, `a[..., None]`, `a[mask]`,
/// `a[[0, 2]]`. Integers remove an axis, slices keep it, None adds one of size 1, `...` stands
/// for every axis not named; one integer list or array (or a boolean mask) picks positions.
extension NDArray {
    /// What one axis of the result takes from the source: positions along a source axis, or a
    /// new axis of size 1.
    private enum Selection {
        case positions(axis: Int, [Int], keepsAxis: Bool)
        case newAxis
    }

    func indexed(_ index: Value, in interpreter: Interpreter) throws -> Value {
        if case .object(let mask as NDArray) = index, mask.dtype == .bool {
            guard mask.shape.count <= shape.count, Array(shape.prefix(mask.shape.count)) == mask.shape else {
                throw PythonError(.indexError, "boolean index did not match indexed array along axis 0; size of axis is \(shape.first ?? 0) but size of corresponding boolean axis is \(mask.shape.first ?? 0)")
            }
            let rest = Array(shape.dropFirst(mask.shape.count))
            let width = rest.reduce(1, *)
            let kept = mask.elements.indices.filter { mask.elements[$0] != 0 }
            return .object(try NDArray(shape: [kept.count] + rest, elements: kept.flatMap { elements[($0 * width)..<(($0 + 1) * width)] }, dtype: dtype))
        }
        let items: [Value]
        if case .tuple(let parts) = index { items = parts } else { items = [index] }
        let selections = try select(items, in: interpreter)
        var outputShape: [Int] = []
        var sourceAxes: [(axis: Int, positions: [Int])] = []
        for selection in selections {
            switch selection {
            case .newAxis: outputShape.append(1)
            case .positions(let axis, let positions, let keepsAxis):
                if keepsAxis { outputShape.append(positions.count) }
                sourceAxes.append((axis, positions))
            }
        }
        let strides = shape.indices.map { shape.dropFirst($0 + 1).reduce(1, *) }
        var offsets = [0]
        for (axis, positions) in sourceAxes {
            try interpreter.checkMemory(offsets.count, times: positions.count)
            offsets = offsets.flatMap { base in positions.map { base + $0 * strides[axis] } }
        }
        let picked = offsets.map { elements[$0] }
        if outputShape.isEmpty { return .object(NumPyScalar(picked.first ?? 0, dtype)) }
        return .object(try NDArray(shape: outputShape, elements: picked, dtype: dtype))
    }

    private func select(_ items: [Value], in interpreter: Interpreter) throws -> [Selection] {
        let named = items.filter { !$0.isNone && !isEllipsis($0) }.count
        guard named <= shape.count else {
            throw PythonError(.indexError, "too many indices for array: array is \(shape.count)-dimensional, but \(named) were indexed")
        }
        guard items.filter(isEllipsis).count <= 1 else { throw PythonError(.indexError, "an index can only have a single ellipsis ('...')") }
        var result: [Selection] = []
        var axis = 0
        var advanced = 0
        for item in items {
            if item.isNone { result.append(.newAxis); continue }
            if isEllipsis(item) {
                for _ in 0..<(shape.count - named) {
                    result.append(.positions(axis: axis, Array(0..<shape[axis]), keepsAxis: true))
                    axis += 1
                }
                continue
            }
            let size = shape[axis]
            if let i = item.exactInt ?? item.object(as: PythonObject.self)?.indexValue, !item.isFloat {
                guard i >= -size && i < size else { throw PythonError(.indexError, "index \(i) is out of bounds for axis \(axis) with size \(size)") }
                result.append(.positions(axis: axis, [i < 0 ? i + size : i], keepsAxis: false))
            } else if case .object(let slice as SliceObject) = item {
                result.append(.positions(axis: axis, try slice.positions(count: size), keepsAxis: true))
            } else if let list = try integerList(item, in: interpreter) {
                advanced += 1
                guard advanced == 1 else { throw PythonError(.indexError, "regtutor's numpy takes one integer array per index") }
                let positions = try list.map { i -> Int in
                    guard i >= -size && i < size else { throw PythonError(.indexError, "index \(i) is out of bounds for axis \(axis) with size \(size)") }
                    return i < 0 ? i + size : i
                }
                result.append(.positions(axis: axis, positions, keepsAxis: true))
            } else {
                throw PythonError(.indexError, "only integers, slices (`:`), ellipsis (`...`), numpy.newaxis (`None`) and integer or boolean arrays are valid indices")
            }
            axis += 1
        }
        while axis < shape.count {
            result.append(.positions(axis: axis, Array(0..<shape[axis]), keepsAxis: true))
            axis += 1
        }
        return result
    }

    private func isEllipsis(_ value: Value) -> Bool {
        if case .ellipsis = value { return true }
        return false
    }

    /// The integers of a list or an integer array used as an index.
    private func integerList(_ value: Value, in interpreter: Interpreter) throws -> [Int]? {
        if case .object(let array as NDArray) = value, array.shape.count == 1, array.dtype == .int64 { return array.elements.map { Int(saturating: $0) } }
        if let items = value.listItems {
            return try items.map { item in
                guard let i = item.exactInt else { throw PythonError(.indexError, "arrays used as indices must be of integer (or boolean) type") }
                return i
            }
        }
        return nil
    }
}
