import TensorEngine

/// Stochastic gradient descent with PyTorch's options and exact update order
/// (`torch.optim.SGD`), one parameter at a time:
///
///     g ← g + weight_decay·w                              (L2 folded into the gradient)
///     buf ← g on the first step, then momentum·buf + (1 - dampening)·g
///     g ← g + momentum·buf (nesterov)  or  g ← buf
///     w ← w - lr·g
///
/// ```swift
/// let optimizer = SGD(model.parameters(), lr: 0.1, momentum: 0.9, weightDecay: 1e-4)
/// ```
public final class SGD: Optimizer {
    public let typeName = "SGD"
    public let parameters: [Variable]
    public var learningRate: Double
    public let momentum: Double
    public let dampening: Double
    public let weightDecay: Double
    public let nesterov: Bool
    public let maximize: Bool
    /// The momentum buffer of each parameter, created at its first step (PyTorch's
    /// `state[p]["momentum_buffer"]`).
    public private(set) var buffers: [ObjectIdentifier: Tensor] = [:]

    /// An optimizer for `parameters`, with PyTorch's defaults and argument checks.
    public init(_ parameters: [Variable], lr: Double = 0.001, momentum: Double = 0, dampening: Double = 0,
                weightDecay: Double = 0, nesterov: Bool = false, maximize: Bool = false) throws {
        guard lr >= 0 else { throw TensorError(.valueError, "Invalid learning rate: \(PythonFloat.repr(lr))") }
        guard momentum >= 0 else { throw TensorError(.valueError, "Invalid momentum value: \(PythonFloat.repr(momentum))") }
        guard weightDecay >= 0 else { throw TensorError(.valueError, "Invalid weight_decay value: \(PythonFloat.repr(weightDecay))") }
        guard !nesterov || (momentum > 0 && dampening == 0) else {
            throw TensorError(.valueError, "Nesterov momentum requires a momentum and zero dampening")
        }
        guard !parameters.isEmpty else { throw TensorError(.valueError, "optimizer got an empty parameter list") }
        self.parameters = parameters
        learningRate = lr
        self.momentum = momentum
        self.dampening = dampening
        self.weightDecay = weightDecay
        self.nesterov = nesterov
        self.maximize = maximize
    }

    public var settings: [(name: String, value: String)] {
        [("lr", describeSetting(learningRate)), ("momentum", describeSetting(momentum, integerIfWhole: true)),
         ("dampening", describeSetting(dampening, integerIfWhole: true)), ("weight_decay", describeSetting(weightDecay, integerIfWhole: true)),
         ("nesterov", nesterov ? "True" : "False"), ("maximize", maximize ? "True" : "False"),
         ("foreach", "None"), ("differentiable", "False"), ("fused", "None")]
    }

    /// One step for every parameter that has a gradient, each in a single pass over its elements
    /// (PyTorch's order: weight decay into g, then the momentum buffer, then w ← w − lr·g).
    public func step() throws {
        for parameter in parameters {
            guard let gradient = parameter.grad else { continue }
            try parameter.tensor.floatingDispatch("sgd", float: {
                try update(Float.self, parameter, gradient: gradient)
            }, double: {
                try update(Double.self, parameter, gradient: gradient)
            })
            try applyConstraint(to: parameter)
        }
    }

    /// One parameter's step in a single pass over its elements, in its own precision.
    private func update<T: FloatingElement>(_ t: T.Type, _ parameter: Variable, gradient: Tensor) throws {
        let (lr, mu, wd, keep) = (T(learningRate), T(momentum), T(weightDecay), T(1 - dampening))
        let key = ObjectIdentifier(parameter)
        let sign: T = maximize ? -1 : 1
        let existing = mu != 0 ? buffers[key] : nil
        let buffer = try existing ?? Tensor(zeros: parameter.tensor.shape, dtype: parameter.tensor.dtype)
        let grads = gradient.array(of: T.self)
        try buffer.withMutableBuffer(of: T.self) { buf in
            try parameter.tensor.withMutableBuffer(of: T.self) { w in
                for i in 0..<w.count {
                    var g = sign * grads[i]
                    if wd != 0 { g = g + wd * w[i] }
                    if mu != 0 {
                        buf[i] = existing == nil ? g : buf[i] * mu + keep * g
                        g = nesterov ? g + mu * buf[i] : buf[i]
                    }
                    w[i] = w[i] + (-lr) * g
                }
            }
        }
        if mu != 0 { buffers[key] = buffer }
    }
}
