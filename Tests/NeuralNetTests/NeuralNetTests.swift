import Testing
import TensorEngine
@testable import NeuralNet

/// Layers, losses, optimizers and data against PyTorch 2.15. Each value was printed by PyTorch
/// for the same inputs; the call is named next to it.
@Suite struct NeuralNetTests {
    /// manual_seed(0); nn.Linear(3, 2).weight, .bias
    @Test func linearInitialisationReproducesPyTorch() throws {
        let layer = try Linear(3, 2, generator: RandomGenerator(seed: 0))
        #expect(layer.weight.tensor.shape == [2, 3])
        #expect(layer.weight.tensor.elements == [-0.004322517663240433, 0.3097158372402191, -0.4751853346824646, -0.4248946011066437, -0.2223689705133438, 0.15482072532176971])
        #expect(layer.bias?.tensor.elements == [-0.011439144611358643, 0.45777493715286255])
        #expect(layer.weight.tensor.requiresGrad && layer.weight.isParameter)
    }

    /// manual_seed(0); nn.Sequential(nn.Linear(2, 4), nn.ReLU(), nn.Linear(4, 1)).parameters()
    @Test func sequentialDrawsLayersInConstructionOrder() throws {
        let g = RandomGenerator(seed: 0)
        let model = Sequential([try Linear(2, 4, generator: g), ReLU(), try Linear(4, 1, generator: g)])
        let expected: [[Float]] = [[-0.005293981172144413, 0.37932288646698, -0.5819807648658752, -0.5203874707221985, -0.27234524488449097, 0.1896158903837204, -0.014010033570230007, 0.5606575012207031], [-0.06275151669979095, 0.1871093362569809, -0.2136969119310379, -0.13899271190166473], [-0.4776742458343506, -0.33114105463027954, -0.20611155033111572, 0.018521785736083984], [0.19766759872436523]]
        #expect(model.parameters().map(\.tensor.elements) == expected)
        #expect(model.namedParameters().map(\.name) == ["0.weight", "0.bias", "2.weight", "2.bias"])
    }

    static let x: [[Float]] = [[0.5, -1.2, 2.0], [1.5, 0.3, -0.7], [-0.4, 0.8, 0.1], [1.0, 1.0, -1.0]]
    static let y: [[Float]] = [[1.0, -1.0], [0.5, 2.0], [-0.3, 0.0], [2.0, 1.0]]

    static func optimizer(_ name: String, _ parameters: [Variable]) throws -> Optimizer {
        switch name {
        case "sgd": return try SGD(parameters, lr: 0.1)
        case "sgdMomentumDecay": return try SGD(parameters, lr: 0.1, momentum: 0.9, weightDecay: 0.01)
        case "sgdDampening": return try SGD(parameters, lr: 0.05, momentum: 0.9, dampening: 0.1, weightDecay: 0.1)
        case "sgdNesterov": return try SGD(parameters, lr: 0.05, momentum: 0.8, nesterov: true)
        case "adam": return try Adam(parameters, lr: 0.01)
        case "adamDecay": return try Adam(parameters, lr: 0.01, weightDecay: 0.1)
        case "adamW": return try Adam(parameters, lr: 0.01, weightDecay: 0.1, decoupled: true)
        case "adamWDefault": return try Adam(parameters, lr: 0.01, decoupled: true)
        default: return try Adam(parameters, lr: 0.05, betas: (0.8, 0.9), amsgrad: true)
        }
    }

    /// manual_seed(0); m = nn.Linear(3, 2); opt = <optimizer>(m.parameters(), ...);
    /// 5 times: opt.zero_grad(); F.mse_loss(m(X), Y).backward(); opt.step()
    static let optimizerCases: [(String, [Double], [Double], Double)] = [
        ("sgd", [0.26238518953323364, 0.13820180296897888, -0.1815844178199768, -0.05015028640627861, 0.06363344937562943, -0.4055221974849701], [0.2796036899089813, 0.5483156442642212], 0.7747745513916016),
        ("sgdMomentumDecay", [0.6553063988685608, -0.10265180468559265, 0.22992318868637085, 0.4807416796684265, 0.41544994711875916, -1.156790852546692], [0.6947358846664429, 0.6394500136375427], 0.5406662821769714),
        ("sgdDampening", [0.35695260763168335, 0.05423279106616974, -0.038997139781713486, 0.12017068266868591, 0.22502173483371735, -0.65518718957901], [0.39289578795433044, 0.5793161392211914], 0.5933788418769836),
        ("sgdNesterov", [0.376722127199173, 0.06529465317726135, -0.05666134133934975, 0.10860242694616318, 0.18362882733345032, -0.6420387625694275], [0.40430688858032227, 0.5860016345977783], 0.5325718522071838),
        ("adam", [0.04559560865163803, 0.259855717420578, -0.42531248927116394, -0.37498724460601807, -0.1724730283021927, 0.10488981753587723], [0.038466665893793106, 0.5074768662452698], 2.002316951751709),
        ("adamDecay", [0.045587800443172455, 0.25985753536224365, -0.42531120777130127, -0.3749881982803345, -0.17247603833675385, 0.10489218682050705], [0.03845985606312752, 0.5073886513710022], 2.002338171005249),
        ("adamW", [0.04551868885755539, 0.25841814279556274, -0.4230475425720215, -0.37296760082244873, -0.17146463692188263, 0.10421878844499588], [0.03842409327626228, 0.5050965547561646], 1.99783456325531),
        ("adamWDefault", [0.04558790475130081, 0.2597116529941559, -0.42508554458618164, -0.374784916639328, -0.172371968626976, 0.1048225462436676], [0.038462404161691666, 0.5072383880615234], 2.0018672943115234),
        ("adamAmsgrad", [0.2423129826784134, 0.0669788271188736, -0.23146526515483856, -0.1788123995065689, 0.022955462336540222, -0.0925004631280899], [0.23448039591312408, 0.6777843832969666], 1.1934438943862915),
    ]

    @Test(arguments: optimizerCases)
    func optimizerReproducesPyTorchAfterFiveSteps(name: String, weight: [Double], bias: [Double], lastLoss: Double) throws {
        let model = try Linear(3, 2, generator: RandomGenerator(seed: 0))
        let optimizer = try Self.optimizer(name, model.parameters())
        var loss = Tensor(scalar: 0)
        for _ in 0..<5 {
            optimizer.zeroGrad()
            loss = try Losses.mse(try model(try Tensor(Self.x)), try Tensor(Self.y))
            try loss.backward()
            try optimizer.step()
        }
        expectClose(model.weight.tensor, weight)
        expectClose(model.bias?.tensor, bias)
        expectClose(loss, [lastLoss])
    }

    static func loss(_ name: String, _ x: Tensor) throws -> Tensor {
        let target = try Tensor([[1.1, 0.4, -0.3], [-2.0, 0.9, 1.3]])
        let zeroOne = try Tensor([[0, 1, 1], [1, 0, 0]])
        let classes = try Tensor([2, 0], dtype: .int64)
        let soft = try Tensor([[0.1, 0.2, 0.7], [0.5, 0.5, 0.0]])
        let weights = try Tensor([1, 2, 0.5])
        switch name {
        case "mse": return try Losses.mse(x, target)
        case "mseSum": return try Losses.mse(x, target, reduction: .sum)
        case "mseNone": return try Losses.mse(x, target, reduction: .none)
        case "l1": return try Losses.l1(x, target)
        case "bce": return try Losses.binaryCrossEntropy(x, zeroOne)
        case "bceWeight": return try Losses.binaryCrossEntropy(x, zeroOne, weight: try Tensor([1, 2, 3]))
        case "bceLogits": return try Losses.binaryCrossEntropyWithLogits(x, zeroOne)
        case "bceLogitsPos": return try Losses.binaryCrossEntropyWithLogits(x, zeroOne, posWeight: try Tensor([2, 0.5, 1]))
        case "ce": return try Losses.crossEntropy(x, classes)
        case "ceSmooth": return try Losses.crossEntropy(x, classes, labelSmoothing: 0.1)
        case "ceWeight": return try Losses.crossEntropy(x, classes, weight: weights)
        case "ceWeightSmooth": return try Losses.crossEntropy(x, classes, weight: weights, labelSmoothing: 0.2)
        case "ceNone": return try Losses.crossEntropy(x, classes, reduction: .none)
        case "ceSoft": return try Losses.crossEntropy(x, soft)
        case "ceSoftSmooth": return try Losses.crossEntropy(x, soft, labelSmoothing: 0.3)
        case "ceIgnore": return try Losses.crossEntropy(x, try Tensor([2, -100], dtype: .int64))
        default: return try Losses.nll(x, classes)
        }
    }

    /// y = F.<loss>(x, ...); y.backward() (ones for reduction="none"); x is [[0.5, -1.2, 2.0], [1.5, 0.3, -0.7]],
    /// or the probabilities [[0.2, 0.9, 0.5], [0.99, 0.01, 0.7]] for BCE, or log_softmax(x, 1) for nll
    static let lossCases: [(String, [Double], [Double], String)] = [
        ("mse", [4.136666774749756], [-0.20000001788139343, -0.5333333611488342, 0.7666666507720947, 1.1666667461395264, -0.19999998807907104, -0.6666666865348816], "MseLossBackward0"),
        ("mseSum", [24.81999969482422], [-1.2000000476837158, -3.200000047683716, 4.599999904632568, 7.0, -1.1999999284744263, -4.0], "MseLossBackward0"),
        ("mseNone", [0.36000001430511475, 2.56000018119812, 5.289999961853027, 12.25, 0.35999995470046997, 4.0], [-1.2000000476837158, -3.200000047683716, 4.599999904632568, 7.0, -1.1999999284744263, -4.0], "MseLossBackward0"),
        ("l1", [1.7666667699813843], [-0.1666666716337204, -0.1666666716337204, 0.1666666716337204, 0.1666666716337204, -0.1666666716337204, -0.1666666716337204], "MeanBackward0"),
        ("bce", [0.3742874562740326], [0.2083333134651184, -0.18518519401550293, -0.3333333432674408, -0.16835016012191772, 0.16835016012191772, 0.555555522441864], "BinaryCrossEntropyBackward0"),
        ("bceWeight", [1.0258959531784058], [0.2083333134651184, -0.37037038803100586, -1.0, -0.16835016012191772, 0.33670032024383545, 1.6666666269302368], "BinaryCrossEntropyBackward0"),
        ("bceLogits", [0.6705403327941895], [0.10374322533607483, -0.12808746099472046, -0.01986716128885746, -0.030404260382056236, 0.0957404151558876, 0.05530203878879547], "BinaryCrossEntropyWithLogitsBackward0"),
        ("bceLogitsPos", [0.5821689963340759], [0.10374322533607483, -0.06404373049736023, -0.01986716128885746, -0.06080852076411247, 0.0957404151558876, 0.05530203878879547], "BinaryCrossEntropyWithLogitsBackward0"),
        ("ce", [0.2896007001399994], [0.08827102184295654, 0.01612566038966179, -0.10439670085906982, -0.14589166641235352, 0.10665536671876907, 0.039236318320035934], "NllLossBackward0"),
        ("ceSmooth", [0.4246007204055786], [0.07160435616970062, -0.0005410071462392807, -0.07106336951255798, -0.11255833506584167, 0.08998870104551315, 0.022569650784134865], "AddBackward0"),
        ("ceWeight", [0.3080689013004303], [0.058847349137067795, 0.010750440880656242, -0.06959780305624008, -0.19452223181724548, 0.14220716059207916, 0.05231509357690811], "NllLossBackward0"),
        ("ceWeightSmooth", [0.8432198762893677], [0.030095534399151802, -0.07527166604995728, 0.04517613351345062, -0.08989519625902176, 0.05805850774049759, 0.03183670714497566], "AddBackward0"),
        ("ceNone", [0.23419617116451263, 0.34500524401664734], [0.17654204368591309, 0.03225132077932358, -0.20879340171813965, -0.29178333282470703, 0.21331073343753815, 0.07847263664007187], "NllLossBackward0"),
        ("ceSoft", [0.9846007227897644], [0.03827102109789848, -0.08387434482574463, 0.04560330510139465, 0.10410833358764648, -0.14334464073181152, 0.039236318320035934], "DivBackward1"),
        ("ceSoftSmooth", [1.1811007261276245], [0.0032710209488868713, -0.1038743406534195, 0.10060331225395203, 0.12910833954811096, -0.11834462732076645, -0.010763682425022125], "DivBackward1"),
        ("ceIgnore", [0.23419617116451263], [0.17654204368591309, 0.03225132077932358, -0.20879340171813965, 0.0, 0.0, 0.0], "NllLossBackward0"),
        ("nll", [0.2896007001399994], [0.0, 0.0, -0.5, -0.5, 0.0, 0.0], "NllLossBackward0"),
    ]

    @Test(arguments: lossCases)
    func lossValueGradientAndNodeName(name: String, value: [Double], gradient: [Double], node: String) throws {
        var input = try Tensor([[0.5, -1.2, 2.0], [1.5, 0.3, -0.7]])
        if name.hasPrefix("bce") && !name.hasPrefix("bceLogits") { input = try Tensor([[0.2, 0.9, 0.5], [0.99, 0.01, 0.7]]) }
        if name == "nll" { input = try input.logSoftmax(dim: 1) }
        let x = try input.requiringGrad()
        let y = try Self.loss(name, x)
        expectClose(y, value)
        #expect(y.gradNode?.name == node)
        try y.backward(gradient: y.onesLike())
        expectClose(x.grad, gradient)
    }

    @Test func lossErrorsMatchPyTorch() throws {
        let x = try Tensor([[0.5, -1.2, 2.0], [1.5, 0.3, -0.7]])
        expectTensorError("Target 3 is out of bounds.") { _ = try Losses.crossEntropy(x, try Tensor([3, 0], dtype: .int64)) }
        expectTensorError("expected scalar type Long but found Float") { _ = try Losses.crossEntropy(x, try Tensor([2, 0])) }
        expectTensorError("Expected input batch_size (2) to match target batch_size (3).") {
            _ = try Losses.crossEntropy(x, try Tensor([2, 0, 1], dtype: .int64))
        }
        expectTensorError("all elements of input should be between 0 and 1") { _ = try Losses.binaryCrossEntropy(x, x) }
        expectTensorError("Using a target size (torch.Size([2])) that is different to the input size (torch.Size([2, 1])) is deprecated. Please ensure they have the same size.") {
            _ = try Losses.binaryCrossEntropy(try Tensor([[0.5], [0.5]]), try Tensor([1, 0]))
        }
    }

    /// opt = SGD([...], lr=0.1); StepLR(opt, step_size=2, gamma=0.5); 6 x (opt.step(); sch.step()); get_last_lr()
    @Test func stepLRHalvesEveryTwoEpochs() throws {
        let optimizer = try SGD([Variable(try Tensor.zeros([1]).requiringGrad())], lr: 0.1)
        let scheduler = try StepLR(optimizer, stepSize: 2, gamma: 0.5)
        var rates: [Double] = []
        for _ in 0..<6 {
            try optimizer.step()
            scheduler.step()
            rates.append(scheduler.lastLearningRate)
        }
        #expect(rates == [0.1, 0.05, 0.05, 0.025, 0.025, 0.0125])
    }

    /// manual_seed(0); DataLoader(TensorDataset(arange(10.), arange(10)), batch_size=4, shuffle=True), two epochs
    @Test func dataLoaderShufflesLikePyTorch() throws {
        let g = RandomGenerator(seed: 0)
        let loader = try DataLoader([try Tensor.arange(0, 10), try Tensor.arange(0, 10, integral: true)], batchSize: 4, shuffle: true, generator: g)
        #expect(loader.batchCount == 3)
        #expect(try loader.epoch().map { $0[1].elements } == [[6, 7, 1, 4], [2, 0, 9, 8], [3, 5]])
        #expect(try loader.epoch().map { $0[1].elements } == [[2, 4, 7, 0], [8, 9, 5, 3], [6, 1]])
    }

    /// manual_seed(0); random_split(range(10), [0.5, 0.3, 0.2]); manual_seed(0); random_split(range(7), [0.5, 0.5])
    @Test func splitsMatchRandomSplit() throws {
        let parts = try Datasets.splitIndices(10, fractions: [0.5, 0.3, 0.2], generator: RandomGenerator(seed: 0))
        #expect(parts.map(\.elements) == [[4, 1, 7, 5, 3], [9, 0, 8], [6, 2]])
        let halves = try Datasets.splitIndices(7, fractions: [0.5, 0.5], generator: RandomGenerator(seed: 0))
        #expect(halves.map(\.elements) == [[4, 0, 5, 3], [2, 6, 1]])
    }
}

/// Expects `tensor`'s elements to equal `expected` within 1e-5 (absolute plus relative).
func expectClose(_ tensor: Tensor?, _ expected: [Double], sourceLocation: SourceLocation = #_sourceLocation) {
    guard let tensor else {
        Issue.record("expected a tensor, got nil", sourceLocation: sourceLocation)
        return
    }
    #expect(tensor.count == expected.count, sourceLocation: sourceLocation)
    for (actual, wanted) in zip(tensor.elements, expected) {
        #expect(Swift.abs(Double(actual) - wanted) <= 1e-5 * (1 + Swift.abs(wanted)), "\(actual) vs \(wanted)", sourceLocation: sourceLocation)
    }
}

/// Expects `body` to throw a TensorError with this message.
func expectTensorError(_ message: String, sourceLocation: SourceLocation = #_sourceLocation, _ body: () throws -> Void) {
    do {
        try body()
        Issue.record("expected \"\(message)\"", sourceLocation: sourceLocation)
    } catch let error as TensorError {
        #expect(error.message == message, sourceLocation: sourceLocation)
    } catch {
        Issue.record("unexpected \(error)", sourceLocation: sourceLocation)
    }
}
