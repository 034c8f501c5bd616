import NeuralNet
import Python
import Regularization
import TensorEngine

/// A Keras layer (`layers.Dropout(0.5)`, `layers.GaussianNoise(0.1)`) running on one of our
/// modules: it prints and answers attributes the Keras way and computes with the module.
///
/// Unlike Keras, where a layer called on its own runs in inference mode, it follows the
/// model's `train()` / `eval()` like every PyTorch module; `layer(x, training=True)` chooses
/// for one call.
final class KerasLayer: TraceableModule {
    let typeName: String
    let inner: Module
    /// Keras's constructor arguments, shown when printed and readable as attributes.
    let settings: [(name: String, value: Value)]

    init(_ typeName: String, _ inner: Module, settings: [(name: String, value: Value)]) {
        self.typeName = typeName
        self.inner = inner
        self.settings = settings
    }

    var training: Bool {
        get { inner.training }
        set { inner.training = newValue }
    }

    var ownParameters: [(name: String, variable: Variable)] { inner.ownParameters }
    var ownBuffers: [(name: String, variable: Variable)] { inner.ownBuffers }

    var extraDescription: String {
        settings.map { "\($0.name)=\(PythonFormat.plainRepr($0.value))" }.joined(separator: ", ")
    }

    func forward(_ input: Tensor) throws -> Tensor { try inner.forward(input) }

    func copy() throws -> Module { KerasLayer(typeName, try inner.copy(), settings: settings) }

    func forward(_ input: Tensor, trace: Trace?) throws -> Tensor {
        if let traceable = inner as? TraceableModule { return try traceable.forward(input, trace: trace) }
        return try inner.forward(input)
    }
}
