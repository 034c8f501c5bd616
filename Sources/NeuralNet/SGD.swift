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
    /// The momentum buffer of each parameter, created at its first step.
    private var buffers: [ObjectIdentifier: [Float]] = [:]

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

    public func step() throws {
        let (lr, mu, wd) = (Float(learningRate), Float(momentum), Float(weightDecay))
        let keep = Float(1 - dampening)
        for parameter in parameters {
            guard let gradient = parameter.grad else { continue }
            let w = parameter.tensor.elements
            var g = maximize ? gradient.elements.map { -$0 } : gradient.elements
            if wd != 0 { for i in g.indices { g[i] = g[i] + wd * w[i] } }
            if mu != 0 {
                let key = ObjectIdentifier(parameter)
                var buffer = buffers[key] ?? g
                if buffers[key] != nil { for i in g.indices { buffer[i] = buffer[i] * mu + keep * g[i] } }
                buffers[key] = buffer
                if nesterov { for i in g.indices { g[i] = g[i] + mu * buffer[i] } } else { g = buffer }
            }
            try store(w.indices.map { w[$0] + (-lr) * g[$0] }, in: parameter)
        }
    }
}
