import CKernels
import Common

/// Every matrix product in the engine, on raw row-major buffers, computed by the C kernel in
/// `Sources/CKernels/sgemm.c` (packed panels of B, a 6×16 register block, AVX2 with FMA when the
/// CPU has it). Each element is the fused multiply-add chain over k in order on every path, so
/// results are the same bit for bit on every machine.
enum MatrixKernels {
    /// Which operand is stored transposed.
    enum Layout { case plain, transposedA, transposedB }

    /// A [rows×columns] product of two buffers, as a new array. A long product stops early when
    /// asked to (Ctrl-C, a time limit) and throws the reason.
    static func product(_ a: [Float], _ b: [Float], m: Int, k: Int, n: Int, layout: Layout) throws -> [Float] {
        // The kernel packs B into 16-column panels: ask the budget for that copy first.
        let (panelColumns, overflow) = ((n + 15) / 16 * 16).multipliedReportingOverflow(by: k)
        try MemoryBudget.reserve(bytes: overflow ? Int.max : panelColumns.multipliedReportingOverflow(by: MemoryLayout<Float>.stride).partialValue)
        var status: Int32 = 0
        let result = unchecked(a, b, m: m, k: k, n: n, layout: layout, status: &status)
        if status == 2 { throw MemoryLimitError(requested: k * n * MemoryLayout<Float>.stride, limit: MemoryBudget.limit) }
        if status == 1 || m * n * k >= 1 << 22 { try LongWork.checkpoint() }
        return result
    }

    private static func unchecked(_ a: [Float], _ b: [Float], m: Int, k: Int, n: Int, layout: Layout, status: inout Int32) -> [Float] {
        // Where A(i, p) and B(p, j) are in their buffers, for each layout.
        let (aRow, aColumn) = layout == .transposedA ? (1, m) : (k, 1)
        let (bRow, bColumn) = layout == .transposedB ? (1, k) : (n, 1)
        return [Float](unsafeUninitializedCapacity: m * n) { c, initialized in
            initialized = m * n
            guard let out = c.baseAddress else { return }
            // The kernel writes every element unless an operand is empty or it was asked to stop.
            guard !a.isEmpty, !b.isEmpty else {
                out.initialize(repeating: 0, count: m * n)
                return
            }
            a.withUnsafeBufferPointer { pa in
                b.withUnsafeBufferPointer { pb in
                    guard let a = pa.baseAddress, let b = pb.baseAddress else { return }
                    status = regtutor_sgemm(Int64(m), Int64(n), Int64(k), a, Int64(aRow), Int64(aColumn), b, Int64(bRow), Int64(bColumn), out,
                                       { LongWork.shouldStop ? 1 : 0 })
                }
            }
            if status != 0 { out.initialize(repeating: 0, count: m * n) }   // stopped part-way: no stale values
        }
    }
}

/// How many threads a large matrix product may use (PyTorch's `torch.set_num_threads`): 1 or 2,
/// by default the cores the process may run on, at most 2. Results do not depend on it: the
/// rows of the product are split between the threads, each element is summed the same way.
///
/// ```swift
/// KernelThreads.requested = 1   // like torch.set_num_threads(1)
/// ```
public enum KernelThreads {
    /// The threads in use: `requested` clamped to 1...2.
    public static var count: Int { Int(regtutor_sgemm_threads()) }

    /// The number last asked for (what `torch.get_num_threads()` answers); at first `count`.
    public static var requested: Int {
        get { asked ?? count }
        set {
            asked = newValue
            regtutor_sgemm_set_threads(Int32(clamping: newValue))
        }
    }

    nonisolated(unsafe) private static var asked: Int?
}
