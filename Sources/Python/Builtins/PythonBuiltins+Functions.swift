import Foundation

/// Python's built-in functions that regtutor has, and the ones it refuses on purpose.
extension PythonBuiltins {
    static func functions() -> [Builtin] {
        [
            Builtin("", "print(*values, sep=' ', end='\\n', file=None, flush=False)",
                    doc: "Prints the values, separated by `sep` and followed by `end`. Strings print without quotes, tensors as PyTorch prints them.",
                    example: "print(\"loss:\", 0.25)\nprint(torch.tensor([1.0, 2.0]))") { a, interpreter in
                guard a.isNone("file") else { throw PythonError(.typeError, "print(): regtutor has no files; leave out file=") }
                let sep = a.isNone("sep") ? " " : try a.string("sep")
                let end = a.isNone("end") ? "\n" : try a.string("end")
                let text = try a.rest.map { try PythonFormat.str($0, in: interpreter) }.joined(separator: sep)
                interpreter.output(text + end)
                return .none
            },
            Builtin("", "len(obj, /)", doc: "The number of items: of a list, tuple, string or dict, or the size of a tensor's first dimension.",
                    example: "len([1, 2, 3])       # 3\nlen(torch.zeros(4, 2))  # 4") { a, interpreter in
                .int(try interpreter.length(of: a["obj"]))
            },
            Builtin("", "range(*args)", kind: .type,
                    doc: "The integers from start (default 0) up to but not including stop, in steps of step (default 1): range(stop), range(start, stop), range(start, stop, step).",
                    example: "for epoch in range(3):\n    print(epoch)") { a, _ in
                let ints = try a.rest.map { value -> Int in
                    guard let i = value.exactInt else {
                        throw PythonError(.typeError, "'\(value.typeName)' object cannot be interpreted as an integer")
                    }
                    return i
                }
                switch ints.count {
                case 1: return .object(try RangeObject(start: 0, stop: ints[0], step: 1))
                case 2: return .object(try RangeObject(start: ints[0], stop: ints[1], step: 1))
                case 3: return .object(try RangeObject(start: ints[0], stop: ints[1], step: ints[2]))
                default: throw PythonError(.typeError, "range expected 1 to 3 arguments, got \(ints.count)")
                }
            },
            Builtin("", "sum(iterable, /, start=0)",
                    doc: "Adds up the items, starting from `start`. Works on numbers and on tensors: sum(p.abs().sum() for p in model.parameters()) is the L1 penalty of a model.",
                    example: "sum([1, 2, 3])  # 6") { a, interpreter in
                var total = a["start"]
                if case .string = total { throw PythonError(.typeError, "sum() can't sum strings [use ''.join(seq) instead]") }
                let iterator = try interpreter.makeIterator(a["iterable"])
                while let item = try iterator.next() {
                    total = try interpreter.binary(.add, total, item)
                }
                return total
            },
            Builtin("", "min(*args, key=None, default=None)", doc: "The smallest item of an iterable, or the smallest of several arguments.",
                    example: "min(3, 1, 2)        # 1\nmin([0.5, 0.2])     # 0.2") { a, interpreter in
                try extreme(a, interpreter, largest: false)
            },
            Builtin("", "max(*args, key=None, default=None)", doc: "The largest item of an iterable, or the largest of several arguments.",
                    example: "max(3, 1, 2)        # 3\nmax(losses, key=abs)") { a, interpreter in
                try extreme(a, interpreter, largest: true)
            },
            Builtin("", "abs(x, /)", doc: "The absolute value of a number, or of every element of a tensor.", example: "abs(-2.5)  # 2.5") { a, interpreter in
                try interpreter.unary(.absolute, a["x"])
            },
            Builtin("", "round(number, ndigits=None)",
                    doc: "Rounds to `ndigits` decimals (to an int when ndigits is None); halves go to the even neighbour, as in Python.",
                    example: "round(2.675, 2)  # 2.67 (2.675 is stored as 2.67499999...)\nround(0.5)       # 0") { a, interpreter in
                try roundNumber(a, interpreter)
            },
            Builtin("", "float(x=0.0, /)", kind: .type, doc: "A float from a number, a numeric string, or a one-element tensor.",
                    example: "float(\"1e-3\")\nfloat(loss)  # the loss tensor's value") { a, interpreter in
                try toFloat(a["x"], interpreter)
            },
            Builtin("", "int(x=0, /)", kind: .type, doc: "An int from a number (truncated toward zero), a string of digits, or a one-element tensor.",
                    example: "int(3.9)  # 3") { a, interpreter in
                try toInt(a["x"], interpreter)
            },
            Builtin("", "str(object='', /)", kind: .type, doc: "The text of a value, as print shows it.", example: "str(3.5) + \"!\"") { a, interpreter in
                .string(try interpreter.str(a["object"]))
            },
            Builtin("", "repr(obj, /)", doc: "The text of a value as the REPL echoes it (strings in quotes).", example: "repr(\"a\")  # \"'a'\"") { a, interpreter in
                .string(try PythonFormat.repr(a["obj"], in: interpreter))
            },
            Builtin("", "bool(x=False, /)", kind: .type, doc: "The truth of a value: False for 0, empty containers and None.", example: "bool([])  # False") { a, interpreter in
                .bool(try interpreter.truth(a["x"]))
            },
            Builtin("", "list(iterable=(), /)", kind: .type, doc: "A new list with the items of an iterable.",
                    example: "list(range(3))  # [0, 1, 2]\nlist(model.parameters())") { a, interpreter in
                .list(try interpreter.iterate(a["iterable"]))
            },
            Builtin("", "tuple(iterable=(), /)", kind: .type, doc: "A tuple with the items of an iterable.", example: "tuple([1, 2])") { a, interpreter in
                .tuple(try interpreter.iterate(a["iterable"]))
            },
            Builtin("", "dict(iterable=None, /, **kwargs)", kind: .type, doc: "A new dictionary, from key-value pairs or keywords.",
                    example: "dict(lr=0.1, epochs=5)\ndict(model.named_parameters())") { a, interpreter in
                let dict = DictObject()
                if case .dict(let source) = a["iterable"] {
                    for (key, value) in source.pairs { try dict.set(key, value) }
                } else if !a.isNone("iterable") {
                    for pair in try interpreter.iterate(a["iterable"]) {
                        let items = try interpreter.iterate(pair)
                        guard items.count == 2 else {
                            throw PythonError(.valueError, "dictionary update sequence element has length \(items.count); 2 is required")
                        }
                        try dict.set(items[0], items[1])
                    }
                }
                for (name, value) in a.extra { try dict.set(.string(name), value) }
                return .dict(dict)
            },
            Builtin("", "set(iterable=(), /)", kind: .type, doc: "A set of the distinct items of an iterable.", example: "set([1, 1, 2])  # {1, 2}") { a, interpreter in
                .set(try SetObject(try interpreter.iterate(a["iterable"])))
            },
            Builtin("", "enumerate(iterable, start=0)", doc: "Pairs (index, item) for each item, counting from `start`.",
                    example: "for i, x in enumerate([\"a\", \"b\"]):\n    print(i, x)") { a, interpreter in
                let iterator = try interpreter.makeIterator(a["iterable"])
                var index = try a.int("start")
                return .object(ValueIterator(typeName: "enumerate") {
                    guard let item = try iterator.next() else { return nil }
                    defer { index += 1 }
                    return .tuple([.int(index), item])
                })
            },
            Builtin("", "zip(*iterables, strict=False)", doc: "Tuples of the items at the same position in each iterable; stops at the shortest (with strict=True, unequal lengths are an error).",
                    example: "for x, y in zip([1, 2], [3, 4]):\n    print(x + y)") { a, interpreter in
                let iterators = try a.rest.map { try interpreter.makeIterator($0) }
                let strict = try a.bool("strict")
                return .object(ValueIterator(typeName: "zip") {
                    guard !iterators.isEmpty else { return nil }
                    var items: [Value] = []
                    for (position, iterator) in iterators.enumerated() {
                        guard let item = try iterator.next() else {
                            let othersContinue = try iterators.dropFirst().contains { try $0.next() != nil }
                            if strict && (position > 0 || othersContinue) {
                                throw PythonError(.valueError, "zip() arguments have different lengths")
                            }
                            return nil
                        }
                        items.append(item)
                    }
                    return .tuple(items)
                })
            },
            Builtin("", "sorted(iterable, /, *, key=None, reverse=False)", doc: "A new sorted list (stable); `key` computes what to compare.",
                    example: "sorted([3, 1, 2])                     # [1, 2, 3]\nsorted(results, key=lambda r: r[1])") { a, interpreter in
                .list(try sortValues(try interpreter.iterate(a["iterable"]), key: a["key"], reverse: try a.bool("reverse"), interpreter))
            },
            Builtin("", "reversed(sequence, /)", doc: "The items of a sequence in reverse order.", example: "list(reversed([1, 2, 3]))") { a, interpreter in
                .object(ValueIterator(typeName: "reversed", items: try interpreter.iterate(a["sequence"]).reversed()))
            },
            Builtin("", "isinstance(obj, class_or_tuple, /)", doc: "True when the value is of the given class or a subclass of it (or of one of a tuple of classes): int, float, str, list, your own classes, torch.Tensor, nn.Module, nn.Linear...",
                    example: "isinstance(3, int)                 # True\nisinstance(layer, nn.Linear)") { a, interpreter in
                .bool(try classTest(a["class_or_tuple"], "isinstance") { interpreter.isInstance(a["obj"], of: $0) })
            },
            Builtin("", "issubclass(cls, class_or_tuple, /)", doc: "True when the class derives from the given class (or one of a tuple of classes); a class counts as its own subclass.",
                    example: "class StopTraining(Exception):\n    pass\nissubclass(StopTraining, Exception)  # True") { a, _ in
                guard case .object(let cls as ClassObject) = a["cls"] else {
                    throw PythonError(.typeError, "issubclass() arg 1 must be a class")
                }
                return .bool(try classTest(a["class_or_tuple"], "issubclass") { cls.isSubclass(of: $0) })
            },
            Builtin("", "type(obj, /)", doc: "The class of a value.", example: "type(3.0)  # <class 'float'>\ntype(model).__name__") { a, interpreter in
                .object(interpreter.classOf(a["obj"]))
            },
            Builtin("", "help(obj=None)", doc: "Shows the signature, documentation and an example of a built-in, or the members of a module.",
                    example: "help(torch.zeros)\nhelp(nn.Dropout)") { a, interpreter in
                interpreter.output(Help.text(for: a["obj"], in: interpreter) + "\n")
                return .none
            },
            Builtin("", "dir(obj=None)", doc: "The names defined in the session, or the attributes and methods of a value.", example: "dir(torch)") { a, interpreter in
                .list(Help.names(of: a["obj"], in: interpreter).map { .string($0) })
            },
            Builtin("", "any(iterable, /)", doc: "True when at least one item is true.", example: "any([False, True])  # True") { a, interpreter in
                let iterator = try interpreter.makeIterator(a["iterable"])
                while let item = try iterator.next() {
                    if try interpreter.truth(item) { return .bool(true) }
                }
                return .bool(false)
            },
            Builtin("", "all(iterable, /)", doc: "True when every item is true (and for an empty iterable).", example: "all([True, 1])  # True") { a, interpreter in
                let iterator = try interpreter.makeIterator(a["iterable"])
                while let item = try iterator.next() {
                    if !(try interpreter.truth(item)) { return .bool(false) }
                }
                return .bool(true)
            },
            Builtin("", "map(function, iterable, /, *iterables)", doc: "Applies the function to every item (to items at the same position of several iterables).",
                    example: "list(map(lambda x: x * 2, [1, 2]))  # [2, 4]") { a, interpreter in
                let function = a["function"]
                let iterators = try ([a["iterable"]] + a.rest).map { try interpreter.makeIterator($0) }
                return .object(ValueIterator(typeName: "map") {
                    var items: [Value] = []
                    for iterator in iterators {
                        guard let item = try iterator.next() else { return nil }
                        items.append(item)
                    }
                    return try interpreter.call(function, Arguments(items))
                })
            },
            Builtin("", "filter(function, iterable, /)", doc: "The items for which the function returns true (with None, the true items).",
                    example: "list(filter(lambda x: x > 0, [-1, 2, 3]))  # [2, 3]") { a, interpreter in
                let function = a["function"]
                let iterator = try interpreter.makeIterator(a["iterable"])
                return .object(ValueIterator(typeName: "filter") {
                    while let item = try iterator.next() {
                        let keep = function.isNone ? item : try interpreter.call(function, item)
                        if try interpreter.truth(keep) { return item }
                    }
                    return nil
                })
            },
            Builtin("", "iter(obj, /)", doc: "An iterator over the value, for use with next().", example: "it = iter(loader)\nxb, yb = next(it)") { a, interpreter in
                .object(try interpreter.makeIterator(a["obj"]))
            },
            Builtin("", "next(iterator, *default)", doc: "The next item of an iterator; at the end, `default` if given, else StopIteration.",
                    example: "it = iter([1, 2])\nnext(it)  # 1") { a, interpreter in
                let item: Value?
                switch a["iterator"] {
                case .object(let iterator as ValueIterator):
                    item = try iterator.next()
                case .object(let generator as GeneratorObject):
                    item = try generator.resume(.value(.none))
                case .object(let instance as Instance) where instance.cls.lookup("__next__") != nil:
                    do {
                        item = try instance.callDunder("__next__", in: interpreter)
                    } catch let error as PythonError where error.matches(.stopIteration) && !a.rest.isEmpty {
                        item = nil
                    }
                default:
                    throw PythonError(.typeError, "'\(a["iterator"].typeName)' object is not an iterator")
                }
                if let item { return item }
                if let fallback = a.rest.first { return fallback }
                throw PythonError(.stopIteration, "")
            },
            Builtin("", "hasattr(obj, name, /)", doc: "True when the value has an attribute of that name.", example: "hasattr(layer, \"weight\")") { a, interpreter in
                do {
                    return .bool(try interpreter.attributeIfPresent(of: a["obj"], try a.string("name")) != nil)
                } catch let error as PythonError where error.matches(.attributeError) {
                    return .bool(false)
                }
            },
            Builtin("", "getattr(obj, name, *default)", doc: "The attribute of that name; `default` when it does not exist (if given).",
                    example: "getattr(layer, \"bias\")\ngetattr(model, \"dropout\", None)") { a, interpreter in
                do {
                    return try interpreter.attribute(of: a["obj"], try a.string("name"))
                } catch let error as PythonError where error.matches(.attributeError) && !a.rest.isEmpty {
                    return a.rest[0]
                }
            },
            Builtin("", "setattr(obj, name, value, /)", doc: "Sets the attribute of that name, like obj.name = value.",
                    example: "setattr(model, \"fc\", nn.Linear(2, 1))") { a, interpreter in
                try interpreter.setAttribute(of: a["obj"], try a.string("name"), to: a["value"])
                return .none
            },
            Builtin("", "delattr(obj, name, /)", doc: "Deletes the attribute of that name, like del obj.name.", example: "delattr(obj, \"cache\")") { a, interpreter in
                try interpreter.deleteAttribute(of: a["obj"], try a.string("name"))
                return .none
            },
            Builtin("", "vars(obj, /)", doc: "The attributes of an object (its __dict__) as a dict.", example: "vars(config)") { a, interpreter in
                try interpreter.attribute(of: a["obj"], "__dict__")
            },
            Builtin("", "id(obj, /)", doc: "A number that identifies the object while it exists (the same on every run in regtutor).",
                    example: "id(a) == id(b)  # the same as a is b") { a, interpreter in
                switch a["obj"] {
                case .list(let o): return .int(Int(interpreter.address(of: o).dropFirst(2), radix: 16) ?? 0)
                case .dict(let o): return .int(Int(interpreter.address(of: o).dropFirst(2), radix: 16) ?? 0)
                case .set(let o): return .int(Int(interpreter.address(of: o).dropFirst(2), radix: 16) ?? 0)
                case .object(let o): return .int(Int(interpreter.address(of: o).dropFirst(2), radix: 16) ?? 0)
                default: return .int((try? HashKey(a["obj"]).hashValue) ?? 0)
                }
            },
            Builtin("", "hash(obj, /)", doc: "The hash of a value that can be a dict key.", example: "hash((1, 2))") { a, _ in
                let key = try HashKey(a["obj"])
                if case .number(let x) = key, x == x.rounded(), Swift.abs(x) < 1e15 { return .int(Int(x)) }
                return .int(key.hashValue)
            },
            Builtin("", "callable(obj, /)", doc: "True for functions, classes and models (anything that can be called).", example: "callable(print)  # True") { a, _ in
                if case .object(let object) = a["obj"] { return .bool(object.isCallable) }
                return .bool(false)
            },
            Builtin("", "divmod(a, b, /)", doc: "The pair (a // b, a % b).", example: "divmod(7, 2)  # (3, 1)") { a, interpreter in
                .tuple([try interpreter.binary(.floorDivide, a["a"], a["b"]), try interpreter.binary(.modulo, a["a"], a["b"])])
            },
            Builtin("", "pow(base, exp, /)", doc: "base ** exp.", example: "pow(2, 10)  # 1024") { a, interpreter in
                try interpreter.binary(.power, a["base"], a["exp"])
            },
            Builtin("", "chr(i, /)", doc: "The one-character string with that Unicode code point.", example: "chr(65)  # 'A'") { a, _ in
                let code = try a.int("i")
                guard code >= 0, let scalar = Unicode.Scalar(UInt32(clamping: code)) else {
                    throw PythonError(.valueError, "chr() arg not in range(0x110000)")
                }
                return .string(String(Character(scalar)))
            },
            Builtin("", "ord(c, /)", doc: "The Unicode code point of a one-character string.", example: "ord(\"A\")  # 65") { a, _ in
                let s = try a.string("c")
                guard s.unicodeScalars.count == 1, let scalar = s.unicodeScalars.first else {
                    throw PythonError(.typeError, "ord() expected a character, but string of length \(s.count) found")
                }
                return .int(Int(scalar.value))
            },
            Builtin("", "format(value, format_spec='', /)", doc: "The value formatted by a format spec, as in an f-string field.",
                    example: "format(0.123456, \".3f\")  # '0.123'") { a, interpreter in
                .string(try PythonFormat.format(a["value"], spec: try a.string("format_spec"), in: interpreter))
            },
            Builtin("", "exit(code=None)", doc: "Leaves regtutor (in the REPL; in a script, stops it).", example: "exit()") { _, _ in
                throw PythonError(.systemExit, "")
            },
            Builtin("", "quit(code=None)", doc: "Leaves regtutor, like exit().", example: "quit()") { _, _ in
                throw PythonError(.systemExit, "")
            },
        ] + refused()
    }

    /// Names that exist in Python but not here, each with an error saying why.
    private static func refused() -> [Builtin] {
        let reasons: [(String, String)] = [
            ("open", "regtutor has no file access, so that code is safe to run and to grade"),
            ("input", "regtutor programs do not read input: put the values in variables"),
            ("eval", "eval() is not available in regtutor"),
            ("exec", "exec() is not available in regtutor"),
            ("compile", "compile() is not available in regtutor"),
            ("__import__", "use an import statement, e.g. 'import torch'"),
            ("globals", "globals() is not available in regtutor; the REPL's :vars lists your variables"),
            ("locals", "locals() is not available in regtutor"),
        ]
        return reasons.map { name, reason in
            Builtin("", "\(name)(*args, **kwargs)", doc: "Not available: \(reason).") { _, _ in
                throw PythonError(.notImplementedError, "\(name)(): \(reason)")
            }
        }
    }

    // MARK: Helpers

    private static func extreme(_ a: BoundArguments, _ interpreter: Interpreter, largest: Bool) throws -> Value {
        let name = largest ? "max" : "min"
        let items = a.rest.count == 1 ? try interpreter.iterate(a.rest[0]) : a.rest
        if a.rest.isEmpty { throw PythonError(.typeError, "\(name) expected at least 1 argument, got 0") }
        guard var best = items.first else {
            if a.values["default"] != nil && !a.isNone("default") { return a["default"] }
            throw PythonError(.valueError, "\(name)() iterable argument is empty")
        }
        let key = a["key"]
        var bestKey = key.isNone ? best : try interpreter.call(key, best)
        for item in items.dropFirst() {
            let itemKey = key.isNone ? item : try interpreter.call(key, item)
            let better = try interpreter.compare(largest ? .greater : .less, itemKey, bestKey)
            if try interpreter.truth(better) {
                best = item
                bestKey = itemKey
            }
        }
        return best
    }

    static func sortValues(_ items: [Value], key: Value, reverse: Bool, _ interpreter: Interpreter) throws -> [Value] {
        let keys = try items.map { key.isNone ? $0 : try interpreter.call(key, $0) }
        // Swift's sort is stable (a merge sort), like Python's: ties keep their order.
        var order = Array(items.indices)
        var failure: Error?
        order.sort { i, j in
            guard failure == nil else { return false }
            do {
                let (x, y) = reverse ? (keys[j], keys[i]) : (keys[i], keys[j])
                let less = try interpreter.truth(try interpreter.compare(.less, x, y))
                return less
            } catch {
                failure = error
                return false
            }
        }
        if let failure { throw failure }
        return order.map { items[$0] }
    }

    private static func roundNumber(_ a: BoundArguments, _ interpreter: Interpreter) throws -> Value {
        let number = a["number"]
        if case .object(let object) = number {
            if let instance = object as? Instance, let result = try instance.callDunder("__round__", a.isNone("ndigits") ? [] : [a["ndigits"]], in: interpreter) {
                return result
            }
            if let roundable = object as? RoundableObject { return try roundable.rounded(digits: try a.optionalInt("ndigits")) }
        }
        guard let x = number.numberValue else {
            throw PythonError(.typeError, "type \(number.typeName) doesn't define __round__ method")
        }
        if a.isNone("ndigits") {
            if let i = number.exactInt { return .int(i) }
            guard x.isFinite else { throw PythonError(x.isNaN ? .valueError : .overflowError, "cannot convert float \(PythonFloat.repr(x)) to integer") }
            let rounded = x.rounded(.toNearestOrEven)
            guard let i = Int(exactly: rounded) else { throw PythonError(.overflowError, "integer overflow") }
            return .int(i)
        }
        let digits = try a.int("ndigits")
        if let i = number.exactInt {
            if digits >= 0 { return .int(i) }
            guard digits > -19 else { return .int(0) }
            let factor = Foundation.pow(10.0, Double(-digits))
            guard let result = Int(exactly: ((Double(i) / factor).rounded(.toNearestOrEven) * factor)) else {
                throw PythonError(.overflowError, "integer overflow")
            }
            return .int(result)
        }
        guard x.isFinite else { return .float(x) }
        if digits > 300 { return .float(x) }
        if digits >= 0 { return .float(Double(String(format: "%.\(digits)f", x)) ?? x) }
        let factor = Foundation.pow(10.0, Double(min(-digits, 400)))
        return .float((x / factor).rounded(.toNearestOrEven) * factor)
    }

    static func toFloat(_ value: Value, _ interpreter: Interpreter) throws -> Value {
        switch value {
        case .float: return value
        case .int(let i): return .float(Double(i))
        case .bool(let b): return .float(b ? 1 : 0)
        case .string(let s):
            let text = s.trimmingCharacters(in: .whitespaces).lowercased().replacingOccurrences(of: "_", with: "")
            if let d = Double(text) { return .float(d) }
            if ["inf", "+inf", "infinity", "+infinity"].contains(text) { return .float(.infinity) }
            if ["-inf", "-infinity"].contains(text) { return .float(-.infinity) }
            if ["nan", "+nan", "-nan"].contains(text) { return .float(.nan) }
            throw PythonError(.valueError, "could not convert string to float: \(PythonFormat.quoted(s))")
        case .object(let object):
            if let instance = object as? Instance, let result = try instance.callDunder("__float__", in: interpreter) { return result }
            if let number = object as? NumberConvertible { return .float(try number.asDouble()) }
        default:
            break
        }
        throw PythonError(.typeError, "float() argument must be a string or a real number, not '\(value.typeName)'")
    }

    static func toInt(_ value: Value, _ interpreter: Interpreter) throws -> Value {
        switch value {
        case .int: return value
        case .bool(let b): return .int(b ? 1 : 0)
        case .float(let f):
            guard f.isFinite else {
                throw PythonError(f.isNaN ? .valueError : .overflowError, "cannot convert float \(PythonFloat.repr(f)) to integer")
            }
            guard let i = Int(exactly: f.rounded(.towardZero)) else { throw PythonError(.overflowError, "integer overflow: regtutor's integers are 64-bit") }
            return .int(i)
        case .string(let s):
            guard let i = Int(s.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "_", with: "")) else {
                throw PythonError(.valueError, "invalid literal for int() with base 10: \(PythonFormat.quoted(s))")
            }
            return .int(i)
        case .object(let object):
            if let instance = object as? Instance, let result = try instance.callDunder("__int__", in: interpreter) { return result }
            if let number = object as? NumberConvertible {
                if let i = try number.asInt() { return .int(i) }
                return try toInt(.float(try number.asDouble()), interpreter)
            }
        default:
            break
        }
        throw PythonError(.typeError, "int() argument must be a string, a bytes-like object or a real number, not '\(value.typeName)'")
    }

    /// `isinstance` and `issubclass`: `test` on a class, or on each class of a tuple.
    static func classTest(_ classes: Value, _ function: String, _ test: (ClassObject) -> Bool) throws -> Bool {
        if let items = classes.tupleItems { return try items.contains { try classTest($0, function, test) } }
        guard case .object(let cls as ClassObject) = classes else {
            throw PythonError(.typeError, "\(function)() arg 2 must be a type, a tuple of types, or a union")
        }
        return test(cls)
    }
}

/// An object that `round()` rounds (a tensor rounds every element).
public protocol RoundableObject: PythonObject {
    func rounded(digits: Int?) throws -> Value
}
