import NeuralNet
import Python
import Regularization
import TensorEngine

/// Settings of built-in layers readable as attributes (`layer.negative_slope`, `flatten.start_dim`).
enum ModuleSettings {
    static func attribute(_ name: String, of module: Module) -> Value? {
        switch (module, name) {
        case (let m as Linear, "in_features"): return .int(m.inFeatures)
        case (let m as Linear, "out_features"): return .int(m.outFeatures)
        case (let m as Linear, "bias") where m.bias == nil: return Value.none
        case (let m as LeakyReLU, "negative_slope"): return .float(m.negativeSlope)
        case (let m as Softmax, "dim"): return m.dim.map { .int($0) } ?? Value.none
        case (let m as LogSoftmax, "dim"): return m.dim.map { .int($0) } ?? Value.none
        case (let m as Flatten, "start_dim"): return .int(m.startDim)
        case (let m as Flatten, "end_dim"): return .int(m.endDim)
        case (let m as Dropout, "p"): return .float(m.p)
        case (is Dropout, "inplace"): return .bool(false)
        case (let m as Dropout, "last_mask"): return m.lastMask.map { .tensor($0) } ?? Value.none
        case (let m as AlphaDropout, "p"): return .float(m.p)
        case (let m as BatchNorm, "num_features"): return .int(m.features)
        case (let m as BatchNorm, "eps"): return .float(m.eps)
        case (let m as BatchNorm, "momentum"): return m.momentum.map { .float($0) } ?? Value.none
        case (let m as BatchNorm, "affine"): return .bool(m.weight != nil)
        case (let m as BatchNorm, "weight") where m.weight == nil, (let m as BatchNorm, "bias") where m.bias == nil: return Value.none
        case (let m as BatchNorm, "running_mean") where m.runningMean == nil, (let m as BatchNorm, "running_var") where m.runningVar == nil: return Value.none
        case (let m as BatchNorm, "track_running_stats"): return .bool(m.runningMean != nil)
        case (let m as LayerNorm, "normalized_shape"): return .tuple(m.normalizedShape.map { .int($0) })
        case (let m as LayerNorm, "eps"): return .float(m.eps)
        case (let m as LayerNorm, "elementwise_affine"): return .bool(m.weight != nil)
        case (let m as GaussianNoise, "stddev"), (let m as GaussianNoise, "std"): return .float(m.stddev)
        case (let m as NoisyLinear, "in_features"): return .int(m.inFeatures)
        case (let m as NoisyLinear, "out_features"): return .int(m.outFeatures)
        case (let m as NoisyLinear, "sigma_init"): return .float(m.sigmaInit)
        case (let m as NoisyLinear, "factorised"): return .bool(m.factorised)
        default: return nil
        }
    }

    /// Sets a hyperparameter the way PyTorch lets you (`drop.p = 0.9`, `bn.momentum = 0.5`), with
    /// the layer's own checks; false when the module has no such setting.
    static func set(_ name: String, to value: Value, of module: Module) throws -> Bool {
        func number() throws -> Double {
            guard let x = value.numberValue else { throw PythonError(.typeError, "\(name) must be a number, not \(value.typeName)") }
            return x
        }
        switch (module, name) {
        case (let m as Dropout, "p"):
            let p = try number()
            try Dropout.validate(p)
            m.p = p
        case (let m as AlphaDropout, "p"):
            let p = try number()
            try Dropout.validate(p)
            m.p = p
        case (let m as GaussianDropout, "rate"): m.rate = try number()
        case (let m as BatchNorm, "eps"), (let m as BatchNorm, "epsilon"): m.eps = try number()
        case (let m as BatchNorm, "momentum"): m.momentum = value.isNone ? nil : try number()
        case (let m as LayerNorm, "eps"): m.eps = try number()
        case (let m as LeakyReLU, "negative_slope"): m.negativeSlope = try number()
        case (let m as GaussianNoise, "stddev"), (let m as GaussianNoise, "std"):
            let std = try number()
            guard std >= 0 else { throw PythonError(.valueError, "stddev must be >= 0, got \(PythonFloat.repr(std))") }
            m.stddev = std
        case (let m as Softmax, "dim"): m.dim = value.isNone ? nil : value.exactInt
        case (let m as LogSoftmax, "dim"): m.dim = value.isNone ? nil : value.exactInt
        default: return false
        }
        return true
    }

    /// The settings a module answers, for completion.
    static func names(of module: Module) -> [String] {
        switch module {
        case is Dropout: return ["p", "inplace", "last_mask"]
        case is BatchNorm: return ["num_features", "eps", "momentum", "affine", "track_running_stats"]
        case is LayerNorm: return ["normalized_shape", "eps", "elementwise_affine"]
        case is NoisyLinear: return ["in_features", "out_features", "sigma_init", "factorised"]
        case is Linear: return ["in_features", "out_features"]
        case is LeakyReLU: return ["negative_slope"]
        case is Softmax, is LogSoftmax: return ["dim"]
        case is Flatten: return ["start_dim", "end_dim"]
        case is GaussianNoise: return ["stddev"]
        case is AlphaDropout: return ["p"]
        default: return []
        }
    }
}

