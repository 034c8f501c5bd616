import Common
import Foundation

/// The memory behind one or more tensors: a block of bytes that views share.
///
/// A tensor is a window on a storage — its sizes, strides and offset say which elements it sees
/// and in what order — so `x.t()`, `x[0]` and `x.view(3, 2)` all read and write the same bytes
/// as `x`. PyTorch and NumPy keep arrays the same way.
///
/// Every storage also carries the version counter autograd checks: each in-place write to any
/// view of the storage bumps it, and a tensor saved for `backward()` that has been written to
/// since is refused. `x.data` is the one way to reach the same bytes under a separate counter
/// (an alias storage), exactly as PyTorch's `.data` escapes its version checks.
///
/// ```swift
/// let s = try Storage(count: 6, dtype: .float32)   // 24 bytes, zeroed
/// ```
public final class Storage {
    /// The first byte.
    let bytes: UnsafeMutableRawPointer
    /// The size of the block in bytes.
    public let byteCount: Int
    /// The storage that owns the bytes, for an alias (`.data`); nil for an owner.
    private let owner: Storage?
    /// How many in-place writes this storage has seen (PyTorch's `_version`).
    public internal(set) var version = 0
    /// True for the small blocks Swift allocated (freed by Swift, not `free`).
    private var allocatedBySwift = false

    /// A block for `count` elements of `dtype`, after asking the memory budget; zeroed unless
    /// the caller is about to write every element.
    ///
    /// Callers check the element count first (`Shape.count`); this checks the bytes.
    init(count: Int, dtype: DType, zeroed: Bool = true) throws {
        let (size, overflow) = count.multipliedReportingOverflow(by: dtype.itemSize)
        guard !overflow else { throw MemoryLimitError(requested: Int.max, limit: MemoryBudget.limit) }
        try MemoryBudget.reserve(bytes: size)
        // One byte at least, so that `bytes` is a real address even for an empty tensor.
        guard let block = zeroed ? calloc(Swift.max(size, 1), 1) : malloc(Swift.max(size, 1)) else {
            throw MemoryLimitError(requested: size, limit: MemoryBudget.limit)
        }
        bytes = block
        byteCount = size
        owner = nil
    }

    /// A zeroed block of a few bytes (one scalar), which cannot fail short of the whole process
    /// running out of memory, as any Swift array would.
    init(scalarOf dtype: DType) {
        bytes = UnsafeMutableRawPointer.allocate(byteCount: 8, alignment: 8)
        bytes.initializeMemory(as: UInt64.self, repeating: 0, count: 1)
        byteCount = dtype.itemSize
        owner = nil
        allocatedBySwift = true
    }

    /// An alias of `other`'s bytes with a counter of its own (what `.data` gives).
    init(aliasing other: Storage) {
        bytes = other.bytes
        byteCount = other.byteCount
        owner = other.owner ?? other
    }

    deinit {
        guard owner == nil else { return }
        if allocatedBySwift { bytes.deallocate() } else { free(bytes) }
    }

    /// The bytes as elements of type `T`.
    @inline(__always)
    func pointer<T>(_ type: T.Type) -> UnsafeMutablePointer<T> {
        bytes.assumingMemoryBound(to: T.self)
    }

    /// True when `other` is this storage or an alias of the same bytes (`data_ptr` equality).
    public func sharesMemory(with other: Storage) -> Bool { bytes == other.bytes }

    /// The address of the first byte, for `data_ptr()`.
    public var address: Int { Int(bitPattern: bytes) }

    /// Records one in-place write.
    func bumpVersion() { version &+= 1 }
}
