import Foundation
import TensorEngine

/// Adam and AdamW with PyTorch's exact update order (`torch.optim.Adam`, `torch.optim.AdamW`):
///
///     Adam:  g ← g + weight_decay·w            (L2: rescaled by the adaptive denominator)
///     AdamW: w ← w·(1 - lr·weight_decay)        (decoupled: a plain shrink of the weights)
///     m ← m + (1 - β1)·(g - m);  v ← β2·v + (1 - β2)·g²
///     w ← w - lr/(1 - β1ᵗ) · m / (√v / √(1 - β2ᵗ) + eps)
///
/// ```swift
/// let adam = try Adam(model.parameters(), lr: 0.01)
/// let adamW = try Adam(model.parameters(), lr: 0.01, weightDecay: 0.01, decoupled: true)
/// ```
public final class Adam: Optimizer {
    public var typeName: String { decoupled ? "AdamW" : "Adam" }
    public let parameters: [Variable]
    public var learningRate: Double
    public let beta1: Double
    public let beta2: Double
    public let eps: Double
    public let weightDecay: Double
    public let amsgrad: Bool
    public let maximize: Bool
    /// True for AdamW: weight decay shrinks the weights directly instead of entering the gradient.
    public let decoupled: Bool
    private var state: [ObjectIdentifier: (step: Int, m: [Float], v: [Float], vMax: [Float])] = [:]

    /// Adam (or AdamW with `decoupled`), with PyTorch's defaults: lr 0.001, betas (0.9, 0.999),
    /// eps 1e-8, and weight decay 0 for Adam; AdamW's default weight decay is 0.01.
    public init(_ parameters: [Variable], lr: Double = 0.001, betas: (Double, Double) = (0.9, 0.999), eps: Double = 1e-8,
                weightDecay: Double? = nil, amsgrad: Bool = false, maximize: Bool = false, decoupled: Bool = false) throws {
        guard lr >= 0 else { throw TensorError(.valueError, "Invalid learning rate: \(PythonFloat.repr(lr))") }
        guard eps >= 0 else { throw TensorError(.valueError, "Invalid epsilon value: \(PythonFloat.repr(eps))") }
        guard betas.0 >= 0 && betas.0 < 1 else { throw TensorError(.valueError, "Invalid beta parameter at index 0: \(PythonFloat.repr(betas.0))") }
        guard betas.1 >= 0 && betas.1 < 1 else { throw TensorError(.valueError, "Invalid beta parameter at index 1: \(PythonFloat.repr(betas.1))") }
        let decay = weightDecay ?? (decoupled ? 0.01 : 0)
        guard decay >= 0 else { throw TensorError(.valueError, "Invalid weight_decay value: \(PythonFloat.repr(decay))") }
        guard !parameters.isEmpty else { throw TensorError(.valueError, "optimizer got an empty parameter list") }
        self.parameters = parameters
        learningRate = lr
        (beta1, beta2) = betas
        self.eps = eps
        self.weightDecay = decay
        self.amsgrad = amsgrad
        self.maximize = maximize
        self.decoupled = decoupled
    }

    public var settings: [(name: String, value: String)] {
        [("lr", describeSetting(learningRate)), ("betas", "(\(describeSetting(beta1)), \(describeSetting(beta2)))"),
         ("eps", describeSetting(eps)), ("weight_decay", describeSetting(weightDecay, integerIfWhole: !decoupled)),
         ("amsgrad", amsgrad ? "True" : "False"), ("maximize", maximize ? "True" : "False"), ("foreach", "None"),
         ("capturable", "False"), ("differentiable", "False"), ("fused", "None"),
         ("decoupled_weight_decay", decoupled ? "True" : "False")]
    }

    public func step() throws {
        for parameter in parameters {
            guard let gradient = parameter.grad else { continue }
            try update(parameter, gradient: gradient.elements)
        }
    }

    /// One Adam step for one parameter, float32 operation by float32 operation as PyTorch does it.
    private func update(_ parameter: Variable, gradient: [Float]) throws {
        let key = ObjectIdentifier(parameter)
        let n = gradient.count
        var (step, m, v, vMax) = state[key] ?? (0, [Float](repeating: 0, count: n), [Float](repeating: 0, count: n), [Float](repeating: 0, count: n))
        step += 1
        var w = parameter.tensor.elements
        var g = maximize ? gradient.map { -$0 } : gradient
        if decoupled {
            let shrink = Float(1 - learningRate * weightDecay)
            for i in 0..<n { w[i] = w[i] * shrink }
        } else if weightDecay != 0 {
            let wd = Float(weightDecay)
            for i in 0..<n { g[i] = g[i] + wd * w[i] }
        }
        let weight1 = Float(1 - beta1), b2 = Float(beta2), keep2 = Float(1 - beta2)
        for i in 0..<n {
            m[i] = weight1 < 0.5 ? m[i] + weight1 * (g[i] - m[i]) : g[i] - (g[i] - m[i]) * (1 - weight1)
            v[i] = v[i] * b2 + keep2 * g[i] * g[i]
        }
        let correction1 = 1 - Foundation.pow(beta1, Double(step))
        let correction2Root = (1 - Foundation.pow(beta2, Double(step))).squareRoot()
        let stepSize = Float(-(learningRate / correction1))
        let (root, epsilon) = (Float(correction2Root), Float(eps))
        for i in 0..<n {
            if amsgrad { vMax[i] = max(vMax[i], v[i]) }
            let denominator = (amsgrad ? vMax[i] : v[i]).squareRoot() / root + epsilon
            w[i] = w[i] + stepSize * m[i] / denominator
        }
        state[key] = (step, m, v, vMax)
        try store(w, in: parameter)
    }
}
