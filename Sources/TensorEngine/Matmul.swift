/// Matrix products: `matmul` (PyTorch's `@`) for 1-d, 2-d and batched operands, and `linear`,
/// the `x·Wᵀ + b` of a fully connected layer.
extension Tensor {
    /// The matrix product with PyTorch's rules for each combination of ranks:
    /// 1-d·1-d is a dot product, 2-d·2-d a matrix product, 2-d·1-d a matrix-vector product,
    /// and higher ranks multiply the last two dimensions, broadcasting the rest (a batch).
    /// For C = A·B: ∂/∂A = g·Bᵀ, ∂/∂B = Aᵀ·g
    ///
    /// ```swift
    /// try Tensor([[1, 2], [3, 4]]).matmul(Tensor([[1], [1]]))  // tensor([[3.], [7.]])
    /// ```
    public func matmul(_ other: Tensor) throws -> Tensor {
        guard dtype == other.dtype || (dtype != .bool && other.dtype != .bool) else {
            throw TensorError.runtime("expected m1 and m2 to have the same dtype, but got: \(dtype.cName) != \(other.dtype.cName)")
        }
        guard rank > 0 && other.rank > 0 else {
            throw TensorError.runtime(
                "both arguments to matmul need to be at least 1D, but they are \(rank)D and \(other.rank)D")
        }
        switch (rank, other.rank) {
        case (1, 1): return try dot(other)
        case (2, 2): return try matrixProduct(other)
        case (2, 1): return try matrixVectorProduct(other)
        case (1, 2):
            guard shape[0] == other.shape[0] else {
                throw TensorError.runtime(
                    "mm: mat1 and mat2 shapes cannot be multiplied (1x\(shape[0]) and \(other.shape[0])x\(other.shape[1]))")
            }
            return try reshaped([1, shape[0]]).matrixProduct(other).reshaped([other.shape[1]], name: "SqueezeBackward4")
        default: return try batchedProduct(other)
        }
    }

    /// Σ aᵢbᵢ of two vectors.  ∂/∂a = g·b, ∂/∂b = g·a
    private func dot(_ other: Tensor) throws -> Tensor {
        guard count == other.count else {
            throw TensorError.runtime(
                "inconsistent tensor size, expected tensor [\(count)] and src [\(other.count)] to have the same number of elements, but got \(count) and \(other.count) elements respectively")
        }
        var total: Float = 0
        for i in 0..<count { total += elements[i] * other.elements[i] }
        let (a, b) = (self, other)
        return Tensor(shape: [], elements: [total], dtype: DType.promote(dtype, other.dtype))
            .recording("DotBackward0", [a, b]) { g in
                let scale = try g.item()
                return [a.requiresGrad ? b * scale : nil, b.requiresGrad ? a * scale : nil]
            }
    }

    /// [m×k]·[k×n].  ∂/∂A = g·Bᵀ, ∂/∂B = Aᵀ·g
    private func matrixProduct(_ other: Tensor) throws -> Tensor {
        let (m, k, n) = (shape[0], shape[1], other.shape[1])
        guard other.shape[0] == k else {
            throw TensorError.runtime(
                "mm: mat1 and mat2 shapes cannot be multiplied (\(m)x\(k) and \(other.shape[0])x\(n))")
        }
        let (a, b) = (self, other)
        let out = Tensor(shape: [m, n], elements: try MatrixKernels.product(a.elements, b.elements, m: m, k: k, n: n, layout: .plain),
                         dtype: DType.promote(dtype, other.dtype))
        return out.recording("MmBackward0", [a, b]) { g in
            [a.requiresGrad ? Tensor(shape: [m, k], elements: try MatrixKernels.product(g.elements, b.elements, m: m, k: n, n: k, layout: .transposedB)) : nil,
             b.requiresGrad ? Tensor(shape: [k, n], elements: try MatrixKernels.product(a.elements, g.elements, m: k, k: m, n: n, layout: .transposedA)) : nil]
        }
    }

    /// [m×k]·[k].  ∂/∂A = g ⊗ v, ∂/∂v = Aᵀ·g
    private func matrixVectorProduct(_ vector: Tensor) throws -> Tensor {
        let (m, k) = (shape[0], shape[1])
        guard vector.count == k else {
            throw TensorError.runtime("size mismatch, got input (\(m)), mat (\(m)x\(k)), vec (\(vector.count))")
        }
        let (a, v) = (self, vector)
        let out = Tensor(shape: [m], elements: try MatrixKernels.product(a.elements, v.elements, m: m, k: k, n: 1, layout: .plain),
                         dtype: DType.promote(dtype, vector.dtype))
        return out.recording("MvBackward0", [a, v]) { g in
            [a.requiresGrad ? Tensor(shape: [m, k], elements: try MatrixKernels.product(g.elements, v.elements, m: m, k: 1, n: k, layout: .plain)) : nil,
             v.requiresGrad ? Tensor(shape: [k], elements: try MatrixKernels.product(a.elements, g.elements, m: k, k: m, n: 1, layout: .transposedA)) : nil]
        }
    }

    /// Batched product: the last two dimensions are matrices, the leading ones broadcast.
    /// A 1-d operand is treated as a row (left) or a column (right) vector, then dropped again.
    private func batchedProduct(_ other: Tensor) throws -> Tensor {
        let a = rank == 1 ? try reshaped([1, count]) : self
        let b = other.rank == 1 ? try other.reshaped([other.count, 1]) : other
        let (m, k) = (a.shape[a.rank - 2], a.shape[a.rank - 1])
        let (k2, n) = (b.shape[b.rank - 2], b.shape[b.rank - 1])
        let batch = try Shape.broadcast(Array(a.shape.dropLast(2)), Array(b.shape.dropLast(2)))
        guard k == k2 else {
            if a.rank == 3 && b.rank == 3 && a.shape[0] == b.shape[0] {
                throw TensorError.runtime(
                    "Expected size for first two dimensions of batch2 tensor to be: [\(b.shape[0]), \(k)] but got: [\(b.shape[0]), \(k2)].")
            }
            throw TensorError.runtime(
                "Expected size for first two dimensions of batch2 tensor to be: [\(Shape.product(batch)), \(k)] but got: [\(Shape.product(batch)), \(k2)].")
        }
        let left = try a.broadcast(to: batch + [m, k])
        let right = try b.broadcast(to: batch + [k, n])
        let batches = Shape.product(batch)
        _ = try Shape.count(batch + [m, n])
        var result = [Float]()
        result.reserveCapacity(batches * m * n)
        for t in 0..<batches {
            let aSlice = Array(left.elements[(t * m * k)..<((t + 1) * m * k)])
            let bSlice = Array(right.elements[(t * k * n)..<((t + 1) * k * n)])
            result += try MatrixKernels.product(aSlice, bSlice, m: m, k: k, n: n, layout: .plain)
        }
        var outShape = batch + [m, n]
        if rank == 1 { outShape.remove(at: outShape.count - 2) }
        if other.rank == 1 { outShape.removeLast() }
        let (x, y) = (self, other)
        let out = Tensor(shape: outShape, elements: result, dtype: DType.promote(dtype, other.dtype))
        return out.recording("UnsafeViewBackward0", [x, y]) { g in
            let g3 = try g.reshaped(batch + [m, n])
            let gA = x.requiresGrad ? try g3.matmul(right.transposed(-1, -2)).sumToShape(a.shape).reshaped(x.shape) : nil
            let gB = y.requiresGrad ? try left.transposed(-1, -2).matmul(g3).sumToShape(b.shape).reshaped(y.shape) : nil
            return [gA, gB]
        }
    }

    /// x·Wᵀ + b, the affine map of `nn.Linear` (PyTorch's `F.linear`), with W of shape
    /// [out, in] and x of shape [..., in].
    /// ∂/∂x = g·W, ∂/∂W = gᵀ·x, ∂/∂b = Σ g over the batch
    public static func linear(_ x: Tensor, weight: Tensor, bias: Tensor?) throws -> Tensor {
        guard weight.rank == 2, x.rank >= 1 else {
            return try linearByMatmul(x, weight: weight, bias: bias)
        }
        let (outFeatures, inFeatures) = (weight.shape[0], weight.shape[1])
        let batch = x.count / Swift.max(inFeatures, 1)
        guard x.shape[x.rank - 1] == inFeatures else {
            let rows = x.rank == 1 ? 1 : x.count / Swift.max(x.shape[x.rank - 1], 1)
            let op = x.rank == 2 && bias != nil ? "addmm" : "mm"
            throw TensorError.runtime(
                "\(op): mat1 and mat2 shapes cannot be multiplied (\(rows)x\(x.shape[x.rank - 1]) and \(inFeatures)x\(outFeatures))")
        }
        if let bias, bias.shape != [outFeatures] {
            return try linearByMatmul(x, weight: weight, bias: bias)
        }
        var values = try MatrixKernels.product(x.elements, weight.elements, m: batch, k: inFeatures, n: outFeatures, layout: .transposedB)
        if let bias {
            for row in 0..<batch {
                for j in 0..<outFeatures { values[row * outFeatures + j] += bias.elements[j] }
            }
        }
        let outShape = Array(x.shape.dropLast()) + [outFeatures]
        let out = Tensor(shape: outShape, elements: values, dtype: .float32)
        let name = x.rank == 2 ? (bias == nil ? "MmBackward0" : "AddmmBackward0") : "UnsafeViewBackward0"
        let inputs = bias.map { [x, weight, $0] } ?? [x, weight]
        return out.recording(name, inputs) { g in
            var grads: [Tensor?] = [
                x.requiresGrad ? Tensor(shape: x.shape, elements: try MatrixKernels.product(g.elements, weight.elements, m: batch, k: outFeatures, n: inFeatures, layout: .plain)) : nil,
                weight.requiresGrad ? Tensor(shape: weight.shape, elements: try MatrixKernels.product(g.elements, x.elements, m: outFeatures, k: batch, n: inFeatures, layout: .transposedA)) : nil,
            ]
            if let bias {
                grads.append(bias.requiresGrad ? try g.reshaped([batch, outFeatures]).sum(dims: [0]) : nil)
            }
            return grads
        }
    }

    /// The general path of `linear`, for shapes the fused kernel does not cover.
    private static func linearByMatmul(_ x: Tensor, weight: Tensor, bias: Tensor?) throws -> Tensor {
        let product = try x.matmul(weight.rank == 2 ? weight.transposed(0, 1) : weight)
        return try bias.map { try product + $0 } ?? product
    }
}

extension DType {
    /// The C++ scalar name PyTorch uses in some messages ("Float", "Long", "Bool").
    var cName: String {
        switch self {
        case .float32: return "Float"
        case .int64: return "Long"
        case .bool: return "Bool"
        }
    }
}
