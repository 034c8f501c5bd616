import Python
import Foundation
import TensorEngine

/// `torch.*`: creating tensors, random numbers, gradient switches, and the operations that also
/// exist as tensor methods (those are in `Builtins+TensorOps.swift`).
extension Bindings {
    /// Applies the usual `dtype=` and `requires_grad=` of a creation function.
    static func created(_ tensor: Tensor, _ a: BoundArguments) throws -> Value {
        var result = tensor
        if let dtype = try a.dtype("dtype"), dtype != tensor.dtype { result = try result.converted(to: dtype) }
        if a.values["requires_grad"] != nil, try a.bool("requires_grad") { result = try result.requiringGrad() }
        return .tensor(result)
    }

    /// The float dtype a random-number creation draws in: `dtype=` when given (it must be a
    /// float), else the default.
    static func floatDType(_ a: BoundArguments) throws -> DType {
        guard let dtype = try a.dtype("dtype") else { return DefaultDType.float }
        guard dtype.isFloatingPoint else {
            throw PythonError(.runtimeError, "\"\(a.functionName)\" not implemented for '\(dtype.cName)'")
        }
        return dtype
    }

    /// The generator of a `generator=` argument, or PyTorch's default one.
    static func generator(_ a: BoundArguments, _ interpreter: Interpreter) throws -> RandomGenerator {
        let value = a["generator"]
        if value.isNone { return interpreter.generator }
        guard case .object(let object) = value, let generator = object as? GeneratorObject else {
            throw a.mistake("generator", "torch.Generator", value)
        }
        return generator.generator
    }

    static func torchFunctions() -> [Builtin] {
        creationFunctions() + randomFunctions() + gradFunctions()
    }

    private static func creationFunctions() -> [Builtin] {
        [
            Builtin("torch", "tensor(data, *, dtype=None, requires_grad=False)",
                    doc: "A new tensor holding a copy of `data` (a number, or nested lists of numbers). The dtype follows the data: int64 for ints, float32 when any value is a float, bool for True/False.",
                    example: "torch.tensor([[1.0, 2.0], [3.0, 4.0]])\ntorch.tensor([0, 2, 1])   # int64 class labels") { a, interpreter in
                if let t = a["data"].tensorObject { return try created(t.tensor.detached().cloned(), a) }
                return try created(try TensorConversion.tensor(from: a["data"], dtype: try a.dtype("dtype"), in: interpreter), a)
            },
            Builtin("torch", "from_numpy(ndarray)",
                    doc: "A tensor of a NumPy array's values (float64 arrays become float32, regtutor's floating type; PyTorch's tensor would share the array's memory, regtutor's is a copy).",
                    example: "torch.from_numpy(np.array([1.0, 2.0]))") { a, interpreter in
                guard case .object(let array as NDArray) = a["ndarray"] else {
                    throw PythonError(.typeError, "expected np.ndarray (got \(a["ndarray"].typeName))")
                }
                return .tensor(try array.tensor())
            },
            Builtin("torch", "Tensor(*data)", kind: .type,
                    doc: "The tensor type, for isinstance(x, torch.Tensor). Called with a list, it makes a float32 tensor (prefer torch.tensor).",
                    example: "isinstance(x, torch.Tensor)") { a, interpreter in
                if a.rest.count == 1, !(a.rest[0].exactInt != nil) {
                    return .tensor(try TensorConversion.tensor(from: a.rest[0], dtype: .float32, in: interpreter))
                }
                return .tensor(try Tensor.zeros(try a.sizeFromRest()))
            },
            Builtin("torch", "Size(sizes=(), /)", kind: .type, doc: "The type of `x.shape`: a tuple of ints printed as torch.Size([2, 3]).",
                    example: "torch.Size([2, 3])") { a, _ in
                .size(try a.size("sizes"))
            },
            Builtin("torch", "zeros(*size, dtype=None, requires_grad=False)", doc: "A tensor of the given shape filled with 0.",
                    example: "torch.zeros(2, 3)\ntorch.zeros((2, 3))") { a, _ in
                try created(try Tensor.zeros(try a.sizeFromRest()), a)
            },
            Builtin("torch", "ones(*size, dtype=None, requires_grad=False)", doc: "A tensor of the given shape filled with 1.",
                    example: "torch.ones(3)") { a, _ in
                try created(try Tensor.ones(try a.sizeFromRest()), a)
            },
            Builtin("torch", "empty(*size, dtype=None, requires_grad=False)",
                    doc: "A tensor of the given shape. PyTorch leaves its values uninitialised; regtutor fills it with 0 so runs are reproducible.",
                    example: "torch.empty(2, 2)") { a, _ in
                try created(try Tensor.zeros(try a.sizeFromRest()), a)
            },
            Builtin("torch", "full(size, fill_value, *, dtype=None, requires_grad=False)",
                    doc: "A tensor of the given shape filled with `fill_value` (int64 for an int, float32 for a float, bool for a bool).",
                    example: "torch.full((2, 2), 0.5)") { a, _ in
                let fill = a["fill_value"]
                guard let value = fill.numberValue else { throw a.mistake("fill_value", "Number", fill) }
                let dtype: DType = fill.isFloat ? DefaultDType.float : (fill.exactInt != nil && !(fill.isBool) ? .int64 : .bool)
                return try created(dtype == .int64 ? try Tensor.full(try a.size("size"), integer: Int64(fill.exactInt ?? 0)) : try Tensor.full(try a.size("size"), value, dtype: dtype), a)
            },
            Builtin("torch", "zeros_like(input, *, dtype=None, requires_grad=False)", doc: "Zeros with the shape and dtype of `input`.",
                    example: "torch.zeros_like(w)") { a, _ in
                try created(try a.tensor("input").zerosLike(), a)
            },
            Builtin("torch", "ones_like(input, *, dtype=None, requires_grad=False)", doc: "Ones with the shape and dtype of `input`.",
                    example: "torch.ones_like(w)") { a, _ in
                try created(try a.tensor("input").onesLike(), a)
            },
            Builtin("torch", "full_like(input, fill_value, *, dtype=None, requires_grad=False)", doc: "`fill_value` everywhere, with the shape and dtype of `input`.",
                    example: "torch.full_like(w, 0.1)") { a, _ in
                try created(try a.tensor("input").fullLike(try a.double("fill_value")), a)
            },
            Builtin("torch", "arange(start, end=None, step=1, *, dtype=None, requires_grad=False)",
                    doc: "Evenly spaced values from `start` up to (not including) `end`; with one argument, from 0 to it. Integers give an int64 tensor.",
                    example: "torch.arange(5)          # tensor([0, 1, 2, 3, 4])\ntorch.arange(0, 1, 0.25)") { a, _ in
                var start = try a.double("start")
                var end = try a.optionalDouble("end")
                if end == nil {
                    end = start
                    start = 0
                }
                let integral = [a["start"], a["end"], a["step"]].allSatisfy { !$0.isFloat }
                let step = try a.double("step")
                guard step != 0 else { throw PythonError(.runtimeError, "step must be nonzero") }
                return try created(try Tensor.arange(start, end ?? 0, step, integral: integral), a)
            },
            Builtin("torch", "linspace(start, end, steps, *, dtype=None, requires_grad=False)",
                    doc: "`steps` evenly spaced values from `start` to `end`, both included.",
                    example: "torch.linspace(-3, 3, steps=7)") { a, _ in
                try created(try Tensor.linspace(try a.double("start"), try a.double("end"), steps: try a.int("steps"), dtype: try a.dtype("dtype") ?? DefaultDType.float), a)
            },
            Builtin("torch", "eye(n, m=None, *, dtype=None, requires_grad=False)", doc: "The identity matrix (ones on the diagonal).",
                    example: "torch.eye(3)") { a, _ in
                try created(try Tensor.eye(try a.int("n"), try a.optionalInt("m")), a)
            },
            Builtin("torch", "is_tensor(obj, /)", doc: "True when the value is a tensor.", example: "torch.is_tensor(x)") { a, _ in
                .bool(a["obj"].isTensor)
            },
            Builtin("torch", "numel(input)", doc: "The number of elements of a tensor.", example: "torch.numel(torch.zeros(2, 3))  # 6") { a, _ in
                .int(try a.tensor("input").count)
            },
            Builtin("torch", "cat(tensors, dim=0)", doc: "Joins tensors along an existing dimension; their other sizes must match.",
                    example: "torch.cat([a, b], dim=0)") { a, interpreter in
                .tensor(try Tensor.cat(try tensorList(a, "tensors", interpreter), dim: try a.int("dim")))
            },
            Builtin("torch", "stack(tensors, dim=0)", doc: "Joins tensors of equal shape along a new dimension.",
                    example: "torch.stack([a, b])  # shape (2, *a.shape)") { a, interpreter in
                .tensor(try Tensor.stack(try tensorList(a, "tensors", interpreter), dim: try a.int("dim")))
            },
            Builtin("torch", "where(condition, input, other)", doc: "Takes `input` where the condition is true and `other` elsewhere (numbers allowed).",
                    example: "torch.where(x > 0, x, torch.zeros_like(x))") { a, _ in
                .tensor(try Tensor.where(try a.tensor("condition"), try a.tensorOrNumber("input"), try a.tensorOrNumber("other")))
            },
            Builtin("torch", "maximum(input, other)", doc: "The larger of the two at each position.", example: "torch.maximum(a, b)") { a, _ in
                .tensor(try Tensor.maximum(try a.tensor("input"), try a.tensor("other")))
            },
            Builtin("torch", "minimum(input, other)", doc: "The smaller of the two at each position.", example: "torch.minimum(a, b)") { a, _ in
                .tensor(try Tensor.minimum(try a.tensor("input"), try a.tensor("other")))
            },
        ]
    }

    static func tensorList(_ a: BoundArguments, _ name: String, _ interpreter: Interpreter) throws -> [Tensor] {
        try interpreter.iterate(a[name]).map { item in
            guard let t = item.tensorObject else {
                throw PythonError(.typeError, "expected Tensor as element in argument '\(name)', but got \(item.typeName)")
            }
            return t.tensor
        }
    }

    private static func randomFunctions() -> [Builtin] {
        [
            Builtin("torch", "set_num_threads(int)",
                    doc: "How many threads large matrix products may use (regtutor uses at most 2). The results never depend on it: the rows are split, never the sums.",
                    example: "torch.set_num_threads(1)") { a, _ in
                let threads = try a.int("int")
                guard threads > 0 else { throw PythonError(.runtimeError, "set_num_threads expects a positive integer") }
                KernelThreads.requested = threads
                return .none
            },
            Builtin("torch", "get_num_threads()", doc: "The number set by torch.set_num_threads; at first the machine's cores (up to 2).",
                    example: "torch.get_num_threads()") { _, _ in .int(KernelThreads.requested) },
            Builtin("torch", "manual_seed(seed)",
                    doc: "Seeds PyTorch's default random generator, so every random number after it is reproducible — and the same as in PyTorch.",
                    example: "torch.manual_seed(0)\ntorch.rand(2)  # tensor([0.4963, 0.7682]), as in PyTorch") { a, interpreter in
                let seed = try a.int("seed")
                interpreter.generator.manualSeed(UInt64(bitPattern: Int64(seed)))
                return .object(GeneratorObject(interpreter.generator))
            },
            Builtin("torch", "initial_seed()", doc: "The seed the default generator was last seeded with.", example: "torch.initial_seed()") { _, interpreter in
                .int(Int(truncatingIfNeeded: interpreter.generator.seed))
            },
            Builtin("torch", "Generator(device='cpu')", kind: .type,
                    doc: "A random generator of its own, for `generator=` arguments; seed it with its manual_seed method.",
                    example: "g = torch.Generator().manual_seed(42)\ntorch.rand(2, generator=g)") { _, _ in
                .object(GeneratorObject(RandomGenerator()))
            },
            Builtin("torch", "rand(*size, generator=None, dtype=None, requires_grad=False)",
                    doc: "Uniform random numbers in [0, 1), exactly as PyTorch draws them.",
                    example: "torch.manual_seed(0)\ntorch.rand(2, 3)") { a, interpreter in
                try created(try Tensor.rand(try a.sizeFromRest(), generator: try generator(a, interpreter), dtype: try floatDType(a)), a)
            },
            Builtin("torch", "randn(*size, generator=None, dtype=None, requires_grad=False)",
                    doc: "Standard normal random numbers (mean 0, standard deviation 1), exactly as PyTorch draws them.",
                    example: "torch.manual_seed(0)\ntorch.randn(3)") { a, interpreter in
                try created(try Tensor.randn(try a.sizeFromRest(), generator: try generator(a, interpreter), dtype: try floatDType(a)), a)
            },
            Builtin("torch", "rand_like(input, *, dtype=None, requires_grad=False)", doc: "Uniform random numbers in [0, 1) with the shape of `input`.",
                    example: "torch.rand_like(x)") { a, interpreter in
                let input = try a.tensor("input")
                return try created(try Tensor.rand(input.shape, generator: interpreter.generator, dtype: try a.dtype("dtype") ?? input.dtype), a)
            },
            Builtin("torch", "randn_like(input, *, dtype=None, requires_grad=False)",
                    doc: "Standard normal noise with the shape of `input`: x + 0.1 * torch.randn_like(x) adds input noise.",
                    example: "noisy = x + 0.1 * torch.randn_like(x)") { a, interpreter in
                let input = try a.tensor("input")
                return try created(try Tensor.randn(input.shape, generator: interpreter.generator, dtype: try a.dtype("dtype") ?? input.dtype), a)
            },
            Builtin("torch", "randint(*args, generator=None, dtype=None, requires_grad=False)",
                    doc: "Random integers from `low` (default 0) up to, not including, `high`: randint(high, size) or randint(low, high, size).",
                    example: "torch.randint(0, 10, (5,))") { a, interpreter in
                guard a.rest.count == 2 || a.rest.count == 3 else {
                    throw PythonError(.typeError, "randint() takes (high, size) or (low, high, size), got \(a.rest.count) arguments")
                }
                var named = BoundArguments(functionName: "randint")
                named.values["size"] = a.rest[a.rest.count - 1]
                let size = try named.size("size")
                let numbers = a.rest.dropLast().map(\.exactInt)
                guard numbers.allSatisfy({ $0 != nil }) else { throw PythonError(.typeError, "randint(): low and high must be ints") }
                let low = numbers.count == 2 ? numbers[0] ?? 0 : 0
                let high = numbers[numbers.count - 1] ?? 0
                guard high > low else {
                    throw PythonError(.runtimeError, "random_ expects 'from' to be less than 'to', but got from=\(low) >= to=\(high)")
                }
                return try created(try Tensor.randint(low, high, size, generator: try generator(a, interpreter), dtype: try a.dtype("dtype") ?? .int64), a)
            },
            Builtin("torch", "randperm(n, *, generator=None, dtype=None, requires_grad=False)",
                    doc: "A random order of the integers 0 .. n-1, as PyTorch shuffles them.",
                    example: "torch.manual_seed(0)\ntorch.randperm(5)") { a, interpreter in
                try created(try Tensor.randperm(try a.int("n"), generator: try generator(a, interpreter)), a)
            },
            Builtin("torch", "normal(mean, std, size=None, *, generator=None)",
                    doc: "Normal random numbers: normal(mean, std, size) with numbers, or normal(mean_tensor, std) drawing one value per element.",
                    example: "torch.normal(0.0, 0.1, size=(2, 3))") { a, interpreter in
                let generator = try generator(a, interpreter)
                if a["mean"].isTensor || a["std"].isTensor {
                    let mean = try a.tensorOrNumber("mean"), std = try a.tensorOrNumber("std")
                    let shape = try Shape.broadcast(mean.shape, std.shape)
                    let noise = try Tensor.randn(shape, generator: generator)
                    return .tensor(try (try noise * std) + mean)
                }
                guard !a.isNone("size") else {
                    throw PythonError(.typeError, "normal() with float mean and std needs a size, e.g. torch.normal(0.0, 1.0, size=(3,))")
                }
                return try created(try Tensor.normal(try a.size("size"), mean: try a.double("mean"), std: try a.double("std"),
                                                     generator: generator, dtype: try a.dtype("dtype") ?? DefaultDType.float), a)
            },
            Builtin("torch", "bernoulli(input, *, generator=None)",
                    doc: "0 or 1 at each position, 1 with the probability given by `input` there.",
                    example: "torch.bernoulli(torch.full((5,), 0.8))") { a, interpreter in
                .tensor(try a.tensor("input").bernoulli(generator: try generator(a, interpreter)))
            },
        ]
    }

    private static func gradFunctions() -> [Builtin] {
        [
            Builtin("torch", "no_grad()", kind: .type,
                    doc: "Switches gradient recording off inside a `with` block: for evaluation and for updating weights by hand.",
                    example: "with torch.no_grad():\n    w -= 0.1 * w.grad") { _, _ in
                .object(GradModeContext(enabled: false, previous: nil, name: "no_grad"))
            },
            Builtin("torch", "enable_grad()", kind: .type, doc: "Switches gradient recording back on inside a `with` block.",
                    example: "with torch.enable_grad():\n    y = x * 2") { _, _ in
                .object(GradModeContext(enabled: true, previous: nil, name: "enable_grad"))
            },
            Builtin("torch", "set_grad_enabled(mode)", kind: .type,
                    doc: "Switches gradient recording on or off: for the rest of the session when called alone, or for a `with` block.",
                    example: "torch.set_grad_enabled(False)\nwith torch.set_grad_enabled(is_training):\n    out = model(x)") { a, _ in
                let previous = GradMode.isEnabled
                let mode = try a.bool("mode")
                GradMode.isEnabled = mode
                return .object(GradModeContext(enabled: mode, previous: previous, name: "set_grad_enabled"))
            },
            Builtin("torch", "is_grad_enabled()", doc: "True while gradients are being recorded.", example: "torch.is_grad_enabled()") { _, _ in
                .bool(GradMode.isEnabled)
            },
            Builtin("torch", "set_default_dtype(d)",
                    doc: "The dtype of new float tensors and of models' parameters from now on: torch.float32 (the default) or torch.float64.",
                    example: "torch.set_default_dtype(torch.float64)\ntorch.tensor([1.5]).dtype   # torch.float64") { a, _ in
                guard let dtype = try a.dtype("d"), dtype.isFloatingPoint else {
                    throw PythonError(.typeError, "only floating-point types are supported as the default type")
                }
                DefaultDType.float = dtype
                return .none
            },
            Builtin("torch", "get_default_dtype()", doc: "The dtype of new float tensors: torch.float32 unless set_default_dtype changed it.",
                    example: "torch.get_default_dtype()") { _, _ in
                .object(DTypeObject(DefaultDType.float))
            },
        ]
    }

    /// `torch.save` and `torch.load`, which keep what they save in the session (regtutor writes
    /// no files), `torch.device` and `torch.cuda`.
    static func storageFunctions() -> [Builtin] {
        [
            Builtin("torch", "save(obj, f, pickle_module=None, pickle_protocol=2, _use_new_zipfile_serialization=True)",
                    doc: "Keeps a copy of obj (a state dict, a tensor, a model, anything) under the name f. regtutor writes no files: the copy lives in this session, and torch.load(f) gives back a fresh copy of it, as loading a saved file would.",
                    example: "torch.save(model.state_dict(), 'best.pt')\nmodel.load_state_dict(torch.load('best.pt'))") { a, interpreter in
                guard case .string(let path) = a["f"] else { throw a.mistake("f", "str (a file name)", a["f"]) }
                interpreter.frameworkState.saved[path] = try interpreter.deepCopy(a["obj"])
                return .none
            },
            Builtin("torch", "load(f, map_location=None, pickle_module=None, *, weights_only=None, mmap=None, **pickle_load_args)",
                    doc: "A fresh copy of what torch.save saved under the name f in this session (regtutor reads no files); FileNotFoundError when nothing was saved there.",
                    example: "state = torch.load('best.pt')\nmodel.load_state_dict(state)") { a, interpreter in
                guard case .string(let path) = a["f"] else { throw a.mistake("f", "str (a file name)", a["f"]) }
                guard let saved = interpreter.frameworkState.saved[path] else {
                    throw PythonError(.fileNotFoundError, "[Errno 2] No such file or directory: \(PythonFormat.quoted(path))")
                }
                return try interpreter.deepCopy(saved)
            },
            Builtin("torch", "device(type, index=None)", kind: .type,
                    doc: "A device: regtutor computes on the CPU, so torch.device('cpu') is the one that works; model.to(device) and x.to(device) accept it.",
                    example: "device = torch.device('cuda' if torch.cuda.is_available() else 'cpu')\nmodel.to(device)") { a, _ in
                guard case .string(let type) = a["type"] else { throw a.mistake("type", "str", a["type"]) }
                let name = type.split(separator: ":").first.map(String.init) ?? type
                guard ["cpu", "cuda", "mps"].contains(name) else {
                    throw PythonError(.runtimeError, "Expected one of cpu, cuda, mps device type at start of device string: \(type)")
                }
                return .object(DeviceObject(type: name, index: try a.optionalInt("index")))
            },
            Builtin("torch.cuda", "is_available()", doc: "False: regtutor computes on the CPU.", example: "torch.cuda.is_available()") { _, _ in .bool(false) },
            Builtin("torch.cuda", "device_count()", doc: "0: regtutor computes on the CPU.", example: "torch.cuda.device_count()") { _, _ in .int(0) },
            Builtin("torch.cuda", "manual_seed(seed)", doc: "Accepted and ignored: there is no GPU.", example: "torch.cuda.manual_seed(0)") { _, _ in .none },
            Builtin("torch.cuda", "manual_seed_all(seed)", doc: "Accepted and ignored: there is no GPU.", example: "torch.cuda.manual_seed_all(0)") { _, _ in .none },
        ]
    }
}

/// `torch.Generator()`: a random generator of its own.
final class GeneratorObject: PythonObject {
    let generator: RandomGenerator
    init(_ generator: RandomGenerator) { self.generator = generator }
    var typeName: String { "Generator" }
    func repr(in interpreter: Interpreter) throws -> String { "<torch._C.Generator object>" }
    func attribute(_ name: String, in interpreter: Interpreter) throws -> Value? {
        switch name {
        case "manual_seed":
            return .object(Builtin("Generator", "manual_seed(seed)", doc: "Seeds this generator; returns it.") { [self] a, _ in
                generator.manualSeed(UInt64(bitPattern: Int64(try a.int("seed"))))
                return .object(self)
            })
        case "initial_seed":
            return .object(Builtin("Generator", "initial_seed()", doc: "The seed this generator was last seeded with.") { [self] _, _ in
                .int(Int(truncatingIfNeeded: generator.seed))
            })
        default:
            return nil
        }
    }
    var attributeNames: [String] { ["manual_seed", "initial_seed"] }
}

extension Value {
    var isBool: Bool {
        if case .bool = self { return true }
        return false
    }
}

/// `torch.device('cpu')`.
final class DeviceObject: PythonObject {
    let type: String
    let index: Int?
    init(type: String, index: Int?) {
        self.type = type
        self.index = index
    }
    var typeName: String { "device" }
    var classKey: String { "torch.device" }
    func repr(in interpreter: Interpreter) throws -> String {
        "device(type='\(type)'" + (index.map { ", index=\($0)" } ?? "") + ")"
    }
    func str(in interpreter: Interpreter) throws -> String { type + (index.map { ":\($0)" } ?? "") }
    func attribute(_ name: String, in interpreter: Interpreter) throws -> Value? {
        switch name {
        case "type": return .string(type)
        case "index": return index.map { .int($0) } ?? Value.none
        default: return nil
        }
    }
    func comparison(_ op: ComparisonOperator, _ other: Value, in interpreter: Interpreter) throws -> Value? {
        guard op == .equal || op == .notEqual else { return nil }
        let same: Bool
        if case .object(let device as DeviceObject) = other { same = device.type == type && device.index == index } else if case .string(let s) = other { same = s == type } else { same = false }
        return .bool(op == .equal ? same : !same)
    }

    /// The error for moving to a device that is not the CPU.
    static func check(_ value: Value) throws {
        let name: String?
        switch value {
        case .string(let s): name = String(s.prefix { $0 != ":" })
        case .object(let device as DeviceObject): name = device.type
        default: name = nil
        }
        if let name, name != "cpu" {
            throw PythonError(.runtimeError, "regtutor computes on the CPU: device '\(name)' is not available (torch.cuda.is_available() is False)")
        }
    }
}
