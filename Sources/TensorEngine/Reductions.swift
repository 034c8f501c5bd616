import Foundation

/// Reductions over all dimensions or chosen ones, with PyTorch's `keepdim`. Sums accumulate in
/// double precision and round once, so long sums stay accurate.
extension Tensor {
    /// The sum of the elements (over `dims`, or all), like `x.sum(dim=..., keepdim=...)`.
    /// ∂/∂x = 1 for every element that was added
    ///
    /// ```swift
    /// try Tensor([[1, 2], [3, 4]]).sum(dims: [0])  // tensor([4., 6.])
    /// ```
    public func sum(dims: [Int]? = nil, keepdim: Bool = false) throws -> Tensor {
        let plan = try Reduction(shape: shape, dims: dims, keepdim: keepdim)
        let sums = accumulate(plan)
        let type: DType = dtype == .float32 ? .float32 : .int64
        let out = Tensor(shape: plan.outputShape, elements: sums.map { Float($0) }, dtype: type)
        let name = dims?.isEmpty == false ? "SumBackward1" : "SumBackward0"
        return out.recording(name, [self], savesTensors: false) { g in [try plan.expand(g)] }
    }

    /// Double-precision sums of each group of the reduction.
    private func accumulate(_ plan: Reduction) -> [Double] {
        var sums = [Double](repeating: 0, count: plan.outputCount)
        if plan.outputCount == 1 {
            sums[0] = elements.reduce(0.0) { $0 + Double($1) }
            return sums
        }
        if let (outer, reduced, inner) = plan.contiguousBlock {
            // The same additions in the same order as the general walk below, without its index array.
            elements.withUnsafeBufferPointer { x in
                sums.withUnsafeMutableBufferPointer { out in
                    for o in 0..<outer {
                        for k in 0..<reduced {
                            let base = (o * reduced + k) * inner
                            for i in 0..<inner { out[o * inner + i] += Double(x[base + i]) }
                        }
                    }
                }
            }
            return sums
        }
        for (value, target) in Swift.zip(elements, plan.targets()) { sums[target] += Double(value) }
        return sums
    }

    /// The mean of the elements, like `x.mean(dim=..., keepdim=...)`.  ∂/∂x = 1/n
    public func mean(dims: [Int]? = nil, keepdim: Bool = false) throws -> Tensor {
        guard dtype == .float32 else {
            throw TensorError.runtime(
                "mean(): could not infer output dtype. Input dtype must be either a floating point or complex dtype. Got: \(dtype == .bool ? "Bool" : "Long")")
        }
        let plan = try Reduction(shape: shape, dims: dims, keepdim: keepdim)
        let n = Float(plan.groupSize)
        let out = Tensor(shape: plan.outputShape, elements: accumulate(plan).map { Float($0) / n })
        let name = dims?.isEmpty == false ? "MeanBackward1" : "MeanBackward0"
        return out.recording(name, [self], savesTensors: false) { g in [try plan.expand(g / n)] }
    }

    /// The variance, `Σ(x - mean)² / (n - correction)`: unbiased (`correction` 1) by default,
    /// like PyTorch.  ∂/∂x = 2(x - mean)/(n - correction)
    public func variance(dims: [Int]? = nil, correction: Int = 1, keepdim: Bool = false) throws -> Tensor {
        let (plan, means, squares) = try deviations(dims: dims, keepdim: keepdim)
        let divisor = Double(plan.groupSize - correction)
        let out = Tensor(shape: plan.outputShape, elements: squares.map { Float($0 / divisor) })
        let x = self
        return out.recording("VarBackward0", [x]) { g in
            let centered = try x - Tensor(shape: plan.keptShape, elements: means.map { Float($0) })
            return [try plan.expand(g) * centered * Float(2 / divisor)]
        }
    }

    /// The standard deviation, √variance (unbiased by default).  ∂/∂x = (x - mean)/((n - correction)·std)
    public func standardDeviation(dims: [Int]? = nil, correction: Int = 1, keepdim: Bool = false) throws -> Tensor {
        let (plan, means, squares) = try deviations(dims: dims, keepdim: keepdim)
        let divisor = Double(plan.groupSize - correction)
        let out = Tensor(shape: plan.outputShape, elements: squares.map { Float(($0 / divisor).squareRoot()) })
        let x = self
        return out.recording("StdBackward0", [x]) { g in
            let centered = try x - Tensor(shape: plan.keptShape, elements: means.map { Float($0) })
            let scale = try plan.expand(try g / (out * Float(divisor)))
            return [try scale * centered]
        }
    }

    /// The group means and the sums of squared deviations from them, in double precision.
    private func deviations(dims: [Int]?, keepdim: Bool) throws -> (Reduction, [Double], [Double]) {
        guard dtype == .float32 else {
            throw TensorError.runtime("std and var only support floating point and complex dtypes")
        }
        let plan = try Reduction(shape: shape, dims: dims, keepdim: keepdim)
        let targets = plan.targets()
        let n = Double(plan.groupSize)
        let means = accumulate(plan).map { $0 / n }
        var squares = [Double](repeating: 0, count: plan.outputCount)
        for (value, target) in Swift.zip(elements, targets) {
            let d = Double(value) - means[target]
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
        let best = elements.reduce(elements[0]) { current, value in
            if current.isNaN || value.isNaN { return .nan }
            return (largest ? value > current : value < current) ? value : current
        }
        let x = self
        let out = Tensor(shape: [], elements: [best], dtype: dtype)
        return out.recording(largest ? "MaxBackward1" : "MinBackward1", [x]) { g in
            let ties = Float(x.elements.filter { $0 == best }.count)
            let share = try g.item() / ties
            return [x.map(dtype: .float32) { $0 == best ? share : 0 }]
        }
    }

    /// The largest (or smallest) element along `dim` and where it is: PyTorch's
    /// `x.max(dim=1)` returning `(values, indices)`. Ties go to the first occurrence.
    /// ∂/∂x = g at each chosen position, 0 elsewhere
    public func extreme(dim: Int, keepdim: Bool = false, largest: Bool = true) throws -> (values: Tensor, indices: Tensor) {
        let plan = try Reduction(shape: shape, dims: [dim], keepdim: keepdim)
        let d = plan.dims.first ?? 0
        guard shape.isEmpty || shape[d] > 0 else {
            throw TensorError.index(
                "\(largest ? "max" : "min")(): Expected reduction dim \(d) to have non-zero size.")
        }
        let positions = plan.positionsAlongDim()
        var bestValue = [Float](repeating: 0, count: plan.outputCount)
        var bestIndex = [Int](repeating: -1, count: plan.outputCount)
        var bestSource = [Int](repeating: 0, count: plan.outputCount)
        for (i, target) in plan.targets().enumerated() {
            let value = elements[i]
            let current = bestValue[target]
            let better = bestIndex[target] < 0
                || (!current.isNaN && (value.isNaN || (largest ? value > current : value < current)))
            if better {
                bestValue[target] = value
                bestIndex[target] = positions[i]
                bestSource[target] = i
            }
        }
        let indices = Tensor(shape: plan.outputShape, elements: bestIndex.map { Float($0) }, dtype: .int64)
        let inputShape = shape
        let values = Tensor(shape: plan.outputShape, elements: bestValue, dtype: dtype)
            .recording(largest ? "MaxBackward0" : "MinBackward0", [self]) { g in
                var grad = [Float](repeating: 0, count: Shape.product(inputShape))
                for (k, source) in bestSource.enumerated() { grad[source] += g.elements[k] }
                return [Tensor(shape: inputShape, elements: grad)]
            }
        return (values, indices)
    }

    /// Where the largest (or smallest) element is: over all elements (an index into the flattened
    /// tensor), or along `dim`. Like `argmax`/`argmin`; ties go to the first occurrence.
    public func argExtreme(dim: Int? = nil, keepdim: Bool = false, largest: Bool = true) throws -> Tensor {
        if let dim {
            return try extreme(dim: dim, keepdim: keepdim, largest: largest).indices
        }
        let flat = Tensor(shape: [count], elements: elements, dtype: dtype)
        let index = try flat.extreme(dim: 0, largest: largest).indices
        return keepdim ? try index.reshaped(Array(repeating: 1, count: rank)) : index
    }

    /// The p-norm `(Σ|x|^p)^(1/p)` over all elements or `dims`: p = 1, 2 (default),
    /// `.infinity` (the largest |x|) or any other positive p, like `x.norm(p, dim)`.
    /// ∂/∂x = sign(x)·|x|^(p-1)/norm^(p-1); for p = ∞ the gradient goes to the largest |x| (shared among ties)
    public func norm(p: Double = 2, dims: [Int]? = nil, keepdim: Bool = false) throws -> Tensor {
        guard dtype == .float32 else {
            throw TensorError.runtime("linalg.vector_norm: Expected a floating point or complex tensor as input. Got Long")
        }
        let plan = try Reduction(shape: shape, dims: dims, keepdim: keepdim)
        let targets = plan.targets()
        var totals = [Double](repeating: 0, count: plan.outputCount)
        for (value, target) in Swift.zip(elements, targets) {
            let magnitude = Double(Swift.abs(value))
            switch p {
            case .infinity: totals[target] = Swift.max(totals[target], magnitude)
            case 2: totals[target] += magnitude * magnitude
            case 1: totals[target] += magnitude
            default: totals[target] += Foundation.pow(magnitude, p)
            }
        }
        let norms = totals.map { total -> Float in
            switch p {
            case .infinity, 1: return Float(total)
            case 2: return Float(total.squareRoot())
            default: return Float(Foundation.pow(total, 1 / p))
            }
        }
        let out = Tensor(shape: plan.outputShape, elements: norms)
        let x = self
        return out.recording("LinalgVectorNormBackward0", [x]) { g in
            [try x.normGradient(g, norms: norms, p: p, plan: plan, targets: targets)]
        }
    }

    private func normGradient(_ g: Tensor, norms: [Float], p: Double, plan: Reduction, targets: [Int]) throws -> Tensor {
        let upstream = g.elements
        var ties = [Float](repeating: 0, count: norms.count)
        if p == .infinity {
            for (value, target) in Swift.zip(elements, targets) where Swift.abs(value) == norms[target] { ties[target] += 1 }
        }
        var grad = [Float](repeating: 0, count: count)
        for (i, target) in targets.enumerated() {
            let x = elements[i], norm = norms[target], gi = upstream[target]
            let sign: Float = x > 0 ? 1 : (x < 0 ? -1 : 0)
            switch p {
            case 1: grad[i] = sign * gi
            case 2: grad[i] = norm == 0 ? 0 : x * (gi / norm)
            case .infinity: grad[i] = Swift.abs(x) == norm ? sign * gi / ties[target] : 0
            default:
                grad[i] = norm == 0 ? 0
                    : x * Foundation.pow(Swift.abs(x), Float(p - 2)) * gi / Foundation.pow(norm, Float(p - 1))
            }
        }
        return Tensor(shape: shape, elements: grad)
    }
}
