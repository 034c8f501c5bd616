import TensorEngine

/// Gradient clipping (`torch.nn.utils.clip_grad_norm_`, `clip_grad_value_`) and `torch.renorm`.
///
/// Clipping bounds the *update* (the gradients before `optimizer.step()`); a max-norm constraint
/// bounds the *weights* after it. Tutorials often mix the two up.
///
/// ```swift
/// let total = try GradientClipping.clipNorm(model.parameters(), maxNorm: 1)   // before the norm was clipped
/// ```
public enum GradientClipping {
    /// PyTorch's `clip_grad_norm_`: the norm of all gradients taken together; when it exceeds
    /// `maxNorm`, every gradient is multiplied by maxNorm / (total + 1e-6). Returns the total
    /// norm before clipping.
    public static func clipNorm(_ parameters: [Variable], maxNorm: Double, normType: Double = 2,
                                errorIfNonfinite: Bool = false, trace: Trace? = nil) throws -> Tensor {
        let withGradients = parameters.filter { $0.grad != nil }
        guard !withGradients.isEmpty else { return try Tensor.zeros([]) }
        let norms = try withGradients.map { try ($0.grad ?? Tensor.zeros([])).norm(p: normType) }
        let total = try Tensor.stack(norms).norm(p: normType)
        let totalValue = try total.item()
        if let trace {
            trace.record("gradient norms, one per parameter (p = \(PythonFloat.repr(normType)))", try Tensor.stack(norms))
            trace.record("total norm of all gradients together", total)
        }
        if errorIfNonfinite && !totalValue.isFinite {
            throw TensorError(.runtimeError,
                "The total norm of order \(PythonFloat.repr(normType)) for gradients from `parameters` is non-finite, so it cannot be clipped. To disable this error and scale the gradients by the non-finite norm anyway, set `error_if_nonfinite=False`")
        }
        let coefficient = total.dtype.scalar(float: Float(maxNorm) / (Float(totalValue) + 1e-6), double: maxNorm / (totalValue + 1e-6))
        let clamped = Swift.min(coefficient, 1)
        trace?.note("clip coefficient max_norm/(total + 1e-6)", Trace.number(Float(coefficient)) + (coefficient < 1 ? ": gradients scaled by it" : " ≥ 1: gradients unchanged"))
        try GradMode.withDisabled {
            for parameter in withGradients {
                if let gradient = parameter.grad { try gradient.assignElements(from: try gradient * clamped) }
            }
        }
        if let trace {
            trace.record("total norm after", try Tensor.stack(try withGradients.map { try ($0.grad ?? Tensor.zeros([])).norm(p: normType) }).norm(p: normType))
        }
        return total
    }

    /// PyTorch's `clip_grad_value_`: every gradient element clamped to [−value, value].
    public static func clipValue(_ parameters: [Variable], value: Double, trace: Trace? = nil) throws {
        for (i, parameter) in parameters.enumerated() {
            guard let gradient = parameter.grad else { continue }
            let clipped = try gradient.clamp(min: -Double(Float(value)), max: Double(Float(value)))
            trace?.record("gradient \(i) before", try gradient.compactCopy())
            trace?.record("clamped to ±\(PythonFloat.repr(value))", clipped)
            try GradMode.withDisabled { try gradient.assignElements(from: clipped) }
        }
    }

    /// `torch.renorm(input, p, dim, maxnorm)`: each slice along `dim` whose p-norm exceeds
    /// `maxnorm` is scaled down to it (by maxnorm / (norm + 1e-7)).
    public static func renorm(_ input: Tensor, p: Double, dim: Int, maxNorm: Double, trace: Trace? = nil) throws -> Tensor {
        guard p > 0 else { throw TensorError(.runtimeError, "renorm: non-positive-norm not supported") }
        guard maxNorm >= 0 else { throw TensorError(.runtimeError, "renorm: expected maxnorm to be >= 0 but got \(PythonFloat.repr(maxNorm))") }
        guard input.rank > 1 else { throw TensorError(.runtimeError, "renorm: input needs at least 2 dimensions, got \(input.rank) dimensions") }
        let d = try Shape.normalize(dim: dim, rank: input.rank)
        let others = (0..<input.rank).filter { $0 != d }
        let norms = try input.norm(p: p, dims: others, keepdim: true)
        let limit = Tensor(scalar: maxNorm, dtype: norms.dtype)
        let factors = try Tensor.where(try Tensor.compare(norms, .gt, limit), try limit / (norms + 1e-7), norms.onesLike())
        let output = try input * factors
        if let trace {
            trace.record("norms of the slices along dim \(dim)", norms)
            trace.record("scale factors", factors)
            trace.record("output", output)
        }
        return output
    }
}
