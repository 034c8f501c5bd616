import Foundation
import NeuralNet
import TensorEngine

/// `torch.nn`: layers, containers and losses, and the methods every module has.
extension Builtins {
    private static func layer(_ signature: String, doc: String, example: String,
                              _ make: @escaping (BoundArguments, Interpreter) throws -> Module) -> Builtin {
        Builtin("nn", signature, kind: .type, doc: doc, example: example) { a, interpreter in
            .object(ModelObject(try make(a, interpreter)))
        }
    }

    private static func loss(_ signature: String, doc: String, example: String,
                             _ make: @escaping (BoundArguments) throws -> Loss) -> Builtin {
        Builtin("nn", signature, kind: .type, doc: doc, example: example) { a, _ in .object(LossObject(try make(a))) }
    }

    static func reduction(_ a: BoundArguments) throws -> LossReduction {
        try LossReduction(name: try a.string("reduction"))
    }

    static func nnClasses() -> [Builtin] {
        [
            layer("Linear(in_features, out_features, bias=True, *, kernel_regularizer=None, bias_regularizer=None, kernel_constraint=None, bias_constraint=None)",
                  doc: "A fully connected layer: y = x @ weight.T + bias. Weights start uniform in ±1/sqrt(in_features), drawn exactly as PyTorch draws them. regtutor adds Keras's layer options: kernel_regularizer= / bias_regularizer= attach a penalty (regularizers.l2(0.01)...) that model.losses reports and fit() adds to the loss; kernel_constraint= / bias_constraint= (constraints.MaxNorm(2)...) are applied after every optimizer step, to the weight as Keras sees it (the kernel is weight.T).",
                  example: "layer = nn.Linear(2, 3, kernel_regularizer=regularizers.l2(0.01), kernel_constraint=constraints.MaxNorm(2))\nlayer.weight.shape   # torch.Size([3, 2])") { a, interpreter in
                let linear = try Linear(try a.int("in_features"), try a.int("out_features"), bias: try a.bool("bias"), generator: interpreter.generator)
                try attachKerasOptions(to: linear, a)
                return linear
            },
            layer("Sequential(*args)", doc: "Runs its layers one after another; index it like a list.",
                  example: "model = nn.Sequential(nn.Linear(1, 16), nn.ReLU(), nn.Linear(16, 1))\nmodel[0]") { a, _ in
                Sequential(try a.rest.map { value in
                    guard case .object(let object) = value, let model = object as? ModelObject else {
                        throw PythonError(.typeError, "\(value.typeName) is not a Module subclass")
                    }
                    return model.module
                })
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
            Builtin("nn", "Module(*args, **kwargs)", kind: .type,
                    doc: "The base type of every layer and model, for isinstance(m, nn.Module). regtutor has no classes: build models with nn.Sequential.",
                    example: "isinstance(model, nn.Module)") { _, _ in
                throw PythonError(.typeError, "regtutor has no classes, so nn.Module cannot be subclassed: build models with nn.Sequential(...)")
            },
            Builtin("nn", "Parameter(data, requires_grad=True)", kind: .type,
                    doc: "A tensor marked as a learnable parameter (prints as 'Parameter containing:').",
                    example: "w = nn.Parameter(torch.zeros(3))") { a, _ in
                let data = try a.tensor("data").detached()
                let tensor = try a.bool("requires_grad") ? try data.requiringGrad() : data
                return .tensor(TensorObject(Variable(tensor, isParameter: true)))
            },
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

    private static func moduleMethod(_ signature: String, doc: String, example: String = "",
                                     _ body: @escaping (ModelObject, BoundArguments, Interpreter) throws -> Value) -> Builtin {
        Builtin("Module", signature, kind: .method, doc: doc, example: example) { a, interpreter in
            guard case .object(let object) = a["self"], let model = object as? ModelObject else {
                throw a.mistake("self", "Module", a["self"])
            }
            return try body(model, a, interpreter)
        }
    }

    static func moduleMethods() -> [Builtin] {
        [
            moduleMethod("parameters(self, recurse=True)", doc: "The learnable tensors of the model and its layers, one at a time (a generator: wrap it in list() to keep it).",
                         example: "optimizer = optim.SGD(model.parameters(), lr=0.1)\nsum(p.numel() for p in model.parameters())") { m, _, _ in
                .object(ValueIterator(typeName: "generator", items: m.module.parameters().map { .tensor(TensorObject($0)) }))
            },
            moduleMethod("named_parameters(self)", doc: "Pairs (name, parameter), such as ('0.weight', ...).",
                         example: "for name, p in model.named_parameters():\n    print(name, p.shape)") { m, _, _ in
                .object(ValueIterator(typeName: "generator", items: m.module.namedParameters().map {
                    .tuple([.string($0.name), .tensor(TensorObject($0.variable))])
                }))
            },
            moduleMethod("buffers(self)", doc: "The non-learnable state tensors (batch norm's running statistics).") { m, _, _ in
                .object(ValueIterator(typeName: "generator", items: m.module.namedBuffers().map { .tensor(TensorObject($0.variable)) }))
            },
            moduleMethod("named_buffers(self)", doc: "Pairs (name, buffer).") { m, _, _ in
                .object(ValueIterator(typeName: "generator", items: m.module.namedBuffers().map {
                    .tuple([.string($0.name), .tensor(TensorObject($0.variable))])
                }))
            },
            moduleMethod("children(self)", doc: "The layers directly inside this module.") { m, _, _ in
                .object(ValueIterator(typeName: "generator", items: m.module.children.map { .object(ModelObject($0.module)) }))
            },
            moduleMethod("modules(self)", doc: "This module and every module inside it, depth first.",
                         example: "[type(m).__name__ for m in model.modules()]") { m, _, _ in
                .object(ValueIterator(typeName: "generator", items: m.module.modules().map { .object(ModelObject($0)) }))
            },
            moduleMethod("train(self, mode=True)", doc: "Training mode (dropout drops, batch norm uses batch statistics); returns the model.",
                         example: "model.train()") { m, a, _ in
                m.module.train(try a.bool("mode"))
                return .object(m)
            },
            moduleMethod("eval(self)", doc: "Evaluation mode (dropout off, batch norm uses running statistics); returns the model.",
                         example: "model.eval()") { m, _, _ in
                m.module.eval()
                return .object(m)
            },
            moduleMethod("zero_grad(self, set_to_none=True)", doc: "Forgets the gradients of every parameter.", example: "model.zero_grad()") { m, a, _ in
                for parameter in m.module.parameters() {
                    if try a.bool("set_to_none") { parameter.grad = nil } else if let g = parameter.grad { parameter.grad = g.zerosLike() }
                }
                return .none
            },
            moduleMethod("state_dict(self)",
                         doc: "The parameters and buffers by name. As in PyTorch, the tensors share their values with the model: training changes them too, so keep a snapshot with copy.deepcopy(model.state_dict()).",
                         example: "best = copy.deepcopy(model.state_dict())\nmodel.load_state_dict(best)") { m, _, _ in
                let dict = DictObject()
                for (name, variable) in m.module.namedParameters() + m.module.namedBuffers() {
                    try dict.set(.string(name), .tensor(TensorObject(variable, place: .data)))
                }
                return .dict(try orderedStateDict(m.module, dict))
            },
            moduleMethod("load_state_dict(self, state_dict, strict=True)", doc: "Copies the values of a state dict into the model's parameters and buffers.",
                         example: "model.load_state_dict(best)") { m, a, _ in
                guard case .dict(let dict) = a["state_dict"] else { throw a.mistake("state_dict", "dict", a["state_dict"]) }
                let entries = try dict.pairs.map { pair -> (name: String, tensor: Tensor) in
                    guard case .string(let name) = pair.key, case .tensor(let t) = pair.value else {
                        throw PythonError(.typeError, "a state dict maps names (str) to tensors")
                    }
                    return (name, t.tensor)
                }
                try GradMode.withDisabled { try m.module.loadStateDict(entries, strict: try a.bool("strict")) }
                return .object(TextObject(typeName: "_IncompatibleKeys", text: "<All keys matched successfully>"))
            },
            moduleMethod("forward(self, input)", doc: "Computes the output; calling the model does the same.", example: "model.forward(x)") { m, a, _ in
                .tensor(try m.module.forward(try a.tensor("input")))
            },
            moduleMethod("requires_grad_(self, requires_grad=True)", doc: "Freezes (False) or unfreezes the parameters; returns the model.",
                         example: "model[0].requires_grad_(False)") { m, a, _ in
                let flag = try a.bool("requires_grad")
                for parameter in m.module.parameters() { parameter.tensor = try parameter.tensor.requiringGrad(flag) }
                return .object(m)
            },
            moduleMethod("to(self, *args)", doc: "The model itself (regtutor runs on the CPU in float32).", example: "model.to('cpu')") { m, _, _ in .object(m) },
            moduleMethod("append(self, module)", doc: "Adds a layer at the end of a Sequential.", example: "model.append(nn.ReLU())") { m, a, _ in
                guard let sequential = m.module as? Sequential else {
                    throw PythonError(.attributeError, "'\(m.typeName)' object has no attribute 'append'")
                }
                guard case .object(let object) = a["module"], let layer = object as? ModelObject else {
                    throw a.mistake("module", "Module", a["module"])
                }
                sequential.append(layer.module)
                return .object(m)
            },
        ]
    }

    /// PyTorch orders a state dict module by module: each module's parameters, then its buffers.
    private static func orderedStateDict(_ module: Module, _ unordered: DictObject) throws -> DictObject {
        let ordered = DictObject()
        for (name, _) in module.stateDict() {
            if let value = try unordered.get(.string(name)) { try ordered.set(.string(name), value) }
        }
        return ordered
    }

    static func functionalFunctions() -> [Builtin] {
        func function(_ signature: String, doc: String, example: String = "",
                      _ body: @escaping (BoundArguments, Interpreter) throws -> Value) -> Builtin {
            Builtin("F", signature, doc: doc, example: example, body)
        }
        return [
            function("relu(input, inplace=False)", doc: "max(x, 0).", example: "F.relu(x)") { a, _ in .tensor(try a.tensor("input").relu()) },
            function("leaky_relu(input, negative_slope=0.01, inplace=False)", doc: "x, or negative_slope * x below 0.", example: "F.leaky_relu(x, 0.1)") { a, _ in
                .tensor(try a.tensor("input").leakyRelu(Float(try a.double("negative_slope"))))
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
                let largest = Int(labels.elements.max() ?? -1)
                var classes = try a.int("num_classes")
                if classes < 0 { classes = largest + 1 }
                guard labels.elements.allSatisfy({ $0 >= 0 && Int($0) < classes }) else {
                    throw PythonError(.runtimeError, "Class values must be smaller than num_classes.")
                }
                var elements = [Float](repeating: 0, count: labels.count * classes)
                for (i, label) in labels.elements.enumerated() { elements[i * classes + Int(label)] = 1 }
                return .tensor(try Tensor(elements, shape: labels.shape + [classes], dtype: .int64))
            },
        ]
    }
}
