/// Random tensors, drawn exactly as PyTorch draws them (one draw per element, row-major order).
extension Tensor {
    /// Uniform samples in [0, 1), like `torch.rand(shape)`.
    public static func rand(_ shape: [Int], generator: RandomGenerator) throws -> Tensor {
        let count = try Shape.count(shape)
        return Tensor(shape: shape, elements: (0..<count).map { _ in generator.uniformFloat() })
    }

    /// Uniform samples in [low, high), like `torch.empty(shape).uniform_(low, high)`. As in
    /// PyTorch, the bounds are rounded to float32 and `u * (high - low) + low` is computed in double.
    public static func uniform(_ shape: [Int], low: Double, high: Double, generator: RandomGenerator) throws -> Tensor {
        let count = try Shape.count(shape)
        let (from, to) = (Double(Float(low)), Double(Float(high)))
        return Tensor(shape: shape, elements: (0..<count).map { _ in
            Float(Double(generator.uniformFloat()) * (to - from) + from)
        })
    }

    /// Standard normal samples, like `torch.randn(shape)`.
    ///
    /// ```swift
    /// try Tensor.randn([4], generator: RandomGenerator(seed: 0))
    /// // tensor([ 1.5410, -0.2934, -2.1788,  0.5684])
    /// ```
    public static func randn(_ shape: [Int], generator: RandomGenerator) throws -> Tensor {
        try normal(shape, mean: 0, std: 1, generator: generator)
    }

    /// Normal samples with a mean and standard deviation, like `torch.normal(mean, std, size)`.
    public static func normal(_ shape: [Int], mean: Float, std: Float, generator: RandomGenerator) throws -> Tensor {
        guard std >= 0 else { throw TensorError.runtime("normal expects std >= 0.0, but found std \(std)") }
        let count = try Shape.count(shape)
        return Tensor(shape: shape, elements: generator.normalValues(count, mean: mean, std: std))
    }

    /// Whole numbers in `low..<high`, like `torch.randint(low, high, shape)` (dtype int64).
    public static func randint(_ low: Int, _ high: Int, _ shape: [Int], generator: RandomGenerator) throws -> Tensor {
        guard high > low else {
            throw TensorError.runtime("random_ expects 'from' to be less than 'to', but got from=\(low) >= to=\(high)")
        }
        let count = try Shape.count(shape)
        return try Tensor((0..<count).map { _ in Float(generator.integer(in: low, high)) }, shape: shape, dtype: .int64)
    }

    /// A random permutation of `0..<n`, like `torch.randperm(n)` (dtype int64).
    public static func randperm(_ n: Int, generator: RandomGenerator) throws -> Tensor {
        guard n >= 0 else { throw TensorError.runtime("n must be non-negative, got\(n)") }
        _ = try Shape.count([n])
        return try Tensor(generator.permutation(n).map(Float.init), shape: [n], dtype: .int64)
    }

    /// 1 with probability `p`, else 0, for every element: PyTorch's `bernoulli_(p)` on a tensor of
    /// this shape (a 53-bit uniform per element is compared with p).
    public static func bernoulli(_ shape: [Int], p: Double, generator: RandomGenerator) throws -> Tensor {
        guard p >= 0 && p <= 1 else {
            throw TensorError.runtime("bernoulli_ expects p to be in [0, 1], but got p=\(p)")
        }
        let count = try Shape.count(shape)
        return Tensor(shape: shape, elements: generator.bernoulliMask(count, p: p))
    }

    /// 1 with the probability each element of this tensor gives, like `torch.bernoulli(probs)`
    /// (here PyTorch compares a 24-bit float uniform with each probability).
    public func bernoulli(generator: RandomGenerator) throws -> Tensor {
        for p in elements where !(p >= 0 && p <= 1) {
            throw TensorError.runtime("Expected p_in >= 0 && p_in <= 1 to be true, but got false.")
        }
        return map(dtype: .float32) { p in generator.uniformFloat() < p ? 1 : 0 }
    }
}
