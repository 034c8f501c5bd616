import Foundation
import NeuralNet
import TensorEngine

/// Keras's image augmentation layers, on channels-last images: a batch (N, H, W, C) or one image
/// (H, W, C). Each call augments (unless `training` is false) with draws from the layer's own
/// seed generator, as Keras on torch draws them; rotations and zooms resample the image with
/// Keras's affine transform (bilinear by default, "reflect" filling outside the image).
///
/// ```swift
/// let flip = try RandomFlip(context: context)
/// let flipped = try flip(images, training: true)
/// ```
public final class RandomFlip: SeededLayer {
    public enum Mode: String, Sendable {
        case horizontal, vertical
        case both = "horizontal_and_vertical"
    }

    public let mode: Mode

    public init(mode: Mode = .both, seed: Int? = nil, name: String? = nil, context: KerasContext) {
        self.mode = mode
        super.init(typeName: "RandomFlip", baseName: "random_flip", seed: seed, name: name, context: context)
    }

    public override var trainsByDefault: Bool { true }

    /// One coin per image: u ≤ 0.5 flips it (both ways at once in "horizontal_and_vertical").
    public override func call(_ x: Tensor, training: Bool) throws -> Tensor {
        guard training else { return x }
        let layout = try ImageLayout(x.shape, layer: name)
        let coins = try KerasRandom.uniform(layout.batched ? [layout.count, 1, 1, 1] : [1, 1, 1], seed: nil, context: context, seeds: seeds)
        let source = x.floats, flips = coins.floats
        var output = source
        for image in 0..<layout.count where flips[image] <= 0.5 {
            for row in 0..<layout.height {
                for column in 0..<layout.width {
                    let sourceRow = mode == .horizontal ? row : layout.height - 1 - row
                    let sourceColumn = mode == .vertical ? column : layout.width - 1 - column
                    for channel in 0..<layout.channels {
                        output[layout.offset(image, row, column, channel)] = source[layout.offset(image, sourceRow, sourceColumn, channel)]
                    }
                }
            }
        }
        return try Tensor(output, shape: x.shape)
    }

    public override func copy() throws -> Module {
        try copyState(into: RandomFlip(mode: mode, seed: copySeed, name: name, context: context))
    }

    public override var config: [(String, String)] { super.config + [("mode", "'\(mode.rawValue)'")] }
}

/// Keras's `RandomRotation(factor)`: each image turns by an angle drawn uniformly from
/// factor · 360° (a number f means [−f, f]) about its centre.
public final class RandomRotation: SeededLayer {
    public let factor: (lower: Double, upper: Double)
    public let resampling: ImageResampling

    public init(factor: (lower: Double, upper: Double), resampling: ImageResampling = ImageResampling(), seed: Int? = nil,
                name: String? = nil, context: KerasContext) {
        self.factor = factor
        self.resampling = resampling
        super.init(typeName: "RandomRotation", baseName: "random_rotation", seed: seed, name: name, context: context)
    }

    public override var trainsByDefault: Bool { true }

    public override func call(_ x: Tensor, training: Bool) throws -> Tensor {
        guard training else { return x }
        let layout = try ImageLayout(x.shape, layer: name)
        let angles = try KerasRandom.uniform([layout.count], minval: factor.lower * 360, maxval: factor.upper * 360, seed: nil, context: context, seeds: seeds)
        let toRadians = Float(Double.pi / 180)
        let cx = 0.5 * (Float(layout.width) - 1), cy = 0.5 * (Float(layout.height) - 1)
        let transforms = angles.floats.map { degrees -> AffineTransform in
            let angle = degrees * toRadians
            let (c, s) = (Foundation.cos(angle), Foundation.sin(angle))
            return AffineTransform(a0: c, a1: -s, a2: (cx - cx * c) - cy * -s, b0: s, b1: c, b2: (cy - cx * s) - cy * c)
        }
        return try resampling.apply(transforms, to: x, layout: layout)
    }

    public override func copy() throws -> Module {
        try copyState(into: RandomRotation(factor: factor, resampling: resampling, seed: copySeed, name: name, context: context))
    }

    public override var config: [(String, String)] {
        super.config + [("factor", "(\(PythonFloat.repr(factor.lower)), \(PythonFloat.repr(factor.upper)))"),
                        ("fill_mode", "'\(resampling.fillMode.rawValue)'"), ("interpolation", "'\(resampling.interpolation.rawValue)'")]
    }
}

/// Keras's `RandomZoom(height_factor, width_factor=None)`: each image is scaled about its centre
/// by 1 + a draw from the factor's range (positive zooms out, negative in); without a width
/// factor both axes take the height's draw.
public final class RandomZoom: SeededLayer {
    public let heightFactor: (lower: Double, upper: Double)
    public let widthFactor: (lower: Double, upper: Double)?
    public let resampling: ImageResampling

    public init(heightFactor: (lower: Double, upper: Double), widthFactor: (lower: Double, upper: Double)? = nil,
                resampling: ImageResampling = ImageResampling(), seed: Int? = nil, name: String? = nil, context: KerasContext) {
        self.heightFactor = heightFactor
        self.widthFactor = widthFactor
        self.resampling = resampling
        super.init(typeName: "RandomZoom", baseName: "random_zoom", seed: seed, name: name, context: context)
    }

    public override var trainsByDefault: Bool { true }

    public override func call(_ x: Tensor, training: Bool) throws -> Tensor {
        guard training else { return x }
        let layout = try ImageLayout(x.shape, layer: name)
        let heights = try KerasRandom.uniform([layout.count, 1], minval: 1 + heightFactor.lower, maxval: 1 + heightFactor.upper,
                                              seed: nil, context: context, seeds: seeds)
        let widths = try widthFactor.map {
            try KerasRandom.uniform([layout.count, 1], minval: 1 + $0.lower, maxval: 1 + $0.upper, seed: nil, context: context, seeds: seeds)
        } ?? heights
        let halfWidth = (Float(layout.width) - 1) / 2, halfHeight = (Float(layout.height) - 1) / 2
        let transforms = zip(widths.floats, heights.floats).map { zx, zy in
            AffineTransform(a0: zx, a1: 0, a2: halfWidth * (1 - zx), b0: 0, b1: zy, b2: halfHeight * (1 - zy))
        }
        return try resampling.apply(transforms, to: x, layout: layout)
    }

    public override func copy() throws -> Module {
        try copyState(into: RandomZoom(heightFactor: heightFactor, widthFactor: widthFactor, resampling: resampling,
                                       seed: copySeed, name: name, context: context))
    }
}

/// Where each output pixel samples the input: x_in = a0·x + a1·y + a2, y_in = b0·x + b1·y + b2.
public struct AffineTransform: Sendable {
    public var a0, a1, a2, b0, b1, b2: Float
}

/// How the rotation and zoom layers resample: Keras's `map_coordinates` with its interpolation
/// ("bilinear" or "nearest") and fill mode for points outside the image ("reflect" d c b a | a b
/// c d | d c b a, "constant" with fill_value, "nearest", "wrap", "mirror").
public struct ImageResampling: Sendable {
    public enum Interpolation: String, Sendable { case bilinear, nearest }
    public enum FillMode: String, Sendable { case reflect, constant, nearest, wrap, mirror }

    public var interpolation: Interpolation
    public var fillMode: FillMode
    public var fillValue: Float

    public init(interpolation: Interpolation = .bilinear, fillMode: FillMode = .reflect, fillValue: Float = 0) {
        self.interpolation = interpolation
        self.fillMode = fillMode
        self.fillValue = fillValue
    }

    /// Keras's index fixers: where an index outside 0..<size reads from.
    func fixed(_ index: Int, _ size: Int) -> Int {
        func mirror(_ i: Int, _ s: Int) -> Int {
            let half = s - 1
            guard half > 0 else { return 0 }
            let wrapped = ((i + half) % (2 * half) + 2 * half) % (2 * half)
            return Swift.abs(wrapped - half)
        }
        switch fillMode {
        case .constant, .nearest: return Swift.min(Swift.max(index, 0), size - 1)
        case .wrap: return ((index % size) + size) % size
        case .mirror: return mirror(index, size)
        case .reflect:
            let m = mirror(2 * index + 1, 2 * size + 1) - 1
            return m >= 0 ? m / 2 : (m - 1) / 2
        }
    }

    /// The (index, weight) pairs one coordinate reads.
    private func nodes(_ coordinate: Float) -> [(Int, Float)] {
        switch interpolation {
        case .nearest: return [(Int(coordinate.rounded(.toNearestOrEven)), 1)]
        case .bilinear:
            let lower = coordinate.rounded(.down)
            let upperWeight = coordinate - lower
            return [(Int(lower), 1 - upperWeight), (Int(lower) + 1, upperWeight)]
        }
    }

    func apply(_ transforms: [AffineTransform], to x: Tensor, layout: ImageLayout) throws -> Tensor {
        var output = [Float](repeating: 0, count: x.count)
        let pixels = x.floats
        for image in 0..<layout.count {
            let t = transforms[image]
            for row in 0..<layout.height {
                for column in 0..<layout.width {
                    let (h, w) = (Float(row), Float(column))
                    let y = (h * t.b1 + w * t.b0) + t.b2
                    let xCoordinate = (h * t.a1 + w * t.a0) + t.a2
                    guard y.isFinite, xCoordinate.isFinite, Swift.abs(y) < 1e9, Swift.abs(xCoordinate) < 1e9 else {
                        throw TensorError(.valueError, "the image transform sends a pixel to a non-finite place")
                    }
                    for channel in 0..<layout.channels {
                        var value: Float = 0
                        for (yi, yw) in nodes(y) {
                            for (xi, xw) in nodes(xCoordinate) {
                                let inside = yi >= 0 && yi < layout.height && xi >= 0 && xi < layout.width
                                let sample = fillMode == .constant && !inside
                                    ? fillValue
                                    : pixels[layout.offset(image, fixed(yi, layout.height), fixed(xi, layout.width), channel)]
                                value = value + (yw * xw) * sample
                            }
                        }
                        output[layout.offset(image, row, column, channel)] = value
                    }
                }
            }
        }
        return try Tensor(output, shape: x.shape)
    }
}

/// The layout of channels-last images: a batch (N, H, W, C) or one image (H, W, C).
struct ImageLayout {
    let batched: Bool
    let count: Int, height: Int, width: Int, channels: Int

    init(_ shape: [Int], layer: String) throws {
        switch shape.count {
        case 4: (batched, count, height, width, channels) = (true, shape[0], shape[1], shape[2], shape[3])
        case 3: (batched, count, height, width, channels) = (false, 1, shape[0], shape[1], shape[2])
        default:
            throw TensorError(.valueError, "Layer '\(layer)' expects images of shape (height, width, channels) or a batch (batch, height, width, channels), channels last as Keras has them; received shape \(KerasShape.describe(shape.map { Optional($0) }))")
        }
        guard height > 0, width > 0 else { throw TensorError(.valueError, "Layer '\(layer)' received an empty image of shape \(shape)") }
    }

    func offset(_ image: Int, _ row: Int, _ column: Int, _ channel: Int) -> Int {
        ((image * height + row) * width + column) * channels + channel
    }
}
