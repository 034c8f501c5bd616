import Foundation
import TensorEngine

/// Python's operators on regtutor values: numbers, strings, lists, tuples, and tensors (with a
/// Python number on either side, as PyTorch allows).
enum Operators {
    // MARK: Unary

    static func unary(_ op: String, _ value: Value, in interpreter: Interpreter) throws -> Value {
        if op == "not" { return .bool(!(try interpreter.truth(value))) }
        switch (op, value) {
        case ("-", .int(let i)):
            guard i != Int.min else { throw overflow() }
            return .int(-i)
        case ("-", .bool(let b)): return .int(b ? -1 : 0)
        case ("-", .float(let f)): return .float(-f)
        case ("+", .int), ("+", .float): return value
        case ("+", .bool(let b)): return .int(b ? 1 : 0)
        case ("~", .int(let i)): return .int(~i)
        case ("~", .bool(let b)): return .int(b ? -2 : -1)
        case ("-", .tensor(let t)):
            if t.tensor.dtype == .bool {
                throw PythonError(.runtimeError, "Negation, the `-` operator, on a bool tensor is not supported. If you are trying to invert a mask, use the `~` or `logical_not()` operator instead.")
            }
            return .tensor(-t.tensor)
        case ("+", .tensor): return value
        case ("~", .tensor(let t)):
            switch t.tensor.dtype {
            case .bool: return .tensor(t.tensor.logicalNot())
            case .int64: return .tensor(t.tensor.map { -$0 - 1 })
            case .float32: throw PythonError(.typeError, "~ (operator.invert) is only implemented on integer and Boolean-type tensors")
            }
        default:
            let name = op == "-" ? "unary -" : op == "+" ? "unary +" : "unary ~"
            throw PythonError(.typeError, "bad operand type for \(name): '\(value.typeName)'")
        }
    }

    // MARK: Binary

    static func binary(_ op: String, _ a: Value, _ b: Value, in interpreter: Interpreter) throws -> Value {
        if case .tensor = a { return try tensorBinary(op, a, b) }
        if case .tensor = b { return try tensorBinary(op, a, b) }
        if let result = try numberBinary(op, a, b) { return result }
        if let result = try sequenceBinary(op, a, b) { return result }
        throw PythonError(.typeError, "unsupported operand type(s) for \(op): '\(a.typeName)' and '\(b.typeName)'")
    }

    /// `x op= y`: tensors and lists change in place; everything else computes a new value.
    static func inPlace(_ op: String, _ a: Value, _ b: Value, in interpreter: Interpreter) throws -> Value {
        switch a {
        case .tensor(let target):
            let result = try tensorBinary(op, a, b)
            guard case .tensor(let computed) = result else { return result }
            try TensorInPlace.store(computed.tensor, into: target)
            return a
        case .list(let list) where op == "+":
            list.items += try interpreter.iterate(b)
            return a
        case .list(let list) where op == "*":
            guard let n = b.exactInt else { break }
            let items = list.items
            list.items = n <= 0 ? [] : Array(repeating: items, count: n).flatMap { $0 }
            return a
        default:
            break
        }
        return try binary(op, a, b, in: interpreter)
    }

    private static func overflow() -> PythonError {
        PythonError(.overflowError, "integer overflow: regtutor's integers are 64-bit")
    }

    /// Arithmetic on Python numbers (bool counts as int), with Python's rules for `//`, `%` and `**`.
    static func numberBinary(_ op: String, _ a: Value, _ b: Value) throws -> Value? {
        if let x = a.exactInt, let y = b.exactInt, !(a.isFloat || b.isFloat) {
            return try intBinary(op, x, y)
        }
        guard let x = a.numberValue, let y = b.numberValue else { return nil }
        switch op {
        case "+": return .float(x + y)
        case "-": return .float(x - y)
        case "*": return .float(x * y)
        case "/":
            guard y != 0 else { throw PythonError(.zeroDivisionError, "float division by zero") }
            return .float(x / y)
        case "//":
            guard y != 0 else { throw PythonError(.zeroDivisionError, "float floor division by zero") }
            return .float((x / y).rounded(.down))
        case "%":
            guard y != 0 else { throw PythonError(.zeroDivisionError, "float modulo") }
            return .float(pythonModulo(x, y))
        case "**":
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

    static func pythonModulo(_ x: Double, _ y: Double) -> Double {
        var r = fmod(x, y)
        if r != 0 && ((r < 0) != (y < 0)) { r += y }
        return r == 0 ? (y < 0 ? -0.0 : 0.0) : r
    }

    private static func intBinary(_ op: String, _ x: Int, _ y: Int) throws -> Value? {
        func checked(_ result: (Int, Bool)) throws -> Value {
            if result.1 { throw overflow() }
            return .int(result.0)
        }
        switch op {
        case "+": return try checked(x.addingReportingOverflow(y))
        case "-": return try checked(x.subtractingReportingOverflow(y))
        case "*": return try checked(x.multipliedReportingOverflow(by: y))
        case "/":
            guard y != 0 else { throw PythonError(.zeroDivisionError, "division by zero") }
            return .float(Double(x) / Double(y))
        case "//":
            guard y != 0 else { throw PythonError(.zeroDivisionError, "integer division or modulo by zero") }
            if x == Int.min && y == -1 { throw overflow() }
            let q = x / y
            return .int((x % y != 0 && ((x < 0) != (y < 0))) ? q - 1 : q)
        case "%":
            guard y != 0 else { throw PythonError(.zeroDivisionError, "integer modulo by zero") }
            if y == -1 { return .int(0) }
            let r = x % y
            return .int(r != 0 && ((r < 0) != (y < 0)) ? r + y : r)
        case "**":
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
        case "&": return .int(x & y)
        case "|": return .int(x | y)
        case "^": return .int(x ^ y)
        case "<<":
            guard y >= 0 else { throw PythonError(.valueError, "negative shift count") }
            guard y < 63, x.magnitude < (1 << (63 - y)) else { throw overflow() }
            return .int(x << y)
        case ">>":
            guard y >= 0 else { throw PythonError(.valueError, "negative shift count") }
            return .int(x >> min(y, 63))
        default: return nil
        }
    }

    /// `+` and `*` on strings, lists and tuples.
    private static func sequenceBinary(_ op: String, _ a: Value, _ b: Value) throws -> Value? {
        switch (op, a, b) {
        case ("+", .string(let x), .string(let y)): return .string(x + y)
        case ("+", .list(let x), .list(let y)): return .list(x.items + y.items)
        case ("+", .tuple(let x), .tuple(let y)): return .tuple(x + y)
        case ("+", .size(let x), .size(let y)): return .size(x + y)
        case ("*", _, _):
            if let n = b.exactInt, !b.isFloat { return try repeated(a, n) }
            if let n = a.exactInt, !a.isFloat { return try repeated(b, n) }
            return nil
        case ("%", .string, _):
            throw PythonError(.typeError, "'%' formatting of strings is not supported in regtutor: use an f-string, e.g. f\"{x:.3f}\"")
        default: return nil
        }
    }

    private static func repeated(_ value: Value, _ n: Int) throws -> Value? {
        let count = max(n, 0)
        func check(_ length: Int) throws {
            if length.multipliedReportingOverflow(by: count).overflow || length * count > 50_000_000 {
                throw PythonError(.memoryError, "the repeated sequence would be too large")
            }
        }
        switch value {
        case .string(let s):
            try check(s.count)
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

    /// An operator with a tensor on at least one side; Python numbers become 0-d tensors of the
    /// matching kind (int, float or bool), so PyTorch's type promotion applies.
    static func tensorBinary(_ op: String, _ a: Value, _ b: Value) throws -> Value {
        guard let x = try? a.asOperandTensor(), let y = try? b.asOperandTensor() else {
            throw PythonError(.typeError, "unsupported operand type(s) for \(op): '\(a.typeName)' and '\(b.typeName)'")
        }
        switch op {
        case "+": return .tensor(try x + y)
        case "-":
            if b.isTensor == false || a.isTensor { return .tensor(try x - y) }
            // A number minus a tensor: PyTorch's rsub.
            if let c = a.numberValue { return .tensor(Float(c) - y) }
            return .tensor(try x - y)
        case "*": return .tensor(try x * y)
        case "/":
            if !a.isTensor, let c = a.numberValue { return .tensor(Float(c) / (try y.converted(to: .float32))) }
            return .tensor(try x / y)
        case "//": return .tensor(try Tensor.floorDivide(x, y))
        case "%": return .tensor(try Tensor.remainder(x, y))
        case "**":
            if !b.isTensor, let p = b.numberValue, x.dtype == .float32 || !b.isFloat {
                if x.dtype != .float32 && p < 0 { throw PythonError(.runtimeError, "Integers to negative integer powers are not allowed.") }
                let powered = x.pow(Float(p))
                return .tensor(x.dtype == .float32 || b.isFloat ? powered : try powered.converted(to: x.dtype))
            }
            if !a.isTensor, let c = a.numberValue, y.dtype == .float32 { return .tensor(Tensor.pow(Float(c), y)) }
            return .tensor(try Tensor.pow(x, y))
        case "@":
            guard a.isTensor && b.isTensor else {
                throw PythonError(.typeError, "unsupported operand type(s) for @: '\(a.typeName)' and '\(b.typeName)'")
            }
            return .tensor(try x.matmul(y))
        case "&": return .tensor(try Tensor.bitwise(x, .and, y))
        case "|": return .tensor(try Tensor.bitwise(x, .or, y))
        case "^": return .tensor(try Tensor.bitwise(x, .xor, y))
        default:
            throw PythonError(.typeError, "unsupported operand type(s) for \(op): '\(a.typeName)' and '\(b.typeName)'")
        }
    }

    // MARK: Comparison

    static func compare(_ op: String, _ a: Value, _ b: Value, in interpreter: Interpreter) throws -> Value {
        switch op {
        case "is": return .bool(identical(a, b))
        case "is not": return .bool(!identical(a, b))
        case "in": return .bool(try contains(b, a, in: interpreter))
        case "not in": return .bool(!(try contains(b, a, in: interpreter)))
        default: break
        }
        if a.isTensor || b.isTensor {
            guard let x = try? a.asOperandTensor(), let y = try? b.asOperandTensor() else {
                if op == "==" { return .bool(false) }
                if op == "!=" { return .bool(true) }
                throw PythonError(.typeError, "'\(op)' not supported between instances of '\(a.typeName)' and '\(b.typeName)'")
            }
            let comparison: Tensor.Comparison
            switch op {
            case "<": comparison = .lt
            case "<=": comparison = .le
            case ">": comparison = .gt
            case ">=": comparison = .ge
            case "==": comparison = .eq
            default: comparison = .ne
            }
            return .tensor(try Tensor.compare(x, comparison, y))
        }
        switch op {
        case "==": return .bool(try equal(a, b, in: interpreter))
        case "!=": return .bool(!(try equal(a, b, in: interpreter)))
        default:
            let order = try ordering(a, b, op: op, in: interpreter)
            switch op {
            case "<": return .bool(order < 0)
            case "<=": return .bool(order <= 0)
            case ">": return .bool(order > 0)
            default: return .bool(order >= 0)
            }
        }
    }

    /// Python's `is`: the same object (or the same small immutable value).
    static func identical(_ a: Value, _ b: Value) -> Bool {
        switch (a, b) {
        case (.none, .none), (.ellipsis, .ellipsis): return true
        case (.bool(let x), .bool(let y)): return x == y
        case (.int(let x), .int(let y)): return x == y
        case (.string(let x), .string(let y)): return x == y
        case (.list(let x), .list(let y)): return x === y
        case (.dict(let x), .dict(let y)): return x === y
        case (.set(let x), .set(let y)): return x === y
        case (.tensor(let x), .tensor(let y)): return x.identity == y.identity
        case (.object(let x), .object(let y)): return x === y
        default: return false
        }
    }

    /// Python's `==` on non-tensor values.
    static func equal(_ a: Value, _ b: Value, in interpreter: Interpreter) throws -> Bool {
        if let x = a.numberValue, let y = b.numberValue {
            if let i = a.exactInt, let j = b.exactInt, !a.isFloat, !b.isFloat { return i == j }
            return x == y
        }
        switch (a, b) {
        case (.none, .none), (.ellipsis, .ellipsis): return true
        case (.string(let x), .string(let y)): return x == y
        case (.list(let x), .list(let y)):
            if x === y { return true }
            return try sequencesEqual(x.items, y.items, in: interpreter)
        case (.dict(let x), .dict(let y)):
            if x === y { return true }
            guard x.count == y.count else { return false }
            for (key, value) in x.pairs {
                guard let other = try y.get(key), try equal(value, other, in: interpreter) else { return false }
            }
            return true
        case (.set(let x), .set(let y)):
            guard x.items.count == y.items.count else { return false }
            return try x.items.allSatisfy { try y.contains($0) }
        case (.tensor, .tensor): return identical(a, b)
        default:
            if let x = a.tupleItems, let y = b.tupleItems { return try sequencesEqual(x, y, in: interpreter) }
            return identical(a, b)
        }
    }

    private static func sequencesEqual(_ x: [Value], _ y: [Value], in interpreter: Interpreter) throws -> Bool {
        guard x.count == y.count else { return false }
        for (p, q) in zip(x, y) {
            let same = try compare("==", p, q, in: interpreter)
            guard try interpreter.truth(same) else { return false }
        }
        return true
    }

    /// -1, 0 or 1 for `<` and friends on numbers, strings, lists and tuples.
    static func ordering(_ a: Value, _ b: Value, op: String = "<", in interpreter: Interpreter) throws -> Int {
        if let x = a.numberValue, let y = b.numberValue {
            if let i = a.exactInt, let j = b.exactInt, !a.isFloat, !b.isFloat { return i < j ? -1 : (i == j ? 0 : 1) }
            return x < y ? -1 : (x == y ? 0 : 1)
        }
        switch (a, b) {
        case (.string(let x), .string(let y)): return x < y ? -1 : (x == y ? 0 : 1)
        case (.list(let x), .list(let y)): return try sequenceOrdering(x.items, y.items, in: interpreter)
        default:
            if let x = a.tupleItems, let y = b.tupleItems { return try sequenceOrdering(x, y, in: interpreter) }
            throw PythonError(.typeError, "'\(op)' not supported between instances of '\(a.typeName)' and '\(b.typeName)'")
        }
    }

    private static func sequenceOrdering(_ x: [Value], _ y: [Value], in interpreter: Interpreter) throws -> Int {
        for (p, q) in zip(x, y) where !(try equal(p, q, in: interpreter)) {
            return try ordering(p, q, in: interpreter)
        }
        return x.count < y.count ? -1 : (x.count == y.count ? 0 : 1)
    }

    /// Python's `item in container`.
    static func contains(_ container: Value, _ item: Value, in interpreter: Interpreter) throws -> Bool {
        switch container {
        case .string(let s):
            guard case .string(let part) = item else {
                throw PythonError(.typeError, "'in <string>' requires string as left operand, not \(item.typeName)")
            }
            return part.isEmpty || s.contains(part)
        case .dict(let d): return try d.get(item) != nil
        case .set(let s): return try s.contains(item)
        case .tensor(let t):
            guard let x = try? item.asOperandTensor() else { return false }
            return try Tensor.compare(t.tensor, .eq, x).elements.contains(1)
        default:
            for element in try interpreter.iterate(container) where try interpreter.truth(try compare("==", element, item, in: interpreter)) {
                return true
            }
            return false
        }
    }
}

extension Value {
    /// The value as an Int when it is an int or a bool (Python treats bools as ints).
    var exactInt: Int? {
        switch self {
        case .int(let i): return i
        case .bool(let b): return b ? 1 : 0
        default: return nil
        }
    }

    /// The value as a Double when it is a Python number.
    var numberValue: Double? {
        switch self {
        case .int(let i): return Double(i)
        case .bool(let b): return b ? 1 : 0
        case .float(let f): return f
        default: return nil
        }
    }

    var isFloat: Bool {
        if case .float = self { return true }
        return false
    }

    var isTensor: Bool {
        if case .tensor = self { return true }
        return false
    }

    var isNone: Bool {
        if case .none = self { return true }
        return false
    }

    /// A tensor for an operator: tensors as they are, Python numbers as 0-d tensors of their kind.
    func asOperandTensor() throws -> Tensor {
        switch self {
        case .tensor(let t): return t.tensor
        case .int(let i): return Tensor(scalar: Float(i), dtype: .int64)
        case .bool(let b): return Tensor(scalar: b ? 1 : 0, dtype: .bool)
        case .float(let f): return Tensor(scalar: Float(f))
        default: throw PythonError(.typeError, "expected a tensor or a number, got \(typeName)")
        }
    }
}
