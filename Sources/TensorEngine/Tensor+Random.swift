/// Random tensors, drawn exactly as PyTorch draws them (one draw per element, row-major order):
/// float32 from 24-bit uniforms, float64 from 53-bit ones.
extension Tensor {
    /// Uniform samples in [0, 1), like `torch.rand(shape)`.
    public static func rand(_ shape: [Int], generator: RandomGenerator, dtype: DType = DefaultDType.float) throws -> Tensor {
        let count = try Shape.count(shape)
        if dtype == .float64 {
            return try Tensor((0..<count).map { _ in generator.uniformDouble() }, shape: shape, dtype: dtype)
        }
        return try Tensor((0..<count).map { _ in generator.uniformFloat() }, shape: shape, dtype: dtype)
    }

    /// Uniform samples in [low, high), like `torch.empty(shape).uniform_(low, high)`. As in
    /// PyTorch, for float32 the bounds are rounded to float32 and `u * (high - low) + low` is
    /// computed in double; float64 uses a 53-bit u.
    public static func uniform(_ shape: [Int], low: Double, high: Double, generator: RandomGenerator,
                               dtype: DType = DefaultDType.float) throws -> Tensor {
        let count = try Shape.count(shape)
        if dtype == .float64 {
            return try Tensor((0..<count).map { _ in generator.uniformDouble() * (high - low) + low }, shape: shape, dtype: dtype)
        }
        let (from, to) = (Double(Float(low)), Double(Float(high)))
        return try Tensor((0..<count).map { _ in
            Float(Double(generator.uniformFloat()) * (to - from) + from)
        }, shape: shape, dtype: dtype)
    }

    /// Standard normal samples, like `torch.randn(shape)`.
    ///
    /// ```swift
    /// try Tensor.randn([4], generator: RandomGenerator(seed: 0))
    /// // tensor([ 1.5410, -0.2934, -2.1788,  0.5684])
    /// ```
    public static func randn(_ shape: [Int], generator: RandomGenerator, dtype: DType = DefaultDType.float) throws -> Tensor {
        try normal(shape, mean: 0, std: 1, generator: generator, dtype: dtype)
    }

    /// Normal samples with a mean and standard deviation, like `torch.normal(mean, std, size)`.
    public static func normal(_ shape: [Int], mean: Double, std: Double, generator: RandomGenerator,
                              dtype: DType = DefaultDType.float) throws -> Tensor {
        guard std >= 0 else { throw TensorError.runtime("normal expects std >= 0.0, but found std \(std)") }
        let count = try Shape.count(shape)
        if dtype == .float64 {
            return try Tensor(generator.normalDoubles(count, mean: mean, std: std), shape: shape, dtype: dtype)
        }
        return try Tensor(generator.normalValues(count, mean: Float(mean), std: Float(std)), shape: shape, dtype: dtype)
    }

    /// Whole numbers in `low..<high`, like `torch.randint(low, high, shape)` (dtype int64).
    public static func randint(_ low: Int, _ high: Int, _ shape: [Int], generator: RandomGenerator, dtype: DType = .int64) throws -> Tensor {
        guard high > low else {
            throw TensorError.runtime("random_ expects 'from' to be less than 'to', but got from=\(low) >= to=\(high)")
        }
        let count = try Shape.count(shape)
        return try Tensor((0..<count).map { _ in Int64(generator.integer(in: low, high)) }, shape: shape, dtype: dtype)
    }

    /// A random permutation of `0..<n`, like `torch.randperm(n)` (dtype int64).
    public static func randperm(_ n: Int, generator: RandomGenerator, dtype: DType = .int64) throws -> Tensor {
        guard n >= 0 else { throw TensorError.runtime("n must be non-negative, got\(n)") }
        _ = try Shape.count([n])
        return try Tensor(generator.permutation(n).map { Int64($0) }, shape: [n], dtype: dtype)
    }

    /// 1 with probability `p`, else 0, for every element: PyTorch's `bernoulli_(p)` on a tensor of
    /// this shape (a 53-bit uniform per element is compared with p).
    public static func bernoulli(_ shape: [Int], p: Double, generator: RandomGenerator, dtype: DType = DefaultDType.float) throws -> Tensor {
        guard p >= 0 && p <= 1 else {
            throw TensorError.runtime("bernoulli_ expects p to be in [0, 1], but got p=\(p)")
        }
        let count = try Shape.count(shape)
        return try Tensor(generator.bernoulliMask(count, p: p), shape: shape, dtype: dtype)
    }

    /// 1 with the probability each element of this tensor gives, like `torch.bernoulli(probs)`
    /// (here PyTorch compares a 24-bit float uniform with each probability).
    public func bernoulli(generator: RandomGenerator) throws -> Tensor {
        let probabilities = doubles
        for p in probabilities where !(p >= 0 && p <= 1) {
            throw TensorError.runtime("Expected p_in >= 0 && p_in <= 1 to be true, but got false.")
        }
        let type = dtype.isFloatingPoint ? dtype : DefaultDType.float
        let draws = probabilities.map { p in Double(generator.uniformFloat()) < p ? 1.0 : 0.0 }
        return try Tensor(draws, shape: shape, dtype: type)
    }
}
