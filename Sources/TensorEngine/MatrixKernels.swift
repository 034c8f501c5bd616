import CKernels
import Common

/// Every matrix product in the engine, on 2-d views of any strides. float32 runs the C kernel in
/// `Sources/CKernels/sgemm.c` (packed panels of B, a 6×16 register block, AVX2 with FMA when the
/// CPU has it), where each element is the fused multiply-add chain over k in order on every path,
/// so results are the same bit for bit on every machine. float64 and the integers run a plain
/// loop in the same order.
enum MatrixKernels {
    /// The [m×n] product of two 2-d tensors of one dtype, as a new contiguous tensor. A long
    /// product stops early when asked to (Ctrl-C, a time limit) and throws the reason.
    static func product(_ a: Tensor, _ b: Tensor) throws -> Tensor {
        let (m, k, n) = (a.shape[0], a.shape[1], b.shape[1])
        let out = try Tensor(zeros: [m, n], dtype: a.dtype)
        switch a.dtype {
        case .float32: try floatProduct(a, b, into: out, m: m, k: k, n: n)
        case .float64: try plainProduct(Double.self, a, b, into: out, m: m, k: k, n: n)
        default:
            let wide = try plainProductInt64(a, b, m: m, k: k, n: n)
            return try wide.castForStorage(a.dtype)
        }
        return out
    }

    /// Which operand of an array product is stored transposed.
    enum Layout { case plain, transposedA, transposedB }

    /// A [m×n] float32 product of two row-major arrays (either stored transposed), as a new array.
    static func product(_ a: [Float], _ b: [Float], m: Int, k: Int, n: Int, layout: Layout) throws -> [Float] {
        let (aShape, bShape) = (layout == .transposedA ? [k, m] : [m, k], layout == .transposedB ? [n, k] : [k, n])
        var left = try Tensor(shape: aShape, elements: a), right = try Tensor(shape: bShape, elements: b)
        if layout == .transposedA { left = try left.t().detached() }
        if layout == .transposedB { right = try right.t().detached() }
        return try product(left, right).floats
    }

    private static func floatProduct(_ a: Tensor, _ b: Tensor, into out: Tensor, m: Int, k: Int, n: Int) throws {
        guard m > 0, n > 0, k > 0 else { return }
        // The kernel packs B into 16-column panels: ask the budget for that copy first.
        let (panelColumns, overflow) = ((n + 15) / 16 * 16).multipliedReportingOverflow(by: k)
        try MemoryBudget.reserve(bytes: overflow ? Int.max : panelColumns.multipliedReportingOverflow(by: MemoryLayout<Float>.stride).partialValue)
        let pa = a.storage.pointer(Float.self) + a.storageOffset, pb = b.storage.pointer(Float.self) + b.storageOffset
        let status = regtutor_sgemm(Int64(m), Int64(n), Int64(k),
                                    pa, Int64(a.strides[0]), Int64(a.strides[1]),
                                    pb, Int64(b.strides[0]), Int64(b.strides[1]),
                                    out.storage.pointer(Float.self), { LongWork.shouldStop ? 1 : 0 })
        if status == 2 { throw MemoryLimitError(requested: k * n * MemoryLayout<Float>.stride, limit: MemoryBudget.limit) }
        if status == 1 || m * n * k >= 1 << 22 { try LongWork.checkpoint() }
    }

    /// C(i, j) = Σₚ A(i, p)·B(p, j), summed over p in order.
    private static func plainProduct<T: FloatingElement>(_ t: T.Type, _ a: Tensor, _ b: Tensor, into out: Tensor, m: Int, k: Int, n: Int) throws {
        let pa = a.storage.pointer(T.self), pb = b.storage.pointer(T.self), c = out.storage.pointer(T.self)
        let (ar, ac, br, bc) = (a.strides[0], a.strides[1], b.strides[0], b.strides[1])
        for i in 0..<m {
            if i % 64 == 0 && LongWork.shouldStop { break }
            for p in 0..<k {
                let x = pa[a.storageOffset + i * ar + p * ac]
                let row = b.storageOffset + p * br
                for j in 0..<n { c[i * n + j] += x * pb[row + j * bc] }
            }
        }
        if m * n * k >= 1 << 20 { try LongWork.checkpoint() }
    }

    /// The integer product, in wrapping int64 arithmetic.
    private static func plainProductInt64(_ a: Tensor, _ b: Tensor, m: Int, k: Int, n: Int) throws -> Tensor {
        let x = a.int64s, y = b.int64s
        var c = [Int64](repeating: 0, count: m * n)
        for i in 0..<m {
            for p in 0..<k {
                let v = x[i * k + p]
                for j in 0..<n { c[i * n + j] = c[i * n + j] &+ v &* y[p * n + j] }
            }
        }
        try LongWork.checkpoint()
        return try Tensor(c, shape: [m, n], dtype: .int64)
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
