import Foundation
import TensorEngine

/// What every Keras optimizer does with one batch's gradients (Keras's `optimizer.apply`):
///
/// 1. clip them (`clipnorm` per weight, `global_clipnorm` over all, or `clipvalue`);
/// 2. decay the weights, `w ← w · (1 − weight_decay · lr)` (AdamW's default 0.004);
/// 3. take the optimizer's own step (`update`);
/// 4. apply each weight's constraint (`kernel_constraint=max_norm(2.)` happens here);
/// 5. count the iteration.
///
/// The learning rate is a float32 variable, as in Keras, so 0.01 is 0.009999999776.
///
/// ```swift
/// let adam = try Adam(learningRate: 0.001)
/// try adam.apply([(kernel.variable, gradient)])
/// ```
open class Optimizer {
    /// Keras's class name ("SGD", "Adam").
    public let className: String
    /// The learning rate, stored in float32.
    public var learningRate: Float
    public let weightDecay: Double?
    public let clipNorm: Double?
    public let globalClipNorm: Double?
    public let clipValue: Double?
    /// Steps taken.
    public private(set) var iterations = 0
    /// True once it has seen the weights it updates (Keras builds its slots then).
    public private(set) var isBuilt = false
    /// The weights seen, in order, for counting the optimizer's own variables.
    public private(set) var tracked: [Variable] = []
    /// The Python object standing for this optimizer.
    public var binding: AnyObject?

    public init(className: String, learningRate: Double, weightDecay: Double?, clipNorm: Double?, globalClipNorm: Double?, clipValue: Double?) throws {
        guard learningRate >= 0, learningRate.isFinite else {
            throw TensorError(.valueError, "Argument `learning_rate` should be a non-negative float. Received: learning_rate=\(PythonFloat.repr(learningRate))")
        }
        let given = [clipNorm, globalClipNorm, clipValue].compactMap { $0 }
        guard given.count <= 1 else {
            throw TensorError(.valueError, "Only one of `clipnorm`, `clipvalue` and `global_clipnorm` can be set. Received: clipnorm=\(clipNorm.map { PythonFloat.repr($0) } ?? "None"), clipvalue=\(clipValue.map { PythonFloat.repr($0) } ?? "None"), global_clipnorm=\(globalClipNorm.map { PythonFloat.repr($0) } ?? "None")")
        }
        self.className = className
        self.learningRate = Float(learningRate)
        self.weightDecay = weightDecay
        self.clipNorm = clipNorm
        self.globalClipNorm = globalClipNorm
        self.clipValue = clipValue
    }

    // MARK: What an optimizer defines

    /// One step for one weight: `w` and its slots change in place.
    open func update(_ w: inout [Float], gradient g: [Float], slot: Int, learningRate lr: Float) {}

    /// An optimizer with the same settings and learning rate and no slots yet (what a copied
    /// model gets).
    open func copy() throws -> Optimizer {
        try Optimizer(className: className, learningRate: Double(learningRate), weightDecay: weightDecay, clipNorm: clipNorm,
                      globalClipNorm: globalClipNorm, clipValue: clipValue)
    }

    /// How many slot values it keeps per weight value (Adam: m and v).
    open var slotsPerWeight: Int { 0 }

    /// The settings, in Keras's `get_config` order, as Python spells them.
    open var config: [(String, String)] {
        [("name", "'\(className.lowercased())'"), ("learning_rate", PythonFloat.repr(Double(learningRate))),
         ("weight_decay", weightDecay.map { PythonFloat.repr($0) } ?? "None"), ("clipnorm", clipNorm.map { PythonFloat.repr($0) } ?? "None"),
         ("global_clipnorm", globalClipNorm.map { PythonFloat.repr($0) } ?? "None"), ("clipvalue", clipValue.map { PythonFloat.repr($0) } ?? "None")]
    }

    // MARK: The shared procedure

    /// The index of a weight's slots, made at first sight.
    private func slot(for variable: Variable) -> Int {
        if let index = tracked.firstIndex(where: { $0 === variable }) { return index }
        tracked.append(variable)
        return tracked.count - 1
    }

    /// Counts its variables as Keras does: iterations and the learning rate, plus the slots.
    public var variableCount: Int { 2 + slotsPerWeight * tracked.reduce(0) { $0 + $1.tensor.count } }


    /// Meets the weights before the first step (Keras's `optimizer.build`).
    public func build(_ variables: [Variable]) {
        for variable in variables { _ = slot(for: variable) }
        isBuilt = true
    }

    /// Applies gradients to their weights (weights without a gradient are skipped).
    public func apply(_ pairs: [(variable: Variable, gradient: Tensor)]) throws {
        build(pairs.map(\.variable))
        let gradients = try clipped(pairs.map(\.gradient))
        if let weightDecay {
            let factor = 1 - Float(weightDecay) * learningRate
            for (variable, _) in pairs {
                try variable.tensor.withMutableBuffer(of: Float.self) { w in
                    for i in w.indices { w[i] = w[i] * factor }
                }
            }
        }
        for ((variable, _), gradient) in zip(pairs, gradients) {
            var w = variable.tensor.floats
            update(&w, gradient: gradient.floats, slot: slot(for: variable), learningRate: learningRate)
            try variable.tensor.assignElements(from: try Tensor(w, shape: variable.tensor.shape))
        }
        for (variable, _) in pairs {
            if let constraint = variable.constraint {
                try variable.tensor.assignElements(from: try constraint(variable.tensor.detached()))
            }
        }
        iterations += 1
    }

    /// The gradients after Keras's clipping.
    private func clipped(_ gradients: [Tensor]) throws -> [Tensor] {
        if let clipNorm, clipNorm > 0 {
            let c = Float(clipNorm)
            return try gradients.map { g in
                let norm = Float(g.doubles.reduce(0.0) { $0 + $1 * $1 }.squareRoot())
                return try g.map { $0 * c / Swift.max(norm, c) }
            }
        }
        if let globalClipNorm, globalClipNorm > 0 {
            let squares = gradients.reduce(0.0) { total, g in total + g.doubles.reduce(0.0) { $0 + $1 * $1 } }
            let norm = Float(squares.squareRoot()), c = Float(globalClipNorm)
            let scale = c * Swift.min(1 / norm, 1 / c) + (norm - norm)
            return try gradients.map { try $0.map { $0 * scale } }
        }
        if let clipValue, clipValue > 0 {
            let v = Float(clipValue)
            return try gradients.map { try $0.map { Swift.min(Swift.max($0, -v), v) } }
        }
        return gradients
    }
}

/// Keras's `SGD(learning_rate=0.01, momentum=0.0, nesterov=False)`:
///
///     b ← momentum·b − lr·g;   w ← w + b            (nesterov: w ← w − lr·g + momentum·b)
///
/// Without momentum this is `w ← w − lr·g`, exactly PyTorch's SGD.
public final class SGD: Optimizer {
    public let momentum: Float
    public let nesterov: Bool
    private var buffers: [Int: [Float]] = [:]

    public init(learningRate: Double = 0.01, momentum: Double = 0, nesterov: Bool = false, weightDecay: Double? = nil,
                clipNorm: Double? = nil, globalClipNorm: Double? = nil, clipValue: Double? = nil) throws {
        guard momentum >= 0 && momentum <= 1 else {
            throw TensorError(.valueError, "`momentum` must be a float between [0, 1]. Received: momentum=\(PythonFloat.repr(momentum)) (of type <class 'float'>)")
        }
        self.momentum = Float(momentum)
        self.nesterov = nesterov
        try super.init(className: "SGD", learningRate: learningRate, weightDecay: weightDecay, clipNorm: clipNorm, globalClipNorm: globalClipNorm, clipValue: clipValue)
    }

    public override var slotsPerWeight: Int { momentum != 0 ? 1 : 0 }

    public override func copy() throws -> Optimizer {
        try SGD(learningRate: Double(learningRate), momentum: Double(momentum), nesterov: nesterov, weightDecay: weightDecay,
                clipNorm: clipNorm, globalClipNorm: globalClipNorm, clipValue: clipValue)
    }

    public override func update(_ w: inout [Float], gradient g: [Float], slot: Int, learningRate lr: Float) {
        guard momentum != 0 else {
            for i in w.indices { w[i] = w[i] + -lr * g[i] }
            return
        }
        var b = buffers[slot] ?? [Float](repeating: 0, count: w.count)
        for i in w.indices {
            b[i] = b[i] * momentum + -lr * g[i]
            if nesterov {
                w[i] = w[i] + -lr * g[i]
                w[i] = w[i] + momentum * b[i]
            } else {
                w[i] = w[i] + b[i]
            }
        }
        buffers[slot] = b
    }

    public override var config: [(String, String)] {
        super.config + [("momentum", PythonFloat.repr(Double(momentum))), ("nesterov", nesterov ? "True" : "False")]
    }
}

/// Keras's `Adam(learning_rate=0.001, beta_1=0.9, beta_2=0.999, epsilon=1e-7)` (and AdamW, the
/// same with `weight_decay=0.004`), in Keras's form:
///
///     m ← β1·m + (1 − β1)·g;   v ← β2·v + (1 − β2)·g²
///     α = lr·√(1 − β2ᵗ) / (1 − β1ᵗ);   w ← w − α·m / (√v + ε)
///
/// ε is added to the uncorrected √v: PyTorch adds its 1e-8 to √v / √(1 − β2ᵗ), so the two Adams
/// take different steps.
public final class Adam: Optimizer {
    public let beta1: Double
    public let beta2: Double
    public let epsilon: Double
    public let amsgrad: Bool
    private var moments: [Int: (m: [Float], v: [Float], vMax: [Float])] = [:]

    public init(learningRate: Double = 0.001, beta1: Double = 0.9, beta2: Double = 0.999, epsilon: Double = 1e-7, amsgrad: Bool = false,
                weightDecay: Double? = nil, decoupled: Bool = false, clipNorm: Double? = nil, globalClipNorm: Double? = nil, clipValue: Double? = nil) throws {
        self.beta1 = beta1
        self.beta2 = beta2
        self.epsilon = epsilon
        self.amsgrad = amsgrad
        try super.init(className: decoupled ? "AdamW" : "Adam", learningRate: learningRate, weightDecay: weightDecay,
                       clipNorm: clipNorm, globalClipNorm: globalClipNorm, clipValue: clipValue)
    }

    public override var slotsPerWeight: Int { amsgrad ? 3 : 2 }

    public override func copy() throws -> Optimizer {
        try Adam(learningRate: Double(learningRate), beta1: beta1, beta2: beta2, epsilon: epsilon, amsgrad: amsgrad, weightDecay: weightDecay,
                 decoupled: className == "AdamW", clipNorm: clipNorm, globalClipNorm: globalClipNorm, clipValue: clipValue)
    }

    public override func update(_ w: inout [Float], gradient g: [Float], slot: Int, learningRate lr: Float) {
        var (m, v, vMax) = moments[slot] ?? ([Float](repeating: 0, count: w.count), [Float](repeating: 0, count: w.count), [Float](repeating: 0, count: w.count))
        let step = Float(iterations + 1)
        let beta1Power = Foundation.pow(Float(beta1), step), beta2Power = Foundation.pow(Float(beta2), step)
        let alpha = lr * (1 - beta2Power).squareRoot() / (1 - beta1Power)
        let (b1, b2) = (Float(beta1), Float(beta2))
        let (take1, take2) = (Float(1 - beta1), Float(1 - beta2))
        let eps = Float(epsilon)
        for i in w.indices {
            m[i] = m[i] * b1 + take1 * g[i]
            v[i] = v[i] * b2 + take2 * (g[i] * g[i])
            var denominatorSource = v[i]
            if amsgrad {
                vMax[i] = Swift.max(vMax[i], v[i])
                denominatorSource = vMax[i]
            }
            w[i] = w[i] - (m[i] * alpha) / (denominatorSource.squareRoot() + eps)
        }
        moments[slot] = (m, v, vMax)
    }

    public override var config: [(String, String)] {
        super.config + [("beta_1", PythonFloat.repr(beta1)), ("beta_2", PythonFloat.repr(beta2)), ("epsilon", PythonFloat.repr(epsilon)),
                        ("amsgrad", amsgrad ? "True" : "False")]
    }
}

/// Keras's `RMSprop(learning_rate=0.001, rho=0.9, momentum=0.0, epsilon=1e-7, centered=False)`:
///
///     v ← ρ·v + (1 − ρ)·g²;   step = lr·g / √(v + ε)      (centered: √(v − ḡ² + ε))
///     w ← w − step     (with momentum: b ← momentum·b + step;  w ← w − b)
public final class RMSprop: Optimizer {
    public let rho: Double
    public let momentum: Double
    public let epsilon: Double
    public let centered: Bool
    private var state: [Int: (v: [Float], average: [Float], buffer: [Float])] = [:]

    public init(learningRate: Double = 0.001, rho: Double = 0.9, momentum: Double = 0, epsilon: Double = 1e-7, centered: Bool = false,
                weightDecay: Double? = nil, clipNorm: Double? = nil, globalClipNorm: Double? = nil, clipValue: Double? = nil) throws {
        self.rho = rho
        self.momentum = momentum
        self.epsilon = epsilon
        self.centered = centered
        try super.init(className: "RMSprop", learningRate: learningRate, weightDecay: weightDecay, clipNorm: clipNorm, globalClipNorm: globalClipNorm, clipValue: clipValue)
    }

    public override var slotsPerWeight: Int { 1 + (momentum > 0 ? 1 : 0) + (centered ? 1 : 0) }

    public override func copy() throws -> Optimizer {
        try RMSprop(learningRate: Double(learningRate), rho: rho, momentum: momentum, epsilon: epsilon, centered: centered,
                    weightDecay: weightDecay, clipNorm: clipNorm, globalClipNorm: globalClipNorm, clipValue: clipValue)
    }

    public override func update(_ w: inout [Float], gradient g: [Float], slot: Int, learningRate lr: Float) {
        let zeros = [Float](repeating: 0, count: w.count)
        var (v, average, buffer) = state[slot] ?? (zeros, zeros, zeros)
        let (r, take) = (Float(rho), Float(1 - rho))
        let eps = Float(epsilon), mu = Float(momentum)
        for i in w.indices {
            v[i] = v[i] * r + take * (g[i] * g[i])
            var denominator = v[i] + eps
            if centered {
                average[i] = average[i] * r + take * g[i]
                denominator = denominator + -1 * (average[i] * average[i])
            }
            let increment = (g[i] * lr) / denominator.squareRoot()
            if momentum > 0 {
                buffer[i] = buffer[i] * mu + increment
                w[i] = w[i] - buffer[i]
            } else {
                w[i] = w[i] - increment
            }
        }
        state[slot] = (v, average, buffer)
    }

    public override var config: [(String, String)] {
        super.config + [("rho", PythonFloat.repr(rho)), ("momentum", PythonFloat.repr(momentum)), ("epsilon", PythonFloat.repr(epsilon)),
                        ("centered", centered ? "True" : "False")]
    }
}
