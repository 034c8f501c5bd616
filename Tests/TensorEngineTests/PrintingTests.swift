import Testing
@testable import TensorEngine

/// Printed forms compared with what PyTorch 2.15 printed (`str(...)` of the expression in each comment).
@Suite struct PrintingTests {
    /// PyTorch: str(torch.tensor([[1.0, -0.5], [2.25, 3.0]]))
    @Test func floats() throws {
        #expect((try Tensor([[1.0, -0.5], [2.25, 3.0]])).description == #"""
            tensor([[ 1.0000, -0.5000],
                    [ 2.2500,  3.0000]])
            """#)
    }

    /// PyTorch: str(torch.tensor([1., 2., 300.]))
    @Test func integersAsFloat() throws {
        #expect((try Tensor([1, 2, 300])).description == #"""
            tensor([  1.,   2., 300.])
            """#)
    }

    /// PyTorch: str(torch.tensor([1e-5, 1.0]))
    @Test func scientificSmall() throws {
        #expect((try Tensor([1e-5, 1.0])).description == #"""
            tensor([1.0000e-05, 1.0000e+00])
            """#)
    }

    /// PyTorch: str(torch.tensor([1.0, 12345.0]))
    @Test func scientificWide() throws {
        #expect((try Tensor([1.0, 12345.0])).description == #"""
            tensor([1.0000e+00, 1.2345e+04])
            """#)
    }

    /// PyTorch: str(torch.tensor([1e9, 2.0]))
    @Test func bigInts() throws {
        #expect((try Tensor([1e9, 2.0])).description == #"""
            tensor([1.0000e+09, 2.0000e+00])
            """#)
    }

    /// PyTorch: str(torch.zeros(3))
    @Test func zeros() throws {
        #expect((try Tensor.zeros([3])).description == #"""
            tensor([0., 0., 0.])
            """#)
    }

    /// PyTorch: str(torch.tensor([-0.0, 1.5]))
    @Test func negZero() throws {
        #expect((try Tensor([-0.0, 1.5])).description == #"""
            tensor([-0.0000, 1.5000])
            """#)
    }

    /// PyTorch: str(torch.tensor([float('nan'), float('inf'), -1.5]))
    @Test func nanInf() throws {
        #expect((try Tensor([.nan, .infinity, -1.5])).description == #"""
            tensor([    nan,     inf, -1.5000])
            """#)
    }

    /// PyTorch: str(torch.tensor([float('nan'), 2.0]))
    @Test func nanIntMode() throws {
        #expect((try Tensor([.nan, 2.0])).description == #"""
            tensor([nan, 2.])
            """#)
    }

    /// PyTorch: str(torch.tensor(3.5))
    @Test func scalar() throws {
        #expect((Tensor(scalar: 3.5)).description == #"""
            tensor(3.5000)
            """#)
    }

    /// PyTorch: str(torch.tensor(7))
    @Test func scalarInt() throws {
        #expect((Tensor(scalar: 7, dtype: .int64)).description == #"""
            tensor(7)
            """#)
    }

    /// PyTorch: str(torch.tensor([[1, -20], [300, 4]]))
    @Test func ints() throws {
        #expect((try Tensor([[1, -20], [300, 4]], dtype: .int64)).description == #"""
            tensor([[  1, -20],
                    [300,   4]])
            """#)
    }

    /// PyTorch: str(torch.tensor([True, False, True]))
    @Test func bools() throws {
        #expect((try Tensor([1, 0, 1], dtype: .bool)).description == #"""
            tensor([ True, False,  True])
            """#)
    }

    /// PyTorch: str(torch.tensor([]))
    @Test func empty() throws {
        #expect((try Tensor([Float]())).description == #"""
            tensor([])
            """#)
    }

    /// PyTorch: str(torch.zeros(0, 3))
    @Test func empty2d() throws {
        #expect((try Tensor.zeros([0, 3])).description == #"""
            tensor([], size=(0, 3))
            """#)
    }

    /// PyTorch: str(torch.tensor([], dtype=torch.int64))
    @Test func emptyInt() throws {
        #expect((try Tensor([Float](), dtype: .int64)).description == #"""
            tensor([], dtype=torch.int64)
            """#)
    }

    /// PyTorch: str(torch.arange(30.) / 7)
    @Test func wrap() throws {
        #expect((try Tensor.arange(0, 30) / 7).description == #"""
            tensor([0.0000, 0.1429, 0.2857, 0.4286, 0.5714, 0.7143, 0.8571, 1.0000, 1.1429,
                    1.2857, 1.4286, 1.5714, 1.7143, 1.8571, 2.0000, 2.1429, 2.2857, 2.4286,
                    2.5714, 2.7143, 2.8571, 3.0000, 3.1429, 3.2857, 3.4286, 3.5714, 3.7143,
                    3.8571, 4.0000, 4.1429])
            """#)
    }

    /// PyTorch: str(torch.arange(40))
    @Test func wrapInts() throws {
        #expect((try Tensor.arange(0, 40, integral: true)).description == #"""
            tensor([ 0,  1,  2,  3,  4,  5,  6,  7,  8,  9, 10, 11, 12, 13, 14, 15, 16, 17,
                    18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35,
                    36, 37, 38, 39])
            """#)
    }

    /// PyTorch: str(torch.arange(12.).reshape(2, 2, 3))
    @Test func threeD() throws {
        #expect((try Tensor.arange(0, 12).reshaped([2, 2, 3])).description == #"""
            tensor([[[ 0.,  1.,  2.],
                     [ 3.,  4.,  5.]],

                    [[ 6.,  7.,  8.],
                     [ 9., 10., 11.]]])
            """#)
    }

    /// PyTorch: str(torch.arange(2000.))
    @Test func summary1d() throws {
        #expect((try Tensor.arange(0, 2000)).description == #"""
            tensor([0.0000e+00, 1.0000e+00, 2.0000e+00,  ..., 1.9970e+03, 1.9980e+03,
                    1.9990e+03])
            """#)
    }

    /// PyTorch: str(torch.arange(3000.).reshape(100, 30) / 3)
    @Test func summary2d() throws {
        #expect((try Tensor.arange(0, 3000).reshaped([100, 30]) / 3).description == #"""
            tensor([[0.0000e+00, 3.3333e-01, 6.6667e-01,  ..., 9.0000e+00, 9.3333e+00,
                     9.6667e+00],
                    [1.0000e+01, 1.0333e+01, 1.0667e+01,  ..., 1.9000e+01, 1.9333e+01,
                     1.9667e+01],
                    [2.0000e+01, 2.0333e+01, 2.0667e+01,  ..., 2.9000e+01, 2.9333e+01,
                     2.9667e+01],
                    ...,
                    [9.7000e+02, 9.7033e+02, 9.7067e+02,  ..., 9.7900e+02, 9.7933e+02,
                     9.7967e+02],
                    [9.8000e+02, 9.8033e+02, 9.8067e+02,  ..., 9.8900e+02, 9.8933e+02,
                     9.8967e+02],
                    [9.9000e+02, 9.9033e+02, 9.9067e+02,  ..., 9.9900e+02, 9.9933e+02,
                     9.9967e+02]])
            """#)
    }

    /// PyTorch: str(torch.arange(2400).reshape(8, 10, 30))
    @Test func summary3d() throws {
        #expect((try Tensor.arange(0, 2400, integral: true).reshaped([8, 10, 30])).description == #"""
            tensor([[[   0,    1,    2,  ...,   27,   28,   29],
                     [  30,   31,   32,  ...,   57,   58,   59],
                     [  60,   61,   62,  ...,   87,   88,   89],
                     ...,
                     [ 210,  211,  212,  ...,  237,  238,  239],
                     [ 240,  241,  242,  ...,  267,  268,  269],
                     [ 270,  271,  272,  ...,  297,  298,  299]],

                    [[ 300,  301,  302,  ...,  327,  328,  329],
                     [ 330,  331,  332,  ...,  357,  358,  359],
                     [ 360,  361,  362,  ...,  387,  388,  389],
                     ...,
                     [ 510,  511,  512,  ...,  537,  538,  539],
                     [ 540,  541,  542,  ...,  567,  568,  569],
                     [ 570,  571,  572,  ...,  597,  598,  599]],

                    [[ 600,  601,  602,  ...,  627,  628,  629],
                     [ 630,  631,  632,  ...,  657,  658,  659],
                     [ 660,  661,  662,  ...,  687,  688,  689],
                     ...,
                     [ 810,  811,  812,  ...,  837,  838,  839],
                     [ 840,  841,  842,  ...,  867,  868,  869],
                     [ 870,  871,  872,  ...,  897,  898,  899]],

                    ...,

                    [[1500, 1501, 1502,  ..., 1527, 1528, 1529],
                     [1530, 1531, 1532,  ..., 1557, 1558, 1559],
                     [1560, 1561, 1562,  ..., 1587, 1588, 1589],
                     ...,
                     [1710, 1711, 1712,  ..., 1737, 1738, 1739],
                     [1740, 1741, 1742,  ..., 1767, 1768, 1769],
                     [1770, 1771, 1772,  ..., 1797, 1798, 1799]],

                    [[1800, 1801, 1802,  ..., 1827, 1828, 1829],
                     [1830, 1831, 1832,  ..., 1857, 1858, 1859],
                     [1860, 1861, 1862,  ..., 1887, 1888, 1889],
                     ...,
                     [2010, 2011, 2012,  ..., 2037, 2038, 2039],
                     [2040, 2041, 2042,  ..., 2067, 2068, 2069],
                     [2070, 2071, 2072,  ..., 2097, 2098, 2099]],

                    [[2100, 2101, 2102,  ..., 2127, 2128, 2129],
                     [2130, 2131, 2132,  ..., 2157, 2158, 2159],
                     [2160, 2161, 2162,  ..., 2187, 2188, 2189],
                     ...,
                     [2310, 2311, 2312,  ..., 2337, 2338, 2339],
                     [2340, 2341, 2342,  ..., 2367, 2368, 2369],
                     [2370, 2371, 2372,  ..., 2397, 2398, 2399]]])
            """#)
    }

    /// PyTorch: str(torch.tensor([1., 2.], requires_grad=True))
    @Test func requiresGrad() throws {
        #expect((try Tensor([1, 2]).requiringGrad()).description == #"""
            tensor([1., 2.], requires_grad=True)
            """#)
    }

    /// PyTorch: str(torch.tensor([1., 2.], requires_grad=True) * 2)
    @Test func gradFn() throws {
        #expect((try Tensor([1, 2]).requiringGrad() * 2).description == #"""
            tensor([2., 4.], grad_fn=<MulBackward0>)
            """#)
    }

    /// PyTorch: str(torch.arange(16., requires_grad=True) * 1.5)
    @Test func gradFnWrap() throws {
        #expect((try Tensor.arange(0, 16).requiringGrad() * 1.5).description == #"""
            tensor([ 0.0000,  1.5000,  3.0000,  4.5000,  6.0000,  7.5000,  9.0000, 10.5000,
                    12.0000, 13.5000, 15.0000, 16.5000, 18.0000, 19.5000, 21.0000, 22.5000],
                   grad_fn=<MulBackward0>)
            """#)
    }

    /// PyTorch: str(torch.tensor([123456.7, 0.001]))
    @Test func longLine() throws {
        #expect((try Tensor([123456.7, 0.001])).description == #"""
            tensor([1.2346e+05, 1.0000e-03])
            """#)
    }

    /// PyTorch: str(torch.tensor([0.12345, 1.00005, 2.99995]))
    @Test func precise() throws {
        #expect((try Tensor([0.12345, 1.00005, 2.99995])).description == #"""
            tensor([0.1235, 1.0000, 2.9999])
            """#)
    }

    /// Python: repr(x) for doubles and widened float32 values.
    @Test(arguments: [
        (0.1, "0.1"), (1e-05, "1e-05"), (0.0001, "0.0001"), (1e16, "1e+16"), (1e15, "1000000000000000.0"),
        (123456789.0, "123456789.0"), (-0.0, "-0.0"), (2.5, "2.5"), (1.0 / 3.0, "0.3333333333333333"),
        (Double(Float(0.1)), "0.10000000149011612"), (Double(Float(-1.2)), "-1.2000000476837158"),
        (1.5e-10, "1.5e-10"), (6.02e23, "6.02e+23"), (Double.infinity, "inf"), (Double.nan, "nan"), (100.0, "100.0"),
    ])
    func pythonRepr(value: Double, expected: String) {
        #expect(PythonFloat.repr(value) == expected)
    }
}
