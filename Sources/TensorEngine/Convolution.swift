/// How a 2-d convolution or pooling window walks over an image: its size, step, padding on each
/// side and dilation (the gap between the taps of a dilated kernel).
///
/// ```swift
/// let g = WindowGeometry(kernel: (3, 3), stride: (1, 1), padding: (1, 1, 1, 1), dilation: (1, 1))
/// g.outputSize(height: 28, width: 28)   // (28, 28)
/// ```
public struct WindowGeometry: Sendable, Equatable {
    public var kernel: (height: Int, width: Int)
    public var stride: (height: Int, width: Int)
    /// Zeros added above, below, left and right.
    public var padding: (top: Int, bottom: Int, left: Int, right: Int)
    public var dilation: (height: Int, width: Int)

    public init(kernel: (Int, Int), stride: (Int, Int), padding: (Int, Int, Int, Int), dilation: (Int, Int) = (1, 1)) {
        self.kernel = kernel
        self.stride = stride
        self.padding = padding
        self.dilation = dilation
    }

    public static func == (a: WindowGeometry, b: WindowGeometry) -> Bool {
        a.kernel == b.kernel && a.stride == b.stride && a.padding == b.padding && a.dilation == b.dilation
    }

    /// The span one window covers: d·(k − 1) + 1 along each axis.
    var span: (height: Int, width: Int) {
        (dilation.height * (kernel.height - 1) + 1, dilation.width * (kernel.width - 1) + 1)
    }

    /// The output's size: ⌊(size + padding − span) / stride⌋ + 1 along each axis.
    public func outputSize(height: Int, width: Int) -> (height: Int, width: Int) {
        ((height + padding.top + padding.bottom - span.height) / stride.height + 1,
         (width + padding.left + padding.right - span.width) / stride.width + 1)
    }

    /// PyTorch's refusals of a geometry, checked before any work.
    func validate() throws {
        guard stride.height > 0, stride.width > 0 else { throw TensorError.runtime("non-positive stride is not supported") }
        guard min(padding.top, padding.bottom, padding.left, padding.right) >= 0 else { throw TensorError.runtime("negative padding is not supported") }
        guard dilation.height > 0, dilation.width > 0 else { throw TensorError.runtime("dilation should be greater than zero") }
        guard kernel.height > 0, kernel.width > 0 else { throw TensorError.runtime("kernel size should be greater than zero") }
    }
}

/// 2-d convolution, PyTorch's `conv2d` (a cross-correlation, as in every deep-learning library).
///
/// out[n, o, y, x] = b[o] + Σ_c Σ_i Σ_j w[o, c, i, j] · in[n, g·C/G + c, y·s + i·d − p, x·s + j·d − p]
///
/// It is computed as one matrix product per group: the input's windows are unfolded into columns
/// (`im2col`: one column per output position, one row per kernel tap), and W · columns is every
/// output at once. The backward pass is the same product transposed:
/// ∂/∂W = g · columnsᵀ,  ∂/∂columns = Wᵀ · g (folded back onto the input, `col2im`),  ∂/∂b = Σ g.
extension Tensor {
    /// `conv2d(input, weight, bias, stride, padding, dilation, groups)` on [N, C, H, W] (or
    /// unbatched [C, H, W]) with a weight [O, C/groups, kH, kW].
    ///
    /// ```swift
    /// let edges = try Tensor.conv2d(image, weight: sobel, bias: nil, geometry: g)
    /// ```
    public static func conv2d(_ input: Tensor, weight: Tensor, bias: Tensor?, geometry: WindowGeometry, groups: Int = 1) throws -> Tensor {
        guard input.rank == 3 || input.rank == 4 else {
            throw TensorError.runtime("Expected 3D (unbatched) or 4D (batched) input to conv2d, but got input of size: \(input.shape)")
        }
        if input.rank == 3 {
            return try input.asBatchOfOne { try conv2d($0, weight: weight, bias: bias, geometry: geometry, groups: groups) }
        }
        try checkFloat32("conv2d", input, weight, bias)
        let plan = try ConvolutionPlan(input: input.shape, weight: weight.shape, bias: bias?.shape, geometry: geometry, groups: groups)
        let columns = try plan.unfold(input.floats)
        let weights = weight.floats
        var out = try plan.multiply(weights, columns)
        if let bias { plan.addBias(bias.floats, to: &out) }
        let (x, w) = (input, weight)
        let result = try Tensor(shape: plan.outputShape, elements: out)
        return result.recording("ConvolutionBackward0", [x, w] + (bias.map { [$0] } ?? []), saving: [x, w]) { g in
            let upstream = g.floats
            let gradInput = x.requiresGrad ? try Tensor(shape: x.shape, elements: try plan.fold(try plan.columnGradient(weights, upstream))) : nil
            let gradWeight = w.requiresGrad ? try Tensor(shape: w.shape, elements: try plan.weightGradient(upstream, columns)) : nil
            let gradBias = bias?.requiresGrad == true ? try Tensor(shape: [plan.outChannels], elements: plan.biasGradient(upstream)) : nil
            return [gradInput, gradWeight] + (bias == nil ? [] : [gradBias])
        }
    }
}

extension Tensor {
    /// regtutor computes convolutions and pooling in float32: other dtypes are refused by name.
    public static func checkFloat32(_ op: String, _ tensors: Tensor?...) throws {
        for t in tensors.compactMap({ $0 }) where t.dtype != .float32 {
            if t.dtype == .float64 {
                throw TensorError.runtime("regtutor computes \(op) in float32 only: call .float() on the input and the layer (PyTorch would compute it in float64)")
            }
            throw TensorError.runtime("\"\(op)\" not implemented for '\(t.dtype.cName)'")
        }
    }

    /// `body` applied to this unbatched image [C, H, W] as a batch of one [1, C, H, W], its
    /// result given back without the batch axis (what PyTorch's 2-d ops do for unbatched input).
    func asBatchOfOne(_ body: (Tensor) throws -> Tensor) throws -> Tensor {
        let out = try body(try unsqueezed(0))
        return try out.squeezed(dim: 0)
    }

    /// The windows of each image unfolded into columns (PyTorch's `F.unfold`, no gradient):
    /// [N, C·kH·kW, L], one column per output position, rows in (channel, row, column) order.
    /// A convolution is the filters (as rows) times these columns.
    ///
    /// ```swift
    /// try Tensor.unfold(image, geometry: g).shape   // [1, 9, 676] for a 1×28×28 image and a 3×3 kernel
    /// ```
    public static func unfold(_ input: Tensor, geometry: WindowGeometry) throws -> Tensor {
        guard input.rank == 4 else { throw TensorError.runtime("Input Error: Only 4D input Tensors are supported (got \(input.rank)D)") }
        let weightShape = [1, input.shape[1], geometry.kernel.height, geometry.kernel.width]
        let plan = try ConvolutionPlan(input: input.shape, weight: weightShape, bias: nil, geometry: geometry, groups: 1)
        let columns = try plan.unfold(input.floats)
        let (taps, plane) = (plan.taps, plan.outHeight * plan.outWidth)
        var out = [Float](repeating: 0, count: columns.count)
        for row in 0..<taps {
            for n in 0..<plan.batch {
                for p in 0..<plane { out[(n * taps + row) * plane + p] = columns[row * plan.positions + n * plane + p] }
            }
        }
        return try Tensor(shape: [plan.batch, taps, plane], elements: out, dtype: input.dtype)
    }
}

/// The sizes of one convolution and the unfolding, products and folding that compute it.
struct ConvolutionPlan {
    let batch: Int, inChannels: Int, height: Int, width: Int
    let outChannels: Int, groups: Int
    let geometry: WindowGeometry
    let outHeight: Int, outWidth: Int

    var channelsPerGroup: Int { inChannels / groups }
    var outPerGroup: Int { outChannels / groups }
    /// Rows of a group's column matrix: one per kernel tap of its channels.
    var taps: Int { channelsPerGroup * geometry.kernel.height * geometry.kernel.width }
    /// Columns: one per output position of every image in the batch.
    var positions: Int { batch * outHeight * outWidth }
    var outputShape: [Int] { [batch, outChannels, outHeight, outWidth] }

    init(input: [Int], weight: [Int], bias: [Int]?, geometry: WindowGeometry, groups: Int) throws {
        try geometry.validate()
        guard groups > 0 else { throw TensorError.runtime("non-positive groups is not supported") }
        guard weight.count == 4 else {
            throw TensorError.runtime("weight should have at least three dimensions")
        }
        (batch, inChannels, height, width) = (input[0], input[1], input[2], input[3])
        outChannels = weight[0]
        self.groups = groups
        guard weight[2] == geometry.kernel.height, weight[3] == geometry.kernel.width else {
            throw TensorError.runtime("the weight's kernel \(weight[2])x\(weight[3]) is not the geometry's \(geometry.kernel.height)x\(geometry.kernel.width)")
        }
        guard inChannels == weight[1] * groups else {
            throw TensorError.runtime("Given groups=\(groups), weight of size \(weight), expected input\(input) to have \(weight[1] * groups) channels, but got \(inChannels) channels instead")
        }
        guard outChannels % groups == 0 else {
            throw TensorError.runtime("Given groups=\(groups), expected weight to be divisible by \(groups) at dimension 0, but got weight of size \(weight) instead")
        }
        if let bias, bias != [outChannels] {
            throw TensorError.runtime("Given weight of size \(weight), expected bias to be 1-dimensional with \(outChannels) elements, but got bias of size \(bias) instead")
        }
        self.geometry = geometry
        let paddedHeight = height + geometry.padding.top + geometry.padding.bottom
        let paddedWidth = width + geometry.padding.left + geometry.padding.right
        guard paddedHeight >= geometry.span.height, paddedWidth >= geometry.span.width else {
            throw TensorError.runtime("Calculated padded input size per channel: (\(paddedHeight) x \(paddedWidth)). Kernel size: (\(geometry.span.height) x \(geometry.span.width)). Kernel size can't be greater than actual input size")
        }
        (outHeight, outWidth) = geometry.outputSize(height: height, width: width)
        _ = try Shape.count([groups, taps, positions])   // the column matrices, checked before they are made
    }

    /// Calls `body(columnStart, inputStart, count, inputStep)` for every run of one kernel tap
    /// along one output row: output columns columnStart ..< columnStart + count of the tap's row
    /// in the column matrix read input elements inputStart, inputStart + inputStep, ... Taps that
    /// fall in the padding read zeros and are left out, so each run lies inside the image.
    @inline(__always)
    private func forEachRun(_ body: (Int, Int, Int, Int) -> Void) {
        let (kh, kw) = geometry.kernel
        let (sh, sw) = geometry.stride, (dh, dw) = geometry.dilation
        let (top, left) = (geometry.padding.top, geometry.padding.left)
        for group in 0..<groups {
            for c in 0..<channelsPerGroup {
                let channel = group * channelsPerGroup + c
                for i in 0..<kh {
                    for j in 0..<kw {
                        let row = (c * kh + i) * kw + j
                        // The output columns x whose input column x·sw + j·dw − left is inside the image.
                        let offset = j * dw - left
                        let first = offset >= 0 ? 0 : (-offset + sw - 1) / sw
                        let last = min(outWidth, (width - offset + sw - 1) / sw)
                        guard last > first else { continue }
                        for n in 0..<batch {
                            let image = (n * inChannels + channel) * height * width
                            for y in 0..<outHeight {
                                let inY = y * sh + i * dh - top
                                guard inY >= 0 && inY < height else { continue }
                                let column = ((group * taps + row) * positions) + (n * outHeight + y) * outWidth
                                body(column + first, image + inY * width + first * sw + offset, last - first, sw)
                            }
                        }
                    }
                }
            }
        }
    }

    /// im2col: for each group a [taps × positions] matrix of input values.
    func unfold(_ input: [Float]) throws -> [Float] {
        var columns = [Float](repeating: 0, count: groups * taps * positions)
        input.withUnsafeBufferPointer { x in
            columns.withUnsafeMutableBufferPointer { out in
                forEachRun { column, start, count, step in
                    for k in 0..<count { out[column + k] = x[start + k * step] }
                }
            }
        }
        try LongWork.checkpoint()
        return columns
    }

    /// col2im: adds each column entry back onto the input position it came from.
    func fold(_ columns: [Float]) throws -> [Float] {
        var input = [Float](repeating: 0, count: batch * inChannels * height * width)
        columns.withUnsafeBufferPointer { cols in
            input.withUnsafeMutableBufferPointer { x in
                forEachRun { column, start, count, step in
                    for k in 0..<count { x[start + k * step] += cols[column + k] }
                }
            }
        }
        try LongWork.checkpoint()
        return input
    }

    /// W_g [O/G × taps] · columns_g [taps × positions] for each group, laid out as [N, O, H', W'].
    func multiply(_ weight: [Float], _ columns: [Float]) throws -> [Float] {
        var out = [Float](repeating: 0, count: batch * outChannels * outHeight * outWidth)
        let plane = outHeight * outWidth
        for group in 0..<groups {
            let product = try MatrixKernels.product(slice(weight, group, outPerGroup * taps), slice(columns, group, taps * positions),
                                                    m: outPerGroup, k: taps, n: positions, layout: .plain)
            for o in 0..<outPerGroup {
                let channel = group * outPerGroup + o
                for n in 0..<batch {
                    for p in 0..<plane { out[(n * outChannels + channel) * plane + p] = product[o * positions + n * plane + p] }
                }
            }
        }
        return out
    }

    func addBias(_ bias: [Float], to out: inout [Float]) {
        let plane = outHeight * outWidth
        for n in 0..<batch {
            for o in 0..<outChannels {
                let start = (n * outChannels + o) * plane
                for p in 0..<plane { out[start + p] += bias[o] }
            }
        }
    }

    /// g [N, O, H', W'] regrouped as one [O/G × positions] matrix per group.
    private func gradientMatrix(_ g: [Float], group: Int) -> [Float] {
        let plane = outHeight * outWidth
        var matrix = [Float](repeating: 0, count: outPerGroup * positions)
        for o in 0..<outPerGroup {
            let channel = group * outPerGroup + o
            for n in 0..<batch {
                for p in 0..<plane { matrix[o * positions + n * plane + p] = g[(n * outChannels + channel) * plane + p] }
            }
        }
        return matrix
    }

    /// ∂/∂W_g = g_g · columns_gᵀ.
    func weightGradient(_ g: [Float], _ columns: [Float]) throws -> [Float] {
        var gradient: [Float] = []
        gradient.reserveCapacity(outChannels * taps)
        for group in 0..<groups {
            gradient += try MatrixKernels.product(gradientMatrix(g, group: group), slice(columns, group, taps * positions),
                                                  m: outPerGroup, k: positions, n: taps, layout: .transposedB)
        }
        return gradient
    }

    /// ∂/∂columns_g = W_gᵀ · g_g.
    func columnGradient(_ weight: [Float], _ g: [Float]) throws -> [Float] {
        var gradient: [Float] = []
        gradient.reserveCapacity(groups * taps * positions)
        for group in 0..<groups {
            gradient += try MatrixKernels.product(slice(weight, group, outPerGroup * taps), gradientMatrix(g, group: group),
                                                  m: taps, k: outPerGroup, n: positions, layout: .transposedA)
        }
        return gradient
    }

    /// ∂/∂b[o] = Σ over the batch and positions of g[n, o, ·, ·].
    func biasGradient(_ g: [Float]) -> [Float] {
        let plane = outHeight * outWidth
        return (0..<outChannels).map { o in
            var total: Float = 0
            for n in 0..<batch {
                let start = (n * outChannels + o) * plane
                for p in 0..<plane { total += g[start + p] }
            }
            return total
        }
    }

    /// The `index`-th block of `size` elements.
    private func slice(_ values: [Float], _ index: Int, _ size: Int) -> [Float] {
        Array(values[(index * size)..<((index + 1) * size)])
    }
}
