import TensorEngine

/// Mini-batches of a data set of tensors that share their first dimension (PyTorch's
/// `DataLoader(TensorDataset(x, y), batch_size, shuffle)`), drawing from the generator exactly as
/// PyTorch does: every epoch first draws a 64-bit "base seed" (meant for worker processes), then,
/// when shuffling, `RandomSampler` draws a seed for a fresh generator and shuffles with `randperm`.
///
/// ```swift
/// let loader = try DataLoader([x, y], batchSize: 16, shuffle: true, generator: g)
/// for batch in try loader.epoch() { let (xb, yb) = (batch[0], batch[1]) }
/// ```
public final class DataLoader {
    /// The tensors of the data set, all with the same first dimension.
    public let tensors: [Tensor]
    /// Samples per batch.
    public let batchSize: Int
    /// Whether each epoch visits the samples in a new random order.
    public let shuffle: Bool
    /// Whether a last, smaller batch is left out.
    public let dropLast: Bool
    private let generator: RandomGenerator
    private let ownsGenerator: Bool

    /// A loader over `tensors`. With `ownGenerator` the order comes straight from that generator
    /// (PyTorch's `generator=` argument); otherwise from a seed drawn from `generator`.
    public init(_ tensors: [Tensor], batchSize: Int = 1, shuffle: Bool = false, dropLast: Bool = false,
                generator: RandomGenerator, ownGenerator: Bool = false) throws {
        guard let first = tensors.first, first.rank > 0 else {
            throw TensorError(.valueError, "a DataLoader needs at least one tensor with a first dimension")
        }
        for t in tensors where t.rank == 0 || t.shape[0] != first.shape[0] {
            throw TensorError(.valueError, "Size mismatch between tensors")
        }
        guard batchSize > 0 else {
            throw TensorError(.valueError, "batch_size should be a positive integer value, but got batch_size=\(batchSize)")
        }
        self.tensors = tensors
        self.batchSize = batchSize
        self.shuffle = shuffle
        self.dropLast = dropLast
        self.generator = generator
        ownsGenerator = ownGenerator
    }

    /// The number of samples.
    public var sampleCount: Int { tensors[0].shape[0] }

    /// The number of batches per epoch (PyTorch's `len(loader)`).
    public var batchCount: Int {
        dropLast ? sampleCount / batchSize : (sampleCount + batchSize - 1) / batchSize
    }

    /// One epoch of batches, each a list with one tensor per data set tensor.
    public func epoch() throws -> [[Tensor]] {
        try DataLoader.batches(count: sampleCount, batchSize: batchSize, shuffle: shuffle, dropLast: dropLast,
                               generator: generator, ownsGenerator: ownsGenerator).map { picked in
            let index = try Tensor(picked.map(Float.init), shape: [picked.count], dtype: .int64)
            return try tensors.map { try $0.index([.tensor(index)]) }
        }
    }

    /// The sample indices of each batch of one epoch, drawn as PyTorch's DataLoader draws them:
    /// a base seed first, then (when shuffling) a seed for a fresh generator that `randperm`s.
    /// Any map-style data set of `count` samples is batched with it.
    public static func batches(count: Int, batchSize: Int, shuffle: Bool, dropLast: Bool, generator: RandomGenerator,
                               ownsGenerator: Bool) -> [[Int]] {
        _ = generator.derivedSeed()
        let order: [Int]
        if shuffle {
            let source = ownsGenerator ? generator : RandomGenerator(seed: generator.derivedSeed())
            order = source.permutation(count)
        } else {
            order = Array(0..<count)
        }
        let batchCount = dropLast ? count / batchSize : (count + batchSize - 1) / batchSize
        return (0..<batchCount).map { b in Array(order[(b * batchSize)..<min((b + 1) * batchSize, count)]) }
    }
}
