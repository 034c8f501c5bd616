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
            if case .tuple(let inner) = value {
                pending += inner
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

    mutating func takeDict() -> DictObject? {
        guard case .dict(let dict) = self else { return nil }
        self = .none
        return dict
    }
}
