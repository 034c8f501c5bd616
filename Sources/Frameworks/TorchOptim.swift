import Python
import Foundation
import NeuralNet
import TensorEngine

/// `torch.optim`, `math`, `copy` and `torch.utils.data`.
extension Bindings {
    /// The parameters an optimizer is given: tensors that require grad and are leaves.
    private static func parameters(_ a: BoundArguments, _ interpreter: Interpreter) throws -> [Variable] {
        let items = try interpreter.iterate(a["params"])
        if items.isEmpty { throw PythonError(.valueError, "optimizer got an empty parameter list") }
        return try items.map { item in
            if case .dict = item {
                throw PythonError(.typeError, "parameter groups (dicts) are not supported in regtutor: pass model.parameters()")
            }
            guard let t = item.tensorObject else {
                throw PythonError(.typeError, "optimizer can only optimize Tensors, but one of the params is \(item.typeName)")
            }
            guard t.tensor.isLeaf else { throw PythonError(.valueError, "can't optimize a non-leaf Tensor") }
            return t.variable
        }
    }

    private static func betas(_ a: BoundArguments) throws -> (Double, Double) {
        guard let items = a["betas"].tupleItems, items.count == 2, let b1 = items[0].numberValue, let b2 = items[1].numberValue else {
            throw a.mistake("betas", "a pair of floats", a["betas"])
        }
        return (b1, b2)
    }

    static func optimClasses() -> [Builtin] {
        [
            Builtin("optim", "SGD(params, lr=0.001, momentum=0, dampening=0, weight_decay=0, nesterov=False, *, maximize=False)", kind: .type,
                    doc: "Stochastic gradient descent: p -= lr * g, with optional momentum. weight_decay adds weight_decay * p to the gradient first (L2 regularization).",
                    example: "optimizer = optim.SGD(model.parameters(), lr=0.1, momentum=0.9, weight_decay=1e-4)") { a, interpreter in
                .object(try OptimizerObject(try SGD(try parameters(a, interpreter), lr: try a.double("lr"), momentum: try a.double("momentum"),
                                                    dampening: try a.double("dampening"), weightDecay: try a.double("weight_decay"),
                                                    nesterov: try a.bool("nesterov"), maximize: try a.bool("maximize"))))
            },
            Builtin("optim", "Adam(params, lr=0.001, betas=(0.9, 0.999), eps=1e-08, weight_decay=0, amsgrad=False, *, maximize=False)", kind: .type,
                    doc: "Adam. Its weight_decay is added to the gradient (coupled L2), so the adaptive step scales it down; AdamW decouples it.",
                    example: "optimizer = optim.Adam(model.parameters(), lr=0.01)") { a, interpreter in
                .object(try OptimizerObject(try Adam(try parameters(a, interpreter), lr: try a.double("lr"), betas: try betas(a), eps: try a.double("eps"),
                                                     weightDecay: try a.double("weight_decay"), amsgrad: try a.bool("amsgrad"),
                                                     maximize: try a.bool("maximize"))))
            },
            Builtin("optim", "AdamW(params, lr=0.001, betas=(0.9, 0.999), eps=1e-08, weight_decay=0.01, amsgrad=False, *, maximize=False)", kind: .type,
                    doc: "Adam with decoupled weight decay: each step also multiplies the weights by (1 - lr * weight_decay), whatever the gradient.",
                    example: "optimizer = optim.AdamW(model.parameters(), lr=0.01, weight_decay=0.1)") { a, interpreter in
                .object(try OptimizerObject(try Adam(try parameters(a, interpreter), lr: try a.double("lr"), betas: try betas(a), eps: try a.double("eps"),
                                                     weightDecay: try a.double("weight_decay"), amsgrad: try a.bool("amsgrad"),
                                                     maximize: try a.bool("maximize"), decoupled: true)))
            },
            Builtin("lr_scheduler", "StepLR(optimizer, step_size, gamma=0.1)", kind: .type,
                    doc: "Multiplies the learning rate by gamma every step_size calls of step() (once per epoch).",
                    example: "scheduler = optim.lr_scheduler.StepLR(optimizer, step_size=10, gamma=0.5)") { a, _ in
                guard case .object(let object) = a["optimizer"], let optimizer = object as? OptimizerObject else {
                    throw a.mistake("optimizer", "Optimizer", a["optimizer"])
                }
                try optimizer.synchroniseLearningRate()
                return .object(SchedulerObject(try StepLR(optimizer.optimizer, stepSize: try a.int("step_size"), gamma: try a.double("gamma")),
                                               optimizer: optimizer))
            },
        ]
    }

    static func optimizerMethods() -> [Builtin] {
        func optimizer(_ a: BoundArguments) throws -> OptimizerObject {
            guard case .object(let object) = a["self"], let optimizer = object as? OptimizerObject else {
                throw a.mistake("self", "Optimizer", a["self"])
            }
            return optimizer
        }
        func scheduler(_ a: BoundArguments) throws -> SchedulerObject {
            guard case .object(let object) = a["self"], let scheduler = object as? SchedulerObject else {
                throw a.mistake("self", "StepLR", a["self"])
            }
            return scheduler
        }
        return [
            Builtin("Optimizer", "step(self, closure=None)", kind: .method,
                    doc: "Updates every parameter that has a gradient, by the optimizer's rule.", example: "loss.backward()\noptimizer.step()") { a, _ in
                let o = try optimizer(a)
                try o.synchroniseLearningRate()
                try GradMode.withDisabled { try o.optimizer.step() }
                return .none
            },
            Builtin("Optimizer", "zero_grad(self, set_to_none=True)", kind: .method,
                    doc: "Forgets the gradients of the parameters; call it before each backward(), since gradients add up.",
                    example: "optimizer.zero_grad()") { a, _ in
                let o = try optimizer(a)
                for parameter in o.optimizer.parameters {
                    if try a.bool("set_to_none") { parameter.grad = nil } else if let g = parameter.grad { try g.assignElements(from: try g.zerosLike()) }
                }
                return .none
            },
            Builtin("StepLR", "step(self)", kind: .method, doc: "Counts one epoch; every step_size epochs the learning rate is multiplied by gamma.",
                    example: "scheduler.step()") { a, _ in
                let s = try scheduler(a)
                try s.optimizer.synchroniseLearningRate()
                s.scheduler.step()
                try s.optimizer.synchroniseLearningRate()
                return .none
            },
            Builtin("StepLR", "get_last_lr(self)", kind: .method, doc: "The current learning rate, in a list (one per parameter group).",
                    example: "scheduler.get_last_lr()") { a, _ in
                .list([.float(try scheduler(a).scheduler.lastLearningRate)])
            },
        ]
    }

    static func dataClasses() -> [Builtin] {
        [
            Builtin("data", "TensorDataset(*tensors)", kind: .type, doc: "Samples made of matching rows of the tensors: dataset[i] is (x[i], y[i]).",
                    example: "train_set = TensorDataset(x, y)\nlen(train_set)") { a, _ in
                let tensors = try a.rest.map { value -> Tensor in
                    guard let t = value.tensorObject else { throw PythonError(.typeError, "TensorDataset takes tensors, not \(value.typeName)") }
                    return t.tensor
                }
                guard let first = tensors.first, first.rank > 0, tensors.allSatisfy({ $0.rank > 0 && $0.shape[0] == first.shape[0] }) else {
                    throw PythonError(.valueError, "Size mismatch between tensors")
                }
                return .object(DatasetObject(tensors))
            },
            Builtin("data", "DataLoader(dataset, batch_size=1, shuffle=False, drop_last=False, generator=None)", kind: .type,
                    doc: "Batches of a data set (a TensorDataset, or anything with len(ds) and ds[i] such as torchvision.datasets.FakeData or your own class), reshuffled every epoch when shuffle=True, in the same order PyTorch would use; items are stacked into batch tensors as PyTorch's default_collate does.",
                    example: "loader = DataLoader(train_set, batch_size=16, shuffle=True)\nfor xb, yb in loader:\n    ...") { a, interpreter in
                let own = !a.isNone("generator")
                guard case .object(let object) = a["dataset"], let dataset = object as? DatasetObject else {
                    // Any map-style data set: len(ds) and ds[i] (FakeData, Glyphs, a student's own class).
                    let count = try interpreter.length(of: a["dataset"])
                    return .object(try MapLoaderObject(dataset: a["dataset"], count: count, batchSize: try a.int("batch_size"), shuffle: try a.bool("shuffle"),
                                                       dropLast: try a.bool("drop_last"), generator: try generator(a, interpreter), ownsGenerator: own))
                }
                let loader = try DataLoader(dataset.tensors, batchSize: try a.int("batch_size"), shuffle: try a.bool("shuffle"),
                                            dropLast: try a.bool("drop_last"), generator: try generator(a, interpreter), ownGenerator: own)
                return .object(LoaderObject(loader))
            },
            Builtin("data", "random_split(dataset, lengths, generator=None)",
                    doc: "Splits a data set at random into parts of the given lengths (ints, or fractions that add up to 1), as PyTorch does.",
                    example: "train_set, val_set = random_split(full, [0.8, 0.2])") { a, interpreter in
                guard case .object(let object) = a["dataset"], let dataset = object as? DatasetObject else {
                    throw a.mistake("dataset", "TensorDataset", a["dataset"])
                }
                let count = dataset.count
                let lengths = try interpreter.iterate(a["lengths"])
                let generator = try generator(a, interpreter)
                let parts: [Tensor]
                if lengths.allSatisfy({ !$0.isFloat }), let sizes = Optional(lengths.compactMap(\.exactInt)), sizes.count == lengths.count {
                    guard sizes.reduce(0, +) == count, sizes.allSatisfy({ $0 >= 0 }) else {
                        throw PythonError(.valueError, "Sum of input lengths does not equal the length of the input dataset!")
                    }
                    let order = generator.permutation(count)
                    var start = 0
                    parts = try sizes.map { size in
                        defer { start += size }
                        return try Tensor(order[start..<(start + size)].map(Float.init), shape: [size], dtype: .int64)
                    }
                } else {
                    parts = try Datasets.splitIndices(count, fractions: try lengths.map { value in
                        guard let f = value.numberValue else { throw a.mistake("lengths", "a list of ints or floats", a["lengths"]) }
                        return f
                    }, generator: generator)
                }
                return .list(try parts.map { indices in
                    .object(DatasetObject(try dataset.tensors.map { try $0.index([.tensor(indices)]) }))
                })
            },
        ]
    }
}

/// `TensorDataset(x, y)`: samples as matching rows.
final class DatasetObject: PythonObject {
    let tensors: [Tensor]
    init(_ tensors: [Tensor]) { self.tensors = tensors }
    var typeName: String { "TensorDataset" }
    var count: Int { tensors.first?.shape.first ?? 0 }
    func length(in interpreter: Interpreter) throws -> Int? { count }
    func item(at index: Value, in interpreter: Interpreter) throws -> Value? {
        let position = try interpreter.sequencePositions(count: count, index, "dataset")
        if case .object(let o) = index, o is SliceObject {
            let indices = try Tensor(position.map(Float.init), shape: [position.count], dtype: .int64)
            return .tuple(try tensors.map { .tensor(try $0.index([.tensor(indices)])) })
        }
        return .tuple(try tensors.map { .tensor(try $0.index([.single(position[0])])) })
    }
    func attribute(_ name: String, in interpreter: Interpreter) throws -> Value? {
        name == "tensors" ? .tuple(tensors.map { .tensor($0) }) : nil
    }
    func repr(in interpreter: Interpreter) throws -> String { "<torch.utils.data.dataset.TensorDataset object>" }
}

/// `DataLoader(dataset, ...)`: iterating gives one epoch of batches `[xb, yb]`.
final class LoaderObject: PythonObject {
    let loader: DataLoader
    init(_ loader: DataLoader) { self.loader = loader }
    var typeName: String { "DataLoader" }
    func length(in interpreter: Interpreter) throws -> Int? { loader.batchCount }
    func makeIterator(in interpreter: Interpreter) throws -> ValueIterator? {
        ValueIterator(items: try loader.epoch().map { batch in .list(batch.map { .tensor($0) }) })
    }
    func attribute(_ name: String, in interpreter: Interpreter) throws -> Value? {
        switch name {
        case "batch_size": return .int(loader.batchSize)
        case "dataset": return .object(DatasetObject(loader.tensors))
        default: return nil
        }
    }
    func repr(in interpreter: Interpreter) throws -> String { "<torch.utils.data.dataloader.DataLoader object>" }
}
