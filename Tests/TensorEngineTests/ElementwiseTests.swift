import Testing
@testable import TensorEngine

/// Element-wise ops: values and gradients from PyTorch 2.15 for the fixed inputs in `Inputs`,
/// plus a finite-difference check of every backward rule.
@Suite struct ElementwiseTests {
    /// The op under test, by the name used in the tables.
    static func unary(_ name: String) -> (Tensor) throws -> Tensor {
        switch name {
        case "neg": return { try -$0 }
        case "abs": return { try $0.abs() }
        case "sign": return { try $0.sign() }
        case "exp": return { try $0.exp() }
        case "log": return { try $0.log() }
        case "log1p": return { try $0.log1p() }
        case "log10": return { try $0.log10() }
        case "log2": return { try $0.log2() }
        case "sqrt": return { try $0.sqrt() }
        case "sin": return { try $0.sin() }
        case "cos": return { try $0.cos() }
        case "pow2": return { try $0.pow(2) }
        case "pow3": return { try $0.pow(3) }
        case "pow0.5": return { try $0.pow(0.5) }
        case "pow1.7": return { try $0.pow(1.7) }
        case "rpow2": return { try Tensor.pow(2, $0) }
        case "relu": return { try $0.relu() }
        case "leaky": return { try $0.leakyRelu(0.1) }
        case "sigmoid": return { try $0.sigmoid() }
        case "tanh": return { try $0.tanh() }
        case "clamp": return { try $0.clamp(min: -1, max: 1) }
        case "softmax1": return { try $0.softmax(dim: 1) }
        case "softmax0": return { try $0.softmax(dim: 0) }
        case "logsoftmax1": return { try $0.logSoftmax(dim: 1) }
        case "rsub": return { try 1 - $0 }
        case "rdiv": return { try 2 / $0 }
        default: return { $0 }
        }
    }

    static let unaryCases: [(String, String, [Double], [Double])] = [
        // -x: y = neg on A; (y * W).sum().backward()
        ("neg", "A", [-0.5, 1.2000000476837158, -2.0, -1.5, -0.30000001192092896, 0.699999988079071], [-0.30000001192092896, 0.800000011920929, -1.100000023841858, -0.6000000238418579, -0.20000000298023224, 0.4000000059604645]),
        // x.abs(): y = abs on A; (y * W).sum().backward()
        ("abs", "A", [0.5, 1.2000000476837158, 2.0, 1.5, 0.30000001192092896, 0.699999988079071], [0.30000001192092896, 0.800000011920929, 1.100000023841858, 0.6000000238418579, 0.20000000298023224, 0.4000000059604645]),
        // x.sign(): y = sign on A; (y * W).sum().backward()
        ("sign", "A", [1.0, -1.0, 1.0, 1.0, 1.0, -1.0], [0.0, 0.0, 0.0, 0.0, 0.0, 0.0]),
        // x.exp(): y = exp on A; (y * W).sum().backward()
        ("exp", "A", [1.6487212181091309, 0.3011941909790039, 7.389056205749512, 4.481688976287842, 1.3498588800430298, 0.49658530950546265], [0.49461638927459717, -0.24095535278320312, 8.127962112426758, 2.6890134811401367, 0.2699717879295349, -0.19863413274288177]),
        // x.log(): y = log on P; (y * W).sum().backward()
        ("log", "P", [-1.6094379425048828, -0.3566749691963196, 0.2623642086982727, 0.7419372797012329, -2.995732307434082, 1.0986123085021973], [1.5, -1.1428571939468384, 0.8461539149284363, 0.2857142984867096, 4.0, -0.13333334028720856]),
        // x.log1p(): y = log1p on P; (y * W).sum().backward()
        ("log1p", "P", [0.18232156336307526, 0.5306282639503479, 0.832909107208252, 1.1314021348953247, 0.04879016429185867, 1.3862943649291992], [0.25, -0.47058823704719543, 0.47826090455055237, 0.19354839622974396, 0.1904762089252472, -0.10000000149011612]),
        // torch.log10(x): y = log10 on P; (y * W).sum().backward()
        ("log10", "P", [-0.6989700198173523, -0.15490196645259857, 0.11394333839416504, 0.32221928238868713, -1.3010300397872925, 0.4771212637424469], [0.651441752910614, -0.49633654952049255, 0.36747997999191284, 0.12408414483070374, 1.7371779680252075, -0.057905931025743484]),
        // torch.log2(x): y = log2 on P; (y * W).sum().backward()
        ("log2", "P", [-2.321928024291992, -0.5145732164382935, 0.37851157784461975, 1.0703892707824707, -4.321928024291992, 1.5849624872207642], [2.1640427112579346, -1.6487942934036255, 1.220742106437683, 0.41219863295555115, 5.770780086517334, -0.1923593431711197]),
        // x.sqrt(): y = sqrt on P; (y * W).sum().backward()
        ("sqrt", "P", [0.44721361994743347, 0.8366600275039673, 1.1401753425598145, 1.449137568473816, 0.22360680997371674, 1.7320507764816284], [0.3354101777076721, -0.47809144854545593, 0.4823819696903229, 0.20701968669891357, 0.4472135901451111, -0.11547005921602249]),
        // x.sin(): y = sin on A; (y * W).sum().backward()
        ("sin", "A", [0.4794255495071411, -0.9320390820503235, 0.9092974066734314, 0.9974949955940247, 0.29552021622657776, -0.6442176699638367], [0.26327478885650635, -0.2898861765861511, -0.4577615261077881, 0.04244232177734375, 0.19106730818748474, -0.30593690276145935]),
        // x.cos(): y = cos on A; (y * W).sum().backward()
        ("cos", "A", [0.8775825500488281, 0.3623577058315277, -0.416146844625473, 0.07073719799518585, 0.9553365111351013, 0.7648422122001648], [-0.1438276767730713, -0.7456312775611877, -1.0002272129058838, -0.5984970331192017, -0.05910404399037361, -0.2576870620250702]),
        // x.pow(2): y = pow2 on A; (y * W).sum().backward()
        ("pow2", "A", [0.25, 1.440000057220459, 4.0, 2.25, 0.09000000357627869, 0.4899999797344208], [0.30000001192092896, 1.9200000762939453, 4.400000095367432, 1.8000000715255737, 0.12000000476837158, 0.5600000023841858]),
        // x.pow(3): y = pow3 on A; (y * W).sum().backward()
        ("pow3", "A", [0.125, -1.7280001640319824, 8.0, 3.375, 0.027000002562999725, -0.34299999475479126], [0.22500000894069672, -3.4560000896453857, 13.200000762939453, 4.050000190734863, 0.05400000140070915, -0.5879999995231628]),
        // x.pow(0.5): y = pow0.5 on P; (y * W).sum().backward()
        ("pow0.5", "P", [0.44721361994743347, 0.8366600275039673, 1.1401753425598145, 1.449137568473816, 0.22360680997371674, 1.7320507764816284], [0.3354102075099945, -0.47809144854545593, 0.4823818802833557, 0.20701967179775238, 0.44721361994743347, -0.1154700517654419]),
        // x.pow(1.7): y = pow1.7 on P; (y * W).sum().backward()
        ("pow1.7", "P", [0.06482626497745514, 0.5453391075134277, 1.5620814561843872, 3.52998423576355, 0.006141140125691891, 6.473007678985596], [0.16530698537826538, -1.0595160722732544, 2.2469942569732666, 1.7145639657974243, 0.041759755462408066, -1.4672151803970337]),
        // 2 ** x: y = rpow2 on A; (y * W).sum().backward()
        ("rpow2", "A", [1.4142135381698608, 0.43527525663375854, 4.0, 2.8284270763397217, 1.2311444282531738, 0.6155722141265869], [0.29407745599746704, -0.2413678616285324, 3.0498476028442383, 1.1763098239898682, 0.17067286372184753, -0.17067286372184753]),
        // x.relu(): y = relu on A; (y * W).sum().backward()
        ("relu", "A", [0.5, 0.0, 2.0, 1.5, 0.30000001192092896, 0.0], [0.30000001192092896, 0.0, 1.100000023841858, 0.6000000238418579, 0.20000000298023224, 0.0]),
        // F.leaky_relu(x, 0.1): y = leaky on A; (y * W).sum().backward()
        ("leaky", "A", [0.5, -0.12000000476837158, 2.0, 1.5, 0.30000001192092896, -0.07000000029802322], [0.30000001192092896, -0.08000000566244125, 1.100000023841858, 0.6000000238418579, 0.20000000298023224, -0.04000000283122063]),
        // x.sigmoid(): y = sigmoid on A; (y * W).sum().backward()
        ("sigmoid", "A", [0.622459352016449, 0.23147521913051605, 0.8807970285415649, 0.8175744414329529, 0.5744425058364868, 0.3318122327327728], [0.07050111144781113, -0.1423155516386032, 0.11549299210309982, 0.08948788791894913, 0.048891663551330566, -0.08868514746427536]),
        // x.tanh(): y = tanh on A; (y * W).sum().backward()
        ("tanh", "A", [0.46211716532707214, -0.8336546421051025, 0.9640275835990906, 0.9051482677459717, 0.29131263494491577, -0.6043677926063538], [0.235934317111969, -0.24401596188545227, 0.07771589607000351, 0.10842397809028625, 0.18302738666534424, -0.2538958489894867]),
        // x.clamp(-1, 1): y = clamp on A; (y * W).sum().backward()
        ("clamp", "A", [0.5, -1.0, 1.0, 1.0, 0.30000001192092896, -0.699999988079071], [0.30000001192092896, 0.0, 0.0, 0.0, 0.20000000298023224, -0.4000000059604645]),
        // x.softmax(1): y = softmax1 on A; (y * W).sum().backward()
        ("softmax1", "A", [0.17654205858707428, 0.03225132077932358, 0.7912065982818604, 0.708216667175293, 0.21331074833869934, 0.07847264409065247], [-0.10548190772533417, -0.05474625527858734, 0.1602281928062439, 0.11600371450185776, -0.05038465932011604, -0.06561906635761261]),
        // x.softmax(0): y = softmax0 on A; (y * W).sum().backward()
        ("softmax0", "A", [0.2689414322376251, 0.18242551386356354, 0.9370266199111938, 0.7310585975646973, 0.8175744414329529, 0.06297335028648376], [-0.05898359417915344, -0.1491464525461197, 0.08851165324449539, 0.058983560651540756, 0.1491464376449585, -0.08851155638694763]),
        // x.log_softmax(1): y = logsoftmax1 on A; (y * W).sum().backward()
        ("logsoftmax1", "A", [-1.7341961860656738, -3.4341962337493896, -0.23419617116451263, -0.34500524401664734, -1.5450053215026855, -2.5450053215026855], [0.19407477974891663, -0.8193507790565491, 0.6252760291099548, 0.3167133629322052, 0.11467570811510086, -0.43138906359672546]),
        // 1 - x: y = rsub on A; (y * W).sum().backward()
        ("rsub", "A", [0.5, 2.200000047683716, -1.0, -0.5, 0.699999988079071, 1.7000000476837158], [-0.30000001192092896, 0.800000011920929, -1.100000023841858, -0.6000000238418579, -0.20000000298023224, 0.4000000059604645]),
        // 2 / x: y = rdiv on P; (y * W).sum().backward()
        ("rdiv", "P", [10.0, 2.857142925262451, 1.5384615659713745, 0.9523810148239136, 40.0, 0.6666666865348816], [-15.000000953674316, 3.265306234359741, -1.3017752170562744, -0.27210888266563416, -160.0, 0.08888889849185944]),
    ]

    @Test(arguments: unaryCases)
    func unaryValueAndGradient(name: String, input: String, values: [Double], gradient: [Double]) throws {
        let x = try Tensor(input == "P" ? Inputs.p : Inputs.a).requiringGrad()
        let y = try Self.unary(name)(x)
        expectValues(y, values)
        try (try y * Tensor(Inputs.w)).sum().backward()
        expectValues(x.grad, gradient)
    }

    @Test(arguments: unaryCases.map(\.0).filter { $0 != "sign" })
    func unaryGradientMatchesFiniteDifferences(name: String) throws {
        let input = ["log", "log1p", "log10", "log2", "sqrt", "pow0.5", "pow1.7", "rdiv"].contains(name) ? Inputs.p : Inputs.a
        try expectGradientMatchesFiniteDifferences(Self.unary(name), at: input)
    }

    static func binary(_ name: String) -> (Tensor, Tensor) throws -> Tensor {
        switch name {
        case "add": return { try $0 + $1 }
        case "sub": return { try $0 - $1 }
        case "mul": return { try $0 * $1 }
        case "div": return { try $0 / $1 }
        case "maximum": return { try Tensor.maximum($0, $1) }
        case "minimum": return { try Tensor.minimum($0, $1) }
        default: return { a, b in try Tensor.where(try Tensor.compare(a, .gt, b), a, b) }
        }
    }

    static let binaryCases: [(String, [Double], [Double], [Double])] = [
        // a + b; (y * W).sum().backward()
        ("add", [1.600000023841858, -0.8000000715255737, 1.7000000476837158, -0.5, 1.2000000476837158, 0.5999999642372131], [0.30000001192092896, -0.800000011920929, 1.100000023841858, 0.6000000238418579, 0.20000000298023224, -0.4000000059604645], [0.30000001192092896, -0.800000011920929, 1.100000023841858, 0.6000000238418579, 0.20000000298023224, -0.4000000059604645]),
        // a - b; (y * W).sum().backward()
        ("sub", [-0.6000000238418579, -1.600000023841858, 2.299999952316284, 3.5, -0.5999999642372131, -2.0], [0.30000001192092896, -0.800000011920929, 1.100000023841858, 0.6000000238418579, 0.20000000298023224, -0.4000000059604645], [-0.30000001192092896, 0.800000011920929, -1.100000023841858, -0.6000000238418579, -0.20000000298023224, 0.4000000059604645]),
        // a * b; (y * W).sum().backward()
        ("mul", [0.550000011920929, -0.48000001907348633, -0.6000000238418579, -3.0, 0.27000001072883606, -0.9099999666213989], [0.33000001311302185, -0.320000022649765, -0.33000001311302185, -1.2000000476837158, 0.17999999225139618, -0.5199999809265137], [0.15000000596046448, 0.9600000381469727, 2.200000047683716, 0.9000000357627869, 0.06000000238418579, 0.2800000011920929]),
        // a / b; (y * W).sum().backward()
        ("div", [0.45454543828964233, -3.0, -6.666666507720947, -0.75, 0.3333333432674408, -0.5384615659713745], [0.27272728085517883, -2.0, -3.6666665077209473, -0.30000001192092896, 0.222222238779068, -0.3076923191547394], [-0.12396693974733353, -6.0, -24.44444465637207, -0.22500000894069672, -0.07407408207654953, -0.16568049788475037]),
        // torch.maximum(a, b); (y * W).sum().backward()
        ("maximum", [1.100000023841858, 0.4000000059604645, 2.0, 1.5, 0.8999999761581421, 1.2999999523162842], [0.0, 0.0, 1.100000023841858, 0.6000000238418579, 0.0, 0.0], [0.30000001192092896, -0.800000011920929, 0.0, 0.0, 0.20000000298023224, -0.4000000059604645]),
        // torch.minimum(a, b); (y * W).sum().backward()
        ("minimum", [0.5, -1.2000000476837158, -0.30000001192092896, -2.0, 0.30000001192092896, -0.699999988079071], [0.30000001192092896, -0.800000011920929, 0.0, 0.0, 0.20000000298023224, -0.4000000059604645], [0.0, 0.0, 1.100000023841858, 0.6000000238418579, 0.0, 0.0]),
        // torch.where(a > b, a, b); (y * W).sum().backward()
        ("where", [1.100000023841858, 0.4000000059604645, 2.0, 1.5, 0.8999999761581421, 1.2999999523162842], [0.0, 0.0, 1.100000023841858, 0.6000000238418579, 0.0, 0.0], [0.30000001192092896, -0.800000011920929, 0.0, 0.0, 0.20000000298023224, -0.4000000059604645]),
    ]

    @Test(arguments: binaryCases)
    func binaryValueAndGradients(name: String, values: [Double], gradientA: [Double], gradientB: [Double]) throws {
        let a = try Tensor(Inputs.a).requiringGrad(), b = try Tensor(Inputs.b).requiringGrad()
        let y = try Self.binary(name)(a, b)
        expectValues(y, values)
        try (try y * Tensor(Inputs.w)).sum().backward()
        expectValues(a.grad, gradientA)
        expectValues(b.grad, gradientB)
    }

    @Test(arguments: binaryCases.map(\.0))
    func binaryGradientsMatchFiniteDifferences(name: String) throws {
        let b = try Tensor(Inputs.b), a = try Tensor(Inputs.a)
        try expectGradientMatchesFiniteDifferences({ try Self.binary(name)($0, b) }, at: Inputs.a)
        try expectGradientMatchesFiniteDifferences({ try Self.binary(name)(a, $0) }, at: Inputs.b)
    }

    /// PyTorch: a = tensor(A); r = tensor([0.5, -1.0, 2.0]); c = tensor([[2.0], [-3.0]]);
    /// y = a * r + c; (y * W).sum().backward()
    @Test func broadcastingSumsGradientsBackToEachShape() throws {
        let a = try Tensor(Inputs.a).requiringGrad()
        let r = try Tensor([0.5, -1.0, 2.0]).requiringGrad()
        let c = try Tensor([[2.0], [-3.0]]).requiringGrad()
        let y = try (try a * r) + c
        #expect(y.shape == [2, 3])
        expectValues(y, [2.25, 3.200000047683716, 6.0, -2.25, -3.299999952316284, -4.400000095367432])
        try (try y * Tensor(Inputs.w)).sum().backward()
        expectValues(a.grad, [0.15000000596046448, 0.800000011920929, 2.200000047683716, 0.30000001192092896, -0.20000000298023224, -0.800000011920929])
        expectValues(r.grad, [1.0500000715255737, 1.0199999809265137, 2.4800000190734863])
        expectValues(c.grad, [0.6000000238418579, 0.4000000059604645])
    }

    /// PyTorch: a = tensor(P); b = tensor(B); y = a ** b; (y * W).sum().backward()
    @Test func tensorPowerTensor() throws {
        let a = try Tensor(Inputs.p).requiringGrad(), b = try Tensor(Inputs.b).requiringGrad()
        let y = try Tensor.pow(a, b)
        expectValues(y, [0.1702679842710495, 0.8670401573181152, 0.9243085980415344, 0.22675739228725433, 0.06746415048837662, 4.171167373657227])
        try (try y * Tensor(Inputs.w)).sum().backward()
        expectValues(a.grad, [0.2809421718120575, -0.39636123180389404, -0.234632208943367, -0.1295756697654724, 0.24287092685699463, -0.7230023145675659])
        expectValues(b.grad, [-0.0822107270359993, 0.24740122258663177, 0.2667560577392578, 0.10094385594129562, -0.040420908480882645, -1.832998275756836])
    }

    @Test func incompatibleShapesNameBothSizes() {
        expectError("The size of tensor a (3) must match the size of tensor b (2) at non-singleton dimension 1", kind: .runtimeError) {
            _ = try Tensor(Inputs.a) + Tensor([1, 2])
        }
    }

    /// PyTorch: torch.tensor([7, -7, 7, -7]) // torch.tensor([2, 2, -2, -2]) and %
    @Test func floorDivisionAndRemainderFollowPython() throws {
        let a = try Tensor([7, -7, 7, -7], dtype: .int64), b = try Tensor([2, 2, -2, -2], dtype: .int64)
        expectValues(try Tensor.floorDivide(a, b), [3, -4, -4, 3])
        expectValues(try Tensor.remainder(a, b), [1, 1, -1, -1])
        #expect(try Tensor.floorDivide(a, b).dtype == .int64)
        #expect(try (a / b).dtype == .float32)
        expectError("ZeroDivisionError") { _ = try Tensor.floorDivide(a, try Tensor([0, 1, 1, 1], dtype: .int64)) }
    }

    @Test func dtypesPromoteLikePyTorch() throws {
        let ints = try Tensor([1, 2], dtype: .int64), floats = try Tensor([0.5, 0.5])
        #expect(try (ints + ints).dtype == .int64)
        #expect(try (ints + floats).dtype == .float32)
        #expect(try Tensor.compare(ints, .lt, floats).dtype == .bool)
        expectError("Subtraction, the `-` operator, with two bool tensors is not supported. Use the `^` or `logical_xor()` operator instead.") {
            let mask = try Tensor([1, 0], dtype: .bool)
            _ = try mask - mask
        }
    }
}
