/// `F.pad`: widening (or, with negative amounts, cropping) the last dimensions of a tensor.
///
/// `pad` lists (before, after) pairs starting from the last dimension, as PyTorch's does:
/// `(1, 1)` pads the last dimension by one on each side, `(1, 1, 2, 0)` also adds two rows on top.
/// Each output element reads one input element (or none, for the constant); so
/// ∂/∂in = g summed onto the element each output read.
public enum PaddingMode: String, Sendable {
    /// A value (0 unless given) outside the input.
    case constant
    /// The input mirrored at its edge, the edge itself not repeated: [1, 2, 3] → 3, 2 | 1, 2, 3 | 2, 1.
    case reflect
    /// The edge value repeated.
    case replicate
    /// The input wrapping around.
    case circular
}

extension Tensor {
    /// The padded tensor; PyTorch's errors for pads that do not fit.
    ///
    /// ```swift
    /// try Tensor.padded(x, pad: [1, 1], mode: .constant, value: 0)
    /// ```
    public static func padded(_ input: Tensor, pad: [Int], mode: PaddingMode = .constant, value: Double = 0) throws -> Tensor {
        guard pad.count % 2 == 0 else { throw TensorError.runtime("Padding length must be divisible by 2") }
        guard pad.count / 2 <= input.rank else { throw TensorError.runtime("Padding length too large") }
        let padded = pad.count / 2
        var before = [Int](repeating: 0, count: input.rank), after = before
        for k in 0..<padded {
            before[input.rank - 1 - k] = pad[2 * k]
            after[input.rank - 1 - k] = pad[2 * k + 1]
        }
        var outShape = input.shape
        for d in 0..<input.rank {
            let (size, overflow) = input.shape[d].addingReportingOverflow(before[d] &+ after[d])
            guard !overflow, size >= 0, Swift.abs(before[d]) < 1 << 40, Swift.abs(after[d]) < 1 << 40 else {
                throw TensorError.runtime("The input size \(input.shape[d]), plus negative padding \(before[d]) and \(after[d]) resulted in a negative output size, which is invalid. Check dimension \(d) of your input.")
            }
            outShape[d] = size
        }
        if mode != .constant {
            guard padded <= 3, input.rank >= padded + 1 else {
                throw TensorError.runtime("Only 2D, 3D, 4D, 5D padding with non-constant padding are supported for now")
            }
            for d in (input.rank - padded)..<input.rank {
                let limit = mode == .reflect ? input.shape[d] - 1 : input.shape[d]
                guard Swift.max(before[d], after[d]) <= limit, Swift.min(before[d], after[d]) >= 0 || mode == .constant, input.shape[d] > 0 else {
                    throw TensorError.runtime("Padding size should be less than the corresponding input dimension, but got: padding (\(before[d]), \(after[d])) at dimension \(d) of input \(input.shape)")
                }
            }
        }
        let out = try Tensor.full(outShape, value, dtype: input.dtype)
        let sources = sourceIndices(input.shape, outShape, before: before, mode: mode)
        let source = try input.compact(), itemSize = input.dtype.itemSize
        for (k, position) in sources.enumerated() where position >= 0 {
            (out.storage.bytes + k * itemSize).copyMemory(from: source.storage.bytes + (source.storageOffset + position) * itemSize, byteCount: itemSize)
        }
        let x = input
        return out.recording(backwardName(mode, dimensions: padded), [x]) { g in
            let kept = sources.enumerated().filter { $0.element >= 0 }
            let picked = try g.compact().detached().gathered(kept.map(\.offset))
            return [try Tensor.scatterAdd(picked, at: kept.map(\.element), into: x.shape)]
        }
    }

    /// PyTorch's name for the backward of each kind of padding.
    private static func backwardName(_ mode: PaddingMode, dimensions: Int) -> String {
        switch mode {
        case .constant: return "ConstantPadNdBackward0"
        case .reflect: return "ReflectionPad\(dimensions)DBackward0"
        case .replicate: return "ReplicationPad\(dimensions)DBackward0"
        case .circular: return "CircularPad\(dimensions)DBackward0"
        }
    }

    /// For every output element, the input element it reads (−1 for the constant).
    private static func sourceIndices(_ inShape: [Int], _ outShape: [Int], before: [Int], mode: PaddingMode) -> [Int] {
        let rank = inShape.count
        var inStrides = [Int](repeating: 1, count: rank)
        for d in stride(from: rank - 2, through: 0, by: -1) { inStrides[d] = inStrides[d + 1] * inShape[d + 1] }
        let count = outShape.reduce(1, *)
        var sources = [Int](repeating: -1, count: count)
        var position = [Int](repeating: 0, count: rank)
        for k in 0..<count {
            var source = 0
            var inside = true
            for d in 0..<rank {
                let size = inShape[d]
                var i = position[d] - before[d]
                if i < 0 || i >= size {
                    switch mode {
                    case .constant: inside = false
                    case .reflect: i = i < 0 ? -i : 2 * (size - 1) - i
                    case .replicate: i = i < 0 ? 0 : size - 1
                    case .circular: i = ((i % size) + size) % size
                    }
                }
                source += i * inStrides[d]
            }
            if inside { sources[k] = source }
            var d = rank - 1
            while d >= 0 {
                position[d] += 1
                if position[d] < outShape[d] { break }
                position[d] = 0
                d -= 1
            }
        }
        return sources
    }
}
