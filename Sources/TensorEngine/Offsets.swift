/// Where the elements of a strided view sit in its storage, in the view's row-major order: the
/// element at index (i₀, i₁, ...) is at `start + Σ iₖ·strides[k]`.
///
/// This is the one walk behind reading a view, writing through it, broadcasting (a stride of 0
/// repeats an element) and permuting.
///
/// ```swift
/// Offsets(shape: [2, 3], strides: [1, 2], start: 0).array  // [0, 2, 4, 1, 3, 5]: a transpose
/// ```
struct Offsets {
    let shape: [Int]
    let strides: [Int]
    let start: Int

    /// The number of elements.
    var count: Int { shape.reduce(1, *) }

    /// `(start, count)` when the elements are consecutive in row-major order.
    var contiguousRange: (Int, Int)? {
        var expected = 1
        for d in stride(from: shape.count - 1, through: 0, by: -1) where shape[d] != 1 {
            if strides[d] != expected { return nil }
            expected *= shape[d]
        }
        return (start, count)
    }

    /// Calls `body` with each element's offset, in row-major order. The last dimension runs as a
    /// tight loop; an odometer steps the others.
    @inline(__always)
    func forEach(_ body: (Int) -> Void) {
        if let (first, n) = contiguousRange {
            for offset in first..<(first + n) { body(offset) }
            return
        }
        let rank = shape.count
        if shape.contains(0) { return }
        let inner = shape[rank - 1], innerStride = strides[rank - 1]
        var index = [Int](repeating: 0, count: rank)
        var offset = start
        while true {
            for j in 0..<inner { body(offset + j * innerStride) }
            var d = rank - 2
            while d >= 0 {
                index[d] += 1
                offset += strides[d]
                if index[d] < shape[d] { break }
                offset -= strides[d] * index[d]
                index[d] = 0
                d -= 1
            }
            if d < 0 { return }
        }
    }

    /// Every offset, in order.
    var array: [Int] {
        var result = [Int]()
        result.reserveCapacity(count)
        forEach { result.append($0) }
        return result
    }
}
