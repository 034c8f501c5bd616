import Foundation

/// The `math` and `copy` modules.
extension PythonBuiltins {
    static func mathFunctions() -> [Builtin] {
        func unary(_ name: String, _ doc: String, domain: @escaping (Double) -> Bool = { _ in true },
                   _ f: @escaping (Double) -> Double) -> Builtin {
            Builtin("math", "\(name)(x, /)", doc: doc, example: "math.\(name)(2.0)") { a, _ in
                let x = try a.double("x")
                guard domain(x) else { throw PythonError(.valueError, "math domain error") }
                let result = f(x)
                if result.isInfinite && x.isFinite { throw PythonError(.overflowError, "math range error") }
                return .float(result)
            }
        }
        return [
            unary("sqrt", "The square root.", domain: { $0 >= 0 || $0.isNaN }, Foundation.sqrt),
            unary("exp", "e to the power x.", Foundation.exp),
            unary("log10", "The base-10 logarithm.", domain: { $0 > 0 || $0.isNaN }, Foundation.log10),
            unary("log2", "The base-2 logarithm.", domain: { $0 > 0 || $0.isNaN }, Foundation.log2),
            unary("log1p", "log(1 + x), accurate for small x.", domain: { $0 > -1 || $0.isNaN }, Foundation.log1p),
            unary("sin", "The sine (radians).", domain: { !$0.isInfinite }, Foundation.sin),
            unary("cos", "The cosine (radians).", domain: { !$0.isInfinite }, Foundation.cos),
            unary("tan", "The tangent (radians).", domain: { !$0.isInfinite }, Foundation.tan),
            unary("tanh", "The hyperbolic tangent.", Foundation.tanh),
            unary("fabs", "The absolute value as a float.", Swift.abs),
            Builtin("math", "log(x, base=None, /)", doc: "The natural logarithm, or the logarithm to `base`.", example: "math.log(100, 10)") { a, _ in
                let x = try a.double("x")
                guard x > 0 else { throw PythonError(.valueError, "math domain error") }
                guard let base = try a.optionalDouble("base") else { return .float(Foundation.log(x)) }
                guard base > 0 && base != 1 else { throw PythonError(.valueError, "math domain error") }
                return .float(Foundation.log(x) / Foundation.log(base))
            },
            Builtin("math", "floor(x, /)", doc: "The largest integer <= x.", example: "math.floor(2.7)  # 2") { a, interpreter in
                try toInt(.float(try a.double("x").rounded(.down)), interpreter)
            },
            Builtin("math", "ceil(x, /)", doc: "The smallest integer >= x.", example: "math.ceil(2.1)  # 3") { a, interpreter in
                try toInt(.float(try a.double("x").rounded(.up)), interpreter)
            },
            Builtin("math", "isnan(x, /)", doc: "True for NaN.", example: "math.isnan(float('nan'))") { a, _ in .bool(try a.double("x").isNaN) },
            Builtin("math", "isinf(x, /)", doc: "True for ±infinity.", example: "math.isinf(1e308 * 10)") { a, _ in .bool(try a.double("x").isInfinite) },
            Builtin("math", "isfinite(x, /)", doc: "True for numbers that are neither infinite nor NaN.", example: "math.isfinite(1.0)") { a, _ in
                .bool(try a.double("x").isFinite)
            },
            Builtin("math", "isclose(a, b, *, rel_tol=1e-09, abs_tol=0.0)", doc: "True when a and b are close: |a-b| <= max(rel_tol * max(|a|, |b|), abs_tol).",
                    example: "math.isclose(0.1 + 0.2, 0.3)") { a, _ in
                let x = try a.double("a"), y = try a.double("b")
                if x == y { return .bool(true) }
                let tolerance = max(try a.double("rel_tol") * max(Swift.abs(x), Swift.abs(y)), try a.double("abs_tol"))
                return .bool(Swift.abs(x - y) <= tolerance)
            },
            Builtin("math", "pow(x, y, /)", doc: "x to the power y, as a float.", example: "math.pow(2, 0.5)") { a, _ in
                .float(Foundation.pow(try a.double("x"), try a.double("y")))
            },
        ]
    }

    static func copyFunctions() -> [Builtin] {
        [
            Builtin("copy", "copy(x, /)", doc: "A shallow copy: a new list, dict or object holding the same items.", example: "b = copy.copy(a)") { a, interpreter in
                switch a["x"] {
                case .list(let list): return .list(list.items)
                case .dict(let dict): return .dict(try DictObject(dict.pairs.map { ($0.key, $0.value) }))
                case .set(let set): return .set(try SetObject(set.items))
                case .object(let object): return try object.shallowCopy(in: interpreter) ?? a["x"]
                default: return a["x"]
                }
            },
            Builtin("copy", "deepcopy(x, /)",
                    doc: "A full copy that shares nothing with the original: the way to keep a snapshot of a model or of model.state_dict() while training goes on.",
                    example: "best = copy.deepcopy(model.state_dict())\nbest_model = copy.deepcopy(model)") { a, interpreter in
                try DeepCopier(interpreter: interpreter).copy(a["x"])
            },
        ]
    }
}

/// `copy.deepcopy`: copies containers and objects all the way down, once each, so that shared
/// and self-referring parts stay shared in the copy (Python's memo).
public final class DeepCopier {
    public let interpreter: Interpreter
    private var memo: [ObjectIdentifier: Value] = [:]
    private var depth = 0

    public init(interpreter: Interpreter) {
        self.interpreter = interpreter
    }

    /// The copy already made of `original`, if any.
    public func memoized(_ original: AnyObject) -> Value? { memo[ObjectIdentifier(original)] }

    /// Records that `original` is copied as `copy` (before copying its insides).
    public func remember(_ original: AnyObject, as copy: Value) {
        memo[ObjectIdentifier(original)] = copy
    }

    /// The copy of `value`.
    public func copy(_ value: Value) throws -> Value {
        depth += 1
        defer { depth -= 1 }
        if depth > Interpreter.maxNesting {
            throw PythonError(.recursionError, "maximum recursion depth exceeded while copying an object")
        }
        switch value {
        case .list(let list):
            if let done = memo[ObjectIdentifier(list)] { return done }
            let copied = ListObject([])
            remember(list, as: .list(copied))
            copied.items = try list.items.map(copy)
            return .list(copied)
        case .tuple(let items):
            return .tuple(try items.map(copy))
        case .dict(let dict):
            if let done = memo[ObjectIdentifier(dict)] { return done }
            let copied = DictObject()
            remember(dict, as: .dict(copied))
            for (key, item) in dict.pairs { try copied.set(try copy(key), try copy(item)) }
            return .dict(copied)
        case .set(let set):
            if let done = memo[ObjectIdentifier(set)] { return done }
            let copied = try SetObject(try set.items.map(copy))
            remember(set, as: .set(copied))
            return .set(copied)
        case .object(let object):
            if let done = memo[ObjectIdentifier(object)] { return done }
            guard let copied = try object.deepCopy(self) else { return value }
            remember(object, as: copied)
            return copied
        default:
            return value
        }
    }
}
