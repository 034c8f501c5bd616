import NeuralNet
import TensorEngine

/// Batch normalization (PyTorch's `nn.BatchNorm1d` and `nn.BatchNorm2d`).
///
/// For each channel c, over the batch (and the positions L, or H and W):
///
///     mean = Σx / n,   var = Σ(x − mean)² / n          (biased, to normalise)
///     x̂ = (x − mean) / √(var + eps),   y = γ · x̂ + β
///     running_mean ← (1 − m) · running_mean + m · mean
///     running_var  ← (1 − m) · running_var  + m · var · n/(n − 1)   (unbiased)
///
/// With `momentum: nil` m is 1/num_batches_tracked: a plain average of all batches so far.
/// In evaluation mode the running statistics take the place of the batch's.
///
/// ```swift
/// let bn = try BatchNorm(features: 2, spatialRank: 0)
/// let y = try bn(try Tensor([[1, 2], [3, 4], [5, 8], [7, 6]]))
/// bn.runningMean.tensor    // tensor([0.4000, 0.5000])
/// ```
public final class BatchNorm: TraceableModule {
    /// PyTorch's (or Keras's) class name, as printed.
    public var typeName: String { spatialRank == 2 ? "BatchNorm2d" : "BatchNorm1d" }
    /// True in training mode (the default), false after `eval()`.
    public var training = true
    /// The number of channels C.
    public let features: Int
    /// 0 for BatchNorm1d (inputs (N, C) or (N, C, L) — L counts as spatial), 2 for BatchNorm2d.
    public let spatialRank: Int
    /// Added to the variance before the square root.
    public var eps: Double
    /// The weight of the new batch in the running statistics; nil for a cumulative average.
    public var momentum: Double?
    /// γ (ones) and β (zeros), or nil when `affine` (or, for β, `bias`) is false.
    public private(set) var weight: Variable?
    /// β, or nil.
    public private(set) var bias: Variable?
    /// The running statistics, or nil when `track_running_stats` is false.
    public let runningMean: Variable?
    /// The running (unbiased) variance, or nil.
    public let runningVar: Variable?
    /// How many training batches updated the running statistics (int64), or nil.
    public let batchesTracked: Variable?

    /// PyTorch's `BatchNorm1d` (spatialRank 0) or `BatchNorm2d` (2) with its defaults.
    public init(features: Int, spatialRank: Int, eps: Double = 1e-5, momentum: Double? = 0.1,
                affine: Bool = true, bias: Bool = true, trackRunningStats: Bool = true) throws {
        guard features > 0 else {
            throw TensorError(.valueError, "num_features must be a positive number of channels, got \(features)")
        }
        self.features = features
        self.spatialRank = spatialRank
        self.eps = eps
        self.momentum = momentum
        weight = affine ? Variable(try Tensor.ones([features]).requiringGrad(), isParameter: true) : nil
        self.bias = affine && bias ? Variable(try Tensor.zeros([features]).requiringGrad(), isParameter: true) : nil
        runningMean = trackRunningStats ? Variable(try Tensor.zeros([features])) : nil
        runningVar = trackRunningStats ? Variable(try Tensor.ones([features])) : nil
        batchesTracked = trackRunningStats ? Variable(try Tensor.zeros([], dtype: .int64)) : nil
    }

    /// Another batch-norm layer with the same settings and copies of the parameters and statistics.
    public func copy() throws -> Module {
        try copyState(to: try BatchNorm(features: features, spatialRank: spatialRank, eps: eps, momentum: momentum,
                                        affine: weight != nil, bias: bias != nil, trackRunningStats: runningMean != nil))
    }

    public func replaceParameter(named name: String, with variable: Variable?) -> Bool {
        switch name {
        case "weight": weight = variable
        case "bias": bias = variable
        default: return false
        }
        return true
    }

    /// The learnable tensors, by name, in PyTorch's order.
    public var ownParameters: [(name: String, variable: Variable)] {
        [weight.map { ("weight", $0) }, bias.map { ("bias", $0) }].compactMap { $0 }
    }

    /// The state that is not learned but belongs in the state dict.
    public var ownBuffers: [(name: String, variable: Variable)] {
        [runningMean.map { ("running_mean", $0) }, runningVar.map { ("running_var", $0) },
         batchesTracked.map { ("num_batches_tracked", $0) }].compactMap { $0 }
    }

    /// The settings shown in parentheses when printed, as PyTorch prints them.
    public var extraDescription: String {
        "\(features), eps=\(PythonFloat.repr(eps)), momentum=\(momentum.map { PythonFloat.repr($0) } ?? "None"), "
            + "affine=\(weight == nil ? "False" : "True"), bias=\(bias == nil ? "False" : "True"), track_running_stats=\(runningMean == nil ? "False" : "True")"
    }

    /// The output for `input` (no trace).
    public func forward(_ input: Tensor) throws -> Tensor { try forward(input, trace: nil) }

    /// The output for `input`; with a trace, each intermediate value is recorded in it.
    public func forward(_ input: Tensor, trace: Trace?) throws -> Tensor {
        try checkShape(input)
        try Tensor.checkFloat32(typeName, input)
        let layout = ChannelLayout(input.shape)
        let x = input.floats
        let useBatchStatistics = training || runningMean == nil
        trace?.note("mode", useBatchStatistics ? "training: normalise with this batch's statistics" : "evaluation: normalise with the running statistics")
        trace?.record("input x", input)
        var mean: [Float], invstd: [Float]
        var pendingUpdate: ChannelLayout.Statistics?
        if useBatchStatistics {
            guard layout.count > 1 else {
                throw TensorError(.valueError, "Expected more than 1 value per channel when training, got input size \(Shape.torchSize(input.shape))")
            }
            let statistics = layout.statistics(x)
            mean = statistics.mean.map { Float($0) }
            invstd = statistics.biasedVariance.map { Float(1 / ($0 + eps).squareRoot()) }
            if let trace {
                trace.record("batch mean (per channel)", try Tensor(mean))
                trace.record("biased variance Σ(x − mean)²/n, n = \(layout.count)", try Tensor(statistics.biasedVariance.map { Float($0) }))
            }
            if training, runningMean != nil { pendingUpdate = statistics }
        } else if let runningMean, let runningVar {
            mean = runningMean.tensor.floats
            invstd = runningVar.tensor.floats.map { 1 / ($0 + Float(eps)).squareRoot() }
        } else {
            throw TensorError(.runtimeError, "batch norm has neither batch nor running statistics")
        }
        let gamma = weight?.tensor.floats ?? Array(repeating: 1, count: features)
        let beta = bias?.tensor.floats ?? Array(repeating: 0, count: features)
        // As PyTorch computes it: y = x · (γ·invstd) + (β − mean·γ·invstd).
        let scale = (0..<features).map { invstd[$0] * gamma[$0] }
        let shift = (0..<features).map { beta[$0] - mean[$0] * scale[$0] }
        let output = try Tensor(layout.map(x) { x, c in x * scale[c] + shift[c] }, shape: input.shape)
        if let trace {
            let xHat = try Tensor(layout.map(x) { x, c in (x - mean[c]) * invstd[c] }, shape: input.shape)
            trace.record("x̂ = (x − mean) / √(var + \(PythonFloat.repr(eps)))", xHat)
            if let weight { trace.record("γ (weight)", weight.tensor) }
            if let bias { trace.record("β (bias)", bias.tensor) }
            trace.record(weight != nil ? "output γ · x̂ + β" : "output x̂ (affine=False)", output)
        }
        // The running statistics change after the output is computed (it uses the batch's own).
        if let pendingUpdate { try updateRunningStatistics(pendingUpdate, count: layout.count, trace: trace) }
        let hasWeight = weight != nil, hasBias = bias != nil
        return output.recording("NativeBatchNormBackward0", [input] + ownParameters.map(\.variable.tensor),
                                saving: [input] + ownParameters.map(\.variable.tensor)) { [layout] dy in
            let (gradient, sumDy, sumDyXHat) = BatchNorm.backward(x: x, dy: dy.floats, mean: mean, invstd: invstd, gamma: gamma,
                                                                 layout: layout, batchStatistics: useBatchStatistics)
            // dγ = Σ dy·x̂,  dβ = Σ dy
            var gradients: [Tensor?] = [try Tensor(gradient, shape: input.shape)]
            if hasWeight { gradients.append(try Tensor(sumDyXHat.map { Float($0) })) }
            if hasBias { gradients.append(try Tensor(sumDy.map { Float($0) })) }
            return gradients
        }
    }

    /// The backward pass in two passes over the elements: Σdy and Σ(dy·x̂) per channel (in
    /// double, in memory order), then dx; x̂ = (x − mean)·invstd is recomputed, not stored.
    ///
    ///     training:          dx = γ·invstd/n · (n·dy − Σdy − x̂·Σ(dy·x̂))
    ///     fixed statistics:  dx = γ·invstd · dy
    ///     dγ = Σ dy·x̂,  dβ = Σ dy
    static func backward(x: [Float], dy: [Float], mean: [Float], invstd: [Float], gamma: [Float], layout: ChannelLayout,
                         batchStatistics: Bool) -> (dx: [Float], sumDy: [Double], sumDyXHat: [Double]) {
        let channels = layout.channels
        var sumDy = [Double](repeating: 0, count: channels), sumDyXHat = [Double](repeating: 0, count: channels)
        var dx = [Float](repeating: 0, count: layout.total)
        let n = Float(layout.count)
        // Per channel, the factors the formulas multiply by, in their left-to-right order.
        let scale = (0..<channels).map { batchStatistics ? gamma[$0] * invstd[$0] / n : gamma[$0] * invstd[$0] }
        x.withUnsafeBufferPointer { x in dy.withUnsafeBufferPointer { g in
            mean.withUnsafeBufferPointer { mean in invstd.withUnsafeBufferPointer { invstd in
                sumDy.withUnsafeMutableBufferPointer { sumDy in sumDyXHat.withUnsafeMutableBufferPointer { sumDyXHat in
                    layout.forEach { i, c in
                        sumDy[c] += Double(g[i])
                        sumDyXHat[c] += Double(g[i] * ((x[i] - mean[c]) * invstd[c]))
                    }
                    let sums = sumDy.map { Float($0) }, sumsXHat = sumDyXHat.map { Float($0) }
                    dx.withUnsafeMutableBufferPointer { dx in
                        scale.withUnsafeBufferPointer { scale in
                            if batchStatistics {
                                layout.forEach { i, c in dx[i] = scale[c] * (n * g[i] - sums[c] - (x[i] - mean[c]) * invstd[c] * sumsXHat[c]) }
                            } else {
                                layout.forEach { i, c in dx[i] = scale[c] * g[i] }
                            }
                        }
                    }
                }}
            }}
        }}
        return (dx, sumDy, sumDyXHat)
    }

    private func updateRunningStatistics(_ statistics: ChannelLayout.Statistics, count: Int, trace: Trace?) throws {
        guard let runningMean, let runningVar, let batchesTracked else { return }
        let tracked = try batchesTracked.tensor.item() + 1
        try batchesTracked.tensor.assignElements(from: Tensor(scalar: tracked, dtype: .int64))
        let m = momentum ?? 1 / Double(tracked)
        let correction = Double(count) / Double(count - 1)
        if let trace {
            trace.record("running_mean before", runningMean.tensor)
            trace.record("running_var before", runningVar.tensor)
            trace.note("momentum", momentum == nil ? "None: 1/num_batches_tracked = 1/\(Int(tracked))" : PythonFloat.repr(m))
        }
        // In float32, as PyTorch's CPU kernel updates them.
        let weight = Float(m), keep = 1 - Float(m)
        let (oldMean, oldVar) = (runningMean.tensor.floats, runningVar.tensor.floats)
        let newMean = (0..<features).map { weight * Float(statistics.mean[$0]) + keep * oldMean[$0] }
        let newVar = (0..<features).map { weight * Float(statistics.biasedVariance[$0] * correction) + keep * oldVar[$0] }
        try runningMean.tensor.assignElements(from: try Tensor(newMean))
        try runningVar.tensor.assignElements(from: try Tensor(newVar))
        if let trace {
            trace.record("running_mean after (1 − m)·old + m·mean", runningMean.tensor)
            trace.record("running_var after (1 − m)·old + m·var·n/(n − 1)", runningVar.tensor)
        }
    }

    private func checkShape(_ input: Tensor) throws {
        if spatialRank == 2 {
            guard input.rank == 4 else { throw TensorError(.valueError, "expected 4D input (got \(input.rank)D input)") }
        } else {
            guard input.rank == 2 || input.rank == 3 else {
                throw TensorError(.valueError, "expected 2D or 3D input (got \(input.rank)D input)")
            }
        }
        guard input.shape[1] == features else {
            throw TensorError(.runtimeError, "running_mean should contain \(input.shape[1]) elements not \(features)")
        }
    }
}

/// Where channel c's values sit in a row-major (N, C, ...) tensor: channel = (i / inner) % C.
struct ChannelLayout: Sendable {
    let channels: Int
    let inner: Int
    let total: Int

    init(_ shape: [Int]) {
        channels = shape.count > 1 ? shape[1] : 1
        inner = shape.dropFirst(2).reduce(1, *)
        total = shape.reduce(1, *)
    }

    /// The values per channel: batch size × positions.
    var count: Int { channels == 0 ? 0 : total / channels }

    func channel(of index: Int) -> Int { (index / inner) % channels }

    /// Calls `body(index, channel)` for every element, in memory order: (batch, channel, rest).
    @inline(__always)
    func forEach(_ body: (Int, Int) -> Void) {
        guard channels > 0, inner > 0 else { return }
        if inner == 1 {
            // (batch, channel) rows: the channel loop runs over consecutive elements, and the
            // compiler can vectorise it (each channel still adds its values row by row).
            for row in stride(from: 0, to: total, by: channels) {
                for c in 0..<channels { body(row + c, c) }
            }
            return
        }
        var i = 0
        for _ in 0..<(total / (channels * inner)) {
            for c in 0..<channels {
                for _ in 0..<inner {
                    body(i, c)
                    i += 1
                }
            }
        }
    }

    @inline(__always)
    func map(_ values: [Float], _ f: (Float, Int) -> Float) -> [Float] {
        var result = [Float](repeating: 0, count: total)
        values.withUnsafeBufferPointer { x in
            result.withUnsafeMutableBufferPointer { out in
                forEach { i, c in out[i] = f(x[i], c) }
            }
        }
        return result
    }

    struct Statistics {
        let mean: [Double]
        let biasedVariance: [Double]
    }

    /// Mean and biased variance per channel, accumulated in double as PyTorch's CPU kernel does.
    func statistics(_ values: [Float]) -> Statistics {
        var sum = [Double](repeating: 0, count: channels)
        forEach { i, c in sum[c] += Double(values[i]) }
        let mean = sum.map { $0 / Double(count) }
        var squares = [Double](repeating: 0, count: channels)
        forEach { i, c in
            let d = Double(values[i]) - mean[c]
            squares[c] += d * d
        }
        return Statistics(mean: mean, biasedVariance: squares.map { $0 / Double(count) })
    }
}
