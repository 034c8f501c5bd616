import Testing
import TensorEngine
@testable import Regularization

/// torchvision 0.29 values (/tmp/torchenv), rounded there to 6 decimals, e.g.
/// `img = (torch.arange(25.)/25).reshape(1,5,5); TF.rotate(img, 30).flatten().tolist()`.
struct ImageTransformTests {
    let rgb = try! Tensor([0.1, 0.5, 0.9, 0.3, 0.2, 0.4, 0.6, 0.8, 0.7, 0.0, 1.0, 0.25], shape: [3, 2, 2])

    @Test func flipsAndRotations() throws {
        let img = try ramp(5, 5)
        expectValues(try ImageFunctional.hflip(img), [0.16, 0.12, 0.08, 0.04, 0.0, 0.36, 0.32, 0.28, 0.24, 0.2, 0.56, 0.52, 0.48, 0.44, 0.4, 0.76, 0.72, 0.68, 0.64, 0.6, 0.96, 0.92, 0.88, 0.84, 0.8])
        expectValues(try ImageFunctional.rotate(img, angle: 30), [0.0, 0.08, 0.12, 0.36, 0.0, 0.04, 0.28, 0.28, 0.52, 0.56, 0.2, 0.44, 0.48, 0.52, 0.76, 0.4, 0.44, 0.68, 0.68, 0.92, 0.0, 0.6, 0.84, 0.88, 0.0])
        expectValues(try ImageFunctional.rotate(img, angle: 30, interpolation: .bilinear), [0.01359, 0.065551, 0.17359, 0.308231, 0.110821, 0.057513, 0.192154, 0.326795, 0.461436, 0.450629, 0.210718, 0.345359, 0.48, 0.614641, 0.749282, 0.286603, 0.498564, 0.633205, 0.767846, 0.902487, 0.14641, 0.651769, 0.78641, 0.67168, 0.243642], tolerance: 2e-6)
        expectValues(try ImageFunctional.rotate(img, angle: 30, fill: [0.5]), [0.5, 0.08, 0.12, 0.36, 0.5, 0.04, 0.28, 0.28, 0.52, 0.56, 0.2, 0.44, 0.48, 0.52, 0.76, 0.4, 0.44, 0.68, 0.68, 0.92, 0.5, 0.6, 0.84, 0.88, 0.5])
        expectValues(try ImageFunctional.rotate(img, angle: 30, interpolation: .bilinear, fill: [0.5]), [0.369667, 0.166366, 0.17359, 0.308231, 0.39572, 0.057513, 0.192154, 0.326795, 0.461436, 0.462085, 0.210718, 0.345359, 0.48, 0.614641, 0.749282, 0.336122, 0.498564, 0.633205, 0.767846, 0.902487, 0.405256, 0.651769, 0.78641, 0.631841, 0.431309], tolerance: 2e-6)
        expectValues(try ImageFunctional.rotate(img, angle: 90), [0.16, 0.36, 0.56, 0.76, 0.96, 0.12, 0.32, 0.52, 0.72, 0.92, 0.08, 0.28, 0.48, 0.68, 0.88, 0.04, 0.24, 0.44, 0.64, 0.84, 0.0, 0.2, 0.4, 0.6, 0.8])
        expectValues(try ImageFunctional.rotate(try ramp(4, 4), angle: 45), [0.0, 0.125, 0.4375, 0.0, 0.0625, 0.375, 0.625, 0.6875, 0.25, 0.5625, 0.625, 0.875, 0.0, 0.5, 0.8125, 0.0])
    }

    @Test func cropsAndPads() throws {
        let img = try ramp(5, 5), img4 = try ramp(4, 4)
        expectValues(try ImageFunctional.centerCrop(img, height: 3, width: 3), [0.24, 0.28, 0.32, 0.44, 0.48, 0.52, 0.64, 0.68, 0.72])
        expectValues(try ImageFunctional.centerCrop(img4, height: 2, width: 3), [0.25, 0.3125, 0.375, 0.5, 0.5625, 0.625])
        expectValues(try ImageFunctional.centerCrop(img, height: 7, width: 6), [0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.04, 0.08, 0.12, 0.16, 0.0, 0.2, 0.24, 0.28, 0.32, 0.36, 0.0, 0.4, 0.44, 0.48, 0.52, 0.56, 0.0, 0.6, 0.64, 0.68, 0.72, 0.76, 0.0, 0.8, 0.84, 0.88, 0.92, 0.96, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0])
        expectValues(try ImageFunctional.pad(img4, left: 1, top: 2, right: 1, bottom: 2, mode: .edge), [0.0, 0.0, 0.0625, 0.125, 0.1875, 0.1875, 0.0, 0.0, 0.0625, 0.125, 0.1875, 0.1875, 0.0, 0.0, 0.0625, 0.125, 0.1875, 0.1875, 0.25, 0.25, 0.3125, 0.375, 0.4375, 0.4375, 0.5, 0.5, 0.5625, 0.625, 0.6875, 0.6875, 0.75, 0.75, 0.8125, 0.875, 0.9375, 0.9375, 0.75, 0.75, 0.8125, 0.875, 0.9375, 0.9375, 0.75, 0.75, 0.8125, 0.875, 0.9375, 0.9375])
        expectValues(try ImageFunctional.pad(img4, left: 2, top: 1, right: 1, bottom: 0, mode: .reflect), [0.375, 0.3125, 0.25, 0.3125, 0.375, 0.4375, 0.375, 0.125, 0.0625, 0.0, 0.0625, 0.125, 0.1875, 0.125, 0.375, 0.3125, 0.25, 0.3125, 0.375, 0.4375, 0.375, 0.625, 0.5625, 0.5, 0.5625, 0.625, 0.6875, 0.625, 0.875, 0.8125, 0.75, 0.8125, 0.875, 0.9375, 0.875])
        expectValues(try ImageFunctional.pad(img4, left: 2, top: 2, right: 2, bottom: 2, mode: .symmetric), [0.3125, 0.25, 0.25, 0.3125, 0.375, 0.4375, 0.4375, 0.375, 0.0625, 0.0, 0.0, 0.0625, 0.125, 0.1875, 0.1875, 0.125, 0.0625, 0.0, 0.0, 0.0625, 0.125, 0.1875, 0.1875, 0.125, 0.3125, 0.25, 0.25, 0.3125, 0.375, 0.4375, 0.4375, 0.375, 0.5625, 0.5, 0.5, 0.5625, 0.625, 0.6875, 0.6875, 0.625, 0.8125, 0.75, 0.75, 0.8125, 0.875, 0.9375, 0.9375, 0.875, 0.8125, 0.75, 0.75, 0.8125, 0.875, 0.9375, 0.9375, 0.875, 0.5625, 0.5, 0.5, 0.5625, 0.625, 0.6875, 0.6875, 0.625])
        expectValues(try ImageFunctional.pad(img4, left: 1, top: 1, right: 1, bottom: 1, fill: 0.5), [0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.0, 0.0625, 0.125, 0.1875, 0.5, 0.5, 0.25, 0.3125, 0.375, 0.4375, 0.5, 0.5, 0.5, 0.5625, 0.625, 0.6875, 0.5, 0.5, 0.75, 0.8125, 0.875, 0.9375, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5])
        expectValues(try ImageFunctional.erase(img4, top: 1, left: 1, height: 2, width: 2, value: try Tensor([0])), [0.0, 0.0625, 0.125, 0.1875, 0.25, 0.0, 0.0, 0.4375, 0.5, 0.0, 0.0, 0.6875, 0.75, 0.8125, 0.875, 0.9375])
    }

    @Test func resizing() throws {
        expectValues(try ImageFunctional.resize(try ramp(5, 5), height: 3, width: 3), [0.102857, 0.165714, 0.228571, 0.417143, 0.48, 0.542857, 0.731429, 0.794286, 0.857143], tolerance: 2e-6)
        expectValues(try ImageFunctional.resize(try ramp(4, 4), height: 6, width: 8), [0.0, 0.015625, 0.046875, 0.078125, 0.109375, 0.140625, 0.171875, 0.1875, 0.125, 0.140625, 0.171875, 0.203125, 0.234375, 0.265625, 0.296875, 0.3125, 0.291667, 0.307292, 0.338542, 0.369792, 0.401042, 0.432292, 0.463542, 0.479167, 0.458333, 0.473958, 0.505208, 0.536458, 0.567708, 0.598958, 0.630208, 0.645833, 0.625, 0.640625, 0.671875, 0.703125, 0.734375, 0.765625, 0.796875, 0.8125, 0.75, 0.765625, 0.796875, 0.828125, 0.859375, 0.890625, 0.921875, 0.9375], tolerance: 2e-6)
        expectValues(try ImageFunctional.resize(try ramp(5, 5), height: 3, width: 4, interpolation: .nearest), [0.0, 0.04, 0.08, 0.12, 0.2, 0.24, 0.28, 0.32, 0.6, 0.64, 0.68, 0.72])
        // TF.resize(torch.zeros(1, 4, 6), 3).shape == (1, 3, 4)
        #expect(try ImageFunctional.resizedSize(height: 4, width: 6, shorterEdge: 3) == (3, 4))
    }

    @Test func colourAdjustments() throws {
        expectValues(try ImageFunctional.adjustBrightness(rgb, factor: 1.5), [0.15, 0.75, 1.0, 0.45, 0.3, 0.6, 0.9, 1.0, 1.0, 0.0, 1.0, 0.375])
        expectValues(try ImageFunctional.adjustContrast(rgb, factor: 0.5), [0.29179, 0.49179, 0.69179, 0.39179, 0.34179, 0.44179, 0.54179, 0.64179, 0.59179, 0.24179, 0.74179, 0.36679])
        expectValues(try ImageFunctional.adjustContrast(try ramp(4, 4), factor: 1.7), [0.0, 0.0, 0.0, 0.0, 0.096875, 0.203125, 0.309375, 0.415625, 0.521875, 0.628125, 0.734375, 0.840625, 0.946875, 1.0, 1.0, 1.0])
        expectValues(try ImageFunctional.adjustSaturation(rgb, factor: 0.3), [0.188963, 0.418975, 0.784647, 0.501439, 0.218963, 0.388975, 0.694647, 0.651439, 0.368963, 0.268975, 0.814647, 0.486439])
        expectValues(try ImageFunctional.grayscale(rgb), [0.22709, 0.38425, 0.73521, 0.58777])
        expectValues(try ImageFunctional.normalize(rgb, mean: [0.5, 0.4, 0.3], std: [0.2, 0.25, 0.5]), [-2.0, 0.0, 2.0, -1.0, -0.8, 0.0, 0.8, 1.6, 0.8, -0.6, 1.4, -0.1])
        #expect(throws: TensorError.self) { try ImageFunctional.normalize(rgb, mean: [0.5], std: [0]) }
    }

    @Test func seededRandomTransformsMatchTorchvision() throws {
        let img = try ramp(5, 5), img8 = try ramp(8, 8)
        // torch.manual_seed(0); T.RandomCrop(3, padding=1)(img)
        expectValues(try RandomCrop(height: 3, width: 3, padding: try Padding([1])).apply(img, generator: RandomGenerator(seed: 0), trace: nil),
                     [0.72, 0.76, 0.0, 0.92, 0.96, 0.0, 0.0, 0.0, 0.0])
        // torch.manual_seed(1); T.RandomResizedCrop(4)(img8)
        expectValues(try RandomResizedCrop(height: 4, width: 4).apply(img8, generator: RandomGenerator(seed: 1), trace: nil),
                     [0.09747, 0.121786, 0.150536, 0.174851, 0.320684, 0.345, 0.37375, 0.398065, 0.570684, 0.595, 0.62375, 0.648065, 0.793899, 0.818214, 0.846964, 0.87128], tolerance: 2e-6)
        // torch.manual_seed(3); T.RandomResizedCrop.get_params(img8, [0.08, 1.0], [3/4, 4/3]) == (1, 4, 3, 2)
        let window = try RandomResizedCrop(height: 4, width: 4).window(height: 8, width: 8, generator: RandomGenerator(seed: 3), trace: nil)
        #expect(window == (1, 4, 3, 2))
        // torch.manual_seed(0); T.RandomRotation(30)(img): the angle drawn is small, nothing moves.
        expectValues(try RandomRotation(low: -30, high: 30).apply(img, generator: RandomGenerator(seed: 0), trace: nil), img.elements.map(Double.init))
        // torch.manual_seed(0); T.ColorJitter(0.5, 0.5, 0.5)(rgb)
        let jitter = ColorJitter(brightness: try ColorJitter.range(0.5, name: "brightness"), contrast: try ColorJitter.range(0.5, name: "contrast"),
                                 saturation: try ColorJitter.range(0.5, name: "saturation"))
        expectValues(try jitter.apply(rgb, generator: RandomGenerator(seed: 0), trace: nil), [0.101195, 0.321937, 0.529419, 0.192264, 0.159069, 0.264064, 0.355798, 0.481634, 0.448438, 0.032568, 0.587293, 0.163327], tolerance: 2e-6)
        // torch.manual_seed(0); T.RandomErasing(p=1.0)(img8): rows 2-3, columns 1-7 erased.
        var erased = img8.elements.map(Double.init)
        for y in 2...3 { for x in 1...7 { erased[y * 8 + x] = 0 } }
        expectValues(try RandomErasing(p: 1).apply(img8, generator: RandomGenerator(seed: 0), trace: nil), erased)
        // torch.manual_seed(2); T.RandomErasing(p=1.0, value='random')(img8)
        let random = try RandomErasing(p: 1, value: nil).apply(img8, generator: RandomGenerator(seed: 2), trace: nil)
        expectValues(random, [0.0, 0.015625, 0.03125, 0.046875, 0.0625, 0.078125, 0.09375, 0.109375, 0.125, 0.140625, 0.15625, 0.171875, 0.1875, 0.203125, 0.21875, 0.234375, 0.25, 0.265625, 0.28125, 0.296875, 0.3125, 0.328125, 0.34375, 0.359375, 0.375, 0.390625, 0.40625, 0.421875, 0.4375, 0.453125, 0.46875, 0.484375, 0.5, 0.515625, 0.53125, 0.546875, 0.5625, 0.578125, 0.59375, 0.609375, 0.625, 0.698472, -2.365886, 0.112217, 0.6875, 0.703125, 0.71875, 0.734375, 0.75, -1.102126, -0.078923, 0.790793, 0.8125, 0.828125, 0.84375, 0.859375, 0.875, -0.775949, -1.201136, 0.923079, 0.9375, 0.953125, 0.96875, 0.984375], tolerance: 2e-6)
        // torch.manual_seed(0); [T.RandomHorizontalFlip()(img4)[0,0,0].item() for _ in range(6)]
        let generator = RandomGenerator(seed: 0)
        let corners = try (0..<6).map { _ in try RandomFlip(vertical: false).apply(try ramp(4, 4), generator: generator, trace: nil).elements[0] }
        #expect(corners == [0.1875, 0.0, 0.1875, 0.1875, 0.1875, 0.0])
        // torch.manual_seed(0); T2.GaussianNoise()(img4)
        expectValues(try GaussianNoiseTransform().apply(try ramp(4, 4), generator: RandomGenerator(seed: 0), trace: nil), [0.0, 0.0, 0.099942, 0.144112, 0.334871, 0.381701, 0.343399, 0.225978, 0.532228, 0.436167, 0.659998, 0.718313, 0.761984, 0.936266, 0.986678, 0.912772], tolerance: 2e-6)
    }

    @Test func composeRunsInOrderAndPrintsLikeTorchvision() throws {
        // torch.manual_seed(0); T.Compose([T.RandomHorizontalFlip(), T.RandomCrop(4, padding=2), T.Normalize([0.5], [0.5])])(img8)
        let pipeline = Compose([RandomFlip(vertical: false), RandomCrop(height: 4, width: 4, padding: try Padding([2])), Normalize(mean: [0.5], std: [0.5])])
        expectValues(try pipeline.apply(try ramp(8, 8), generator: RandomGenerator(seed: 0), trace: nil), [-1.0, -1.0, -1.0, -1.0, -1.0, -1.0, -1.0, -1.0, -0.78125, -0.8125, -0.84375, -0.875, -0.53125, -0.5625, -0.59375, -0.625])
        #expect(pipeline.description == "Compose(\n    RandomHorizontalFlip(p=0.5)\n    RandomCrop(size=(4, 4), padding=2)\n    Normalize(mean=[0.5], std=[0.5])\n)")
        #expect(try RandomResizedCrop(height: 8, width: 8).description == "RandomResizedCrop(size=(8, 8), scale=(0.08, 1.0), ratio=(0.75, 1.3333), interpolation=bilinear, antialias=True)")
        #expect(ColorJitter(brightness: try ColorJitter.range(0.2, name: "b"), contrast: nil, saturation: nil).description == "ColorJitter(brightness=(0.8, 1.2), contrast=None, saturation=None, hue=None)")
    }
}
