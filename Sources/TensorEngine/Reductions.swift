import Foundation

/// Reductions over all dimensions or chosen ones, with PyTorch's `keepdim`. Float sums accumulate
/// in double precision and round once, so long sums stay accurate; integer sums are int64 and
/// wrap around, as PyTorch's do.
extension Tensor {
    /// The sum of the elements (over `dims`, or all), like `x.sum(dim=..., keepdim=...)`: float
    /// tensors keep their dtype, integers and bools sum to int64.
    /// ∂/∂x = 1 for every element that was added
    ///
    /// ```swift
    /// try Tensor([[1, 2], [3, 4]]).sum(dims: [0])  // tensor([4., 6.])
    /// ```
    public func sum(dims: [Int]? = nil, keepdim: Bool = false) throws -> Tensor {
        let plan = try Reduction(shape: shape, dims: dims, keepdim: keepdim)
        let out: Tensor
        if dtype.isFloatingPoint {
            out = try Tensor(accumulate(plan), shape: plan.outputShape, dtype: dtype)
        } else {
            out = try Tensor(integerSums(plan), shape: plan.outputShape, dtype: .int64)
        }
        let name = dims?.isEmpty == false ? "SumBackward1" : "SumBackward0"
        return out.recording(name, [self]) { g in [try plan.expand(g)] }
    }

    /// Double-precision sums of each group of the reduction.
    func accumulate(_ plan: Reduction) -> [Double] {
        switch dtype {
        case .float32: return withBuffer(of: Float.self) { plan.sums($0) }
        case .float64: return withBuffer(of: Double.self) { plan.sums($0) }
        default: return withBuffer(of: Double.self) { plan.sums($0) }
        }
    }

    /// Wrapping int64 sums of each group of the reduction.
    private func integerSums(_ plan: Reduction) -> [Int64] {
        var sums = [Int64](repeating: 0, count: plan.outputCount)
        for (value, target) in Swift.zip(int64s, plan.targets()) { sums[target] = sums[target] &+ value }
        return sums
    }

    /// The mean of the elements, like `x.mean(dim=..., keepdim=...)`.  ∂/∂x = 1/n
    public func mean(dims: [Int]? = nil, keepdim: Bool = false) throws -> Tensor {
        guard dtype.isFloatingPoint else {
            throw TensorError.runtime(
                "mean(): could not infer output dtype. Input dtype must be either a floating point or complex dtype. Got: \(dtype.cName)")
        }
        let plan = try Reduction(shape: shape, dims: dims, keepdim: keepdim)
        let n = Double(plan.groupSize)
        let means: [Double] = dtype == .float32
            ? accumulate(plan).map { Double(Float($0) / Float(n)) }
            : accumulate(plan).map { $0 / n }
        let out = try Tensor(means, shape: plan.outputShape, dtype: dtype)
        let name = dims?.isEmpty == false ? "MeanBackward1" : "MeanBackward0"
        return out.recording(name, [self]) { g in [try plan.expand(try g / n)] }
    }

    /// The variance, `Σ(x - mean)² / (n - correction)`: unbiased (`correction` 1) by default,
    /// like PyTorch.  ∂/∂x = 2(x - mean)/(n - correction)
    public func variance(dims: [Int]? = nil, correction: Int = 1, keepdim: Bool = false) throws -> Tensor {
        let (plan, means, squares) = try deviations(dims: dims, keepdim: keepdim)
        let divisor = Double(plan.groupSize - correction)
        let out = try Tensor(squares.map { $0 / divisor }, shape: plan.outputShape, dtype: dtype)
        let x = self
        return out.recording("VarBackward0", [x], saving: [x]) { g in
            let centered = try x - Tensor(means, shape: plan.keptShape, dtype: x.dtype)
            return [try plan.expand(g) * centered * (2 / divisor)]
        }
    }

    /// The standard deviation, √variance (unbiased by default).  ∂/∂x = (x - mean)/((n - correction)·std)
    public func standardDeviation(dims: [Int]? = nil, correction: Int = 1, keepdim: Bool = false) throws -> Tensor {
        let (plan, means, squares) = try deviations(dims: dims, keepdim: keepdim)
        let divisor = Double(plan.groupSize - correction)
        let out = try Tensor(squares.map { ($0 / divisor).squareRoot() }, shape: plan.outputShape, dtype: dtype)
        let x = self
        return out.recording("StdBackward0", [x], saving: [x, out]) { g in
            let centered = try x - Tensor(means, shape: plan.keptShape, dtype: x.dtype)
            let scale = try plan.expand(try g / (out * divisor))
            return [try scale * centered]
        }
    }

    /// The group means and the sums of squared deviations from them, in double precision.
    private func deviations(dims: [Int]?, keepdim: Bool) throws -> (Reduction, [Double], [Double]) {
        guard dtype.isFloatingPoint else {
            throw TensorError.runtime("std and var only support floating point and complex dtypes")
        }
        let plan = try Reduction(shape: shape, dims: dims, keepdim: keepdim)
        let n = Double(plan.groupSize)
        let means = accumulate(plan).map { $0 / n }
        var squares = [Double](repeating: 0, count: plan.outputCount)
        for (value, target) in Swift.zip(doubles, plan.targets()) {
            let d = value - means[target]
            squares[target] += d * d
        }
        return (plan, means, squares)
    }

    /// The largest element (or smallest, with `largest: false`), like `x.max()`.
    /// ∂/∂x is shared evenly among the elements equal to the result.
    public func extreme(largest: Bool = true) throws -> Tensor {
        guard count > 0 else {
            throw TensorError.runtime(
                "\(largest ? "max" : "min")(): Expected reduction dim to be specified for input.numel() == 0. Specify the reduction dim with the 'dim' argument.")
        }
        let (_, source) = try extreme(dim: 0, largest: largest, flat: true)
        let x = self
        let out = try compact().reshaped([count]).detached().gathered([source[0]]).reshaped([]).detached()
        return out.recording(largest ? "MaxBackward1" : "MinBackward1", [x], saving: [x, out]) { g in
            let hits = try Tensor.compare(x, .eq, out)
            let ties = Double(Swift.max(hits.int64s.filter { $0 != 0 }.count, 1))
            return [try hits.map(dtype: g.dtype, { $0 }, { $0 }, { $0 }) * (try g.item() / ties)]
        }
    }

    /// The largest (or smallest) element along `dim` and where it is: PyTorch's
    /// `x.max(dim=1)` returning `(values, indices)`. Ties go to the first occurrence; NaN wins.
    /// ∂/∂x = g at each chosen position, 0 elsewhere
    public func extreme(dim: Int, keepdim: Bool = false, largest: Bool = true) throws -> (values: Tensor, indices: Tensor) {
        let plan = try Reduction(shape: shape, dims: [dim], keepdim: keepdim)
        let d = plan.dims.first ?? 0
        guard shape.isEmpty || shape[d] > 0 else {
            throw TensorError.index(
                "\(largest ? "max" : "min")(): Expected reduction dim \(d) to have non-zero size.")
        }
        let (positions, sources) = try extreme(dim: dim, largest: largest, flat: false)
        let indices = try Tensor(positions.map(Int64.init), shape: plan.outputShape, dtype: .int64)
        let flat = try compact().reshaped([count]).detached()
        let picked = try flat.gathered(sources).reshaped(plan.outputShape).detached()
        let inputShape = shape
        let values = picked.recording(largest ? "MaxBackward0" : "MinBackward0", [self], saving: [indices]) { g in
            [try Tensor.scatterAdd(g, at: sources, into: inputShape)]
        }
        return (values, indices)
    }

    /// For each output of a reduction over `dim` (or over everything, `flat`): the position along
    /// the dimension of the best element, and its row-major position in the input.
    private func extreme(dim: Int, largest: Bool, flat: Bool) throws -> ([Int], [Int]) {
        let plan = flat ? try Reduction(shape: [count], dims: [0], keepdim: false)
                        : try Reduction(shape: shape, dims: [dim], keepdim: false)
        let along = plan.positionsAlongDim()
        var bestPosition = [Int](repeating: -1, count: plan.outputCount)
        var bestSource = [Int](repeating: 0, count: plan.outputCount)
        func scan<T: TensorScalar & Comparable>(_ values: [T], isNaN: (T) -> Bool) {
            var best = [T?](repeating: nil, count: plan.outputCount)
            for (i, target) in plan.targets().enumerated() {
                let value = values[i]
                let better: Bool
                if let current = best[target] {
                    better = !isNaN(current) && (isNaN(value) || (largest ? value > current : value < current))
                } else {
                    better = true
                }
                if better {
                    best[target] = value
                    bestPosition[target] = along[i]
                    bestSource[target] = i
                }
            }
        }
        if dtype.isFloatingPoint { scan(doubles) { $0.isNaN } } else { scan(int64s) { _ in false } }
        return (bestPosition, bestSource)
    }

    /// Where the largest (or smallest) element is: over all elements (an index into the flattened
    /// tensor), or along `dim`. Like `argmax`/`argmin`; ties go to the first occurrence.
    public func argExtreme(dim: Int? = nil, keepdim: Bool = false, largest: Bool = true) throws -> Tensor {
        if let dim {
            return try extreme(dim: dim, keepdim: keepdim, largest: largest).indices
        }
        guard count > 0 else {
            throw TensorError.runtime(
                "arg\(largest ? "max" : "min")(): Expected reduction dim to be specified for input.numel() == 0.")
        }
        let (positions, _) = try extreme(dim: 0, largest: largest, flat: true)
        let index = Tensor(scalar: Double(positions[0]), dtype: .int64)
        return keepdim ? try index.reshaped(Array(repeating: 1, count: rank)).detached() : index
    }

    /// The p-norm `(Σ|x|^p)^(1/p)` over all elements or `dims`: p = 1, 2 (default),
    /// `.infinity` (the largest |x|) or any other positive p, like `x.norm(p, dim)`.
    /// ∂/∂x = sign(x)·|x|^(p-1)/norm^(p-1); for p = ∞ the gradient goes to the largest |x| (shared among ties)
    public func norm(p: Double = 2, dims: [Int]? = nil, keepdim: Bool = false) throws -> Tensor {
        guard dtype.isFloatingPoint else {
            throw TensorError.runtime("linalg.vector_norm: Expected a floating point or complex tensor as input. Got \(dtype.cName)")
        }
        let plan = try Reduction(shape: shape, dims: dims, keepdim: keepdim)
        let targets = plan.targets()
        var totals = [Double](repeating: 0, count: plan.outputCount)
        for (value, target) in Swift.zip(doubles, targets) {
            let magnitude = Swift.abs(value)
            switch p {
            case .infinity: totals[target] = Swift.max(totals[target], magnitude)
            case 2: totals[target] += magnitude * magnitude
            case 1: totals[target] += magnitude
            default: totals[target] += Foundation.pow(magnitude, p)
            }
        }
        let norms = totals.map { total -> Double in
            switch p {
            case .infinity, 1: return total
            case 2: return total.squareRoot()
            default: return Foundation.pow(total, 1 / p)
            }
        }
        let out = try Tensor(norms, shape: plan.outputShape, dtype: dtype)
        let x = self
        return out.recording("LinalgVectorNormBackward0", [x], saving: [x, out]) { g in
            try x.floatingDispatch("norm", float: {
                [try x.normGradient(Float.self, g, norms: out, p: p, targets: targets)]
            }, double: {
                [try x.normGradient(Double.self, g, norms: out, p: p, targets: targets)]
            })
        }
    }

    /// The gradient of `norm`, computed in the tensor's own precision.
    private func normGradient<T: FloatingElement>(_ t: T.Type, _ g: Tensor, norms: Tensor, p: Double, targets: [Int]) throws -> Tensor {
        let upstream = g.array(of: T.self), values = array(of: T.self), norm = norms.array(of: T.self)
        var ties = [T](repeating: 0, count: norm.count)
        if p == .infinity {
            for (value, target) in Swift.zip(values, targets) where Swift.abs(value) == norm[target] { ties[target] += 1 }
        }
        var grad = [T](repeating: 0, count: count)
        for (i, target) in targets.enumerated() {
            let x = values[i], n = norm[target], gi = upstream[target]
            let sign: T = x > 0 ? 1 : (x < 0 ? -1 : 0)
            switch p {
            case 1: grad[i] = sign * gi
            case 2: grad[i] = n == 0 ? 0 : x * (gi / n)
            case .infinity: grad[i] = Swift.abs(x) == n ? sign * gi / ties[target] : 0
            default:
                grad[i] = n == 0 ? 0 : x * T.pow(Swift.abs(x), T(p - 2)) * gi / T.pow(n, T(p - 1))
            }
        }
        return try Tensor(grad, shape: shape, dtype: dtype)
    }
}

extension Tensor {
    /// Running sums along `dim`, like `torch.cumsum(x, dim)`: each float sum in the tensor's own
    /// precision, added in order; integers and bools sum to int64.
    /// ∂/∂x = the running sums of g taken from the end
    public func cumulativeSum(dim: Int) throws -> Tensor {
        let d = try Shape.normalize(dim: dim, rank: rank)
        let size = rank == 0 ? 1 : shape[d]
        let inner = rank == 0 ? 1 : shape.dropFirst(d + 1).reduce(1, *)
        func running<T: TensorScalar & AdditiveArithmetic>(_ values: [T], wrapping: (T, T) -> T) -> [T] {
            var result = values
            for start in stride(from: 0, to: result.count, by: Swift.max(size * inner, 1)) {
                for k in 1..<Swift.max(size, 1) {
                    for j in 0..<inner {
                        result[start + k * inner + j] = wrapping(result[start + k * inner + j], result[start + (k - 1) * inner + j])
                    }
                }
            }
            return result
        }
        let out: Tensor
        switch dtype {
        case .float32: out = try Tensor(running(array(of: Float.self), wrapping: +), shape: shape, dtype: dtype)
        case .float64: out = try Tensor(running(doubles, wrapping: +), shape: shape, dtype: dtype)
        default: out = try Tensor(running(int64s, wrapping: &+), shape: shape, dtype: .int64)
        }
        return out.recording("CumsumBackward0", [self]) { g in
            [try g.flipped([d]).cumulativeSum(dim: d).flipped([d])]
        }
    }
}
