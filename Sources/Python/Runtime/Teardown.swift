/// Freeing containers nested millions deep without recursion. Swift frees a list by freeing its
/// items, each of which frees its own items...: one stack frame per level, so `a = [a]` repeated
/// three million times would overflow the stack when `a` is dropped. Instead a dying container
/// hands its items to a worklist here, and containers found in it that nobody else holds give up
/// their items to the same list before they go, so each one dies empty.
enum Teardown {
    /// Takes `items` (leaving it empty) and frees everything only it held, level by level.
    static func dismantle(_ items: inout [Value]) {
        guard items.contains(where: holdsValues) else { return }
        var pending = items
        items = []
        while var value = pending.popLast() {
            if var inner = value.takeTuple() {
                if holdsOnlyReference(&inner) { pending += inner }
            } else if var list = value.takeList() {
                if isKnownUniquelyReferenced(&list) {
                    pending += list.items
                    list.items = []
                }
            } else if var dict = value.takeDict() {
                if isKnownUniquelyReferenced(&dict) { pending += dict.takeAll() }
            }
        }
    }

    /// Stores `new` into a variable. When the value it replaces is a tuple (tuples have no
    /// `deinit` of their own), the old one is dismantled here, so `t = (t,)` three million times
    /// then `t = None` frees without recursion.
    @inline(__always)
    static func replace(_ variable: inout Value?, with new: Value?) {
        var old = new
        swap(&variable, &old)
        if case .tuple? = old { discard(&old) }
    }

    /// Frees a value that only the caller holds, level by level.
    static func discard(_ value: inout Value?) {
        guard let held = value.take() else { return }
        var items = [consume held]
        dismantle(&items)
    }

    /// Whether `items` holds the only reference to its storage, so that dropping it frees the
    /// items. Arrays have no public uniqueness test; asking for mutable access copies storage that
    /// is shared, so a new address means it was shared (the copy, one level deep, is dropped).
    private static func holdsOnlyReference(_ items: inout [Value]) -> Bool {
        let before = items.withUnsafeBufferPointer { UnsafeRawPointer($0.baseAddress) }
        let after = items.withUnsafeMutableBufferPointer { UnsafeRawPointer($0.baseAddress) }
        return before == after
    }

    /// Whether freeing this value may free more values.
    private static func holdsValues(_ value: Value) -> Bool {
        switch value {
        case .list, .tuple, .dict: return true
        default: return false
        }
    }
}

private extension Value {
    /// The list this value holds, the value itself emptied, so the caller holds the only
    /// reference the value had (a `switch` would keep a second one alive).
    mutating func takeList() -> ListObject? {
        guard case .list(let list) = self else { return nil }
        self = .none
        return list
    }

    mutating func takeTuple() -> [Value]? {
        guard case .tuple(let items) = self else { return nil }
        self = .none
        return items
    }

    mutating func takeDict() -> DictObject? {
        guard case .dict(let dict) = self else { return nil }
        self = .none
        return dict
    }
}
