import Foundation

/// Python's operators on values: numbers and sequences here, everything else by asking the
/// objects (a class's `__add__` / `__radd__`, a library's tensors).
extension Interpreter {
    /// `a op b`.
    public func binary(_ op: BinaryOperator, _ a: Value, _ b: Value) throws -> Value {
        if let result = try Operators.numberBinary(op, a, b) { return result }
        if let result = try Operators.sequenceBinary(op, a, b) { return result }
        if case .object(let left) = a, let result = try left.binaryOperation(op, b, reflected: false, in: self) { return result }
        if case .object(let right) = b, let result = try right.binaryOperation(op, a, reflected: true, in: self) { return result }
        if op == .modulo, case .string = a {
            throw PythonError(.typeError, "'%' formatting of strings is not supported in regtutor: use an f-string, e.g. f\"{x:.3f}\"")
        }
        throw PythonError(.typeError, "unsupported operand type(s) for \(op.symbol): '\(a.typeName)' and '\(b.typeName)'")
    }

    /// `a op= b`: lists and objects that support it change in place (every name for them sees
    /// the change); everything else computes a new value.
    public func inPlace(_ op: BinaryOperator, _ a: Value, _ b: Value) throws -> Value {
        switch a {
        case .list(let list) where op == .add:
            let items = try iterate(b)
            try checkMemory(list.items.count + items.count)
            list.items += items
            return a
        case .list(let list) where op == .multiply:
            guard let n = b.exactInt else { break }
            try checkMemory(list.items.count, times: max(n, 0))
            let items = list.items
            list.items = n <= 0 ? [] : Array(repeating: items, count: n).flatMap { $0 }
            return a
        case .object(let object):
            if let result = try object.inPlaceOperation(op, b, in: self) { return result }
        default:
            break
        }
        return try binary(op, a, b)
    }

    /// `-x`, `+x`, `~x`, `abs(x)`.
    public func unary(_ op: UnaryOperator, _ value: Value) throws -> Value {
        switch (op, value) {
        case (.negative, .int(let i)):
            guard i != Int.min else { throw Operators.overflow() }
            return .int(-i)
        case (.negative, .bool(let b)): return .int(b ? -1 : 0)
        case (.negative, .float(let f)): return .float(-f)
        case (.positive, .int), (.positive, .float): return value
        case (.positive, .bool(let b)): return .int(b ? 1 : 0)
        case (.invert, .int(let i)): return .int(~i)
        case (.invert, .bool(let b)): return .int(b ? -2 : -1)
        case (.absolute, .int(let i)):
            guard i != Int.min else { throw Operators.overflow() }
            return .int(Swift.abs(i))
        case (.absolute, .bool(let b)): return .int(b ? 1 : 0)
        case (.absolute, .float(let f)): return .float(Swift.abs(f))
        case (_, .object(let object)):
            if let result = try object.unaryOperation(op, in: self) { return result }
        default:
            break
        }
        if op == .absolute { throw PythonError(.typeError, "bad operand type for abs(): '\(value.typeName)'") }
        throw PythonError(.typeError, "bad operand type for unary \(op.rawValue): '\(value.typeName)'")
    }
}

/// The arithmetic of Python's numbers and sequences.
public enum Operators {
    static func overflow() -> PythonError {
        PythonError(.overflowError, "integer overflow: regtutor's integers are 64-bit")
    }

    /// Arithmetic on Python numbers (bool counts as int), with Python's rules for `//`, `%` and `**`.
    static func numberBinary(_ op: BinaryOperator, _ a: Value, _ b: Value) throws -> Value? {
        if let x = a.exactInt, let y = b.exactInt, !(a.isFloat || b.isFloat) {
            return try intBinary(op, x, y)
        }
        guard let x = a.numberValue, let y = b.numberValue else { return nil }
        switch op {
        case .add: return .float(x + y)
        case .subtract: return .float(x - y)
        case .multiply: return .float(x * y)
        case .trueDivide:
            guard y != 0 else { throw PythonError(.zeroDivisionError, "float division by zero") }
            return .float(x / y)
        case .floorDivide:
            guard y != 0 else { throw PythonError(.zeroDivisionError, "float floor division by zero") }
            return .float((x / y).rounded(.down))
        case .modulo:
            guard y != 0 else { throw PythonError(.zeroDivisionError, "float modulo") }
            return .float(pythonModulo(x, y))
        case .power:
            if x == 0 && y < 0 { throw PythonError(.zeroDivisionError, "0.0 cannot be raised to a negative power") }
            if x < 0 && y != y.rounded() {
                throw PythonError(.valueError, "negative number cannot be raised to a fractional power (complex numbers are not supported)")
            }
            let result = Foundation.pow(x, y)
            if result.isInfinite && x.isFinite && y.isFinite { throw PythonError(.overflowError, "(34, 'Numerical result out of range')") }
            return .float(result)
        default: return nil
        }
    }

    public static func pythonModulo(_ x: Double, _ y: Double) -> Double {
        var r = fmod(x, y)
        if r != 0 && ((r < 0) != (y < 0)) { r += y }
        return r == 0 ? (y < 0 ? -0.0 : 0.0) : r
    }

    private static func intBinary(_ op: BinaryOperator, _ x: Int, _ y: Int) throws -> Value? {
        func checked(_ result: (Int, Bool)) throws -> Value {
            if result.1 { throw overflow() }
            return .int(result.0)
        }
        switch op {
        case .add: return try checked(x.addingReportingOverflow(y))
        case .subtract: return try checked(x.subtractingReportingOverflow(y))
        case .multiply: return try checked(x.multipliedReportingOverflow(by: y))
        case .trueDivide:
            guard y != 0 else { throw PythonError(.zeroDivisionError, "division by zero") }
            return .float(Double(x) / Double(y))
        case .floorDivide:
            guard y != 0 else { throw PythonError(.zeroDivisionError, "integer division or modulo by zero") }
            if x == Int.min && y == -1 { throw overflow() }
            let q = x / y
            return .int((x % y != 0 && ((x < 0) != (y < 0))) ? q - 1 : q)
        case .modulo:
            guard y != 0 else { throw PythonError(.zeroDivisionError, "integer modulo by zero") }
            if y == -1 { return .int(0) }
            let r = x % y
            return .int(r != 0 && ((r < 0) != (y < 0)) ? r + y : r)
        case .power:
            if y < 0 {
                if x == 0 { throw PythonError(.zeroDivisionError, "0.0 cannot be raised to a negative power") }
                return .float(Foundation.pow(Double(x), Double(y)))
            }
            var result = 1
            var base = x
            var exponent = y
            while exponent > 0 {
                if exponent & 1 == 1 { result = try checked(result.multipliedReportingOverflow(by: base)).exactInt ?? 0 }
                exponent >>= 1
                if exponent > 0 { base = try checked(base.multipliedReportingOverflow(by: base)).exactInt ?? 0 }
            }
            return .int(result)
        case .bitAnd: return .int(x & y)
        case .bitOr: return .int(x | y)
        case .bitXor: return .int(x ^ y)
        case .leftShift:
            guard y >= 0 else { throw PythonError(.valueError, "negative shift count") }
            guard y < 63, x.magnitude < (1 << (63 - y)) else { throw overflow() }
            return .int(x << y)
        case .rightShift:
            guard y >= 0 else { throw PythonError(.valueError, "negative shift count") }
            return .int(x >> min(y, 63))
        default: return nil
        }
    }

    /// `+` and `*` on strings, lists and tuples.
    static func sequenceBinary(_ op: BinaryOperator, _ a: Value, _ b: Value) throws -> Value? {
        switch (op, a, b) {
        case (.add, .string(let x), .string(let y)):
            try reserve(x.utf8.count, 1, bytes: 1, plus: y.utf8.count)
            return .string(x + y)
        case (.add, .list(let x), .list(let y)):
            try reserve(x.items.count, 1, plus: y.items.count)
            return .list(x.items + y.items)
        case (.add, .tuple(let x), .tuple(let y)):
            try reserve(x.count, 1, plus: y.count)
            return .tuple(x + y)
        case (.multiply, _, _):
            if let n = b.exactInt, !b.isFloat { return try repeated(a, n) }
            if let n = a.exactInt, !a.isFloat { return try repeated(b, n) }
            return nil
        case (.modulo, .string, _):
            throw PythonError(.typeError, "'%' formatting of strings is not supported in regtutor: use an f-string, e.g. f\"{x:.3f}\"")
        default: return nil
        }
    }

    /// Checks the memory budget before a sequence of `count × times (+ plus)` items is made.
    static func reserve(_ count: Int, _ times: Int, bytes: Int = MemoryLayout<Value>.stride, plus: Int = 0) throws {
        let (items, overflow) = count.multipliedReportingOverflow(by: max(times, 0))
        let (all, overflow2) = items.addingReportingOverflow(plus)
        let (total, overflow3) = all.multipliedReportingOverflow(by: bytes)
        if overflow || overflow2 || overflow3 { throw MemoryLimitError(requested: Int.max, limit: MemoryBudget.limit) }
        try MemoryBudget.reserve(bytes: total)
    }

    static func repeated(_ value: Value, _ n: Int) throws -> Value? {
        let count = max(n, 0)
        func check(_ length: Int, bytes: Int = MemoryLayout<Value>.stride) throws { try reserve(length, count, bytes: bytes) }
        switch value {
        case .string(let s):
            try check(s.utf8.count, bytes: 1)
            return .string(String(repeating: s, count: count))
        case .list(let l):
            try check(l.items.count)
            return .list(Array(repeating: l.items, count: count).flatMap { $0 })
        case .tuple(let t):
            try check(t.count)
            return .tuple(Array(repeating: t, count: count).flatMap { $0 })
        default: return nil
        }
    }

}
