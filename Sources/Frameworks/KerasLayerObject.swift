import Keras
import NeuralNet
import Python
import TensorEngine

/// A Keras layer or model as Python sees it (`layers.Dense(8)`, `keras.Sequential([...])`). The
/// engine's layer keeps a back-pointer to this object, so `model.layers[0] is model.layers[0]`
/// and attributes a student sets on a layer stay with it.
final class KerasLayerObject: PythonObject {
    let layer: Keras.Layer
    /// True once the layer is inside a PyTorch module: a call without `training` then follows
    /// `train()`/`eval()` instead of Keras's inference default.
    var followsTorchMode = false
    /// Attributes a student set that Keras layers do not have.
    private var extra: [String: Value] = [:]
    private var extraOrder: [String] = []

    private init(_ layer: Keras.Layer) { self.layer = layer }

    /// The one Python object of an engine layer.
    static func of(_ layer: Keras.Layer) -> KerasLayerObject {
        if let existing = layer.binding as? KerasLayerObject { return existing }
        let made = KerasLayerObject(layer)
        layer.binding = made
        return made
    }

    var model: Keras.Sequential? { layer as? Keras.Sequential }

    var typeName: String { layer.typeName }
    var classKey: String { model != nil ? "keras.Sequential" : "layers." + layer.typeName }
    var methodTable: String { model != nil ? "keras.Sequential" : "keras.Layer" }
    var isCallable: Bool { true }

    func call(_ arguments: Arguments, in interpreter: Interpreter) throws -> Value {
        let bound = try KerasValues.bind("__call__(inputs, training=None, mask=None)", arguments)
        let x = try KerasValues.tensor(bound["inputs"], name: "inputs", in: interpreter)
        if bound.isNone("training"), !followsTorchMode, let model = layer as? Keras.Sequential {
            return .tensor(try model.callWithEachLayersDefault(x))
        }
        let training = bound.isNone("training") ? (followsTorchMode ? layer.training : layer.trainsByDefault) : try interpreter.truth(bound["training"])
        return .tensor(try layer(x, training: training))
    }

    func repr(in interpreter: Interpreter) throws -> String { layer.description }

    func attribute(_ name: String, in interpreter: Interpreter) throws -> Value? {
        if let value = extra[name] { return value }
        if let value = try KerasLayerAttributes.value(of: layer, name, in: interpreter) { return value }
        return nil
    }

    func setAttribute(_ name: String, to value: Value, in interpreter: Interpreter) throws {
        switch name {
        case "trainable": layer.trainable = try interpreter.truth(value)
        case "name":
            guard case .string(let text) = value else { throw PythonError(.typeError, "a layer's name must be a string, got \(value.typeName)") }
            layer.name = text
        case "stop_training":
            guard let model else { fallthrough }
            model.stopTraining = try interpreter.truth(value)
        default:
            if KerasLayerAttributes.readOnly.contains(name) {
                throw PythonError(.attributeError, "property '\(name)' of '\(layer.typeName)' object has no setter")
            }
            if extra[name] == nil { extraOrder.append(name) }
            extra[name] = value
        }
    }

    var attributeNames: [String] { KerasLayerAttributes.names(of: layer) + extraOrder }

    func deepCopy(_ copier: DeepCopier) throws -> Value? {
        guard let copied = try layer.copy() as? Keras.Layer else { return nil }
        return .object(KerasLayerObject.of(copied))
    }
}

/// What Keras layers and models answer as attributes.
enum KerasLayerAttributes {
    static let readOnly: Set<String> = ["weights", "trainable_weights", "non_trainable_weights", "built", "layers", "losses",
                                        "kernel", "bias", "gamma", "beta", "moving_mean", "moving_variance", "input_shape", "output_shape"]

    static func names(of layer: Keras.Layer) -> [String] {
        var names = ["name", "trainable", "built", "weights", "trainable_weights", "non_trainable_weights", "losses", "dtype"]
        names += layer.ownWeights.map(\.name)
        names += layer.config.map(\.0).filter { !names.contains($0) }
        if layer is Keras.Sequential { names += ["layers", "optimizer", "loss", "history", "stop_training", "metrics_names", "input_shape", "output_shape"] }
        return names
    }

    static func weights(_ list: [KerasWeight]) -> Value { .list(list.map { .object(KerasVariableObject($0)) }) }

    static func value(of layer: Keras.Layer, _ name: String, in interpreter: Interpreter) throws -> Value? {
        switch name {
        case "name": return .string(layer.name)
        case "trainable": return .bool(layer.trainable)
        case "built": return .bool(layer.isBuilt)
        case "dtype": return .string("float32")
        case "weights": return weights(layer.weights)
        case "trainable_weights", "trainable_variables": return weights(layer.trainableWeights)
        case "non_trainable_weights", "non_trainable_variables": return weights(layer.nonTrainableWeights)
        case "losses": return .list(try layer.losses.map { .tensor($0) })
        case "input_shape", "output_shape":
            guard let input = layer.builtInputShape else {
                throw PythonError(.attributeError, "The layer \"\(layer.name)\" has never been called and thus has no defined \(name.replacingOccurrences(of: "_", with: " ")).")
            }
            return KerasValues.shape(name == "input_shape" ? input : try layer.outputShape(for: input))
        default: break
        }
        if let weight = layer.weight(named: name) { return .object(KerasVariableObject(weight)) }
        if let model = layer as? Keras.Sequential { return try modelValue(of: model, name, in: interpreter) }
        return settingValue(of: layer, name)
    }

    private static func modelValue(of model: Keras.Sequential, _ name: String, in interpreter: Interpreter) throws -> Value? {
        switch name {
        case "layers": return .list(model.layers.map { .object(KerasLayerObject.of($0)) })
        case "optimizer": return model.compiled.map { .object(KerasOptimizerObject.of($0.optimizer)) } ?? Value.none
        case "loss": return model.compiled?.loss.map { .object(KerasLossObject($0)) } ?? Value.none
        case "history": return model.history.map { .object(KerasHistoryObject.of($0, in: interpreter)) } ?? Value.none
        case "stop_training": return .bool(model.stopTraining)
        case "metrics_names": return .list((["loss"] + (model.compiled?.metrics.map(\.name) ?? [])).map { .string($0) })
        case "compiled": return .bool(model.compiled != nil)
        default: return nil
        }
    }

    /// A constructor setting (`units`, `rate`, `momentum`...), as Python values.
    private static func settingValue(of layer: Keras.Layer, _ name: String) -> Value? {
        switch (layer, name) {
        case (let dense as Keras.Dense, "units"): return .int(dense.units)
        case (let dense as Keras.Dense, "use_bias"): return .bool(dense.useBias)
        case (let dense as Keras.Dense, "activation"): return .object(KerasActivationObject(dense.activation))
        case (let dense as Keras.Dense, "kernel_constraint"): return dense.kernelConstraint.map { .object(ConstraintObject($0)) } ?? Value.none
        case (let dense as Keras.Dense, "bias_constraint"): return dense.biasConstraint.map { .object(ConstraintObject($0)) } ?? Value.none
        case (let dense as Keras.Dense, "kernel_regularizer"): return dense.kernelRegularizer.map { .object(RegularizerObject($0)) } ?? Value.none
        case (let dense as Keras.Dense, "bias_regularizer"): return dense.biasRegularizer.map { .object(RegularizerObject($0)) } ?? Value.none
        case (let activation as Keras.Activation, "activation"): return .object(KerasActivationObject(activation.function))
        case (let dropout as Keras.Dropout, "rate"): return .float(dropout.rate)
        case (let dropout as Keras.Dropout, "seed"): return dropout.seed.map { .int($0) } ?? Value.none
        case (let dropout as Keras.AlphaDropout, "rate"): return .float(dropout.rate)
        case (let noise as Keras.GaussianNoise, "stddev"): return .float(noise.stddev)
        case (let dropout as Keras.GaussianDropout, "rate"): return .float(dropout.rate)
        case (let bn as Keras.BatchNormalization, "momentum"): return .float(bn.momentum)
        case (let bn as Keras.BatchNormalization, "epsilon"): return .float(bn.epsilon)
        case (let bn as Keras.BatchNormalization, "axis"): return .int(bn.axis)
        case (let bn as Keras.BatchNormalization, "center"): return .bool(bn.center)
        case (let bn as Keras.BatchNormalization, "scale"): return .bool(bn.scale)
        default: return nil
        }
    }
}

/// A Keras weight (`layer.kernel`, `model.weights[0]`): Keras's `Variable`, printed as Keras
/// prints it. Arithmetic on it gives tensors, as Keras on torch does.
final class KerasVariableObject: PythonObject {
    let weight: KerasWeight
    init(_ weight: KerasWeight) { self.weight = weight }

    var typeName: String { "Variable" }
    var classKey: String { "keras.Variable" }
    var methodTable: String { "keras.Variable" }
    var identity: ObjectIdentifier { ObjectIdentifier(weight) }

    var tensor: Tensor { weight.variable.tensor }

    func repr(in interpreter: Interpreter) throws -> String {
        let array = try NDArray(shape: tensor.shape, elements: tensor.doubles, dtype: .float32)
        var value = try array.str(in: interpreter)
        if tensor.rank == 0 { value = PythonFloat.repr(tensor.doubles.first ?? 0) }
        return "<Variable path=\(weight.path), shape=\(weight.shapeDescription), dtype=float32, value=\(value)>"
    }

    func attribute(_ name: String, in interpreter: Interpreter) throws -> Value? {
        switch name {
        case "name": return .string(weight.name)
        case "path": return .string(weight.path)
        case "shape": return .tuple(tensor.shape.map { .int($0) })
        case "ndim": return .int(tensor.rank)
        case "dtype": return .string("float32")
        case "trainable": return .bool(weight.trainable)
        case "value": return .tensor(weight.variable.tensor)
        case "regularizer": return weight.regularizer.map { .object(RegularizerObject($0)) } ?? Value.none
        case "constraint": return weight.constraint.map { .object(ConstraintObject($0)) } ?? Value.none
        default: return nil
        }
    }

    var attributeNames: [String] { ["name", "path", "shape", "ndim", "dtype", "trainable", "value", "regularizer", "constraint"] }

    func length(in interpreter: Interpreter) throws -> Int? {
        guard let first = tensor.shape.first else { throw PythonError(.typeError, "len() of a 0-d variable") }
        return first
    }

    func item(at index: Value, in interpreter: Interpreter) throws -> Value? {
        try interpreter.item(of: .tensor(weight.value), at: index)
    }

    func binaryOperation(_ op: BinaryOperator, _ other: Value, reflected: Bool, in interpreter: Interpreter) throws -> Value? {
        let mine = Value.tensor(tensor)
        let theirs = KerasValues.asTensorValue(other)
        let (a, b) = reflected ? (theirs, mine) : (mine, theirs)
        guard (try? a.asOperandTensor()) != nil, (try? b.asOperandTensor()) != nil else { return nil }
        return try TensorOperators.binary(op, a, b)
    }

    func unaryOperation(_ op: UnaryOperator, in interpreter: Interpreter) throws -> Value? {
        guard case .object(let t) = Value.tensor(tensor) else { return nil }
        return try t.unaryOperation(op, in: interpreter)
    }
}

extension KerasVariableObject {
    static func methods() -> [Builtin] {
        func method(_ signature: String, doc: String, _ body: @escaping (KerasWeight, BoundArguments, Interpreter) throws -> Value) -> Builtin {
            Builtin("keras.Variable", signature, kind: .method, doc: doc) { a, interpreter in
                guard case .object(let object as KerasVariableObject) = a["self"] else { throw a.mistake("self", "a Keras variable", a["self"]) }
                return try body(object.weight, a, interpreter)
            }
        }
        func assign(_ weight: KerasWeight, _ value: Tensor) throws -> Value {
            guard value.shape == weight.variable.tensor.shape || value.count == 1 else {
                throw PythonError(.valueError, "The shape of the target variable and the shape of the target value in `variable.assign(value)` must match. variable.shape=\(weight.shapeDescription), Received: value.shape=\(KerasShape.describe(value.shape.map { Optional($0) })). Target variable: \(weight.path)")
            }
            let full = value.count == 1 && value.shape != weight.variable.tensor.shape ? try Tensor.full(weight.variable.tensor.shape, value.doubles[0], dtype: weight.variable.tensor.dtype) : value
            try weight.variable.overwrite(with: full)
            return .none
        }
        return [
            method("numpy(self)", doc: "The values as a NumPy array.") { weight, _, _ in try KerasValues.array(weight.value) },
            method("assign(self, value)", doc: "Replaces the values (same shape).") { weight, a, interpreter in
                try assign(weight, try KerasValues.tensor(a["value"], name: "value", in: interpreter).converted(to: .float32))
            },
            method("assign_add(self, value)", doc: "Adds to the values.") { weight, a, interpreter in
                try assign(weight, try weight.value + KerasValues.tensor(a["value"], name: "value", in: interpreter).converted(to: .float32))
            },
            method("assign_sub(self, value)", doc: "Subtracts from the values.") { weight, a, interpreter in
                try assign(weight, try weight.value - KerasValues.tensor(a["value"], name: "value", in: interpreter).converted(to: .float32))
            },
        ]
    }
}

/// A Keras activation given back as an attribute (`layer.activation`), printed as Keras's
/// function would be.
final class KerasActivationObject: PythonObject {
    let function: ActivationFunction
    init(_ function: ActivationFunction) { self.function = function }
    var typeName: String { "function" }
    var isCallable: Bool { true }
    func repr(in interpreter: Interpreter) throws -> String { "<function \(function.rawValue) at \(interpreter.address(of: self))>" }
    func call(_ arguments: Arguments, in interpreter: Interpreter) throws -> Value {
        guard arguments.positional.count == 1, arguments.keywords.isEmpty else {
            throw PythonError(.typeError, "\(function.rawValue)() takes 1 positional argument but \(arguments.positional.count) were given")
        }
        return .tensor(try function(try KerasValues.tensor(arguments.positional[0], name: "x", in: interpreter)))
    }
}
