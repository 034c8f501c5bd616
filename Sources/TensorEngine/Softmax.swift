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

    /// e^x / Σe^x along `dim`: each slice becomes a probability distribution.
    /// ∂/∂x = y ⊙ (g - Σ(g ⊙ y))  (y = the softmax)
    ///
    /// ```swift
    /// try Tensor([1, 2, 3]).softmax(dim: 0)  // tensor([0.0900, 0.2447, 0.6652])
    /// ```
    public func softmax(dim: Int) throws -> Tensor {
        let (outer, size, inner) = try slices(along: dim)
        var y = try converted(to: .float32).detached()
        for o in 0..<outer {
            for i in 0..<inner {
                let base = o * size * inner + i
                var largest = -Float.infinity
                for k in 0..<size { largest = Swift.max(largest, y.elements[base + k * inner]) }
                var total: Float = 0
                for k in 0..<size {
                    let e = Foundation.exp(y.elements[base + k * inner] - largest)
                    y.elements[base + k * inner] = e
                    total += e
                }
                for k in 0..<size { y.elements[base + k * inner] /= total }
            }
        }
        let out = y
        return out.recording("SoftmaxBackward0", [self]) { g in
            let weighted = try (g * out).sum(dims: [dim], keepdim: true)
            return [try out * (g - weighted)]
        }
    }

    /// x - log Σe^x along `dim`: the logarithm of softmax, without its underflow.
    /// ∂/∂x = g - softmax(x) ⊙ Σg
    public func logSoftmax(dim: Int) throws -> Tensor {
        let (outer, size, inner) = try slices(along: dim)
        var y = try converted(to: .float32).detached()
        for o in 0..<outer {
            for i in 0..<inner {
                let base = o * size * inner + i
                var largest = -Float.infinity
                for k in 0..<size { largest = Swift.max(largest, y.elements[base + k * inner]) }
                var total: Float = 0
                for k in 0..<size { total += Foundation.exp(y.elements[base + k * inner] - largest) }
                let logTotal = Foundation.log(total)
                for k in 0..<size { y.elements[base + k * inner] = y.elements[base + k * inner] - largest - logTotal }
            }
        }
        let out = y
        return out.recording("LogSoftmaxBackward0", [self]) { g in
            let total = try g.sum(dims: [dim], keepdim: true)
            return [try g - out.exp() * total]
        }
    }
}
