import CMemory
import Synchronization

/// The memory a session may use: tensors, lists, strings and everything else together. Sizes are
/// checked before memory is taken, so a program that asks for too much gets a `MemoryError`
/// instead of the allocator aborting the process.
///
/// The budget is on what the process has allocated (the C heap and its large mappings), checked
/// before every large allocation and every few thousand steps of a loop.
///
/// ```swift
/// try MemoryBudget.reserve(bytes: 4 * count)   // before making a tensor of `count` floats
/// ```
public enum MemoryBudget {
    private static let storage = Atomic<Int>(defaultLimit)

    /// 4 GiB: far more than any lesson needs, far less than what takes a machine down.
    public static let defaultLimit = 4 << 30

    /// Allocations smaller than this are not checked one by one (the periodic check sees them).
    public static let checkThreshold = 1 << 20

    private static let optionName = Mutex("regtutor --memory-limit")

    /// The command-line option that changes the limit, named in `MemoryError`'s advice
    /// (`regtutor grade` children say `regtutor grade --memory`).
    public static var limitOption: String {
        get { optionName.withLock { $0 } }
        set { optionName.withLock { $0 = newValue } }
    }

    /// The limit in bytes (`--memory-limit` sets it).
    public static var limit: Int {
        get { storage.load(ordering: .relaxed) }
        set { storage.store(max(newValue, 64 << 20), ordering: .relaxed) }
    }

    /// Tunes the allocator for training loops: freed tensors stay in the heap for the next step
    /// (the budget still counts only what is in use).
    public static func keepFreedMemory() { regtutor_keep_freed_memory() }

    /// Bytes allocated now.
    public static var inUse: Int { Int(clamping: regtutor_heap_bytes()) }

    /// Throws `MemoryLimitError` when `bytes` more would pass the limit.
    public static func reserve(bytes: Int) throws {
        guard bytes >= checkThreshold else { return }
        let (total, overflow) = inUse.addingReportingOverflow(bytes)
        if overflow || total > limit { throw MemoryLimitError(requested: bytes, limit: limit) }
    }

    /// Throws when the process is already past the limit (the periodic check).
    public static func check() throws {
        if inUse > limit { throw MemoryLimitError(requested: 0, limit: limit) }
    }

    /// `2G`, `512M`, `1500000000`: a size as the command line takes it.
    public static func parse(_ text: String) -> Int? {
        let units: [Character: Int] = ["K": 1 << 10, "M": 1 << 20, "G": 1 << 30]
        var digits = text.uppercased()
        var scale = 1
        if digits.hasSuffix("B") { digits.removeLast() }
        if let last = digits.last, let unit = units[last] {
            scale = unit
            digits.removeLast()
        }
        guard let number = Int(digits), number > 0 else { return nil }
        let (bytes, overflow) = number.multipliedReportingOverflow(by: scale)
        return overflow ? nil : bytes
    }
}

/// What a program that wanted more than the memory budget gets: Python's `MemoryError`.
public struct MemoryLimitError: Error, CustomStringConvertible, Sendable {
    /// The bytes asked for (0 when the budget was found exceeded afterwards).
    public let requested: Int
    /// The budget.
    public let limit: Int

    public init(requested: Int, limit: Int) {
        self.requested = requested
        self.limit = limit
    }

    public var description: String {
        let gib = { (bytes: Int) in
            bytes < 1 << 30 ? String(bytes >> 20) + " MiB" : String((Double(bytes) / Double(1 << 30) * 10).rounded() / 10) + " GiB"
        }
        if requested == Int.max {
            return "the result would be larger than any memory: past regtutor's memory limit of \(gib(limit))"
        }
        if requested > 0 {
            return "this would need \(gib(requested)) more, past regtutor's memory limit of \(gib(limit)) (\(MemoryBudget.limitOption) changes it)"
        }
        return "the program uses more than regtutor's memory limit of \(gib(limit)) (\(MemoryBudget.limitOption) changes it)"
    }
}
