import Common
import Python
import NeuralNet
import Regularization
import TensorEngine

/// regtutor's own helpers, beyond PyTorch and Keras: `trace` (a worked example of one call),
/// `fit` (a training loop with validation and early stopping), `count_zeros` and `sparsity`
/// (how sparse L1 made a model) and `prox_l1_` (the proximal L1 step that makes exact zeros).
extension Bindings {
    static func tutorFunctions() -> [Builtin] {
        [
            Builtin("", "trace(technique, *args, **kwargs)",
                    doc: "Calls technique(*args, **kwargs) and prints what happened inside, step by step, like a worked example: for batch norm the batch mean, the biased variance, x_hat, gamma * x_hat + beta and the running statistics before and after; for dropout the mask, the scale and the output; for a penalty its value and gradient; for a constraint the norms before and after; for a model every layer. trace(es) prints an EarlyStopping's table of epochs. Returns what the call returns.",
                    example: "bn = nn.BatchNorm1d(2)\ntrace(bn, torch.tensor([[1., 2.], [3., 4.], [5., 8.], [7., 6.]]))\ntrace(F.dropout, torch.ones(2, 4), 0.5)\ntrace(regularizers.l1(0.01), w)") { a, interpreter in
                try runTrace(a, interpreter)
            },
            Builtin("", "fit(model, loss_fn, optimizer, x, y, x_val, y_val, epochs=100, callbacks=None, batch_size=None, verbose=True, every=1)",
                    doc: "Trains like Keras's model.fit: every epoch runs the training data through (full batch, or mini-batches of batch_size in order), measures the loss on the validation set in eval mode, prints a row (train loss, val loss and, with an EarlyStopping in callbacks, the best value and the wait), and stops when early stopping says so, telling why and which weights the model keeps. Penalties from kernel_regularizer= are added to the training loss. Returns a History: history['loss'], history['val_loss'], history.best_epoch, history.stopped_epoch.",
                    example: "es = callbacks.EarlyStopping(patience=10, restore_best_weights=True)\nhistory = fit(model, nn.MSELoss(), optimizer, x, y, x_val, y_val, epochs=300, callbacks=[es], every=20)") { a, interpreter in
                try runFit(a, interpreter)
            },
            Builtin("", "count_zeros(x)",
                    doc: "How many values are exactly 0 in a tensor, a model's parameters or a list of tensors. L1 with the proximal step (prox_l1_) makes many; plain L1 or L2 training makes almost none.",
                    example: "count_zeros(model)\ncount_zeros(model[0].weight)") { a, interpreter in
                .int(ZeroCount(try tensors(in: a["x"], interpreter)).zeros)
            },
            Builtin("", "sparsity(model)",
                    doc: "Prints, for every parameter, how many of its values are exactly zero, and returns the share of zeros overall (0 to 1).",
                    example: "sparsity(model)") { a, interpreter in
                let named: [(String, Tensor)]
                if let model = ModuleInstance.module(from: a["model"]) {
                    named = model.namedParameters().map { ($0.name, $0.variable.tensor) }
                } else {
                    named = try tensors(in: a["model"], interpreter).enumerated().map { ("tensor \($0.offset)", $0.element) }
                }
                let width = named.map(\.0.count).max() ?? 0
                for (name, tensor) in named {
                    interpreter.output(name.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + ZeroCount(tensor).description + " exactly zero\n")
                }
                let total = ZeroCount(named.map(\.1))
                interpreter.output("total".padding(toLength: width, withPad: " ", startingAt: 0) + "  " + total.description + " exactly zero\n")
                return .float(total.fraction)
            },
            Builtin("", "prox_l1_(parameters, lr, lam)",
                    doc: "The proximal step of L1 regularization, done after optimizer.step(): every weight moves lr * lam towards zero and stops at zero, w = sign(w) * max(|w| - lr * lam, 0) (soft-thresholding). Unlike plain (sub)gradient L1, which only makes weights small, this makes them exactly zero. Returns how many weights are zero.",
                    example: "optimizer.step()\nprox_l1_(model.parameters(), lr=0.1, lam=0.01)") { a, interpreter in
                let places = try parameterPlaces(a["parameters"], interpreter, "prox_l1_")
                return .int(try GradMode.withDisabled {
                    try ProximalL1.step(places, learningRate: try a.double("lr"), lambda: try a.double("lam"), trace: interpreter.activeTrace)
                })
            },
        ]
    }

    /// Tensors inside a tensor, a model, or an iterable of tensors.
    private static func tensors(in value: Value, _ interpreter: Interpreter) throws -> [Tensor] {
        switch value {
        case .object(let t as TensorObject): return [t.tensor]
        case .object(let object as ModuleInstance): return object.parameters().map(\.tensor)
        default:
            return try interpreter.iterate(value).map { item in
                guard let t = item.tensorObject else { throw PythonError(.typeError, "expected tensors or a model, got \(item.typeName)") }
                return t.tensor
            }
        }
    }

    private static func runTrace(_ a: BoundArguments, _ interpreter: Interpreter) throws -> Value {
        let technique = a["technique"]
        if case .object(let object) = technique, let es = object as? EarlyStoppingObject {
            interpreter.output(TextFit.fit(es.earlyStopping.description, width: interpreter.terminalWidth) + "\n" + es.earlyStopping.table + "\n")
            return .none
        }
        guard case .object(let callee) = technique else {
            throw PythonError(.typeError, "trace() needs something to call, such as trace(bn, x) or trace(F.dropout, x, 0.5); got \(technique.typeName)")
        }
        if a.rest.isEmpty && a.extra.isEmpty {
            throw PythonError(.typeError, "trace() needs the arguments of the call too: trace(\(callee.typeName == "type" ? "f" : "layer"), x)")
        }
        let trace = Trace(title: try title(of: callee, interpreter))
        let previous = interpreter.activeTrace
        let state = interpreter.frameworkState
        let previousRoot = state.traceRoot
        interpreter.activeTrace = trace
        if previous == nil { state.traceRoot = callee as? ModuleInstance }
        defer {
            interpreter.activeTrace = previous
            state.traceRoot = previousRoot
        }
        let result = try callee.call(Arguments(a.rest, keywords: a.extra), in: interpreter)
        if trace.steps.isEmpty {
            for (i, argument) in a.rest.enumerated() {
                if let t = argument.tensorObject { trace.record("argument \(i + 1)", t.tensor) }
            }
            if let t = result.tensorObject { trace.record("result", t.tensor) } else { trace.note("result", try PythonFormat.repr(result, in: interpreter)) }
        }
        if let previous {
            previous.heading(trace.title)
            for step in trace.steps { previous.append(step) }
        } else {
            interpreter.output(trace.rendered(width: interpreter.terminalWidth) + "\n")
        }
        return result
    }

    private static func title(of callee: PythonObject, _ interpreter: Interpreter) throws -> String {
        if let model = callee as? ModuleInstance {
            if model.hasPythonForward { return model.typeName + (model.training ? " — training mode" : " — eval mode") }
            return model.description.replacingOccurrences(of: "\n", with: " ").replacingOccurrences(of: "  ", with: "")
                + (model.training ? " — training mode" : " — eval mode")
        }
        if let builtin = callee as? Builtin { return builtin.qualifiedName + "(...)" }
        return try callee.repr(in: interpreter)
    }

    private static func runFit(_ a: BoundArguments, _ interpreter: Interpreter) throws -> Value {
        guard let model = ModuleInstance.module(from: a["model"]) else { throw a.mistake("model", "a model", a["model"]) }
        guard case .object(let optimizerObject) = a["optimizer"], let optimizer = optimizerObject as? OptimizerObject else {
            throw a.mistake("optimizer", "an optimizer such as optim.SGD(model.parameters(), lr=0.1)", a["optimizer"])
        }
        let lossFunction = a["loss_fn"]
        let loss: (Tensor, Tensor) throws -> Tensor
        if case .object(let lossModule as ModuleInstance) = lossFunction, let lossLayer = lossModule.native as? LossLayer, !lossModule.hasPythonForward {
            loss = { try lossLayer.loss($0, $1) }
        } else {
            loss = { prediction, target in
                let value = try interpreter.call(lossFunction, Arguments([.tensor(prediction), .tensor(target)]))
                guard let t = value.tensorObject else { throw PythonError(.typeError, "loss_fn must return a tensor, got \(value.typeName)") }
                return t.tensor
            }
        }
        var earlyStopping: EarlyStopping?
        if !a.isNone("callbacks") {
            let items: [Value] = if case .object(let single as EarlyStoppingObject) = a["callbacks"] { [.object(single)] } else { try interpreter.iterate(a["callbacks"]) }
            for item in items {
                guard case .object(let callback as EarlyStoppingObject) = item else {
                    throw PythonError(.typeError, "fit() understands callbacks.EarlyStopping callbacks, got \(item.typeName)")
                }
                earlyStopping = callback.earlyStopping
            }
        }
        var fit = Fit(model: model, loss: loss, optimizer: optimizer.optimizer, earlyStopping: earlyStopping)
        if try a.bool("verbose") { fit.output = { interpreter.output(TextFit.fit($0, width: interpreter.terminalWidth) + "\n") } }
        fit.every = try a.int("every")
        fit.checkpoint = { try interpreter.checkInterrupt() }
        try optimizer.synchroniseLearningRate()
        let history = try fit.run(try a.tensor("x"), try a.tensor("y"), try a.tensor("x_val"), try a.tensor("y_val"),
                                  epochs: try a.int("epochs"), batchSize: try a.optionalInt("batch_size"))
        return .object(try HistoryObject(history))
    }
}
