import Foundation
import Keras
import Python
import TensorEngine

/// `layers.Conv2D`, `layers.MaxPooling2D`, `layers.AveragePooling2D`: Keras's convolutional
/// layers on channels-last images.
extension KerasLayerClasses {
    static var convolutionClasses: [ClassObject] { [conv2D, maxPooling2D, averagePooling2D] }

    /// An int or a pair: `kernel_size=3`, `strides=(2, 1)`.
    static func pair(_ value: Value, _ name: String) throws -> (Int, Int) {
        if let n = value.exactInt { return (n, n) }
        guard let items = value.tupleItems ?? value.listItems, items.count == 2, let first = items[0].exactInt, let second = items[1].exactInt else {
            throw PythonError(.valueError, "The `\(name)` argument must be a tuple of 2 integers. Received \(name)=\(PythonFormat.plainRepr(value))")
        }
        return (first, second)
    }

    static func padding(_ a: BoundArguments) throws -> Bool {
        switch try a.string("padding").lowercased() {
        case "same": return true
        case "valid": return false
        default: throw PythonError(.valueError, "The `padding` argument must be a string 'valid' or 'same'. Received: padding=\(PythonFormat.plainRepr(a["padding"]))")
        }
    }

    static func channelsLast(_ a: BoundArguments) throws {
        if !a.isNone("data_format"), try a.string("data_format") != "channels_last" {
            throw PythonError(.notImplementedError, "regtutor's Keras images are channels last, (batch, height, width, channels): data_format='channels_first' is not there")
        }
    }

    static let conv2D = make(
        "Conv2D(filters, kernel_size, strides=(1, 1), padding='valid', data_format=None, dilation_rate=(1, 1), groups=1, activation=None, use_bias=True, kernel_initializer='glorot_uniform', bias_initializer='zeros', kernel_regularizer=None, bias_regularizer=None, activity_regularizer=None, kernel_constraint=None, bias_constraint=None)",
        doc: "A 2-d convolution on channels-last images (batch, height, width, channels): filters kernels of kernel_size slide over the image with strides; padding='same' keeps the size (at stride 1). The kernel has shape (kh, kw, channels, filters), drawn by glorot_uniform from the layer's seed, and runs on the same convolution as nn.Conv2d.",
        example: "model = keras.Sequential([keras.Input(shape=(8, 8, 1)), layers.Conv2D(8, 3, activation='relu'), layers.MaxPooling2D(), layers.Flatten(), layers.Dense(4)])"
    ) { a, _, context in
        try channelsLast(a)
        return try Keras.Conv2D(filters: try a.int("filters"), kernelSize: try pair(a["kernel_size"], "kernel_size"), strides: try pair(a["strides"], "strides"),
                                samePadding: try padding(a), dilationRate: try pair(a["dilation_rate"], "dilation_rate"), groups: try a.int("groups"),
                                activation: try KerasArguments.activation(a["activation"]), useBias: try a.bool("use_bias"),
                                kernelInitializer: try KerasArguments.initializer(a["kernel_initializer"], context: context),
                                biasInitializer: try KerasArguments.initializer(a["bias_initializer"], context: context),
                                kernelRegularizer: try KerasArguments.regularizer(a["kernel_regularizer"]),
                                biasRegularizer: try KerasArguments.regularizer(a["bias_regularizer"]),
                                activityRegularizer: try KerasArguments.regularizer(a["activity_regularizer"]),
                                kernelConstraint: try KerasArguments.constraint(a["kernel_constraint"]),
                                biasConstraint: try KerasArguments.constraint(a["bias_constraint"]), name: try name(a), context: context)
    }

    private static func pooling(_ isMax: Bool) -> ClassObject {
        make("\(isMax ? "MaxPooling2D" : "AveragePooling2D")(pool_size=(2, 2), strides=None, padding='valid', data_format=None)",
             doc: "The \(isMax ? "largest value" : "mean") of each pool_size window of channels-last images, stepping by strides (pool_size when None): the default halves the height and width.",
             example: "layers.\(isMax ? "MaxPooling2D" : "AveragePooling2D")(pool_size=2)") { a, _, context in
            try channelsLast(a)
            return try Keras.Pooling2D(max: isMax, poolSize: try pair(a["pool_size"], "pool_size"), strides: a.isNone("strides") ? nil : try pair(a["strides"], "strides"),
                                       samePadding: try padding(a), name: try name(a), context: context)
        }
    }

    static let maxPooling2D = pooling(true)
    static let averagePooling2D = pooling(false)
}
