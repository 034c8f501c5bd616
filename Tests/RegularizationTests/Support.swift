import Testing
import TensorEngine

/// Expects `tensor`'s elements to equal `expected` within `tolerance` (absolute plus relative).
func expectValues(_ tensor: Tensor?, _ expected: [Double], tolerance: Double = 1e-5,
                  sourceLocation: SourceLocation = #_sourceLocation) {
    guard let tensor else {
        Issue.record("expected a tensor, got nil", sourceLocation: sourceLocation)
        return
    }
    #expect(tensor.count == expected.count, "element count \(tensor.count) vs \(expected.count)", sourceLocation: sourceLocation)
    for (i, (actual, wanted)) in zip(tensor.elements, expected).enumerated() {
        let close = Swift.abs(Double(actual) - wanted) <= tolerance * (1 + Swift.abs(wanted))
        #expect(close, "element \(i): \(actual) vs \(wanted)", sourceLocation: sourceLocation)
    }
}

/// A 5 × 5 test image with values 0, 0.04, ..., 0.96 (torch.arange(25.)/25), one channel.
func ramp(_ height: Int, _ width: Int) throws -> Tensor {
    let n = height * width
    return try Tensor((0..<n).map { Float($0) / Float(n) }, shape: [1, height, width])
}
