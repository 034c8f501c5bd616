import Foundation
import Testing
@testable import Frameworks
@testable import Python

/// The same-program check: each script in Parity/ is a valid PyTorch program, and its .out file
/// is what PyTorch 2.15 printed for it (`python FILE.py > FILE.out` in a throwaway virtual
/// environment). regtutor must print the same, number for number.
@Suite struct ParityTests {
    static let scripts = ["rng_and_printing", "autograd", "training", "language", "regularization", "augmentation",
                          "classes_dropout", "classes_batchnorm", "classes_noisy", "classes_early_stopping", "classes_containers", "numpy_basics", "numpy_random", "sorting", "nn_init"]

    @Test(arguments: scripts)
    func printsWhatPyTorchPrinted(_ name: String) throws {
        let folder = try #require(Bundle.module.url(forResource: "Parity", withExtension: nil))
        let source = try String(contentsOf: folder.appendingPathComponent(name + ".py"), encoding: .utf8)
        let expected = try String(contentsOf: folder.appendingPathComponent(name + ".out"), encoding: .utf8)
        let result = Run.program(source)
        #expect(result.error == nil)
        #expect(result.output == expected)
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
