/// Pooling: each output is the maximum or the mean of one window of its channel.
///
/// max:      out = max over the window;   ∂/∂in = g at the window's (first) maximum, 0 elsewhere
/// average:  out = Σ window / divisor;     ∂/∂in = g / divisor at every position of the window
extension Tensor {
    /// PyTorch's `max_pool2d` on [N, C, H, W] or [C, H, W]. Padding counts as −∞.
    ///
    /// ```swift
    /// try Tensor.maxPool2d(x, geometry: WindowGeometry(kernel: (2, 2), stride: (2, 2), padding: (0, 0, 0, 0)))
    /// ```
    public static func maxPool2d(_ input: Tensor, geometry: WindowGeometry, ceilMode: Bool = false) throws -> Tensor {
        try pooled(input, name: "max_pool2d") { batched in
            let windows = try PoolingWindows(shape: batched.shape, geometry: geometry, ceilMode: ceilMode)
            var winners = [Int](repeating: -1, count: windows.outputCount)
            var out = [Float](repeating: -.infinity, count: windows.outputCount)
            batched.withBuffer(of: Float.self) { x in
                out.withUnsafeMutableBufferPointer { best in
                    winners.withUnsafeMutableBufferPointer { winner in
                        windows.forEachTap { output, index in
                            if x[index] > best[output] || x[index].isNaN {
                                best[output] = x[index]
                                winner[output] = index
                            }
                        }
                    }
                }
            }
            let result = try Tensor(shape: windows.outputShape, elements: out, dtype: batched.dtype)
            return result.recording("MaxPool2DWithIndicesBackward0", [batched], saving: [batched]) { g in
                var gradient = [Float](repeating: 0, count: batched.count)
                let upstream = g.floats
                for (output, winner) in winners.enumerated() where winner >= 0 { gradient[winner] += upstream[output] }
                return [try Tensor(shape: batched.shape, elements: gradient)]
            }
        }
    }

    /// PyTorch's `avg_pool2d`. The divisor is the window's area, counting the zero padding when
    /// `countIncludePad` (never the part of a ceil-mode window past the padding), or
    /// `divisorOverride` when given.
    public static func avgPool2d(_ input: Tensor, geometry: WindowGeometry, ceilMode: Bool = false, countIncludePad: Bool = true,
                                 divisorOverride: Int? = nil) throws -> Tensor {
        if let divisorOverride, divisorOverride == 0 { throw TensorError.runtime("divisor must be not zero") }
        return try pooled(input, name: "avg_pool2d") { batched in
            let windows = try PoolingWindows(shape: batched.shape, geometry: geometry, ceilMode: ceilMode)
            var totals = [Float](repeating: 0, count: windows.outputCount)
            var inside = [Int](repeating: 0, count: windows.outputCount)
            let x = batched.floats
            windows.forEachTap { output, index in
                totals[output] += x[index]
                inside[output] += 1
            }
            let divisors = (0..<windows.outputCount).map { output in
                Float(divisorOverride ?? (countIncludePad ? windows.paddedArea(of: output) : inside[output]))
            }
            let result = try Tensor(shape: windows.outputShape, elements: (0..<windows.outputCount).map { totals[$0] / divisors[$0] })
            return result.recording("AvgPool2DBackward0", [batched]) { g in
                var gradient = [Float](repeating: 0, count: batched.count)
                let upstream = g.floats
                windows.forEachTap { output, index in gradient[index] += upstream[output] / divisors[output] }
                return [try Tensor(shape: batched.shape, elements: gradient)]
            }
        }
    }

    /// PyTorch's `adaptive_avg_pool2d`: output cell (i, j) averages rows ⌊i·H/h⌋ ..< ⌈(i+1)·H/h⌉
    /// and the columns likewise, so any input size gives an (h, w) output.
    public static func adaptiveAvgPool2d(_ input: Tensor, outputSize: (height: Int, width: Int)) throws -> Tensor {
        guard outputSize.height >= 0, outputSize.width >= 0 else {
            throw TensorError.runtime("adaptive_avg_pool2d: elements of output_size must be greater than or equal to 0 but received {\(outputSize.height), \(outputSize.width)}")
        }
        return try pooled(input, name: "adaptive_avg_pool2d") { batched in
            let (planes, height, width) = (batched.shape[0] * batched.shape[1], batched.shape[2], batched.shape[3])
            let (oh, ow) = outputSize
            _ = try Shape.count([batched.shape[0], batched.shape[1], oh, ow])
            func range(_ i: Int, _ outer: Int, _ inner: Int) -> Range<Int> { (i * inner / outer)..<((i + 1) * inner + outer - 1) / outer }
            var out = [Float](repeating: 0, count: planes * oh * ow)
            let x = batched.floats
            for plane in 0..<planes {
                for i in 0..<oh {
                    for j in 0..<ow {
                        let (rows, columns) = (range(i, oh, height), range(j, ow, width))
                        var total: Float = 0
                        for r in rows { for c in columns { total += x[(plane * height + r) * width + c] } }
                        out[(plane * oh + i) * ow + j] = total / Float(rows.count * columns.count)
                    }
                }
            }
            let result = try Tensor(shape: [batched.shape[0], batched.shape[1], oh, ow], elements: out)
            return result.recording("AdaptiveAvgPool2DBackward0", [batched]) { g in
                var gradient = [Float](repeating: 0, count: batched.count)
                let upstream = g.floats
                for plane in 0..<planes {
                    for i in 0..<oh {
                        for j in 0..<ow {
                            let (rows, columns) = (range(i, oh, height), range(j, ow, width))
                            let share = upstream[(plane * oh + i) * ow + j] / Float(rows.count * columns.count)
                            for r in rows { for c in columns { gradient[(plane * height + r) * width + c] += share } }
                        }
                    }
                }
                return [try Tensor(shape: batched.shape, elements: gradient)]
            }
        }
    }

    /// Runs a pooling on [N, C, H, W], adding and removing the batch axis for [C, H, W].
    private static func pooled(_ input: Tensor, name: String, _ body: (Tensor) throws -> Tensor) throws -> Tensor {
        guard input.rank == 3 || input.rank == 4 else {
            throw TensorError.runtime("\(name): Expected 3D or 4D (batch mode) tensor for input, but got: \(input.shape)")
        }
        try checkFloat32(name, input)
        return input.rank == 4 ? try body(input) : try input.asBatchOfOne(body)
    }
}

/// The windows of a pooling over [N, C, H, W]: which input positions each output reads.
struct PoolingWindows {
    let planes: Int, height: Int, width: Int
    let geometry: WindowGeometry
    let outHeight: Int, outWidth: Int

    var outputCount: Int { planes * outHeight * outWidth }
    let outputShape: [Int]

    init(shape: [Int], geometry: WindowGeometry, ceilMode: Bool) throws {
        try geometry.validate()
        let (ph, pw) = (geometry.padding.top, geometry.padding.left)
        guard ph * 2 <= geometry.kernel.height, pw * 2 <= geometry.kernel.width else {
            throw TensorError.runtime("pad should be at most half of effective kernel size, but got pad=\(max(ph, pw)), kernel_size=\(geometry.kernel.height) and dilation=\(geometry.dilation.height)")
        }
        (planes, height, width) = (shape[0] * shape[1], shape[2], shape[3])
        self.geometry = geometry
        func size(_ length: Int, _ pad: Int, _ span: Int, _ stride: Int) -> Int {
            let room = length + 2 * pad - span
            guard room >= 0 else { return 0 }
            var out = (ceilMode ? (room + stride - 1) / stride : room / stride) + 1
            if ceilMode && (out - 1) * stride >= length + pad { out -= 1 }   // the last window must start inside
            return out
        }
        outHeight = size(height, ph, geometry.span.height, geometry.stride.height)
        outWidth = size(width, pw, geometry.span.width, geometry.stride.width)
        guard outHeight > 0, outWidth > 0 else {
            throw TensorError.runtime("Given input size: (\(shape[1])x\(height)x\(width)). Calculated output size: (\(shape[1])x\(outHeight)x\(outWidth)). Output size is too small")
        }
        outputShape = [shape[0], shape[1], outHeight, outWidth]
        _ = try Shape.count(outputShape)
    }

    /// The first row and column of output (y, x)'s window, in padded coordinates shifted back.
    private func origin(_ y: Int, _ x: Int) -> (Int, Int) {
        (y * geometry.stride.height - geometry.padding.top, x * geometry.stride.width - geometry.padding.left)
    }

    /// Calls `body(output, inputIndex)` for every position of every window inside the image:
    /// outputs in order, each window's positions row by row.
    @inline(__always)
    func forEachTap(_ body: (Int, Int) -> Void) {
        let (kh, kw) = geometry.kernel, (dh, dw) = geometry.dilation
        var output = 0
        for plane in 0..<planes {
            for y in 0..<outHeight {
                for x in 0..<outWidth {
                    let (top, left) = origin(y, x)
                    for i in 0..<kh {
                        let row = top + i * dh
                        guard row >= 0 && row < height else { continue }
                        let base = (plane * height + row) * width
                        for j in 0..<kw {
                            let column = left + j * dw
                            if column >= 0 && column < width { body(output, base + column) }
                        }
                    }
                    output += 1
                }
            }
        }
    }

    /// The area of an average-pooling window including zero padding, cut at the padded edge.
    func paddedArea(of output: Int) -> Int {
        let within = output % (outHeight * outWidth)
        let (top, left) = origin(within / outWidth, within % outWidth)
        let bottom = min(top + geometry.kernel.height, height + geometry.padding.bottom)
        let right = min(left + geometry.kernel.width, width + geometry.padding.right)
        return (bottom - top) * (right - left)
    }
}
