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
    /// Forward and backward are each one pass per slice, in the tensor's float precision
    /// (integers become the default float dtype).
    ///
    /// ```swift
    /// try Tensor([1, 2, 3]).softmax(dim: 0)  // tensor([0.0900, 0.2447, 0.6652])
    /// ```
    public func softmax(dim: Int) throws -> Tensor {
        let layout = try slices(along: dim)
        let y = try floatingCopy()
        try y.floatingDispatch("softmax", float: { y.softmaxForward(Float.self, layout, log: false) },
                               double: { y.softmaxForward(Double.self, layout, log: false) })
        let out = y
        return out.recording("SoftmaxBackward0", [self], saving: [out]) { g in
            let dx = try (g.shape == out.shape ? g : g.expanded(out.shape)).castCopy(out.dtype)
            try out.floatingDispatch("softmax", float: { out.softmaxBackward(Float.self, dx, layout, log: false) },
                                     double: { out.softmaxBackward(Double.self, dx, layout, log: false) })
            return [dx]
        }
    }

    /// x - log Σe^x along `dim`: the logarithm of softmax, without its underflow.
    /// ∂/∂x = g - softmax(x) ⊙ Σg
    ///
    /// Forward and backward are each one pass per slice.
    public func logSoftmax(dim: Int) throws -> Tensor {
        let layout = try slices(along: dim)
        let y = try floatingCopy()
        try y.floatingDispatch("log_softmax", float: { y.softmaxForward(Float.self, layout, log: true) },
                               double: { y.softmaxForward(Double.self, layout, log: true) })
        let out = y
        return out.recording("LogSoftmaxBackward0", [self], saving: [out]) { g in
            let dx = try (g.shape == out.shape ? g : g.expanded(out.shape)).castCopy(out.dtype)
            try out.floatingDispatch("log_softmax", float: { out.softmaxBackward(Float.self, dx, layout, log: true) },
                                     double: { out.softmaxBackward(Double.self, dx, layout, log: true) })
            return [dx]
        }
    }

    /// A contiguous copy in this tensor's float dtype (or the default float dtype for integers).
    func floatingCopy() throws -> Tensor {
        try castCopy(dtype.isFloatingPoint ? dtype : DefaultDType.float)
    }

    /// Softmax (or log-softmax) of every slice, in place in this fresh contiguous tensor.
    private func softmaxForward<T: FloatingElement>(_ t: T.Type, _ layout: (outer: Int, size: Int, inner: Int), log: Bool) {
        let e = storage.pointer(T.self)
        forEachSlice(layout) { base, stride in
            let end = base + layout.size * stride
            var largest = -T.infinity
            for k in Swift.stride(from: base, to: end, by: stride) { largest = Swift.max(largest, e[k]) }
            var total: T = 0
            if log {
                for k in Swift.stride(from: base, to: end, by: stride) { total += T.exp(e[k] - largest) }
                let logTotal = T.log(total)
                for k in Swift.stride(from: base, to: end, by: stride) { e[k] = e[k] - largest - logTotal }
            } else {
                for k in Swift.stride(from: base, to: end, by: stride) {
                    e[k] = T.exp(e[k] - largest)
                    total += e[k]
                }
                for k in Swift.stride(from: base, to: end, by: stride) { e[k] /= total }
            }
        }
    }

    /// The gradient of softmax (or log-softmax), written over `dx` (the upstream gradient).
    private func softmaxBackward<T: FloatingElement>(_ t: T.Type, _ dx: Tensor, _ layout: (outer: Int, size: Int, inner: Int), log: Bool) {
        let y = storage.pointer(T.self), d = dx.storage.pointer(T.self)
        forEachSlice(layout) { base, stride in
            let end = base + layout.size * stride
            if log {
                var total = 0.0
                for k in Swift.stride(from: base, to: end, by: stride) { total += d[k].doubleValue }
                let t = T(total)
                for k in Swift.stride(from: base, to: end, by: stride) { d[k] = d[k] - T.exp(y[k]) * t }
            } else {
                var weighted = 0.0
                for k in Swift.stride(from: base, to: end, by: stride) { weighted += (d[k] * y[k]).doubleValue }
                let w = T(weighted)
                for k in Swift.stride(from: base, to: end, by: stride) { d[k] = y[k] * (d[k] - w) }
            }
        }
    }
}
