import Testing
@testable import TensorEngine

/// The fixed inputs of the op tests (the same lists are given to PyTorch to produce the values).
enum Inputs {
    static let a: [[Float]] = [[0.5, -1.2, 2.0], [1.5, 0.3, -0.7]]
    static let b: [[Float]] = [[1.1, 0.4, -0.3], [-2.0, 0.9, 1.3]]
    /// Upstream weights: every test backpropagates `(y * w).sum()`.
    static let w: [[Float]] = [[0.3, -0.8, 1.1], [0.6, 0.2, -0.4]]
    /// Positive inputs, for log, sqrt and friends.
    static let p: [[Float]] = [[0.2, 0.7, 1.3], [2.1, 0.05, 3.0]]
}

/// Expects `tensor`'s elements to equal `expected` within `tolerance` (absolute plus relative).
func expectValues(_ tensor: Tensor?, _ expected: [Double], tolerance: Double = 1e-5,
                  sourceLocation: SourceLocation = #_sourceLocation) {
    guard let tensor else {
        Issue.record("expected a tensor, got nil", sourceLocation: sourceLocation)
        return
    }
    #expect(tensor.count == expected.count, "element count", sourceLocation: sourceLocation)
    for (i, (actual, wanted)) in zip(tensor.doubles, expected).enumerated() {
        let close = (actual.isNaN && wanted.isNaN) || Swift.abs(actual - wanted) <= tolerance * (1 + Swift.abs(wanted))
        #expect(close, "element \(i): \(actual) vs \(wanted)", sourceLocation: sourceLocation)
    }
}

/// Compares the gradient autograd computes for `(f(x) * w).sum()` with central finite differences.
func expectGradientMatchesFiniteDifferences(_ f: (Tensor) throws -> Tensor, at input: [[Float]],
                                            weights: [[Float]] = Inputs.w, step: Float = 1e-2, tolerance: Float = 1e-2,
                                            sourceLocation: SourceLocation = #_sourceLocation) throws {
    let x = try Tensor(input).requiringGrad()
    let upstream = try Tensor(weights)
    func loss(_ t: Tensor) throws -> Double { try (try f(t) * upstream).sum().item() }
    try (try f(x) * upstream).sum().backward()
    guard let analytic = x.grad else {
        Issue.record("no gradient", sourceLocation: sourceLocation)
        return
    }
    let base = input.flatMap { $0 }
    let gradient = analytic.floats
    for i in 0..<base.count {
        // A step relative to the value keeps the difference accurate near 0 for 1/x and log x.
        let h = base[i] == 0 ? step : step * Swift.min(1, Swift.abs(base[i]))
        var plusValues = base, minusValues = base
        plusValues[i] += h
        minusValues[i] -= h
        let shape = [input.count, input.first?.count ?? 0]
        let plus = try Tensor(plusValues, shape: shape), minus = try Tensor(minusValues, shape: shape)
        let numeric = Float(try loss(plus) - loss(minus)) / (2 * h)
        let difference = Swift.abs(gradient[i] - numeric)
        #expect(difference <= tolerance * (1 + Swift.abs(numeric)),
                "d/dx[\(i)]: autograd \(gradient[i]) vs finite difference \(numeric)", sourceLocation: sourceLocation)
    }
}

/// Expects `body` to throw a TensorError with exactly this message.
func expectError(_ message: String, kind: TensorError.Kind? = nil, sourceLocation: SourceLocation = #_sourceLocation,
                 _ body: () throws -> Void) {
    do {
        try body()
        Issue.record("expected the error \"\(message)\", nothing was thrown", sourceLocation: sourceLocation)
    } catch let error as TensorError {
        #expect(error.message == message, sourceLocation: sourceLocation)
        if let kind { #expect(error.kind == kind, sourceLocation: sourceLocation) }
    } catch {
        Issue.record("unexpected error \(error)", sourceLocation: sourceLocation)
    }
}

extension Tensor {
    /// The elements as float32 values, for the tests' comparisons.
    var elements: [Float] { floats }
}
