import TensorEngine

/// Modules applied one after another, each to the previous one's output (PyTorch's
/// `nn.Sequential`). Indexable: `model[0]` is the first layer.
///
/// ```swift
/// let model = Sequential([try Linear(1, 16, generator: g), ReLU(), try Linear(16, 1, generator: g)])
/// ```
public final class Sequential: Module {
    public let typeName = "Sequential"
    public var training = true
    /// The layers, in order.
    public private(set) var layers: [Module]

    /// A container running `layers` in order.
    public init(_ layers: [Module]) {
        self.layers = layers
    }

    /// Adds a layer at the end (PyTorch's `append`).
    public func append(_ layer: Module) { layers.append(layer) }

    /// The layer at `index` (negative counts from the end), or an IndexError.
    public func layer(at index: Int) throws -> Module {
        guard index >= -layers.count && index < layers.count else {
            throw TensorError(.indexError, "index \(index) is out of range")
        }
        return layers[index < 0 ? index + layers.count : index]
    }

    public func copy() throws -> Module {
        let copy = Sequential(try layers.map { try $0.copy() })
        copy.training = training
        return copy
    }

    public var children: [(name: String, module: Module)] {
        layers.enumerated().map { (String($0.offset), $0.element) }
    }

    public func forward(_ input: Tensor) throws -> Tensor {
        try layers.reduce(input) { x, layer in try layer.forward(x) }
    }
}
