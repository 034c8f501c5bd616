/// The three loops behind every matrix product, on raw row-major buffers. Each keeps its innermost
/// loop running along contiguous memory, which is what makes a matrix multiply fast.
enum MatrixKernels {
    /// C[m×n] = A[m×k] · B[k×n]. For each row i and each k, adds A[i,k] times row k of B to row i of C.
    static func multiply(
        _ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, into c: UnsafeMutablePointer<Float>,
        m: Int, k: Int, n: Int
    ) {
        c.initialize(repeating: 0, count: m * n)
        let rowsPerCheck = Swift.max(1, (1 << 22) / Swift.max(1, k * n))
        for i in 0..<m {
            if i % rowsPerCheck == 0 && i > 0 && LongWork.shouldStop { return }
            let row = c + i * n
            for p in 0..<k {
                let aip = a[i * k + p]
                if aip == 0 { continue }
                let bRow = b + p * n
                for j in 0..<n { row[j] += aip * bRow[j] }
            }
        }
    }

    /// C[m×n] = A[m×k] · Bᵀ, with B stored as [n×k]: each element is a dot product of two rows.
    static func multiplyTransposedB(
        _ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, into c: UnsafeMutablePointer<Float>,
        m: Int, k: Int, n: Int
    ) {
        let rowsPerCheck = Swift.max(1, (1 << 22) / Swift.max(1, k * n))
        for i in 0..<m {
            if i % rowsPerCheck == 0 && i > 0 && LongWork.shouldStop {
                for rest in (i * n)..<(m * n) { c[rest] = 0 }
                return
            }
            let aRow = a + i * k
            for j in 0..<n {
                let bRow = b + j * k
                var total: Float = 0
                for p in 0..<k { total += aRow[p] * bRow[p] }
                c[i * n + j] = total
            }
        }
    }

    /// C[m×n] = Aᵀ · B, with A stored as [k×m] and B as [k×n]: adds A[p,i] times row p of B to row i.
    static func multiplyTransposedA(
        _ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, into c: UnsafeMutablePointer<Float>,
        m: Int, k: Int, n: Int
    ) {
        c.initialize(repeating: 0, count: m * n)
        let stepsPerCheck = Swift.max(1, (1 << 22) / Swift.max(1, m * n))
        for p in 0..<k {
            if p % stepsPerCheck == 0 && p > 0 && LongWork.shouldStop { return }
            let bRow = b + p * n
            for i in 0..<m {
                let api = a[p * m + i]
                if api == 0 { continue }
                let row = c + i * n
                for j in 0..<n { row[j] += api * bRow[j] }
            }
        }
    }

    /// Which operand is stored transposed.
    enum Layout { case plain, transposedA, transposedB }

    /// A [rows×columns] product of two buffers, as a new array. A long product stops early when
    /// asked to (Ctrl-C, a time limit) and throws the reason.
    static func product(_ a: [Float], _ b: [Float], m: Int, k: Int, n: Int, layout: Layout) throws -> [Float] {
        let result = unchecked(a, b, m: m, k: k, n: n, layout: layout)
        if m * n * k >= 1 << 22 { try LongWork.checkpoint() }
        return result
    }

    private static func unchecked(_ a: [Float], _ b: [Float], m: Int, k: Int, n: Int, layout: Layout) -> [Float] {
        [Float](unsafeUninitializedCapacity: m * n) { c, initialized in
            a.withUnsafeBufferPointer { pa in
                b.withUnsafeBufferPointer { pb in
                    guard let a = pa.baseAddress, let b = pb.baseAddress, let out = c.baseAddress else { return }
                    switch layout {
                    case .plain: multiply(a, b, into: out, m: m, k: k, n: n)
                    case .transposedA: multiplyTransposedA(a, b, into: out, m: m, k: k, n: n)
                    case .transposedB: multiplyTransposedB(a, b, into: out, m: m, k: k, n: n)
                    }
                }
            }
            if a.isEmpty || b.isEmpty || m * n == 0 {
                for i in 0..<(m * n) { c[i] = 0 }
            }
            initialized = m * n
        }
    }
}
