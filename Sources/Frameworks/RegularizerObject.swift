import Python
import Regularization
import TensorEngine

/// A Keras weight penalty (`regularizers.l2(0.01)`) or regtutor's elastic net: called on a
/// weight tensor it gives the penalty to add to the loss; given to `nn.Linear` as
/// `kernel_regularizer=` it is added for you (see `model.losses`).
final class RegularizerObject: PythonObject {
    let penalty: Penalty
    /// Set for `regularizers.ElasticNet`, which prints and reports its own settings.
    let elasticNet: ElasticNet?

    init(_ penalty: Penalty) {
        self.penalty = penalty
        elasticNet = nil
    }

    init(_ elasticNet: ElasticNet) {
        self.penalty = elasticNet.asPenalty
        self.elasticNet = elasticNet
    }

    var typeName: String { elasticNet == nil ? penalty.kind : "ElasticNet" }
    var methodTable: String { "Regularizer" }

    /// The penalty of `weight`, recorded into the active trace.
    func evaluate(_ weight: Tensor, trace: Trace?) throws -> Tensor {
        if let elasticNet { return try elasticNet(weight, trace: trace) }
        return try penalty(weight, trace: trace)
    }

    func call(_ arguments: Arguments, in interpreter: Interpreter) throws -> Value {
        let a = try Signature(name: "\(typeName).__call__", parameters: [.init(name: "x", kind: .normal, defaultValue: nil)]).bind(arguments)
        return .tensor(try evaluate(try a.tensor("x"), trace: interpreter.activeTrace))
    }

    func attribute(_ name: String, in interpreter: Interpreter) throws -> Value? {
        switch name {
        case "l1": return .float(penalty.l1)
        case "l2": return .float(penalty.l2)
        case "alpha": return elasticNet.map { .float($0.alpha) }
        case "strength": return elasticNet.map { .float($0.strength) }
        default: return nil
        }
    }

    var config: [(String, Value)] {
        if let elasticNet { return [("alpha", .float(elasticNet.alpha)), ("strength", .float(elasticNet.strength))] }
        switch penalty.kind {
        case "L1": return [("l1", .float(penalty.l1))]
        case "L2": return [("l2", .float(penalty.l2))]
        default: return [("l1", .float(penalty.l1)), ("l2", .float(penalty.l2))]
        }
    }

    func repr(in interpreter: Interpreter) throws -> String { elasticNet?.description ?? penalty.description }
    var attributeNames: [String] { config.map(\.0) }
}

/// A Keras weight constraint (`constraints.MaxNorm(2)`): called on a weight tensor it gives the
/// constrained weights; given to `nn.Linear` as `kernel_constraint=` it is applied after every
/// optimizer step.
final class ConstraintObject: PythonObject {
    let constraint: Constraint
    init(_ constraint: Constraint) { self.constraint = constraint }

    var typeName: String { constraint.kind.rawValue }
    var methodTable: String { "Constraint" }

    func call(_ arguments: Arguments, in interpreter: Interpreter) throws -> Value {
        let a = try Signature(name: "\(typeName).__call__", parameters: [.init(name: "w", kind: .normal, defaultValue: nil)]).bind(arguments)
        return .tensor(try constraint(try a.tensor("w"), trace: interpreter.activeTrace))
    }

    var config: [(String, Value)] {
        let axis: Value = constraint.axis.count == 1 ? .int(constraint.axis[0]) : .list(ListObject(constraint.axis.map { .int($0) }))
        switch constraint.kind {
        case .maxNorm: return [("max_value", .float(constraint.maxValue)), ("axis", axis)]
        case .unitNorm: return [("axis", axis)]
        case .minMaxNorm:
            return [("min_value", .float(constraint.minValue)), ("max_value", .float(constraint.maxValue)), ("rate", .float(constraint.rate)), ("axis", axis)]
        case .nonNeg: return []
        }
    }

    func attribute(_ name: String, in interpreter: Interpreter) throws -> Value? {
        config.first { $0.0 == name }?.1
    }

    func repr(in interpreter: Interpreter) throws -> String { constraint.description }
    var attributeNames: [String] { config.map(\.0) }
}
