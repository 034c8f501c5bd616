import Common
import Foundation
import Frameworks
import Python

/// libFuzzer's entry point: each input is a program, run in a fresh session with its output
/// thrown away and a one-second deadline. An input that makes the process trap is a bug: libFuzzer
/// saves it, and it becomes a regression test. `make fuzz` builds and runs this.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    guard let data else { return 0 }
    let source = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    FuzzRun.run(source)
    return 0
}

/// Called once before the first input: a memory budget the fuzzer's own limit leaves room for,
/// and, when `REGTUTOR_FUZZ_SEEDS` names a folder, the seed corpus and dictionary written there.
@_cdecl("LLVMFuzzerInitialize")
public func fuzzInitialize(_ argc: UnsafeMutablePointer<Int32>?, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>?) -> Int32 {
    MemoryBudget.limit = 1 << 30
    if let folder = ProcessInfo.processInfo.environment["REGTUTOR_FUZZ_SEEDS"] {
        FuzzSeeds.write(to: URL(fileURLWithPath: folder), sourceRoot: URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
    }
    return 0
}

/// Runs one program as the REPL does: on a thread with the REPL's large stack.
enum FuzzRun {
    static let stackSize = 1 << 29
    static let timeLimit = Duration.seconds(1)
    static let alternateStackSize = 1 << 16

    static func run(_ source: String) {
        let done = DispatchSemaphore(value: 0)
        let thread = Thread {
            // A stack overflow must reach libFuzzer's handler, which needs a stack of its own.
            let alternate = UnsafeMutableRawPointer.allocate(byteCount: alternateStackSize, alignment: 16)
            var stack = stack_t(ss_sp: alternate, ss_flags: 0, ss_size: alternateStackSize)
            sigaltstack(&stack, nil)
            defer {
                var off = stack_t(ss_sp: nil, ss_flags: Int32(SS_DISABLE), ss_size: 0)
                sigaltstack(&off, nil)
                alternate.deallocate()
            }
            let session = Interpreter.withFrameworks()
            session.output = { _ in }
            session.clock = { 0 }
            _ = session.withTimeLimit(timeLimit, named: "the fuzzer's limit") { session.run(source, fileName: "<fuzz>") }
            done.signal()
        }
        thread.stackSize = stackSize
        thread.start()
        done.wait()
    }
}
