import TensorEngine

/// An image tensor seen as planes of H × W pixels: (..., C, H, W) in torchvision's layout,
/// values in [0, 1]. The leading dimensions (channels, batch) are "planes" that each get the
/// same geometric change.
struct Image {
    let shape: [Int]
    let planes: Int
    let height: Int
    let width: Int

    init(_ tensor: Tensor) throws {
        guard tensor.rank >= 2 else {
            throw TensorError(.typeError, "an image tensor needs at least 2 dimensions (..., H, W), got \(tensor.rank)")
        }
        guard tensor.dtype == .float32 else {
            throw TensorError(.typeError, "regtutor's image transforms work on float images in [0, 1], got dtype \(tensor.dtype.name)")
        }
        shape = tensor.shape
        height = shape[shape.count - 2]
        width = shape[shape.count - 1]
        planes = shape.dropLast(2).reduce(1, *)
    }

    /// The number of colour channels: dimension -3, or 1 for a plain H × W image.
    var channels: Int { shape.count >= 3 ? shape[shape.count - 3] : 1 }

    /// A new image of size `newHeight` × `newWidth`, pixel (plane, y, x) given by `pixel`.
    func make(height newHeight: Int, width newWidth: Int, _ pixel: (Int, Int, Int) -> Float) throws -> Tensor {
        _ = try Shape.count(Array(shape.dropLast(2)) + [newHeight, newWidth])   // too large is an error, not a crash
        var values = [Float](repeating: 0, count: planes * newHeight * newWidth)
        var k = 0
        for plane in 0..<planes {
            for y in 0..<newHeight {
                for x in 0..<newWidth {
                    values[k] = pixel(plane, y, x)
                    k += 1
                }
            }
        }
        return try Tensor(values, shape: Array(shape.dropLast(2)) + [newHeight, newWidth])
    }

    /// Positions and sizes far outside any image are a mistake; they would overflow arithmetic.
    static func checkCoordinates(_ values: [Int], _ what: String) throws {
        guard values.allSatisfy({ Swift.abs($0) <= 1 << 24 }) else {
            throw TensorError(.valueError, "\(what) out of range: \(values)")
        }
    }

    func index(_ plane: Int, _ y: Int, _ x: Int) -> Int { (plane * height + y) * width + x }
}
