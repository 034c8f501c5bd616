import Testing
import TensorEngine
@testable import NeuralNet

/// The module protocol's shared behaviour: printing, modes, state dictionaries.
@Suite struct ModuleTests {
    let g = RandomGenerator(seed: 0)

    /// PyTorch: print(nn.Sequential(nn.Linear(2, 3), nn.ReLU(), nn.LeakyReLU(), nn.Softmax(dim=1),
    /// nn.Flatten(), nn.Identity(), nn.Sigmoid(), nn.Tanh(), nn.Sequential(nn.Linear(1, 1))))
    @Test func printsLikePyTorch() throws {
        let model = Sequential([
            try Linear(2, 3, generator: g), ReLU(), LeakyReLU(), Softmax(dim: 1), Flatten(), Identity(), Sigmoid(), Tanh(),
            Sequential([try Linear(1, 1, generator: g)]),
        ])
        #expect(model.description == """
            Sequential(
              (0): Linear(in_features=2, out_features=3, bias=True)
              (1): ReLU()
              (2): LeakyReLU(negative_slope=0.01)
              (3): Softmax(dim=1)
              (4): Flatten(start_dim=1, end_dim=-1)
              (5): Identity()
              (6): Sigmoid()
              (7): Tanh()
              (8): Sequential(
                (0): Linear(in_features=1, out_features=1, bias=True)
              )
            )
            """)
        #expect(MSELoss().description == "MSELoss()")
    }

    /// PyTorch: print(torch.optim.SGD(params, lr=0.1, momentum=0.9)) and print(torch.optim.Adam(params))
    @Test func optimizersPrintTheirSettingsLikePyTorch() throws {
        let parameters = try Linear(1, 1, generator: g).parameters()
        #expect(try SGD(parameters, lr: 0.1, momentum: 0.9).description == """
            SGD (
            Parameter Group 0
                dampening: 0
                differentiable: False
                foreach: None
                fused: None
                lr: 0.1
                maximize: False
                momentum: 0.9
                nesterov: False
                weight_decay: 0
            )
            """)
        #expect(try Adam(parameters).description == """
            Adam (
            Parameter Group 0
                amsgrad: False
                betas: (0.9, 0.999)
                capturable: False
                decoupled_weight_decay: False
                differentiable: False
                eps: 1e-08
                foreach: None
                fused: None
                lr: 0.001
                maximize: False
                weight_decay: 0
            )
            """)
    }

    @Test func trainAndEvalReachEveryChild() throws {
        let inner = Sequential([ReLU()])
        let model = Sequential([try Linear(1, 1, generator: g), inner])
        model.eval()
        #expect(model.modules().allSatisfy { !$0.training })
        model.train()
        #expect(inner.layers[0].training)
    }

    @Test func stateDictRoundTrip() throws {
        let model = Sequential([try Linear(2, 2, generator: g), ReLU(), try Linear(2, 1, generator: g)])
        let saved = model.stateDict()
        #expect(saved.map(\.name) == ["0.weight", "0.bias", "2.weight", "2.bias"])
        let leaf = model.parameters()[0]
        leaf.tensor = try Tensor([9, 9, 9, 9], shape: [2, 2]).requiringGrad()
        try model.loadStateDict(saved)
        #expect(leaf.tensor.elements == saved[0].tensor.elements)
        #expect(leaf.tensor.requiresGrad && leaf.tensor.isLeaf)
    }

    @Test func stateDictErrorsNameTheKeys() throws {
        let model = Sequential([try Linear(2, 2, generator: g)])
        expectTensorError("Error(s) in loading state_dict for Sequential:\n\tMissing key(s) in state_dict: \"0.bias\". \n\tUnexpected key(s) in state_dict: \"1.bias\". ") {
            try model.loadStateDict([("0.weight", try Tensor.zeros([2, 2])), ("1.bias", try Tensor.zeros([2]))])
        }
        expectTensorError("Error(s) in loading state_dict for Sequential:\n\tsize mismatch for 0.bias: copying a param with shape torch.Size([3]) from checkpoint, the shape in current model is torch.Size([2]).") {
            try model.loadStateDict([("0.weight", try Tensor.zeros([2, 2])), ("0.bias", try Tensor.zeros([3]))])
        }
    }

    @Test func sequentialIndexing() throws {
        let model = Sequential([ReLU(), Tanh()])
        #expect(try model.layer(at: -1).typeName == "Tanh")
        expectTensorError("index 2 is out of range") { _ = try model.layer(at: 2) }
    }
}

/// The synthetic data sets: shapes, labels and determinism.
@Suite struct DatasetTests {
    @Test func sameSeedSameData() throws {
        let a = try Datasets.moons(count: 50, generator: RandomGenerator(seed: 3))
        let b = try Datasets.moons(count: 50, generator: RandomGenerator(seed: 3))
        #expect(a.x.elements == b.x.elements && a.y.elements == b.y.elements)
        let c = try Datasets.moons(count: 50, generator: RandomGenerator(seed: 4))
        #expect(a.x.elements != c.x.elements)
    }

    /// The sine recipe, reproduced in PyTorch: manual_seed(0); x = torch.rand(4, 1) * 6 - 3;
    /// y = torch.sin(x) + 0.3 * torch.randn(4, 1)
    @Test func sineFollowsItsPyTorchRecipe() throws {
        let (x, y) = try Datasets.sine(count: 4, noise: 0.3, generator: RandomGenerator(seed: 0))
        #expect(x.shape == [4, 1] && y.shape == [4, 1])
        expectClose(x, [-0.022460460662841797, 1.609330654144287, -2.4691352844238281, -2.2078170776367188])
        expectClose(y, [-0.6760953664779663, 1.169787049293518, -0.9482669830322266, -1.2234500646591187])
    }

    @Test func classificationSetsHaveBalancedLabels() throws {
        let g = RandomGenerator(seed: 0)
        for (x, y) in [try Datasets.moons(count: 101, generator: g), try Datasets.circles(count: 101, generator: g),
                       try Datasets.spirals(count: 101, classes: 2, generator: g)] {
            #expect(x.shape == [101, 2] && y.shape == [101] && y.dtype == .int64)
            let ones = y.elements.filter { $0 == 1 }.count
            #expect(ones == 50 || ones == 51)
        }
    }

    @Test func glyphsAreSmallLabelledImages() throws {
        let (x, y) = try Datasets.glyphs(count: 40, noise: 0, shift: 0, generator: RandomGenerator(seed: 0))
        #expect(x.shape == [40, 1, 8, 8])
        #expect(Set(y.elements).isSubset(of: [0, 1, 2, 3]))
        // without noise or shift, a bar (label 0) inks columns 3 and 4 of rows 1...6
        let first = y.elements.firstIndex(of: 0) ?? 0
        let image = try x.index([.single(first), .single(0)])
        #expect(try image.index([.slice(1, 7, nil), .slice(3, 5, nil)]).elements.allSatisfy { $0 == 1 })
        #expect(try image.sum().item() == 12)
    }

    @Test func badSizesAreErrors() {
        expectTensorError("the number of samples must be between 1 and 100000, got 0") {
            _ = try Datasets.sine(count: 0, generator: RandomGenerator())
        }
    }
}
