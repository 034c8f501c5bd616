import TensorEngine

extension Tensor {
    /// The elements as float32 values, for the tests' comparisons.
    var elements: [Float] { floats }
}
