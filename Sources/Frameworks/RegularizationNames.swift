import NeuralNet
import Python
import Regularization
import TensorEngine

/// The regularization layers and functions under PyTorch's names (`nn.Dropout`, `nn.BatchNorm1d`,
/// `F.dropout`, `nn.utils.clip_grad_norm_`, `torch.renorm`), and regtutor's own helpers:
/// `trace`, `fit`, `count_zeros`, `sparsity`, `prox_l1_`.
extension Bindings {
    /// Keras's layer options on `nn.Linear`: penalties and constraints on its weight and bias.
    static func attachKerasOptions(to linear: Linear, _ a: BoundArguments) throws {
        for (name, variable) in [("kernel", linear.weight), ("bias", linear.bias)] {
            guard let variable else { continue }
            if !a.isNone("\(name)_regularizer") {
                guard case .object(let object) = a["\(name)_regularizer"], let regularizer = object as? RegularizerObject else {
                    throw a.mistake("\(name)_regularizer", "a regularizer such as regularizers.l2(0.01)", a["\(name)_regularizer"])
                }
                variable.penalty = { try regularizer.evaluate($0, trace: nil) }
            }
            if !a.isNone("\(name)_constraint") {
                guard case .object(let object) = a["\(name)_constraint"], let constraint = object as? ConstraintObject else {
                    throw a.mistake("\(name)_constraint", "a constraint such as constraints.MaxNorm(2)", a["\(name)_constraint"])
                }
                let rule = constraint.constraint
                variable.constraint = name == "kernel" ? { try rule.applyToLinearWeight($0) } : { try rule($0) }
            }
        }
    }

    /// The tensors of `parameters=`: one tensor, or any iterable of them (`model.parameters()`).
    static func parameterPlaces(_ value: Value, _ interpreter: Interpreter, _ what: String) throws -> [Variable] {
        if let t = value.tensorObject { return [t.variable] }
        return try interpreter.iterate(value).map { item in
            guard let t = item.tensorObject else {
                throw PythonError(.typeError, "\(what) expects tensors (such as model.parameters()), got \(item.typeName)")
            }
            return t.variable
        }
    }

    static func regularizationLayers() -> [ClassObject] {
        func layer(_ signature: String, doc: String, example: String, _ make: @escaping (BoundArguments, Interpreter) throws -> Module) -> ClassObject {
            NNModule.layer("nn", signature, doc: doc, example: example, make)
        }
        func momentum(_ a: BoundArguments) throws -> Double? { try a.optionalDouble("momentum") }
        return [
            layer("Dropout(p=0.5, inplace=False)",
                  doc: "Dropout: in training mode each element is zeroed with probability p and the rest are scaled by 1/(1 - p), so the expected value is unchanged; in eval mode it does nothing. The mask is drawn exactly as PyTorch draws it. regtutor keeps the last mask in `.last_mask`.",
                  example: "drop = nn.Dropout(p=0.5)\ny = drop(torch.ones(2, 4))\ndrop.last_mask") { a, interpreter in
                try Dropout(p: try a.double("p"), generator: interpreter.generator)
            },
            layer("Dropout2d(p=0.5, inplace=False)",
                  doc: "Channel dropout for feature maps (N, C, H, W): whole channels are zeroed with probability p, the others scaled by 1/(1 - p).",
                  example: "nn.Dropout2d(0.2)(torch.ones(1, 4, 2, 2))") { a, interpreter in
                try Dropout(p: try a.double("p"), channelwise: true, generator: interpreter.generator)
            },
            layer("AlphaDropout(p=0.5, inplace=False)",
                  doc: "Dropout for SELU networks: dropped elements take SELU's negative saturation value and an affine correction keeps the mean and variance.",
                  example: "nn.AlphaDropout(0.2)(torch.randn(5))") { a, interpreter in
                try AlphaDropout(p: try a.double("p"), generator: interpreter.generator)
            },
            layer("BatchNorm1d(num_features, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True, bias=True)",
                  doc: "Batch normalization over (N, C) or (N, C, L): per feature, x_hat = (x - batch mean) / sqrt(biased batch variance + eps), y = weight * x_hat + bias. Training updates running_mean and running_var (unbiased) with `momentum` (None: a cumulative average); eval mode normalises with them. trace(bn, x) shows every step.",
                  example: "bn = nn.BatchNorm1d(2)\nx = torch.tensor([[1., 2.], [3., 4.], [5., 8.], [7., 6.]])\ntrace(bn, x)") { a, _ in
                try BatchNorm(features: try a.int("num_features"), spatialRank: 0, eps: try a.double("eps"), momentum: try momentum(a),
                              affine: try a.bool("affine"), bias: try a.bool("bias"), trackRunningStats: try a.bool("track_running_stats"))
            },
            layer("BatchNorm2d(num_features, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True, bias=True)",
                  doc: "Batch normalization for images (N, C, H, W): statistics per channel over the batch and every pixel. Otherwise as BatchNorm1d.",
                  example: "bn = nn.BatchNorm2d(3)\nbn(torch.randn(4, 3, 2, 2)).shape") { a, _ in
                try BatchNorm(features: try a.int("num_features"), spatialRank: 2, eps: try a.double("eps"), momentum: try momentum(a),
                              affine: try a.bool("affine"), bias: try a.bool("bias"), trackRunningStats: try a.bool("track_running_stats"))
            },
            layer("LayerNorm(normalized_shape, eps=1e-05, elementwise_affine=True, bias=True)",
                  doc: "Layer normalization: each sample is normalised over its last dimensions (its own mean and biased variance), so the batch plays no part and train and eval mode agree. Contrast with BatchNorm1d.",
                  example: "ln = nn.LayerNorm(3)\nln(torch.tensor([[1., 2., 4.]]))") { a, _ in
                let shape: [Int] = if case .int(let n) = a["normalized_shape"] { [n] } else { try a.size("normalized_shape") }
                return try LayerNorm(shape: shape, eps: try a.double("eps"), elementwiseAffine: try a.bool("elementwise_affine"), bias: try a.bool("bias"))
            },
            layer("GaussianNoise(std=0.1)",
                  doc: "regtutor's PyTorch-style twin of Keras's GaussianNoise (PyTorch has no such layer): adds N(0, std²) noise in training mode, nothing in eval mode. Before the first layer it is input noise, between layers activation noise.",
                  example: "model = nn.Sequential(nn.GaussianNoise(0.1), nn.Linear(1, 16), nn.ReLU(), nn.GaussianNoise(0.1), nn.Linear(16, 1))") { a, interpreter in
                try GaussianNoise(stddev: try a.double("std"), generator: interpreter.generator)
            },
            layer("NoisyLinear(in_features, out_features, sigma_init=None, factorised=False)",
                  doc: "A NoisyNet linear layer (regtutor's, after Fortunato et al. 2017): y = (weight_mu + weight_sigma * eps_w) x + (bias_mu + bias_sigma * eps_b) with fresh Gaussian noise eps on every training-mode call, learned mu and sigma, and no noise in eval mode. Independent noise (sigma_init 0.017) or factorised noise (factorised=True, sigma_init 0.5).",
                  example: "layer = nn.NoisyLinear(4, 2)\nlayer(torch.ones(1, 4))\nlayer.weight_epsilon") { a, interpreter in
                try NoisyLinear(try a.int("in_features"), try a.int("out_features"), sigmaInit: try a.optionalDouble("sigma_init"),
                                factorised: try a.bool("factorised"), generator: interpreter.generator)
            },
        ]
    }

    /// `NoisyLinear.reset_noise()`.
    static let resetNoise = Builtin("NoisyLinear", "reset_noise(self)", kind: .method,
                                    doc: "Draws new noise for a NoisyLinear layer (done on every training-mode call anyway).",
                                    example: "layer.reset_noise()") { a, _ in
        guard let noisy = try ModuleInstance.receiver(a).native as? NoisyLinear else {
            throw PythonError(.attributeError, "'\(a["self"].typeName)' object has no attribute 'reset_noise'")
        }
        try noisy.resetNoise()
        return .none
    }

    static func regularizationFunctions() -> [Builtin] {
        [
            Builtin("F", "dropout(input, p=0.5, training=True, inplace=False)",
                    doc: "Dropout as a function: with training=True each element is zeroed with probability p and the rest scaled by 1/(1 - p). Note that training defaults to True here, unlike a module in eval mode.",
                    example: "torch.manual_seed(5)\nF.dropout(torch.ones(4, 8), p=0.25)") { a, interpreter in
                .tensor(try Dropout.apply(try a.tensor("input"), p: try a.double("p"), training: try a.bool("training"),
                                          generator: interpreter.generator, trace: interpreter.activeTrace).output)
            },
            Builtin("F", "dropout2d(input, p=0.5, training=True, inplace=False)", doc: "Channel dropout as a function (see nn.Dropout2d).",
                    example: "F.dropout2d(torch.ones(1, 4, 2, 2), 0.5)") { a, interpreter in
                .tensor(try Dropout.apply(try a.tensor("input"), p: try a.double("p"), training: try a.bool("training"), channelwise: true,
                                          generator: interpreter.generator, trace: interpreter.activeTrace).output)
            },
            Builtin("F", "alpha_dropout(input, p=0.5, training=False, inplace=False)", doc: "Alpha dropout as a function (see nn.AlphaDropout); training defaults to False.",
                    example: "F.alpha_dropout(torch.randn(5), 0.2, training=True)") { a, interpreter in
                let layer = try AlphaDropout(p: try a.double("p"), generator: interpreter.generator)
                layer.training = try a.bool("training")
                return .tensor(try layer(try a.tensor("input")))
            },
            Builtin("nn.utils", "clip_grad_norm_(parameters, max_norm, norm_type=2.0, error_if_nonfinite=False, foreach=None)",
                    doc: "Gradient clipping by the total norm: the norm of all gradients together; if it exceeds max_norm, every gradient is multiplied by max_norm / (total + 1e-6). Returns the total norm before clipping. Call it between loss.backward() and optimizer.step(). It bounds the update, not the weights (that is a max-norm constraint).",
                    example: "loss.backward()\ntotal = nn.utils.clip_grad_norm_(model.parameters(), max_norm=1.0)\noptimizer.step()") { a, interpreter in
                .tensor(try GradientClipping.clipNorm(try parameterPlaces(a["parameters"], interpreter, "clip_grad_norm_"), maxNorm: try a.double("max_norm"),
                                                      normType: try a.double("norm_type"), errorIfNonfinite: try a.bool("error_if_nonfinite"),
                                                      trace: interpreter.activeTrace))
            },
            Builtin("nn.utils", "clip_grad_value_(parameters, clip_value, foreach=None)",
                    doc: "Clamps every gradient element to [-clip_value, clip_value].",
                    example: "nn.utils.clip_grad_value_(model.parameters(), 0.5)") { a, interpreter in
                try GradientClipping.clipValue(try parameterPlaces(a["parameters"], interpreter, "clip_grad_value_"), value: try a.double("clip_value"),
                                               trace: interpreter.activeTrace)
                return .none
            },
        ] + both("renorm(input, p, dim, maxnorm)",
                 doc: "Each slice along `dim` whose p-norm exceeds maxnorm is scaled down to norm maxnorm (factor maxnorm / (norm + 1e-7)); the others are unchanged. On a weight (out, in) with dim=0 it is a max-norm constraint per unit.",
                 example: "torch.renorm(w, p=2, dim=0, maxnorm=1.0)") { input, a, interpreter in
            .tensor(try GradientClipping.renorm(input, p: try a.double("p"), dim: try a.int("dim"), maxNorm: try a.double("maxnorm"),
                                                trace: interpreter.activeTrace))
        }
    }
}
