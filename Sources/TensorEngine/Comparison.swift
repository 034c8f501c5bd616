/// Comparisons give boolean masks; `where` chooses between two tensors with a mask. None of these
/// is differentiable except `where`, which routes the gradient to the branch that was chosen.
extension Tensor {
    /// The comparisons, by PyTorch's method names.
    public enum Comparison: String, Sendable {
        case eq, ne, lt, le, gt, ge

        @inline(__always)
        func holds<T: Comparable>(_ a: T, _ b: T) -> Bool {
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

    /// A boolean mask: `compare(x, .gt, y)` is `x > y` element by element, with broadcasting,
    /// compared in the operands' promoted dtype.
    ///
    /// ```swift
    /// try Tensor.compare(x, .gt, Tensor(scalar: 0))  // tensor([False,  True, ...])
    /// ```
    public static func compare(_ a: Tensor, _ comparison: Comparison, _ b: Tensor) throws -> Tensor {
        try compareLanes(a, b, { comparison.holds($0, $1) }, { comparison.holds($0, $1) }, { comparison.holds($0, $1) })
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
        try compareLanes(a, b, { logic.holds($0 != 0, $1 != 0) }, { logic.holds($0 != 0, $1 != 0) }, { logic.holds($0 != 0, $1 != 0) })
    }

    /// `&`, `|`, `^` as PyTorch defines them: logical on bool tensors, bitwise on integer tensors.
    public static func bitwise(_ a: Tensor, _ logic: Logic, _ b: Tensor) throws -> Tensor {
        let type = resultType(a, b)
        if type.isFloatingPoint {
            throw TensorError.runtime("\"bitwise_\(logic)_cpu\" not implemented for '\(type.cName)'")
        }
        if type == .bool { return try logical(a, logic, b) }
        return try combine(a, b, dtype: type, { _, _ in 0 }, { _, _ in 0 }) { i, j in
            switch logic {
            case .and: return i & j
            case .or: return i | j
            case .xor: return i ^ j
            }
        }
    }

    /// `~x`: logical not of a bool tensor, bitwise not of an integer one.
    public func bitwiseNot() throws -> Tensor {
        if dtype.isFloatingPoint {
            throw TensorError.type("~ (operator.invert) is only implemented on integer and Boolean-type tensors")
        }
        return dtype == .bool ? try logicalNot() : try map({ $0 }, { $0 }, { ~$0 })
    }

    /// `logical_not`: true where the element is zero.
    public func logicalNot() throws -> Tensor {
        try test({ $0 == 0 }, { $0 == 0 })
    }

    /// `torch.where(condition, a, b)`: a where the condition holds, b elsewhere, all three
    /// broadcast together.  ∂/∂a = condition, ∂/∂b = not condition
    ///
    /// ```swift
    /// try Tensor.where(x > 0, x, zeros)  // relu by hand
    /// ```
    public static func `where`(_ condition: Tensor, _ a: Tensor, _ b: Tensor) throws -> Tensor {
        guard condition.dtype == .bool || condition.dtype == .uint8 else {
            throw TensorError.runtime("where expected condition to be a boolean tensor, but got a tensor with dtype \(condition.dtype.cName)")
        }
        let shape = try Shape.broadcast(Shape.broadcast(condition.shape, a.shape), b.shape)
        let type = resultType(a, b)
        let mask = try condition.broadcastView(to: shape).castCopy(.bool)
        let chosenA = try a.broadcastView(to: shape).castCopy(type), chosenB = try b.broadcastView(to: shape).castCopy(type)
        let flags = mask.storage.pointer(UInt8.self)
        let itemSize = type.itemSize
        for i in 0..<mask.count where flags[i] == 0 {
            (chosenA.storage.bytes + i * itemSize).copyMemory(from: chosenB.storage.bytes + i * itemSize, byteCount: itemSize)
        }
        let out = chosenA.detached()
        return out.recording("WhereBackward0", [a, b], saving: [condition]) { g in
            let keep = try mask.map(dtype: g.dtype, { $0 }, { $0 }, { $0 })
            return [try (g * keep).sumToShape(a.shape), try (try g * (1 - keep)).sumToShape(b.shape)]
        }
    }

    /// True when both tensors have the same shape and elements (`torch.equal`).
    public func equals(_ other: Tensor) throws -> Bool {
        guard shape == other.shape else { return false }
        return try !Tensor.compare(self, .ne, other).int64s.contains(1)
    }

    /// True when every element is within `atol + rtol·|other|` of `other` (`torch.allclose`).
    public func isClose(to other: Tensor, rtol: Double = 1e-5, atol: Double = 1e-8) throws -> Bool {
        let close = try Tensor.compareLanes(self, other, { a, b in
            a == b || Double(Swift.abs(a - b)) <= atol + rtol * Double(Swift.abs(b))
        }, { a, b in
            a == b || Swift.abs(a - b) <= atol + rtol * Swift.abs(b)
        }, { a, b in
            a == b || Swift.abs(Double(a) - Double(b)) <= atol + rtol * Swift.abs(Double(b))
        })
        return !close.int64s.contains(0)
    }
}
