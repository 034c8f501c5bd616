import Foundation
import NeuralNet
import Python
import TensorEngine

/// `torchvision.datasets`: `FakeData` (torchvision's seeded random images), `Glyphs` (regtutor's
/// glyph images as a data set), and `ImageFolder` and friends as a clear error; plus the
/// DataLoader over any map-style data set (`len(ds)` and `ds[i]`, a student's own class too).
extension Bindings {
    static func visionDatasets() -> [Builtin] {
        func dataset(_ signature: String, doc: String, example: String, _ make: @escaping (BoundArguments, Interpreter) throws -> Value) -> Builtin {
            Builtin("vision.datasets", signature, kind: .type, doc: doc, example: example, make)
        }
        var entries = [
            dataset("FakeData(size=1000, image_size=(3, 224, 224), num_classes=10, transform=None, target_transform=None, random_offset=0)",
                    doc: "Random images as torchvision makes them: image i comes from torch.manual_seed(i + random_offset) — randn(image_size) turned into 8-bit pixels — with a random class label, so the same index always gives the same image. Items are (image, label); the image is the tensor in [0, 1] that ToTensor() makes of torchvision's picture. The global generator is left as it was.",
                    example: "ds = datasets.FakeData(size=100, image_size=(1, 28, 28), transform=transforms.ToTensor())\nimg, label = ds[0]") { a, _ in
                let shape = try a.size("image_size")
                let size = try a.int("size"), classes = try a.int("num_classes")
                guard size >= 0, classes > 0 else { throw PythonError(.valueError, "FakeData needs size >= 0 and num_classes > 0") }
                // torchvision checks only index < size: -1 is image "−1" (its own seed), not the last one.
                return .object(MapDatasetObject(name: "FakeData", count: size, negativeIndices: .seeded, transform: a["transform"], targetTransform: a["target_transform"]) { index in
                    let generator = RandomGenerator(seed: UInt64(truncatingIfNeeded: index + (try a.int("random_offset"))))
                    let noise = try Tensor.randn(shape, generator: generator)
                    let label = try Tensor.randint(0, classes, [1], generator: generator)
                    // ToPILImage: pixels mul(255).byte() (truncated, wrapping as uint8); ToTensor: / 255.
                    let pixels = noise.floats.map { Float((Int(saturating: Double($0 * 255)) % 256 + 256) % 256) / 255 }
                    return (try Tensor(pixels, shape: shape), .int(Int(truncatingIfNeeded: try label.integerItem())))
                })
            },
            dataset("Glyphs(size=200, noise=0.1, shift=1, transform=None, target_transform=None)",
                    doc: "regtutor's glyph images (1×8×8 greyscale: 0 vertical bar, 1 horizontal dash, 2 plus, 3 square outline) as a data set of (image, label), drawn from the global generator when made; transform runs on each image as it is read, so random augmentations differ every epoch.",
                    example: "train = datasets.Glyphs(200, transform=transforms.RandomHorizontalFlip())\nloader = DataLoader(train, batch_size=32, shuffle=True)") { a, interpreter in
                let (x, y) = try Datasets.glyphs(count: try a.int("size"), noise: try a.double("noise"), shift: try a.int("shift"), generator: interpreter.generator)
                return .object(MapDatasetObject(name: "Glyphs", count: x.shape[0], negativeIndices: .fromTheEnd, transform: a["transform"], targetTransform: a["target_transform"]) { index in
                    (try x.index([.single(index)]), .int(Int(truncatingIfNeeded: try y.index([.single(index)]).integerItem())))
                })
            },
        ]
        for name in ["ImageFolder", "MNIST", "FashionMNIST", "CIFAR10", "CIFAR100"] {
            entries.append(dataset("\(name)(root, *args, **kwargs)", doc: "Not in regtutor: it reads no files. Use datasets.FakeData(...) or datasets.Glyphs(...).",
                                   example: "datasets.Glyphs(200)") { _, _ in
                throw PythonError(.notImplementedError, "\(name) reads images from files, and regtutor reads no files: use datasets.FakeData(size, image_size, num_classes) or datasets.Glyphs(size) for images to learn from")
            })
        }
        return entries
    }
}

/// A data set read one item at a time: `make(i)` gives the image and its label, and the
/// transforms (callables of the session) run on each read.
final class MapDatasetObject: PythonObject {
    /// What a negative index means: counted from the end (Python's lists), or passed on as it is
    /// (torchvision's FakeData seeds image i with i, whatever its sign).
    enum NegativeIndices { case fromTheEnd, seeded }
    let name: String
    let count: Int
    let negativeIndices: NegativeIndices
    let transform: Value, targetTransform: Value
    let make: (Int) throws -> (Tensor, Value)

    init(name: String, count: Int, negativeIndices: NegativeIndices, transform: Value, targetTransform: Value, make: @escaping (Int) throws -> (Tensor, Value)) {
        (self.name, self.count, self.negativeIndices, self.transform, self.targetTransform, self.make) = (name, count, negativeIndices, transform, targetTransform, make)
    }

    var typeName: String { name }
    func length(in interpreter: Interpreter) throws -> Int? { count }

    func item(at index: Value, in interpreter: Interpreter) throws -> Value? {
        guard let i = index.exactInt else { throw PythonError(.typeError, "\(name) indices must be integers, not \(index.typeName)") }
        guard i < count, negativeIndices == .seeded || i >= -count else { throw PythonError(.indexError, "\(name) index out of range") }
        let (image, label) = try make(i < 0 && negativeIndices == .fromTheEnd ? i + count : i)
        let shown = transform.isNone ? Value.tensor(image) : try interpreter.call(transform, .tensor(image))
        let target = targetTransform.isNone ? label : try interpreter.call(targetTransform, label)
        return .tuple([shown, target])
    }

    func repr(in interpreter: Interpreter) throws -> String {
        var text = "Dataset \(name)\n    Number of datapoints: \(count)"
        if !transform.isNone { text += "\n    StandardTransform\nTransform: " + (try interpreter.repr(transform)).replacingOccurrences(of: "\n", with: "\n           ") }
        return text
    }
}

/// `DataLoader` over a map-style data set: the batches' indices as PyTorch draws them, each
/// sample read with `dataset[i]`, and PyTorch's default collation (tensors stacked, numbers
/// made a tensor, tuples collated position by position).
final class MapLoaderObject: PythonObject {
    let dataset: Value
    let count: Int, batchSize: Int
    let shuffle: Bool, dropLast: Bool
    let generator: RandomGenerator, ownsGenerator: Bool

    init(dataset: Value, count: Int, batchSize: Int, shuffle: Bool, dropLast: Bool, generator: RandomGenerator, ownsGenerator: Bool) throws {
        guard batchSize > 0 else { throw PythonError(.valueError, "batch_size should be a positive integer value, but got batch_size=\(batchSize)") }
        (self.dataset, self.count, self.batchSize, self.shuffle, self.dropLast) = (dataset, count, batchSize, shuffle, dropLast)
        (self.generator, self.ownsGenerator) = (generator, ownsGenerator)
    }

    var typeName: String { "DataLoader" }
    func length(in interpreter: Interpreter) throws -> Int? { dropLast ? count / batchSize : (count + batchSize - 1) / batchSize }

    func makeIterator(in interpreter: Interpreter) throws -> ValueIterator? {
        let batches = DataLoader.batches(count: count, batchSize: batchSize, shuffle: shuffle, dropLast: dropLast, generator: generator, ownsGenerator: ownsGenerator)
        return ValueIterator(items: try batches.map { indices in
            try MapLoaderObject.collate(try indices.map { try interpreter.item(of: dataset, at: .int($0)) })
        })
    }

    func attribute(_ name: String, in interpreter: Interpreter) throws -> Value? {
        switch name {
        case "batch_size": return .int(batchSize)
        case "dataset": return dataset
        default: return nil
        }
    }

    func repr(in interpreter: Interpreter) throws -> String { "<torch.utils.data.dataloader.DataLoader object>" }

    /// PyTorch's `default_collate` for what regtutor's data sets hold.
    static func collate(_ samples: [Value]) throws -> Value {
        guard let first = samples.first else { return .list([]) }
        if first.tensorObject != nil {
            return .tensor(try Tensor.stack(try samples.map { sample in
                guard let t = sample.tensorObject?.tensor else { throw PythonError(.typeError, "a batch mixes tensors with \(sample.typeName)") }
                return t
            }))
        }
        if let items = first.tupleItems ?? first.listItems {
            let fields = try samples.map { sample -> [Value] in
                guard let row = sample.tupleItems ?? sample.listItems, row.count == items.count else {
                    throw PythonError(.runtimeError, "each element in list of batch should be of equal size")
                }
                return row
            }
            return .list(try (0..<items.count).map { k in try collate(fields.map { $0[k] }) })
        }
        if samples.allSatisfy({ $0.exactInt != nil && !$0.isFloat && !$0.isBool }) {
            return .tensor(try Tensor(samples.compactMap(\.exactInt).map { Int64($0) }, shape: [samples.count], dtype: .int64))
        }
        if samples.allSatisfy(\.isBool) {
            return .tensor(try Tensor(samples.map { $0.numberValue ?? 0 }, shape: [samples.count], dtype: .bool))
        }
        if let numbers = Optional(samples.compactMap(\.numberValue)), numbers.count == samples.count {
            // default_collate makes float64 of Python floats, int64 of ints.
            return .tensor(try Tensor(numbers, shape: [samples.count], dtype: .float64))
        }
        throw PythonError(.typeError, "default_collate: batch must contain tensors, numbers, lists or tuples; found \(first.typeName)")
    }
}

/// `torch.utils.data.Dataset`: the base of a student's own data set class, which defines
/// `__len__` and `__getitem__`; a DataLoader batches it.
enum DatasetBase {
    static let cls: ClassObject = {
        let cls = (try? ClassObject(name: "Dataset", module: "torch.utils.data", bases: [BuiltinTable.python.objectClass])) ?? BuiltinTable.python.objectClass
        cls.documentation = Builtin("data", "Dataset()", kind: .type,
            doc: "The base of your own data set: subclass it and define __len__(self) and __getitem__(self, i) (returning, say, (image, label)); DataLoader(your_dataset, batch_size=...) then batches it.",
            example: "class Squares(Dataset):\n    def __len__(self):\n        return 10\n    def __getitem__(self, i):\n        return torch.tensor([float(i)]), i * i") { _, _ in .none }
        return cls
    }()
}
