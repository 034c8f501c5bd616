import TensorEngine

/// A size PyTorch lets you give as one int or a tuple, printed back the way it was given:
/// `kernel_size=2` prints `2`, `kernel_size=(2, 3)` prints `(2, 3)`.
public struct SizeArgument: Sendable, Equatable, CustomStringConvertible {
    public let values: [Int]
    public let wasTuple: Bool

    public init(_ values: [Int], wasTuple: Bool) {
        self.values = values
        self.wasTuple = wasTuple
    }

    /// An int given for `dimensions` axes.
    public static func repeated(_ value: Int, _ dimensions: Int) -> SizeArgument { SizeArgument(Array(repeating: value, count: dimensions), wasTuple: false) }

    public var description: String {
        guard wasTuple else { return String(values[0]) }
        return values.count == 1 ? "(\(values[0]),)" : "(" + values.map(String.init).joined(separator: ", ") + ")"
    }
}

/// How a convolution pads its input: by given amounts, or `'same'`/`'valid'` (PyTorch's strings).
public enum ConvolutionPadding: Sendable, Equatable {
    case amounts([Int])
    case same
    case valid
}

/// A convolutional layer, PyTorch's `nn.Conv1d` and `nn.Conv2d`: weight [out, in/groups, k...],
/// bias [out], both uniform in ±1/√(in/groups · Πk) and drawn as PyTorch draws them (weight
/// first), so a seeded network starts with PyTorch's weights.
///
/// ```swift
/// let conv = try Convolution(dimensions: 2, 1, 8, kernelSize: [3, 3], generator: g)
/// try conv(Tensor.zeros([64, 1, 28, 28])).shape   // [64, 8, 26, 26]
/// ```
public final class Convolution: Module {
    public var typeName: String { "Conv\(dimensions)d" }
    public var training = true
    /// 1 (`Conv1d`, on [N, C, L]) or 2 (`Conv2d`, on [N, C, H, W]).
    public let dimensions: Int
    public let inChannels: Int, outChannels: Int
    public let kernelSize: [Int], stride: [Int], dilation: [Int]
    public let padding: ConvolutionPadding
    public let groups: Int
    /// 'zeros', 'reflect', 'replicate' or 'circular'.
    public let paddingMode: String
    public private(set) var weight: Variable
    public private(set) var bias: Variable?

    public init(dimensions: Int, _ inChannels: Int, _ outChannels: Int, kernelSize: [Int], stride: [Int]? = nil,
                padding: ConvolutionPadding = .amounts([0]), dilation: [Int]? = nil, groups: Int = 1, bias: Bool = true,
                paddingMode: String = "zeros", generator: RandomGenerator) throws {
        guard groups > 0 else { throw TensorError(.valueError, "groups must be a positive integer") }
        guard inChannels % groups == 0 else { throw TensorError(.valueError, "in_channels must be divisible by groups") }
        guard outChannels % groups == 0 else { throw TensorError(.valueError, "out_channels must be divisible by groups") }
        guard ["zeros", "reflect", "replicate", "circular"].contains(paddingMode) else {
            throw TensorError(.valueError, "padding_mode must be one of ['zeros', 'reflect', 'replicate', 'circular'], but got padding_mode='\(paddingMode)'")
        }
        let stride = stride ?? Array(repeating: 1, count: dimensions)
        if padding == .same && stride.contains(where: { $0 != 1 }) {
            throw TensorError(.valueError, "padding='same' is not supported for strided convolutions")
        }
        self.dimensions = dimensions
        (self.inChannels, self.outChannels, self.groups, self.paddingMode) = (inChannels, outChannels, groups, paddingMode)
        (self.kernelSize, self.stride, self.padding) = (kernelSize, stride, padding)
        self.dilation = dilation ?? Array(repeating: 1, count: dimensions)
        let shape = [outChannels, inChannels / groups] + kernelSize
        _ = try Shape.count(shape)
        weight = Variable(try Initialization.kaimingUniformLinear(shape, generator: generator).requiringGrad(), isParameter: true)
        let fanIn = inChannels / groups * kernelSize.reduce(1, *)
        self.bias = bias ? Variable(try Initialization.biasUniform(outChannels, fanIn: fanIn, generator: generator).requiringGrad(), isParameter: true) : nil
    }

    private init(copying other: Convolution) throws {
        dimensions = other.dimensions
        (inChannels, outChannels, groups, paddingMode) = (other.inChannels, other.outChannels, other.groups, other.paddingMode)
        (kernelSize, stride, padding, dilation) = (other.kernelSize, other.stride, other.padding, other.dilation)
        weight = try other.weight.copied()
        bias = try other.bias?.copied()
        training = other.training
    }

    public func copy() throws -> Module { try Convolution(copying: self) }

    public func replaceParameter(named name: String, with variable: Variable?) -> Bool {
        WeightAndBias.replace(name, with: variable, weight: &weight, bias: &bias)
    }

    public var ownParameters: [(name: String, variable: Variable)] { WeightAndBias.parameters(weight: weight, bias: bias) }

    /// PyTorch's `extra_repr`: channels, kernel and stride always; the rest when not the default.
    public var extraDescription: String {
        func tuple(_ values: [Int]) -> String { SizeArgument(values, wasTuple: true).description }
        var text = "\(inChannels), \(outChannels), kernel_size=\(tuple(kernelSize)), stride=\(tuple(stride))"
        switch padding {
        case .same: text += ", padding=same"
        case .valid: text += ", padding=valid"
        case .amounts(let amounts): if amounts.contains(where: { $0 != 0 }) { text += ", padding=\(tuple(amounts))" }
        }
        if dilation.contains(where: { $0 != 1 }) { text += ", dilation=\(tuple(dilation))" }
        if groups != 1 { text += ", groups=\(groups)" }
        if bias == nil { text += ", bias=False" }
        if paddingMode != "zeros" { text += ", padding_mode=\(paddingMode)" }
        return text
    }

    public func forward(_ input: Tensor) throws -> Tensor {
        try Convolution.apply(input, weight: weight.tensor, bias: bias?.tensor, dimensions: dimensions, stride: stride,
                              padding: padding, dilation: dilation, groups: groups, paddingMode: paddingMode)
    }

    /// `F.conv1d`/`F.conv2d` (and a layer's forward): pads as asked, then convolves; 1-d
    /// convolutions run as 2-d ones over images one row high.
    public static func apply(_ input: Tensor, weight: Tensor, bias: Tensor?, dimensions: Int, stride: [Int], padding: ConvolutionPadding,
                             dilation: [Int], groups: Int, paddingMode: String = "zeros") throws -> Tensor {
        let name = "conv\(dimensions)d"
        guard input.rank == dimensions + 1 || input.rank == dimensions + 2 else {
            throw TensorError(.runtimeError, "Expected \(dimensions + 1)D (unbatched) or \(dimensions + 2)D (batched) input to \(name), but got input of size: \(input.shape)")
        }
        guard weight.rank == dimensions + 2 else {
            throw TensorError(.runtimeError, "weight should have \(dimensions + 2) dimensions for \(name), got \(weight.rank)")
        }
        guard input.dtype == .float32, weight.dtype == .float32 else {
            throw TensorError(.runtimeError, "Input type (\(input.dtype)) and weight type (\(weight.dtype)) should be the same, and float")
        }
        let kernel = Array(weight.shape.suffix(dimensions))
        // (before, after) per spatial axis.
        var sides: [(Int, Int)]
        switch padding {
        case .valid: sides = Array(repeating: (0, 0), count: dimensions)
        case .amounts(let amounts): sides = amounts.map { ($0, $0) }
        case .same:
            sides = zip(kernel, dilation).map { k, d in
                let total = d * (k - 1)
                return (total / 2, total - total / 2)
            }
        }
        var x = input
        if paddingMode != "zeros" {
            let pad = sides.reversed().flatMap { [$0.0, $0.1] }
            x = try Tensor.padded(x, pad: pad, mode: PaddingMode(rawValue: paddingMode) ?? .constant)
            sides = Array(repeating: (0, 0), count: dimensions)
        }
        if dimensions == 2 {
            let geometry = WindowGeometry(kernel: (kernel[0], kernel[1]), stride: (stride[0], stride[1]),
                                          padding: (sides[0].0, sides[0].1, sides[1].0, sides[1].1), dilation: (dilation[0], dilation[1]))
            return try Tensor.conv2d(x, weight: weight, bias: bias, geometry: geometry, groups: groups)
        }
        // Conv1d: [N, C, L] as [N, C, 1, L].
        let rowAxis = x.rank - 1
        let image = try x.unsqueezed(rowAxis)
        let flatWeight = try weight.unsqueezed(2)
        let geometry = WindowGeometry(kernel: (1, kernel[0]), stride: (1, stride[0]), padding: (0, 0, sides[0].0, sides[0].1), dilation: (1, dilation[0]))
        return try Tensor.conv2d(image, weight: flatWeight, bias: bias, geometry: geometry, groups: groups).squeezed(dim: rowAxis)
    }
}
