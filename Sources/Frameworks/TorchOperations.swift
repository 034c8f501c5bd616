import Python
import Foundation
import TensorEngine

/// Operations that exist both as `torch.name(input, ...)` and as `x.name(...)`.
extension Bindings {
    /// Two entries for one operation: the torch function (first parameter `input`) and the
    /// tensor method (first parameter `self`).
    static func both(_ signature: String, doc: String, example: String = "",
                     _ body: @escaping (Tensor, BoundArguments, Interpreter) throws -> Value) -> [Builtin] {
        let methodSignature = signature.replacingOccurrences(of: "(input", with: "(self")
        return [
            Builtin("torch", signature, doc: doc, example: example) { a, interpreter in
                try body(try a.tensor("input"), a, interpreter)
            },
            Builtin("Tensor", methodSignature, kind: .method, doc: doc, example: example) { a, interpreter in
                try body(try a.tensor("self"), a, interpreter)
            },
        ]
    }

    /// A one-argument element-wise operation in both forms.
    private static func elementwise(_ name: String, _ doc: String, _ op: @escaping (Tensor) throws -> Tensor) -> [Builtin] {
        both("\(name)(input)", doc: doc, example: "torch.\(name)(x)\nx.\(name)()") { t, _, _ in .tensor(try op(t)) }
    }

    static func tensorOperations() -> [Builtin] {
        var entries: [Builtin] = []
        entries += elementwise("abs", "The absolute value of every element. Its gradient is sign(x): the subgradient L1 uses.") { try $0.abs() }
        entries += elementwise("sign", "-1, 0 or 1 by the sign of every element.") { try $0.sign() }
        entries += elementwise("sqrt", "The square root of every element.") { try $0.sqrt() }
        entries += elementwise("exp", "e to the power of every element.") { try $0.exp() }
        entries += elementwise("log", "The natural logarithm of every element.") { try $0.log() }
        entries += elementwise("log1p", "log(1 + x), accurate for small x.") { try $0.log1p() }
        entries += elementwise("log10", "The base-10 logarithm: decibels are 10 * log10(power ratio).") { try $0.log10() }
        entries += elementwise("log2", "The base-2 logarithm.") { try $0.log2() }
        entries += elementwise("sin", "The sine of every element.") { try $0.sin() }
        entries += elementwise("cos", "The cosine of every element.") { try $0.cos() }
        entries += elementwise("tanh", "The hyperbolic tangent of every element.") { try $0.tanh() }
        entries += elementwise("sigmoid", "1 / (1 + exp(-x)) for every element.") { try $0.sigmoid() }
        entries += elementwise("relu", "max(x, 0) for every element.") { try $0.relu() }
        entries += elementwise("square", "x * x for every element.") { try $0.pow(2) }
        entries += elementwise("floor", "The largest integer not above each element (no gradient).") { try $0.map({ $0.rounded(.down) }, { $0.rounded(.down) }, { $0 }) }
        entries += elementwise("ceil", "The smallest integer not below each element (no gradient).") { try $0.map({ $0.rounded(.up) }, { $0.rounded(.up) }, { $0 }) }
        entries += elementwise("logical_not", "True where the element is zero or False.") { try $0.logicalNot() }
        entries += both("round(input, *, decimals=0)", doc: "Each element rounded to `decimals` places, halves to even (no gradient).",
                        example: "torch.round(x)") { t, a, _ in
            let scale = Foundation.pow(10.0, Double(try a.int("decimals")))
            let f32 = Float(scale)
            return .tensor(try t.map({ ($0 * f32).rounded(.toNearestOrEven) / f32 }, { ($0 * scale).rounded(.toNearestOrEven) / scale }, { $0 }))
        }
        entries += both("pow(input, exponent)", doc: "Every element raised to `exponent` (a number or a tensor).",
                        example: "torch.pow(x, 2)\nx.pow(2).sum()   # the L2 penalty of x") { t, a, _ in
            try TensorOperators.binary(.power, .tensor(t), a["exponent"])
        }
        entries += both("clamp(input, min=None, max=None)", doc: "Every element limited to [min, max] (either may be None).",
                        example: "torch.clamp(x, min=0.0)\nx.clamp(-1, 1)") { t, a, _ in
            .tensor(try clamped(t, a))
        }
        entries += both("clip(input, min=None, max=None)", doc: "Another name for clamp.", example: "x.clip(0, 1)") { t, a, _ in
            .tensor(try clamped(t, a))
        }
        entries += arithmetic()
        entries += reductions()
        entries += shapeOperations()
        entries += both("softmax(input, dim)", doc: "exp(x) / sum(exp(x)) along `dim`: each slice becomes probabilities.",
                        example: "torch.softmax(logits, dim=1)") { t, a, _ in
            .tensor(try t.softmax(dim: try a.int("dim")))
        }
        entries += both("log_softmax(input, dim)", doc: "log(softmax(x)) along `dim`, computed stably.",
                        example: "torch.log_softmax(logits, dim=1)") { t, a, _ in
            .tensor(try t.logSoftmax(dim: try a.int("dim")))
        }
        entries += both("matmul(input, other)", doc: "Matrix product (dot product for vectors, batched for 3-D), like the @ operator.",
                        example: "torch.matmul(x, w.T)") { t, a, _ in
            .tensor(try t.matmul(try a.tensor("other")))
        }
        entries += both("mm(input, mat2)", doc: "Product of two matrices.", example: "torch.mm(a, b)") { t, a, _ in
            let other = try a.tensor("mat2")
            guard t.rank == 2 else { throw PythonError(.runtimeError, "self must be a matrix") }
            guard other.rank == 2 else { throw PythonError(.runtimeError, "mat2 must be a matrix") }
            return .tensor(try t.matmul(other))
        }
        entries += both("dot(input, tensor)", doc: "The dot product of two vectors.", example: "torch.dot(a, b)") { t, a, _ in
            let other = try a.tensor("tensor")
            guard t.rank == 1 && other.rank == 1 else {
                throw PythonError(.runtimeError, "1D tensors expected, but got \(t.rank)D and \(other.rank)D tensors")
            }
            return .tensor(try t.matmul(other))
        }
        entries += both("allclose(input, other, rtol=1e-05, atol=1e-08)", doc: "True when every |a - b| <= atol + rtol * |b|.",
                        example: "torch.allclose(a, b)") { t, a, _ in
            .bool(try t.isClose(to: try a.tensor("other"), rtol: try a.double("rtol"), atol: try a.double("atol")))
        }
        entries += both("equal(input, other)", doc: "True when both tensors have the same shape and elements.", example: "torch.equal(a, b)") { t, a, _ in
            .bool(try t.equals(try a.tensor("other")))
        }
        entries += both("count_nonzero(input, dim=None)", doc: "How many elements are not zero: count the weights L1 left alive.",
                        example: "torch.count_nonzero(w)") { t, a, _ in
            let nonzero = try Tensor.compare(t, .ne, Tensor.wrapped(integer: 0))
            return .tensor(try nonzero.sum(dims: try a.dims("dim")))
        }
        entries += both("flip(input, dims)", doc: "Reverses the order of elements along the given dimensions.", example: "torch.flip(x, dims=[0])") { t, a, _ in
            .tensor(try t.flipped(try a.dims("dims") ?? []))
        }
        entries += both("roll(input, shifts, dims=None)", doc: "Shifts elements along a dimension, wrapping around.", example: "torch.roll(x, 1)") { t, a, _ in
            .tensor(try t.rolled(try a.int("shifts"), dim: try a.optionalInt("dims")))
        }
        return entries
    }

    private static func arithmetic() -> [Builtin] {
        var entries: [Builtin] = []
        for (name, op, doc) in [("add", BinaryOperator.add, "input + alpha * other"), ("sub", .subtract, "input - alpha * other")] {
            entries += both("\(name)(input, other, *, alpha=1)", doc: "\(doc), element by element.", example: "torch.\(name)(a, b)") { t, a, _ in
                let other = try scaled(a["other"], by: a["alpha"])
                return try TensorOperators.binary(op, .tensor(t), other)
            }
        }
        for (name, op, doc) in [("mul", BinaryOperator.multiply, "input * other"), ("div", .trueDivide, "input / other (true division)")] {
            entries += both("\(name)(input, other)", doc: "\(doc), element by element.", example: "torch.\(name)(a, 2)") { t, a, _ in
                try TensorOperators.binary(op, .tensor(t), a["other"])
            }
        }
        for (name, comparison) in [("eq", ComparisonOperator.equal), ("ne", .notEqual), ("gt", .greater), ("lt", .less), ("ge", .greaterOrEqual), ("le", .lessOrEqual)] {
            entries += both("\(name)(input, other)", doc: "The comparison input \(comparison.rawValue) other as a bool tensor.", example: "x.\(name)(0)") { t, a, interpreter in
                try interpreter.compare(comparison, .tensor(t), a["other"])
            }
        }
        entries += both("masked_fill(input, mask, value)", doc: "A copy with `value` where the bool mask is True.",
                        example: "x.masked_fill(x < 0, 0.0)") { t, a, _ in
            let mask = try a.tensor("mask")
            let fill = try a.tensorOrNumber("value").converted(to: t.dtype)
            return .tensor(try Tensor.where(mask, fill, t))
        }
        return entries
    }

    /// `clamp(min=, max=)` with PyTorch's typing: a float bound makes an integer tensor float.
    static func clamped(_ t: Tensor, _ a: BoundArguments) throws -> Tensor {
        let low = try a.optionalDouble("min"), high = try a.optionalDouble("max")
        let floatBound = a["min"].isFloat || a["max"].isFloat
        let input = floatBound && !t.dtype.isFloatingPoint ? try t.converted(to: DefaultDType.float) : t
        return try input.clamp(min: low, max: high)
    }

    static func scaled(_ value: Value, by alpha: Value) throws -> Value {
        guard let factor = alpha.numberValue, factor != 1 else { return value }
        return try TensorOperators.binary(.multiply, value, alpha)
    }

    private static func reductions() -> [Builtin] {
        var entries: [Builtin] = []
        entries += both("sum(input, dim=None, keepdim=False, *, dtype=None)",
                        doc: "The sum of all elements, or along `dim` (an int or a tuple); keepdim keeps the summed dimensions with size 1.",
                        example: "x.sum()\nx.sum(dim=0)\nsum(p.abs().sum() for p in model.parameters())") { t, a, _ in
            var result = try t.sum(dims: try a.dims("dim"), keepdim: try a.bool("keepdim"))
            if let dtype = try a.dtype("dtype") { result = try result.converted(to: dtype) }
            return .tensor(result)
        }
        entries += both("mean(input, dim=None, keepdim=False, *, dtype=None)", doc: "The mean of all elements, or along `dim`.",
                        example: "x.mean()\nx.mean(dim=0, keepdim=True)") { t, a, _ in
            let source = try a.dtype("dtype").map { try t.converted(to: $0) } ?? t
            return .tensor(try source.mean(dims: try a.dims("dim"), keepdim: try a.bool("keepdim")))
        }
        for (name, isStd) in [("var", false), ("std", true)] {
            let what = isStd ? "standard deviation" : "variance"
            entries += both("\(name)(input, dim=None, unbiased=None, keepdim=False, *, correction=None)",
                            doc: "The \(what), unbiased by default (divides by n - 1, PyTorch's default); unbiased=False or correction=0 divides by n, as batch norm does.",
                            example: "x.\(name)()\nx.\(name)(dim=0, unbiased=False)") { t, a, _ in
                var dims = try a.dims("dim")
                var unbiased = a["unbiased"]
                if case .bool = a["dim"] {
                    unbiased = a["dim"]
                    dims = nil
                }
                var correction = 1
                if case .bool(let flag) = unbiased { correction = flag ? 1 : 0 }
                if let given = try a.optionalInt("correction") { correction = given }
                let keepdim = try a.bool("keepdim")
                return .tensor(isStd ? try t.standardDeviation(dims: dims, correction: correction, keepdim: keepdim)
                                     : try t.variance(dims: dims, correction: correction, keepdim: keepdim))
            }
        }
        for (name, largest) in [("max", true), ("min", false)] {
            entries += both("\(name)(input, dim=None, keepdim=False)",
                            doc: "The \(largest ? "largest" : "smallest") element; with `dim`, the values and their indices along it (a pair); with a tensor as second argument, the element-wise \(largest ? "maximum" : "minimum").",
                            example: "x.\(name)()\nvalues, indices = x.\(name)(dim=1)") { t, a, _ in
                if let other = a["dim"].tensorObject {
                    return .tensor(largest ? try Tensor.maximum(t, other.tensor) : try Tensor.minimum(t, other.tensor))
                }
                guard let dim = try a.optionalInt("dim") else { return .tensor(try t.extreme(largest: largest)) }
                let (values, indices) = try t.extreme(dim: dim, keepdim: try a.bool("keepdim"), largest: largest)
                return .object(NamedTupleObject(typeName: "torch.return_types.\(name)", names: ["values", "indices"],
                                                values: [.tensor(values), .tensor(indices)]))
            }
        }
        for (name, largest) in [("argmax", true), ("argmin", false)] {
            entries += both("\(name)(input, dim=None, keepdim=False)",
                            doc: "The index of the \(largest ? "largest" : "smallest") element (of the flattened tensor, or along `dim`).",
                            example: "logits.\(name)(dim=1)   # predicted classes") { t, a, _ in
                .tensor(try t.argExtreme(dim: try a.optionalInt("dim"), keepdim: try a.bool("keepdim"), largest: largest))
            }
        }
        entries += both("sort(input, dim=-1, descending=False, stable=False)",
                        doc: "The elements sorted along `dim` (ascending, or descending) and the positions they came from: a pair (values, indices). Equal values keep their order; NaN sorts as the largest.",
                        example: "values, indices = torch.sort(losses, descending=True)") { t, a, _ in
            let (values, indices) = try t.sorted(dim: try a.int("dim"), descending: try a.bool("descending"))
            return .object(NamedTupleObject(typeName: "torch.return_types.sort", names: ["values", "indices"],
                                            values: [.tensor(values), .tensor(indices)]))
        }
        entries += both("argsort(input, dim=-1, descending=False, stable=False)",
                        doc: "The positions that would sort the elements along `dim` (the indices of torch.sort).",
                        example: "order = torch.argsort(scores, descending=True)") { t, a, _ in
            .tensor(try t.sorted(dim: try a.int("dim"), descending: try a.bool("descending")).indices)
        }
        entries += both("topk(input, k, dim=-1, largest=True, sorted=True)",
                        doc: "The k largest (or, with largest=False, smallest) elements along `dim`, largest first, and their positions: a pair (values, indices).",
                        example: "values, indices = torch.topk(probabilities, 3)\ntop3 = logits.topk(3, dim=1).indices") { t, a, _ in
            let (values, indices) = try t.topk(try a.int("k"), dim: try a.int("dim"), largest: try a.bool("largest"))
            return .object(NamedTupleObject(typeName: "torch.return_types.topk", names: ["values", "indices"],
                                            values: [.tensor(values), .tensor(indices)]))
        }
        entries += both("norm(input, p='fro', dim=None, keepdim=False)",
                        doc: "The p-norm of all elements or along `dim`: p=2 (or 'fro') the Euclidean length, p=1 the sum of absolute values, p=float('inf') the largest absolute value.",
                        example: "w.norm()\nw.norm(p=1)\nw.norm(dim=0)   # one norm per column") { t, a, _ in
            let p: Double
            switch a["p"] {
            case .string(let s) where s == "fro": p = 2
            case .string(let s): throw PythonError(.runtimeError, "norm(): unsupported norm type '\(s)' in regtutor (use a number, 'fro' or float('inf'))")
            default: p = try a.double("p")
            }
            return .tensor(try t.norm(p: p, dims: try a.dims("dim"), keepdim: try a.bool("keepdim")))
        }
        entries += both("all(input)", doc: "True when every element is non-zero.", example: "(x > 0).all()") { t, _, _ in
            .tensor(Tensor(scalar: t.doubles.allSatisfy { $0 != 0 } ? 1 : 0, dtype: .bool))
        }
        entries += both("any(input)", doc: "True when some element is non-zero.", example: "(w == 0).any()") { t, _, _ in
            .tensor(Tensor(scalar: t.doubles.contains { $0 != 0 } ? 1 : 0, dtype: .bool))
        }
        entries += both("cumsum(input, dim)", doc: "Running sums along `dim` (no gradient in regtutor).", example: "torch.cumsum(x, dim=0)") { t, a, _ in
            .tensor(try t.cumulativeSum(dim: try a.int("dim")))
        }
        return entries
    }

    private static func shapeOperations() -> [Builtin] {
        var entries: [Builtin] = []
        entries += both("reshape(input, *shape)", doc: "The same elements in a new shape; one size may be -1 (inferred). A view of the same memory when the strides allow it, else a copy, as PyTorch decides.",
                        example: "x.reshape(2, -1)\ntorch.reshape(x, (3, 2))") { t, a, _ in
            .tensor(try t.reshaped(try shapeArgument(a)))
        }
        entries += both("flatten(input, start_dim=0, end_dim=-1)", doc: "Merges the dimensions from start_dim to end_dim into one.",
                        example: "images.flatten(1)   # (N, 8, 8) -> (N, 64)") { t, a, _ in
            .tensor(try t.flattened(start: try a.int("start_dim"), end: try a.int("end_dim")))
        }
        entries += both("squeeze(input, dim=None)", doc: "Removes dimensions of size 1 (all, or just `dim`).", example: "x.squeeze(1)") { t, a, _ in
            .tensor(try t.squeezed(dim: try a.optionalInt("dim")))
        }
        entries += both("unsqueeze(input, dim)", doc: "Inserts a dimension of size 1 at `dim`.", example: "x.unsqueeze(1)   # (N,) -> (N, 1)") { t, a, _ in
            .tensor(try t.unsqueezed(try a.int("dim")))
        }
        entries += both("transpose(input, dim0, dim1)", doc: "Swaps two dimensions.", example: "x.transpose(0, 1)") { t, a, _ in
            .tensor(try t.transposed(try a.int("dim0"), try a.int("dim1")))
        }
        entries += both("t(input)", doc: "The transpose of a matrix (vectors unchanged).", example: "w.t()") { t, _, _ in
            .tensor(try t.t())
        }
        entries += both("permute(input, *dims)", doc: "Reorders the dimensions.", example: "x.permute(2, 0, 1)") { t, a, _ in
            .tensor(try t.permuted(try dimsArgument(a)))
        }
        return entries
    }

    /// `*shape` given as ints or as one tuple/list/Size.
    static func shapeArgument(_ a: BoundArguments) throws -> [Int] {
        var items = a.rest
        if items.count == 1, let inner = items[0].tupleItems ?? { if case .list(let l) = items[0] { return l.items } else { return nil } }() {
            items = inner
        }
        return try items.map { item in
            guard let i = item.exactInt else {
                throw PythonError(.typeError, "\(a.functionName)(): argument 'shape' must be tuple of ints, but found element of type \(item.typeName)")
            }
            return i
        }
    }

    static func dimsArgument(_ a: BoundArguments) throws -> [Int] { try shapeArgument(a) }
}

/// A named tuple such as `torch.return_types.max(values=..., indices=...)`: unpacks like a tuple,
/// and its fields are attributes.
final class NamedTupleObject: PythonObject {
    let typeName: String
    let names: [String]
    let values: [Value]

    init(typeName: String, names: [String], values: [Value]) {
        self.typeName = typeName
        self.names = names
        self.values = values
    }

    func length(in interpreter: Interpreter) throws -> Int? { values.count }

    func attribute(_ name: String, in interpreter: Interpreter) throws -> Value? {
        names.firstIndex(of: name).map { values[$0] }
    }

    func item(at index: Value, in interpreter: Interpreter) throws -> Value? {
        try interpreter.item(of: .tuple(values), at: index)
    }

    func makeIterator(in interpreter: Interpreter) throws -> ValueIterator? { ValueIterator(items: values) }

    func repr(in interpreter: Interpreter) throws -> String {
        let fields = try zip(names, values).map { "\($0)=" + (try PythonFormat.repr($1, in: interpreter)) }
        return typeName + "(\n" + fields.joined(separator: ",\n") + ")"
    }

    var attributeNames: [String] { names }
}
