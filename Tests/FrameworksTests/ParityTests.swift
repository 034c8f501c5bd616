import Foundation
import Testing
@testable import Frameworks
@testable import Python

/// The same-program check: each script in Parity/ is a valid PyTorch program, and its .out file
/// is what PyTorch 2.15 printed for it (`python FILE.py > FILE.out` in a throwaway virtual
/// environment). regtutor must print the same, number for number.
///
/// The keras_ scripts are Keras 3.15 programs, recorded with `KERAS_BACKEND=torch python FILE.py`
/// on the CPU; in what they printed, each progress bar's terminal redraws were reduced to the
/// line they end on and the timings (`12ms/step`, `0s`) to 0, as regtutor's frozen test clock
/// prints them. Their numbers must agree to 1e-5 relative (Keras sums in float32 in a
/// different order, which moves the 7th digit).
@Suite struct ParityTests {
    static let scripts = ["rng_and_printing", "autograd", "training", "language", "regularization", "augmentation",
                          "classes_dropout", "classes_batchnorm", "classes_noisy", "classes_early_stopping", "classes_containers", "numpy_basics", "numpy_random", "sorting", "nn_init", "vision_hue", "vision_datasets"]
    static let kerasScripts = ["keras_l1_l2_sgd", "keras_dropout_adam", "keras_early_stopping", "keras_batchnorm", "keras_elastic_net",
                               "keras_noise", "keras_max_norm", "keras_add", "keras_output", "keras_callbacks", "keras_augmentation", "keras_conv", "keras_constraint_layers"]

    /// A Parity script and what the real library printed for it.
    static func script(_ name: String) throws -> (source: String, expected: String) {
        let folder = try #require(Bundle.module.url(forResource: "Parity", withExtension: nil))
        return (try String(contentsOf: folder.appendingPathComponent(name + ".py"), encoding: .utf8),
                try String(contentsOf: folder.appendingPathComponent(name + ".out"), encoding: .utf8))
    }

    @Test(arguments: scripts)
    func printsWhatPyTorchPrinted(_ name: String) throws {
        let (source, expected) = try Self.script(name)
        let result = Run.program(source)
        #expect(result.error == nil)
        #expect(result.output == expected)
    }

    /// Convolutions sum in a different order from PyTorch's kernels, which can move the 4th
    /// decimal printed; their numbers must agree to 1e-4 relative.
    static let summationOrderScripts = ["convolution"]

    @Test(arguments: summationOrderScripts)
    func printsWhatPyTorchPrintedToTheLastDigit(_ name: String) throws {
        let (source, expected) = try Self.script(name)
        let result = Run.program(source)
        #expect(result.error == nil, "\(result.error ?? "")")
        let mismatch = NumericText.firstMismatch(result.output, expected, relativeTolerance: 1e-4)
        #expect(mismatch == nil, "\(mismatch ?? "")\n--- regtutor printed:\n\(result.output)")
    }

    @Test(arguments: kerasScripts)
    func printsWhatKerasPrinted(_ name: String) throws {
        let (source, expected) = try Self.script(name)
        let session = Interpreter.withFrameworks()
        session.clock = { 0 }
        let result = Run.program(source, in: session)
        #expect(result.error == nil, "\(result.error ?? "")")
        let mismatch = NumericText.firstMismatch(result.output, expected, relativeTolerance: 1e-5)
        #expect(mismatch == nil, "\(mismatch ?? "")\n--- regtutor printed:\n\(result.output)")
    }
}

/// Compares printed text whose numbers may differ in their last digits: the words must be the
/// same, runs of spaces may differ (NumPy pads columns to the longest number), and numbers must
/// agree within a relative tolerance.
enum NumericText {
    private static func tokens(_ text: String) -> [String] {
        var result: [String] = []
        var current = ""
        var inNumber = false
        func flush() { if !current.isEmpty { result.append(current) }; current = "" }
        let characters = Array(text)
        for (i, c) in characters.enumerated() {
            let startsNumber = c.isNumber || ((c == "-" || c == ".") && i + 1 < characters.count && characters[i + 1].isNumber)
            let continuesNumber = c.isNumber || c == "." || ((c == "e" || c == "E") && i + 1 < characters.count && (characters[i + 1].isNumber || characters[i + 1] == "-" || characters[i + 1] == "+"))
                || ((c == "-" || c == "+") && i > 0 && (characters[i - 1] == "e" || characters[i - 1] == "E"))
            if inNumber && continuesNumber { current.append(c); continue }
            if c.isWhitespace { flush(); inNumber = false; continue }
            if startsNumber { flush(); current.append(c); inNumber = true; continue }
            if inNumber { flush(); inNumber = false }
            flush()
            result.append(String(c))
        }
        flush()
        return result
    }

    /// nil when the texts agree; otherwise the first difference.
    static func firstMismatch(_ actual: String, _ expected: String, relativeTolerance: Double) -> String? {
        let a = tokens(actual), e = tokens(expected)
        for (index, (x, y)) in zip(a, e).enumerated() where x != y {
            if let u = Double(x), let v = Double(y), abs(u - v) <= relativeTolerance * max(abs(u), abs(v)) + 1e-7 { continue }
            return "token \(index): printed \(x), expected \(y)"
        }
        return a.count == e.count ? nil : "printed \(a.count) tokens, expected \(e.count)"
    }
}

/// Runs code in a fresh session (or a given one) and collects what it printed and its error report.
enum Run {
    static func program(_ source: String, in session: Interpreter = Interpreter.withFrameworks(), interactive: Bool = false) -> (output: String, error: String?) {
        // A program that never ends fails its test (TimeoutError) instead of hanging the suite.
        let setsDeadline = session.deadline == nil
        if setsDeadline { session.deadline = .now + .seconds(120) }
        defer { if setsDeadline { session.deadline = nil } }
        var output = ""
        session.output = { output += $0 }
        switch session.run(source, fileName: "<test>", interactive: interactive) {
        case .success: return (output, nil)
        case .syntaxError(_, let report): return (output, report)
        case .failure(_, let report): return (output, report)
        }
    }

    /// The last line of the error report (`Kind: message`), or nil when the code ran.
    static func errorLine(_ source: String, in session: Interpreter = Interpreter.withFrameworks()) -> String? {
        program(source, in: session).error?.split(separator: "\n").last.map(String.init)
    }
}
