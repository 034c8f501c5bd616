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
                .tensor(try t.tensor.cloned())
            },
            method("requires_grad_(self, requires_grad=True)", doc: "Makes autograd record operations on this tensor (in place); returns it.",
                   example: "w = torch.randn(3).requires_grad_()") { t, a, _ in
                t.store(try t.tensor.requiringGrad(try a.bool("requires_grad")))
                return .tensor(t)
            },
            method("retain_grad(self)", doc: "Keeps the gradient of this non-leaf tensor after backward().", example: "h.retain_grad()") { t, _, _ in
                try t.tensor.retainGrad()
                return .none
            },
            method("item(self)", doc: "The value of a one-element tensor as a Python number.", example: "loss.item()") { t, _, _ in
                try scalarValue(of: t.tensor)
            },
            method("tolist(self)", doc: "The elements as (nested) Python lists; float32 values appear widened to Python floats, integers and bools as Python ints and bools.",
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
            method("is_floating_point(self)", doc: "True for float32 and float64 tensors.", example: "x.is_floating_point()") { t, _, _ in
                .bool(t.tensor.dtype.isFloatingPoint)
            },
            method("is_contiguous(self, memory_format=None)", doc: "True when the elements lie in memory in row-major order without gaps (views such as x.t() usually are not).",
                   example: "x.t().is_contiguous()   # False") { t, _, _ in
                .bool(t.tensor.isContiguous)
            },
            method("contiguous(self, memory_format=None)", doc: "The tensor itself when contiguous, else a contiguous copy (gradients flow through it).",
                   example: "x.t().contiguous()") { t, _, _ in
                t.tensor.isContiguous ? .tensor(t) : .tensor(try t.tensor.contiguous())
            },
            method("stride(self, dim=None)", doc: "How many elements to step in memory for one step along each dimension (a tuple), or along `dim`.",
                   example: "torch.zeros(2, 3).stride()      # (3, 1)\ntorch.zeros(2, 3).t().stride()  # (1, 3)") { t, a, _ in
                let strides = t.tensor.strides
                guard let dim = try a.optionalInt("dim") else { return .tuple(strides.map { .int($0) }) }
                return .int(strides[try Shape.normalize(dim: dim, rank: strides.count)])
            },
            method("storage_offset(self)", doc: "Where this tensor's first element is in its storage, in elements.",
                   example: "x = torch.arange(6)\nx[2:].storage_offset()   # 2") { t, _, _ in
                .int(t.tensor.storageOffset)
            },
            method("data_ptr(self)", doc: "The address of the first element: two tensors that share memory from the same start have the same one.",
                   example: "x.view(6).data_ptr() == x.data_ptr()   # True: a view") { t, _, _ in
                .int(t.tensor.storage.address + t.tensor.storageOffset * t.tensor.dtype.itemSize)
            },
            method("element_size(self)", doc: "Bytes per element: 4 for float32, 8 for float64 and int64, 1 for uint8 and bool.",
                   example: "torch.zeros(2, dtype=torch.float64).element_size()   # 8") { t, _, _ in
                .int(t.tensor.dtype.itemSize)
            },
        ]
    }

    /// The Python number a one-element tensor holds: a float for float tensors, an int for
    /// integer ones, a bool for bool ones.
    static func scalarValue(of tensor: Tensor) throws -> Value {
        guard tensor.count == 1 else {
            throw PythonError(.runtimeError, "a Tensor with \(tensor.count) elements cannot be converted to Scalar")
        }
        if tensor.dtype.isFloatingPoint { return .float(try tensor.item()) }
        let value = try tensor.integerItem()
        return tensor.dtype == .bool ? .bool(value != 0) : .int(Int(truncatingIfNeeded: value))
    }

    /// The elements as nested Python lists (a number for a 0-d tensor).
    static func toList(_ tensor: Tensor) -> Value {
        let values: [Value]
        if tensor.dtype.isFloatingPoint {
            values = tensor.doubles.map { .float($0) }
        } else if tensor.dtype == .bool {
            values = tensor.int64s.map { .bool($0 != 0) }
        } else {
            values = tensor.int64s.map { .int(Int(truncatingIfNeeded: $0)) }
        }
        if tensor.rank == 0 { return values.first ?? .none }
        func build(_ dim: Int, _ offset: Int, _ stride: Int) -> Value {
            let size = tensor.shape[dim]
            let inner = stride / max(size, 1)
            if dim == tensor.rank - 1 { return .list((0..<size).map { values[offset + $0] }) }
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
            converter("double", .float64, "A float64 copy (the tensor itself when it already is one)."),
            converter("long", .int64, "An int64 copy, values truncated toward zero: class labels for cross-entropy."),
            converter("int", .int32, "An int32 copy, values truncated toward zero."),
            converter("short", .int16, "An int16 copy."),
            converter("char", .int8, "An int8 copy."),
            converter("byte", .uint8, "A uint8 copy (values wrap around modulo 256)."),
            converter("bool", .bool, "A bool copy: True where non-zero."),
            method("half(self)", doc: "Not available: regtutor has no float16.") { _, _, _ in
                throw PythonError(.runtimeError, "regtutor has no float16 tensors: use float() or double()")
            },
            method("to(self, *args, dtype=None, non_blocking=False, copy=False)",
                   doc: "A copy with another dtype (or the dtype of another tensor); devices other than 'cpu' don't exist here, so x.to('cpu') is x.",
                   example: "x.to(torch.float64)\nx.to(device)") { t, a, _ in
                var target = try a.dtype("dtype")
                for value in a.rest {
                    if case .object(let object) = value, let dtype = object as? DTypeObject { target = dtype.dtype }
                    if let other = value.tensorObject { target = other.tensor.dtype }
                    try DeviceObject.check(value)
                }
                let copy = try a.has("copy") && a.bool("copy")
                guard let target else { return copy ? .tensor(try t.tensor.cloned()) : .tensor(t) }
                if target == t.tensor.dtype { return copy ? .tensor(try t.tensor.cloned()) : .tensor(t) }
                return .tensor(try t.tensor.converted(to: target))
            },
            method("cpu(self)", doc: "The tensor itself (regtutor runs on the CPU).", example: "x.cpu()") { t, _, _ in .tensor(t) },
            method("numpy(self, *, force=False)", doc: "The values as a NumPy array sharing this tensor's memory: changing one changes the other, as in PyTorch.",
                   example: "x.detach().numpy()") { t, _, _ in
                if t.tensor.requiresGrad {
                    throw PythonError(.runtimeError, "Can't call numpy() on Tensor that requires grad. Use tensor.detach().numpy() instead.")
                }
                return .object(try NDArray(tensor: t.tensor))
            },
            method("type(self, dtype=None)", doc: "The type name (torch.FloatTensor, torch.DoubleTensor, torch.LongTensor...), or a copy converted to `dtype`.",
                   example: "x.type()\nx.type(torch.float64)") { t, a, _ in
                if case .string(let name) = a["dtype"] {
                    guard let dtype = DType.allCases.first(where: { $0.legacyTypeName == name }) else {
                        throw PythonError(.valueError, "invalid type: '\(name)'")
                    }
                    return .tensor(try t.tensor.converted(to: dtype))
                }
                guard let dtype = try a.dtype("dtype") else { return .string(t.tensor.dtype.legacyTypeName) }
                return .tensor(try t.tensor.converted(to: dtype))
            },
        ]
    }

    private static func inPlaceMethods() -> [Builtin] {
        [
            method("zero_(self)", doc: "Sets every element to 0, in place (every view of the tensor sees it).", example: "w.grad.zero_()") { t, _, _ in
                try TensorInPlace.apply(t, name: "ZeroBackward0") { try $0.zerosLike() }
            },
            method("fill_(self, value)", doc: "Sets every element to `value`, in place.", example: "b.data.fill_(0.1)") { t, a, _ in
                let value = try a.tensorOrNumber("value")
                return try TensorInPlace.apply(t, operands: [value], name: "FillBackward0") { current in
                    try value.copiedForAssignment(to: current.shape, dtype: current.dtype)
                }
            },
            method("copy_(self, src, non_blocking=False)", doc: "Copies the values of `src` (broadcast, converted to this dtype) into this tensor, in place.",
                   example: "w.data.copy_(best)") { t, a, _ in
                let source = try a.tensor("src")
                return try TensorInPlace.apply(t, operands: [source]) { current in
                    try source.copiedForAssignment(to: current.shape, dtype: current.dtype)
                }
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
                try TensorInPlace.apply(t) { try clamped($0, a) }
            },
            method("abs_(self)", doc: "Replaces every element by its absolute value.", example: "x.abs_()") { t, _, _ in
                try TensorInPlace.apply(t) { try $0.abs() }
            },
            method("relu_(self)", doc: "max(x, 0) in place.", example: "x.relu_()") { t, _, _ in
                try TensorInPlace.apply(t) { try $0.relu() }
            },
            method("masked_fill_(self, mask, value)", doc: "Writes `value` where the mask is True, in place.",
                   example: "w.data.masked_fill_(w.abs() < 1e-3, 0.0)") { t, a, _ in
                let mask = try a.tensor("mask")
                let fill = try a.tensorOrNumber("value")
                return try TensorInPlace.apply(t, operands: [fill]) { try maskedFill($0, mask, fill) }
            },
            method("index_put_(self, indices, values, accumulate=False)", doc: "Writes `values` at the positions the index tensors pick, in place: x.index_put_((rows, cols), v) is x[rows, cols] = v.",
                   example: "x.index_put_((torch.tensor([0, 1]),), torch.tensor(5.0))") { t, a, interpreter in
                guard !(try a.bool("accumulate")) else {
                    throw PythonError(.runtimeError, "regtutor's index_put_ does not accumulate: use x[idx] += v for distinct positions")
                }
                let indices = try interpreter.iterate(a["indices"]).map { item -> TensorIndex in
                    guard let index = item.tensorObject else { throw a.mistake("indices", "tuple of Tensors", a["indices"]) }
                    return .tensor(index.tensor)
                }
                try t.tensor.assign(try a.tensorOrNumber("values"), at: indices)
                return .tensor(t)
            },
            method("normal_(self, mean=0, std=1, *, generator=None)", doc: "Fills with normal random numbers, in place.",
                   example: "w.data.normal_(0, 0.01)") { t, a, interpreter in
                let generator = try generator(a, interpreter)
                let mean = try a.double("mean"), std = try a.double("std")
                return try TensorInPlace.apply(t, name: "NormalBackward0") {
                    try Tensor.normal($0.shape, mean: mean, std: std, generator: generator, dtype: $0.dtype)
                }
            },
            method("uniform_(self, a=0, b=1, *, generator=None)", doc: "Fills with uniform random numbers from [a, b), in place.",
                   example: "w.data.uniform_(-0.1, 0.1)") { t, a, interpreter in
                let generator = try generator(a, interpreter)
                let low = try a.double("a"), high = try a.double("b")
                return try TensorInPlace.apply(t, name: "UniformBackward0") {
                    try Tensor.uniform($0.shape, low: low, high: high, generator: generator, dtype: $0.dtype)
                }
            },
            method("bernoulli(self, p=None, *, generator=None)", doc: "0/1 samples: with probability p (or this tensor's values) of 1.",
                   example: "torch.full((4,), 0.5).bernoulli()") { t, a, interpreter in
                let generator = try generator(a, interpreter)
                let tensor = t.tensor
                if let p = try a.optionalDouble("p") {
                    return .tensor(try Tensor.bernoulli(tensor.shape, p: p, generator: generator, dtype: tensor.dtype))
                }
                return .tensor(try tensor.bernoulli(generator: generator))
            },
            method("bernoulli_(self, p=0.5, *, generator=None)", doc: "Fills with 0/1 samples that are 1 with probability p, in place.",
                   example: "mask = torch.empty(5).bernoulli_(0.8)") { t, a, interpreter in
                let generator = try generator(a, interpreter)
                let p = try a.double("p")
                return try TensorInPlace.apply(t, name: "BernoulliBackward0") {
                    try Tensor.bernoulli($0.shape, p: p, generator: generator, dtype: $0.dtype)
                }
            },
        ]
    }

    /// `value` where `mask` is true, `x` elsewhere, in x's dtype (PyTorch's `masked_fill`).
    static func maskedFill(_ x: Tensor, _ mask: Tensor, _ value: Tensor) throws -> Tensor {
        guard mask.dtype == .bool else {
            throw PythonError(.runtimeError, "masked_fill_ only supports boolean masks, but got mask with dtype \(mask.dtype.shortName)")
        }
        let fill = try value.converted(to: x.dtype)
        return try Tensor.where(mask, fill, x)
    }

    private static func inPlace(_ t: TensorObject, _ op: BinaryOperator, _ other: Value) throws -> Value {
        guard let operand = try? other.asOperandTensor() else {
            throw PythonError(.typeError, "unsupported operand type(s) for \(op.symbol): 'Tensor' and '\(other.typeName)'")
        }
        return try TensorInPlace.apply(t, operands: [operand]) { try TensorOperators.compute(op, $0, operand) }
    }

    private static func viewMethods() -> [Builtin] {
        [
            method("view(self, *shape)", doc: "The same memory seen in a new shape (one size may be -1): writing through the view changes the tensor. Fails when the strides allow no view (use reshape).",
                   example: "x.view(-1, 1)") { t, a, _ in
                .tensor(try t.tensor.viewed(try shapeArgument(a)))
            },
            method("view_as(self, other)", doc: "The same memory in the shape of `other`.", example: "x.view_as(y)") { t, a, _ in
                .tensor(try t.tensor.viewed(try a.tensor("other").shape))
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
            property("grad", doc: "The gradient accumulated by backward(), or None before any. Read it after loss.backward(); later backward() calls add into it in place.",
                     example: "loss.backward()\nw.grad") { t in
                guard let gradient = t.variable.grad else { return .none }
                return .tensor(gradient)
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
            property("data", doc: "The same memory without autograd: changing it changes the tensor, and nothing is recorded.",
                     example: "w.data -= 0.1 * w.grad") { t in
                .tensor(t.tensor.data)
            },
            property("mT", doc: "The last two dimensions swapped (the transpose of each matrix in a batch).", example: "x.mT") { t in
                .tensor(try t.tensor.transposed(-2, -1))
            },
            property("itemsize", doc: "Bytes per element.", example: "x.itemsize") { t in .int(t.tensor.dtype.itemSize) },
            property("_version", doc: "How many in-place changes the tensor's memory has seen (autograd checks it).", example: "x._version") { t in
                .int(t.tensor.storage.version)
            },
            property("nbytes", doc: "Bytes the elements take.", example: "x.nbytes") { t in .int(t.tensor.dtype.itemSize * t.tensor.count) },
            property("dtype", doc: "The element type: torch.float32, torch.float64, torch.int64, torch.bool...", example: "x.dtype") { t in
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
