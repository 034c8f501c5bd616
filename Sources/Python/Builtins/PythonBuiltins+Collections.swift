/// The `collections` module: `OrderedDict`, `defaultdict` and `Counter`, dicts that print and
/// fill in missing keys as Python's do.
extension PythonBuiltins {
    static func collectionsFunctions() -> [Builtin] {
        [
            Builtin("collections", "OrderedDict(iterable=None, /, **kwargs)", kind: .type,
                    doc: "A dict that prints as OrderedDict([...]); nn.Sequential(OrderedDict([...])) names its layers with it.",
                    example: "from collections import OrderedDict\nmodel = nn.Sequential(OrderedDict([('fc', nn.Linear(2, 1)), ('act', nn.Sigmoid())]))") { a, interpreter in
                let dict = try filledDict(a["iterable"], a.extra, interpreter)
                dict.flavor = .ordered
                return .dict(dict)
            },
            Builtin("collections", "defaultdict(default_factory=None, iterable=None, /, **kwargs)", kind: .type,
                    doc: "A dict whose missing keys get default_factory() the first time they are read: defaultdict(list) collects lists.",
                    example: "from collections import defaultdict\nhistory = defaultdict(list)\nhistory['loss'].append(0.5)") { a, interpreter in
                let dict = try filledDict(a["iterable"], a.extra, interpreter)
                if !a.isNone("default_factory") {
                    guard case .object(let factory) = a["default_factory"], factory.isCallable else {
                        throw PythonError(.typeError, "first argument must be callable or None")
                    }
                }
                dict.flavor = a.isNone("default_factory") ? .plain : .defaultDict(a["default_factory"])
                return .dict(dict)
            },
            Builtin("collections", "Counter(iterable=None, /, **kwargs)", kind: .type,
                    doc: "Counts the items of an iterable (a missing key counts 0); most_common(n) lists the commonest.",
                    example: "from collections import Counter\nCounter(predictions.tolist()).most_common(2)") { a, interpreter in
                let dict = DictObject()
                dict.flavor = .counter
                if case .dict(let source) = a["iterable"] {
                    for (key, value) in source.pairs { try dict.set(key, value) }
                } else if !a.isNone("iterable") {
                    let iterator = try interpreter.makeIterator(a["iterable"])
                    while let item = try iterator.next() {
                        try dict.set(item, try interpreter.binary(.add, try dict.get(item) ?? .int(0), .int(1)))
                    }
                }
                for (name, value) in a.extra { dict.set(string: name, value) }
                return .dict(dict)
            },
            Builtin("dict", "most_common(self, n=None)", kind: .method,
                    doc: "For a Counter: the (item, count) pairs, commonest first (ties in the order first seen).") { a, interpreter in
                guard case .dict(let dict) = a["self"] else { throw a.mistake("self", "Counter", a["self"]) }
                let pairs = try PythonBuiltins.sortValues(dict.pairs.map { .tuple([$0.key, $0.value]) },
                                                          key: .object(itemCount), reverse: true, interpreter)
                guard let n = try a.optionalInt("n") else { return .list(pairs) }
                return .list(Array(pairs.prefix(max(n, 0))))
            },
        ]
    }

    /// The key function of `most_common`: a pair's count.
    private static let itemCount = Builtin("collections", "count_of(pair)", doc: "The second item of a pair.") { a, _ in
        a["pair"].tupleItems?.last ?? .none
    }

    /// A dict with the pairs of a mapping or an iterable of pairs, then keyword pairs.
    private static func filledDict(_ source: Value, _ keywords: [(name: String, value: Value)], _ interpreter: Interpreter) throws -> DictObject {
        let dict = DictObject()
        if case .dict(let other) = source {
            for (key, value) in other.pairs { try dict.set(key, value) }
        } else if !source.isNone {
            for pair in try interpreter.iterate(source) {
                let items = try interpreter.iterate(pair)
                guard items.count == 2 else {
                    throw PythonError(.valueError, "dictionary update sequence element has length \(items.count); 2 is required")
                }
                try dict.set(items[0], items[1])
            }
        }
        for (name, value) in keywords { dict.set(string: name, value) }
        return dict
    }
}
