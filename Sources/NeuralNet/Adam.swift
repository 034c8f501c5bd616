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

    /// One Adam step for one parameter in a single pass over its elements, float32 operation by
    /// float32 operation as PyTorch does it. The moments are taken out of `state` while they are
    /// updated, so they are changed in place rather than copied.
    private func update(_ parameter: Variable, gradient: [Float]) throws {
        let key = ObjectIdentifier(parameter)
        let n = gradient.count
        var moments = state.removeValue(forKey: key)
            ?? (0, [Float](repeating: 0, count: n), [Float](repeating: 0, count: n), amsgrad ? [Float](repeating: 0, count: n) : [])
        moments.step += 1
        var w = parameter.tensor.elements
        let shrink = Float(1 - learningRate * weightDecay), wd = Float(weightDecay)
        let (addDecay, sign): (Bool, Float) = (!decoupled && weightDecay != 0, maximize ? -1 : 1)
        let weight1 = Float(1 - beta1), b2 = Float(beta2), keep2 = Float(1 - beta2)
        let stepSize = Float(-(learningRate / (1 - Foundation.pow(beta1, Double(moments.step)))))
        let root = Float((1 - Foundation.pow(beta2, Double(moments.step))).squareRoot()), epsilon = Float(eps)
        for i in 0..<n {
            if decoupled { w[i] = w[i] * shrink }
            var g = sign * gradient[i]
            if addDecay { g = g + wd * w[i] }
            let m = weight1 < 0.5 ? moments.m[i] + weight1 * (g - moments.m[i]) : g - (g - moments.m[i]) * (1 - weight1)
            let v = moments.v[i] * b2 + keep2 * g * g
            (moments.m[i], moments.v[i]) = (m, v)
            var second = v
            if amsgrad { moments.vMax[i] = max(moments.vMax[i], v); second = moments.vMax[i] }
            w[i] = w[i] + stepSize * m / (second.squareRoot() / root + epsilon)
        }
        state[key] = moments
        try store(w, in: parameter)
    }
}
