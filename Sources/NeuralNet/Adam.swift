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
    /// Each parameter's step count and moments (PyTorch's `state[p]`: `step`, `exp_avg`,
    /// `exp_avg_sq`, `max_exp_avg_sq`), made at its first step.
    public private(set) var state: [ObjectIdentifier: (step: Int, m: Tensor, v: Tensor, vMax: Tensor?)] = [:]

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
            try parameter.tensor.floatingDispatch("adam", float: {
                try update(Float.self, parameter, gradient: gradient)
            }, double: {
                try update(Double.self, parameter, gradient: gradient)
            })
            try applyConstraint(to: parameter)
        }
    }

    /// One Adam step for one parameter in a single pass over its elements, operation by
    /// operation in the parameter's precision as PyTorch does it. The moments are tensors changed
    /// in place.
    private func update<T: FloatingElement>(_ t: T.Type, _ parameter: Variable, gradient: Tensor) throws {
        let key = ObjectIdentifier(parameter)
        let (shape, dtype) = (parameter.tensor.shape, parameter.tensor.dtype)
        var moments = try state[key] ?? (0, Tensor(zeros: shape, dtype: dtype), Tensor(zeros: shape, dtype: dtype),
                                         amsgrad ? Tensor(zeros: shape, dtype: dtype) : nil)
        moments.step += 1
        state[key] = moments
        let grads = gradient.array(of: T.self)
        let shrink = T(1 - learningRate * weightDecay), wd = T(weightDecay)
        let (addDecay, sign): (Bool, T) = (!decoupled && weightDecay != 0, maximize ? -1 : 1)
        let weight1 = T(1 - beta1), b2 = T(beta2), keep2 = T(1 - beta2)
        let stepSize = T(-(learningRate / (1 - Foundation.pow(beta1, Double(moments.step)))))
        let root = T((1 - Foundation.pow(beta2, Double(moments.step))).squareRoot()), epsilon = T(eps)
        func run(_ maxima: UnsafeMutableBufferPointer<T>?) throws {
            try moments.m.withMutableBuffer(of: T.self) { ms in
                try moments.v.withMutableBuffer(of: T.self) { vs in
                    try parameter.tensor.withMutableBuffer(of: T.self) { w in
                        for i in 0..<w.count {
                            if decoupled { w[i] = w[i] * shrink }
                            var g = sign * grads[i]
                            if addDecay { g = g + wd * w[i] }
                            ms[i] = weight1 < 0.5 ? ms[i] + weight1 * (g - ms[i]) : g - (g - ms[i]) * (1 - weight1)
                            vs[i] = vs[i] * b2 + keep2 * g * g
                            var second = vs[i]
                            if let maxima { maxima[i] = max(maxima[i], vs[i]); second = maxima[i] }
                            w[i] = w[i] + stepSize * ms[i] / (second.squareRoot() / root + epsilon)
                        }
                    }
                }
            }
        }
        if let vMax = moments.vMax {
            try vMax.withMutableBuffer(of: T.self) { try run($0) }
        } else {
            try run(nil)
        }
    }
}
