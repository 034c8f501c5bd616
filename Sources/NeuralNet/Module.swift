import Foundation
import TensorEngine

/// A layer or a model: something with learnable parameters that maps a tensor to a tensor.
/// PyTorch's `nn.Module`.
///
/// A module lists its own parameters and buffers and its child modules; everything else —
/// all parameters of a model, train/eval mode, state dictionaries, the printed form — follows
/// from those lists (see the extension below).
///
/// ```swift
/// let model = Sequential([Linear(2, 8, generator: g), ReLU(), Linear(8, 1, generator: g)])
/// let y = try model(x)
/// model.parameters().count  // 4
/// ```
public protocol Module: AnyObject, CustomStringConvertible {
    /// PyTorch's class name, as printed: "Linear", "Sequential"...
    var typeName: String { get }
    /// True in training mode (the default), false after `eval()`.
    var training: Bool { get set }
    /// This module's own learnable tensors, by name ("weight", "bias").
    var ownParameters: [(name: String, variable: Variable)] { get }
    /// This module's own non-learnable state that belongs in its state dictionary
    /// ("running_mean" of batch norm, for example).
    var ownBuffers: [(name: String, variable: Variable)] { get }
    /// The modules inside this one, by name ("0", "1", ... in a Sequential).
    var children: [(name: String, module: Module)] { get }
    /// The settings shown inside the parentheses when printed, e.g. "in_features=2, out_features=3, bias=True".
    var extraDescription: String { get }
    /// Computes the module's output.
    func forward(_ input: Tensor) throws -> Tensor
    /// A module with this one's settings and copies of its parameters and buffers, sharing
    /// nothing with it (what `copy.deepcopy` makes); a random generator it draws from is shared.
    func copy() throws -> Module
    /// Puts `variable` in the place of the parameter called `name` (`layer.weight =
    /// nn.Parameter(...)`, or None to remove it); false when the module has no such parameter.
    func replaceParameter(named name: String, with variable: Variable?) -> Bool
}

extension Module {
    public var ownParameters: [(name: String, variable: Variable)] { [] }
    public var ownBuffers: [(name: String, variable: Variable)] { [] }
    public var children: [(name: String, module: Module)] { [] }
    public var extraDescription: String { "" }
    public func replaceParameter(named name: String, with variable: Variable?) -> Bool { false }

    /// Calls `forward`, so a model is used like a function: `model(x)`.
    public func callAsFunction(_ input: Tensor) throws -> Tensor { try forward(input) }

    /// Every parameter with its dotted path ("0.weight", "2.bias"), each listed once, in
    /// registration order. PyTorch's `named_parameters()`.
    public func namedParameters() -> [(name: String, variable: Variable)] {
        var seen = Set<ObjectIdentifier>()
        return namedEntries(\.ownParameters).filter { seen.insert(ObjectIdentifier($0.variable)).inserted }
    }

    /// Every parameter of this module and its children (PyTorch's `parameters()`).
    public func parameters() -> [Variable] { namedParameters().map(\.variable) }

    /// Every buffer with its dotted path.
    public func namedBuffers() -> [(name: String, variable: Variable)] { namedEntries(\.ownBuffers) }

    private func namedEntries(_ own: KeyPath<Module, [(name: String, variable: Variable)]>) -> [(name: String, variable: Variable)] {
        var result = self[keyPath: own]
        for (childName, child) in children {
            result += child.namedEntries(own).map { (childName + "." + $0.name, $0.variable) }
        }
        return result
    }

    /// This module and all modules inside it, depth first (PyTorch's `modules()`).
    public func modules() -> [Module] {
        [self] + children.flatMap { $0.module.modules() }
    }

    /// Sets training mode here and in every child (PyTorch's `train(mode)`); returns self.
    @discardableResult
    public func train(_ mode: Bool = true) -> Self {
        for module in modules() { module.training = mode }
        return self
    }

    /// Evaluation mode: dropout stops dropping and batch norm uses its running statistics.
    @discardableResult
    public func eval() -> Self { train(false) }

    /// Forgets every parameter's gradient (PyTorch's `zero_grad()`, which sets them to None).
    public func zeroGrad() {
        for parameter in parameters() { parameter.grad = nil }
    }

    /// Copies of all parameters and buffers by dotted name, in PyTorch's order: each module's
    /// parameters, then its buffers, then its children's.
    public func stateDict() -> [(name: String, tensor: Tensor)] {
        var result = (ownParameters + ownBuffers).map { ($0.name, $0.variable.tensor.detached()) }
        for (childName, child) in children {
            result += child.stateDict().map { (childName + "." + $0.name, $0.tensor) }
        }
        return result
    }

    /// Copies values from a state dictionary into the parameters and buffers with the same names
    /// (PyTorch's `load_state_dict`). With `strict`, missing or unexpected names are an error.
    public func loadStateDict(_ state: [(name: String, tensor: Tensor)], strict: Bool = true) throws {
        var places: [String: Variable] = [:]
        var order: [String] = []
        func collect(_ module: Module, prefix: String) {
            for (name, variable) in module.ownParameters + module.ownBuffers {
                places[prefix + name] = variable
                order.append(prefix + name)
            }
            for (name, child) in module.children { collect(child, prefix: prefix + name + ".") }
        }
        collect(self, prefix: "")
        let given = Set(state.map(\.name))
        let missing = order.filter { !given.contains($0) }
        let unexpected = state.map(\.name).filter { places[$0] == nil }
        if strict && (!missing.isEmpty || !unexpected.isEmpty) {
            var parts: [String] = []
            if !missing.isEmpty { parts.append("Missing key(s) in state_dict: " + missing.map { "\"\($0)\"" }.joined(separator: ", ") + ". ") }
            if !unexpected.isEmpty { parts.append("Unexpected key(s) in state_dict: " + unexpected.map { "\"\($0)\"" }.joined(separator: ", ") + ". ") }
            throw TensorError(.runtimeError, "Error(s) in loading state_dict for \(typeName):\n\t" + parts.joined(separator: "\n\t"))
        }
        for (name, tensor) in state {
            guard let place = places[name] else { continue }
            guard place.tensor.shape == tensor.shape else {
                throw TensorError(.runtimeError,
                    "Error(s) in loading state_dict for \(typeName):\n\tsize mismatch for \(name): copying a param with shape \(Shape.torchSize(tensor.shape)) from checkpoint, the shape in current model is \(Shape.torchSize(place.tensor.shape)).")
            }
            try place.overwrite(with: tensor)
        }
    }

    /// PyTorch's printed form: `Linear(in_features=2, out_features=3, bias=True)`, and for
    /// containers one indented line per child.
    public var description: String { standardDescription }

    /// PyTorch's `Module.__repr__`: the settings, then each child as `(name): ...` indented.
    public var standardDescription: String {
        let childLines = children.map { name, module in
            "(\(name)): " + module.description.replacingOccurrences(of: "\n", with: "\n  ")
        }
        let extraLines = extraDescription.isEmpty ? [] : extraDescription.split(separator: "\n").map(String.init)
        let lines = extraLines + childLines
        if lines.isEmpty { return typeName + "()" }
        if extraLines.count == 1 && childLines.isEmpty { return typeName + "(" + extraLines[0] + ")" }
        return typeName + "(\n  " + lines.joined(separator: "\n  ") + "\n)"
    }
}

extension Variable {
    /// Replaces the values held, keeping this place's identity and its autograd leaf: what
    /// loading weights or restoring the best ones does (PyTorch copies in place under no_grad).
    public func overwrite(with values: Tensor) throws {
        guard values.shape == tensor.shape else {
            throw TensorError(.runtimeError,
                "The size of tensor a (\(tensor.shape.last ?? 1)) must match the size of tensor b (\(values.shape.last ?? 1)) at non-singleton dimension \(max(tensor.rank - 1, 0))")
        }
        try GradMode.withDisabled { try tensor.assignElements(from: values) }
    }
}
