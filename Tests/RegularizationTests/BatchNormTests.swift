import Testing
import TensorEngine
@testable import Regularization

/// Values printed by torch 2.15 (/tmp/torchenv), e.g.
/// `bn = nn.BatchNorm1d(2); y = bn(x); (y * w).sum().backward(); x.grad.tolist()`.
struct BatchNormTests {
    let x: [[Float]] = [[1, 2], [3, 4], [5, 8], [7, 6]]
    let upstream: [[Float]] = [[1, -2], [0.5, 3], [2, 1], [-1, 0.25]]

    @Test func trainingForwardAndRunningStatistics() throws {
        let bn = try BatchNorm(features: 2, spatialRank: 0)
        let y = try bn(try Tensor(x))
        expectValues(y, [-1.3416393995285034, -1.3416392803192139, -0.44721314311027527, -0.4472130537033081,
                         0.44721314311027527, 1.341639518737793, 1.3416393995285034, 0.44721323251724243], tolerance: 2e-7)
        expectValues(bn.runningMean?.tensor, [0.4000000059604645, 0.5], tolerance: 1e-7)
        expectValues(bn.runningVar?.tensor, [1.566666603088379, 1.566666603088379], tolerance: 1e-7)
        #expect(bn.description == "BatchNorm1d(2, eps=1e-05, momentum=0.1, affine=True, bias=True, track_running_stats=True)")
    }

    @Test func backwardGivesPyTorchsGradients() throws {
        let bn = try BatchNorm(features: 2, spatialRank: 0)
        let input = try Tensor(x).requiringGrad()
        let y = try bn(input)
        #expect(y.gradNode?.name == "NativeBatchNormBackward0")
        try (try y * Tensor(upstream)).sum().backward()
        expectValues(input.grad, [-0.13416330516338348, -0.7267221808433533, -0.1565244048833847, 1.229835867881775,
                                  0.7155408263206482, -0.22360572218894958, -0.42485311627388, -0.27950793504714966], tolerance: 1e-6)
        expectValues(bn.weight?.grad, [-2.0124590396881104, 2.7950820922851562], tolerance: 1e-6)
        expectValues(bn.bias?.grad, [2.5, 2.25])
    }

    @Test func runningStatisticsOverSeveralStepsThenEvaluation() throws {
        let bn = try BatchNorm(features: 2, spatialRank: 0)
        _ = try bn(try Tensor(x))
        _ = try bn(try Tensor([[0.5, 1], [2, -1], [3, 0]]))
        _ = try bn(try Tensor([[10, 2], [11, 3]]))
        expectValues(bn.runningMean?.tensor, [1.5390000343322754, 0.6549999713897705], tolerance: 1e-7)
        expectValues(bn.runningVar?.tensor, [1.4614996910095215, 1.4089998006820679], tolerance: 1e-7)
        expectValues(bn.batchesTracked?.tensor, [3])
        bn.eval()
        expectValues(try bn(try Tensor([[1, 2], [3, 4]])), [-0.44584912061691284, 1.1330922842025757, 1.2085075378417969, 2.8179879188537598], tolerance: 1e-6)
    }

    @Test func momentumNoneIsACumulativeAverage() throws {
        let bn = try BatchNorm(features: 2, spatialRank: 0, momentum: nil)
        _ = try bn(try Tensor(x))
        _ = try bn(try Tensor([[0.5, 1], [2, -1], [3, 0]]))
        expectValues(bn.runningMean?.tensor, [2.9166667461395264, 2.5], tolerance: 1e-7)
        expectValues(bn.runningVar?.tensor, [4.125, 3.8333332538604736], tolerance: 1e-7)
        #expect(try BatchNorm(features: 3, spatialRank: 0, momentum: nil, affine: false).description
            == "BatchNorm1d(3, eps=1e-05, momentum=None, affine=False, bias=False, track_running_stats=True)")
    }

    @Test func batchNorm2dNormalisesPerChannelOverBatchAndPixels() throws {
        // torch.manual_seed(0); x2 = torch.randn(2, 2, 2, 2); nn.BatchNorm2d(2)(x2)
        let generator = RandomGenerator(seed: 0)
        let input = try Tensor.randn([2, 2, 2, 2], generator: generator)
        let bn = try BatchNorm(features: 2, spatialRank: 2)
        let y = try bn(input)
        expectValues(y, [-1.0970648527145386, -1.1374661922454834, 0.2363128513097763, -0.042927708476781845,
                         0.6650436520576477, 0.5121598839759827, -0.47130510210990906, -2.226680278778076,
                         1.1090010404586792, -1.3065253496170044, 1.1512118577957153, 1.0874584913253784,
                         -0.04606889188289642, 1.04451584815979, 0.9265799522399902, -0.40424495935440063], tolerance: 1e-5)
        expectValues(bn.runningVar?.tensor, [0.9492437243461609, 1.0200631618499756], tolerance: 1e-5)
        expectValues(bn.runningMean?.tensor, [-0.04057000204920769, 0.0167060736566782], tolerance: 1e-5)
    }

    @Test func oneValuePerChannelInTrainingIsPyTorchsError() throws {
        let bn = try BatchNorm(features: 2, spatialRank: 0)
        #expect(throws: TensorError.self) { try bn(try Tensor([[1, 2]])) }
        do {
            _ = try bn(try Tensor([[1, 2]]))
        } catch let error as TensorError {
            #expect(error.message == "Expected more than 1 value per channel when training, got input size torch.Size([1, 2])")
        }
        bn.eval()
        #expect(try bn(try Tensor([[1, 2]])).count == 2)
        #expect(throws: TensorError.self) { try bn(try Tensor([[1, 2, 3], [4, 5, 6]])) }
    }

    @Test func traceShowsTheBlackboardSteps() throws {
        let bn = try BatchNorm(features: 2, spatialRank: 0)
        let trace = Trace()
        _ = try bn.forward(try Tensor(x), trace: trace)
        let text = trace.description
        for label in ["batch mean (per channel): tensor([4., 5.])", "biased variance Σ(x − mean)²/n, n = 4: tensor([5., 5.])",
                      "x̂ = (x − mean) / √(var + 1e-05)", "running_mean before: tensor([0., 0.])",
                      "running_mean after (1 − m)·old + m·mean: tensor([0.4000, 0.5000])", "output γ · x̂ + β"] {
            #expect(text.contains(label), "missing \(label) in\n\(text)")
        }
    }

    @Test func layerNormNormalisesEachSample() throws {
        // ln = nn.LayerNorm(3); yl = ln(xl); (yl * u).sum().backward()
        let ln = try LayerNorm(shape: [3])
        let input = try Tensor([[1, 2, 4], [0, -1, 5]]).requiringGrad()
        let y = try ln(input)
        expectValues(y, [-1.06904137134552, -0.26726028323173523, 1.3363018035888672, -0.5080001354217529, -0.8890002965927124, 1.3970003128051758], tolerance: 1e-6)
        try (try y * Tensor([[1, 2, 3], [-1, 0.5, 2]])).sum().backward()
        expectValues(input.grad, [-0.11454463005065918, 0.17180907726287842, -0.05726468563079834,
                                  -0.3871455490589142, 0.32262057065963745, 0.06452492624521255], tolerance: 1e-5)
        expectValues(ln.weight?.grad, [-0.5610412359237671, -0.9790207147598267, 6.802906036376953], tolerance: 1e-6)
        #expect(ln.description == "LayerNorm((3,), eps=1e-05, elementwise_affine=True, bias=True)")
    }
}
