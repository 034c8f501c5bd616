import Foundation

/// softmax and log_softmax along one dimension, computed stably by subtracting the maximum first.
extension Tensor {
    /// Splits the shape around `dim` into (outer, size, inner): the element at (o, k, i) lives at
    /// `(o * size + k) * inner + i`, so every slice along `dim` is easy to walk.
    func slices(along dim: Int) throws -> (outer: Int, size: Int, inner: Int) {
        let d = try Shape.normalize(dim: dim, rank: rank)
        if rank == 0 { return (1, 1, 1) }
        return (Shape.product(Array(shape[..<d])), shape[d], Shape.product(Array(shape[(d + 1)...])))
    }

    /// Calls `body` once per slice along `dim` with the slice's first index and its stride.
    @inline(__always)
    func forEachSlice(_ layout: (outer: Int, size: Int, inner: Int), _ body: (_ base: Int, _ stride: Int) -> Void) {
        for o in 0..<layout.outer {
            for i in 0..<layout.inner { body(o * layout.size * layout.inner + i, layout.inner) }
        }
    }

    /// e^x / Σe^x along `dim`: each slice becomes a probability distribution.
    /// ∂/∂x = y ⊙ (g - Σ(g ⊙ y))  (y = the softmax)
    ///
    /// Forward and backward are each one pass per slice.
    ///
    /// ```swift
    /// try Tensor([1, 2, 3]).softmax(dim: 0)  // tensor([0.0900, 0.2447, 0.6652])
    /// ```
    public func softmax(dim: Int) throws -> Tensor {
        let layout = try slices(along: dim)
        var y = try converted(to: .float32).detached()
        y.elements.withUnsafeMutableBufferPointer { e in
            forEachSlice(layout) { base, stride in
                let end = base + layout.size * stride
                var largest = -Float.infinity
                for k in Swift.stride(from: base, to: end, by: stride) { largest = Swift.max(largest, e[k]) }
                var total: Float = 0
                for k in Swift.stride(from: base, to: end, by: stride) {
                    e[k] = Foundation.exp(e[k] - largest)
                    total += e[k]
                }
                for k in Swift.stride(from: base, to: end, by: stride) { e[k] /= total }
            }
        }
        let out = y
        return out.recording("SoftmaxBackward0", [self]) { g in
            var dx = try (g.shape == out.shape ? g : g.expanded(out.shape)).elements
            out.elements.withUnsafeBufferPointer { y in
                dx.withUnsafeMutableBufferPointer { d in
                    out.forEachSlice(layout) { base, stride in
                        let end = base + layout.size * stride
                        var weighted = 0.0
                        for k in Swift.stride(from: base, to: end, by: stride) { weighted += Double(d[k] * y[k]) }
                        let w = Float(weighted)
                        for k in Swift.stride(from: base, to: end, by: stride) { d[k] = y[k] * (d[k] - w) }
                    }
                }
            }
            return [Tensor(shape: out.shape, elements: dx)]
        }
    }

    /// x - log Σe^x along `dim`: the logarithm of softmax, without its underflow.
    /// ∂/∂x = g - softmax(x) ⊙ Σg
    ///
    /// Forward and backward are each one pass per slice.
    public func logSoftmax(dim: Int) throws -> Tensor {
        let layout = try slices(along: dim)
        var y = try converted(to: .float32).detached()
        y.elements.withUnsafeMutableBufferPointer { e in
            forEachSlice(layout) { base, stride in
                let end = base + layout.size * stride
                var largest = -Float.infinity
                for k in Swift.stride(from: base, to: end, by: stride) { largest = Swift.max(largest, e[k]) }
                var total: Float = 0
                for k in Swift.stride(from: base, to: end, by: stride) { total += Foundation.exp(e[k] - largest) }
                let logTotal = Foundation.log(total)
                for k in Swift.stride(from: base, to: end, by: stride) { e[k] = e[k] - largest - logTotal }
            }
        }
        let out = y
        return out.recording("LogSoftmaxBackward0", [self]) { g in
            var dx = try (g.shape == out.shape ? g : g.expanded(out.shape)).elements
            out.elements.withUnsafeBufferPointer { y in
                dx.withUnsafeMutableBufferPointer { d in
                    out.forEachSlice(layout) { base, stride in
                        let end = base + layout.size * stride
                        var total = 0.0
                        for k in Swift.stride(from: base, to: end, by: stride) { total += Double(d[k]) }
                        let t = Float(total)
                        for k in Swift.stride(from: base, to: end, by: stride) { d[k] = d[k] - Foundation.exp(y[k]) * t }
                    }
                }
            }
            return [Tensor(shape: out.shape, elements: dx)]
        }
    }
}
