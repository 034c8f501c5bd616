/// Changing a tensor's dtype: `x.to(torch.float64)`, `x.double()`, `x.long()`, `x.bool()`.
extension Tensor {
    /// The same values as another dtype, like `x.to(torch.int64)`: a new tensor unless it
    /// already is that dtype. Floats become integers by truncation toward zero (C's casts),
    /// anything non-zero becomes `True`, and integers wrap to a narrower width.
    /// ∂/∂x = g, cast back to x's dtype (only float results carry a gradient)
    ///
    /// ```swift
    /// try Tensor([1.7, -2.5]).converted(to: .int64)   // tensor([ 1, -2])
    /// ```
    public func converted(to target: DType) throws -> Tensor {
        if target == dtype { return self }
        var out = try castCopy(target)
        out.isWrappedNumber = false
        let source = dtype
        return out.recording("ToCopyBackward0", [self]) { g in [try g.castCopy(source)] }
    }
}
