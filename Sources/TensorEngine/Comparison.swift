/// Comparisons give boolean masks; `where` chooses between two tensors with a mask. None of these
/// is differentiable except `where`, which routes the gradient to the branch that was chosen.
extension Tensor {
    /// The comparisons, by PyTorch's method names.
    public enum Comparison: String, Sendable {
        case eq, ne, lt, le, gt, ge

        func holds(_ a: Float, _ b: Float) -> Bool {
            switch self {
            case .eq: return a == b
            case .ne: return a != b
            case .lt: return a < b
            case .le: return a <= b
            case .gt: return a > b
            case .ge: return a >= b
            }
        }
    }

    /// A boolean mask: `compare(x, .gt, y)` is `x > y` element by element, with broadcasting.
    ///
    /// ```swift
    /// try Tensor.compare(x, .gt, Tensor(scalar: 0))  // tensor([False,  True, ...])
    /// ```
    public static func compare(_ a: Tensor, _ comparison: Comparison, _ b: Tensor) throws -> Tensor {
        try combine(a, b, dtype: .bool) { comparison.holds($0, $1) ? 1 : 0 }
    }

    /// The logical operations on masks (anything non-zero counts as true).
    public enum Logic: Sendable {
        case and, or, xor

        func holds(_ a: Bool, _ b: Bool) -> Bool {
            switch self {
            case .and: return a && b
            case .or: return a || b
            case .xor: return a != b
            }
        }
    }

    /// `logical_and`, `logical_or`, `logical_xor`: a mask, with broadcasting.
    public static func logical(_ a: Tensor, _ logic: Logic, _ b: Tensor) throws -> Tensor {
        try combine(a, b, dtype: .bool) { logic.holds($0 != 0, $1 != 0) ? 1 : 0 }
    }

    /// `&`, `|`, `^` as PyTorch defines them: logical on bool tensors, bitwise on integer tensors.
    public static func bitwise(_ a: Tensor, _ logic: Logic, _ b: Tensor) throws -> Tensor {
        let type = DType.promote(a.dtype, b.dtype)
        switch type {
        case .float32:
            throw TensorError.runtime("\"bitwise_\(logic)_cpu\" not implemented for 'Float'")
        case .bool:
            return try logical(a, logic, b)
        case .int64:
            return try combine(a, b, dtype: .int64) { x, y in
                let (i, j) = (Int64(x), Int64(y))
                switch logic {
                case .and: return Float(i & j)
                case .or: return Float(i | j)
                case .xor: return Float(i ^ j)
                }
            }
        }
    }

    /// `~mask` / `logical_not`: true where the element is zero.
    public func logicalNot() -> Tensor {
        map(dtype: .bool) { $0 == 0 ? 1 : 0 }
    }

    /// `torch.where(condition, a, b)`: a where the condition holds, b elsewhere, all three
    /// broadcast together.  ∂/∂a = condition, ∂/∂b = not condition
    ///
    /// ```swift
    /// try Tensor.where(x > 0, x, zeros)  // relu by hand
    /// ```
    public static func `where`(_ condition: Tensor, _ a: Tensor, _ b: Tensor) throws -> Tensor {
        let shape = try Shape.broadcast(Shape.broadcast(condition.shape, a.shape), b.shape)
        let mask = try condition.broadcast(to: shape)
        let chosenA = try a.broadcast(to: shape), chosenB = try b.broadcast(to: shape)
        var out = Tensor(shape: shape, elements: mask.elements, dtype: DType.promote(a.dtype, b.dtype))
        for i in 0..<out.count { out.elements[i] = mask.elements[i] != 0 ? chosenA.elements[i] : chosenB.elements[i] }
        return out.recording("WhereBackward0", [a, b]) { g in
            let keep = mask.map(dtype: .float32) { $0 != 0 ? 1 : 0 }
            return [try (g * keep).sumToShape(a.shape), try (try g * (1 - keep)).sumToShape(b.shape)]
        }
    }

    /// True when both tensors have the same shape and elements (`torch.equal`).
    public func equals(_ other: Tensor) -> Bool {
        shape == other.shape && elements == other.elements
    }

    /// True when every element is within `atol + rtol·|other|` of `other` (`torch.allclose`).
    public func isClose(to other: Tensor, rtol: Float = 1e-5, atol: Float = 1e-8) throws -> Bool {
        let close = try Tensor.combine(self, other, dtype: .bool) { a, b in
            (a == b || Swift.abs(a - b) <= atol + rtol * Swift.abs(b)) ? 1 : 0
        }
        return !close.elements.contains(0)
    }
}
