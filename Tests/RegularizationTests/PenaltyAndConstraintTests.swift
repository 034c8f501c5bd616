import Testing
import TensorEngine
@testable import Regularization

/// Keras 3.15 (torch backend) values, e.g. `float(regularizers.l1(0.01)(w))` and
/// `constraints.MaxNorm(2)(w)` for w = [[1, -2, 3], [4, 5, -6]] (/tmp/torchenv).
struct PenaltyAndConstraintTests {
    let w: [[Float]] = [[1, -2, 3], [4, 5, -6]]

    @Test func kerasPenalties() throws {
        let weight = try Tensor(w)
        expectValues(try Penalty.l1(0.01)(weight), [0.20999999344348907], tolerance: 1e-7)
        expectValues(try Penalty.l2(0.01)(weight), [0.9099999666213989], tolerance: 1e-7)
        expectValues(try Penalty.l1l2(l1: 0.01, l2: 0.02)(weight), [2.0299999713897705], tolerance: 1e-7)
        expectValues(try Penalty.l1l2()(weight), [0])
        #expect(Penalty.l1l2(l1: 0.01, l2: 0.01).description == "<L1L2 l1=0.01, l2=0.01>")
    }

    @Test func penaltyGradientIsL1SignPlusTwiceL2() throws {
        let weight = try Tensor([[0.5, -2], [0, 3]]).requiringGrad()
        try Penalty.l1l2(l1: 0.1, l2: 0.5)(weight).backward()
        expectValues(weight.grad, [0.1 + 0.5, -0.1 - 2, 0, 0.1 + 3])
    }

    @Test func elasticNetIsL1L2InOtherWords() throws {
        let net = try ElasticNet(alpha: 0.25, strength: 0.1)
        expectValues(try net(try Tensor(w)), [0.1 * (0.25 * 21 + 0.75 * 91)], tolerance: 1e-6)
        #expect(net.asPenalty.l1 == 0.025 && net.asPenalty.l2 == 0.1 * 0.75)
        #expect(throws: TensorError.self) { try ElasticNet(alpha: 1.5) }
    }

    @Test func proximalStepMakesExactZerosWhereSubgradientDoesNot() throws {
        let weight = Variable(try Tensor([0.3, -0.05, 0.002, -0.8]))
        let zeros = try ProximalL1.step([weight], learningRate: 0.1, lambda: 0.5)
        expectValues(weight.tensor, [0.25, 0, 0, -0.75], tolerance: 1e-7)
        #expect(zeros == 2)
        #expect(ZeroCount(weight.tensor).description == "2 of 4 (50.0%)")
    }

    @Test func kerasConstraints() throws {
        let weight = try Tensor(w)
        expectValues(try Constraint.maxNorm(2)(weight), [0.4850712716579437, -0.7427813410758972, 0.8944271802902222,
                                                         1.940285086631775, 1.8569533824920654, -1.7888543605804443], tolerance: 1e-6)
        expectValues(try Constraint.maxNorm(5, axis: [1])(weight), [1, -2, 3, 2.2792115211486816, 2.8490142822265625, -3.4188172817230225], tolerance: 1e-6)
        expectValues(try Constraint.unitNorm()(weight), [0.24253563582897186, -0.3713906705379486, 0.4472135901451111,
                                                         0.9701425433158875, 0.9284766912460327, -0.8944271802902222], tolerance: 1e-6)
        expectValues(try Constraint.minMaxNorm(min: 1, max: 3, rate: 0.5)(weight), [0.8638034462928772, -1.5570859909057617, 2.170820474624634,
                                                                                  3.455213785171509, 3.8927149772644043, -4.341640949249268], tolerance: 1e-6)
        expectValues(try Constraint.nonNeg(weight), [1, 0, 3, 4, 5, 0])
        #expect(Constraint.maxNorm(2).description == "MaxNorm(max_value=2.0, axis=0)")
    }

    @Test func linearWeightIsConstrainedLikeTheKerasKernel() throws {
        // nn.Linear's weight (out, in) is the transpose of the Dense kernel (in, out): axis 0 of
        // the kernel is each row of the weight.
        let weight = try Tensor(w).t()
        let constrained = try Constraint.maxNorm(2).applyToLinearWeight(weight)
        expectValues(try constrained.t(), [0.4850712716579437, -0.7427813410758972, 0.8944271802902222,
                                           1.940285086631775, 1.8569533824920654, -1.7888543605804443], tolerance: 1e-6)
    }

    @Test func clipGradNormReturnsTheTotalAndScales() throws {
        // a.grad = [3, 4]; b.grad = [12]; nn.utils.clip_grad_norm_([a, b], 5.0)
        let a = Variable(try Tensor([3, 4]).requiringGrad()), b = Variable(try Tensor([12]).requiringGrad())
        a.grad = try Tensor([3, 4])
        b.grad = try Tensor([12])
        expectValues(try GradientClipping.clipNorm([a, b], maxNorm: 5), [13])
        expectValues(a.grad, [1.153846025466919, 1.538461446762085], tolerance: 1e-7)
        expectValues(b.grad, [4.615384101867676], tolerance: 1e-7)
        a.grad = try Tensor([3, -4])
        b.grad = try Tensor([1])
        expectValues(try GradientClipping.clipNorm([a, b], maxNorm: 2, normType: .infinity), [4])
        expectValues(a.grad, [1.4999996423721313, -1.9999995231628418], tolerance: 1e-7)
        a.grad = try Tensor([3, -4])
        b.grad = try Tensor([0.5])
        expectValues(try GradientClipping.clipNorm([a, b], maxNorm: 100, normType: 1), [7.5])
        expectValues(a.grad, [3, -4])
        try GradientClipping.clipValue([a], value: 1.5)
        expectValues(a.grad, [1.5, -1.5])
    }

    @Test func renormScalesOnlyTheSlicesAboveTheLimit() throws {
        expectValues(try GradientClipping.renorm(try Tensor([[1, 2, 3], [4, 5, 6], [0.1, 0.2, 0.3]]), p: 2, dim: 0, maxNorm: 5),
                     [1, 2, 3, 2.2792115211486816, 2.8490142822265625, 3.4188172817230225, 0.1, 0.2, 0.3], tolerance: 1e-6)
        expectValues(try GradientClipping.renorm(try Tensor([[1, 2, 3], [4, 5, 6]]), p: 1, dim: 1, maxNorm: 4),
                     [0.800000011920929, 1.1428571939468384, 1.3333333730697632, 3.200000047683716, 2.857142925262451, 2.6666667461395264], tolerance: 1e-6)
    }
}
