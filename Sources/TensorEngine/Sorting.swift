/// Sorting along a dimension: `sort`, `argsort` and `topk`, as PyTorch computes them (NaN
/// counts as the largest value; equal values keep their order).
extension Tensor {
    /// The elements sorted along `dim` and where each came from: PyTorch's
    /// `torch.sort(x, dim, descending)` returning `(values, indices)`.
    /// ∂/∂x = g scattered back to the position each value came from
    public func sorted(dim: Int = -1, descending: Bool = false) throws -> (values: Tensor, indices: Tensor) {
        let lines = try Lines(shape: shape, dim: dim)
        var order = [Int](repeating: 0, count: count)
        let before = ordering(descending: descending)
        for line in 0..<lines.count {
            let sorted = lines.positions(of: line).sorted { a, b in before(lines.offset(line, a), lines.offset(line, b)) }
            for (k, position) in sorted.enumerated() { order[lines.offset(line, k)] = position }
        }
        return try gather(order, lines: lines, shape: shape, name: "SortBackward0")
    }

    /// The `k` largest (or smallest) elements along `dim`, sorted, and where they came from:
    /// PyTorch's `torch.topk(x, k, dim, largest)` returning `(values, indices)`.
    /// ∂/∂x = g scattered back to the chosen positions
    public func topk(_ k: Int, dim: Int = -1, largest: Bool = true) throws -> (values: Tensor, indices: Tensor) {
        let lines = try Lines(shape: shape, dim: dim)
        guard k >= 0 && k <= lines.length else {
            throw TensorError.runtime("selected index k out of range")
        }
        var resultShape = shape
        if !resultShape.isEmpty { resultShape[lines.dim] = k }
        let picked = Lines(shape: resultShape, dim: lines.dim, length: k)
        var order = [Int](repeating: 0, count: Shape.product(resultShape))
        let before = ordering(descending: largest)
        for line in 0..<lines.count {
            let best = lines.positions(of: line).sorted { a, b in before(lines.offset(line, a), lines.offset(line, b)) }
            for (j, position) in best.prefix(k).enumerated() { order[picked.offset(line, j)] = position }
        }
        return try gather(order, lines: lines, shape: resultShape, name: "TopkBackward0")
    }

    /// Whether the element at row-major position `i` goes before the one at `j`: ascending, or
    /// descending, with NaN the largest; ties keep their order (the sort is stable).
    private func ordering(descending: Bool) -> (Int, Int) -> Bool {
        if dtype.isFloatingPoint {
            let values = doubles
            return { i, j in
                let (a, b) = (values[i], values[j])
                if a.isNaN || b.isNaN { return descending ? (a.isNaN && !b.isNaN) : (!a.isNaN && b.isNaN) }
                return descending ? a > b : a < b
            }
        }
        let values = int64s
        return { i, j in descending ? values[i] > values[j] : values[i] < values[j] }
    }

    /// The values at `order` (positions along the dimension, per result element) and the order
    /// itself as int64 indices; the gradient goes back to where each value came from.
    private func gather(_ order: [Int], lines: Lines, shape resultShape: [Int], name: String) throws -> (values: Tensor, indices: Tensor) {
        let result = Lines(shape: resultShape, dim: lines.dim, length: resultShape.isEmpty ? 1 : resultShape[lines.dim])
        var sources = [Int](repeating: 0, count: order.count)
        for line in 0..<result.count {
            for j in 0..<result.length { sources[result.offset(line, j)] = lines.offset(line, order[result.offset(line, j)]) }
        }
        let inputShape = shape
        let indices = try Tensor(order.map { Int64($0) }, shape: resultShape, dtype: .int64)
        let values = try gathered(sources).reshaped(resultShape).detached()
            .recording(name, [self], saving: [indices]) { g in
                [try Tensor.scatterAdd(g, at: sources, into: inputShape)]
            }
        return (values, indices)
    }
}

/// The 1-d lines along one dimension of a shape: line `l`'s element `k` is at `offset(l, k)`.
private struct Lines {
    let dim: Int
    let length: Int
    let inner: Int
    let count: Int

    init(shape: [Int], dim: Int) throws {
        let d = shape.isEmpty ? 0 : try Shape.normalize(dim: dim, rank: shape.count)
        self.init(shape: shape, dim: d, length: shape.isEmpty ? 1 : shape[d])
    }

    init(shape: [Int], dim: Int, length: Int) {
        self.dim = dim
        self.length = length
        inner = shape.isEmpty ? 1 : Shape.product(Array(shape.dropFirst(dim + 1)))
        let outer = shape.isEmpty ? 1 : Shape.product(Array(shape.prefix(dim)))
        count = outer * inner
    }

    func offset(_ line: Int, _ k: Int) -> Int {
        (line / inner) * length * inner + k * inner + line % inner
    }

    func positions(of line: Int) -> [Int] { Array(0..<length) }
}
