import NeuralNet
import Python
import TensorEngine

/// `torch.nn.init`: the weight initialisations, each filling a tensor in place (without
/// recording gradients) and returning it, with PyTorch's formulas and random draws.
extension Bindings {
    static func initFunctions() -> [Builtin] {
        func fill(_ signature: String, doc: String, example: String,
                  _ make: @escaping ([Int], BoundArguments, Interpreter) throws -> Tensor) -> Builtin {
            Builtin("nn.init", signature, doc: doc, example: example) { a, interpreter in
                let target = try a.tensorObject("tensor")
                let values = try make(target.tensor.shape, a, interpreter).converted(to: target.tensor.dtype)
                try GradMode.withDisabled { try target.tensor.assignElements(from: values) }
                return .tensor(target)
            }
        }
        return [
            fill("uniform_(tensor, a=0.0, b=1.0, generator=None)", doc: "Fills with U(a, b).",
                 example: "nn.init.uniform_(layer.weight, -0.1, 0.1)") { shape, a, interpreter in
                try Tensor.uniform(shape, low: try a.double("a"), high: try a.double("b"), generator: try generator(a, interpreter))
            },
            fill("normal_(tensor, mean=0.0, std=1.0, generator=None)", doc: "Fills with N(mean, std²).",
                 example: "nn.init.normal_(layer.weight, std=0.01)") { shape, a, interpreter in
                try Tensor.normal(shape, mean: try a.double("mean"), std: try a.double("std"), generator: try generator(a, interpreter))
            },
            fill("constant_(tensor, val)", doc: "Fills with one value.", example: "nn.init.constant_(layer.bias, 0.1)") { shape, a, _ in
                try Tensor.full(shape, try a.double("val"))
            },
            fill("zeros_(tensor)", doc: "Fills with zeros.", example: "nn.init.zeros_(layer.bias)") { shape, _, _ in try Tensor.zeros(shape) },
            fill("ones_(tensor)", doc: "Fills with ones.", example: "nn.init.ones_(bn.weight)") { shape, _, _ in try Tensor.ones(shape) },
            fill("eye_(tensor)", doc: "Fills a matrix with the identity.", example: "nn.init.eye_(layer.weight)") { shape, _, _ in
                guard shape.count == 2 else { throw PythonError(.valueError, "Only tensors with 2 dimensions are supported") }
                return try Tensor.eye(shape[0], shape[1])
            },
            fill("xavier_uniform_(tensor, gain=1.0, generator=None)",
                 doc: "Glorot's uniform initialisation: U(-a, a) with a = gain * sqrt(6 / (fan_in + fan_out)).",
                 example: "nn.init.xavier_uniform_(layer.weight)") { shape, a, interpreter in
                try Initialization.xavierUniform(shape, gain: try a.double("gain"), generator: try generator(a, interpreter))
            },
            fill("xavier_normal_(tensor, gain=1.0, generator=None)",
                 doc: "Glorot's normal initialisation: N(0, std²) with std = gain * sqrt(2 / (fan_in + fan_out)).",
                 example: "nn.init.xavier_normal_(layer.weight)") { shape, a, interpreter in
                try Initialization.xavierNormal(shape, gain: try a.double("gain"), generator: try generator(a, interpreter))
            },
            fill("kaiming_uniform_(tensor, a=0, mode='fan_in', nonlinearity='leaky_relu', generator=None)",
                 doc: "He's uniform initialisation: U(-b, b) with b = gain * sqrt(3 / fan), gain from the nonlinearity (sqrt(2) for 'relu').",
                 example: "nn.init.kaiming_uniform_(layer.weight, nonlinearity='relu')") { shape, a, interpreter in
                try Initialization.kaimingUniform(shape, a: try a.double("a"), mode: try a.string("mode"), nonlinearity: try a.string("nonlinearity"),
                                                  generator: try generator(a, interpreter))
            },
            fill("kaiming_normal_(tensor, a=0, mode='fan_in', nonlinearity='leaky_relu', generator=None)",
                 doc: "He's normal initialisation: N(0, std²) with std = gain / sqrt(fan).",
                 example: "nn.init.kaiming_normal_(layer.weight, mode='fan_out', nonlinearity='relu')") { shape, a, interpreter in
                try Initialization.kaimingNormal(shape, a: try a.double("a"), mode: try a.string("mode"), nonlinearity: try a.string("nonlinearity"),
                                                 generator: try generator(a, interpreter))
            },
            Builtin("nn.init", "calculate_gain(nonlinearity, param=None)", doc: "The recommended gain for a nonlinearity: 1 for linear and sigmoid, 5/3 for tanh, sqrt(2) for relu, sqrt(2 / (1 + slope²)) for leaky_relu.",
                    example: "nn.init.calculate_gain('relu')") { a, _ in
                .float(try Initialization.gain(try a.string("nonlinearity"), try a.optionalDouble("param")))
            },
        ]
    }
}
