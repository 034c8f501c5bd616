import Foundation
import Testing
@testable import Python

/// Whole Python programs, run by the core alone (no framework names), against what CPython 3.11
/// printed for them (`python3 FILE.py > FILE.out 2>&1`): class semantics, exceptions through
/// methods and `finally`, context managers, decorators, and tracebacks with their carets.
@Suite struct ProgramTests {
    static let programs = ["classes", "generators", "random_collections", "traceback_t1", "traceback_t2", "traceback_t3", "traceback_t4", "imports"]

    @Test(arguments: programs)
    func printsWhatCPythonPrinted(_ name: String) throws {
        let folder = try #require(Bundle.module.url(forResource: "Programs", withExtension: nil))
        let source = try String(contentsOf: folder.appendingPathComponent(name + ".py"), encoding: .utf8)
        let expected = try String(contentsOf: folder.appendingPathComponent(name + ".out"), encoding: .utf8)
        let session = Interpreter()
        var output = ""
        session.output = { output += $0 }
        switch session.run(source, fileName: name + ".py") {
        case .success: break
        case .syntaxError(_, let report), .failure(_, let report): output += report + "\n"
        }
        #expect(output == expected)
    }
}
