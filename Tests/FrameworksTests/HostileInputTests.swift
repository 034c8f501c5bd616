import Foundation
import Testing
@testable import Frameworks
@testable import Python

/// One regression test per class of fault that once killed the process (issue 3/6). Each program
/// must end with a named Python error, or with its value, and leave the session usable.
@Suite struct HostileInputTests {
    /// Class 1: pictures of things that iterate to themselves (a string yields strings).
    @Test(arguments: [
        ("show('x')", "TypeError: show() draws image tensors or arrays (H, W), (C, H, W), a batch of them or a list of them, got str"),
        ("a = []\na.append(a)\nshow(a)", "TypeError: show() draws image tensors or arrays (H, W), (C, H, W), a batch of them or a list of them, got list"),
        ("a = []\na.append(a)\nplot(a)", "ValueError: the numbers are nested more than 32 deep (a list that contains itself?)"),
    ])
    func picturesOfSelfContainingValues(program: String, expected: String) {
        expectCleanError(program, expected)
    }

    /// Class 2: comparing containers that contain themselves (CPython raises RecursionError too).
    @Test(arguments: ["a == b", "sorted([a, b])", "b in a", "a < b"])
    func comparingCyclicContainers(expression: String) {
        expectCleanError("a = []\na.append(a)\nb = []\nb.append(b)\n" + expression,
                         "RecursionError: maximum recursion depth exceeded in comparison")
    }

    /// Class 3: containers nested a million deep, built at run time, are freed without recursion.
    @Test(arguments: ["a = [a]", "a = (a,)", "a = {'k': a}"])
    func freeingDeeplyNestedContainers(step: String) {
        let result = Run.program("a = 0\nfor i in range(1000000):\n    \(step)\na = None\nprint('freed')")
        #expect(result.error == nil)
        #expect(result.output == "freed\n")
    }

    /// Class 3, comparing: two tuples nested deeper than the recursion limit.
    @Test func comparingDeeplyNestedTuples() {
        expectCleanError("a = 0\nb = 0\nfor i in range(100000):\n    a = (a,)\n    b = (b,)\na == b",
                         "RecursionError: maximum recursion depth exceeded in comparison")
    }

    /// Class 4: floats that no Int can hold reach integer code (angles, sizes, plot positions).
    @Test(arguments: [
        ("import torchvision.transforms.functional as TF\nprint(TF.rotate(torch.zeros(1, 4, 4), 1e308).shape)", "torch.Size([1, 4, 4])\n"),
        ("import torchvision.transforms as T\nprint(T.RandomResizedCrop(4, scale=(0.5, 1e38))(torch.zeros(1, 8, 8)).shape)", "torch.Size([1, 4, 4])\n"),
        ("import torchvision.transforms as T\nprint(T.RandomResizedCrop(4, ratio=(1.0, 1e308))(torch.zeros(1, 8, 8)).shape)", "torch.Size([1, 4, 4])\n"),
        ("import torchvision.transforms as T\nprint(T.RandomErasing(p=1.0, ratio=(1e-308, 3.3))(torch.zeros(1, 8, 8)).shape)", "torch.Size([1, 8, 8])\n"),
    ])
    func hugeFloatsInImageTransforms(program: String, expected: String) {
        let result = Run.program("import torch\n" + program)
        #expect(result.error == nil)
        #expect(result.output == expected)
    }

    @Test(arguments: ["plot([1e308, -1e308])", "plot([1, 2], x=[1e308, -1e308])", "scatter([1e308, -1e308], [0, 1])"])
    func hugeFloatsInPlots(program: String) {
        let result = Run.program(program)
        #expect(result.error == nil)
        #expect(result.output.contains("1.0e+308"))
    }

    @Test func histogramOfAnInfiniteRange() {
        expectCleanError("hist([1e308, -1e308])", "ValueError: Too many bins for data range. Cannot create 10 finite-sized bins.")
    }

    /// Floats too large for an integer dtype convert as C's casts do (PyTorch 2.15 printed these).
    @Test(arguments: [
        ("torch.tensor(1e19).long()", "tensor(-9223372036854775808)"),
        ("torch.tensor(-1e19).int()", "tensor(-2147483648, dtype=torch.int32)"),
        ("torch.tensor([float('inf')]).long()", "tensor([-9223372036854775808])"),
        ("torch.tensor([300.7]).to(torch.uint8)", "tensor([44], dtype=torch.uint8)"),
        ("torch.tensor([2**62]) * 4", "tensor([0])"),
    ])
    func floatsTooLargeForIntegerTensors(expression: String, printed: String) {
        let result = Run.program("import torch\nprint(" + expression + ")")
        #expect(result.error == nil)
        #expect(result.output == printed + "\n")
    }

    @Test func integerDataOutOfRangeForItsDtype() {
        expectCleanError("import torch\ntorch.tensor(1e38, dtype=torch.int64)", "RuntimeError: value cannot be converted to type int64 without overflow")
        expectCleanError("import torch\ntorch.tensor([300], dtype=torch.uint8)", "RuntimeError: value cannot be converted to type uint8 without overflow")
    }

    /// Class 5: sizes are checked before memory is taken, and their products never overflow.
    @Test(arguments: [
        ("F.one_hot(torch.tensor([0, 0, 0, 0]), 2**62)", "[4, 4611686018427387904]"),
        ("F.one_hot(torch.tensor([0]), 2**40)", "[1, 1099511627776]"),
        ("F.one_hot(torch.arange(10000), 100000)", "[10000, 100000]"),
        ("torch.zeros(2**62, 4)", "[4611686018427387904, 4]"),
        ("torch.ones(2**31, 2**31, 2**31)", "[2147483648, 2147483648, 2147483648]"),
    ])
    func hugeShapesAreRefusedBeforeAllocating(expression: String, shape: String) {
        expectCleanError("import torch\nimport torch.nn.functional as F\n" + expression,
                         "RuntimeError: a tensor of shape \(shape) is too large: regtutor tensors hold at most 33554432 elements")
    }

    /// Class 6 (within one expression; the whole-session budget is tested on the command line).
    @Test(arguments: [
        ("'ab' * 10**10", "MemoryError: this would need 18.6 GiB more, past regtutor's memory limit of 4.0 GiB (regtutor --memory-limit changes it)"),
        ("[0] * 2**62", "MemoryError: the result would be larger than any memory: past regtutor's memory limit of 4.0 GiB"),
    ])
    func repeatedSequencesPastTheBudget(program: String, expected: String) {
        expectCleanError(program, expected)
    }

    /// Found by the fuzzer and the extreme-argument property test; expected values printed by
    /// NumPy 2 and PyTorch 2 for the same lines.
    @Test func zeroSizedNumPyArraysBroadcast() {
        let result = Run.program("import numpy as np\nprint((np.zeros((0, 10)) ** 2).shape, (np.ones((2, 1)) + np.zeros((2, 0))).shape, (np.zeros((0, 3)) + np.ones(3)).shape)")
        #expect(result.error == nil)
        #expect(result.output == "(0, 10) (2, 0) (0, 3)\n")
    }

    @Test func comparingATensorWithATupleIsATypeError() {
        expectCleanError("import torch\ntorch.ones(2) > (1, 2)", "TypeError: '>' not supported between instances of 'Tensor' and 'tuple'")
    }

    @Test func choosingFromAHugeRangeDrawsOnlyThePicks() {
        let result = Run.program("import numpy as np\nprint(np.random.choice(2**62) >= 0)")
        #expect(result.output == "True\n")
        expectCleanError("import numpy as np\nnp.random.choice(2**62, 3, replace=False)",
                         "MemoryError: the result would be larger than any memory: past regtutor's memory limit of 4.0 GiB")
        expectCleanError("import numpy as np\nnp.random.permutation(2**62)", "MemoryError: the array would be too large for regtutor")
    }

    @Test func crossEntropyOfNoRowsIsNaN() {
        #expect(Run.program("import torch\nimport torch.nn.functional as F\nprint(F.cross_entropy(torch.zeros(0, 3), torch.zeros(0, 3)))").output == "tensor(nan)\n")
    }

    @Test func toCategoricalChecksLabelsBeforeConvertingThem() {
        expectCleanError("import keras\nkeras.utils.to_categorical([float('nan')])", "ValueError: to_categorical needs non-negative integer labels")
    }

    /// A UTF-8 byte order mark at the start of a file is skipped, as Python skips it.
    @Test func byteOrderMarkIsAccepted() {
        let result = Run.program("\u{FEFF}print('bom ok')")
        #expect(result.error == nil)
        #expect(result.output == "bom ok\n")
    }

    /// Runs `program`, expects `expected` as the last line of its error, then checks the session
    /// still runs code.
    private func expectCleanError(_ program: String, _ expected: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let session = Interpreter.withFrameworks()
        #expect(Run.errorLine(program, in: session) == expected, sourceLocation: sourceLocation)
        #expect(Run.program("print(6 * 7)", in: session).output == "42\n", sourceLocation: sourceLocation)
    }
}
