import TensorEngine

/// PyTorch's pooling layers: `nn.MaxPool2d`, `nn.AvgPool2d` and `nn.AdaptiveAvgPool2d`. They have
/// no parameters; each output is the maximum or mean of one window of its channel.
///
/// ```swift
/// let pool = try Pooling(.max, kernelSize: .repeated(2, 2))
/// try pool(Tensor.zeros([64, 8, 26, 26])).shape   // [64, 8, 13, 13]
/// ```
public final class Pooling: Module {
    public enum Kind: Sendable { case max, average }
    public let kind: Kind
    public var typeName: String { kind == .max ? "MaxPool2d" : "AvgPool2d" }
    public var training = true
    public let kernelSize: SizeArgument, stride: SizeArgument, padding: SizeArgument, dilation: SizeArgument
    public let ceilMode: Bool
    /// Average pooling only: whether the zero padding counts in the divisor, or a divisor to use.
    public let countIncludePad: Bool
    public let divisorOverride: Int?

    public init(_ kind: Kind, kernelSize: SizeArgument, stride: SizeArgument? = nil, padding: SizeArgument = .repeated(0, 2),
                dilation: SizeArgument = .repeated(1, 2), ceilMode: Bool = false, countIncludePad: Bool = true, divisorOverride: Int? = nil) {
        self.kind = kind
        self.kernelSize = kernelSize
        self.stride = stride ?? kernelSize
        (self.padding, self.dilation) = (padding, dilation)
        (self.ceilMode, self.countIncludePad, self.divisorOverride) = (ceilMode, countIncludePad, divisorOverride)
    }

    public func copy() throws -> Module {
        copyFlags(to: Pooling(kind, kernelSize: kernelSize, stride: stride, padding: padding, dilation: dilation, ceilMode: ceilMode,
                              countIncludePad: countIncludePad, divisorOverride: divisorOverride))
    }

    public var extraDescription: String {
        switch kind {
        case .max: return "kernel_size=\(kernelSize), stride=\(stride), padding=\(padding), dilation=\(dilation), ceil_mode=\(ceilMode ? "True" : "False")"
        case .average: return "kernel_size=\(kernelSize), stride=\(stride), padding=\(padding)"
        }
    }

    public var geometry: WindowGeometry {
        let (k, s, p, d) = (kernelSize.values, stride.values, padding.values, dilation.values)
        return WindowGeometry(kernel: (k[0], k[1]), stride: (s[0], s[1]), padding: (p[0], p[0], p[1], p[1]), dilation: (d[0], d[1]))
    }

    public func forward(_ input: Tensor) throws -> Tensor {
        switch kind {
        case .max: return try Tensor.maxPool2d(input, geometry: geometry, ceilMode: ceilMode)
        case .average: return try Tensor.avgPool2d(input, geometry: geometry, ceilMode: ceilMode, countIncludePad: countIncludePad, divisorOverride: divisorOverride)
        }
    }
}

/// `nn.AdaptiveAvgPool2d(output_size)`: averages any input down to a fixed (h, w).
public final class AdaptiveAveragePooling: Module {
    public let typeName = "AdaptiveAvgPool2d"
    public var training = true
    public let outputSize: SizeArgument

    public init(outputSize: SizeArgument) { self.outputSize = outputSize }
    public func copy() throws -> Module { copyFlags(to: AdaptiveAveragePooling(outputSize: outputSize)) }
    public var extraDescription: String { "output_size=\(outputSize)" }

    public func forward(_ input: Tensor) throws -> Tensor {
        let size = outputSize.values
        let height = size[0] < 0 ? input.shape[input.rank - 2] : size[0]
        let width = size[1] < 0 ? input.shape[input.rank - 1] : size[1]
        return try Tensor.adaptiveAvgPool2d(input, outputSize: (height, width))
    }
}
