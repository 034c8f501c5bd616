import Foundation
import TensorEngine

/// One step of an augmentation pipeline (torchvision's `transforms.*` classes): given an image,
/// a possibly random new one. Every random choice is drawn from the given generator in
/// torchvision's order, so a seeded pipeline gives torchvision's images.
public protocol ImageTransform: CustomStringConvertible {
    func apply(_ img: Tensor, generator: RandomGenerator, trace: Trace?) throws -> Tensor
}

/// Python's spelling of a number in a transform's description.
func spelled(_ x: Double) -> String { PythonFloat.repr(x) }

/// torchvision's padding argument: p (all sides), [left/right, top/bottom] or [left, top, right, bottom].
public struct Padding: CustomStringConvertible, Sendable {
    /// The border widths in pixels.
    public let left: Int, top: Int, right: Int, bottom: Int
    let given: [Int]

    /// torchvision's forms: `[p]`, `[left/right, top/bottom]` or `[left, top, right, bottom]`.
    public init(_ values: [Int]) throws {
        switch values.count {
        case 1: (left, top, right, bottom) = (values[0], values[0], values[0], values[0])
        case 2: (left, top, right, bottom) = (values[0], values[1], values[0], values[1])
        case 4: (left, top, right, bottom) = (values[0], values[1], values[2], values[3])
        default:
            throw TensorError(.valueError, "Padding must be an int or a 1, 2, or 4 element tuple, not a \(values.count) element tuple")
        }
        given = values
    }

    /// The printed form, as the framework prints it.
    public var description: String { given.count == 1 ? String(given[0]) : "[" + given.map(String.init).joined(separator: ", ") + "]" }
}

/// Flips with probability p (torchvision: `torch.rand(1) < p`).
public struct RandomFlip: ImageTransform {
    /// The probability of acting on an image.
    public let p: Double
    /// True to flip top to bottom, false left to right.
    public let vertical: Bool
    /// A flip with probability `p` (`RandomVerticalFlip` when `vertical`).
    public init(p: Double = 0.5, vertical: Bool) {
        self.p = p
        self.vertical = vertical
    }
    /// The transformed image; random choices come from `generator`, and with a trace they are recorded.
    public func apply(_ img: Tensor, generator: RandomGenerator, trace: Trace?) throws -> Tensor {
        let draw = generator.uniformFloat()
        let flip = Double(draw) < p
        trace?.note(description, "torch.rand(1) = \(PythonFloat.fixed(Double(draw), digits: 4)) \(flip ? "<" : "≥") p: \(flip ? "flipped" : "unchanged")")
        guard flip else { return img }
        return try vertical ? ImageFunctional.vflip(img) : ImageFunctional.hflip(img)
    }
    /// The printed form, as the framework prints it.
    public var description: String { "Random\(vertical ? "Vertical" : "Horizontal")Flip(p=\(spelled(p)))" }
}

/// Rotates by an angle drawn uniformly from [low, high] degrees; outside pixels become `fill`.
public struct RandomRotation: ImageTransform {
    /// The range of angles, in degrees.
    public let low: Double, high: Double
    /// How pixels between grid points are read.
    public let interpolation: ImageFunctional.Interpolation
    /// The value (or one per channel) for pixels from outside the image.
    public let fill: [Float]
    /// Angles drawn uniformly from [low, high] degrees.
    public init(low: Double, high: Double, interpolation: ImageFunctional.Interpolation = .nearest, fill: [Float] = [0]) throws {
        guard low <= high, low.isFinite, high.isFinite else { throw TensorError(.valueError, "degrees should be a sequence of (min, max) with min <= max") }
        (self.low, self.high, self.interpolation, self.fill) = (low, high, interpolation, fill)
    }
    /// The transformed image; random choices come from `generator`, and with a trace they are recorded.
    public func apply(_ img: Tensor, generator: RandomGenerator, trace: Trace?) throws -> Tensor {
        let angle = Double(try Tensor.uniform([1], low: low, high: high, generator: generator).floats[0])
        trace?.note(description, "angle = \(PythonFloat.fixed(angle, digits: 4))° drawn from U(\(spelled(low)), \(spelled(high)))")
        let channels = try Image(img).channels
        return try ImageFunctional.rotate(img, angle: angle, interpolation: interpolation,
                                          fill: fill.count == 1 ? Array(repeating: fill[0], count: channels) : fill)
    }
    /// The printed form, as the framework prints it.
    public var description: String {
        "RandomRotation(degrees=[\(spelled(low)), \(spelled(high))], interpolation=\(interpolation.rawValue), expand=False, fill=\(fill.count == 1 ? spelled(Double(fill[0])) : fill.description))"
    }
}

/// The centred window of the given size.
public struct CenterCrop: ImageTransform {
    /// The size of the output, in pixels.
    public let height: Int, width: Int
    /// The centred `height` × `width` window.
    public init(height: Int, width: Int) { (self.height, self.width) = (height, width) }
    /// The transformed image; random choices come from `generator`, and with a trace they are recorded.
    public func apply(_ img: Tensor, generator: RandomGenerator, trace: Trace?) throws -> Tensor {
        try ImageFunctional.centerCrop(img, height: height, width: width)
    }
    /// The printed form, as the framework prints it.
    public var description: String { "CenterCrop(size=(\(height), \(width)))" }
}

/// Pads (optionally), then takes a window at a random place: i = randint(0, H − h + 1), then j.
public struct RandomCrop: ImageTransform {
    /// The size of the output, in pixels.
    public let height: Int, width: Int
    /// The border added before cropping, if any.
    public let padding: Padding?
    /// Pads an image smaller than the crop up to its size.
    public let padIfNeeded: Bool
    /// The value of constant padding.
    public let fill: Float
    /// How the border is filled.
    public let mode: ImageFunctional.PaddingMode
    /// torchvision's `RandomCrop(size, padding, pad_if_needed, fill, padding_mode)`.
    public init(height: Int, width: Int, padding: Padding? = nil, padIfNeeded: Bool = false, fill: Float = 0,
                mode: ImageFunctional.PaddingMode = .constant) {
        (self.height, self.width, self.padding, self.padIfNeeded, self.fill, self.mode) = (height, width, padding, padIfNeeded, fill, mode)
    }
    /// The transformed image; random choices come from `generator`, and with a trace they are recorded.
    public func apply(_ img: Tensor, generator: RandomGenerator, trace: Trace?) throws -> Tensor {
        var x = img
        if let padding {
            x = try ImageFunctional.pad(x, left: padding.left, top: padding.top, right: padding.right, bottom: padding.bottom, fill: fill, mode: mode)
        }
        var image = try Image(x)
        if padIfNeeded && image.width < width {
            x = try ImageFunctional.pad(x, left: width - image.width, top: 0, right: width - image.width, bottom: 0, fill: fill, mode: mode)
            image = try Image(x)
        }
        if padIfNeeded && image.height < height {
            x = try ImageFunctional.pad(x, left: 0, top: height - image.height, right: 0, bottom: height - image.height, fill: fill, mode: mode)
            image = try Image(x)
        }
        guard image.height >= height, image.width >= width else {
            throw TensorError(.valueError, "Required crop size (\(height), \(width)) is larger than input image size (\(image.height), \(image.width))")
        }
        if image.height == height && image.width == width { return x }
        let i = generator.integer(in: 0, image.height - height + 1)
        let j = generator.integer(in: 0, image.width - width + 1)
        trace?.note(description, "window at top \(i), left \(j) of the \(image.height)×\(image.width) \(padding == nil ? "image" : "padded image")")
        return try ImageFunctional.crop(x, top: i, left: j, height: height, width: width)
    }
    /// The printed form, as the framework prints it.
    public var description: String {
        "RandomCrop(size=(\(height), \(width)), padding=\(padding?.description ?? "None"))"
    }
}

/// Resizes to a fixed size, or (one number) the shorter edge to `size` keeping the aspect ratio.
public struct Resize: ImageTransform {
    /// [height, width], or [n] for the shorter edge.
    public let size: [Int]
    /// How pixels between grid points are read.
    public let interpolation: ImageFunctional.Interpolation
    /// torchvision's `Resize(size, interpolation)`.
    public init(size: [Int], interpolation: ImageFunctional.Interpolation = .bilinear) throws {
        guard size.count == 1 || size.count == 2, size.allSatisfy({ $0 > 0 }) else {
            throw TensorError(.valueError, "Resize needs a positive size: one number (the shorter edge) or (height, width), got \(size)")
        }
        (self.size, self.interpolation) = (size, interpolation)
    }
    /// The transformed image; random choices come from `generator`, and with a trace they are recorded.
    public func apply(_ img: Tensor, generator: RandomGenerator, trace: Trace?) throws -> Tensor {
        let image = try Image(img)
        let target = size.count == 2 ? (height: size[0], width: size[1])
            : try ImageFunctional.resizedSize(height: image.height, width: image.width, shorterEdge: size[0])
        return try ImageFunctional.resize(img, height: target.height, width: target.width, interpolation: interpolation)
    }
    /// The printed form, as the framework prints it.
    public var description: String {
        let sizeText = size.count == 1 ? String(size[0]) : "[\(size[0]), \(size[1])]"
        return "Resize(size=\(sizeText), interpolation=\(interpolation.rawValue), max_size=None, antialias=True)"
    }
}

/// Adds a border.
public struct Pad: ImageTransform {
    /// The border widths.
    public let padding: Padding
    /// The value of constant padding.
    public let fill: Float
    /// How the border is filled.
    public let mode: ImageFunctional.PaddingMode
    /// torchvision's `Pad(padding, fill, padding_mode)`.
    public init(padding: Padding, fill: Float = 0, mode: ImageFunctional.PaddingMode = .constant) {
        (self.padding, self.fill, self.mode) = (padding, fill, mode)
    }
    /// The transformed image; random choices come from `generator`, and with a trace they are recorded.
    public func apply(_ img: Tensor, generator: RandomGenerator, trace: Trace?) throws -> Tensor {
        try ImageFunctional.pad(img, left: padding.left, top: padding.top, right: padding.right, bottom: padding.bottom, fill: fill, mode: mode)
    }
    /// The printed form, as the framework prints it.
    public var description: String { "Pad(padding=\(padding), fill=\(spelled(Double(fill))), padding_mode=\(mode.rawValue))" }
}

/// A crop of random area (a share `scale` of the image) and aspect ratio (`ratio`), resized to
/// `size`: torchvision's up-to-10 tries, then a centred fallback.
public struct RandomResizedCrop: ImageTransform {
    /// The size of the output, in pixels.
    public let height: Int, width: Int
    /// The range of the crop's (or erased) area, as a share of the image.
    public let scale: (Double, Double)
    /// The range of aspect ratios (width / height).
    public let ratio: (Double, Double)
    /// How pixels between grid points are read.
    public let interpolation: ImageFunctional.Interpolation
    /// torchvision's `RandomResizedCrop(size, scale, ratio, interpolation)`.
    public init(height: Int, width: Int, scale: (Double, Double) = (0.08, 1), ratio: (Double, Double) = (3.0 / 4, 4.0 / 3),
                interpolation: ImageFunctional.Interpolation = .bilinear) throws {
        guard height > 0, width > 0 else { throw TensorError(.valueError, "RandomResizedCrop needs a positive size") }
        guard scale.0 <= scale.1, ratio.0 <= ratio.1, ratio.0 > 0, scale.0 >= 0, scale.1.isFinite, ratio.1.isFinite else {
            throw TensorError(.valueError, "Scale and ratio should be of kind (min, max), finite, with scale >= 0 and ratio > 0")
        }
        (self.height, self.width, self.scale, self.ratio, self.interpolation) = (height, width, scale, ratio, interpolation)
    }

    /// The window (top, left, height, width), drawn as torchvision draws it.
    func window(height imageHeight: Int, width imageWidth: Int, generator: RandomGenerator, trace: Trace?) throws -> (Int, Int, Int, Int) {
        let area = Double(imageHeight * imageWidth)
        let logRatio = [Float(Foundation.log(Float(ratio.0))), Float(Foundation.log(Float(ratio.1)))]
        for attempt in 1...10 {
            let share = Double(try Tensor.uniform([1], low: scale.0, high: scale.1, generator: generator).floats[0])
            let targetArea = area * share
            let logAspect = try Tensor.uniform([1], low: Double(logRatio[0]), high: Double(logRatio[1]), generator: generator)
            let aspect = Double(try logAspect.exp().floats[0])
            let w = Int(saturating: (targetArea * aspect).squareRoot().rounded(.toNearestOrEven))
            let h = Int(saturating: (targetArea / aspect).squareRoot().rounded(.toNearestOrEven))
            if w > 0 && w <= imageWidth && h > 0 && h <= imageHeight {
                let i = generator.integer(in: 0, imageHeight - h + 1)
                let j = generator.integer(in: 0, imageWidth - w + 1)
                trace?.note("try \(attempt)", "area share \(PythonFloat.fixed(share, digits: 4)), aspect \(PythonFloat.fixed(aspect, digits: 4)) → \(h)×\(w) at top \(i), left \(j)")
                return (i, j, h, w)
            }
            trace?.note("try \(attempt)", "area share \(PythonFloat.fixed(share, digits: 4)), aspect \(PythonFloat.fixed(aspect, digits: 4)) → \(h)×\(w) does not fit")
        }
        let inRatio = Double(imageWidth) / Double(imageHeight)
        var w = imageWidth, h = imageHeight
        if inRatio < ratio.0 {
            h = Int(saturating: (Double(w) / ratio.0).rounded(.toNearestOrEven))
        } else if inRatio > ratio.1 {
            w = Int(saturating: (Double(h) * ratio.1).rounded(.toNearestOrEven))
        }
        trace?.note("fallback", "centred \(h)×\(w) window")
        return ((imageHeight - h) / 2, (imageWidth - w) / 2, h, w)
    }

    /// The transformed image; random choices come from `generator`, and with a trace they are recorded.
    public func apply(_ img: Tensor, generator: RandomGenerator, trace: Trace?) throws -> Tensor {
        let image = try Image(img)
        let (i, j, h, w) = try window(height: image.height, width: image.width, generator: generator, trace: trace)
        let cropped = try ImageFunctional.crop(img, top: i, left: j, height: h, width: w)
        return try ImageFunctional.resize(cropped, height: height, width: width, interpolation: interpolation)
    }

    /// The printed form, as the framework prints it.
    public var description: String {
        func rounded(_ x: Double) -> String { spelled((x * 10_000).rounded() / 10_000) }
        return "RandomResizedCrop(size=(\(height), \(width)), scale=(\(rounded(scale.0)), \(rounded(scale.1))), ratio=(\(rounded(ratio.0)), \(rounded(ratio.1))), interpolation=\(interpolation.rawValue), antialias=True)"
    }
}

/// Random brightness, contrast, saturation and hue, applied in a random order
/// (`torch.randperm(4)`), each factor drawn uniformly from its range, in that order.
public struct ColorJitter: ImageTransform {
    /// The range of the brightness factor, nil to leave it.
    public let brightness: (Double, Double)?
    /// The range of the contrast factor, nil to leave it.
    public let contrast: (Double, Double)?
    /// The range of the saturation factor, nil to leave it.
    public let saturation: (Double, Double)?
    /// The range of the hue shift (a fraction of a turn, within [−0.5, 0.5]), nil to leave it.
    public let hue: (Double, Double)?

    /// Factor ranges for each adjustment (see `range(_:name:)` for one number).
    public init(brightness: (Double, Double)?, contrast: (Double, Double)?, saturation: (Double, Double)?, hue: (Double, Double)? = nil) {
        (self.brightness, self.contrast, self.saturation, self.hue) = (brightness, contrast, saturation, hue)
    }

    /// torchvision's reading of hue: a number h means [−h, h] (0 ≤ h ≤ 0.5), nothing for 0; a
    /// pair must lie within [−0.5, 0.5].
    public static func hueRange(_ range: (Double, Double)) throws -> (Double, Double)? {
        guard range.0 >= -0.5, range.1 <= 0.5, range.0 <= range.1 else {
            throw TensorError(.valueError, "hue values should be between (-0.5, 0.5), but got (\(spelled(range.0)), \(spelled(range.1))).")
        }
        return range.0 == 0 && range.1 == 0 ? nil : range
    }

    /// torchvision's reading of a single number v: the range [max(1 − v, 0), 1 + v], or nothing for 0.
    public static func range(_ value: Double, name: String) throws -> (Double, Double)? {
        guard value >= 0 else { throw TensorError(.valueError, "If \(name) is a single number, it must be non negative.") }
        let range = (Swift.max(1 - value, 0), 1 + value)
        return range.0 == 1 && range.1 == 1 ? nil : range
    }

    /// The transformed image; random choices come from `generator`, and with a trace they are recorded.
    public func apply(_ img: Tensor, generator: RandomGenerator, trace: Trace?) throws -> Tensor {
        let order = generator.permutation(4)
        func draw(_ range: (Double, Double)?) throws -> Double? {
            guard let range else { return nil }
            return Double(try Tensor.uniform([1], low: range.0, high: range.1, generator: generator).floats[0])
        }
        let factors = [try draw(brightness), try draw(contrast), try draw(saturation), try draw(hue)]
        let names = ["brightness", "contrast", "saturation", "hue"]
        var x = img
        for k in order {
            guard let factor = factors[k] else { continue }
            trace?.note(names[k], (k == 3 ? "shift " : "factor ") + PythonFloat.fixed(factor, digits: 4))
            switch k {
            case 0: x = try ImageFunctional.adjustBrightness(x, factor: factor)
            case 1: x = try ImageFunctional.adjustContrast(x, factor: factor)
            case 2: x = try ImageFunctional.adjustSaturation(x, factor: factor)
            default: x = try ImageFunctional.adjustHue(x, factor: factor)
            }
        }
        return x
    }

    /// The printed form, as the framework prints it.
    public var description: String {
        func text(_ range: (Double, Double)?) -> String { range.map { "(\(spelled($0.0)), \(spelled($0.1)))" } ?? "None" }
        return "ColorJitter(brightness=\(text(brightness)), contrast=\(text(contrast)), saturation=\(text(saturation)), hue=\(text(hue)))"
    }
}

/// Adds Gaussian noise N(mean, sigma²) to every pixel, clamped to [0, 1] when `clip`.
public struct GaussianNoiseTransform: ImageTransform {
    /// The noise N(mean, sigma²), and whether results are clamped to [0, 1].
    public let mean: Double, sigma: Double, clip: Bool
    /// torchvision's `GaussianNoise(mean, sigma, clip)`.
    public init(mean: Double = 0, sigma: Double = 0.1, clip: Bool = true) { (self.mean, self.sigma, self.clip) = (mean, sigma, clip) }
    /// The transformed image; random choices come from `generator`, and with a trace they are recorded.
    public func apply(_ img: Tensor, generator: RandomGenerator, trace: Trace?) throws -> Tensor {
        try ImageFunctional.gaussianNoise(img, mean: mean, sigma: sigma, clip: clip, generator: generator)
    }
    /// The printed form, as the framework prints it.
    public var description: String { "GaussianNoise(mean=\(spelled(mean)), sigma=\(spelled(sigma)), clip=\(clip ? "True" : "False"))" }
}

/// With probability p, erases a random rectangle (area share `scale`, aspect `ratio`) to
/// `value`, or to Gaussian noise when value is nil ('random').
public struct RandomErasing: ImageTransform {
    /// The probability of acting on an image.
    public let p: Double
    /// The range of the crop's (or erased) area, as a share of the image.
    public let scale: (Double, Double)
    /// The range of aspect ratios (width / height).
    public let ratio: (Double, Double)
    /// The erased value (one, or one per channel); nil for random noise.
    public let value: [Float]?
    /// torchvision's `RandomErasing(p, scale, ratio, value)`.
    public init(p: Double = 0.5, scale: (Double, Double) = (0.02, 0.33), ratio: (Double, Double) = (0.3, 3.3), value: [Float]? = [0]) throws {
        guard p >= 0 && p <= 1 else { throw TensorError(.valueError, "Random erasing probability should be between 0 and 1") }
        guard scale.0 >= 0 && scale.1 <= 1 && scale.0 <= scale.1 else { throw TensorError(.valueError, "Scale should be between 0 and 1") }
        guard ratio.0 > 0 && ratio.0 <= ratio.1 && ratio.1.isFinite else { throw TensorError(.valueError, "Ratio should be of kind (min, max) with 0 < min") }
        (self.p, self.scale, self.ratio, self.value) = (p, scale, ratio, value)
    }
    /// The transformed image; random choices come from `generator`, and with a trace they are recorded.
    public func apply(_ img: Tensor, generator: RandomGenerator, trace: Trace?) throws -> Tensor {
        let draw = generator.uniformFloat()
        guard Double(draw) < p else {
            trace?.note(description, "torch.rand(1) = \(PythonFloat.fixed(Double(draw), digits: 4)) ≥ p: unchanged")
            return img
        }
        let image = try Image(img)
        if let value, value.count != 1 && value.count != image.channels {
            throw TensorError(.valueError, "If value is a sequence, it should have either a single value or \(image.channels) (number of input channels)")
        }
        let area = Double(image.height * image.width)
        let logRatio = [Foundation.log(Float(ratio.0)), Foundation.log(Float(ratio.1))]
        for _ in 0..<10 {
            let eraseArea = area * Double(try Tensor.uniform([1], low: scale.0, high: scale.1, generator: generator).floats[0])
            let aspect = Double(try Tensor.uniform([1], low: Double(logRatio[0]), high: Double(logRatio[1]), generator: generator).exp().floats[0])
            let h = Int(saturating: (eraseArea * aspect).squareRoot().rounded(.toNearestOrEven))
            let w = Int(saturating: (eraseArea / aspect).squareRoot().rounded(.toNearestOrEven))
            guard h < image.height && w < image.width else { continue }
            let patch = try value.map { try Tensor($0) } ?? Tensor.randn([image.channels, h, w], generator: generator)
            let i = generator.integer(in: 0, image.height - h + 1)
            let j = generator.integer(in: 0, image.width - w + 1)
            trace?.note(description, "erased \(h)×\(w) at top \(i), left \(j)")
            return try ImageFunctional.erase(img, top: i, left: j, height: h, width: w, value: patch)
        }
        return img
    }
    /// The printed form, as the framework prints it.
    public var description: String {
        let valueText = value.map { $0.count == 1 ? spelled(Double($0[0])) : $0.description } ?? "random"
        return "RandomErasing(p=\(spelled(p)), scale=(\(spelled(scale.0)), \(spelled(scale.1))), ratio=(\(spelled(ratio.0)), \(spelled(ratio.1))), value=\(valueText), inplace=False)"
    }
}

/// Leaves the image as it is: torchvision's `ToTensor` turns a picture into a tensor, and
/// regtutor's images are tensors already, so pipelines copied from tutorials still run.
public struct Identity: ImageTransform {
    /// The identity transform.
    public init() {}
    /// The transformed image; random choices come from `generator`, and with a trace they are recorded.
    public func apply(_ img: Tensor, generator: RandomGenerator, trace: Trace?) throws -> Tensor { img }
    /// The printed form, as the framework prints it.
    public var description: String { "ToTensor()" }
}

/// (x − mean[c]) / std[c].
public struct Normalize: ImageTransform {
    /// One mean and standard deviation per channel (or one for all).
    public let mean: [Float], std: [Float]
    /// torchvision's `Normalize(mean, std)`.
    public init(mean: [Float], std: [Float]) { (self.mean, self.std) = (mean, std) }
    /// The transformed image; random choices come from `generator`, and with a trace they are recorded.
    public func apply(_ img: Tensor, generator: RandomGenerator, trace: Trace?) throws -> Tensor {
        try ImageFunctional.normalize(img, mean: mean, std: std)
    }
    /// The printed form, as the framework prints it.
    public var description: String {
        "Normalize(mean=\(mean.map { spelled(Double($0)) }), std=\(std.map { spelled(Double($0)) }))".replacingOccurrences(of: "\"", with: "")
    }
}

/// Several transforms one after another.
public struct Compose: ImageTransform {
    /// The steps, in order.
    public let transforms: [ImageTransform]
    /// A pipeline running `transforms` in order.
    public init(_ transforms: [ImageTransform]) { self.transforms = transforms }
    /// The transformed image; random choices come from `generator`, and with a trace they are recorded.
    public func apply(_ img: Tensor, generator: RandomGenerator, trace: Trace?) throws -> Tensor {
        var x = img
        for transform in transforms {
            x = try transform.apply(x, generator: generator, trace: trace)
            trace?.record("after " + transform.description, x)
        }
        return x
    }
    /// The printed form, as the framework prints it.
    public var description: String {
        "Compose(\n" + transforms.map { "    " + $0.description + "\n" }.joined() + ")"
    }
}
