import Testing
@testable import TensorEngine

/// Matrix products against PyTorch 2.15, plus finite-difference checks.
@Suite struct MatmulTests {
    static let m: [[Float]] = [[1.0, -2.0], [0.5, 0.25], [3.0, -1.0]]

    /// PyTorch: y = A @ M; (y * [[1, 2], [3, 4]]).sum().backward()
    @Test func matrixTimesMatrix() throws {
        let a = try Tensor(Inputs.a).requiringGrad(), m = try Tensor(Self.m).requiringGrad()
        let y = try a.matmul(m)
        #expect(y.shape == [2, 2])
        #expect(y.gradNode?.name == "MmBackward0")
        expectValues(y, [5.900000095367432, -3.299999952316284, -0.44999992847442627, -2.2249999046325684])
        try (try y * Tensor([[1, 2], [3, 4]])).sum().backward()
        expectValues(a.grad, [-3.0, 1.0, 1.0, -5.0, 2.5, 5.0])
        expectValues(m.grad, [5.0, 7.0, -0.30000001192092896, -1.2000000476837158, -0.09999990463256836, 1.2000000476837158])
        try expectGradientMatchesFiniteDifferences({ try $0.matmul(try Tensor(Self.m)) }, at: Inputs.a, weights: [[1, 2], [3, 4]])
        try expectGradientMatchesFiniteDifferences({ try Tensor(Inputs.a).matmul($0) }, at: Self.m, weights: [[1, 2], [3, 4]])
    }

    /// PyTorch: y = A @ tensor([0.2, -0.5, 1.0]); (y * [1, -2]).sum().backward()
    @Test func matrixTimesVector() throws {
        let a = try Tensor(Inputs.a).requiringGrad(), v = try Tensor([0.2, -0.5, 1.0]).requiringGrad()
        let y = try a.matmul(v)
        #expect(y.shape == [2])
        expectValues(y, [2.700000047683716, -0.5499999523162842])
        try (try y * Tensor([1, -2])).sum().backward()
        expectValues(a.grad, [0.20000000298023224, -0.5, 1.0, -0.4000000059604645, 1.0, -2.0])
        expectValues(v.grad, [-2.5, -1.8000000715255737, 3.4000000953674316])
    }

    /// PyTorch: y = tensor([1., 2., 3.]) @ tensor([0.2, -0.5, 1.0]); y.backward()
    @Test func dotProduct() throws {
        let u = try Tensor([1, 2, 3]).requiringGrad(), v = try Tensor([0.2, -0.5, 1.0]).requiringGrad()
        let y = try u.matmul(v)
        #expect(y.shape == [])
        expectValues(y, [2.200000047683716])
        try y.backward()
        expectValues(u.grad, [0.20000000298023224, -0.5, 1.0])
        expectValues(v.grad, [1.0, 2.0, 3.0])
    }

    /// PyTorch: manual_seed(0); p = randn(2, 2, 3); q = randn(2, 3, 4); y = p @ q;
    /// (y * arange(16.).reshape(2, 2, 4)).sum().backward()
    @Test func batchedProduct() throws {
        let p = try Tensor([1.5409960746765137, -0.293428897857666, -2.1787893772125244, 0.5684312582015991, -1.0845223665237427, -1.3985954523086548, 0.40334683656692505, 0.8380263447761536, -0.7192575931549072, -0.40334352850914, -0.5966353416442871, 0.18203648924827576], shape: [2, 2, 3]).requiringGrad()
        let q = try Tensor([0.46809640526771545, -0.1577124446630478, 1.4436601400375366, 0.26604941487312317, 0.16645534336566925, 0.8743818402290344, -0.14347384870052338, -0.1116093322634697, -0.6730899214744568, 0.8728312253952026, 1.0553574562072754, 0.17784371972084045, -0.23033547401428223, -0.3917543888092041, 0.5432947278022766, -0.3951575458049774, -0.4462171792984009, 0.7440207004547119, 1.5209795236587524, 3.4105026721954346, -1.5311843156814575, -1.2341350317001343, 1.8197252750396729, -0.5515286922454834], shape: [2, 3, 4]).requiringGrad()
        let y = try p.matmul(q)
        #expect(y.shape == [2, 2, 4])
        #expect(y.gradNode?.name == "UnsafeViewBackward0")
        expectValues(y, [2.1390130519866943, -2.4013185501098633, -0.03262734413146973, 0.055246502161026, 1.0269365310668945, -2.2586731910705566, -0.4997960329055786, 0.02354218065738678, 0.6344691514968872, 1.3531570434570312, 0.18490588665008545, 3.0953969955444336, 0.08040186762809753, -0.5105550289154053, -0.7953481674194336, -1.9758405685424805])
        try (try y * Tensor.arange(0, 16).reshaped([2, 2, 4])).sum().backward()
        expectValues(p.grad, [3.5277562141418457, 0.25260618329048157, 3.5170774459838867, 11.608129501342773, 3.3956222534179688, 9.248847961425781, -4.282258987426758, 55.85177230834961, -11.226252555847168, -6.178069591522217, 76.76891326904297, -17.214744567871094])
        expectValues(q.grad, [2.2737250328063965, 4.383152484893799, 6.492579460144043, 8.602006912231445, -4.338089466094971, -5.71604061126709, -7.093992233276367, -8.471942901611328, -5.594381809234619, -9.17176628112793, -12.749151229858398, -16.326536178588867, -1.6133475303649902, -1.613344430923462, -1.6133413314819336, -1.613337516784668, -0.4554133415222168, -0.21402215957641602, 0.027368545532226562, 0.26875972747802734, -3.5696229934692383, -4.106843948364258, -4.644064903259277, -5.181286334991455])
    }

    /// A product large enough for the second thread (197·233·151 multiply-adds): integer entries
    /// make every exact sum representable, so each element is checked against integer arithmetic;
    /// random entries give the same bits with one thread and with two.
    @Test func largeProductIsTheSameOnOneThreadAndTwo() throws {
        let (m, k, n) = (197, 233, 151)
        let a = (0..<m * k).map { Float(($0 / k + $0 % k) % 7 - 3) }, b = (0..<k * n).map { Float(($0 / n * ($0 % n)) % 5 - 2) }
        let before = KernelThreads.requested
        defer { KernelThreads.requested = before }
        var results: [[Float]] = []
        for threads in [1, 2] {
            KernelThreads.requested = threads
            #expect(KernelThreads.count == threads)
            results.append(try Tensor(a, shape: [m, k]).matmul(try Tensor(b, shape: [k, n])).elements)
        }
        for (i, j) in [(0, 0), (98, 75), (99, 150), (196, 150), (150, 3)] {
            let exact = (0..<k).reduce(0) { $0 + Int(a[i * k + $1]) * Int(b[$1 * n + j]) }
            #expect(results[0][i * n + j] == Float(exact))
        }
        #expect(results[0] == results[1])
        let generator = RandomGenerator(seed: 0)
        let x = try Tensor.randn([m, k], generator: generator), y = try Tensor.randn([k, n], generator: generator)
        KernelThreads.requested = 1
        let one = try x.matmul(y).elements
        KernelThreads.requested = 2
        #expect(try x.matmul(y).elements == one)
    }

    @Test func batchBroadcastsAgainstAMatrix() throws {
        let batch = try Tensor.arange(0, 12).reshaped([2, 2, 3])
        let y = try batch.matmul(try Tensor(Self.m))
        #expect(y.shape == [2, 2, 2])
        let second = try batch.index([.single(1)]).matmul(try Tensor(Self.m))
        expectValues(try y.index([.single(1)]), second.elements.map(Double.init))
    }

    /// PyTorch: F.linear(A, W, b) with W = [[0.1, 0.2, 0.3], [-0.4, 0.5, -0.6]], b = [0.01, -0.02];
    /// (y * [[1, 2], [3, 4]]).sum().backward()
    @Test func linearLayerMath() throws {
        let x = try Tensor(Inputs.a).requiringGrad()
        let w = try Tensor([[0.1, 0.2, 0.3], [-0.4, 0.5, -0.6]]).requiringGrad()
        let b = try Tensor([0.01, -0.02]).requiringGrad()
        let y = try Tensor.linear(x, weight: w, bias: b)
        #expect(y.gradNode?.name == "AddmmBackward0")
        expectValues(y, [0.42000001668930054, -2.0199999809265137, 0.009999999776482582, -0.05000000074505806])
        try (try y * Tensor([[1, 2], [3, 4]])).sum().backward()
        expectValues(x.grad, [-0.699999988079071, 1.2000000476837158, -0.9000000357627869, -1.2999999523162842, 2.5999999046325684, -1.5])
        expectValues(w.grad, [5.0, -0.30000001192092896, -0.09999990463256836, 7.0, -1.2000000476837158, 1.2000000476837158])
        expectValues(b.grad, [4.0, 6.0])
    }

    @Test func shapeErrorsUsePyTorchsWords() {
        expectError("mm: mat1 and mat2 shapes cannot be multiplied (4x3 and 2x5)") {
            _ = try Tensor.ones([4, 3]).matmul(try Tensor.ones([2, 5]))
        }
        expectError("size mismatch, got input (4), mat (4x3), vec (2)") {
            _ = try Tensor.ones([4, 3]).matmul(try Tensor.ones([2]))
        }
        expectError("inconsistent tensor size, expected tensor [2] and src [3] to have the same number of elements, but got 2 and 3 elements respectively") {
            _ = try Tensor.ones([2]).matmul(try Tensor.ones([3]))
        }
        expectError("mm: mat1 and mat2 shapes cannot be multiplied (1x3 and 4x5)") {
            _ = try Tensor.ones([3]).matmul(try Tensor.ones([4, 5]))
        }
        expectError("Expected size for first two dimensions of batch2 tensor to be: [2, 4] but got: [2, 5].") {
            _ = try Tensor.ones([2, 3, 4]).matmul(try Tensor.ones([2, 5, 6]))
        }
        expectError("The size of tensor a (2) must match the size of tensor b (3) at non-singleton dimension 0") {
            _ = try Tensor.ones([2, 3, 4]).matmul(try Tensor.ones([3, 4, 5]))
        }
        expectError("addmm: mat1 and mat2 shapes cannot be multiplied (4x5 and 3x2)") {
            _ = try Tensor.linear(try Tensor.ones([4, 5]), weight: try Tensor.ones([2, 3]), bias: try Tensor.ones([2]))
        }
    }
}
