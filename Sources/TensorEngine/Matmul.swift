/// Matrix products: `matmul` (PyTorch's `@`) for 1-d, 2-d and batched operands, and `linear`,
/// the `x·Wᵀ + b` of a fully connected layer. Operands may be transposed views (`w.t()`): the
/// kernels read them through their strides, without copying.
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
        guard rank > 0 && other.rank > 0 else {
            throw TensorError.runtime(
                "both arguments to matmul need to be at least 1D, but they are \(rank)D and \(other.rank)D")
        }
        switch (rank, other.rank) {
        case (1, 1): return try dot(other)
        case (2, 2): return try mm(other)
        case (2, 1): return try matrixVectorProduct(other)
        case (1, 2):
            guard shape[0] == other.shape[0] else {
                throw TensorError.runtime(
                    "mm: mat1 and mat2 shapes cannot be multiplied (1x\(shape[0]) and \(other.shape[0])x\(other.shape[1]))")
            }
            return try unsqueezed(0).mm(other).squeezed(dim: 0).renamed("SqueezeBackward4")
        default: return try batchedProduct(other)
        }
    }

    /// Σ aᵢbᵢ of two vectors.  ∂/∂a = g·b, ∂/∂b = g·a
    public func dot(_ other: Tensor) throws -> Tensor {
        guard dtype == other.dtype else {
            throw TensorError.runtime("dot : expected both vectors to have same dtype, but found \(dtype.cName) and \(other.dtype.cName)")
        }
        guard count == other.count else {
            throw TensorError.runtime(
                "inconsistent tensor size, expected tensor [\(count)] and src [\(other.count)] to have the same number of elements, but got \(count) and \(other.count) elements respectively")
        }
        let product = try MatrixKernels.product(try unsqueezed(0).detached(), try other.unsqueezed(1).detached())
        let (a, b) = (self, other)
        return try product.reshaped([]).detached()
            .recording("DotBackward0", [a, b], saving: [a, b]) { g in
                let scale = try g.item()
                return [a.requiresGrad ? try b * scale : nil, b.requiresGrad ? try a * scale : nil]
            }
    }

    /// [m×k]·[k×n] (PyTorch's `mm`).  ∂/∂A = g·Bᵀ, ∂/∂B = Aᵀ·g
    public func mm(_ other: Tensor) throws -> Tensor {
        let (m, k, n) = (shape[0], shape[1], other.shape[1])
        guard dtype == other.dtype else {
            throw TensorError.runtime("expected m1 and m2 to have the same dtype, but got: \(dtype.cppName) != \(other.dtype.cppName)")
        }
        guard other.shape[0] == k else {
            throw TensorError.runtime(
                "mm: mat1 and mat2 shapes cannot be multiplied (\(m)x\(k) and \(other.shape[0])x\(n))")
        }
        let (a, b) = (self, other)
        let out = try MatrixKernels.product(a, b)
        let saving = (a.requiresGrad ? [b] : []) + (b.requiresGrad ? [a] : [])
        return out.recording("MmBackward0", [a, b], saving: saving) { g in
            [a.requiresGrad ? try MatrixKernels.product(g, try b.t().detached()) : nil,
             b.requiresGrad ? try MatrixKernels.product(try a.t().detached(), g) : nil]
        }
    }

    /// [m×k]·[k].  ∂/∂A = g ⊗ v, ∂/∂v = Aᵀ·g
    private func matrixVectorProduct(_ vector: Tensor) throws -> Tensor {
        let (m, k) = (shape[0], shape[1])
        guard dtype == vector.dtype else {
            throw TensorError.runtime("addmv input tensors must have the same dtype, but got \(vector.dtype.cName), \(dtype.cName), and \(vector.dtype.cName)")
        }
        guard vector.count == k else {
            throw TensorError.runtime("size mismatch, got input (\(m)), mat (\(m)x\(k)), vec (\(vector.count))")
        }
        let (a, v) = (self, vector)
        let out = try MatrixKernels.product(a, try v.unsqueezed(1).detached()).reshaped([m]).detached()
        return out.recording("MvBackward0", [a, v], saving: [a, v]) { g in
            [a.requiresGrad ? try MatrixKernels.product(try g.unsqueezed(1).detached(), try v.unsqueezed(0).detached()) : nil,
             v.requiresGrad ? try MatrixKernels.product(try a.t().detached(), try g.unsqueezed(1).detached()).reshaped([k]).detached() : nil]
        }
    }

    /// Batched product: the last two dimensions are matrices, the leading ones broadcast.
    /// A 1-d operand is treated as a row (left) or a column (right) vector, then dropped again.
    private func batchedProduct(_ other: Tensor) throws -> Tensor {
        guard dtype == other.dtype else {
            throw TensorError.runtime("expected scalar type \(dtype.cName) but found \(other.dtype.cName)")
        }
        let a = rank == 1 ? try unsqueezed(0).detached() : detached()
        let b = other.rank == 1 ? try other.unsqueezed(1).detached() : other.detached()
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
        let left = try a.broadcastView(to: batch + [m, k]).reshaped([Shape.product(batch), m, k]).detached()
        let right = try b.broadcastView(to: batch + [k, n]).reshaped([Shape.product(batch), k, n]).detached()
        let batches = Shape.product(batch)
        let result = try Tensor(zeros: [batches, m, n], dtype: dtype)
        for t in 0..<batches {
            let part = try MatrixKernels.product(try left.selected(dim: 0, index: t).detached(), try right.selected(dim: 0, index: t).detached())
            try result.selected(dim: 0, index: t).detached().assignElements(from: part)
        }
        var outShape = batch + [m, n]
        if rank == 1 { outShape.remove(at: outShape.count - 2) }
        if other.rank == 1 { outShape.removeLast() }
        let (x, y) = (self, other)
        let out = try result.reshaped(outShape).detached()
        return out.recording("UnsafeViewBackward0", [x, y], saving: [x, y]) { g in
            let g3 = try g.reshaped(batch + [m, n])
            let full = (a: try a.broadcastView(to: batch + [m, k]), b: try b.broadcastView(to: batch + [k, n]))
            let gA = x.requiresGrad ? try g3.matmul(full.b.transposed(-1, -2)).sumToShape(a.shape).reshaped(x.shape) : nil
            let gB = y.requiresGrad ? try full.a.transposed(-1, -2).matmul(g3).sumToShape(b.shape).reshaped(y.shape) : nil
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
        try checkLinearTypes(x, weight: weight, bias: bias)
        guard x.shape[x.rank - 1] == inFeatures else {
            let rows = x.rank == 1 ? 1 : x.count / Swift.max(x.shape[x.rank - 1], 1)
            let op = x.rank == 2 && bias != nil ? "addmm" : "mm"
            throw TensorError.runtime(
                "\(op): mat1 and mat2 shapes cannot be multiplied (\(rows)x\(x.shape[x.rank - 1]) and \(inFeatures)x\(outFeatures))")
        }
        if let bias, bias.shape != [outFeatures] {
            return try linearByMatmul(x, weight: weight, bias: bias)
        }
        let batch = x.count / Swift.max(inFeatures, 1)
        let rows = try x.reshaped([batch, inFeatures]).detached()
        let product = try MatrixKernels.product(rows, try weight.t().detached())
        let values = try bias.map { try addBias(product, $0.detached()) } ?? product
        let outShape = Array(x.shape.dropLast()) + [outFeatures]
        let out = try values.reshaped(outShape).detached()
        let name = x.rank == 2 ? (bias == nil ? "MmBackward0" : "AddmmBackward0") : "UnsafeViewBackward0"
        let inputs = bias.map { [x, weight, $0] } ?? [x, weight]
        let saving = (x.requiresGrad ? [weight] : []) + (weight.requiresGrad ? [x] : [])
        return out.recording(name, inputs, saving: saving) { g in
            let g2 = try g.reshaped([batch, outFeatures]).detached()
            var grads: [Tensor?] = [
                x.requiresGrad ? try MatrixKernels.product(g2, weight.detached()).reshaped(x.shape).detached() : nil,
                weight.requiresGrad ? try MatrixKernels.product(try g2.t().detached(), rows) : nil,
            ]
            if bias != nil { grads.append(try g2.sum(dims: [0])) }
            return grads
        }
    }

    /// The product plus the bias on every row, in the product's dtype.
    private static func addBias(_ product: Tensor, _ bias: Tensor) throws -> Tensor {
        guard product.dtype == .float32 else { return try (product + bias).detached() }
        let (batch, width) = (product.shape[0], product.shape[1])
        let values = product.storage.pointer(Float.self)
        bias.withBuffer(of: Float.self) { b in
            for row in 0..<batch {
                for j in 0..<width { values[row * width + j] += b[j] }
            }
        }
        return product
    }

    /// PyTorch's messages for operands of different dtypes in `linear`.
    private static func checkLinearTypes(_ x: Tensor, weight: Tensor, bias: Tensor?) throws {
        if let bias, x.rank == 2 || x.rank == 1 {
            if x.dtype != weight.dtype {
                throw TensorError.runtime("mat1 and mat2 must have the same dtype, but got \(x.dtype.cName) and \(weight.dtype.cName)")
            }
            if bias.dtype != weight.dtype {
                throw TensorError.runtime("self and mat2 must have the same dtype, but got \(bias.dtype.cName) and \(weight.dtype.cName)")
            }
        } else if x.dtype != weight.dtype || (bias.map { $0.dtype != x.dtype } ?? false) {
            let other = x.dtype != weight.dtype ? weight.dtype : (bias?.dtype ?? weight.dtype)
            throw TensorError.runtime("expected m1 and m2 to have the same dtype, but got: \(x.dtype.cppName) != \(other.cppName)")
        }
    }

    /// The general path of `linear`, for shapes the fused kernel does not cover.
    private static func linearByMatmul(_ x: Tensor, weight: Tensor, bias: Tensor?) throws -> Tensor {
        let product = try x.matmul(weight.rank == 2 ? weight.t() : weight)
        return try bias.map { try product + $0 } ?? product
    }
}

extension DType {
    /// The C++ type name PyTorch uses in some messages ("float", "double", "long int").
    var cppName: String {
        switch self {
        case .bool: return "bool"
        case .uint8: return "unsigned char"
        case .int8: return "signed char"
        case .int16: return "short int"
        case .int32: return "int"
        case .int64: return "long int"
        case .float32: return "float"
        case .float64: return "double"
        }
    }
}
