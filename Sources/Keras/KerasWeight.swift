import Regularization
import TensorEngine

/// One of a Keras layer's weights (Keras's `Variable`): a kernel, a bias, batch norm's moving
/// mean. It has a name (`kernel`) and a path (`sequential/dense/kernel`), and its values live in a
/// `Variable`, the place optimizers update, so a Keras layer's weights train in a PyTorch loop too.
///
/// A regularizer and a constraint, when given, are set on the variable as its `penalty` and
/// `constraint`: the model's `losses` add the penalty, and every optimizer applies the constraint
/// after its step.
///
/// ```swift
/// let kernel = try layer.addWeight("kernel", shape: [3, 4], initializer: .glorotUniform(seed: 7))
/// kernel.path        // "dense/kernel"
/// ```
public final class KerasWeight {
    /// The name inside the layer: "kernel", "bias", "gamma", "moving_mean"...
    public let name: String
    /// Where it sits: the model's name, the layer's, then this name, joined by "/".
    public let path: String
    /// The place holding the values.
    public let variable: Variable
    /// False for what training does not learn (batch norm's moving statistics).
    public let trainable: Bool
    /// The penalty Keras adds to the loss for this weight (`kernel_regularizer`).
    public let regularizer: Penalty?
    /// The rule applied after every optimizer step (`kernel_constraint`).
    public let constraint: Constraint?

    init(name: String, path: String, values: Tensor, trainable: Bool, regularizer: Penalty?, constraint: Constraint?) throws {
        self.name = name
        self.path = path
        self.trainable = trainable
        self.regularizer = regularizer
        self.constraint = constraint
        variable = Variable(trainable ? try values.requiringGrad() : values, isParameter: trainable)
        if let regularizer { variable.penalty = { try regularizer($0) } }
        if let constraint { variable.constraint = { try constraint($0) } }
    }

    /// The values now (no autograd history).
    public var value: Tensor { variable.tensor.detached() }

    /// The shape, as Keras prints it: `(3, 4)`.
    public var shapeDescription: String { KerasShape.describe(variable.tensor.shape.map { Optional($0) }) }

    /// A weight for a copy of the layer: the same settings, copied values.
    func copied() throws -> KerasWeight {
        try KerasWeight(name: name, path: path, values: value.cloned(), trainable: trainable, regularizer: regularizer, constraint: constraint)
    }
}

/// Shapes whose batch size is unknown, as Keras writes them: `(None, 8)`.
public enum KerasShape {
    /// `(None, 8)`, `(3,)`, `()`.
    public static func describe(_ shape: [Int?]) -> String {
        let parts = shape.map { $0.map(String.init) ?? "None" }
        return "(" + parts.joined(separator: ", ") + (parts.count == 1 ? ",)" : ")")
    }

    /// The shape of a batch of `x`, with the batch size unknown.
    public static func ofBatch(_ shape: [Int]) -> [Int?] {
        shape.isEmpty ? [] : [nil] + shape.dropFirst().map { Optional($0) }
    }
}
