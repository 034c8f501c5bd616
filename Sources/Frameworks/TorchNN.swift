import Foundation
import NeuralNet
import Python
import TensorEngine

/// `torch.nn`: layers and losses (each a class under `nn.Module`), `nn.Parameter`, and `F`.
extension Bindings {
    private static func layer(_ signature: String, doc: String, example: String,
                              _ make: @escaping (BoundArguments, Interpreter) throws -> Module) -> ClassObject {
        NNModule.layer("nn", signature, doc: doc, example: example, make)
    }

    private static func loss(_ signature: String, doc: String, example: String,
                             _ make: @escaping (BoundArguments) throws -> Loss) -> ClassObject {
        NNModule.layer("nn", signature, reprModule: "torch.nn.modules.loss", doc: doc, example: example) { a, _ in LossLayer(try make(a)) }
    }

    static func reduction(_ a: BoundArguments) throws -> LossReduction {
        try LossReduction(name: try a.string("reduction"))
    }

    static func nnClasses() -> [ClassObject] {
        [
            layer("Linear(in_features, out_features, bias=True, *, kernel_regularizer=None, bias_regularizer=None, kernel_constraint=None, bias_constraint=None)",
                  doc: "A fully connected layer: y = x @ weight.T + bias. Weights start uniform in ±1/sqrt(in_features), drawn exactly as PyTorch draws them. regtutor adds Keras's layer options: kernel_regularizer= / bias_regularizer= attach a penalty (regularizers.l2(0.01)...) that model.losses reports and fit() adds to the loss; kernel_constraint= / bias_constraint= (constraints.MaxNorm(2)...) are applied after every optimizer step, to the weight as Keras sees it (the kernel is weight.T).",
                  example: "layer = nn.Linear(2, 3, kernel_regularizer=regularizers.l2(0.01), kernel_constraint=constraints.MaxNorm(2))\nlayer.weight.shape   # torch.Size([3, 2])") { a, interpreter in
                let linear = try Linear(try a.int("in_features"), try a.int("out_features"), bias: try a.bool("bias"), generator: interpreter.generator)
                try attachKerasOptions(to: linear, a)
                return linear
            },
            layer("ReLU(inplace=False)", doc: "max(x, 0), element by element.", example: "nn.ReLU()") { _, _ in ReLU() },
            layer("LeakyReLU(negative_slope=0.01, inplace=False)", doc: "x for x >= 0, negative_slope * x below.", example: "nn.LeakyReLU(0.1)") { a, _ in
                LeakyReLU(negativeSlope: try a.double("negative_slope"))
            },
            layer("Sigmoid()", doc: "1 / (1 + exp(-x)), element by element.", example: "nn.Sigmoid()") { _, _ in Sigmoid() },
            layer("Tanh()", doc: "tanh(x), element by element.", example: "nn.Tanh()") { _, _ in Tanh() },
            layer("Softmax(dim=None)", doc: "Probabilities along `dim`.", example: "nn.Softmax(dim=1)") { a, _ in Softmax(dim: try a.optionalInt("dim")) },
            layer("LogSoftmax(dim=None)", doc: "Log-probabilities along `dim`.", example: "nn.LogSoftmax(dim=1)") { a, _ in
                LogSoftmax(dim: try a.optionalInt("dim"))
            },
            layer("Flatten(start_dim=1, end_dim=-1)", doc: "Flattens each sample: (N, 8, 8) becomes (N, 64).", example: "nn.Flatten()") { a, _ in
                Flatten(startDim: try a.int("start_dim"), endDim: try a.int("end_dim"))
            },
            layer("Identity(*args, **kwargs)", doc: "Returns its input unchanged (a placeholder layer).", example: "nn.Identity()") { _, _ in Identity() },
            loss("MSELoss(reduction='mean')", doc: "Mean squared error: mean((input - target)²).",
                 example: "loss_fn = nn.MSELoss()\nloss = loss_fn(model(x), y)") { a in MSELoss(reduction: try reduction(a)) },
            loss("L1Loss(reduction='mean')", doc: "Mean absolute error: mean(|input - target|).", example: "nn.L1Loss()") { a in
                L1Loss(reduction: try reduction(a))
            },
            loss("BCELoss(weight=None, reduction='mean')", doc: "Binary cross-entropy on probabilities (after a sigmoid).", example: "nn.BCELoss()") { a in
                BCELoss(weight: try a.optionalTensor("weight"), reduction: try reduction(a))
            },
            loss("BCEWithLogitsLoss(weight=None, reduction='mean', pos_weight=None)",
                 doc: "Binary cross-entropy on raw scores (logits), computed stably.", example: "nn.BCEWithLogitsLoss()") { a in
                BCEWithLogitsLoss(weight: try a.optionalTensor("weight"), posWeight: try a.optionalTensor("pos_weight"), reduction: try reduction(a))
            },
            loss("CrossEntropyLoss(weight=None, ignore_index=-100, reduction='mean', label_smoothing=0.0)",
                 doc: "Cross-entropy on raw class scores (logits) and int64 class labels (or class probabilities). label_smoothing moves that share of the target's probability evenly over all classes.",
                 example: "loss_fn = nn.CrossEntropyLoss(label_smoothing=0.1)\nloss_fn(logits, labels)") { a in
                CrossEntropyLoss(weight: try a.optionalTensor("weight"), ignoreIndex: try a.int("ignore_index"), reduction: try reduction(a),
                                 labelSmoothing: try a.double("label_smoothing"))
            },
            loss("NLLLoss(weight=None, ignore_index=-100, reduction='mean')", doc: "Negative log-likelihood on log-probabilities.",
                 example: "nn.NLLLoss()") { a in
                NLLLoss(weight: try a.optionalTensor("weight"), ignoreIndex: try a.int("ignore_index"), reduction: try reduction(a))
            },
        ]
    }

    /// `nn.Parameter`: a tensor marked as learnable.
    static func parameterClass() -> [Builtin] {
        [
            Builtin("nn", "Parameter(data, requires_grad=True)", kind: .type,
                    doc: "A tensor marked as a learnable parameter (prints as 'Parameter containing:').",
                    example: "w = nn.Parameter(torch.zeros(3))") { a, _ in
                let data = try a.tensor("data").detached()
                let tensor = try a.bool("requires_grad") ? try data.requiringGrad() : data
                return .tensor(TensorObject(Variable(tensor, isParameter: true)))
            },
        ]
    }

    static func functionalFunctions() -> [Builtin] {
        func function(_ signature: String, doc: String, example: String = "",
                      _ body: @escaping (BoundArguments, Interpreter) throws -> Value) -> Builtin {
            Builtin("F", signature, doc: doc, example: example, body)
        }
        return [
            function("relu(input, inplace=False)", doc: "max(x, 0).", example: "F.relu(x)") { a, _ in .tensor(try a.tensor("input").relu()) },
            function("leaky_relu(input, negative_slope=0.01, inplace=False)", doc: "x, or negative_slope * x below 0.", example: "F.leaky_relu(x, 0.1)") { a, _ in
                .tensor(try a.tensor("input").leakyRelu(try a.double("negative_slope")))
            },
            function("sigmoid(input)", doc: "1 / (1 + exp(-x)).", example: "F.sigmoid(x)") { a, _ in .tensor(try a.tensor("input").sigmoid()) },
            function("tanh(input)", doc: "tanh(x).", example: "F.tanh(x)") { a, _ in .tensor(try a.tensor("input").tanh()) },
            function("softmax(input, dim=None)", doc: "Probabilities along `dim`.", example: "F.softmax(logits, dim=1)") { a, _ in
                .tensor(try a.tensor("input").softmax(dim: try a.optionalInt("dim") ?? -1))
            },
            function("log_softmax(input, dim=None)", doc: "Log-probabilities along `dim`.", example: "F.log_softmax(logits, dim=1)") { a, _ in
                .tensor(try a.tensor("input").logSoftmax(dim: try a.optionalInt("dim") ?? -1))
            },
            function("linear(input, weight, bias=None)", doc: "x @ weight.T + bias.", example: "F.linear(x, w, b)") { a, _ in
                .tensor(try Tensor.linear(try a.tensor("input"), weight: try a.tensor("weight"), bias: try a.optionalTensor("bias")))
            },
            function("mse_loss(input, target, reduction='mean')", doc: "Mean squared error.", example: "F.mse_loss(pred, y)") { a, _ in
                .tensor(try Losses.mse(try a.tensor("input"), try a.tensor("target"), reduction: try reduction(a)))
            },
            function("l1_loss(input, target, reduction='mean')", doc: "Mean absolute error.", example: "F.l1_loss(pred, y)") { a, _ in
                .tensor(try Losses.l1(try a.tensor("input"), try a.tensor("target"), reduction: try reduction(a)))
            },
            function("binary_cross_entropy(input, target, weight=None, reduction='mean')", doc: "Binary cross-entropy on probabilities.",
                     example: "F.binary_cross_entropy(torch.sigmoid(z), y)") { a, _ in
                .tensor(try Losses.binaryCrossEntropy(try a.tensor("input"), try a.tensor("target"), weight: try a.optionalTensor("weight"),
                                                      reduction: try reduction(a)))
            },
            function("binary_cross_entropy_with_logits(input, target, weight=None, reduction='mean', pos_weight=None)",
                     doc: "Binary cross-entropy on logits, computed stably.", example: "F.binary_cross_entropy_with_logits(z, y)") { a, _ in
                .tensor(try Losses.binaryCrossEntropyWithLogits(try a.tensor("input"), try a.tensor("target"), weight: try a.optionalTensor("weight"),
                                                                posWeight: try a.optionalTensor("pos_weight"), reduction: try reduction(a)))
            },
            function("cross_entropy(input, target, weight=None, ignore_index=-100, reduction='mean', label_smoothing=0.0)",
                     doc: "Cross-entropy on logits and class labels (or class probabilities), with optional label smoothing.",
                     example: "F.cross_entropy(logits, labels, label_smoothing=0.1)") { a, _ in
                .tensor(try Losses.crossEntropy(try a.tensor("input"), try a.tensor("target"), weight: try a.optionalTensor("weight"),
                                                ignoreIndex: try a.int("ignore_index"), reduction: try reduction(a),
                                                labelSmoothing: try a.double("label_smoothing")))
            },
            function("nll_loss(input, target, weight=None, ignore_index=-100, reduction='mean')", doc: "Negative log-likelihood on log-probabilities.",
                     example: "F.nll_loss(F.log_softmax(z, dim=1), labels)") { a, _ in
                .tensor(try Losses.nll(try a.tensor("input"), try a.tensor("target"), weight: try a.optionalTensor("weight"),
                                       ignoreIndex: try a.int("ignore_index"), reduction: try reduction(a)))
            },
            function("one_hot(tensor, num_classes=-1)", doc: "Class labels as rows of 0s with a 1 at the label (int64).",
                     example: "F.one_hot(torch.tensor([0, 2]), num_classes=3)") { a, _ in
                let labels = try a.tensor("tensor")
                guard labels.dtype == .int64 else {
                    throw PythonError(.runtimeError, "one_hot is only applicable to index tensor of type LongTensor.")
                }
                let largest = Int(truncatingIfNeeded: labels.int64s.max() ?? -1)
                var classes = try a.int("num_classes")
                if classes < 0 { classes = largest + 1 }
                guard labels.int64s.allSatisfy({ $0 >= 0 && $0 < Int64(classes) }) else {
                    throw PythonError(.runtimeError, "Class values must be smaller than num_classes.")
                }
                // The size is checked (and the memory budget asked) before anything is allocated.
                let count = try Shape.count(labels.shape + [classes])
                var elements = [Int64](repeating: 0, count: count)
                for (i, label) in labels.int64s.enumerated() { elements[i * classes + Int(label)] = 1 }
                return .tensor(try Tensor(elements, shape: labels.shape + [classes], dtype: .int64))
            },
        ]
    }
}
