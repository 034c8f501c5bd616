import NeuralNet
import Regularization
import TensorEngine

/// Keras's `Conv2D`: images channels last, (batch, height, width, channels), a kernel shaped
/// (kh, kw, channels/groups, filters) drawn by glorot_uniform, `padding='valid'` or `'same'`
/// (the output keeps ⌈size/stride⌉, the extra padding going at the bottom and right, as Keras
/// pads). It runs on the same convolution as `nn.Conv2d`, with the axes moved to PyTorch's order
/// and back.
///
/// ```swift
/// let conv = try Conv2D(filters: 8, kernelSize: (3, 3), kernelInitializer: .glorotUniform(seed: 1), context: context)
/// ```
public final class Conv2D: Layer {
    public let filters: Int
    public let kernelSize: (Int, Int), strides: (Int, Int), dilationRate: (Int, Int)
    public let samePadding: Bool
    public let groups: Int
    public let activation: ActivationFunction
    public let useBias: Bool
    public let kernelInitializer: Initializer, biasInitializer: Initializer
    public let kernelRegularizer: Penalty?, biasRegularizer: Penalty?
    public let kernelConstraint: Constraint?, biasConstraint: Constraint?

    public init(filters: Int, kernelSize: (Int, Int), strides: (Int, Int) = (1, 1), samePadding: Bool = false, dilationRate: (Int, Int) = (1, 1),
                groups: Int = 1, activation: ActivationFunction = .linear, useBias: Bool = true, kernelInitializer: Initializer,
                biasInitializer: Initializer = .zeros, kernelRegularizer: Penalty? = nil, biasRegularizer: Penalty? = nil,
                activityRegularizer: Penalty? = nil, kernelConstraint: Constraint? = nil, biasConstraint: Constraint? = nil,
                name: String? = nil, context: KerasContext) throws {
        guard filters > 0 else {
            throw TensorError(.valueError, "Invalid value for argument `filters`. Expected a strictly positive value. Received filters=\(filters).")
        }
        guard groups > 0, filters % groups == 0 else {
            throw TensorError(.valueError, "The number of filters must be evenly divisible by the number of groups. Received: groups=\(groups), filters=\(filters).")
        }
        guard min(kernelSize.0, kernelSize.1, strides.0, strides.1, dilationRate.0, dilationRate.1) > 0 else {
            throw TensorError(.valueError, "The `kernel_size`, `strides` and `dilation_rate` arguments must be positive")
        }
        (self.filters, self.kernelSize, self.strides, self.dilationRate) = (filters, kernelSize, strides, dilationRate)
        (self.samePadding, self.groups, self.activation, self.useBias) = (samePadding, groups, activation, useBias)
        (self.kernelInitializer, self.biasInitializer) = (kernelInitializer, biasInitializer)
        (self.kernelRegularizer, self.biasRegularizer, self.kernelConstraint, self.biasConstraint) = (kernelRegularizer, biasRegularizer, kernelConstraint, biasConstraint)
        super.init(typeName: "Conv2D", baseName: "conv2d", name: name, context: context)
        self.activityRegularizer = activityRegularizer
    }

    public override func build(_ inputShape: [Int?]) throws {
        let channels = try lastAxis(inputShape)
        guard channels % groups == 0 else {
            throw TensorError(.valueError, "The number of input channels must be evenly divisible by the number of groups. Received groups=\(groups), but the input has \(channels) channels (full input shape is \(KerasShape.describe(inputShape))).")
        }
        try addWeight("kernel", shape: [kernelSize.0, kernelSize.1, channels / groups, filters], initializer: kernelInitializer,
                      regularizer: kernelRegularizer, constraint: kernelConstraint)
        if useBias { try addWeight("bias", shape: [filters], initializer: biasInitializer, regularizer: biasRegularizer, constraint: biasConstraint) }
    }

    public override func checkInput(_ shape: [Int]) throws {
        guard shape.count == 4 else {
            throw TensorError(.valueError, "Input 0 of layer \"\(name)\" is incompatible with the layer: expected ndim=4, found ndim=\(shape.count). Full shape received: \(KerasShape.describe(shape.map { Optional($0) }))")
        }
        if let expected = builtInputShape?.last ?? nil, shape.last != expected {
            throw incompatible("expected axis -1 of input shape to have value \(expected)", shape)
        }
    }

    public var kernel: KerasWeight? { weight(named: "kernel") }
    public var bias: KerasWeight? { weight(named: "bias") }

    /// Keras's padding for `'same'` on the torch backend: d·(k − 1) − (size − 1) mod s in all,
    /// half before, the rest (one more when odd) after.
    static func samePadding(size: Int, kernel: Int, stride: Int, dilation: Int) -> (Int, Int) {
        let total = max(dilation * (kernel - 1) - (size - 1) % stride, 0)
        return (total / 2, (total + 1) / 2)
    }

    public override func call(_ x: Tensor, training: Bool) throws -> Tensor {
        guard let kernel else { return x }
        let images = try x.permuted([0, 3, 1, 2])
        let (top, bottom) = samePadding ? Conv2D.samePadding(size: x.shape[1], kernel: kernelSize.0, stride: strides.0, dilation: dilationRate.0) : (0, 0)
        let (left, right) = samePadding ? Conv2D.samePadding(size: x.shape[2], kernel: kernelSize.1, stride: strides.1, dilation: dilationRate.1) : (0, 0)
        let geometry = WindowGeometry(kernel: kernelSize, stride: strides, padding: (top, bottom, left, right), dilation: dilationRate)
        let weight = try kernel.variable.tensor.permuted([3, 2, 0, 1])
        let y = try Tensor.conv2d(images, weight: weight, bias: bias?.variable.tensor, geometry: geometry, groups: groups)
        return try activation(try y.permuted([0, 2, 3, 1]))
    }

    public override func outputShape(for inputShape: [Int?]) throws -> [Int?] {
        guard inputShape.count == 4 else { return inputShape }
        func size(_ length: Int?, _ k: Int, _ s: Int, _ d: Int) -> Int? {
            guard let length else { return nil }
            return samePadding ? (length + s - 1) / s : (length - d * (k - 1) - 1) / s + 1
        }
        return [inputShape[0], size(inputShape[1], kernelSize.0, strides.0, dilationRate.0), size(inputShape[2], kernelSize.1, strides.1, dilationRate.1), filters]
    }

    public override func copy() throws -> Module {
        try copyState(into: try Conv2D(filters: filters, kernelSize: kernelSize, strides: strides, samePadding: samePadding, dilationRate: dilationRate,
                                       groups: groups, activation: activation, useBias: useBias, kernelInitializer: kernelInitializer,
                                       biasInitializer: biasInitializer, kernelRegularizer: kernelRegularizer, biasRegularizer: biasRegularizer,
                                       activityRegularizer: activityRegularizer, kernelConstraint: kernelConstraint, biasConstraint: biasConstraint,
                                       name: name, context: context))
    }

    public override var config: [(String, String)] {
        super.config + [("filters", String(filters)), ("kernel_size", "(\(kernelSize.0), \(kernelSize.1))"), ("strides", "(\(strides.0), \(strides.1))"),
                        ("padding", samePadding ? "'same'" : "'valid'"), ("activation", "'\(activation.rawValue)'")]
    }
}

/// Keras's `MaxPooling2D` and `AveragePooling2D`, channels last: the largest (or mean) value of
/// each pool_size window, stepping by strides (pool_size when not given). With `'same'` padding
/// the output keeps ⌈size/stride⌉ and the padding never wins a maximum (nor counts in a mean).
public final class Pooling2D: Layer {
    public let isMax: Bool
    public let poolSize: (Int, Int), strides: (Int, Int)
    public let samePadding: Bool

    public init(max isMax: Bool, poolSize: (Int, Int), strides: (Int, Int)?, samePadding: Bool, name: String? = nil, context: KerasContext) throws {
        guard min(poolSize.0, poolSize.1) > 0, min(strides?.0 ?? 1, strides?.1 ?? 1) > 0 else {
            throw TensorError(.valueError, "The `pool_size` and `strides` arguments must be positive")
        }
        (self.isMax, self.poolSize, self.strides, self.samePadding) = (isMax, poolSize, strides ?? poolSize, samePadding)
        super.init(typeName: isMax ? "MaxPooling2D" : "AveragePooling2D", baseName: isMax ? "max_pooling2d" : "average_pooling2d", name: name, context: context)
    }

    public override func checkInput(_ shape: [Int]) throws {
        guard shape.count == 4 else {
            throw TensorError(.valueError, "Input 0 of layer \"\(name)\" is incompatible with the layer: expected ndim=4, found ndim=\(shape.count). Full shape received: \(KerasShape.describe(shape.map { Optional($0) }))")
        }
    }

    public override func call(_ x: Tensor, training: Bool) throws -> Tensor {
        var images = try x.permuted([0, 3, 1, 2])
        if samePadding {
            let (top, bottom) = Conv2D.samePadding(size: x.shape[1], kernel: poolSize.0, stride: strides.0, dilation: 1)
            let (left, right) = Conv2D.samePadding(size: x.shape[2], kernel: poolSize.1, stride: strides.1, dilation: 1)
            if isMax {
                images = try Tensor.padded(images, pad: [left, right, top, bottom], value: -.infinity)
            } else {
                // A mean over the window's part inside the image: pad sums and counts alike.
                let geometry = WindowGeometry(kernel: poolSize, stride: strides, padding: (0, 0, 0, 0))
                let sums = try Tensor.avgPool2d(try Tensor.padded(images, pad: [left, right, top, bottom]), geometry: geometry, divisorOverride: 1)
                let ones = try Tensor.padded(images.onesLike(), pad: [left, right, top, bottom])
                let counts = try Tensor.avgPool2d(ones, geometry: geometry, divisorOverride: 1)
                return try (sums / counts).permuted([0, 2, 3, 1])
            }
        }
        let geometry = WindowGeometry(kernel: poolSize, stride: strides, padding: (0, 0, 0, 0))
        let y = isMax ? try Tensor.maxPool2d(images, geometry: geometry) : try Tensor.avgPool2d(images, geometry: geometry)
        return try y.permuted([0, 2, 3, 1])
    }

    public override func outputShape(for inputShape: [Int?]) throws -> [Int?] {
        guard inputShape.count == 4 else { return inputShape }
        func size(_ length: Int?, _ k: Int, _ s: Int) -> Int? {
            guard let length else { return nil }
            return samePadding ? (length + s - 1) / s : (length - k) / s + 1
        }
        return [inputShape[0], size(inputShape[1], poolSize.0, strides.0), size(inputShape[2], poolSize.1, strides.1), inputShape[3]]
    }

    public override func copy() throws -> Module {
        try copyState(into: try Pooling2D(max: isMax, poolSize: poolSize, strides: strides, samePadding: samePadding, name: name, context: context))
    }

    public override var config: [(String, String)] {
        super.config + [("pool_size", "(\(poolSize.0), \(poolSize.1))"), ("strides", "(\(strides.0), \(strides.1))"), ("padding", samePadding ? "'same'" : "'valid'")]
    }
}
