import Python
import Regularization
import TensorEngine

/// torchvision's `transforms` (random augmentation classes) and `transforms.functional`
/// (`TF.hflip`, `TF.rotate`...), on image tensors (C, H, W) with values in [0, 1].
extension Bindings {
    /// A size given as n or (h, w).
    private static func pair(_ a: BoundArguments, _ name: String) throws -> (Int, Int) {
        if case .int(let n) = a[name] { return (n, n) }
        let size = try a.size(name)
        guard size.count == 2 else {
            if size.count == 1 { return (size[0], size[0]) }
            throw PythonError(.valueError, "Please provide only two dimensions (h, w) for size.")
        }
        return (size[0], size[1])
    }

    private static func floatPair(_ a: BoundArguments, _ name: String) throws -> (Double, Double) {
        guard let items = a[name].tupleItems ?? a[name].listItems, items.count == 2, let low = items[0].numberValue, let high = items[1].numberValue else {
            throw a.mistake(name, "a pair (min, max)", a[name])
        }
        return (low, high)
    }

    private static func floats(_ a: BoundArguments, _ name: String) throws -> [Float] {
        if let number = a[name].numberValue { return [Float(number)] }
        if let t = (a[name]).tensorObject { return t.tensor.floats }
        guard let items = a[name].tupleItems ?? a[name].listItems else { throw a.mistake(name, "a number or a list of numbers", a[name]) }
        return try items.map { item in
            guard let number = item.numberValue else { throw a.mistake(name, "a list of numbers", a[name]) }
            return Float(number)
        }
    }

    private static func interpolation(_ a: BoundArguments, _ name: String = "interpolation") throws -> ImageFunctional.Interpolation {
        switch a[name] {
        case .object(let object as InterpolationModeObject):
            if let mode = object.mode { return mode }
        case .string(let text):
            if let mode = ImageFunctional.Interpolation(rawValue: text.lowercased()) { return mode }
        default: break
        }
        throw PythonError(.valueError, "regtutor's transforms know InterpolationMode.NEAREST and InterpolationMode.BILINEAR, got \(a[name].typeName)")
    }

    private static func padding(_ a: BoundArguments, _ name: String = "padding") throws -> Padding {
        if case .int(let n) = a[name] { return try Padding([n]) }
        return try Padding(try a.size(name))
    }

    private static func paddingMode(_ a: BoundArguments) throws -> ImageFunctional.PaddingMode {
        let text = try a.string("padding_mode")
        guard let mode = ImageFunctional.PaddingMode(rawValue: text) else {
            throw PythonError(.valueError, "Padding mode should be either constant, edge, reflect or symmetric")
        }
        return mode
    }

    private static func transform(_ signature: String, doc: String, example: String,
                                  _ make: @escaping (BoundArguments) throws -> (ImageTransform, String?)) -> Builtin {
        Builtin("transforms", signature, kind: .type, doc: doc, example: example) { a, _ in
            let (made, text) = try make(a)
            return .object(TransformObject(made, text: text))
        }
    }

    static func visionTransforms() -> [Builtin] {
        let modes = " interpolation takes transforms.InterpolationMode.NEAREST or .BILINEAR (or 'nearest', 'bilinear')."
        let seeded = " Its random choices come from torch's generator in torchvision's order: after torch.manual_seed(s) it gives torchvision's result."
        return [
            transform("RandomHorizontalFlip(p=0.5)", doc: "Mirrors the image left to right with probability p." + seeded,
                      example: "flip = transforms.RandomHorizontalFlip(p=0.5)\nflip(img)") { a in
                (RandomFlip(p: try a.double("p"), vertical: false), "RandomHorizontalFlip(p=\(PythonFormat.plainRepr(a["p"])))")
            },
            transform("RandomVerticalFlip(p=0.5)", doc: "Mirrors the image top to bottom with probability p." + seeded, example: "transforms.RandomVerticalFlip()(img)") { a in
                (RandomFlip(p: try a.double("p"), vertical: true), "RandomVerticalFlip(p=\(PythonFormat.plainRepr(a["p"])))")
            },
            transform("RandomRotation(degrees, interpolation='nearest', expand=False, center=None, fill=0)",
                      doc: "Rotates counter-clockwise by an angle drawn uniformly from (-degrees, degrees) or (min, max); pixels from outside the image get `fill`." + modes + seeded,
                      example: "transforms.RandomRotation(30)(img)") { a in
                guard !(try a.bool("expand")), a.isNone("center") else {
                    throw PythonError(.notImplementedError, "regtutor's RandomRotation rotates about the centre without expanding (expand=False, center=None)")
                }
                let range: (Double, Double)
                if let d = a["degrees"].numberValue {
                    guard d >= 0 else { throw PythonError(.valueError, "If degrees is a single number, it must be positive.") }
                    range = (-d, d)
                } else {
                    range = try floatPair(a, "degrees")
                }
                let made = try RandomRotation(low: range.0, high: range.1, interpolation: try interpolation(a), fill: try floats(a, "fill"))
                return (made, "RandomRotation(degrees=[\(PythonFloat.repr(range.0)), \(PythonFloat.repr(range.1))], interpolation=\(made.interpolation.rawValue), expand=False, fill=\(PythonFormat.plainRepr(a["fill"])))")
            },
            transform("CenterCrop(size)", doc: "The centred window of the given size (n or (h, w)); a window larger than the image is padded with 0.",
                      example: "transforms.CenterCrop(4)(img)") { a in
                let (h, w) = try pair(a, "size")
                return (CenterCrop(height: h, width: w), nil)
            },
            transform("RandomCrop(size, padding=None, pad_if_needed=False, fill=0, padding_mode='constant')",
                      doc: "Pads the image by `padding` (if given), then cuts a window of `size` at a random place (top = randint(0, H - h + 1), then left): the classic shift augmentation." + seeded,
                      example: "transforms.RandomCrop(8, padding=2)(img)") { a in
                let (h, w) = try pair(a, "size")
                let pad = a.isNone("padding") ? nil : try padding(a)
                let made = RandomCrop(height: h, width: w, padding: pad, padIfNeeded: try a.bool("pad_if_needed"),
                                      fill: Float(try a.double("fill")), mode: try paddingMode(a))
                return (made, "RandomCrop(size=(\(h), \(w)), padding=\(PythonFormat.plainRepr(a["padding"])))")
            },
            transform("RandomResizedCrop(size, scale=(0.08, 1.0), ratio=(0.75, 1.3333333333333333), interpolation='bilinear', antialias=True)",
                      doc: "Cuts a window of random area (a share `scale` of the image) and aspect ratio (`ratio`), up to 10 tries and then a centred window, and resizes it to `size`." + modes + seeded,
                      example: "transforms.RandomResizedCrop(8, scale=(0.5, 1.0))(img)") { a in
                let (h, w) = try pair(a, "size")
                return (try RandomResizedCrop(height: h, width: w, scale: try floatPair(a, "scale"), ratio: try floatPair(a, "ratio"),
                                              interpolation: try interpolation(a)), nil)
            },
            transform("Resize(size, interpolation='bilinear', max_size=None, antialias=True)",
                      doc: "Resizes to (h, w), or with one number the shorter edge to it keeping the aspect ratio. Bilinear uses torchvision's antialiasing when shrinking." + modes,
                      example: "transforms.Resize((4, 4))(img)") { a in
                let size: [Int] = if case .int(let n) = a["size"] { [n] } else { try a.size("size") }
                let made = try Resize(size: size, interpolation: try interpolation(a))
                return (made, "Resize(size=\(PythonFormat.plainRepr(a["size"])), interpolation=\(made.interpolation.rawValue), max_size=None, antialias=True)")
            },
            transform("Pad(padding, fill=0, padding_mode='constant')",
                      doc: "Adds a border: padding is n (all sides), (left/right, top/bottom) or (left, top, right, bottom); the mode is constant (fill), edge, reflect or symmetric.",
                      example: "transforms.Pad(2, padding_mode='reflect')(img)") { a in
                let made = Pad(padding: try padding(a), fill: Float(try a.double("fill")), mode: try paddingMode(a))
                return (made, "Pad(padding=\(PythonFormat.plainRepr(a["padding"])), fill=\(PythonFormat.plainRepr(a["fill"])), padding_mode=\(made.mode.rawValue))")
            },
            transform("ColorJitter(brightness=0, contrast=0, saturation=0, hue=0)",
                      doc: "Random brightness, contrast, saturation and hue in a random order: a number v means a factor drawn from [max(0, 1 - v), 1 + v], a pair (min, max) that range; hue=h shifts the colour wheel by a fraction drawn from [-h, h] (h at most 0.5). Brightness scales the image, contrast blends it with its mean grey, saturation with its own grey version, hue turns it in HSV; results are clamped to [0, 1]." + seeded,
                      example: "transforms.ColorJitter(brightness=0.4, contrast=0.4)(img)") { a in
                func range(_ name: String) throws -> (Double, Double)? {
                    if let v = a[name].numberValue { return try ColorJitter.range(v, name: name) }
                    return try floatPair(a, name)
                }
                let hue: (Double, Double)?
                if let h = a["hue"].numberValue {
                    guard h >= 0 && h <= 0.5 else { throw PythonError(.valueError, "If hue is a single number, it must be non negative.") }
                    hue = try ColorJitter.hueRange((-h, h))
                } else {
                    hue = try ColorJitter.hueRange(try floatPair(a, "hue"))
                }
                return (ColorJitter(brightness: try range("brightness"), contrast: try range("contrast"), saturation: try range("saturation"), hue: hue), nil)
            },
            transform("GaussianNoise(mean=0.0, sigma=0.1, clip=True)",
                      doc: "Adds Gaussian noise N(mean, sigma²) to every pixel and clamps to [0, 1] when clip (torchvision.transforms.v2's GaussianNoise)." + seeded,
                      example: "transforms.GaussianNoise(sigma=0.05)(img)") { a in
                (GaussianNoiseTransform(mean: try a.double("mean"), sigma: try a.double("sigma"), clip: try a.bool("clip")), nil)
            },
            transform("RandomErasing(p=0.5, scale=(0.02, 0.33), ratio=(0.3, 3.3), value=0, inplace=False)",
                      doc: "With probability p, erases a random rectangle (area share `scale`, aspect `ratio`) to `value`, or to Gaussian noise with value='random' (Cutout)." + seeded,
                      example: "transforms.RandomErasing(p=1.0)(img)") { a in
                let value: [Float]?
                if case .string(let text) = a["value"] {
                    guard text == "random" else { throw PythonError(.valueError, "If value is str, it should be 'random'") }
                    value = nil
                } else {
                    value = try floats(a, "value")
                }
                let made = try RandomErasing(p: try a.double("p"), scale: try floatPair(a, "scale"), ratio: try floatPair(a, "ratio"), value: value)
                let valueText = if case .string = a["value"] { "random" } else { PythonFormat.plainRepr(a["value"]) }
                return (made, "RandomErasing(p=\(PythonFormat.plainRepr(a["p"])), scale=\(PythonFormat.plainRepr(a["scale"])), ratio=\(PythonFormat.plainRepr(a["ratio"])), value=\(valueText), inplace=False)")
            },
            transform("Normalize(mean, std, inplace=False)", doc: "(x - mean[c]) / std[c] for each channel c.",
                      example: "transforms.Normalize(mean=[0.5], std=[0.5])(img)") { a in
                (Normalize(mean: try floats(a, "mean"), std: try floats(a, "std")),
                 "Normalize(mean=\(PythonFormat.plainRepr(a["mean"])), std=\(PythonFormat.plainRepr(a["std"])))")
            },
            transform("ToTensor()", doc: "Leaves a tensor image as it is: torchvision's ToTensor turns a picture file into a tensor, and regtutor's images are tensors already, so copied pipelines still run.",
                      example: "transforms.Compose([transforms.ToTensor(), transforms.Normalize([0.5], [0.5])])") { _ in (Identity(), nil) },
            Builtin("transforms", "Compose(transforms)", kind: .type, doc: "Runs transforms one after another: the usual augmentation pipeline. trace(pipeline, img) shows the image after each step.",
                    example: "augment = transforms.Compose([\n    transforms.RandomHorizontalFlip(),\n    transforms.RandomCrop(8, padding=1),\n])\naugment(img)") { a, interpreter in
                let members = try interpreter.iterate(a["transforms"]).map { item -> TransformObject in
                    guard case .object(let object as TransformObject) = item else {
                        throw PythonError(.typeError, "Compose takes a list of transforms, got \(item.typeName)")
                    }
                    return object
                }
                return .object(TransformObject(Compose(members.map(\.transform)), members: members))
            },
        ]
    }

    static func visionFunctional() -> [Builtin] {
        let modes = " interpolation takes transforms.InterpolationMode.NEAREST or .BILINEAR (or 'nearest', 'bilinear')."
        func function(_ signature: String, doc: String, example: String, _ body: @escaping (Tensor, BoundArguments, Interpreter) throws -> Tensor) -> Builtin {
            let image = String(signature.drop { $0 != "(" }.dropFirst().prefix { $0 != "," && $0 != ")" })
            return Builtin("TF", signature, doc: doc, example: example) { a, interpreter in
                .tensor(try body(try a.tensor(image), a, interpreter))
            }
        }
        return [
            function("hflip(img)", doc: "Mirrors left to right (the width is reversed).", example: "TF.hflip(img)") { img, _, _ in try ImageFunctional.hflip(img) },
            function("vflip(img)", doc: "Mirrors top to bottom (the height is reversed).", example: "TF.vflip(img)") { img, _, _ in try ImageFunctional.vflip(img) },
            function("rotate(img, angle, interpolation='nearest', expand=False, center=None, fill=None)",
                     doc: "Rotates counter-clockwise by `angle` degrees about the centre, as torchvision does (each output pixel samples the inverse-rotated position). Pixels from outside are 0, or `fill`." + modes,
                     example: "TF.rotate(img, 90)\nTF.rotate(img, 30, interpolation=transforms.InterpolationMode.BILINEAR)") { img, a, _ in
                guard !(try a.bool("expand")), a.isNone("center") else {
                    throw PythonError(.notImplementedError, "regtutor's rotate turns about the centre without expanding (expand=False, center=None)")
                }
                return try ImageFunctional.rotate(img, angle: try a.double("angle"), interpolation: try interpolation(a), fill: a.isNone("fill") ? nil : try floats(a, "fill"))
            },
            function("crop(img, top, left, height, width)", doc: "The window with top-left corner (top, left); outside parts are 0.", example: "TF.crop(img, 1, 1, 4, 4)") { img, a, _ in
                try ImageFunctional.crop(img, top: try a.int("top"), left: try a.int("left"), height: try a.int("height"), width: try a.int("width"))
            },
            function("center_crop(img, output_size)", doc: "The centred window of output_size (n or (h, w)), top = round((H - h) / 2).", example: "TF.center_crop(img, 4)") { img, a, _ in
                let (h, w) = try pair(a, "output_size")
                return try ImageFunctional.centerCrop(img, height: h, width: w)
            },
            function("resize(img, size, interpolation='bilinear', max_size=None, antialias=True)",
                     doc: "Resizes to (h, w), or with one number the shorter edge to it keeping the aspect ratio.", example: "TF.resize(img, [4, 4])") { img, a, _ in
                let size: [Int] = if case .int(let n) = a["size"] { [n] } else { try a.size("size") }
                return try Resize(size: size, interpolation: try interpolation(a)).apply(img, generator: RandomGenerator(), trace: nil)
            },
            function("resized_crop(img, top, left, height, width, size, interpolation='bilinear', antialias=True)",
                     doc: "crop, then resize: what RandomResizedCrop does with the window it drew.", example: "TF.resized_crop(img, 0, 0, 4, 4, [8, 8])") { img, a, _ in
                let cropped = try ImageFunctional.crop(img, top: try a.int("top"), left: try a.int("left"), height: try a.int("height"), width: try a.int("width"))
                let (h, w) = try pair(a, "size")
                return try ImageFunctional.resize(cropped, height: h, width: w, interpolation: try interpolation(a))
            },
            function("pad(img, padding, fill=0, padding_mode='constant')", doc: "Adds a border (see transforms.Pad).", example: "TF.pad(img, 1)") { img, a, _ in
                let p = try padding(a)
                return try ImageFunctional.pad(img, left: p.left, top: p.top, right: p.right, bottom: p.bottom, fill: Float(try a.double("fill")), mode: try paddingMode(a))
            },
            function("adjust_brightness(img, brightness_factor)", doc: "brightness_factor * img, clamped to [0, 1].", example: "TF.adjust_brightness(img, 1.5)") { img, a, _ in
                try ImageFunctional.adjustBrightness(img, factor: try a.double("brightness_factor"))
            },
            function("adjust_contrast(img, contrast_factor)", doc: "Blends with the mean grey level: f * img + (1 - f) * mean, clamped.", example: "TF.adjust_contrast(img, 0.5)") { img, a, _ in
                try ImageFunctional.adjustContrast(img, factor: try a.double("contrast_factor"))
            },
            function("adjust_saturation(img, saturation_factor)", doc: "Blends an RGB image with its grey version: 0 grey, 1 unchanged, 2 vivid.", example: "TF.adjust_saturation(rgb, 0.3)") { img, a, _ in
                try ImageFunctional.adjustSaturation(img, factor: try a.double("saturation_factor"))
            },
            function("adjust_hue(img, hue_factor)", doc: "Turns the colours around the colour wheel by hue_factor (in [-0.5, 0.5], a fraction of a turn) through HSV, as torchvision does.",
                     example: "TF.adjust_hue(rgb, 0.25)") { img, a, _ in
                try ImageFunctional.adjustHue(img, factor: try a.double("hue_factor"))
            },
            function("rgb_to_grayscale(img, num_output_channels=1)", doc: "0.2989 R + 0.587 G + 0.114 B.", example: "TF.rgb_to_grayscale(rgb)") { img, a, _ in
                let grey = try ImageFunctional.grayscale(img)
                let channels = try a.int("num_output_channels")
                guard channels == 1 || channels == 3 else { throw PythonError(.valueError, "num_output_channels should be either 1 or 3") }
                return channels == 1 ? grey : try Tensor.cat([grey, grey, grey], dim: -3)
            },
            function("normalize(tensor, mean, std, inplace=False)", doc: "(x - mean[c]) / std[c] for each channel c.", example: "TF.normalize(img, [0.5], [0.5])") { img, a, _ in
                try ImageFunctional.normalize(img, mean: try floats(a, "mean"), std: try floats(a, "std"))
            },
            function("erase(img, i, j, h, w, v, inplace=False)", doc: "Sets the h x w window at (i, j) to v.", example: "TF.erase(img, 1, 1, 2, 2, torch.tensor(0.))") { img, a, _ in
                try ImageFunctional.erase(img, top: try a.int("i"), left: try a.int("j"), height: try a.int("h"), width: try a.int("w"), value: try a.tensorOrNumber("v"))
            },
            function("gaussian_noise(img, mean=0.0, sigma=0.1, clip=True)", doc: "img + N(mean, sigma²) noise, clamped to [0, 1] when clip.", example: "TF.gaussian_noise(img, sigma=0.05)") { img, a, interpreter in
                try ImageFunctional.gaussianNoise(img, mean: try a.double("mean"), sigma: try a.double("sigma"), clip: try a.bool("clip"), generator: interpreter.generator)
            },
        ]
    }
}

