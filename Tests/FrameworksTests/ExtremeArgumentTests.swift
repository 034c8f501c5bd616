import Foundation
import Testing
@testable import Frameworks
@testable import Python

/// The property behind issue 3/6: every built-in, called with extreme or wrong values, returns a
/// value or raises a named Python exception, and never traps (a trap ends this whole test run).
@Suite struct ExtremeArgumentTests {
    /// Numbers at the edges, a huge shape, wrong types, empty and nested containers.
    static let values = ["0", "-1", "2**62", "-2**63", "1e308", "-1e308", "float('nan')", "float('inf')",
                         "(2**40, 2**40)", "'x'", "None", "[[1e308, -1]]", "torch.zeros(0)"]

    /// Where the callables come from: every module, and a fresh object of every kind that has
    /// methods (made anew for each call, since a call may change it).
    static let owners = Interpreter.withFrameworks().builtins.modules.keys.sorted().filter { !$0.hasPrefix("tensorflow") } + [
        "torch.ones(2, 3)", "torch.ones(2, 3).shape", "np.ones((2, 3))", "np.float64(1.5)", "'ab'", "[1, 2]", "(1, 2)", "{'a': 1}", "{1, 2}", "1.5",
        "nn.Linear(2, 3)", "nn.Sequential(nn.Linear(2, 2), nn.Dropout(0.5))", "nn.BatchNorm1d(2)",
        "optim.SGD(nn.Linear(2, 1).parameters(), lr=0.1)", "optim.lr_scheduler.StepLR(optim.SGD(nn.Linear(2, 1).parameters(), lr=0.1), 1)",
        "keras.Sequential([keras.Input(shape=(2,)), keras.layers.Dense(2)])", "keras.layers.Dense(2)",
        "keras.Sequential([keras.Input(shape=(2,)), keras.layers.Dense(2)]).layers[0].kernel", "keras.metrics.MeanSquaredError()", "keras.regularizers.L2(0.1)", "keras.constraints.MaxNorm(2)",
        "keras.callbacks.EarlyStopping()", "torch.utils.data.TensorDataset(torch.ones(4, 2), torch.zeros(4))",
    ]

    static let preamble = """
        import torch
        import torch.nn as nn
        import torch.nn.functional as F
        import torch.optim as optim
        import numpy as np
        import keras

        """

    @Test(arguments: owners)
    func everyCallableGivesAValueOrANamedError(owner: String) throws {
        // The REPL runs code on a large stack; so does this test, so that only real faults fail it.
        nonisolated(unsafe) var failure: (any Error)?
        let done = DispatchSemaphore(value: 0)
        let thread = Thread {
            do { try self.callEverything(owner: owner) } catch { failure = error }
            done.signal()
        }
        thread.stackSize = 1 << 29
        thread.start()
        done.wait()
        if let failure { throw failure }
    }

    private func callEverything(owner: String) throws {
        let session = Interpreter.withFrameworks()
        session.output = { _ in }
        let isModule = Interpreter.withFrameworks().builtins.modules[owner] != nil
        let source = isModule ? "import \(owner)\n__owner = \(owner)" : "__owner = \(owner)"
        try #require(session.run(Self.preamble + source).succeeded, "cannot make \(owner)")
        let names = session.attributeNames(of: session.global("__owner") ?? .none).filter { !$0.hasPrefix("_") && !["exit", "quit", "help"].contains($0) }
        var calls = 0
        for name in names {
            _ = session.run("__f = __owner.\(name)\n__callable = callable(__f)")
            guard case .bool(true)? = session.global("__callable") else { continue }
            var argumentLists = (1...3).flatMap { arity in Self.values.map { Array(repeating: $0, count: arity).joined(separator: ", ") } }
            for parameter in keywordParameters(session.global("__f")) {
                argumentLists += Self.values.map { "\(parameter)=\($0)" }
            }
            for arguments in argumentLists {
                let call = isModule ? "\(owner).\(name)(\(arguments))" : "(\(owner)).\(name)(\(arguments))"
                if ProcessInfo.processInfo.environment["EXTREME_TRACE"] != nil { FileHandle.standardError.write(Data((call + "\n").utf8)) }
                let outcome = session.withTimeLimit(.seconds(5), named: "the test's limit") { session.run(call) }
                calls += 1
                if case .failure(let error, _) = outcome {
                    #expect(Self.isClearMessage(error), "\(call) -> \(error.className): \(error.message)")
                }
            }
        }
        if owner == "torch" { #expect(calls > 1000) }
    }

    /// The keyword parameters a built-in (or a built-in class) declares.
    private func keywordParameters(_ value: Value?) -> [String] {
        guard case .object(let object)? = value else { return [] }
        let entry = (object as? Builtin) ?? (object as? ClassObject)?.constructor
        return entry?.signature.parameters.filter { $0.kind == .normal || $0.kind == .keywordOnly }.map(\.name).filter { $0 != "self" } ?? []
    }

    /// A built-in exception whose message says something, and is not a Swift value dumped as text.
    static func isClearMessage(_ error: PythonError) -> Bool {
        if error.kind == .keyboardInterrupt || error.kind == .systemExit || error.kind == .stopIteration { return true }
        let dump = ["Optional(", "Swift.", "TensorError(", "PythonError(", "(kind:"].contains { error.message.contains($0) }
        return error.kind != .baseException && !error.message.trimmingCharacters(in: .whitespaces).isEmpty && !dump
    }
}
