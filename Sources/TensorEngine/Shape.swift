/// Helpers for shapes: element counts, strides, broadcasting and dimension arguments.
///
/// A shape is an array of sizes, outermost first: `[2, 3]` is two rows of three. Storage is
/// contiguous and row-major, so the stride of a dimension is the product of the sizes after it.
public enum Shape {
    /// The most elements one tensor may hold (2^25, 128 MiB of float32). Larger requests throw
    /// instead of exhausting memory.
    public static let elementLimit = 1 << 25

    /// The number of elements of a shape, checked against negative sizes, overflow and `elementLimit`.
    ///
    /// ```swift
    /// try Shape.count([2, 3])  // 6
    /// ```
    public static func count(_ shape: [Int]) throws -> Int {
        var total = 1
        for size in shape {
            if size < 0 {
                throw TensorError.runtime("Trying to create tensor with negative dimension \(size): \(describe(shape))")
            }
            let (product, overflow) = total.multipliedReportingOverflow(by: size)
            if overflow || product > elementLimit {
                throw TensorError.runtime(
                    "a tensor of shape \(describe(shape)) is too large: regtutor tensors hold at most \(elementLimit) elements")
            }
            total = product
        }
        try MemoryBudget.reserve(bytes: total * MemoryLayout<Float>.stride)
        return total
    }

    /// The product of the sizes, for shapes already known to be valid.
    static func product(_ shape: [Int]) -> Int { shape.reduce(1, *) }

    /// Row-major strides: `[2, 3, 4]` has strides `[12, 4, 1]`.
    static func strides(_ shape: [Int]) -> [Int] {
        var strides = [Int](repeating: 1, count: shape.count)
        var running = 1
        for d in stride(from: shape.count - 1, through: 0, by: -1) {
            strides[d] = running
            running *= shape[d]
        }
        return strides
    }

    /// `[2, 3]`, the way PyTorch lists sizes inside messages.
    public static func describe(_ shape: [Int]) -> String {
        "[" + shape.map(String.init).joined(separator: ", ") + "]"
    }

    /// `torch.Size([2, 3])`.
    public static func torchSize(_ shape: [Int]) -> String {
        "torch.Size(" + describe(shape) + ")"
    }

    /// The shape two operands broadcast to, by NumPy's rule: align trailing dimensions; sizes must
    /// be equal or one of them 1.
    ///
    /// ```swift
    /// try Shape.broadcast([4, 1], [3])  // [4, 3]
    /// ```
    public static func broadcast(_ a: [Int], _ b: [Int]) throws -> [Int] {
        let rank = max(a.count, b.count)
        var result = [Int](repeating: 1, count: rank)
        for i in 0..<rank {
            let sa = i < rank - a.count ? 1 : a[i - (rank - a.count)]
            let sb = i < rank - b.count ? 1 : b[i - (rank - b.count)]
            if sa == sb || sb == 1 {
                result[i] = sa
            } else if sa == 1 {
                result[i] = sb
            } else {
                throw TensorError.runtime(
                    "The size of tensor a (\(sa)) must match the size of tensor b (\(sb)) at non-singleton dimension \(i)")
            }
        }
        return result
    }

    /// Turns a possibly negative dimension into an index in `0..<rank`, with PyTorch's error.
    /// A 0-d tensor accepts the dimensions -1 and 0, as PyTorch does.
    public static func normalize(dim: Int, rank: Int) throws -> Int {
        let effectiveRank = max(rank, 1)
        guard dim >= -effectiveRank && dim < effectiveRank else {
            throw TensorError.index(
                "Dimension out of range (expected to be in range of [\(-effectiveRank), \(effectiveRank - 1)], but got \(dim))")
        }
        return dim < 0 ? dim + effectiveRank : dim
    }
}
