import Foundation
import TensorEngine

/// torchvision's `transforms.functional` on image tensors (..., C, H, W) with values in [0, 1]:
/// the deterministic building blocks of data augmentation, each with torchvision's formula.
///
/// ```swift
/// let flipped = try ImageFunctional.hflip(img)
/// let turned = try ImageFunctional.rotate(img, angle: 90)
/// ```
public enum ImageFunctional {
    /// Mirror left to right (the width is reversed).
    public static func hflip(_ img: Tensor) throws -> Tensor {
        _ = try Image(img)
        return try img.flipped([-1])
    }

    /// Mirror top to bottom (the height is reversed).
    public static func vflip(_ img: Tensor) throws -> Tensor {
        _ = try Image(img)
        return try img.flipped([-2])
    }

    /// The `height` × `width` window whose top-left corner is (top, left); parts outside the
    /// image are 0.
    public static func crop(_ img: Tensor, top: Int, left: Int, height: Int, width: Int) throws -> Tensor {
        let image = try Image(img)
        let pixels = img.floats
        guard height >= 0, width >= 0 else { throw TensorError(.valueError, "crop size must be non-negative, got (\(height), \(width))") }
        try Image.checkCoordinates([top, left, height, width], "crop window")
        return try image.make(height: height, width: width) { plane, y, x in
            let sy = y + top, sx = x + left
            guard sy >= 0, sy < image.height, sx >= 0, sx < image.width else { return 0 }
            return pixels[image.index(plane, sy, sx)]
        }
    }

    /// The centred `height` × `width` window: top = round((H − h)/2) (Python's rounding); a crop
    /// larger than the image is padded with 0 first.
    public static func centerCrop(_ img: Tensor, height: Int, width: Int) throws -> Tensor {
        var image = try Image(img)
        guard height >= 0, width >= 0 else { throw TensorError(.valueError, "crop size must be non-negative, got (\(height), \(width))") }
        try Image.checkCoordinates([height, width], "crop size")
        var source = img
        if width > image.width || height > image.height {
            let left = width > image.width ? (width - image.width) / 2 : 0
            let top = height > image.height ? (height - image.height) / 2 : 0
            let right = width > image.width ? (width - image.width + 1) / 2 : 0
            let bottom = height > image.height ? (height - image.height + 1) / 2 : 0
            source = try pad(img, left: left, top: top, right: right, bottom: bottom)
            image = try Image(source)
            if width == image.width && height == image.height { return source }
        }
        let top = Int((Double(image.height - height) / 2).rounded(.toNearestOrEven))
        let left = Int((Double(image.width - width) / 2).rounded(.toNearestOrEven))
        return try crop(source, top: top, left: left, height: height, width: width)
    }

    /// The border modes of `pad`.
    public enum PaddingMode: String, CaseIterable, Sendable { case constant, edge, reflect, symmetric }

    /// Adds a border: `fill` (constant), the edge pixel repeated (edge), the image mirrored
    /// without (reflect) or with (symmetric) the edge pixel.
    public static func pad(_ img: Tensor, left: Int, top: Int, right: Int, bottom: Int, fill: Float = 0,
                           mode: PaddingMode = .constant) throws -> Tensor {
        let image = try Image(img)
        let pixels = img.floats
        if mode == .reflect, max(left, right) >= image.width || max(top, bottom) >= image.height {
            throw TensorError(.runtimeError, "Padding size should be less than the corresponding input dimension, but got: padding (\(left), \(right)) at dimension -1 of input \(Shape.torchSize(img.shape).dropFirst(10))")
        }
        guard min(left, top, right, bottom) >= 0 else {
            throw TensorError(.valueError, "regtutor's pad takes non-negative padding, got (\(left), \(top), \(right), \(bottom))")
        }
        try Image.checkCoordinates([left, top, right, bottom], "padding")
        func source(_ i: Int, _ n: Int) -> Int? {
            if i >= 0 && i < n { return i }
            switch mode {
            case .constant: return nil
            case .edge: return Swift.min(Swift.max(i, 0), n - 1)
            case .reflect:
                let period = 2 * (n - 1)
                guard period > 0 else { return 0 }
                var k = i % period
                if k < 0 { k += period }
                return k < n ? k : period - k
            case .symmetric:
                let period = 2 * n
                var k = i % period
                if k < 0 { k += period }
                return k < n ? k : period - 1 - k
            }
        }
        return try image.make(height: image.height + top + bottom, width: image.width + left + right) { plane, y, x in
            guard let sy = source(y - top, image.height), let sx = source(x - left, image.width) else { return fill }
            return pixels[image.index(plane, sy, sx)]
        }
    }

    /// Resampling methods.
    public enum Interpolation: String, Sendable { case nearest, bilinear }

    /// Resizes to `height` × `width`. Bilinear uses torchvision's antialiasing (a triangle filter
    /// as wide as the scale when shrinking, plain bilinear when growing); nearest takes pixel
    /// floor(i · in/out).
    public static func resize(_ img: Tensor, height: Int, width: Int, interpolation: Interpolation = .bilinear) throws -> Tensor {
        let image = try Image(img)
        let pixels = img.floats
        guard height > 0, width > 0 else {
            throw TensorError(.valueError, "the size after resizing must be positive, got (\(height), \(width))")
        }
        guard image.height > 0, image.width > 0 else {
            throw TensorError(.valueError, "cannot resize an empty image of size (\(image.height), \(image.width))")
        }
        try Image.checkCoordinates([height, width], "resize size")
        if interpolation == .nearest {
            let sy = Float(image.height) / Float(height), sx = Float(image.width) / Float(width)
            return try image.make(height: height, width: width) { plane, y, x in
                let iy = Swift.min(Int(saturating: (Float(y) * sy).rounded(.down)), image.height - 1)
                let ix = Swift.min(Int(saturating: (Float(x) * sx).rounded(.down)), image.width - 1)
                return pixels[image.index(plane, iy, ix)]
            }
        }
        let rows = ResizeWeights(input: image.height, output: height)
        let columns = ResizeWeights(input: image.width, output: width)
        // Along the width first, then along the height.
        let wide = try image.make(height: image.height, width: width) { plane, y, x in
            columns.apply(x) { pixels[image.index(plane, y, $0)] }
        }
        let wideImage = try Image(wide)
        let widePixels = wide.floats
        return try wideImage.make(height: height, width: width) { plane, y, x in
            rows.apply(y) { widePixels[wideImage.index(plane, $0, x)] }
        }
    }

    /// The size `resize(img, size)` gives for one number: the shorter edge becomes `size`, the
    /// longer keeps the aspect ratio (int(size · long / short)).
    public static func resizedSize(height: Int, width: Int, shorterEdge size: Int) throws -> (height: Int, width: Int) {
        let short = Swift.min(height, width), long = Swift.max(height, width)
        guard short > 0 else { throw TensorError(.valueError, "cannot resize an empty image of size (\(height), \(width))") }
        try Image.checkCoordinates([size], "resize size")
        let newLong = Int(saturating: Double(size) * Double(long) / Double(short))
        return width <= height ? (newLong, size) : (size, newLong)
    }

    /// Rotates counter-clockwise by `angle` degrees about the centre, as torchvision does: each
    /// output pixel looks up the inverse-rotated position (grid_sample, align_corners=False);
    /// positions outside the image are 0, or `fill` (blended with the sampled coverage).
    public static func rotate(_ img: Tensor, angle: Double, interpolation: Interpolation = .nearest, fill: [Float]? = nil) throws -> Tensor {
        let image = try Image(img)
        let pixels = img.floats
        guard angle.isFinite else { throw TensorError(.valueError, "the rotation angle must be a finite number of degrees, got \(PythonFloat.repr(angle))") }
        let radians = -angle * Double.pi / 180
        let m = [Float(cos(radians)), Float(sin(radians)), 0, Float(-sin(radians)), Float(cos(radians)), 0]
        let h = image.height, w = image.width
        let halfW = Float(0.5) * Float(w), halfH = Float(0.5) * Float(h)
        // The sampling position of output pixel (y, x), in input pixel coordinates.
        func position(_ y: Int, _ x: Int) -> (Float, Float) {
            let bx = Float(x) - Float(w) * 0.5 + 0.5, by = Float(y) - Float(h) * 0.5 + 0.5
            let gx = (m[0] * bx + m[1] * by + m[2]) / halfW
            let gy = (m[3] * bx + m[4] * by + m[5]) / halfH
            return (((gy + 1) * Float(h) - 1) / 2, ((gx + 1) * Float(w) - 1) / 2)
        }
        func sample(_ plane: Int, _ y: Int, _ x: Int, _ value: (Int, Int, Int) -> Float) -> Float {
            let (iy, ix) = position(y, x)
            if interpolation == .nearest {
                let ny = Int(saturating: iy.rounded(.toNearestOrEven)), nx = Int(saturating: ix.rounded(.toNearestOrEven))
                return ny >= 0 && ny < h && nx >= 0 && nx < w ? value(plane, ny, nx) : 0
            }
            let y0 = Int(saturating: iy.rounded(.down)), x0 = Int(saturating: ix.rounded(.down))
            let ty = iy - Float(y0), tx = ix - Float(x0)
            var total: Float = 0
            for (dy, wy) in [(0, 1 - ty), (1, ty)] {
                for (dx, wx) in [(0, 1 - tx), (1, tx)] {
                    let yy = y0 + dy, xx = x0 + dx
                    if yy >= 0 && yy < h && xx >= 0 && xx < w { total += value(plane, yy, xx) * (wy * wx) }
                }
            }
            return total
        }
        let rotated = try image.make(height: h, width: w) { plane, y, x in
            sample(plane, y, x) { p, yy, xx in pixels[image.index(p, yy, xx)] }
        }
        guard let fill else { return rotated }
        let channels = image.channels
        guard fill.count == 1 || fill.count == channels else {
            throw TensorError(.valueError, "The number of elements in 'fill' does not match the number of channels of the image (\(fill.count) != \(channels))")
        }
        let rotatedPixels = rotated.floats
        return try image.make(height: h, width: w) { plane, y, x in
            let covered = sample(plane, y, x) { _, _, _ in 1 }
            let value = rotatedPixels[image.index(plane, y, x)]
            let f = fill.count == 1 ? fill[0] : fill[plane % channels]
            if interpolation == .nearest { return covered < 0.5 ? f : value }
            return value * covered + (1 - covered) * f
        }
    }

    /// ratio · a + (1 − ratio) · b, clamped to [0, 1]: torchvision's `_blend`.
    static func blend(_ a: Tensor, _ b: Tensor, ratio: Double) throws -> Tensor {
        let r = Float(ratio)
        return try (try a * Double(r) + b * Double(1 - r)).clamp(min: 0, max: 1)
    }

    /// factor · img, clamped: 0 gives black, 1 the original, 2 doubles the brightness.
    public static func adjustBrightness(_ img: Tensor, factor: Double) throws -> Tensor {
        try checkFactor(factor, "brightness_factor")
        try checkColourChannels(img)
        return try blend(img, img.zerosLike(), ratio: factor)
    }

    /// Blends with the mean grey level: factor · img + (1 − factor) · mean(grey(img)), clamped.
    public static func adjustContrast(_ img: Tensor, factor: Double) throws -> Tensor {
        try checkFactor(factor, "contrast_factor")
        try checkColourChannels(img)
        let image = try Image(img)
        let grey = image.channels == 3 ? try grayscale(img) : img
        let mean = try grey.mean(dims: [-3, -2, -1].suffix(Swift.min(3, img.rank)).map { $0 }, keepdim: true)
        return try blend(img, mean, ratio: factor)
    }

    /// Blends with the image's own grey version: 0 gives grey, 1 the original, 2 more vivid.
    /// A one-channel image has no colour to change and comes back unchanged.
    public static func adjustSaturation(_ img: Tensor, factor: Double) throws -> Tensor {
        try checkFactor(factor, "saturation_factor")
        try checkColourChannels(img)
        let image = try Image(img)
        guard image.channels == 3 else { return img }
        return try blend(img, try grayscale(img), ratio: factor)
    }

    /// Turns the colour wheel by `factor` (in [−0.5, 0.5], a fraction of a full turn): RGB to
    /// HSV, h ← (h + factor) mod 1, back to RGB, in float32 exactly as torchvision computes it.
    /// A one-channel image has no hue and comes back unchanged.
    public static func adjustHue(_ img: Tensor, factor: Double) throws -> Tensor {
        guard factor >= -0.5 && factor <= 0.5 else { throw TensorError(.valueError, "hue_factor (\(PythonFloat.repr(factor))) is not in [-0.5, 0.5].") }
        try checkColourChannels(img)
        let image = try Image(img)
        let pixels = img.floats
        guard image.channels == 3 else { return img }
        let plane = image.height * image.width
        let shift = Float(factor)
        var out = pixels
        for start in stride(from: 0, to: img.count, by: 3 * plane) {
            for k in 0..<plane {
                let (r, g, b) = (pixels[start + k], pixels[start + plane + k], pixels[start + 2 * plane + k])
                let (h, s, v) = hsv(r, g, b)
                (out[start + k], out[start + plane + k], out[start + 2 * plane + k]) = rgb(remainder1(h + shift), s, v)
            }
        }
        return try Tensor(out, shape: img.shape, dtype: img.dtype)
    }

    /// torch.remainder(x, 1.0): x − ⌊x⌋, in float32.
    private static func remainder1(_ x: Float) -> Float { x - x.rounded(.down) }

    /// torchvision's `_rgb2hsv` for one pixel.
    static func hsv(_ r: Float, _ g: Float, _ b: Float) -> (Float, Float, Float) {
        let maxc = Swift.max(r, g, b), minc = Swift.min(r, g, b)
        let equal = maxc == minc
        let chroma = maxc - minc
        let s = chroma / (equal ? 1 : maxc)
        let divisor = equal ? 1 : chroma
        let (rc, gc, bc) = ((maxc - r) / divisor, (maxc - g) / divisor, (maxc - b) / divisor)
        let hr: Float = maxc == r ? bc - gc : 0
        let hg: Float = maxc == g && maxc != r ? 2 + rc - bc : 0
        let hb: Float = maxc != g && maxc != r ? 4 + gc - rc : 0
        let h = fmodf((hr + hg + hb) / 6 + 1, 1)
        return (h, s, maxc)
    }

    /// torchvision's `_hsv2rgb` for one pixel.
    static func rgb(_ h: Float, _ s: Float, _ v: Float) -> (Float, Float, Float) {
        let i = (h * 6).rounded(.down)
        let f = h * 6 - i
        let p = Swift.min(Swift.max(v * (1 - s), 0), 1)
        let q = Swift.min(Swift.max(v * (1 - s * f), 0), 1)
        let t = Swift.min(Swift.max(v * (1 - s * (1 - f)), 0), 1)
        switch ((Int(saturating: Double(i)) % 6) + 6) % 6 {
        case 0: return (v, t, p)
        case 1: return (q, v, p)
        case 2: return (p, v, t)
        case 3: return (p, q, v)
        case 4: return (t, p, v)
        default: return (v, p, q)
        }
    }

    /// torchvision's grey level of an RGB image: 0.2989 R + 0.587 G + 0.114 B (one channel kept).
    public static func grayscale(_ img: Tensor) throws -> Tensor {
        let image = try Image(img)
        guard image.channels == 3 else {
            throw TensorError(.typeError, "Input image tensor permitted channel values are [1, 3], but found \(image.channels)")
        }
        let r = try img.narrowed(dim: -3, start: 0, length: 1)
        let g = try img.narrowed(dim: -3, start: 1, length: 1)
        let b = try img.narrowed(dim: -3, start: 2, length: 1)
        return try r * 0.2989 + g * 0.587 + b * 0.114
    }

    /// (x − mean[c]) / std[c] for every channel c.
    public static func normalize(_ img: Tensor, mean: [Float], std: [Float]) throws -> Tensor {
        let image = try Image(img)
        guard img.rank >= 3 else {
            throw TensorError(.valueError, "Expected tensor to be a tensor image of size (..., C, H, W). Got tensor.size() = \(Shape.torchSize(img.shape))")
        }
        if std.contains(0) {
            throw TensorError(.valueError, "std evaluated to zero after conversion to torch.float32, leading to division by zero.")
        }
        let channels = image.channels
        for (name, values) in [("mean", mean), ("std", std)] where values.count != 1 && values.count != channels {
            throw TensorError(.runtimeError, "normalize: \(name) has \(values.count) values for an image with \(channels) channels")
        }
        let meanTensor = try Tensor(mean, shape: [mean.count, 1, 1])
        let stdTensor = try Tensor(std, shape: [std.count, 1, 1])
        return try (img - meanTensor) / stdTensor
    }

    /// Sets the window (top, left, height, width) to `value` (one number or one per channel).
    public static func erase(_ img: Tensor, top: Int, left: Int, height: Int, width: Int, value: Tensor) throws -> Tensor {
        let image = try Image(img)
        let pixels = img.floats, values = value.floats
        try Image.checkCoordinates([top, left, height, width], "erase window")
        let channels = image.channels
        guard [1, channels, channels * height * width].contains(value.count) else {
            throw TensorError(.runtimeError, "erase: the value must be one number, one per channel (\(channels)) or a (\(channels), \(height), \(width)) patch, got \(value.count) numbers")
        }
        return try image.make(height: image.height, width: image.width) { plane, y, x in
            let inside = y >= top && y < top + height && x >= left && x < left + width
            guard inside else { return pixels[image.index(plane, y, x)] }
            switch values.count {
            case 1: return values[0]
            case channels: return values[plane % channels]
            default:
                // A full patch of shape (C, h, w).
                let c = plane % channels
                return values[(c * height + (y - top)) * width + (x - left)]
            }
        }
    }

    /// img + mean + sigma · N(0, 1), clamped to [0, 1] when `clip` (torchvision's gaussian_noise).
    public static func gaussianNoise(_ img: Tensor, mean: Double = 0, sigma: Double = 0.1, clip: Bool = true,
                                     generator: RandomGenerator) throws -> Tensor {
        guard sigma >= 0 else { throw TensorError(.valueError, "sigma shouldn't be negative. Got \(PythonFloat.repr(sigma))") }
        _ = try Image(img)
        let noise = try Tensor.randn(img.shape, generator: generator) * Double(Float(sigma)) + Double(Float(mean))
        let noisy = try img + noise
        return clip ? try noisy.clamp(min: 0, max: 1) : noisy
    }

    /// torchvision's colour adjustments take grey (1 channel) or RGB (3 channels) images.
    static func checkColourChannels(_ img: Tensor) throws {
        let channels = try Image(img).channels
        guard channels == 1 || channels == 3 else {
            throw TensorError(.typeError, "Input image tensor permitted channel values are [1, 3], but found \(channels)")
        }
    }

    static func checkFactor(_ factor: Double, _ name: String) throws {
        guard factor >= 0 else { throw TensorError(.valueError, "\(name) (\(PythonFloat.repr(factor))) is not non-negative.") }
    }
}

/// The weights of torchvision's antialiased bilinear resize along one axis (the PIL algorithm):
/// output i reads inputs around centre (i + 0.5)·scale with a triangle filter of half-width
/// max(scale, 1), normalised to sum 1.
struct ResizeWeights {
    let first: [Int]
    let weights: [[Double]]

    init(input: Int, output: Int) {
        let scale = Double(input) / Double(output)
        let support = scale >= 1 ? scale : 1
        let inverse = scale >= 1 ? 1 / scale : 1
        var first: [Int] = [], weights: [[Double]] = []
        for i in 0..<output {
            let center = scale * (Double(i) + 0.5)
            let low = Swift.max(Int(saturating: center - support + 0.5), 0)
            let high = Swift.min(Int(saturating: center + support + 0.5), input)
            var row = (low..<high).map { j in Swift.max(0, 1 - Swift.abs((Double(j) - center + 0.5) * inverse)) }
            let total = row.reduce(0, +)
            if total != 0 { row = row.map { $0 / total } }
            first.append(low)
            weights.append(row)
        }
        self.first = first
        self.weights = weights
    }

    func apply(_ i: Int, _ value: (Int) -> Float) -> Float {
        var total: Float = 0
        for (k, weight) in weights[i].enumerated() { total += value(first[i] + k) * Float(weight) }
        return total
    }
}
