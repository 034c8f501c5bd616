import Testing
import NeuralNet
import Regularization
import TensorEngine
@testable import Keras

/// The Keras engine on its own. Expected values were printed by Keras 3.15 on torch 2.15 (CPU,
/// `KERAS_BACKEND=torch`), e.g. `keras.initializers.GlorotUniform(seed=12)((3, 2)).numpy()`.
@Suite struct KerasEngineTests {
    /// A context whose Python `random.randint(1, 10**9)` gives `seeds` in turn (what
    /// `random.seed(0)` gives: 906691060, 413654000, ...).
    static func context(seeds: [Int] = [906_691_060, 413_654_000, 813_847_340], torchSeed: UInt64 = 0) -> KerasContext {
        var remaining = seeds
        return KerasContext(generator: RandomGenerator(seed: torchSeed), pythonRandom: { _, _ in remaining.isEmpty ? 1 : remaining.removeFirst() },
                            clock: { 0 })
    }

    static func close(_ a: [Float], _ b: [Float], tolerance: Float = 1e-6) -> Bool {
        a.count == b.count && zip(a, b).allSatisfy { abs($0 - $1) <= tolerance * max(1, abs($1)) }
    }

    @Test func initializersDrawKerasValuesFromTheirSeed() throws {
        let glorot = try Initializer.glorotUniform(seed: 12)([3, 2])
        #expect(Self.close(glorot.elements, [-0.07517504692077637, -0.5854786038398743, -0.10358309745788574, 0.19085335731506348, -0.20014935731887817, -0.8168197870254517]))
        let heNormal = try #require(Initializer.named("he_normal", seed: { 12 }))
        let he = try heNormal([4, 5])
        #expect(Self.close(Array(he.elements.prefix(5)), [-0.10612151771783829, -0.7144486308097839, -0.8937532305717468, -0.4105139672756195, -0.3962056636810303]))
        let randomNormal = try #require(Initializer.named("random_normal", seed: { 1 }))
        let normal = try randomNormal([2])
        #expect(Self.close(normal.elements, [0.03306761011481285, 0.013346204534173012]))
        #expect(Initializer.named("glorot", seed: { 1 }) == nil)
    }

    @Test func seededDropoutAndNoiseCountTheirCalls() throws {
        let context = Self.context()
        let dropout = try Keras.Dropout(rate: 0.5, seed: 5, context: context)
        let x = try Tensor.ones([2, 4])
        #expect(try dropout(x, training: true).elements == [0, 2, 0, 0, 0, 2, 2, 0])
        #expect(try dropout(x, training: true).elements == [0, 0, 0, 0, 2, 2, 0, 0])
        #expect(try dropout(x, training: false).elements == x.elements)
        let noise = try Keras.GaussianNoise(stddev: 0.1, seed: 3, context: context)
        let noisy = try noise(try Tensor.zeros([20]), training: true)
        #expect(Self.close(Array(noisy.elements.prefix(4)), [-0.007664429489523172, 0.03598815202713013, -0.07820168137550354, 0.007152773439884186]))
        #expect(throws: TensorError.self) { try Keras.Dropout(rate: 1.5, context: context) }
    }

    @Test func globalSeedGeneratorStepsByKerasHash() throws {
        // keras.utils.set_random_seed(0); keras.random.normal((3,)) twice.
        let context = Self.context()
        let first = try KerasRandom.normal([3], seed: nil, context: context)
        let second = try KerasRandom.normal([3], seed: nil, context: context)
        #expect(Self.close(first.elements, [0.49599817395210266, -0.9285809993743896, 1.1814895868301392]))
        #expect(Self.close(second.elements, [-0.6580419540405273, -0.28131675720214844, 0.1265745311975479]))
        #expect(Self.close(try KerasRandom.uniform([2], seed: 7, context: context).elements, [0.5349225401878357, 0.19880318641662598]))
    }

    @Test func namesCountPerKindAndModelsBuildFromTheirInput() throws {
        let context = Self.context()
        let dense = try Keras.Dense(units: 6, kernelInitializer: .glorotUniform(seed: context.defaultSeed()), context: context)
        let bn = Keras.BatchNormalization(context: context)
        let dense1 = try Keras.Dense(units: 1200, kernelInitializer: .glorotUniform(seed: context.defaultSeed()), context: context)
        let model = try Keras.Sequential(layers: [Keras.InputLayer(shape: [4], context: context), dense, bn, dense1], name: "wide_model_with_a_long_name", context: context)
        #expect([dense.name, bn.name, dense1.name] == ["dense", "batch_normalization", "dense_1"])
        #expect(model.isBuilt && dense.kernel?.path == "wide_model_with_a_long_name/dense/kernel")
        try model.add(try Keras.Dense(units: 1000, kernelInitializer: .zeros, context: context))
        // keras.Sequential([...], name=...).summary(line_length=56), as a 60-column terminal gives it.
        #expect(try model.summary(columns: 60) == """
            Model: "wide_model_with_a_long_name"
            ┏━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━┓
            ┃ Layer (type)           ┃ Output Shape    ┃   Param # ┃
            ┡━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━┩
            │ dense (Dense)          │ (None, 6)       │        30 │
            ├────────────────────────┼─────────────────┼───────────┤
            │ batch_normalization    │ (None, 6)       │        24 │
            │ (BatchNormalization)   │                 │           │
            ├────────────────────────┼─────────────────┼───────────┤
            │ dense_1 (Dense)        │ (None, 1200)    │     8,400 │
            ├────────────────────────┼─────────────────┼───────────┤
            │ dense_2 (Dense)        │ (None, 1000)    │ 1,201,000 │
            └────────────────────────┴─────────────────┴───────────┘
             Total params: 1,209,454 (4.61 MB)
             Trainable params: 1,209,442 (4.61 MB)
             Non-trainable params: 12 (48.00 B)
            """)
        #expect(throws: TensorError.self) { try model.summary(columns: 10) }
    }

    @Test func wrongInputShapeIsKerasError() throws {
        let context = Self.context()
        let model = try Keras.Sequential(layers: [Keras.InputLayer(shape: [3], context: context),
                                                  try Keras.Dense(units: 2, kernelInitializer: .ones, context: context)], context: context)
        do {
            _ = try model(try Tensor.ones([2, 5]), training: false)
            Issue.record("a (2, 5) batch went through a layer built for 3 inputs")
        } catch let error as TensorError {
            #expect(error.message.contains("Input 0 with name 'None' of layer 'dense' is incompatible with the layer: expected axis -1 of input shape to have value 3, but received input with shape (2, 5)"))
            #expect(error.message.hasPrefix("Exception encountered when calling Sequential.call()."))
        }
    }

    @Test func progressLinesAndCheckpointNames() throws {
        #expect(ProgressBar.formatTime(0) == " 0s/step")
        #expect(ProgressBar.formatTime(0.0123) == " 12ms/step")
        #expect(ProgressBar.formatTime(0.00045) == " 450us/step")
        #expect(ProgressBar.number(0.95264, signed: true) == "0.9526")
        #expect(ProgressBar.number(0.0002, signed: true) == "2.0000e-04")
        var written = ""
        let context = Self.context()
        context.write = { written += $0 }
        var bar = ProgressBar(target: 12, verbose: 1, context: context)
        bar.update(3, values: [("loss", 1)], finalize: false)
        bar.update(12, values: [("loss", 0.5), ("val_loss", 0.00012)], finalize: true)
        #expect(written == "12/12 ━━━━━━━━━━━━━━━━━━━━ 0s 0s/step - loss: 0.5000 - val_loss: 1.2000e-04\n")
        let logs = Logs([("loss", 0.25), ("val_loss", 0.123456)])
        #expect(try ModelCheckpoint.fill("model_{epoch:02d}_{val_loss:.3f}.keras", epoch: 7, logs: logs) == "model_07_0.123.keras")
        #expect(throws: TensorError.self) { try ModelCheckpoint.fill("m_{acc}.keras", epoch: 1, logs: logs) }
    }

    @Test func kerasAdamIsNotPyTorchsAdam() throws {
        // One Keras Adam step on w = 1 with g = 0.5: m = 0.05, v = 0.00025, alpha = lr·√(1-β2)/(1-β1),
        // w -= alpha·m/(√v + 1e-7) → 1 - 0.001·(0.05/0.1)/(0.015811388 + 1e-7)·0.0316227766
        let w = Variable(try Tensor([1]).requiringGrad(), isParameter: true)
        let adam = try Keras.Adam()
        try adam.apply([(w, try Tensor([0.5]))])
        #expect(abs(w.tensor.elements[0] - 0.99900000632) < 1e-7)
        #expect(adam.iterations == 1 && adam.variableCount == 4)
    }
}
