import Python
import Foundation
import TensorEngine

/// Methods and properties that only tensors have: autograd, conversion, in-place changes.
extension Bindings {
    private static func method(_ signature: String, doc: String, example: String = "",
                               _ body: @escaping (TensorObject, BoundArguments, Interpreter) throws -> Value) -> Builtin {
        Builtin("Tensor", signature, kind: .method, doc: doc, example: example) { a, interpreter in
            try body(try a.tensorObject("self"), a, interpreter)
        }
    }

    private static func property(_ name: String, doc: String, example: String = "",
                                 _ body: @escaping (TensorObject) throws -> Value) -> Builtin {
        Builtin("Tensor", "\(name)(self)", kind: .property, doc: doc, example: example) { a, _ in
            try body(try a.tensorObject("self"))
        }
    }

    static func tensorMethods() -> [Builtin] {
        tensorOperations() + autogradMethods() + conversionMethods() + inPlaceMethods() + viewMethods()
    }

    private static func autogradMethods() -> [Builtin] {
        [
            method("backward(self, gradient=None, retain_graph=None, create_graph=False)",
                   doc: "Computes the gradient of this tensor with respect to every leaf that requires grad, and adds it into their .grad. A non-scalar tensor needs `gradient`.",
                   example: "loss = (w * x).sum()\nloss.backward()\nw.grad") { t, a, _ in
                let gradient = try a.optionalTensor("gradient")
                let retain = a.isNone("retain_graph") ? false : try a.bool("retain_graph")
                try t.tensor.backward(gradient: gradient, retainGraph: retain)
                return .none
            },
            method("detach(self)", doc: "The same values, cut off from the autograd graph (no grad_fn, requires_grad=False).",
                   example: "y.detach()") { t, _, _ in
                .tensor(t.tensor.detached())
            },
            method("clone(self)", doc: "A copy with its own storage; gradients flow back through it.", example: "best = w.clone()") { t, _, _ in
                .tensor(t.tensor.cloned())
            },
            method("requires_grad_(self, requires_grad=True)", doc: "Makes autograd record operations on this tensor (in place); returns it.",
                   example: "w = torch.randn(3).requires_grad_()") { t, a, _ in
                try t.store(try t.tensor.requiringGrad(try a.bool("requires_grad")))
                return .tensor(t)
            },
            method("retain_grad(self)", doc: "Keeps the gradient of this non-leaf tensor after backward().", example: "h.retain_grad()") { t, _, _ in
                try t.tensor.retainGrad()
                return .none
            },
            method("item(self)", doc: "The value of a one-element tensor as a Python number.", example: "loss.item()") { t, _, _ in
                let tensor = t.tensor
                guard tensor.count == 1 else {
                    throw PythonError(.runtimeError, "a Tensor with \(tensor.count) elements cannot be converted to Scalar")
                }
                return scalarValue(tensor.elements[0], tensor.dtype)
            },
            method("tolist(self)", doc: "The elements as (nested) Python lists; float32 values appear widened to Python floats.",
                   example: "torch.tensor([0.1, 0.2]).tolist()  # [0.10000000149011612, 0.20000000298023224]") { t, _, _ in
                toList(t.tensor)
            },
            method("size(self, dim=None)", doc: "The shape as a torch.Size, or the size of one dimension.", example: "x.size()\nx.size(0)") { t, a, _ in
                let shape = t.tensor.shape
                guard let dim = try a.optionalInt("dim") else { return .size(shape) }
                return .int(shape[try Shape.normalize(dim: dim, rank: shape.count)])
            },
            method("dim(self)", doc: "The number of dimensions.", example: "x.dim()") { t, _, _ in .int(t.tensor.rank) },
            method("numel(self)", doc: "The number of elements.", example: "w.numel()") { t, _, _ in .int(t.tensor.count) },
            method("is_floating_point(self)", doc: "True for float32 tensors.", example: "x.is_floating_point()") { t, _, _ in
                .bool(t.tensor.dtype == .float32)
            },
        ]
    }

    /// A Python number from a tensor element of the given dtype.
    static func scalarValue(_ element: Float, _ dtype: DType) -> Value {
        switch dtype {
        case .float32: return .float(Double(element))
        case .int64: return .int(Int(saturating: element))
        case .bool: return .bool(element != 0)
        }
    }

    static func toList(_ tensor: Tensor) -> Value {
        if tensor.rank == 0 { return scalarValue(tensor.elements.first ?? 0, tensor.dtype) }
        func build(_ dim: Int, _ offset: Int, _ stride: Int) -> Value {
            let size = tensor.shape[dim]
            let inner = stride / max(size, 1)
            if dim == tensor.rank - 1 {
                return .list((0..<size).map { scalarValue(tensor.elements[offset + $0], tensor.dtype) })
            }
            return .list((0..<size).map { build(dim + 1, offset + $0 * inner, inner) })
        }
        return build(0, 0, tensor.count)
    }

    private static func conversionMethods() -> [Builtin] {
        func converter(_ name: String, _ dtype: DType, _ doc: String) -> Builtin {
            method("\(name)(self)", doc: doc, example: "x.\(name)()") { t, _, _ in .tensor(try t.tensor.converted(to: dtype)) }
        }
        return [
            converter("float", .float32, "A float32 copy (the tensor itself when it already is one)."),
            converter("long", .int64, "An int64 copy, values truncated toward zero: class labels for cross-entropy."),
            converter("int", .int64, "An integer copy (int64 in regtutor)."),
            converter("bool", .bool, "A bool copy: True where non-zero."),
            method("double(self)", doc: "Not available: regtutor computes in float32 only.") { _, _, _ in
                throw UnsupportedDType(name: "float64").error
            },
            method("to(self, *args, dtype=None)", doc: "A copy with another dtype; devices other than 'cpu' don't exist here, so x.to('cpu') is x.",
                   example: "x.to(torch.float32)") { t, a, _ in
                var target = try a.dtype("dtype")
                for value in a.rest {
                    if case .object(let object) = value, let dtype = object as? DTypeObject { target = dtype.dtype }
                    if let unsupported = value.object(as: UnsupportedDType.self) { throw unsupported.error }
                    try DeviceObject.check(value)
                }
                guard let target else { return .tensor(t) }
                return .tensor(try t.tensor.converted(to: target))
            },
            method("cpu(self)", doc: "The tensor itself (regtutor runs on the CPU).", example: "x.cpu()") { t, _, _ in .tensor(t) },
            method("numpy(self)", doc: "The values as a NumPy array (a copy: regtutor's arrays do not share memory with the tensor).",
                   example: "x.detach().numpy()") { t, _, interpreter in
                if t.tensor.requiresGrad {
                    throw PythonError(.runtimeError, "Can't call numpy() on Tensor that requires grad. Use tensor.detach().numpy() instead.")
                }
                return .object(try NDArray(.tensor(t), in: interpreter))
            },
            method("type(self, dtype=None)", doc: "The type name, or a copy converted to `dtype`.", example: "x.type()") { t, a, _ in
                guard let dtype = try a.dtype("dtype") else {
                    switch t.tensor.dtype {
                    case .float32: return .string("torch.FloatTensor")
                    case .int64: return .string("torch.LongTensor")
                    case .bool: return .string("torch.BoolTensor")
                    }
                }
                return .tensor(try t.tensor.converted(to: dtype))
            },
        ]
    }

    private static func inPlaceMethods() -> [Builtin] {
        [
            method("zero_(self)", doc: "Sets every element to 0, in place.", example: "w.grad.zero_()") { t, _, _ in
                try TensorInPlace.apply(t) { $0.zerosLike() }
            },
            method("fill_(self, value)", doc: "Sets every element to `value`, in place.", example: "b.data.fill_(0.1)") { t, a, _ in
                let value = Float(try a.double("value"))
                return try TensorInPlace.apply(t) { try $0.fullLike(value) }
            },
            method("copy_(self, src)", doc: "Copies the values of `src` (broadcast) into this tensor, in place.", example: "w.data.copy_(best)") { t, a, _ in
                let source = try a.tensor("src")
                return try TensorInPlace.apply(t) { current in try source.broadcast(to: current.shape).converted(to: current.dtype) }
            },
            method("add_(self, other, *, alpha=1)", doc: "Adds alpha * other in place.", example: "w.data.add_(g, alpha=-0.1)") { t, a, _ in
                try inPlace(t, .add, try scaled(a["other"], by: a["alpha"]))
            },
            method("sub_(self, other, *, alpha=1)", doc: "Subtracts alpha * other in place.", example: "w.data.sub_(0.1 * w.grad)") { t, a, _ in
                try inPlace(t, .subtract, try scaled(a["other"], by: a["alpha"]))
            },
            method("mul_(self, other)", doc: "Multiplies in place.", example: "w.data.mul_(0.9)") { t, a, _ in try inPlace(t, .multiply, a["other"]) },
            method("div_(self, other)", doc: "Divides in place.", example: "w.data.div_(2)") { t, a, _ in try inPlace(t, .trueDivide, a["other"]) },
            method("pow_(self, exponent)", doc: "Raises to a power in place.", example: "x.pow_(2)") { t, a, _ in try inPlace(t, .power, a["exponent"]) },
            method("clamp_(self, min=None, max=None)", doc: "Limits the elements to [min, max] in place.", example: "w.data.clamp_(min=0)") { t, a, _ in
                let low = try a.optionalDouble("min").map(Float.init), high = try a.optionalDouble("max").map(Float.init)
                return try TensorInPlace.apply(t) { try $0.clamp(min: low, max: high) }
            },
            method("abs_(self)", doc: "Replaces every element by its absolute value.", example: "x.abs_()") { t, _, _ in
                try TensorInPlace.apply(t) { $0.abs() }
            },
            method("masked_fill_(self, mask, value)", doc: "Writes `value` where the mask is True, in place.",
                   example: "w.data.masked_fill_(w.abs() < 1e-3, 0.0)") { t, a, _ in
                let mask = try a.tensor("mask")
                let fill = try a.tensorOrNumber("value")
                return try TensorInPlace.apply(t) { try Tensor.where(mask, try fill.converted(to: $0.dtype), $0) }
            },
            method("normal_(self, mean=0, std=1, *, generator=None)", doc: "Fills with normal random numbers, in place.",
                   example: "w.data.normal_(0, 0.01)") { t, a, interpreter in
                let generator = try generator(a, interpreter)
                let mean = Float(try a.double("mean")), std = Float(try a.double("std"))
                return try TensorInPlace.apply(t) { try Tensor.normal($0.shape, mean: mean, std: std, generator: generator) }
            },
            method("uniform_(self, a=0, b=1, *, generator=None)", doc: "Fills with uniform random numbers from [a, b), in place.",
                   example: "w.data.uniform_(-0.1, 0.1)") { t, a, interpreter in
                let generator = try generator(a, interpreter)
                let low = try a.double("a"), high = try a.double("b")
                return try TensorInPlace.apply(t) { try Tensor.uniform($0.shape, low: low, high: high, generator: generator) }
            },
            method("bernoulli(self, p=None, *, generator=None)", doc: "0/1 samples: with probability p (or this tensor's values) of 1.",
                   example: "torch.full((4,), 0.5).bernoulli()") { t, a, interpreter in
                let generator = try generator(a, interpreter)
                if let p = try a.optionalDouble("p") { return .tensor(try Tensor.bernoulli(t.tensor.shape, p: p, generator: generator)) }
                return .tensor(try t.tensor.bernoulli(generator: generator))
            },
            method("bernoulli_(self, p=0.5, *, generator=None)", doc: "Fills with 0/1 samples that are 1 with probability p, in place.",
                   example: "mask = torch.empty(5).bernoulli_(0.8)") { t, a, interpreter in
                let generator = try generator(a, interpreter)
                let p = try a.double("p")
                return try TensorInPlace.apply(t) { try Tensor.bernoulli($0.shape, p: p, generator: generator).converted(to: $0.dtype) }
            },
        ]
    }

    private static func inPlace(_ t: TensorObject, _ op: BinaryOperator, _ other: Value) throws -> Value {
        guard let result = try TensorOperators.binary(op, .tensor(t), other).tensorObject else { return .tensor(t) }
        try TensorInPlace.store(result.tensor, into: t)
        return .tensor(t)
    }

    private static func viewMethods() -> [Builtin] {
        [
            method("view(self, *shape)", doc: "The same elements in a new shape (one size may be -1).", example: "x.view(-1, 1)") { t, a, _ in
                .tensor(try t.tensor.reshaped(try shapeArgument(a)))
            },
            method("view_as(self, other)", doc: "The same elements in the shape of `other`.", example: "x.view_as(y)") { t, a, _ in
                .tensor(try t.tensor.reshaped(try a.tensor("other").shape))
            },
            method("expand(self, *sizes)", doc: "Repeats size-1 dimensions to the given sizes (-1 keeps a size).", example: "b.expand(4, 3)") { t, a, _ in
                .tensor(try t.tensor.expanded(try shapeArgument(a)))
            },
            method("expand_as(self, other)", doc: "Expands to the shape of `other`.", example: "b.expand_as(x)") { t, a, _ in
                .tensor(try t.tensor.expanded(try a.tensor("other").shape))
            },
            method("repeat(self, *sizes)", doc: "Tiles the tensor: each dimension repeated the given number of times.", example: "x.repeat(2, 1)") { t, a, _ in
                .tensor(try t.tensor.repeated(try shapeArgument(a)))
            },
            method("type_as(self, other)", doc: "A copy with the dtype of `other`.", example: "mask.type_as(x)") { t, a, _ in
                .tensor(try t.tensor.converted(to: try a.tensor("other").dtype))
            },
        ]
    }

    static func tensorProperties() -> [Builtin] {
        [
            property("shape", doc: "The size of each dimension, as a torch.Size.", example: "x.shape        # torch.Size([2, 3])\nx.shape[0]") { t in
                .size(t.tensor.shape)
            },
            property("T", doc: "The tensor with its dimensions reversed (the transpose of a matrix).", example: "w.T") { t in
                .tensor(try t.tensor.reversedDims())
            },
            property("grad", doc: "The gradient accumulated by backward(), or None before any. Read it after loss.backward().",
                     example: "loss.backward()\nw.grad") { t in
                guard t.tensor.requiresGrad || t.variable.grad != nil else { return .none }
                guard t.variable.grad != nil else { return .none }
                return .tensor(TensorObject(t.variable, place: .gradient))
            },
            property("requires_grad", doc: "True when autograd records operations on this tensor.", example: "w.requires_grad") { t in
                .bool(t.tensor.requiresGrad)
            },
            property("is_leaf", doc: "True for tensors you created (not computed by a recorded operation).", example: "w.is_leaf") { t in
                .bool(t.tensor.isLeaf)
            },
            property("grad_fn", doc: "The operation that computed this tensor (its backward node), or None for a leaf.", example: "y.grad_fn") { t in
                guard let node = t.tensor.gradNode, !node.isLeaf else { return .none }
                return .object(GradFunctionObject(name: node.name))
            },
            property("data", doc: "The same values without autograd: changing them changes the tensor, and nothing is recorded.",
                     example: "w.data -= 0.1 * w.grad") { t in
                t.place == .own ? .tensor(TensorObject(t.variable, place: .data)) : .tensor(t)
            },
            property("dtype", doc: "The element type: torch.float32, torch.int64 or torch.bool.", example: "x.dtype") { t in
                .object(DTypeObject(t.tensor.dtype))
            },
            property("ndim", doc: "The number of dimensions.", example: "x.ndim") { t in .int(t.tensor.rank) },
            property("device", doc: "Where the tensor lives: always the CPU in regtutor.", example: "x.device") { _ in
                .object(TextObject(typeName: "device", text: "device(type='cpu')"))
            },
        ]
    }
}

/// A value that only prints, such as `device(type='cpu')`.
final class TextObject: PythonObject {
    let typeName: String
    let text: String
    init(typeName: String, text: String) {
        self.typeName = typeName
        self.text = text
    }
    func repr(in interpreter: Interpreter) throws -> String { text }
}

/// What `y.grad_fn` shows: the backward node's name, e.g. `<MulBackward0 object>`.
final class GradFunctionObject: PythonObject {
    let name: String
    init(name: String) { self.name = name }
    var typeName: String { name }
    func repr(in interpreter: Interpreter) throws -> String { "<\(name) object>" }
    func attribute(_ attribute: String, in interpreter: Interpreter) throws -> Value? {
        guard attribute == "name" else { return nil }
        return .object(Builtin("grad_fn", "name()", doc: "The node's name.") { [name] _, _ in .string(name) })
    }
}
