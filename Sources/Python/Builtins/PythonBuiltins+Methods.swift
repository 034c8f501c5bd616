import Foundation

/// Methods of strings, lists, dicts and sets.
extension PythonBuiltins {
    static func stringMethods() -> [Builtin] {
        func method(_ signature: String, _ doc: String, _ example: String = "",
                    _ body: @escaping (String, BoundArguments, Interpreter) throws -> Value) -> Builtin {
            Builtin("str", signature, kind: .method, doc: doc, example: example) { a, interpreter in
                guard case .string(let s) = a["self"] else { throw a.mistake("self", "str", a["self"]) }
                return try body(s, a, interpreter)
            }
        }
        return [
            method("upper(self)", "The string in upper case.") { s, _, _ in .string(s.uppercased()) },
            method("lower(self)", "The string in lower case.") { s, _, _ in .string(s.lowercased()) },
            method("title(self)", "The string with each word capitalised.") { s, _, _ in .string(s.capitalized) },
            method("strip(self, chars=None)", "The string without leading and trailing whitespace (or `chars`).") { s, a, _ in
                .string(try trimmed(s, a, leading: true, trailing: true))
            },
            method("lstrip(self, chars=None)", "The string without leading whitespace.") { s, a, _ in
                .string(try trimmed(s, a, leading: true, trailing: false))
            },
            method("rstrip(self, chars=None)", "The string without trailing whitespace.") { s, a, _ in
                .string(try trimmed(s, a, leading: false, trailing: true))
            },
            method("split(self, sep=None, maxsplit=-1)", "The words of the string (split at whitespace, or at `sep`).",
                   "\"a b  c\".split()  # ['a', 'b', 'c']") { s, a, _ in
                let limit = try a.int("maxsplit")
                if a.isNone("sep") {
                    let words = s.split(whereSeparator: { $0.isWhitespace }).map(String.init)
                    if limit < 0 || words.count <= limit { return .list(words.map { .string($0) }) }
                    var parts = Array(words.prefix(limit))
                    var rest = Substring(s)
                    for word in parts {
                        if let range = rest.range(of: word) { rest = rest[range.upperBound...] }
                    }
                    parts.append(String(rest.drop { $0.isWhitespace }))
                    return .list(parts.map { .string($0) })
                }
                let separator = try a.string("sep")
                guard !separator.isEmpty else { throw PythonError(.valueError, "empty separator") }
                var parts = s.components(separatedBy: separator)
                if limit >= 0 && parts.count > limit + 1 {
                    parts = Array(parts.prefix(limit)) + [parts.dropFirst(limit).joined(separator: separator)]
                }
                return .list(parts.map { .string($0) })
            },
            method("join(self, iterable, /)", "The items (strings) joined with this string between them.",
                   "\", \".join([\"a\", \"b\"])  # 'a, b'") { s, a, interpreter in
                let parts = try interpreter.iterate(a["iterable"]).enumerated().map { index, item -> String in
                    guard case .string(let text) = item else {
                        throw PythonError(.typeError, "sequence item \(index): expected str instance, \(item.typeName) found")
                    }
                    return text
                }
                return .string(parts.joined(separator: s))
            },
            method("replace(self, old, new, count=-1, /)", "The string with `old` replaced by `new`.") { s, a, _ in
                let old = try a.string("old"), new = try a.string("new")
                let count = try a.int("count")
                if count < 0 { return .string(s.replacingOccurrences(of: old, with: new)) }
                var result = s
                var done = 0
                var searchStart = result.startIndex
                while done < count, let range = result.range(of: old, range: searchStart..<result.endIndex), !old.isEmpty {
                    result.replaceSubrange(range, with: new)
                    searchStart = result.index(range.lowerBound, offsetBy: new.count)
                    done += 1
                }
                return .string(result)
            },
            method("startswith(self, prefix, /)", "True when the string starts with `prefix`.") { s, a, _ in .bool(s.hasPrefix(try a.string("prefix"))) },
            method("endswith(self, suffix, /)", "True when the string ends with `suffix`.") { s, a, _ in .bool(s.hasSuffix(try a.string("suffix"))) },
            method("find(self, sub, /)", "The position of the first `sub`, or -1.") { s, a, _ in
                guard let range = s.range(of: try a.string("sub")) else { return .int(-1) }
                return .int(s.distance(from: s.startIndex, to: range.lowerBound))
            },
            method("count(self, sub, /)", "How many times `sub` occurs (without overlaps).") { s, a, _ in
                let sub = try a.string("sub")
                return .int(sub.isEmpty ? s.count + 1 : s.components(separatedBy: sub).count - 1)
            },
            method("center(self, width, fillchar=' ', /)", "The string centred in `width` characters.") { s, a, _ in
                try padded(s, a, align: "^")
            },
            method("ljust(self, width, fillchar=' ', /)", "The string left-aligned in `width` characters.") { s, a, _ in
                try padded(s, a, align: "<")
            },
            method("rjust(self, width, fillchar=' ', /)", "The string right-aligned in `width` characters.") { s, a, _ in
                try padded(s, a, align: ">")
            },
            method("isdigit(self)", "True when every character is a digit.") { s, _, _ in .bool(!s.isEmpty && s.allSatisfy(\.isNumber)) },
            method("format(self, *args, **kwargs)", "Fills `{}` fields with the arguments.", "\"{} of {}\".format(1, 3)") { s, a, interpreter in
                .string(try formatFields(s, a, interpreter))
            },
        ]
    }

    private static func trimmed(_ s: String, _ a: BoundArguments, leading: Bool, trailing: Bool) throws -> String {
        let set: (Character) -> Bool
        if let chars = try a.optionalString("chars") {
            set = { chars.contains($0) }
        } else {
            set = { $0.isWhitespace }
        }
        var result = Substring(s)
        if leading { result = result.drop(while: set) }
        if trailing { while let last = result.last, set(last) { result = result.dropLast() } }
        return String(result)
    }

    private static func padded(_ s: String, _ a: BoundArguments, align: Character) throws -> Value {
        let fill = try a.string("fillchar")
        guard fill.count == 1, let character = fill.first else {
            throw PythonError(.typeError, "The fill character must be exactly one character long")
        }
        var spec = try FormatSpec(String(align) + String(min(max(try a.int("width"), 0), 10_000)))
        spec.fill = character
        return .string(spec.pad(s, numeric: false))
    }

    /// `"{} and {name:.2f}".format(...)`: positional, numbered and named fields with specs.
    private static func formatFields(_ template: String, _ a: BoundArguments, _ interpreter: Interpreter) throws -> String {
        var result = ""
        var chars = Array(template)[...]
        var automatic = 0
        while let c = chars.first {
            chars.removeFirst()
            if c == "{" {
                if chars.first == "{" { chars.removeFirst(); result.append("{"); continue }
                var field = ""
                while let d = chars.first, d != "}" { field.append(chars.removeFirst()) }
                guard chars.first == "}" else { throw PythonError(.valueError, "Single '{' encountered in format string") }
                chars.removeFirst()
                let parts = field.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
                let name = parts.first.map(String.init) ?? ""
                let spec = parts.count > 1 ? String(parts[1]) : ""
                let value: Value
                if name.isEmpty {
                    guard automatic < a.rest.count else {
                        throw PythonError(.indexError, "Replacement index \(automatic) out of range for positional args tuple")
                    }
                    value = a.rest[automatic]
                    automatic += 1
                } else if let index = Int(name) {
                    guard index >= 0 && index < a.rest.count else {
                        throw PythonError(.indexError, "Replacement index \(index) out of range for positional args tuple")
                    }
                    value = a.rest[index]
                } else {
                    guard let named = a.extra.first(where: { $0.name == name }) else { throw PythonError(.keyError, "'\(name)'") }
                    value = named.value
                }
                result += try PythonFormat.format(value, spec: spec, in: interpreter)
            } else if c == "}" {
                if chars.first == "}" { chars.removeFirst() }
                result.append("}")
            } else {
                result.append(c)
            }
        }
        return result
    }

    static func containerMethods() -> [Builtin] {
        func listMethod(_ signature: String, _ doc: String, _ example: String = "",
                        _ body: @escaping (ListObject, BoundArguments, Interpreter) throws -> Value) -> Builtin {
            Builtin("list", signature, kind: .method, doc: doc, example: example) { a, interpreter in
                guard case .list(let list) = a["self"] else { throw a.mistake("self", "list", a["self"]) }
                return try body(list, a, interpreter)
            }
        }
        func dictMethod(_ signature: String, _ doc: String, _ example: String = "",
                        _ body: @escaping (DictObject, BoundArguments, Interpreter) throws -> Value) -> Builtin {
            Builtin("dict", signature, kind: .method, doc: doc, example: example) { a, interpreter in
                guard case .dict(let dict) = a["self"] else { throw a.mistake("self", "dict", a["self"]) }
                return try body(dict, a, interpreter)
            }
        }
        return [
            listMethod("append(self, object, /)", "Adds the item at the end.", "losses.append(loss.item())") { list, a, _ in
                list.items.append(a["object"])
                return .none
            },
            listMethod("extend(self, iterable, /)", "Adds every item of the iterable at the end.") { list, a, interpreter in
                let items = try interpreter.iterate(a["iterable"])
                try interpreter.checkMemory(list.items.count + items.count)
                list.items += items
                return .none
            },
            listMethod("insert(self, index, object, /)", "Inserts the item before position `index`.") { list, a, _ in
                var index = try a.int("index")
                if index < 0 { index += list.items.count }
                list.items.insert(a["object"], at: min(max(index, 0), list.items.count))
                return .none
            },
            listMethod("pop(self, index=-1, /)", "Removes and returns the item at `index` (the last by default).") { list, a, _ in
                guard !list.items.isEmpty else { throw PythonError(.indexError, "pop from empty list") }
                var index = try a.int("index")
                if index < 0 { index += list.items.count }
                guard index >= 0 && index < list.items.count else { throw PythonError(.indexError, "pop index out of range") }
                return list.items.remove(at: index)
            },
            listMethod("remove(self, value, /)", "Removes the first item equal to `value`.") { list, a, interpreter in
                guard let index = try list.items.firstIndex(where: { try interpreter.equal($0, a["value"]) }) else {
                    throw PythonError(.valueError, "list.remove(x): x not in list")
                }
                list.items.remove(at: index)
                return .none
            },
            listMethod("index(self, value, /)", "The position of the first item equal to `value`.") { list, a, interpreter in
                guard let index = try list.items.firstIndex(where: { try interpreter.equal($0, a["value"]) }) else {
                    throw PythonError(.valueError, "\(try PythonFormat.repr(a["value"], in: interpreter)) is not in list")
                }
                return .int(index)
            },
            listMethod("count(self, value, /)", "How many items equal `value`.") { list, a, interpreter in
                .int(try list.items.filter { try interpreter.equal($0, a["value"]) }.count)
            },
            listMethod("sort(self, *, key=None, reverse=False)", "Sorts the list in place (stable).") { list, a, interpreter in
                list.items = try sortValues(list.items, key: a["key"], reverse: try a.bool("reverse"), interpreter)
                return .none
            },
            listMethod("reverse(self)", "Reverses the list in place.") { list, _, _ in
                list.items.reverse()
                return .none
            },
            listMethod("copy(self)", "A shallow copy of the list.") { list, _, _ in .list(list.items) },
            listMethod("clear(self)", "Removes every item.") { list, _, _ in
                list.items.removeAll()
                return .none
            },
            dictMethod("keys(self)", "The keys, in insertion order (a live view of the dict).") { dict, _, _ in
                .object(DictView(dict, .keys))
            },
            dictMethod("values(self)", "The values, in insertion order (a live view of the dict).") { dict, _, _ in
                .object(DictView(dict, .values))
            },
            dictMethod("items(self)", "The (key, value) pairs, in insertion order (a live view of the dict).",
                       "for name, value in results.items():\n    print(name, value)") { dict, _, _ in
                .object(DictView(dict, .items))
            },
            dictMethod("get(self, key, default=None, /)", "The value for `key`, or `default` when it is missing.") { dict, a, _ in
                try dict.get(a["key"]) ?? a["default"]
            },
            dictMethod("pop(self, key, default=None, /)", "Removes `key` and returns its value (or `default`).") { dict, a, interpreter in
                if let value = try dict.remove(a["key"]) { return value }
                if a.values["default"].map({ !$0.isNone }) == true { return a["default"] }
                throw PythonError.keyError(a["key"], in: interpreter)
            },
            dictMethod("update(self, other=None, /, **kwargs)", "Copies the pairs of another dict (and keywords) into this one.") { dict, a, interpreter in
                if case .dict(let other) = a["other"] {
                    for (key, value) in other.pairs { try dict.set(key, value) }
                } else if !a.isNone("other") {
                    for pair in try interpreter.iterate(a["other"]) {
                        let items = try interpreter.iterate(pair)
                        guard items.count == 2 else {
                            throw PythonError(.valueError, "dictionary update sequence element has length \(items.count); 2 is required")
                        }
                        try dict.set(items[0], items[1])
                    }
                }
                for (name, value) in a.extra { try dict.set(.string(name), value) }
                return .none
            },
            dictMethod("setdefault(self, key, default=None, /)", "The value for `key`, setting it to `default` first when missing.") { dict, a, _ in
                if let value = try dict.get(a["key"]) { return value }
                try dict.set(a["key"], a["default"])
                return a["default"]
            },
            dictMethod("copy(self)", "A shallow copy of the dict.") { dict, _, _ in
                .dict(try DictObject(dict.pairs.map { ($0.key, $0.value) }))
            },
            dictMethod("clear(self)", "Removes every pair.") { dict, _, _ in
                dict.removeAll()
                return .none
            },
            Builtin("set", "add(self, elem, /)", kind: .method, doc: "Adds the item to the set.") { a, _ in
                guard case .set(let set) = a["self"] else { throw a.mistake("self", "set", a["self"]) }
                try set.insert(a["elem"])
                return .none
            },
            Builtin("set", "discard(self, elem, /)", kind: .method, doc: "Removes the item if present.") { a, _ in
                guard case .set(let set) = a["self"] else { throw a.mistake("self", "set", a["self"]) }
                _ = try set.remove(a["elem"])
                return .none
            },
            Builtin("tuple", "index(self, value, /)", kind: .method, doc: "The position of the first item equal to `value`.") { a, interpreter in
                let items = a["self"].tupleItems ?? []
                guard let index = try items.firstIndex(where: { try interpreter.equal($0, a["value"]) }) else {
                    throw PythonError(.valueError, "tuple.index(x): x not in tuple")
                }
                return .int(index)
            },
            Builtin("tuple", "count(self, value, /)", kind: .method, doc: "How many items equal `value`.") { a, interpreter in
                .int(try (a["self"].tupleItems ?? []).filter { try interpreter.equal($0, a["value"]) }.count)
            },
            Builtin("float", "is_integer(self)", kind: .method, doc: "True when the float has no fractional part.") { a, _ in
                guard case .float(let f) = a["self"] else { throw a.mistake("self", "float", a["self"]) }
                return .bool(f.isFinite && f == f.rounded())
            },
        ]
    }
}
