import Testing
@testable import Frameworks
@testable import Python

/// nn.Module subclasses: PyTorch's registration rules and errors, and the everyday names that
/// training loops use around them.
@Suite struct ModuleClassTests {
    @Test(arguments: [
        ("class Net(nn.Module):\n    def __init__(self):\n        self.fc = nn.Linear(2, 2)\nNet()",
         "AttributeError: cannot assign module before Module.__init__() call"),
        ("class Net(nn.Module):\n    def __init__(self):\n        self.w = nn.Parameter(torch.ones(2))\nNet()",
         "AttributeError: cannot assign parameters before Module.__init__() call"),
        ("class Net(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.fc = nn.Linear(2, 1)\n    def forward(self, x):\n        return [self.fc(x)]\nnn.MSELoss()(Net()(torch.ones(1, 2)), torch.ones(1, 1))",
         "TypeError: MSELoss.forward(): argument 'input' must be Tensor, not list"),
        ("nn.Module()(torch.ones(1))", "NotImplementedError: Module [Module] is missing the required \"forward\" function"),
        ("layer = nn.Linear(2, 2)\nlayer.weight = torch.ones(2, 2)",
         "TypeError: cannot assign 'torch.FloatTensor' as parameter 'weight' (torch.nn.Parameter or None expected)"),
        ("torch.load('never-saved.pt')", "FileNotFoundError: [Errno 2] No such file or directory: 'never-saved.pt'"),
        ("nn.Linear(2, 2).cuda()", "RuntimeError: Torch not compiled with CUDA enabled: regtutor runs on the CPU (torch.cuda.is_available() is False)"),
        ("torch.ones(2).to('cuda')", "RuntimeError: regtutor computes on the CPU: device 'cuda' is not available (torch.cuda.is_available() is False)"),
        ("class A(list):\n    pass", "TypeError: regtutor cannot subclass 'list': subclass object, Exception or a layer such as nn.Module"),
        ("class B(bool):\n    pass", "TypeError: type 'bool' is not an acceptable base type"),
        ("nn.Dropout(0.5).p = 2", "ValueError: dropout probability has to be between 0 and 1, but got 2.0"),
    ])
    func errorsAsPyTorchRaisesThem(_ source: String, _ expected: String) {
        #expect(Run.errorLine("import torch\nimport torch.nn as nn\n" + source) == expected)
    }

    @Test func plainTensorsAreAttributesAndRegisteredBuffersStayBuffers() {
        let output = Run.program("""
            import torch
            import torch.nn as nn
            class Net(nn.Module):
                def __init__(self):
                    super().__init__()
                    self.register_buffer("mask", torch.ones(2))
                    self.cache = torch.zeros(3)
                    self.fc = nn.Linear(2, 1)
            net = Net()
            net.mask = torch.zeros(2)
            print(list(net.state_dict().keys()), [n for n, _ in net.named_buffers()], net.mask)
            net.fc = None
            print(net, list(net.state_dict().keys()))
            """).output
        #expect(output == """
            ['mask', 'fc.weight', 'fc.bias'] ['mask'] tensor([0., 0.])
            Net(
              (fc): None
            ) ['mask']

            """)
    }

    @Test func everythingThatTakesAModelTakesAClassModel() {
        let result = Run.program("""
            import torch
            import torch.nn as nn
            from tensorflow.keras import regularizers
            torch.manual_seed(0)
            class Net(nn.Module):
                def __init__(self):
                    super().__init__()
                    self.fc1 = nn.Linear(2, 8, kernel_regularizer=regularizers.l2(0.01))
                    self.fc2 = nn.Linear(8, 1)
                def forward(self, x):
                    return self.fc2(torch.relu(self.fc1(x)))
            net = Net()
            x, y = torch.randn(16, 2), torch.randn(16, 1)
            opt = torch.optim.SGD(net.parameters(), lr=0.1)
            loss = nn.MSELoss()(net(x), y) + sum(net.losses)
            loss.backward()
            total = nn.utils.clip_grad_norm_(net.parameters(), 1.0)
            opt.step()
            print(len(net.losses), round(total.item(), 4) > 0)
            history = fit(net, nn.MSELoss(), opt, x, y, x[:4], y[:4], epochs=3, verbose=False)
            print(len(history['loss']), count_zeros(net) >= 0)
            """)
        #expect(result.error == nil)
        #expect(result.output == "1 True\n3 True\n")
    }

    /// What NumPy 2.4 and PyTorch 2.15 do together (printed by them for the same program):
    /// element-wise functions give tensors back, reductions of a tensor fail, lists of 0-d tensors
    /// become float32 arrays.
    @Test func numpyOnTensorsDoesWhatNumPyDoes() {
        let output = Run.program("""
            import numpy as np
            import torch
            t = torch.tensor([1.0, 2.0, 4.0])
            print(np.sqrt(t), np.abs(-t), np.argmax(t), np.clip(t, 0, 2))
            print(repr(np.mean([torch.tensor(0.5), torch.tensor(0.25)])), t.numpy(), repr(t.numpy()))
            try:
                np.mean(t)
            except TypeError as error:
                print("TypeError")
            """).output
        #expect(output == "tensor([1.0000, 1.4142, 2.0000]) tensor([1., 2., 4.]) tensor(2) tensor([1., 2., 2.])\nnp.float32(0.375) [1. 2. 4.] array([1., 2., 4.], dtype=float32)\nTypeError\n")
    }
}
