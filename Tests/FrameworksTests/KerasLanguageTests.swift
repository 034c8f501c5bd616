import Testing
@testable import Frameworks
@testable import Python

/// Keras programs as students write them: the imports tutorials use, Keras's errors, and the
/// places where Keras meets regtutor's PyTorch side. Numbers against real Keras are in the
/// keras_ Parity programs; these check behaviour and messages (from Keras 3.15 where Keras has them).
@Suite struct KerasLanguageTests {
    static func session() -> Interpreter {
        let session = Interpreter.withFrameworks()
        session.clock = { 0 }
        return session
    }

    @Test func tutorialImportPathsAllReachTheSameNames() {
        let source = """
            import tensorflow as tf
            from tensorflow.keras.models import Sequential
            from tensorflow.keras.layers import Dense, Dropout
            from tensorflow import keras as tk
            from keras import layers, models, optimizers, losses, metrics, callbacks, regularizers, constraints, initializers, utils
            import keras
            print(Sequential is keras.Sequential, tf.keras.layers.Dense is Dense is layers.Dense, models.Sequential is Sequential, tk is keras)
            print(isinstance(Dense(2), layers.Layer), isinstance(Sequential(), keras.Sequential), type(Dropout(0.1)).__name__)
            """
        let result = Run.program(source, in: Self.session())
        #expect(result.error == nil, "\(result.error ?? "")")
        #expect(result.output == "True True True True\nTrue True Dropout\n")
    }

    @Test func classicMistakesAreKerasErrors() {
        let setUp = "import numpy as np\nimport keras\nfrom keras import layers\nmodel = keras.Sequential([layers.Dense(4, input_shape=(3,)), layers.Dense(1)])\n"
        let cases: [(String, String)] = [
            ("model.fit(np.zeros((4, 3)), np.zeros((4, 1)))", "ValueError: You must call `compile()` before using the model."),
            ("model.compile(optimizer='adam', loss='mean_sq_error')", "ValueError: Could not interpret loss identifier: mean_sq_error"),
            ("model.compile(optimizer='adamm', loss='mse')", "ValueError: Could not interpret optimizer identifier: adamm"),
            ("model.compile(loss='mse', metrics=['acc_score'])", "ValueError: Could not interpret metric identifier: acc_score"),
            ("layers.Dense(3, activation='relu6x')", "ValueError: Could not interpret activation function identifier: relu6x"),
            ("layers.Dense(0)", "ValueError: Received an invalid value for `units`, expected a positive integer. Received: units=0"),
            ("layers.Dropout(1.5)", "ValueError: Invalid value received for argument `rate`. Expected a float value between 0 and 1. Received: rate=1.5"),
            ("keras.optimizers.SGD(lr=0.1)", "ValueError: Argument(s) not recognized: {'lr': 0.1} (Keras 3 spells it learning_rate)"),
            ("model.compile(loss='mse')\nmodel.fit(np.zeros((4, 3)), np.zeros((5, 1)))",
             "'y' sizes: 5"),
            ("model.compile(loss='mse')\nmodel.fit(np.zeros((4, 3)), np.zeros((4, 1)), class_weight={0: 1})",
             "NotImplementedError: regtutor's Keras does not support `class_weight=` in fit yet"),
            ("model.set_weights([np.zeros((4, 3)), np.zeros(4), np.zeros((4, 1)), np.zeros(1)])",
             "ValueError: Layer sequential weight shape (3, 4) is not compatible with provided weight shape (4, 3)."),
            ("keras.callbacks.ModelCheckpoint('best.h5')", "ValueError: The filepath provided must end in `.keras` (Keras model format). Received: filepath=best.h5"),
            ("keras.Sequential([layers.Dense(2)]).count_params()",
             "ValueError: You tried to call `count_params` on layer 'sequential_1', but the layer isn't built. You can build it manually via: `layer.build(input_shape)`."),
        ]
        for (code, expected) in cases {
            let error = Run.program(setUp + code, in: Self.session()).error ?? ""
            #expect(error.contains(expected), "\(code)\n\(error)")
        }
        let shape = Run.program(setUp + "model.compile(loss='mse')\nmodel.predict(np.zeros((2, 5)), verbose=0)", in: Self.session()).error ?? ""
        #expect(shape.contains("line 6"))
        #expect(shape.contains("Input 0 with name 'None' of layer 'dense' is incompatible with the layer: expected axis -1 of input shape to have value 3, but received input with shape (2, 5)"))
    }

    @Test func aTorchOptimizerInCompileGetsAHint() {
        let source = """
            import torch
            import keras
            from keras import layers
            model = keras.Sequential([layers.Dense(1, input_dim=2)])
            model.compile(optimizer=torch.optim.SGD([torch.zeros(1, requires_grad=True)], lr=0.1), loss='mse')
            """
        #expect(Run.program(source, in: Self.session()).error?.contains("give compile() a Keras optimizer such as keras.optimizers.Adam()") == true)
    }

    @Test func kerasLayersInsideAnNNModuleFollowItsMode() {
        let source = """
            import torch
            import torch.nn as nn
            from keras import layers
            class Net(nn.Module):
                def __init__(self):
                    super().__init__()
                    self.fc = nn.Linear(3, 3)
                    self.noise = layers.GaussianNoise(0.5)
                def forward(self, x):
                    return self.noise(self.fc(x))
            torch.manual_seed(0)
            net = Net()
            x = torch.ones(2, 3)
            print(bool((net(x) != net.fc(x)).all()), [name for name, _ in net.named_children()])
            net.eval()
            print(bool((net(x) == net.fc(x)).all()))
            """
        let result = Run.program(source, in: Self.session())
        #expect(result.error == nil, "\(result.error ?? "")")
        #expect(result.output == "True ['fc', 'noise']\nTrue\n")
    }

    @Test func progressBarRedrawsOnATerminal() {
        let session = Self.session()
        session.outputIsTerminal = true
        var now = 0.0
        session.clock = { now += 0.1; return now }
        let source = """
            import numpy as np
            import keras
            from keras import layers
            keras.utils.set_random_seed(0)
            model = keras.Sequential([layers.Dense(1, input_dim=2)])
            model.compile(optimizer='sgd', loss='mse')
            h = model.fit(np.ones((64, 2)), np.ones((64, 1)), batch_size=32, epochs=1)
            """
        let result = Run.program(source, in: session)
        #expect(result.error == nil, "\(result.error ?? "")")
        let lines = result.output.split(separator: "\r", omittingEmptySubsequences: true)
        #expect(lines.count == 3, "\(result.output.debugDescription)")
        #expect(lines.first?.hasPrefix("1/2 ━━━━━━━━━━") == true)
        #expect(lines.last?.hasPrefix("2/2 ━━━━━━━━━━━━━━━━━━━━ ") == true && result.output.hasSuffix("\n"))
    }

    @Test func copiesSavesAndHistoriesBehaveLikeKeras() {
        let source = """
            import copy
            import numpy as np
            import keras
            from keras import layers
            keras.utils.set_random_seed(1)
            model = keras.Sequential([keras.Input(shape=(2,)), layers.Dense(3), layers.Dense(1)])
            twin = copy.deepcopy(model)
            print(twin.layers[0].name, bool((twin.get_weights()[0] == model.get_weights()[0]).all()), twin.layers[0] is model.layers[0])
            model.save('m.keras')
            loaded = keras.models.load_model('m.keras')
            model.layers[0].kernel.assign(np.zeros((2, 3)))
            print(float(np.abs(loaded.layers[0].kernel.numpy()).sum()) > 0, float(np.abs(model.layers[0].kernel.numpy()).sum()))
            model.compile(optimizer='sgd', loss='mse', metrics=['mae'])
            h = model.fit(np.ones((4, 2)), np.ones((4, 1)), epochs=2, verbose=0)
            print(sorted(h.history), h.epoch, h.params, h.model is model, model.history is h)
            """
        let result = Run.program(source, in: Self.session())
        #expect(result.error == nil, "\(result.error ?? "")")
        #expect(result.output == "dense True False\nTrue 0.0\n['loss', 'mae'] [0, 1] {'verbose': 0, 'epochs': 2, 'steps': 1} True True\n")
    }

    @Test func longFitsStopAtTheDeadline() {
        let session = Self.session()
        session.deadline = .now + .milliseconds(300)
        let source = """
            import numpy as np
            import keras
            from keras import layers
            model = keras.Sequential([layers.Dense(64, input_dim=8), layers.Dense(1)])
            model.compile(optimizer='adam', loss='mse')
            model.fit(np.ones((256, 8)), np.ones((256, 1)), epochs=100000, batch_size=1, verbose=0)
            """
        let result = Run.program(source, in: session)
        #expect(result.error?.contains("TimeoutError") == true, "\(result.error ?? "no error")")
    }
}
