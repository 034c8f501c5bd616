import TensorEngine

/// max(x, 0), element-wise (PyTorch's `nn.ReLU`).
public final class ReLU: Module {
    public let typeName = "ReLU"
    public var training = true
    public init() {}
    public func copy() throws -> Module { copyFlags(to: ReLU()) }
    public func forward(_ input: Tensor) throws -> Tensor { try input.relu() }
}

/// x where x > 0, slope·x elsewhere (PyTorch's `nn.LeakyReLU`, slope 0.01 by default).
public final class LeakyReLU: Module {
    public let typeName = "LeakyReLU"
    public var training = true
    /// The slope for negative inputs.
    public var negativeSlope: Double
    public init(negativeSlope: Double = 0.01) { self.negativeSlope = negativeSlope }
    public func copy() throws -> Module { copyFlags(to: LeakyReLU(negativeSlope: negativeSlope)) }
    public var extraDescription: String { "negative_slope=\(PythonFloat.repr(negativeSlope))" }
    public func forward(_ input: Tensor) throws -> Tensor { try input.leakyRelu(negativeSlope) }
}

/// 1/(1 + e^-x), element-wise (PyTorch's `nn.Sigmoid`).
public final class Sigmoid: Module {
    public let typeName = "Sigmoid"
    public var training = true
    public init() {}
    public func copy() throws -> Module { copyFlags(to: Sigmoid()) }
    public func forward(_ input: Tensor) throws -> Tensor { try input.sigmoid() }
}

/// tanh x, element-wise (PyTorch's `nn.Tanh`).
public final class Tanh: Module {
    public let typeName = "Tanh"
    public var training = true
    public init() {}
    public func copy() throws -> Module { copyFlags(to: Tanh()) }
    public func forward(_ input: Tensor) throws -> Tensor { try input.tanh() }
}

/// softmax along `dim` (PyTorch's `nn.Softmax`).
public final class Softmax: Module {
    public let typeName = "Softmax"
    public var training = true
    /// The dimension that sums to 1.
    public var dim: Int?
    public init(dim: Int?) { self.dim = dim }
    public func copy() throws -> Module { copyFlags(to: Softmax(dim: dim)) }
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
    public var dim: Int?
    public init(dim: Int?) { self.dim = dim }
    public func copy() throws -> Module { copyFlags(to: LogSoftmax(dim: dim)) }
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
    public func copy() throws -> Module { copyFlags(to: Flatten(startDim: startDim, endDim: endDim)) }
    public func forward(_ input: Tensor) throws -> Tensor { try input.flattened(start: startDim, end: endDim) }
}

/// Returns its input unchanged (PyTorch's `nn.Identity`), a placeholder for a removed layer.
public final class Identity: Module {
    public let typeName = "Identity"
    public var training = true
    public init() {}
    public func copy() throws -> Module { copyFlags(to: Identity()) }
    public func forward(_ input: Tensor) throws -> Tensor { input }
}

extension Module {
    /// `copy` with this module's training flag: what a copy of a module without state needs.
    public func copyFlags(to copy: Module) -> Module {
        copy.training = training
        return copy
    }

    /// Overwrites `copy`'s parameters and buffers with copies of this module's (same names and
    /// shapes) and gives it this module's training flag.
    public func copyState<M: Module>(to copy: M) throws -> M {
        let own = Dictionary(uniqueKeysWithValues: (ownParameters + ownBuffers).map { ($0.name, $0.variable) })
        for (name, target) in copy.ownParameters + copy.ownBuffers {
            if let source = own[name] { try target.overwrite(with: source.tensor.detached()) }
        }
        copy.training = training
        return copy
    }
}
