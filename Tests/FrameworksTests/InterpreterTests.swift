import Foundation
import Testing
@testable import Frameworks
@testable import Python

@Suite struct InterpreterTests {
    @Test func tracebackShowsFramesLinesAndCaret() {
        let result = Run.program("def f(x):\n    return x / 0\n\ny = f(2)")
        #expect(result.error == """
            Traceback (most recent call last):
              File "<test>", line 4, in <module>
                y = f(2)
                    ^^^^
              File "<test>", line 2, in f
                return x / 0
                       ~~^~~
            ZeroDivisionError: division by zero
            """)
    }

    @Test func variablesSurviveAnError() {
        let session = Interpreter.withFrameworks()
        _ = Run.program("a = 41", in: session)
        #expect(Run.errorLine("b = undefined_name", in: session) == "NameError: name 'undefined_name' is not defined")
        #expect(Run.program("print(a + 1)", in: session).output == "42\n")
    }

    @Test func replEchoesExpressionValuesButNotNone() {
        let session = Interpreter.withFrameworks()
        #expect(Run.program("1 + 2\nNone\n'a'\nfor i in range(2): i", in: session, interactive: true).output == "3\n'a'\n0\n1\n")
        #expect(Run.program("1 + 2", in: session).output == "")
    }

    @Test(arguments: [
        ("import pandas", "ModuleNotFoundError: No module named 'pandas'. regtutor provides: torch, torch.nn"),
        ("import torch\ntorch.zeros(2, 'a')", "TypeError: zeros(): argument 'size' must be tuple of ints, but found element of type str"),
        ("import torch\ntorch.ones(2).sum(dim=0, keepdims=True)", "TypeError: sum() got an unexpected keyword argument 'keepdims'"),
        ("import torch\ntorch.ones(2, 3) @ torch.ones(2, 5)", "RuntimeError: mm: mat1 and mat2 shapes cannot be multiplied (2x3 and 2x5)"),
        ("import torch\ntorch.ones(3, requires_grad=True).backward()", "RuntimeError: grad can be implicitly created only for scalar outputs"),
        ("import torch\nw = torch.ones(2, requires_grad=True)\nw += 1", "RuntimeError: a leaf Variable that requires grad is being used in an in-place operation."),
        ("import torch\nif torch.ones(2): pass", "RuntimeError: Boolean value of Tensor with more than one value is ambiguous"),
        ("import torch\ntorch.zeros(100000, 100000)", "RuntimeError"),
        ("import torch\ntorch.ones(2).foo", "AttributeError: 'Tensor' object has no attribute 'foo'"),
        ("import torch\ntorch.ones(2).sume()", "AttributeError: 'Tensor' object has no attribute 'sume'. Did you mean: 'sum'?"),
        ("import torch.nn as nn\nnn.Linear(2)", "TypeError: Linear.__init__() missing 1 required positional argument: 'out_features'"),
        ("def f(a, b=1): pass\nf(1, 2, 3)", "TypeError: f() takes from 1 to 2 positional arguments but 3 were given"),
        ("x = [1, 2]\nx[5]", "IndexError: list index out of range"),
        ("{'a': 1}['b']", "KeyError: 'b'"),
        ("a, b = [1, 2, 3]", "ValueError: too many values to unpack (expected 2)"),
        ("open('secrets.txt')", "NotImplementedError: open(): regtutor has no file access"),
        ("def f():\n    x += 1\nf()", "UnboundLocalError: cannot access local variable 'x' where it is not associated with a value"),
        ("2 ** 100", "OverflowError: integer overflow: regtutor's integers are 64-bit"),
        ("'ab' * 10**10", "MemoryError: this would need 18.6 GiB more"),
        ("with open('f') as f: pass", "NotImplementedError: open(): regtutor has no file access"),
        ("import torch\nwith torch.ones(1): pass", "TypeError: 'Tensor' object does not support the context manager protocol"),
        ("raise ValueError('bad value')", "ValueError: bad value"),
        ("assert 1 == 2, 'math broke'", "AssertionError: math broke"),
    ])
    func runtimeErrorsAreNamedNotCrashes(_ source: String, _ expected: String) {
        let line = Run.errorLine(source) ?? "no error"
        #expect(line.hasPrefix(expected), "\(line)")
    }

    @Test func containersThatHoldThemselvesPrintLikePython() {
        #expect(Run.program("x = [1]\nx.append(x)\nd = {}\nd['me'] = d\nprint(x, d, x == x)").output == "[1, [...]] {'me': {...}} True\n")
        #expect(Run.errorLine("y = []\nfor i in range(2000): y = [y]\nprint(y)")
                == "RecursionError: maximum recursion depth exceeded while getting the repr of an object")
    }

    @Test func runawayRecursionIsARecursionError() async {
        // The interpreter needs a big stack for Python's limit of 1000 calls, as the CLI gives it.
        let line = await onLargeStack { Run.errorLine("def f(n):\n    return f(n + 1)\nf(0)") }
        #expect(line == "RecursionError: maximum recursion depth exceeded")
    }

    @Test func interruptStopsAnEndlessLoopAndKeepsState() {
        let session = Interpreter.withFrameworks()
        // The program asks for the interrupt itself, so nothing depends on timing.
        session.setGlobal("press_ctrl_c", .object(Builtin("", "press_ctrl_c()", doc: "test helper") { _, interpreter in
            interpreter.requestInterrupt()
            return .none
        }))
        let result = Run.program("n = 0\nwhile True:\n    n += 1\n    if n == 100:\n        press_ctrl_c()", in: session)
        #expect(result.error?.hasSuffix("KeyboardInterrupt") == true)
        #expect(Run.program("print(n)", in: session).output == "100\n")
    }

    @Test func anInterruptFromAnotherThreadIsNotLost() {
        let session = Interpreter.withFrameworks()
        session.deadline = .now + .seconds(60)   // a lost interrupt fails the test instead of hanging it
        // Requested before the run starts: the run must still stop.
        session.requestInterrupt()
        #expect(Run.errorLine("while True:\n    pass", in: session) == "KeyboardInterrupt")
        let flag = session.interruptFlag
        DispatchQueue.global().asyncAfter(deadline: .now() + 0.05) { flag.request() }
        #expect(Run.errorLine("while True:\n    pass", in: session) == "KeyboardInterrupt")
    }

    @Test func deadlineStopsLongRuns() {
        let session = Interpreter.withFrameworks()
        session.deadline = .now + .milliseconds(100)
        #expect(Run.errorLine("while True: pass", in: session) == "TimeoutError: the code ran longer than its time limit")
    }

    @Test func noGradScopesAndSetGradEnabled() {
        let program = """
            import torch
            w = torch.ones(2, requires_grad=True)
            with torch.no_grad():
                y = w * 2
            print(y.requires_grad, torch.is_grad_enabled())
            torch.set_grad_enabled(False)
            print((w * 2).requires_grad)
            torch.set_grad_enabled(True)
            with torch.set_grad_enabled(False):
                print(torch.is_grad_enabled())
            print(torch.is_grad_enabled())
            """
        #expect(Run.program(program).output == "False True\nFalse\nFalse\nTrue\n")
    }

    @Test func stateDictAliasesTheWeightsUntilDeepCopied() {
        let program = """
            import torch, copy
            print(type(copy.deepcopy(torch.ones(1))).__name__)
            """
        // Several modules on one import line, as Python allows.
        #expect(Run.program(program).output == "Tensor\n")
        let aliasing = """
            import torch
            import torch.nn as nn
            import copy
            layer = nn.Linear(1, 1)
            alias = layer.state_dict()
            snapshot = copy.deepcopy(layer.state_dict())
            with torch.no_grad():
                layer.weight.fill_(5.0)
            print(alias['weight'].item(), snapshot['weight'].item() == 5.0)
            layer.load_state_dict(snapshot)
            print(layer.weight.item() == 5.0)
            """
        #expect(Run.program(aliasing).output == "5.0 False\nFalse\n")
    }

    @Test func everyBuiltinHasAParsedSignatureADocAndHelp() {
        for entry in BuiltinTable.frameworks.entries {
            #expect(!entry.doc.isEmpty, "\(entry.qualifiedName)")
            #expect(entry.hasValidSignature, "signature of \(entry.qualifiedName) did not parse")
        }
        let session = Interpreter.withFrameworks()
        let help = Run.program("import torch\nhelp(torch.zeros)", in: session).output
        #expect(help.hasPrefix("torch.zeros(*size, dtype=None, requires_grad=False)\n\nA tensor of the given shape filled with 0."))
        #expect(help.contains("Example:\n    torch.zeros(2, 3)"))
        #expect(session.help(topic: "nn.Linear")?.hasPrefix("nn.Linear(in_features, out_features, bias=True, *, kernel_regularizer=None") == true)
        #expect(session.help(topic: "tensorflow.keras.regularizers.l1_l2")?.replacingOccurrences(of: "\n", with: " ").contains("l1_l2(l1=strength * alpha, l2=strength * (1 - alpha))") == true)
        #expect(session.help(topic: "torchvision.transforms.functional.rotate")?.hasPrefix("TF.rotate(img, angle") == true)
    }

    @Test func completionReadsNamesFromTheTable() {
        let session = Interpreter.withFrameworks()
        _ = Run.program("import torch\nweights = torch.ones(2)", in: session)
        #expect(session.completions(lineBeforeCursor: "torch.ze", word: "torch.ze").sorted() == ["torch.zeros", "torch.zeros_like"])
        #expect(session.completions(lineBeforeCursor: "weights.su", word: "weights.su").sorted() == ["weights.sub", "weights.sub_", "weights.sum"])
        #expect(session.completions(lineBeforeCursor: "wei", word: "wei") == ["weights"])
    }
}

/// Runs `body` on a thread with a 512 MB stack, as the regtutor command does.
func onLargeStack<T: Sendable>(_ body: @escaping @Sendable () -> T) async -> T {
    await withCheckedContinuation { continuation in
        let thread = Thread { continuation.resume(returning: body()) }
        thread.stackSize = 1 << 29
        thread.start()
    }
}

@Suite struct CompletionTests {
    @Test func completionOffersExactlyWhatAnObjectHas() {
        let session = Interpreter.withFrameworks()
        _ = Run.program("""
            import torch.nn as nn
            drop = nn.Dropout(0.5)
            seq = nn.Sequential(nn.Linear(2, 2))
            class Net(nn.Module):
                def __init__(self):
                    super().__init__()
                    self.fc = nn.Linear(2, 1)
                    self.scale = 2.0
                def forward(self, x):
                    return self.fc(x)
            net = Net()
            """, in: session)
        let dropNames = Set(session.completions(lineBeforeCursor: "drop.", word: "drop."))
        #expect(dropNames.contains("drop.p"))
        #expect(dropNames.contains("drop.parameters"))
        #expect(dropNames.contains("drop.last_mask"))
        #expect(!dropNames.contains("drop.append"))
        #expect(Set(session.completions(lineBeforeCursor: "seq.app", word: "seq.app")) == ["seq.append", "seq.apply"])
        let netNames = Set(session.completions(lineBeforeCursor: "net.", word: "net."))
        #expect(netNames.isSuperset(of: ["net.fc", "net.scale", "net.forward", "net.parameters", "net.training"]))
        #expect(!netNames.contains("net.append"))
        #expect(session.completions(lineBeforeCursor: "net.fc.w", word: "net.fc.w") == ["net.fc.weight"])
    }

    @Test func helpOnAUserClassShowsItsDocstringAndMethods() {
        let session = Interpreter.withFrameworks()
        let output = Run.program("""
            class Scaler:
                \"\"\"Scales a value.\"\"\"
                def __init__(self, factor=2):
                    self.factor = factor
                def apply(self, x):
                    \"\"\"Multiplies x by the factor.\"\"\"
                    return x * self.factor
            help(Scaler)
            """, in: session).output
        #expect(output == """
            class Scaler(object)

            Scales a value.

            Methods defined here:
              __init__(self, factor=2)
              apply(self, x)
                  Multiplies x by the factor.

            """)
    }
}
