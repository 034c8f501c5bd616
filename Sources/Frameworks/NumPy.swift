import Foundation
import Python
import TensorEngine

/// `import numpy as np`: what training loops use around the model — `np.inf`, `np.nan`,
/// `np.pi`, reductions (`np.mean`, `np.std`, `np.min`, `np.argmax`...) and element-wise
/// functions (`np.sqrt`, `np.exp`, `np.clip`...) on numbers, lists and tensors — with NumPy 2's
/// results: scalars such as `np.float64(0.5)`, arrays printed as NumPy prints them.
extension Bindings {
    static func numpyFunctions() -> [Builtin] {
        func function(_ signature: String, doc: String, example: String,
                      _ body: @escaping (BoundArguments, Interpreter) throws -> Value) -> Builtin {
            Builtin("numpy", signature, doc: doc, example: example, body)
        }
        func reduction(_ name: String, _ doc: String, _ reduce: @escaping (NDArray) throws -> NumPyScalar) -> Builtin {
            function("\(name)(a, axis=None" + (name.hasPrefix("arg") ? ")" : ", keepdims=False)"), doc: doc, example: "np.\(name)(losses)") { a, interpreter in
                if let t = a["a"].tensorObject {
                    if name.hasPrefix("arg") {
                        return .tensor(try t.tensor.argExtreme(largest: name == "argmax"))
                    }
                    throw NumPy.tensorReduction(name)
                }
                let array = try NDArray(a["a"], in: interpreter)
                return try array.reduced(axis: try a.optionalInt("axis"), keepdims: a.has("keepdims") && (try a.bool("keepdims")), reduce)
            }
        }
        func elementwise(_ name: String, _ doc: String, float: Bool = true, _ f: @escaping (Double) -> Double) -> Builtin {
            function("\(name)(x)", doc: doc, example: "np.\(name)(2.0)\nnp.\(name)([1.0, 4.0])") { a, interpreter in
                try NumPy.map(a["x"], in: interpreter, float: float, f)
            }
        }
        return [
            reduction("mean", "The mean (of an int array, as float64; of float32, as float32).") { try $0.mean() },
            reduction("average", "The (unweighted) mean.") { try $0.mean() },
            function("std(a, axis=None, ddof=0)", doc: "The standard deviation, dividing by n - ddof (NumPy's default ddof=0, unlike torch.std).",
                     example: "np.std(val_losses)") { a, interpreter in
                if a["a"].isTensor { throw NumPy.tensorReduction("std") }
                let array = try NDArray(a["a"], in: interpreter)
                let ddof = try a.int("ddof")
                guard let axis = try a.optionalInt("axis") else { return .object(try array.variance(ddof: ddof, root: true)) }
                return .object(try array.along(axis: axis) { try $0.variance(ddof: ddof, root: true) })
            },
            function("var(a, axis=None, ddof=0)", doc: "The variance, dividing by n - ddof.", example: "np.var(x)") { a, interpreter in
                if a["a"].isTensor { throw NumPy.tensorReduction("var") }
                let array = try NDArray(a["a"], in: interpreter)
                let ddof = try a.int("ddof")
                guard let axis = try a.optionalInt("axis") else { return .object(try array.variance(ddof: ddof, root: false)) }
                return .object(try array.along(axis: axis) { try $0.variance(ddof: ddof, root: false) })
            },
            reduction("sum", "The sum of the elements.") { $0.total() },
            reduction("min", "The smallest element (NaN if there is one).") { try $0.extreme(largest: false) },
            reduction("max", "The largest element (NaN if there is one).") { try $0.extreme(largest: true) },
            reduction("amin", "The smallest element.") { try $0.extreme(largest: false) },
            reduction("amax", "The largest element.") { try $0.extreme(largest: true) },
            reduction("argmin", "The position of the smallest element (the first one).") { try $0.argExtreme(largest: false) },
            reduction("argmax", "The position of the largest element (the first one).") { try $0.argExtreme(largest: true) },
            reduction("median", "The middle value (the mean of the two middle ones for an even count).") { try $0.median() },
            elementwise("sqrt", "The square root of every element (nan for negative ones).") { $0.squareRoot() },
            elementwise("exp", "e to the power of every element.") { Foundation.exp($0) },
            elementwise("log", "The natural logarithm of every element (-inf at 0, nan below).") { Foundation.log($0) },
            elementwise("log10", "The base-10 logarithm of every element.") { Foundation.log10($0) },
            elementwise("log2", "The base-2 logarithm of every element.") { Foundation.log2($0) },
            elementwise("tanh", "The hyperbolic tangent of every element.") { Foundation.tanh($0) },
            elementwise("sin", "The sine of every element.") { Foundation.sin($0) },
            elementwise("cos", "The cosine of every element.") { Foundation.cos($0) },
            elementwise("abs", "The absolute value of every element (ints stay ints).", float: false) { Swift.abs($0) },
            elementwise("absolute", "The absolute value of every element.", float: false) { Swift.abs($0) },
            elementwise("square", "Every element squared.", float: false) { $0 * $0 },
            elementwise("sign", "-1, 0 or 1 by the sign of every element.", float: false) { $0 > 0 ? 1 : ($0 < 0 ? -1 : 0) },
            elementwise("floor", "The largest integer not above every element (as floats).") { $0.rounded(.down) },
            elementwise("ceil", "The smallest integer not below every element (as floats).") { $0.rounded(.up) },
            function("round(a, decimals=0)", doc: "Every element rounded to `decimals` places, halves to even (NumPy's rule).",
                     example: "np.round(2.675, 2)\nnp.round([0.5, 1.5])") { a, interpreter in
                let decimals = try a.int("decimals")
                let scale = Foundation.pow(10.0, Double(max(min(decimals, 300), -300)))
                return try NumPy.map(a["a"], in: interpreter, float: false) { x in
                    decimals == 0 ? x.rounded(.toNearestOrEven) : (x * scale).rounded(.toNearestOrEven) / scale
                }
            },
            function("clip(a, a_min, a_max)", doc: "Every element limited to [a_min, a_max] (either may be None).",
                     example: "np.clip(x, 0, 1)") { a, interpreter in
                let low = try a.optionalDouble("a_min") ?? -.infinity
                let high = try a.optionalDouble("a_max") ?? .infinity
                return try NumPy.map(a["a"], in: interpreter, float: false) { Swift.min(Swift.max($0, low), high) }
            },
            function("isnan(x)", doc: "True where the value is NaN.", example: "np.isnan(loss)") { a, interpreter in
                try NumPy.test(a["x"], in: interpreter) { $0.isNaN }
            },
            function("isinf(x)", doc: "True where the value is ±infinity.", example: "np.isinf(best)") { a, interpreter in
                try NumPy.test(a["x"], in: interpreter) { $0.isInfinite }
            },
            function("isfinite(x)", doc: "True where the value is neither infinite nor NaN.", example: "np.isfinite(loss)") { a, interpreter in
                try NumPy.test(a["x"], in: interpreter) { $0.isFinite }
            },
            function("allclose(a, b, rtol=1e-05, atol=1e-08, equal_nan=False)",
                     doc: "True when every |a - b| <= atol + rtol * |b| (broadcast); NaNs are equal only with equal_nan=True.",
                     example: "np.allclose(model(x).detach().numpy(), expected)") { a, interpreter in
                let first = try NDArray(a["a"], in: interpreter), second = try NDArray(a["b"], in: interpreter)
                let shape = try NumPy.broadcast(first.shape, second.shape)
                let (rtol, atol, nanEqual) = (try a.double("rtol"), try a.double("atol"), try interpreter.truth(a["equal_nan"]))
                let close = zip(try first.broadcast(to: shape), try second.broadcast(to: shape)).allSatisfy { x, y in
                    if x.isNaN || y.isNaN { return nanEqual && x.isNaN && y.isNaN }
                    return x == y || Swift.abs(x - y) <= atol + rtol * Swift.abs(y)
                }
                return .bool(close)
            },
            function("maximum(x1, x2)", doc: "The larger of the two, element by element.", example: "np.maximum(x, 0)") { a, interpreter in
                try NumPy.combine(a["x1"], a["x2"], in: interpreter) { Swift.max($0, $1) }
            },
            function("minimum(x1, x2)", doc: "The smaller of the two, element by element.", example: "np.minimum(x, 1)") { a, interpreter in
                try NumPy.combine(a["x1"], a["x2"], in: interpreter) { Swift.min($0, $1) }
            },
            function("array(object, dtype=None)", doc: "An array of the numbers in a (nested) list, or of a tensor.",
                     example: "np.array([0.5, 0.25])\nnp.array(losses).mean()") { a, interpreter in
                var array = try NDArray(a["object"], in: interpreter)
                if !a.isNone("dtype") { array = array.converted(to: try NumPyDType(a["dtype"])) }
                return .object(array)
            },
            function("asarray(a, dtype=None)", doc: "The same as np.array.", example: "np.asarray(history['loss'])") { a, interpreter in
                var array = try NDArray(a["a"], in: interpreter)
                if !a.isNone("dtype") { array = array.converted(to: try NumPyDType(a["dtype"])) }
                return .object(array)
            },
            function("zeros(shape, dtype=None)", doc: "An array of zeros (float64).", example: "np.zeros(3)") { a, _ in
                let shape = try NumPy.shape(a["shape"])
                return .object(try NDArray(shape: shape, elements: Array(repeating: 0, count: try NDArray.count(shape)),
                                           dtype: a.isNone("dtype") ? .float64 : try NumPyDType(a["dtype"])))
            },
            function("ones(shape, dtype=None)", doc: "An array of ones (float64).", example: "np.ones((2, 2))") { a, _ in
                let shape = try NumPy.shape(a["shape"])
                return .object(try NDArray(shape: shape, elements: Array(repeating: 1, count: try NDArray.count(shape)),
                                           dtype: a.isNone("dtype") ? .float64 : try NumPyDType(a["dtype"])))
            },
            function("arange(start, stop=None, step=1)", doc: "Evenly spaced values in [start, stop) (ints when all arguments are ints).",
                     example: "np.arange(5)\nnp.arange(0, 1, 0.25)") { a, _ in
                let (start, stop) = a.isNone("stop") ? (0.0, try a.double("start")) : (try a.double("start"), try a.double("stop"))
                let step = try a.double("step")
                guard step != 0 else { throw PythonError(.zeroDivisionError, "division by zero") }
                let count = Swift.max(Int(saturating: ((stop - start) / step).rounded(.up)), 0)
                guard count <= 1 << 25 else { throw PythonError(.memoryError, "the array would be too large for regtutor") }
                let isInt = [a["start"], a["stop"], a["step"]].allSatisfy { $0.isNone || $0.exactInt != nil }
                return .object(try NDArray(shape: [count], elements: (0..<count).map { start + Double($0) * step }, dtype: isInt ? .int64 : .float64))
            },
            function("linspace(start, stop, num=50)", doc: "`num` evenly spaced values from start to stop, both included.",
                     example: "np.linspace(0, 1, 5)") { a, _ in
                let (start, stop, num) = (try a.double("start"), try a.double("stop"), try a.int("num"))
                guard num >= 0 && num <= 1 << 25 else { throw PythonError(.valueError, "Number of samples, \(num), must be non-negative.") }
                let step = num > 1 ? (stop - start) / Double(num - 1) : 0
                return .object(try NDArray(shape: [num], elements: (0..<num).map { $0 == num - 1 && num > 1 ? stop : start + Double($0) * step }, dtype: .float64))
            },
        ]
    }

    /// The methods of an array: `a.mean()`, `a.tolist()`...
    static func ndarrayMethods() -> [Builtin] {
        func method(_ signature: String, doc: String, _ body: @escaping (NDArray, BoundArguments, Interpreter) throws -> Value) -> Builtin {
            Builtin("ndarray", signature, kind: .method, doc: doc) { a, interpreter in
                guard case .object(let array as NDArray) = a["self"] else { throw a.mistake("self", "ndarray", a["self"]) }
                return try body(array, a, interpreter)
            }
        }
        func reduction(_ name: String, _ doc: String, _ reduce: @escaping (NDArray) throws -> NumPyScalar) -> Builtin {
            method("\(name)(self, axis=None" + (name.hasPrefix("arg") ? ")" : ", keepdims=False)"), doc: doc) { array, a, _ in
                try array.reduced(axis: try a.optionalInt("axis"), keepdims: a.has("keepdims") && (try a.bool("keepdims")), reduce)
            }
        }
        return [
            reduction("mean", "The mean of the elements.") { try $0.mean() },
            reduction("sum", "The sum of the elements.") { $0.total() },
            reduction("min", "The smallest element.") { try $0.extreme(largest: false) },
            reduction("max", "The largest element.") { try $0.extreme(largest: true) },
            reduction("argmin", "The position of the smallest element.") { try $0.argExtreme(largest: false) },
            reduction("argmax", "The position of the largest element.") { try $0.argExtreme(largest: true) },
            method("std(self, axis=None, ddof=0)", doc: "The standard deviation (dividing by n - ddof).") { array, a, _ in
                let ddof = try a.int("ddof")
                guard let axis = try a.optionalInt("axis") else { return .object(try array.variance(ddof: ddof, root: true)) }
                return .object(try array.along(axis: axis) { try $0.variance(ddof: ddof, root: true) })
            },
            method("var(self, axis=None, ddof=0)", doc: "The variance (dividing by n - ddof).") { array, a, _ in
                let ddof = try a.int("ddof")
                guard let axis = try a.optionalInt("axis") else { return .object(try array.variance(ddof: ddof, root: false)) }
                return .object(try array.along(axis: axis) { try $0.variance(ddof: ddof, root: false) })
            },
            method("any(self)", doc: "True when some element is non-zero.") { array, _, _ in
                .object(NumPyScalar(array.elements.contains { $0 != 0 } ? 1 : 0, .bool))
            },
            method("all(self)", doc: "True when every element is non-zero.") { array, _, _ in
                .object(NumPyScalar(array.elements.allSatisfy { $0 != 0 } ? 1 : 0, .bool))
            },
            method("tolist(self)", doc: "The elements as (nested) Python lists of Python numbers.") { array, _, _ in
                NumPy.list(array, dim: 0, offset: 0)
            },
            method("item(self)", doc: "The single element as a Python number.") { array, _, _ in
                guard array.elements.count == 1 else { throw PythonError(.valueError, "can only convert an array of size 1 to a Python scalar") }
                return NumPyScalar(array.elements[0], array.dtype).python
            },
            method("reshape(self, *shape)", doc: "The same elements in a new shape (one size may be -1).") { array, a, _ in
                var shape = try NumPy.shape(a.rest.count == 1 ? a.rest[0] : .tuple(a.rest))
                if let unknown = shape.firstIndex(of: -1) {
                    let known = shape.enumerated().filter { $0.offset != unknown }.map(\.element).reduce(1, *)
                    shape[unknown] = known == 0 ? 0 : array.elements.count / known
                }
                return .object(try NDArray(shape: shape, elements: array.elements, dtype: array.dtype))
            },
            method("flatten(self)", doc: "The elements as a 1-d array.") { array, _, _ in
                .object(try NDArray(shape: [array.elements.count], elements: array.elements, dtype: array.dtype))
            },
            method("astype(self, dtype)", doc: "A copy with another dtype.") { array, a, _ in
                .object(array.converted(to: try NumPyDType(a["dtype"])))
            },
            method("copy(self)", doc: "A copy of the array.") { array, _, _ in .object(array.converted(to: array.dtype)) },
            method("round(self, decimals=0)", doc: "Every element rounded to `decimals` places, halves to even.") { array, a, interpreter in
                let scale = Foundation.pow(10.0, Double(max(min(try a.int("decimals"), 300), -300)))
                return try NumPy.map(.object(array), in: interpreter, float: false) { ($0 * scale).rounded(.toNearestOrEven) / scale }
            },
        ]
    }

    /// `np.float64`, `np.float32`, `np.int64` and `np.bool_`, as types that make scalars.
    static func numpyTypes() -> [Builtin] {
        [Builtin("numpy", "ndarray(shape, dtype=None)", kind: .type,
                 doc: "NumPy's array type: isinstance(x, np.ndarray) tells whether x is one. Make arrays with np.array, np.zeros, np.random.rand...; np.ndarray(shape) gives zeros here (NumPy leaves them uninitialized).",
                 example: "isinstance(model.predict(x, verbose=0), np.ndarray)") { a, _ in
            let shape = try NumPy.shape(a["shape"])
            return .object(try NDArray(shape: shape, elements: Array(repeating: 0, count: try NDArray.count(shape)), dtype: a.isNone("dtype") ? .float64 : try NumPyDType(a["dtype"])))
        }] + [NumPyDType.float64, .float32, .int64, .bool].map { dtype in
            Builtin("numpy", "\(dtype.name)(x=0, /)", kind: .type, doc: "A NumPy \(dtype.name) scalar.", example: "np.\(dtype.name)(1)") { a, interpreter in
                .object(NumPyScalar(try NumPy.number(a["x"], in: interpreter), dtype))
            }
        }
    }
}

/// NumPy's number types (the ones regtutor has).
enum NumPyDType: Sendable {
    case float64, float32, int64, bool

    var name: String {
        switch self {
        case .float64: return "float64"
        case .float32: return "float32"
        case .int64: return "int64"
        case .bool: return "bool_"
        }
    }

    var isFloat: Bool { self == .float64 || self == .float32 }

    /// From `dtype=`: a NumPy type, a torch dtype or a name.
    init(_ value: Value) throws {
        switch value {
        case .string(let name) where ["float64", "float", "double"].contains(name): self = .float64
        case .string("float32"): self = .float32
        case .string(let name) where ["int64", "int"].contains(name): self = .int64
        case .string("bool"): self = .bool
        case .object(let builtin as Builtin) where builtin.owner == "numpy": self = try NumPyDType(.string(builtin.name))
        case .object(let cls as ClassObject) where cls.module == "numpy": self = try NumPyDType(.string(cls.name == "bool_" ? "bool" : cls.name))
        default:
            if let name = value.object(as: ClassObject.self)?.name, ["int", "float", "bool"].contains(name) {
                self = try NumPyDType(.string(name))
                return
            }
            throw PythonError(.typeError, "data type '\(value.typeName)' not understood by regtutor's numpy")
        }
    }

    /// The type of `a op b`: floats win, the wider float wins (NumPy 2's rules for arrays).
    static func promote(_ a: NumPyDType, _ b: NumPyDType) -> NumPyDType {
        if a == .float64 || b == .float64 { return .float64 }
        if a == .float32 || b == .float32 { return .float32 }
        if a == .int64 || b == .int64 { return .int64 }
        return .bool
    }

    /// The value as this type stores it.
    func stored(_ x: Double) -> Double {
        switch self {
        case .float64: return x
        case .float32: return Double(Float(x))
        case .int64: return x.isFinite && Swift.abs(x) < 9.2e18 ? x.rounded(.towardZero) : -9_223_372_036_854_775_808
        case .bool: return x != 0 ? 1 : 0
        }
    }
}

/// A NumPy scalar: what `np.mean` returns. It prints like a Python number (`0.5`) and echoes
/// as NumPy 2 shows it (`np.float64(0.5)`).
final class NumPyScalar: NumberConvertible, FormattableObject {
    let value: Double
    let dtype: NumPyDType

    init(_ value: Double, _ dtype: NumPyDType) {
        self.value = dtype.stored(value)
        self.dtype = dtype
    }

    var typeName: String { dtype.name }
    var classKey: String { "numpy." + dtype.name }

    /// The text of the number itself.
    var text: String {
        switch dtype {
        case .float64: return PythonFloat.repr(value)
        case .float32: return PythonFloat.repr(float32: Float(value))
        case .int64: return String(Int(saturating: value))
        case .bool: return value != 0 ? "True" : "False"
        }
    }

    /// The Python number it equals.
    var python: Value {
        switch dtype {
        case .float64, .float32: return .float(value)
        case .int64: return .int(Int(saturating: value))
        case .bool: return .bool(value != 0)
        }
    }

    func repr(in interpreter: Interpreter) throws -> String {
        dtype == .bool ? "np.\(text)_" : "np.\(dtype.name)(\(text))"
    }
    func str(in interpreter: Interpreter) throws -> String { text }
    func asDouble() throws -> Double { value }
    func asInt() throws -> Int? { dtype.isFloat ? nil : Int(saturating: value) }
    var indexValue: Int? { dtype.isFloat ? nil : Int(saturating: value) }
    func truth(in interpreter: Interpreter) throws -> Bool? { value != 0 }
    func hashKey() throws -> HashKey { try HashKey(python) }

    func formatted(spec: String, in interpreter: Interpreter) throws -> String {
        try PythonFormat.format(python, spec: spec, in: interpreter)
    }

    func attribute(_ name: String, in interpreter: Interpreter) throws -> Value? {
        switch name {
        case "item": return .object(BoundMethod(receiver: .object(self), function: .object(NumPy.itemMethod)))
        case "dtype": return .string(dtype.name)
        default: return nil
        }
    }

    func binaryOperation(_ op: BinaryOperator, _ other: Value, reflected: Bool, in interpreter: Interpreter) throws -> Value? {
        if other.isTensor { return nil }
        if case .object(let array as NDArray) = other {
            return try array.binaryOperation(op, .object(self), reflected: !reflected, in: interpreter)
        }
        guard let (otherValue, otherType) = NumPy.scalarOperand(other) else { return nil }
        let resultType = NumPy.scalarResult(dtype, otherType, op)
        let (a, b) = reflected ? (otherValue, value) : (value, otherValue)
        let result = try NumPy.apply(op, a, b, integers: !resultType.isFloat)
        return .object(NumPyScalar(result, resultType))
    }

    func unaryOperation(_ op: UnaryOperator, in interpreter: Interpreter) throws -> Value? {
        switch op {
        case .negative: return .object(NumPyScalar(-value, dtype == .bool ? .int64 : dtype))
        case .positive: return .object(self)
        case .absolute: return .object(NumPyScalar(Swift.abs(value), dtype))
        case .invert: return dtype.isFloat ? nil : .object(NumPyScalar(dtype == .bool ? (value != 0 ? 0 : 1) : Double(~Int(saturating: value)), dtype))
        }
    }

    func comparison(_ op: ComparisonOperator, _ other: Value, in interpreter: Interpreter) throws -> Value? {
        if case .object(let array as NDArray) = other { return try array.comparison(op.swapped, .object(self), in: interpreter) }
        guard let (otherValue, _) = NumPy.scalarOperand(other) else { return op == .equal ? .bool(false) : op == .notEqual ? .bool(true) : nil }
        return .object(NumPyScalar(NumPy.compare(op, value, otherValue) ? 1 : 0, .bool))
    }
}

/// A NumPy array of regtutor's numbers: a shape and its elements (row-major, as doubles).
final class NDArray: PythonObject {
    let shape: [Int]
    let elements: [Double]
    let dtype: NumPyDType

    init(shape: [Int], elements: [Double], dtype: NumPyDType) throws {
        guard try NDArray.count(shape) == elements.count else {
            throw PythonError(.valueError, "cannot reshape array of size \(elements.count) into shape \(NumPy.shapeText(shape))")
        }
        self.shape = shape
        self.elements = elements.map(dtype.stored)
        self.dtype = dtype
    }

    /// The array as a tensor (`torch.tensor(a)`, `torch.from_numpy(a)`): float32, int64 and bool
    /// keep their type; float64 becomes float32, regtutor's only floating type.
    func tensor() throws -> Tensor {
        let type: DType = switch dtype {
        case .float64: .float64
        case .float32: .float32
        case .int64: .int64
        case .bool: .bool
        }
        return try Tensor(elements, shape: shape, dtype: type)
    }

    /// The elements of a shape, checked against regtutor's size limit.
    static func count(_ shape: [Int]) throws -> Int {
        guard shape.allSatisfy({ $0 >= 0 }) else { throw PythonError(.valueError, "negative dimensions are not allowed") }
        var total = 1
        for dim in shape {
            let (product, overflow) = total.multipliedReportingOverflow(by: dim)
            guard !overflow, product <= 1 << 25 else { throw PythonError(.memoryError, "the array would be too large for regtutor") }
            total = product
        }
        return total
    }

    /// An array from a tensor, an array, a number or a (nested) list of numbers.
    convenience init(_ value: Value, in interpreter: Interpreter) throws {
        switch value {
        case .object(let array as NDArray):
            try self.init(shape: array.shape, elements: array.elements, dtype: array.dtype)
        case .object(let scalar as NumPyScalar):
            try self.init(shape: [], elements: [scalar.value], dtype: scalar.dtype)
        case .object(let t as TensorObject):
            try self.init(tensor: t.tensor)
        case .object(let variable as KerasVariableObject):
            try self.init(tensor: variable.tensor)
        default:
            var shape: [Int] = []
            var elements: [Double] = []
            var dtype = NumPyDType.bool
            var sawAny = false
            try NDArray.flatten(value, depth: 0, shape: &shape, elements: &elements, dtype: &dtype, sawAny: &sawAny, interpreter)
            try self.init(shape: shape, elements: elements, dtype: sawAny ? dtype : .float64)
        }
    }

    /// An array holding a tensor's numbers, with the matching dtype.
    convenience init(tensor: Tensor) throws {
        let dtype: NumPyDType = tensor.dtype == .float32 ? .float32 : tensor.dtype == .float64 ? .float64 : tensor.dtype == .bool ? .bool : .int64
        try self.init(shape: tensor.shape, elements: tensor.doubles, dtype: dtype)
    }

    private static func flatten(_ value: Value, depth: Int, shape: inout [Int], elements: inout [Double], dtype: inout NumPyDType,
                                sawAny: inout Bool, _ interpreter: Interpreter) throws {
        if depth > 32 { throw PythonError(.valueError, "too many dimensions (more than 32)") }
        let items: [Value]? = value.listItems ?? value.tupleItems
        guard let items else {
            guard depth == shape.count else {
                throw PythonError(.valueError, "setting an array element with a sequence. The requested array has an inhomogeneous shape after \(depth) dimensions.")
            }
            guard let (number, kind) = NumPy.scalarOperand(value) ?? value.tensorObject.flatMap({ t in
                t.tensor.count == 1 ? (t.tensor.doubles[0], t.tensor.dtype == .float32 ? .float32 : t.tensor.dtype == .float64 ? .float64 : .int64) : nil
            }) else {
                throw PythonError(.typeError, "regtutor's numpy holds numbers, not \(value.typeName)")
            }
            if elements.count >= 1 << 25 { throw PythonError(.memoryError, "the array would be too large for regtutor") }
            elements.append(number)
            dtype = sawAny ? NumPyDType.promote(dtype, kind) : kind
            sawAny = true
            return
        }
        if depth == shape.count {
            guard elements.isEmpty else {
                throw PythonError(.valueError, "setting an array element with a sequence. The requested array has an inhomogeneous shape after \(depth) dimensions.")
            }
            shape.append(items.count)
        } else if shape[depth] != items.count {
            throw PythonError(.valueError, "setting an array element with a sequence. The requested array has an inhomogeneous shape after \(depth) dimensions. The detected shape was \(NumPy.shapeText(Array(shape.prefix(depth)))) + inhomogeneous part.")
        }
        for item in items { try flatten(item, depth: depth + 1, shape: &shape, elements: &elements, dtype: &dtype, sawAny: &sawAny, interpreter) }
    }

    func converted(to target: NumPyDType) -> NDArray {
        (try? NDArray(shape: shape, elements: elements, dtype: target)) ?? self
    }

    var typeName: String { "ndarray" }
    var classKey: String { "numpy.ndarray" }
    var methodTable: String { "ndarray" }

    // MARK: Reductions

    /// The dtype of a mean: float32 stays, everything else is float64.
    private var meanType: NumPyDType { dtype == .float32 ? .float32 : .float64 }

    func mean() throws -> NumPyScalar {
        guard !elements.isEmpty else { return NumPyScalar(.nan, meanType) }
        return NumPyScalar(NumPy.pairwiseSum(elements) / Double(elements.count), meanType)
    }

    func variance(ddof: Int, root: Bool) throws -> NumPyScalar {
        let n = elements.count
        guard n - ddof > 0 else { return NumPyScalar(.nan, meanType) }
        let mean = NumPy.pairwiseSum(elements) / Double(n)
        let squares = NumPy.pairwiseSum(elements.map { ($0 - mean) * ($0 - mean) }) / Double(n - ddof)
        return NumPyScalar(root ? squares.squareRoot() : squares, meanType)
    }

    func total() -> NumPyScalar {
        NumPyScalar(NumPy.pairwiseSum(elements), dtype == .bool ? .int64 : dtype)
    }

    func extreme(largest: Bool) throws -> NumPyScalar {
        guard var best = elements.first else {
            throw PythonError(.valueError, "zero-size array to reduction operation \(largest ? "maximum" : "minimum") which has no identity")
        }
        for x in elements.dropFirst() {
            if best.isNaN { break }
            if x.isNaN || (largest ? x > best : x < best) { best = x }
        }
        return NumPyScalar(best, dtype)
    }

    func argExtreme(largest: Bool) throws -> NumPyScalar {
        guard var best = elements.first else { throw PythonError(.valueError, "attempt to get \(largest ? "argmax" : "argmin") of an empty sequence") }
        var position = 0
        for (i, x) in elements.enumerated().dropFirst() {
            if best.isNaN { break }
            if x.isNaN || (largest ? x > best : x < best) {
                best = x
                position = i
            }
        }
        return NumPyScalar(Double(position), .int64)
    }

    func median() throws -> NumPyScalar {
        guard !elements.isEmpty else { return NumPyScalar(.nan, meanType) }
        if elements.contains(where: \.isNaN) { return NumPyScalar(.nan, meanType) }
        let sorted = elements.sorted()
        let middle = sorted.count / 2
        let value = sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
        return NumPyScalar(value, meanType)
    }

    /// A reduction over everything (a scalar) or along one axis (an array); `keepdims` keeps the
    /// reduced axes with size 1.
    func reduced(axis: Int?, keepdims: Bool, _ reduce: (NDArray) throws -> NumPyScalar) throws -> Value {
        guard let axis else {
            let scalar = try reduce(self)
            guard keepdims else { return .object(scalar) }
            return .object(try NDArray(shape: shape.map { _ in 1 }, elements: [scalar.value], dtype: scalar.dtype))
        }
        let result = try along(axis: axis, reduce)
        guard keepdims else { return .object(result) }
        var kept = shape
        kept[axis < 0 ? axis + shape.count : axis] = 1
        return .object(try NDArray(shape: kept, elements: result.elements, dtype: result.dtype))
    }

    /// A reduction along one axis: an array of the results.
    func along(axis: Int, _ reduce: (NDArray) throws -> NumPyScalar) throws -> NDArray {
        guard !shape.isEmpty else { throw PythonError(.valueError, "axis \(axis) is out of bounds for array of dimension 0") }
        guard axis >= -shape.count && axis < shape.count else {
            throw PythonError(.valueError, "axis \(axis) is out of bounds for array of dimension \(shape.count)")
        }
        let d = axis < 0 ? axis + shape.count : axis
        let inner = shape.dropFirst(d + 1).reduce(1, *)
        let outer = shape.prefix(d).reduce(1, *)
        let length = shape[d]
        var results: [NumPyScalar] = []
        for o in 0..<outer {
            for i in 0..<inner {
                let line = (0..<length).map { elements[(o * length + $0) * inner + i] }
                results.append(try reduce(try NDArray(shape: [length], elements: line, dtype: dtype)))
            }
        }
        var resultShape = shape
        resultShape.remove(at: d)
        return try NDArray(shape: resultShape, elements: results.map(\.value), dtype: results.first?.dtype ?? meanType)
    }

    // MARK: What Python asks of an array

    func repr(in interpreter: Interpreter) throws -> String { NumPyFormat.repr(self) }
    func str(in interpreter: Interpreter) throws -> String { NumPyFormat.str(self) }

    func length(in interpreter: Interpreter) throws -> Int? {
        guard let first = shape.first else { throw PythonError(.typeError, "len() of unsized object") }
        return first
    }

    func truth(in interpreter: Interpreter) throws -> Bool? {
        guard elements.count == 1 else {
            throw PythonError(.valueError, "The truth value of an array with more than one element is ambiguous. Use a.any() or a.all()")
        }
        return elements[0] != 0
    }

    func makeIterator(in interpreter: Interpreter) throws -> ValueIterator? {
        guard !shape.isEmpty else { throw PythonError(.typeError, "iteration over a 0-d array") }
        var position = 0
        return ValueIterator { [self] in
            guard position < shape[0] else { return nil }
            defer { position += 1 }
            return try row(position)
        }
    }

    /// `a[i]`: a scalar of a 1-d array, a row of a larger one.
    func row(_ i: Int) throws -> Value {
        guard let first = shape.first else { throw PythonError(.indexError, "too many indices for array: array is 0-dimensional, but 1 were indexed") }
        guard i >= -first && i < first else { throw PythonError(.indexError, "index \(i) is out of bounds for axis 0 with size \(first)") }
        let index = i < 0 ? i + first : i
        let width = shape.dropFirst().reduce(1, *)
        if shape.count == 1 { return .object(NumPyScalar(elements[index], dtype)) }
        return .object(try NDArray(shape: Array(shape.dropFirst()), elements: Array(elements[(index * width)..<((index + 1) * width)]), dtype: dtype))
    }

    func item(at index: Value, in interpreter: Interpreter) throws -> Value? {
        if let i = index.exactInt ?? index.object(as: PythonObject.self)?.indexValue, !index.isFloat { return try row(i) }
        return try indexed(index, in: interpreter)
    }

    func attribute(_ name: String, in interpreter: Interpreter) throws -> Value? {
        switch name {
        case "shape": return .tuple(shape.map { .int($0) })
        case "ndim": return .int(shape.count)
        case "size": return .int(elements.count)
        case "dtype": return .string(dtype.name)
        case "T":
            guard shape.count == 2 else { return .object(self) }
            let (rows, columns) = (shape[0], shape[1])
            return .object(try NDArray(shape: [columns, rows], elements: (0..<(rows * columns)).map { elements[($0 % rows) * columns + $0 / rows] }, dtype: dtype))
        default: return nil
        }
    }

    var attributeNames: [String] { ["shape", "ndim", "size", "dtype", "T"] }

    func binaryOperation(_ op: BinaryOperator, _ other: Value, reflected: Bool, in interpreter: Interpreter) throws -> Value? {
        if other.isTensor { return nil }
        let right: NDArray
        let rightType: NumPyDType
        if case .object(let array as NDArray) = other {
            right = array
            rightType = array.dtype
        } else if let (number, kind) = NumPy.scalarOperand(other) {
            right = try NDArray(shape: [], elements: [number], dtype: kind)
            if other.object(as: NumPyScalar.self) != nil {
                rightType = kind
            } else {
                // A Python number does not widen the array's type (NumPy 2's "weak" scalars),
                // except a float meeting ints and an int meeting bools.
                rightType = kind.isFloat && !dtype.isFloat ? .float64 : (kind == .int64 && dtype == .bool ? .int64 : dtype)
            }
        } else {
            return nil
        }
        var resultType = NumPyDType.promote(dtype, rightType)
        if op == .trueDivide && !resultType.isFloat { resultType = .float64 }
        let (a, b) = reflected ? (right, self) : (self, right)
        if op == .matrixMultiply { return .object(try NDArray.matmul(a, b, dtype: resultType == .bool ? .int64 : resultType, in: interpreter)) }
        let shape = try NumPy.broadcast(a.shape, b.shape)
        let x = try a.broadcast(to: shape), y = try b.broadcast(to: shape)
        let values = try zip(x, y).map { try NumPy.apply(op, $0, $1, integers: !resultType.isFloat) }
        return .object(try NDArray(shape: shape, elements: values, dtype: resultType))
    }

    /// `a @ b` for vectors and matrices: (n, k) @ (k, m), with a vector as a row on the left
    /// and a column on the right (its axis dropped from the result).
    static func matmul(_ a: NDArray, _ b: NDArray, dtype: NumPyDType, in interpreter: Interpreter) throws -> NDArray {
        guard !a.shape.isEmpty, !b.shape.isEmpty, a.shape.count <= 2, b.shape.count <= 2 else {
            throw PythonError(.valueError, "matmul: regtutor's numpy multiplies vectors and matrices (1 or 2 dimensions), got shapes \(NumPy.shapeText(a.shape)) and \(NumPy.shapeText(b.shape))")
        }
        let (n, k) = a.shape.count == 2 ? (a.shape[0], a.shape[1]) : (1, a.shape[0])
        let (k2, m) = b.shape.count == 2 ? (b.shape[0], b.shape[1]) : (b.shape[0], 1)
        guard k == k2 else {
            throw PythonError(.valueError, "matmul: Input operand 1 has a mismatch in its core dimension 0, with gufunc signature (n?,k),(k,m?)->(n?,m?) (size \(k2) is different from \(k))")
        }
        try interpreter.checkMemory(n, times: m)
        var result = [Double](repeating: 0, count: n * m)
        for i in 0..<n {
            for p in 0..<k {
                let left = a.elements[i * k + p]
                for j in 0..<m { result[i * m + j] += left * b.elements[p * m + j] }
            }
        }
        var shape: [Int] = []
        if a.shape.count == 2 { shape.append(n) }
        if b.shape.count == 2 { shape.append(m) }
        return try NDArray(shape: shape, elements: result, dtype: dtype)
    }

    func unaryOperation(_ op: UnaryOperator, in interpreter: Interpreter) throws -> Value? {
        switch op {
        case .negative: return .object(try NDArray(shape: shape, elements: elements.map { -$0 }, dtype: dtype))
        case .positive: return .object(self)
        case .absolute: return .object(try NDArray(shape: shape, elements: elements.map { Swift.abs($0) }, dtype: dtype))
        case .invert:
            guard dtype == .bool else { return nil }
            return .object(try NDArray(shape: shape, elements: elements.map { $0 != 0 ? 0 : 1 }, dtype: .bool))
        }
    }

    func comparison(_ op: ComparisonOperator, _ other: Value, in interpreter: Interpreter) throws -> Value? {
        let right: NDArray
        if case .object(let array as NDArray) = other { right = array } else if let (number, kind) = NumPy.scalarOperand(other) {
            right = try NDArray(shape: [], elements: [number], dtype: kind)
        } else {
            return op == .equal ? .bool(false) : op == .notEqual ? .bool(true) : nil
        }
        let shape = try NumPy.broadcast(self.shape, right.shape)
        let x = try broadcast(to: shape), y = try right.broadcast(to: shape)
        return .object(try NDArray(shape: shape, elements: zip(x, y).map { NumPy.compare(op, $0, $1) ? 1 : 0 }, dtype: .bool))
    }

    /// The elements repeated to a larger shape (NumPy's broadcasting).
    func broadcast(to target: [Int]) throws -> [Double] {
        if shape == target { return elements }
        let count = try NDArray.count(target)
        let padded = Array(repeating: 1, count: target.count - shape.count) + shape
        var strides = [Int](repeating: 0, count: target.count)
        var step = 1
        for d in (0..<target.count).reversed() {
            strides[d] = padded[d] == 1 ? 0 : step
            step *= padded[d]
        }
        return (0..<count).map { flat in
            var remainder = flat
            var offset = 0
            for d in (0..<target.count).reversed() {
                offset += (remainder % target[d]) * strides[d]
                remainder /= target[d]
            }
            return elements[offset]
        }
    }
}

/// The arithmetic and conversions NumPy's scalars and arrays share.
enum NumPy {
    /// `x.item()` of a NumPy scalar.
    static let itemMethod = Builtin("numpy", "item(self)", kind: .method, doc: "The Python number.") { a, _ in
        guard case .object(let scalar as NumPyScalar) = a["self"] else { return a["self"] }
        return scalar.python
    }

    /// Nested Python lists of an array's elements.
    static func list(_ array: NDArray, dim: Int, offset: Int) -> Value {
        if array.shape.isEmpty { return NumPyScalar(array.elements[0], array.dtype).python }
        let stride = array.shape.dropFirst(dim + 1).reduce(1, *)
        return .list((0..<array.shape[dim]).map { i in
            dim == array.shape.count - 1 ? NumPyScalar(array.elements[offset + i], array.dtype).python
                : list(array, dim: dim + 1, offset: offset + i * stride)
        })
    }

    /// A number and its NumPy type: Python numbers and NumPy scalars.
    static func scalarOperand(_ value: Value) -> (Double, NumPyDType)? {
        switch value {
        case .bool(let b): return (b ? 1 : 0, .bool)
        case .int(let i): return (Double(i), .int64)
        case .float(let f): return (f, .float64)
        case .object(let scalar as NumPyScalar): return (scalar.value, scalar.dtype)
        default: return nil
        }
    }

    /// A number argument (for `np.float64(x)`).
    static func number(_ value: Value, in interpreter: Interpreter) throws -> Double {
        if let (number, _) = scalarOperand(value) { return number }
        if case .string(let text) = value, let parsed = Double(text.trimmingCharacters(in: .whitespaces)) { return parsed }
        if let number = value.object(as: NumberConvertible.self) { return try number.asDouble() }
        throw PythonError(.typeError, "float() argument must be a string or a real number, not '\(value.typeName)'")
    }

    /// The type of `scalar op python-number`: a NumPy scalar keeps its type, ints meeting floats become float64.
    static func scalarResult(_ own: NumPyDType, _ other: NumPyDType, _ op: BinaryOperator) -> NumPyDType {
        var result = own
        if other == .float64 && !own.isFloat { result = .float64 }
        if other == .int64 && own == .bool { result = .int64 }
        if op == .trueDivide && !result.isFloat { result = .float64 }
        return result
    }

    static func apply(_ op: BinaryOperator, _ a: Double, _ b: Double, integers: Bool) throws -> Double {
        switch op {
        case .add: return a + b
        case .subtract: return a - b
        case .multiply: return a * b
        case .trueDivide: return a / b
        case .floorDivide:
            if integers && b == 0 { return 0 }
            return (a / b).rounded(.down)
        case .modulo:
            if integers && b == 0 { return 0 }
            return Operators.pythonModulo(a, b)
        case .power:
            if integers && b < 0 { throw PythonError(.valueError, "Integers to negative integer powers are not allowed.") }
            return Foundation.pow(a, b)
        case .matrixMultiply: throw PythonError(.typeError, "regtutor's numpy has no matrix product: use torch tensors and @")
        case .bitAnd: return Double(Int(saturating: a) & Int(saturating: b))
        case .bitOr: return Double(Int(saturating: a) | Int(saturating: b))
        case .bitXor: return Double(Int(saturating: a) ^ Int(saturating: b))
        case .leftShift, .rightShift: throw PythonError(.typeError, "regtutor's numpy has no shifts")
        }
    }

    static func compare(_ op: ComparisonOperator, _ a: Double, _ b: Double) -> Bool {
        switch op {
        case .less: return a < b
        case .lessOrEqual: return a <= b
        case .greater: return a > b
        case .greaterOrEqual: return a >= b
        case .equal: return a == b
        case .notEqual: return a != b
        }
    }

    /// The shape two shapes broadcast to, or NumPy's error.
    static func broadcast(_ a: [Int], _ b: [Int]) throws -> [Int] {
        let rank = max(a.count, b.count)
        let x = Array(repeating: 1, count: rank - a.count) + a, y = Array(repeating: 1, count: rank - b.count) + b
        return try zip(x, y).map { p, q in
            guard p == q || p == 1 || q == 1 else {
                throw PythonError(.valueError, "operands could not be broadcast together with shapes \(shapeText(a)) \(shapeText(b)) ")
            }
            return p == 1 ? q : p   // a 1 stretches to the other size, even 0
        }
    }

    static func shapeText(_ shape: [Int]) -> String {
        shape.count == 1 ? "(\(shape[0]),)" : "(" + shape.map(String.init).joined(separator: ",") + ")"
    }

    /// A shape argument: an int or a tuple/list of ints.
    static func shape(_ value: Value) throws -> [Int] {
        if let n = value.exactInt { return [n] }
        guard let items = value.tupleItems ?? value.listItems else {
            throw PythonError(.typeError, "'\(value.typeName)' object cannot be interpreted as an integer")
        }
        return try items.map { item in
            guard let n = item.exactInt else { throw PythonError(.typeError, "'\(item.typeName)' object cannot be interpreted as an integer") }
            return n
        }
    }

    /// NumPy's pairwise summation (blocks of 8, halves above 128 elements), so sums of many
    /// floats round as NumPy's do.
    static func pairwiseSum(_ x: [Double]) -> Double {
        pairwiseSum(x[...])
    }

    private static func pairwiseSum(_ x: ArraySlice<Double>) -> Double {
        let n = x.count
        if n < 8 { return x.reduce(0, +) }
        if n <= 128 {
            var r = [Double](repeating: 0, count: 8)
            let start = x.startIndex
            for j in 0..<8 { r[j] = x[start + j] }
            var i = 8
            while i < n - n % 8 {
                for j in 0..<8 { r[j] += x[start + i + j] }
                i += 8
            }
            var result = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]))
            while i < n {
                result += x[start + i]
                i += 1
            }
            return result
        }
        var half = n / 2
        half -= half % 8
        return pairwiseSum(x.prefix(half)) + pairwiseSum(x.dropFirst(half))
    }

    /// What NumPy's reductions do with a tensor: they call the tensor's own method with NumPy's
    /// arguments, which PyTorch refuses.
    static func tensorReduction(_ name: String) -> PythonError {
        PythonError(.typeError, "\(name)() got an unexpected keyword argument 'axis' (NumPy hands a tensor to the tensor's own \(name) method, which takes dim, not axis): use x.\(name)(), or np.\(name)(x.tolist())")
    }

    /// `f` on every element: a scalar for a number, a tensor for a tensor (NumPy wraps the result
    /// back into one), an array for anything else array-like.
    static func map(_ value: Value, in interpreter: Interpreter, float: Bool, _ f: @escaping (Double) -> Double) throws -> Value {
        if let t = value.tensorObject {
            let tensor = t.tensor.detached()
            let source = float && !tensor.dtype.isFloatingPoint ? try tensor.converted(to: DefaultDType.float) : tensor
            return .tensor(try source.map({ Float(f(Double($0))) }, { f($0) }, { Int64(castingDouble: f(Double($0))) }))
        }
        if let (number, kind) = scalarOperand(value) {
            let type: NumPyDType = float ? (kind == .float32 ? .float32 : .float64) : (kind == .bool ? .int64 : kind)
            return .object(NumPyScalar(f(number), type))
        }
        let array = try NDArray(value, in: interpreter)
        let type: NumPyDType = float ? (array.dtype == .float32 ? .float32 : .float64) : (array.dtype == .bool ? .int64 : array.dtype)
        return .object(try NDArray(shape: array.shape, elements: array.elements.map(f), dtype: type))
    }

    /// A true/false test on every element.
    static func test(_ value: Value, in interpreter: Interpreter, _ f: (Double) -> Bool) throws -> Value {
        if let t = value.tensorObject {
            return .tensor(try Tensor(t.tensor.doubles.map { f($0) ? 1 : 0 }, shape: t.tensor.shape, dtype: .bool))
        }
        if let (number, _) = scalarOperand(value) { return .object(NumPyScalar(f(number) ? 1 : 0, .bool)) }
        let array = try NDArray(value, in: interpreter)
        return .object(try NDArray(shape: array.shape, elements: array.elements.map { f($0) ? 1 : 0 }, dtype: .bool))
    }

    /// `f` on the elements of two operands, broadcast.
    static func combine(_ x: Value, _ y: Value, in interpreter: Interpreter, _ f: (Double, Double) -> Double) throws -> Value {
        if let (p, pType) = scalarOperand(x), let (q, qType) = scalarOperand(y) {
            return .object(NumPyScalar(f(p, q), NumPyDType.promote(pType, qType)))
        }
        let a = try NDArray(x, in: interpreter), b = try NDArray(y, in: interpreter)
        let shape = try broadcast(a.shape, b.shape)
        let values = zip(try a.broadcast(to: shape), try b.broadcast(to: shape)).map(f)
        return .object(try NDArray(shape: shape, elements: values, dtype: NumPyDType.promote(a.dtype, b.dtype)))
    }
}
