import NeuralNet
import Regularization
import TensorEngine

/// A layer or model (`nn.Linear(2, 3)`, `nn.Sequential(...)`) as the language sees it: called
/// like a function, with its parameters and sub-modules as attributes.
final class ModelObject: PythonObject, SubscriptableObject, SizedObject {
    let module: Module

    init(_ module: Module) {
        self.module = module
    }

    var typeName: String { module.typeName }
    var methodTable: String { "Module" }

    /// `model(x)`; Keras layers also take `training=True/False` for one call.
    func call(_ arguments: Arguments, in interpreter: Interpreter) throws -> Value {
        let training = arguments.keywords.first { $0.name == "training" }
        let others = arguments.keywords.filter { $0.name != "training" }
        guard arguments.positional.count == 1, others.isEmpty, case .tensor(let input) = arguments.positional[0],
              training == nil || module is KerasLayer else {
            let given = (arguments.positional.map(\.typeName) + arguments.keywords.map { "\($0.name)=" }).joined(separator: ", ")
            throw PythonError(.typeError, "\(typeName).forward() takes one tensor, got (\(given))")
        }
        let previous = module.training
        if let training { module.train(try interpreter.truth(training.value)) }
        defer { if training != nil { module.train(previous) } }
        if let trace = interpreter.activeTrace { return .tensor(try trace.run(module, input.tensor)) }
        return .tensor(try module.forward(input.tensor))
    }

    func attribute(_ name: String, in interpreter: Interpreter) throws -> Value? {
        if name == "training" { return .bool(module.training) }
        if name == "losses" {
            return .list(ListObject(try module.parameters().compactMap { p in try p.penalty.map { Value.tensor(try $0(p.tensor)) } }))
        }
        if let parameter = module.ownParameters.first(where: { $0.name == name }) { return .tensor(TensorObject(parameter.variable)) }
        if let buffer = module.ownBuffers.first(where: { $0.name == name }) { return .tensor(TensorObject(buffer.variable)) }
        if let child = module.children.first(where: { $0.name == name }) { return .object(ModelObject(child.module)) }
        if let linear = module as? Linear {
            switch name {
            case "in_features": return .int(linear.inFeatures)
            case "out_features": return .int(linear.outFeatures)
            case "bias": return Value.none
            default: break
            }
        }
        return ModuleSettings.attribute(name, of: module)
    }

    func setAttribute(_ name: String, to value: Value, in interpreter: Interpreter) throws {
        if name == "training", case .bool(let flag) = value {
            module.training = flag
            return
        }
        if let parameter = module.ownParameters.first(where: { $0.name == name }) {
            guard case .tensor(let t) = value, t.tensor.shape == parameter.variable.tensor.shape else {
                throw PythonError(.typeError, "cannot assign '\(value.typeName)' as parameter '\(name)' (torch.nn.Parameter of the same shape expected)")
            }
            try parameter.variable.overwrite(with: t.tensor)
            return
        }
        throw PythonError(.attributeError, "regtutor's \(typeName) has no settable attribute '\(name)'")
    }

    func repr(in interpreter: Interpreter) throws -> String { module.description }

    var length: Int { (module as? Sequential)?.children.count ?? module.children.count }

    func item(at index: Value, in interpreter: Interpreter) throws -> Value {
        guard let sequential = module as? Sequential else {
            throw PythonError(.typeError, "'\(typeName)' object is not subscriptable")
        }
        let layers = sequential.children.map(\.module)
        let positions = try interpreter.sequencePositions(count: layers.count, index, "Sequential")
        if case .object(let object) = index, object is SliceObject {
            return .object(ModelObject(Sequential(positions.map { layers[$0] })))
        }
        return .object(ModelObject(layers[positions[0]]))
    }

    func makeIterator(in interpreter: Interpreter) throws -> ValueIterator? {
        guard module is Sequential else { return nil }
        return ValueIterator(items: module.children.map { .object(ModelObject($0.module)) })
    }

    var attributeNames: [String] {
        ["training", "losses"] + ModuleSettings.names(of: module) + module.ownParameters.map(\.name) + module.ownBuffers.map(\.name) + module.children.map(\.name)
            + Builtins.shared.methodNames(ofType: "Module")
    }
}

/// Settings of built-in layers readable as attributes (`layer.negative_slope`, `flatten.start_dim`).
enum ModuleSettings {
    static func attribute(_ name: String, of module: Module) -> Value? {
        switch (module, name) {
        case (let m as LeakyReLU, "negative_slope"): return .float(m.negativeSlope)
        case (let m as Softmax, "dim"): return m.dim.map { .int($0) } ?? Value.none
        case (let m as LogSoftmax, "dim"): return m.dim.map { .int($0) } ?? Value.none
        case (let m as Flatten, "start_dim"): return .int(m.startDim)
        case (let m as Flatten, "end_dim"): return .int(m.endDim)
        case (let m as Dropout, "p"): return .float(m.p)
        case (is Dropout, "inplace"): return .bool(false)
        case (let m as Dropout, "last_mask"): return m.lastMask.map { .tensor($0) } ?? Value.none
        case (let m as AlphaDropout, "p"): return .float(m.p)
        case (let m as BatchNorm, "num_features"): return .int(m.features)
        case (let m as BatchNorm, "eps"): return .float(m.eps)
        case (let m as BatchNorm, "momentum"): return m.momentum.map { .float($0) } ?? Value.none
        case (let m as BatchNorm, "affine"): return .bool(m.weight != nil)
        case (let m as BatchNorm, "track_running_stats"): return .bool(m.runningMean != nil)
        case (let m as LayerNorm, "normalized_shape"): return .tuple(m.normalizedShape.map { .int($0) })
        case (let m as LayerNorm, "eps"): return .float(m.eps)
        case (let m as LayerNorm, "elementwise_affine"): return .bool(m.weight != nil)
        case (let m as GaussianNoise, "stddev"), (let m as GaussianNoise, "std"): return .float(m.stddev)
        case (let m as NoisyLinear, "in_features"): return .int(m.inFeatures)
        case (let m as NoisyLinear, "out_features"): return .int(m.outFeatures)
        case (let m as NoisyLinear, "sigma_init"): return .float(m.sigmaInit)
        case (let m as NoisyLinear, "factorised"): return .bool(m.factorised)
        case (let m as KerasLayer, _): return m.settings.first { $0.name == name }?.value
        default: return nil
        }
    }

    /// The settings a module answers, for completion.
    static func names(of module: Module) -> [String] {
        switch module {
        case is Dropout: return ["p", "inplace", "last_mask"]
        case is BatchNorm: return ["num_features", "eps", "momentum", "affine", "track_running_stats"]
        case is LayerNorm: return ["normalized_shape", "eps", "elementwise_affine"]
        case is NoisyLinear: return ["in_features", "out_features", "sigma_init", "factorised"]
        case let layer as KerasLayer: return layer.settings.map(\.name)
        default: return []
        }
    }
}

/// A loss module (`nn.MSELoss()`): called with the prediction and the target.
final class LossObject: PythonObject {
    let loss: Loss
    init(_ loss: Loss) { self.loss = loss }
    var typeName: String { loss.typeName }
    func call(_ arguments: Arguments, in interpreter: Interpreter) throws -> Value {
        let signature = Signature(name: "\(typeName).forward", parameters: [
            .init(name: "input", kind: .normal, defaultValue: nil), .init(name: "target", kind: .normal, defaultValue: nil),
        ])
        let a = try signature.bind(arguments)
        return .tensor(try loss(try a.tensor("input"), try a.tensor("target")))
    }
    func repr(in interpreter: Interpreter) throws -> String { loss.description }
}

/// An optimizer (`optim.SGD(model.parameters(), lr=0.1)`).
final class OptimizerObject: PythonObject {
    let optimizer: Optimizer
    /// The one parameter group, as a dict a student may change (`group['lr'] = 0.01`).
    private let group: DictObject
    private var lastLearningRate: Double

    init(_ optimizer: Optimizer) throws {
        self.optimizer = optimizer
        lastLearningRate = optimizer.learningRate
        group = DictObject()
        try group.set(.string("params"), .list(optimizer.parameters.map { .tensor(TensorObject($0)) }))
        try group.set(.string("lr"), .float(optimizer.learningRate))
    }

    var typeName: String { optimizer.typeName }
    var methodTable: String { "Optimizer" }

    /// Picks up a learning rate changed through `param_groups`, and publishes one a scheduler set.
    func synchroniseLearningRate() throws {
        if let value = try group.get(.string("lr"))?.numberValue, value != lastLearningRate {
            optimizer.learningRate = value
        }
        lastLearningRate = optimizer.learningRate
        try group.set(.string("lr"), .float(optimizer.learningRate))
    }

    func attribute(_ name: String, in interpreter: Interpreter) throws -> Value? {
        guard name == "param_groups" else { return nil }
        try synchroniseLearningRate()
        return .list([.dict(group)])
    }

    func repr(in interpreter: Interpreter) throws -> String {
        try synchroniseLearningRate()
        return optimizer.description
    }

    var attributeNames: [String] { ["param_groups"] + Builtins.shared.methodNames(ofType: "Optimizer") }
}

/// A learning-rate scheduler (`optim.lr_scheduler.StepLR`).
final class SchedulerObject: PythonObject {
    let scheduler: StepLR
    let optimizer: OptimizerObject
    init(_ scheduler: StepLR, optimizer: OptimizerObject) {
        self.scheduler = scheduler
        self.optimizer = optimizer
    }
    var typeName: String { "StepLR" }
    var methodTable: String { "StepLR" }
    func repr(in interpreter: Interpreter) throws -> String { "<torch.optim.lr_scheduler.StepLR object>" }
}
