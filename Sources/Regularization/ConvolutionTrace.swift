import Foundation
import NeuralNet
import TensorEngine

/// `trace(conv, x)`: a convolution as a matrix product, worked through for the first image.
///
/// 1. the input; 2. its windows unfolded into columns (im2col), one column per output position;
/// 3. the filters as rows; 4. the first output worked out by hand, w · patch + b; 5. the output.
extension Convolution: TraceableModule {
    public func forward(_ input: Tensor, trace: Trace?) throws -> Tensor {
        let output = try forward(input)
        guard let trace else { return output }
        trace.note("rule", "each output is one filter · one window of the input + the filter's bias (im2col turns the windows into columns, so all outputs are one matrix product)")
        trace.record("input x", input)
        guard dimensions == 2, groups == 1, paddingMode == "zeros", input.rank == 4, input.shape[0] > 0, case .amounts(let pad) = padding else {
            trace.record("output", output)
            return output
        }
        let geometry = WindowGeometry(kernel: (kernelSize[0], kernelSize[1]), stride: (stride[0], stride[1]),
                                      padding: (pad[0], pad[0], pad[1], pad[1]), dilation: (dilation[0], dilation[1]))
        let first = try input.detached().narrowed(dim: 0, start: 0, length: 1)
        let columns = try Tensor.unfold(first, geometry: geometry).squeezed(dim: 0)
        trace.record("windows of image 0 as columns (im2col): \(columns.shape[0]) taps × \(columns.shape[1]) positions", columns)
        let filters = try weight.tensor.detached().reshaped([outChannels, columns.shape[0]])
        trace.record("filters as rows: \(outChannels) × \(columns.shape[0])", filters)
        trace.note("output[0, 0, 0, 0] by hand", try handWorked(filters: filters, columns: columns, output: output))
        trace.record("output (filters @ columns + bias, per image)", output)
        return output
    }

    /// "w · patch + b = 0.1·1 + 0.2·0 + ... + 0.05 = 0.35" for filter 0 and the first window.
    private func handWorked(filters: Tensor, columns: Tensor, output: Tensor) throws -> String {
        let taps = columns.shape[0], positions = columns.shape[1]
        func short(_ x: Float) -> String { x == x.rounded() && Swift.abs(x) < 1e6 ? String(Int(x)) : String(format: "%.4f", Double(x)) }
        let (f, c) = (filters.floats, columns.floats)
        let terms = (0..<taps).map { k in "\(short(f[k]))·\(short(c[k * positions]))" }
        let shown = terms.count > 6 ? terms.prefix(3).joined(separator: " + ") + " + … + " + terms.suffix(2).joined(separator: " + ") : terms.joined(separator: " + ")
        let biasText = bias.map { " + " + short($0.tensor.floats[0]) } ?? ""
        return "w[0] · window 0\(bias == nil ? "" : " + b[0]") = " + shown + biasText + " = " + short(output.floats[0])
    }
}
