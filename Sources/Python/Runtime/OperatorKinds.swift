/// Python's binary operators, with the symbol they are written with and the methods a class
/// defines to support them (`__add__`, and `__radd__` for the right-hand side).
public enum BinaryOperator: String, CaseIterable, Sendable {
    case add = "+", subtract = "-", multiply = "*", trueDivide = "/", floorDivide = "//", modulo = "%"
    case power = "**", matrixMultiply = "@", bitAnd = "&", bitOr = "|", bitXor = "^", leftShift = "<<", rightShift = ">>"

    /// The symbol, e.g. "+".
    public var symbol: String { rawValue }

    /// The name of the method that implements it: "add" for `__add__` / `__radd__` / `__iadd__`.
    var methodStem: String {
        switch self {
        case .add: return "add"
        case .subtract: return "sub"
        case .multiply: return "mul"
        case .trueDivide: return "truediv"
        case .floorDivide: return "floordiv"
        case .modulo: return "mod"
        case .power: return "pow"
        case .matrixMultiply: return "matmul"
        case .bitAnd: return "and"
        case .bitOr: return "or"
        case .bitXor: return "xor"
        case .leftShift: return "lshift"
        case .rightShift: return "rshift"
        }
    }
}

/// `-x`, `+x`, `~x`, and `abs(x)` (which classes implement as `__abs__`).
public enum UnaryOperator: String, Sendable {
    case negative = "-", positive = "+", invert = "~", absolute = "abs"

    var methodName: String {
        switch self {
        case .negative: return "__neg__"
        case .positive: return "__pos__"
        case .invert: return "__invert__"
        case .absolute: return "__abs__"
        }
    }
}

/// The rich comparisons (`<`, `==`...), which classes implement as `__lt__`, `__eq__`...
public enum ComparisonOperator: String, Sendable {
    case less = "<", lessOrEqual = "<=", greater = ">", greaterOrEqual = ">=", equal = "==", notEqual = "!="

    var methodName: String {
        switch self {
        case .less: return "__lt__"
        case .lessOrEqual: return "__le__"
        case .greater: return "__gt__"
        case .greaterOrEqual: return "__ge__"
        case .equal: return "__eq__"
        case .notEqual: return "__ne__"
        }
    }

    /// The comparison with its operands swapped: `a < b` is `b > a`.
    public var swapped: ComparisonOperator {
        switch self {
        case .less: return .greater
        case .lessOrEqual: return .greaterOrEqual
        case .greater: return .less
        case .greaterOrEqual: return .lessOrEqual
        case .equal, .notEqual: return self
        }
    }
}
