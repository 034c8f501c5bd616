import Keras
import NeuralNet
import Python
import Regularization
import TensorEngine

/// The framework names, one namespace per file (`Torch.swift` is `torch`, `TorchNN.swift` is
/// `torch.nn`...), each written against the Python core's public API.
enum Bindings {}

extension BuiltinTable {
    /// Python's built-ins and every framework name: what a regtutor session knows.
    public static let frameworks = BuiltinTable(libraries: [.python, .frameworks])
}

extension BuiltinTable.Library {
    /// torch, nn, F, optim, keras, torchvision, numpy, augment, datasets, the plotting functions
    /// and regtutor's helpers.
    static var frameworks: BuiltinTable.Library {
        var library = BuiltinTable.Library()
        library.entries = Bindings.torchFunctions() + Bindings.storageFunctions() + Bindings.initFunctions() + Bindings.tensorMethods() + Bindings.tensorProperties()
            + Bindings.parameterClass() + Bindings.functionalFunctions() + Bindings.convolutionFunctions() + NNModule.methods() + [Bindings.resetNoise]
            + Bindings.optimClasses() + Bindings.optimizerMethods() + Bindings.dataClasses() + Bindings.regularizationFunctions()
            + Bindings.tutorFunctions() + Bindings.kerasRegularizers() + Bindings.kerasConstraints() + Bindings.kerasCallbacks()
            + Bindings.visionTransforms() + Bindings.visionFunctional() + Bindings.visionDatasets() + Bindings.augmentFunctions()
            + Bindings.datasetFunctions() + Bindings.plottingFunctions() + Bindings.numpyFunctions() + Bindings.numpyTypes() + Bindings.ndarrayMethods() + Bindings.numpyRandomFunctions()
            + KerasModelBindings.layerMethods() + KerasModelBindings.modelMethods() + KerasVariableObject.methods() + KerasOptimizerVariable.methods() + [KerasModelBindings.loadModel, KerasLayerClasses.input]
            + KerasTraining.optimizerClasses() + KerasTraining.lossClasses() + KerasTraining.metricClasses() + KerasTraining.metricMethods()
            + KerasTraining.initializerClasses() + KerasTraining.activationFunctions() + KerasTraining.utilityFunctions() + KerasCallbacks.classes()
        let regularizationLayers = Bindings.regularizationLayers()
        NNModule.layerClass(named: "NoisyLinear", in: regularizationLayers)?.define("reset_noise", .object(Bindings.resetNoise))
        library.classes = [("nn", "nn.Module", NNModule.base)]
            + (Bindings.nnClasses() + Bindings.convolutionClasses() + NNContainers.classes() + regularizationLayers).map { ("nn", "nn." + $0.name, $0) }
            + ([KerasLayerClasses.layerBase] + KerasLayerClasses.classes).map { ("layers", "layers." + $0.name, $0) }
            + [("keras", "keras.Sequential", KerasModelBindings.sequential), ("callbacks", "callbacks.Callback", KerasCallbacks.base),
               ("data", "data.Dataset", DatasetBase.cls)]
        library.ownerPaths = [
            "nn": "torch.nn", "F": "torch.nn.functional", "numpy": "numpy", "optim": "torch.optim", "lr_scheduler": "torch.optim.lr_scheduler",
            "nn.utils": "torch.nn.utils", "nn.init": "torch.nn.init", "data": "torch.utils.data",
            "regularizers": "keras.regularizers", "constraints": "keras.constraints", "callbacks": "keras.callbacks", "layers": "keras.layers",
            "models": "keras.models", "optimizers": "keras.optimizers", "losses": "keras.losses", "metrics": "keras.metrics",
            "initializers": "keras.initializers", "activations": "keras.activations", "utils": "keras.utils", "backend": "keras.backend",
            "transforms": "torchvision.transforms", "TF": "torchvision.transforms.functional", "vision.datasets": "torchvision.datasets",
        ]
        library.constants = constants()
        library.aliases = [("tensorflow.keras", "keras")] + Self.kerasModules.map { ("tensorflow.keras." + $0, "keras." + $0) }
            + [("torchvision.transforms.v2", "torchvision.transforms")]
        library.packages = ["torch", "torch.cuda", "torch.nn", "torch.nn.functional", "torch.optim", "torch.optim.lr_scheduler", "torch.nn.utils",
                            "torch.nn.init", "torch.utils", "torch.utils.data", "keras", "tensorflow", "tensorflow.random", "torchvision"]
            + Self.kerasModules.map { "keras." + $0 }
        library.importHints = [
            "torch": "import torch", "nn": "import torch.nn as nn", "F": "import torch.nn.functional as F",
            "optim": "import torch.optim as optim", "regularizers": "from tensorflow.keras import regularizers",
            "transforms": "import torchvision.transforms as transforms", "TF": "import torchvision.transforms.functional as TF",
            "np": "import numpy as np", "numpy": "import numpy as np",
        ]
        library.importable = ["torch", "torch.nn", "torch.nn.functional", "torch.optim", "torch.optim.lr_scheduler",
                              "torch.nn.utils", "torch.utils.data", "keras (also tensorflow.keras): " + Self.kerasModules.joined(separator: ", "),
                              "torchvision.transforms", "torchvision.transforms.functional", "torchvision.datasets", "numpy", "augment", "datasets"]
        library.parentTypes = ["Parameter": "Tensor", "keras.Sequential": "keras.Layer"]
        library.classBases = ["nn.Parameter": "torch.Tensor"]
        library.introduction = """
            regtutor speaks a small Python with PyTorch's names. Start with:
                import torch
                import torch.nn as nn
                x = torch.tensor([1.0, -2.0, 3.0], requires_grad=True)
            help(name) explains a built-in: help(torch.zeros), help(nn.Linear).
            dir(torch) lists what a module has; :help in the REPL lists its commands.
            """
        library.sessionSetUp = [{ session in
            session.resetHandlers.append { reset in
                reset.generator.manualSeed(RandomGenerator.defaultSeed)
                GradMode.isEnabled = true
                reset.lastFigure = nil
            }
        }]
        return library
    }

    /// Keras's sub-modules (each also under `tensorflow.keras`).
    static let kerasModules = ["layers", "models", "optimizers", "losses", "metrics", "callbacks", "regularizers", "constraints",
                               "initializers", "activations", "utils", "backend", "random"]

    /// `torch.float32`, `math`-like constants of torch, the transforms' interpolation modes, the
    /// thesaurus of the text augmentations and the names of the glyph images.
    private static func constants() -> [(module: String, name: String, value: Value)] {
        var result: [(module: String, name: String, value: Value)] = []
        let names: [(names: [String], dtype: DType)] = [
            (["float32", "float"], .float32), (["float64", "double"], .float64), (["int64", "long"], .int64),
            (["int32", "int"], .int32), (["int16", "short"], .int16), (["int8"], .int8), (["uint8"], .uint8), (["bool"], .bool),
        ]
        for (aliases, dtype) in names {
            let object = Value.object(DTypeObject(dtype))
            for name in aliases { result.append(("torch", name, object)) }
        }
        for name in ["float16", "half", "bfloat16"] { result.append(("torch", name, .object(UnsupportedDType(name: name)))) }
        result += [("torch", "pi", .float(Double.pi)), ("torch", "inf", .float(.infinity)), ("torch", "nan", .float(.nan))]
        result.append(("torchvision.transforms", "InterpolationMode", .object(InterpolationModeObject(nil))))
        let thesaurus = DictObject(strings: TextAugmentation.thesaurus.keys.sorted().map { word in
            (word, Value.list((TextAugmentation.thesaurus[word] ?? []).map { .string($0) }))
        })
        result.append(("augment", "THESAURUS", .dict(thesaurus)))
        result.append(("datasets", "GLYPH_NAMES", .list(Datasets.glyphNames.map { .string($0) })))
        let sequential = Value.object(KerasModelBindings.sequential)
        let input = Value.object(KerasLayerClasses.input)
        result += [("keras.models", "Sequential", sequential), ("keras", "Input", input), ("keras", "Layer", .object(KerasLayerClasses.layerBase))]
        result += [("numpy", "inf", .float(.infinity)), ("numpy", "nan", .float(.nan)), ("numpy", "pi", .float(Double.pi)),
                   ("numpy", "e", .float(2.718281828459045)), ("numpy", "newaxis", .none)]
        return result
    }
}

extension NNModule {
    /// The layer class with this name among `classes`.
    static func layerClass(named name: String, in classes: [ClassObject]) -> ClassObject? {
        classes.first { $0.name == name }
    }
}
