import TensorEngine

/// max(x, 0), element-wise (PyTorch's `nn.ReLU`).
public final class ReLU: Module {
    public let typeName = "ReLU"
    public var training = true
    public init() {}
    public func forward(_ input: Tensor) throws -> Tensor { input.relu() }
}

/// x where x > 0, slope·x elsewhere (PyTorch's `nn.LeakyReLU`, slope 0.01 by default).
public final class LeakyReLU: Module {
    public let typeName = "LeakyReLU"
    public var training = true
    /// The slope for negative inputs.
    public let negativeSlope: Double
    public init(negativeSlope: Double = 0.01) { self.negativeSlope = negativeSlope }
    public var extraDescription: String { "negative_slope=\(PythonFloat.repr(negativeSlope))" }
    public func forward(_ input: Tensor) throws -> Tensor { input.leakyRelu(Float(negativeSlope)) }
}

/// 1/(1 + e^-x), element-wise (PyTorch's `nn.Sigmoid`).
public final class Sigmoid: Module {
    public let typeName = "Sigmoid"
    public var training = true
    public init() {}
    public func forward(_ input: Tensor) throws -> Tensor { input.sigmoid() }
}

/// tanh x, element-wise (PyTorch's `nn.Tanh`).
public final class Tanh: Module {
    public let typeName = "Tanh"
    public var training = true
    public init() {}
    public func forward(_ input: Tensor) throws -> Tensor { input.tanh() }
}

/// softmax along `dim` (PyTorch's `nn.Softmax`).
public final class Softmax: Module {
    public let typeName = "Softmax"
    public var training = true
    /// The dimension that sums to 1.
    public let dim: Int?
    public init(dim: Int?) { self.dim = dim }
    public var extraDescription: String { "dim=\(dim.map(String.init) ?? "None")" }
    public func forward(_ input: Tensor) throws -> Tensor {
        try input.softmax(dim: dim ?? (input.rank <= 1 || input.rank == 3 ? 0 : 1))
    }
}

/// log softmax along `dim` (PyTorch's `nn.LogSoftmax`).
public final class LogSoftmax: Module {
    public let typeName = "LogSoftmax"
    public var training = true
    /// The dimension normalised over.
    public let dim: Int?
    public init(dim: Int?) { self.dim = dim }
    public var extraDescription: String { "dim=\(dim.map(String.init) ?? "None")" }
    public func forward(_ input: Tensor) throws -> Tensor {
        try input.logSoftmax(dim: dim ?? (input.rank <= 1 || input.rank == 3 ? 0 : 1))
    }
}

/// Merges dimensions `startDim...endDim` into one (PyTorch's `nn.Flatten`, from dim 1 by
/// default so the batch dimension stays).
public final class Flatten: Module {
    public let typeName = "Flatten"
    public var training = true
    /// The first dimension merged.
    public let startDim: Int
    /// The last dimension merged.
    public let endDim: Int
    public init(startDim: Int = 1, endDim: Int = -1) {
        self.startDim = startDim
        self.endDim = endDim
    }
    public var extraDescription: String { "start_dim=\(startDim), end_dim=\(endDim)" }
    public func forward(_ input: Tensor) throws -> Tensor { try input.flattened(start: startDim, end: endDim) }
}

/// Returns its input unchanged (PyTorch's `nn.Identity`), a placeholder for a removed layer.
public final class Identity: Module {
    public let typeName = "Identity"
    public var training = true
    public init() {}
    public func forward(_ input: Tensor) throws -> Tensor { input }
}
