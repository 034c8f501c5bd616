import NeuralNet
import TensorEngine

/// Layer normalization (PyTorch's `nn.LayerNorm`), for contrast with batch norm: each sample is
/// normalised over its own last dimensions, so the batch plays no part, training and evaluation
/// behave the same, and there are no running statistics.
///
///     mean, var over the normalized_shape of one sample (var biased),  y = γ · (x − mean)/√(var + eps) + β
///
/// ```swift
/// let ln = try LayerNorm(shape: [4])
/// try ln(x)       // each row has mean 0 and (biased) variance ≈ 1
/// ```
public final class LayerNorm: TraceableModule {
    /// PyTorch's (or Keras's) class name, as printed.
    public let typeName = "LayerNorm"
    /// True in training mode (the default), false after `eval()`.
    public var training = true
    /// The trailing dimensions normalised over.
    public let normalizedShape: [Int]
    /// Added to the variance before the square root.
    public var eps: Double
    /// γ and β, shaped like `normalizedShape`, or nil without `elementwise_affine`.
    public private(set) var weight: Variable?
    /// β, or nil.
    public private(set) var bias: Variable?

    /// Another layer-norm layer with the same settings and copies of γ and β.
    public func copy() throws -> Module {
        try copyState(to: try LayerNorm(shape: normalizedShape, eps: eps, elementwiseAffine: weight != nil, bias: bias != nil))
    }

    public func replaceParameter(named name: String, with variable: Variable?) -> Bool {
        switch name {
        case "weight": weight = variable
        case "bias": bias = variable
        default: return false
        }
        return true
    }

    /// PyTorch's `LayerNorm(normalized_shape, eps, elementwise_affine, bias)`.
    public init(shape: [Int], eps: Double = 1e-5, elementwiseAffine: Bool = true, bias: Bool = true) throws {
        normalizedShape = shape
        self.eps = eps
        weight = elementwiseAffine ? Variable(try Tensor.ones(shape).requiringGrad(), isParameter: true) : nil
        self.bias = elementwiseAffine && bias ? Variable(try Tensor.zeros(shape).requiringGrad(), isParameter: true) : nil
    }

    /// The learnable tensors, by name, in PyTorch's order.
    public var ownParameters: [(name: String, variable: Variable)] {
        [weight.map { ("weight", $0) }, bias.map { ("bias", $0) }].compactMap { $0 }
    }

    /// The settings shown in parentheses when printed, as PyTorch prints them.
    public var extraDescription: String {
        "(\(normalizedShape.map(String.init).joined(separator: ", "))\(normalizedShape.count == 1 ? "," : "")), eps=\(PythonFloat.repr(eps)), elementwise_affine=\(weight == nil ? "False" : "True"), bias=\(bias == nil ? "False" : "True")"
    }

    /// The output for `input` (no trace).
    public func forward(_ input: Tensor) throws -> Tensor { try forward(input, trace: nil) }

    /// The output for `input`; with a trace, each intermediate value is recorded in it.
    public func forward(_ input: Tensor, trace: Trace?) throws -> Tensor {
        guard input.shape.suffix(normalizedShape.count).elementsEqual(normalizedShape) else {
            throw TensorError(.runtimeError,
                "Given normalized_shape=\(normalizedShape), expected input with shape [*, \(normalizedShape.map(String.init).joined(separator: ", "))], but got input of size[\(input.shape.map(String.init).joined(separator: ", "))]")
        }
        try Tensor.checkFloat32("layer_norm", input)
        let x = input.floats
        let width = normalizedShape.reduce(1, *)
        let rows = width == 0 ? 0 : input.count / width
        var mean = [Float](repeating: 0, count: rows), invstd = [Float](repeating: 0, count: rows)
        var variance = [Float](repeating: 0, count: rows)
        for r in 0..<rows {
            let row = x[(r * width)..<((r + 1) * width)].map(Double.init)
            let m = row.reduce(0, +) / Double(width)
            let v = row.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(width)
            mean[r] = Float(m)
            variance[r] = Float(v)
            invstd[r] = Float(1 / (v + eps).squareRoot())
        }
        let gamma = weight?.tensor.floats ?? Array(repeating: 1, count: width)
        let beta = bias?.tensor.floats ?? Array(repeating: 0, count: width)
        let xHat = (0..<input.count).map { i in (x[i] - mean[i / width]) * invstd[i / width] }
        let output = try Tensor((0..<input.count).map { i in xHat[i] * gamma[i % width] + beta[i % width] }, shape: input.shape)
        if let trace {
            trace.record("input x", input)
            trace.record("mean of each sample", try Tensor(mean))
            trace.record("biased variance of each sample", try Tensor(variance))
            trace.record("x̂ = (x − mean) / √(var + \(PythonFloat.repr(eps)))", try Tensor(xHat, shape: input.shape))
            trace.record("output γ · x̂ + β", output)
        }
        let parameters = ownParameters.map(\.variable.tensor)
        let hasWeight = weight != nil, hasBias = bias != nil
        return output.recording("NativeLayerNormBackward0", [input] + parameters, saving: [input] + parameters) { upstream in
            let dy = upstream.floats
            // Per sample, as batch norm per channel: dx = invstd/n · (n·g − Σg − x̂·Σ(g·x̂)) with g = γ·dy.
            var dx = [Float](repeating: 0, count: input.count)
            var dGamma = [Float](repeating: 0, count: width), dBeta = [Float](repeating: 0, count: width)
            for r in 0..<rows {
                var sumG: Float = 0, sumGXHat: Float = 0
                for k in 0..<width {
                    let i = r * width + k
                    let g = dy[i] * gamma[k]
                    sumG += g
                    sumGXHat += g * xHat[i]
                    dGamma[k] += dy[i] * xHat[i]
                    dBeta[k] += dy[i]
                }
                let n = Float(width)
                for k in 0..<width {
                    let i = r * width + k
                    dx[i] = invstd[r] / n * (n * dy[i] * gamma[k] - sumG - xHat[i] * sumGXHat)
                }
            }
            var gradients: [Tensor?] = [try Tensor(dx, shape: input.shape)]
            if hasWeight { gradients.append(try Tensor(dGamma, shape: self.normalizedShape)) }
            if hasBias { gradients.append(try Tensor(dBeta, shape: self.normalizedShape)) }
            return gradients
        }
    }
}
