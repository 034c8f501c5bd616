import NeuralNet
import Python
import TensorEngine

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

    var attributeNames: [String] { ["param_groups"] }
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
