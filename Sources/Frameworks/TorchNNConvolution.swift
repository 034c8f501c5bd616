import Foundation
import NeuralNet
import Python
import TensorEngine

/// `nn.Conv1d`, `nn.Conv2d`, the pooling layers, and `F.conv1d`, `F.conv2d`, `F.max_pool2d`,
/// `F.avg_pool2d`, `F.adaptive_avg_pool2d`, `F.pad`.
extension Bindings {
    /// An int or a tuple of `dimensions` ints (`kernel_size=3`, `stride=(2, 1)`).
    static func sizeArgument(_ value: Value, _ name: String, dimensions: Int, minimum: Int) throws -> SizeArgument {
        let size: SizeArgument
        if let n = value.exactInt {
            size = .repeated(n, dimensions)
        } else if let items = value.tupleItems ?? value.listItems, items.count == dimensions, case let ints = items.compactMap(\.exactInt), ints.count == dimensions {
            size = SizeArgument(ints, wasTuple: true)
        } else {
            throw PythonError(.typeError, "\(name) must be an int or a tuple of \(dimensions) ints, got \(value.typeName)")
        }
        guard size.values.allSatisfy({ $0 >= minimum && $0 < 1 << 31 }) else {
            throw PythonError(.valueError, "\(name) must be \(minimum == 0 ? "non-negative" : "positive"), got \(size)")
        }
        return size
    }

    /// `padding=1`, `padding=(1, 2)`, `padding='same'` or `'valid'`.
    static func convolutionPadding(_ value: Value, dimensions: Int) throws -> ConvolutionPadding {
        if case .string(let text) = value {
            switch text {
            case "same": return .same
            case "valid": return .valid
            default: throw PythonError(.valueError, "Invalid padding string '\(text)', should be one of {'valid', 'same'}")
            }
        }
        return .amounts(try sizeArgument(value, "padding", dimensions: dimensions, minimum: 0).values)
    }

    private static func convolutionLayer(_ dimensions: Int) -> ClassObject {
        let example = dimensions == 2
            ? "conv = nn.Conv2d(1, 8, kernel_size=3, padding=1)\nconv(torch.zeros(64, 1, 28, 28)).shape   # torch.Size([64, 8, 28, 28])"
            : "conv = nn.Conv1d(2, 4, kernel_size=5)\nconv(torch.zeros(8, 2, 100)).shape   # torch.Size([8, 4, 96])"
        return NNModule.layer("nn", "Conv\(dimensions)d(in_channels, out_channels, kernel_size, stride=1, padding=0, dilation=1, groups=1, bias=True, padding_mode='zeros', device=None, dtype=None)",
                              doc: "A \(dimensions)-d convolution: each of out_channels filters (in_channels/groups × kernel_size) slides over the input with the given stride, padding ('same' keeps the size at stride 1) and dilation, and adds its bias. Weights start uniform in ±1/sqrt(fan_in), drawn as PyTorch draws them. trace(conv, x) shows the unfolded patches and one output worked out by hand.",
                              example: example) { a, interpreter in
            let stride = try sizeArgument(a["stride"], "stride", dimensions: dimensions, minimum: 1)
            let dilation = try sizeArgument(a["dilation"], "dilation", dimensions: dimensions, minimum: 1)
            return try Convolution(dimensions: dimensions, try a.int("in_channels"), try a.int("out_channels"),
                                   kernelSize: try sizeArgument(a["kernel_size"], "kernel_size", dimensions: dimensions, minimum: 1).values,
                                   stride: stride.values, padding: try convolutionPadding(a["padding"], dimensions: dimensions), dilation: dilation.values,
                                   groups: try a.int("groups"), bias: try a.bool("bias"), paddingMode: try a.string("padding_mode"),
                                   generator: interpreter.generator)
        }
    }

    static func convolutionClasses() -> [ClassObject] {
        [
            convolutionLayer(1),
            convolutionLayer(2),
            NNModule.layer("nn", "MaxPool2d(kernel_size, stride=None, padding=0, dilation=1, return_indices=False, ceil_mode=False)",
                           doc: "The largest value of each kernel_size window (stride defaults to kernel_size, so 2 halves the height and width). Its gradient goes to that largest value only.",
                           example: "pool = nn.MaxPool2d(2)\npool(torch.zeros(64, 8, 28, 28)).shape   # torch.Size([64, 8, 14, 14])") { a, _ in
                try pooling(.max, a)
            },
            NNModule.layer("nn", "AvgPool2d(kernel_size, stride=None, padding=0, ceil_mode=False, count_include_pad=True, divisor_override=None)",
                           doc: "The mean of each kernel_size window (stride defaults to kernel_size); the zero padding counts in the mean unless count_include_pad=False.",
                           example: "nn.AvgPool2d(2)") { a, _ in
                try pooling(.average, a)
            },
            NNModule.layer("nn", "AdaptiveAvgPool2d(output_size)",
                           doc: "Averages each channel down to output_size (an int or (h, w)), whatever the input's size: AdaptiveAvgPool2d(1) is global average pooling.",
                           example: "nn.AdaptiveAvgPool2d((1, 1))(torch.ones(2, 8, 5, 7)).shape   # torch.Size([2, 8, 1, 1])") { a, _ in
                AdaptiveAveragePooling(outputSize: try sizeArgument(a["output_size"], "output_size", dimensions: 2, minimum: 0))
            },
        ]
    }

    private static func pooling(_ kind: Pooling.Kind, _ a: BoundArguments) throws -> Pooling {
        if kind == .max, try a.bool("return_indices") {
            throw PythonError(.notImplementedError, "return_indices=True: regtutor's max pooling does not return the indices")
        }
        let kernel = try sizeArgument(a["kernel_size"], "kernel_size", dimensions: 2, minimum: 1)
        let stride = a.isNone("stride") ? nil : try sizeArgument(a["stride"], "stride", dimensions: 2, minimum: 1)
        let padding = try sizeArgument(a["padding"], "padding", dimensions: 2, minimum: 0)
        if kind == .max {
            return Pooling(.max, kernelSize: kernel, stride: stride, padding: padding,
                           dilation: try sizeArgument(a["dilation"], "dilation", dimensions: 2, minimum: 1), ceilMode: try a.bool("ceil_mode"))
        }
        return Pooling(.average, kernelSize: kernel, stride: stride, padding: padding, ceilMode: try a.bool("ceil_mode"),
                       countIncludePad: try a.bool("count_include_pad"), divisorOverride: try a.optionalInt("divisor_override"))
    }

    static func convolutionFunctions() -> [Builtin] {
        func function(_ signature: String, doc: String, example: String, _ body: @escaping (BoundArguments, Interpreter) throws -> Value) -> Builtin {
            Builtin("F", signature, doc: doc, example: example, body)
        }
        func convolution(_ dimensions: Int) -> Builtin {
            function("conv\(dimensions)d(input, weight, bias=None, stride=1, padding=0, dilation=1, groups=1)",
                     doc: "A \(dimensions)-d convolution of input with the given weight (out_channels, in_channels/groups, kernel...), as nn.Conv\(dimensions)d computes it.",
                     example: dimensions == 2 ? "F.conv2d(torch.ones(1, 1, 4, 4), torch.ones(1, 1, 3, 3))" : "F.conv1d(torch.ones(1, 1, 5), torch.ones(1, 1, 3))") { a, _ in
                .tensor(try Convolution.apply(try a.tensor("input"), weight: try a.tensor("weight"), bias: try a.optionalTensor("bias"), dimensions: dimensions,
                                              stride: try sizeArgument(a["stride"], "stride", dimensions: dimensions, minimum: 1).values,
                                              padding: try convolutionPadding(a["padding"], dimensions: dimensions),
                                              dilation: try sizeArgument(a["dilation"], "dilation", dimensions: dimensions, minimum: 1).values,
                                              groups: try a.int("groups")))
            }
        }
        return [
            convolution(1),
            convolution(2),
            function("max_pool2d(input, kernel_size, stride=None, padding=0, dilation=1, ceil_mode=False, return_indices=False)",
                     doc: "The largest value of each window, as nn.MaxPool2d.", example: "F.max_pool2d(x, 2)") { a, _ in
                .tensor(try pooling(.max, a).forward(try a.tensor("input")))
            },
            function("avg_pool2d(input, kernel_size, stride=None, padding=0, ceil_mode=False, count_include_pad=True, divisor_override=None)",
                     doc: "The mean of each window, as nn.AvgPool2d.", example: "F.avg_pool2d(x, 2)") { a, _ in
                .tensor(try pooling(.average, a).forward(try a.tensor("input")))
            },
            function("adaptive_avg_pool2d(input, output_size)", doc: "Averages each channel down to output_size, as nn.AdaptiveAvgPool2d.",
                     example: "F.adaptive_avg_pool2d(x, 1)") { a, _ in
                .tensor(try AdaptiveAveragePooling(outputSize: try sizeArgument(a["output_size"], "output_size", dimensions: 2, minimum: 0)).forward(try a.tensor("input")))
            },
            function("pad(input, pad, mode='constant', value=None)",
                     doc: "Pads the last dimensions: pad lists (before, after) amounts from the last dimension backwards, (1, 1) for the last one, (1, 1, 2, 2) for the last two. mode is 'constant' (value, default 0), 'reflect', 'replicate' or 'circular'; negative amounts crop.",
                     example: "F.pad(torch.ones(2, 2), (1, 1), value=0.5)") { a, _ in
                guard let items = a["pad"].tupleItems ?? a["pad"].listItems, case let amounts = items.compactMap(\.exactInt), amounts.count == items.count else {
                    throw PythonError(.typeError, "pad(): argument 'pad' must be tuple of ints, but found \(a["pad"].typeName)")
                }
                let name = try a.string("mode")
                guard let mode = PaddingMode(rawValue: name) else {
                    throw PythonError(.notImplementedError, "Unrecognised padding mode \(name)")
                }
                if mode != .constant && !a.isNone("value") {
                    throw PythonError(.runtimeError, "Padding mode \"\(name)\" doesn't take in value argument")
                }
                return .tensor(try Tensor.padded(try a.tensor("input"), pad: amounts, mode: mode, value: try a.optionalDouble("value") ?? 0))
            },
        ]
    }
}
