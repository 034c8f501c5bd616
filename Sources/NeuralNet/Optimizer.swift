import TensorEngine

/// Something that updates parameters from their gradients: PyTorch's `torch.optim.Optimizer`.
///
/// ```swift
/// let optimizer = SGD(model.parameters(), lr: 0.1, momentum: 0.9)
/// optimizer.zeroGrad(); try loss.backward(); try optimizer.step()
/// ```
public protocol Optimizer: AnyObject, CustomStringConvertible {
    /// PyTorch's class name ("SGD", "Adam", "AdamW").
    var typeName: String { get }
    /// The parameters updated by `step()`.
    var parameters: [Variable] { get }
    /// The learning rate, readable and settable (a scheduler changes it).
    var learningRate: Double { get set }
    /// The settings in PyTorch's order, printed in the optimizer's description.
    var settings: [(name: String, value: String)] { get }
    /// Updates every parameter that has a gradient, by the optimizer's rule.
    func step() throws
}

extension Optimizer {
    /// Forgets every parameter's gradient (PyTorch's `zero_grad()`, which sets them to None).
    public func zeroGrad() {
        for parameter in parameters { parameter.grad = nil }
    }

    /// PyTorch's printed form: the name, then "Parameter Group 0" and the settings sorted by name.
    public var description: String {
        let lines = settings.sorted { $0.name < $1.name }.map { "    \($0.name): \($0.value)" }
        return typeName + " (\nParameter Group 0\n" + lines.joined(separator: "\n") + "\n)"
    }

    /// Applies a parameter's constraint (if any) after an update, as Keras does.
    func applyConstraint(to parameter: Variable) throws {
        guard let constraint = parameter.constraint else { return }
        try GradMode.withDisabled {
            try parameter.tensor.assignElements(from: try constraint(parameter.tensor.detached()))
        }
    }
}

/// Python's spelling of a number in an optimizer's description: `0.1`, `0`, `1e-08`.
func describeSetting(_ value: Double, integerIfWhole: Bool = false) -> String {
    if integerIfWhole && value == value.rounded() && Swift.abs(value) < 1e15 { return String(Int(value)) }
    return PythonFloat.repr(value)
}
