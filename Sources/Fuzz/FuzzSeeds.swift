import Foundation
import Frameworks
import Lessons
import Python

/// The fuzzer's starting points, made from what regtutor already runs: every lesson cell and
/// exercise, every parity and program test script, every `help()` example; and its dictionary:
/// the language's keywords, every built-in's name and the numbers that find edge cases.
enum FuzzSeeds {
    /// The imports a `help()` example may assume.
    static let preamble = """
        import torch
        import torch.nn as nn
        import torch.nn.functional as F
        import torch.optim as optim
        import numpy as np

        """

    /// Writes `seeds/` (one program per file) and `regtutor.dict` into `folder`.
    static func write(to folder: URL, sourceRoot: URL) {
        let seeds = folder.appendingPathComponent("seeds")
        try? FileManager.default.createDirectory(at: seeds, withIntermediateDirectories: true)
        for (index, program) in programs(sourceRoot: sourceRoot).enumerated() {
            try? Data(program.utf8).write(to: seeds.appendingPathComponent(String(format: "seed-%05d.py", index)))
        }
        try? Data(dictionary().utf8).write(to: folder.appendingPathComponent("regtutor.dict"))
    }

    static func programs(sourceRoot: URL) -> [String] {
        var programs: [String] = []
        if let course = try? Course.load(from: sourceRoot.appendingPathComponent("lessons")) {
            for lesson in course.lessons {
                for step in lesson.steps {
                    let cells = step.blocks.compactMap { block -> String? in
                        if case .cell(let cell) = block { return cell.source } else { return nil }
                    }
                    programs += cells
                    if let exercise = step.exercise {
                        programs.append(cells.joined(separator: "\n") + "\n" + (exercise.starter ?? "") + "\n" + exercise.check)
                        programs.append(cells.joined(separator: "\n") + "\n" + exercise.solution + "\n" + exercise.check)
                    }
                }
            }
        }
        for folder in ["Tests/FrameworksTests/Parity", "Tests/PythonTests/Programs"] {
            let url = sourceRoot.appendingPathComponent(folder)
            let names = (try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []
            for name in names.sorted() where name.hasSuffix(".py") {
                if let text = try? String(contentsOf: url.appendingPathComponent(name), encoding: .utf8) { programs.append(text) }
            }
        }
        let examples = Interpreter.withFrameworks().builtins.entries.map(\.example).filter { !$0.isEmpty }
        programs += examples.map { preamble + $0 }
        return programs
    }

    /// libFuzzer's dictionary format: one quoted token per line.
    static func dictionary() -> String {
        var tokens = Set(Interpreter.reservedWords)
        for entry in Interpreter.withFrameworks().builtins.entries {
            tokens.insert(entry.name)
            if let last = entry.owner.split(separator: ".").last { tokens.insert(String(last)) }
        }
        tokens.formUnion(["0", "-1", "2**62", "-2**63", "2**31", "1e308", "-1e308", "1e-308", "float('nan')", "float('inf')",
                          "(2**40, 2**40)", "[[[[", "]]]]", "lambda x: x", "**", "//", "@", ":=", "...", "\"\"\"", "\\x00", "\u{FEFF}"])
        return tokens.sorted().map { "\"" + escaped($0) + "\"" }.joined(separator: "\n") + "\n"
    }

    /// A token as libFuzzer reads it: printable ASCII as is (but `"` and `\`), the rest as \xNN.
    static func escaped(_ token: String) -> String {
        token.utf8.map { byte in
            switch byte {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"): return "\\" + String(UnicodeScalar(byte))
            case 0x20..<0x7F: return String(UnicodeScalar(byte))
            default: return String(format: "\\x%02X", byte)
            }
        }.joined()
    }
}
