import NeuralNet
import Python
import Regularization
import TensorEngine

/// Keras's names: `regularizers`, `constraints`, `callbacks.EarlyStopping` and the noise and
/// dropout `layers`, importable from `keras` and from `tensorflow.keras`. They compute with
/// Keras's formulas on regtutor's engine.
extension Bindings {
    /// A class and its lower-case alias (`MaxNorm` and `max_norm`), one documentation for both.
    private static func withAlias(_ owner: String, _ signature: String, alias: String?, doc: String, example: String,
                                  _ body: @escaping (BoundArguments, Interpreter) throws -> Value) -> [Builtin] {
        let main = Builtin(owner, signature, kind: .type, doc: doc, example: example, body)
        guard let alias else { return [main] }
        let aliasSignature = alias + signature.drop { $0 != "(" }
        return [main, Builtin(owner, String(aliasSignature), kind: .type, doc: "Another name for \(owner).\(main.name). " + doc, example: example, body)]
    }

    private static func axis(_ a: BoundArguments) throws -> [Int] {
        if case .int(let axis) = a["axis"] { return [axis] }
        return try a.size("axis")
    }

    static func kerasRegularizers() -> [Builtin] {
        let relation = " Keras adds the penalty of every layer's kernel_regularizer to the loss; here nn.Linear(..., kernel_regularizer=...) does the same through model.losses and fit()."
        return withAlias("regularizers", "L1(l1=0.01)", alias: "l1",
                         doc: "The L1 penalty l1 * sum(|w|), a callable: regularizers.l1(0.01)(w) is the number to add to the loss. Its gradient l1 * sign(w) pushes every weight towards zero by the same amount." + relation,
                         example: "penalty = regularizers.l1(0.01)\npenalty(model[0].weight)") { a, _ in
            .object(RegularizerObject(Penalty.l1(try a.double("l1"))))
        } + withAlias("regularizers", "L2(l2=0.01)", alias: "l2",
                      doc: "The L2 penalty l2 * sum(w²) (Keras has no 1/2 in front), a callable. Its gradient 2 * l2 * w shrinks large weights most; SGD with weight_decay = 2 * l2 does the same." + relation,
                      example: "regularizers.l2(0.01)(w)") { a, _ in
            .object(RegularizerObject(Penalty.l2(try a.double("l2"))))
        } + withAlias("regularizers", "L1L2(l1=0.0, l2=0.0)", alias: "l1_l2",
                      doc: "Both penalties: l1 * sum(|w|) + l2 * sum(w²). Note that both default to 0 here (0.01 in l1 and l2). Elastic net written as strength * (alpha * L1 + (1 - alpha) * L2) is l1_l2(l1=strength * alpha, l2=strength * (1 - alpha))." + relation,
                      example: "regularizers.l1_l2(l1=0.01, l2=0.01)(w)") { a, _ in
            .object(RegularizerObject(Penalty.l1l2(l1: try a.double("l1"), l2: try a.double("l2"))))
        } + [
            Builtin("regularizers", "ElasticNet(alpha=0.5, strength=0.01)", kind: .type,
                    doc: "regtutor's elastic net as tutorials write it: strength * (alpha * sum(|w|) + (1 - alpha) * sum(w²)). alpha = 1 is pure L1 (sparse), 0 pure L2. It is exactly regularizers.l1_l2(l1=strength * alpha, l2=strength * (1 - alpha)).",
                    example: "net = regularizers.ElasticNet(alpha=0.5, strength=0.01)\nnet(w)") { a, _ in
                .object(RegularizerObject(try ElasticNet(alpha: try a.double("alpha"), strength: try a.double("strength"))))
            },
            Builtin("Regularizer", "get_config(self)", kind: .method, doc: "The settings as a dict, as Keras returns them.", example: "regularizers.l1(0.01).get_config()") { a, _ in
                guard case .object(let object as RegularizerObject) = a["self"] else { throw a.mistake("self", "a regularizer", a["self"]) }
                return .dict(try DictObject(object.config.map { (.string($0.0), $0.1) }))
            },
        ]
    }

    static func kerasConstraints() -> [Builtin] {
        let timing = " Given as kernel_constraint= to nn.Linear it is applied after every optimizer step, to the weight as Keras sees it (the kernel, weight.T, so axis=0 constrains each unit's incoming weights)."
        return withAlias("constraints", "MaxNorm(max_value=2, axis=0)", alias: "max_norm",
                         doc: "Max-norm: every weight vector along `axis` whose norm exceeds max_value is scaled back to it: w * clip(norm, 0, max_value) / (1e-7 + norm). A bound on the weights, not on the gradients." + timing,
                         example: "c = constraints.MaxNorm(max_value=2, axis=0)\nc(torch.tensor([[3., 0.], [4., 1.]]))") { a, _ in
            .object(ConstraintObject(Constraint.maxNorm(try a.double("max_value"), axis: try axis(a))))
        } + withAlias("constraints", "UnitNorm(axis=0)", alias: "unit_norm",
                      doc: "Scales every weight vector along `axis` to norm 1: w / (1e-7 + norm)." + timing, example: "constraints.UnitNorm()(w)") { a, _ in
            .object(ConstraintObject(Constraint.unitNorm(axis: try axis(a))))
        } + withAlias("constraints", "NonNeg()", alias: "non_neg",
                      doc: "Sets negative weights to zero: max(w, 0)." + timing, example: "constraints.NonNeg()(w)") { _, _ in
            .object(ConstraintObject(Constraint.nonNeg))
        } + withAlias("constraints", "MinMaxNorm(min_value=0.0, max_value=1.0, rate=1.0, axis=0)", alias: "min_max_norm",
                      doc: "Keeps every weight vector's norm between min_value and max_value: w * (rate * clip(norm, min, max) + (1 - rate) * norm) / (1e-7 + norm); rate < 1 moves only part of the way." + timing,
                      example: "constraints.MinMaxNorm(0.5, 1.0)(w)") { a, _ in
            .object(ConstraintObject(Constraint.minMaxNorm(min: try a.double("min_value"), max: try a.double("max_value"), rate: try a.double("rate"), axis: try axis(a))))
        } + [
            Builtin("Constraint", "get_config(self)", kind: .method, doc: "The settings as a dict, as Keras returns them.", example: "constraints.MaxNorm(2).get_config()") { a, _ in
                guard case .object(let object as ConstraintObject) = a["self"] else { throw a.mistake("self", "a constraint", a["self"]) }
                return .dict(try DictObject(object.config.map { (.string($0.0), $0.1) }))
            },
        ]
    }

    static func kerasCallbacks() -> [Builtin] {
        func earlyStopping(_ a: BoundArguments) throws -> EarlyStopping {
            guard case .object(let object as EarlyStoppingObject) = a["self"] else { throw a.mistake("self", "EarlyStopping", a["self"]) }
            return object.earlyStopping
        }
        func module(_ a: BoundArguments) throws -> Module? {
            if a.isNone("model") { return nil }
            guard let module = ModuleInstance.module(from: a["model"]) else { throw a.mistake("model", "a model", a["model"]) }
            return module
        }
        return [
            Builtin("callbacks", "EarlyStopping(monitor='val_loss', min_delta=0, patience=0, verbose=0, mode='auto', baseline=None, restore_best_weights=False, start_from_epoch=0)", kind: .type,
                    doc: "Early stopping with Keras's rules. After each epoch: an improvement is a value below best - min_delta (above best + min_delta in mode 'max'); it resets wait to 0 (if it also beats baseline, when given). Otherwise wait grows, and once wait >= patience training stops. Epochs before start_from_epoch are ignored. With restore_best_weights=True the model gets back the weights of the best epoch. Use it by hand, `if es.step(val_loss, model): break`, or with fit(..., callbacks=[es]); es.best, es.best_epoch, es.wait and es.stopped_epoch tell what happened and trace(es) prints the table.",
                    example: "es = callbacks.EarlyStopping(patience=3, restore_best_weights=True)\nfor epoch in range(100):\n    ...\n    if es.step(val_loss, model):\n        break") { a, _ in
                let baseline: Double? = a.isNone("baseline") ? nil : try a.double("baseline")
                return .object(EarlyStoppingObject(try EarlyStopping(monitor: try a.string("monitor"), minDelta: try a.double("min_delta"), patience: try a.int("patience"),
                                                                      mode: try a.string("mode"), baseline: baseline, restoreBestWeights: try a.bool("restore_best_weights"),
                                                                      startFromEpoch: try a.int("start_from_epoch")), verbose: try a.int("verbose")))
            },
            Builtin("EarlyStopping", "step(self, value, model=None)", kind: .method,
                    doc: "Keras's end-of-epoch rule for the next epoch with the monitored value (a number or a 0-d tensor): True when training should stop now. With restore_best_weights and a model, the best weights are put back when it says stop.",
                    example: "if es.step(val_loss, model):\n    print('stopped at', es.stopped_epoch)\n    break") { a, _ in
                let value: Double
                if let t = a["value"].tensorObject { value = Double(try t.tensor.item()) } else { value = try a.double("value") }
                return .bool(try earlyStopping(a).step(value, model: try module(a)))
            },
            Builtin("EarlyStopping", "finish(self, model)", kind: .method,
                    doc: "Keras's on_train_end: with restore_best_weights, puts the best weights back into the model even when training never stopped early. Returns whether it restored.",
                    example: "es.finish(model)") { a, _ in
                guard let model = try module(a) else { throw a.mistake("model", "a model", a["model"]) }
                return .bool(try earlyStopping(a).finish(model: model))
            },
            Builtin("EarlyStopping", "reset(self)", kind: .method, doc: "Forgets all epochs seen (Keras's on_train_begin), to reuse the callback for a new run.",
                    example: "es.reset()") { a, _ in
                try earlyStopping(a).reset()
                return .none
            },
            Builtin("EarlyStopping", "summary(self)", kind: .method, doc: "The table of epochs seen (value, best, wait) and the verdict, as a string.",
                    example: "print(es.summary())") { a, _ in
                .string(try earlyStopping(a).table)
            },
        ]
    }
}
