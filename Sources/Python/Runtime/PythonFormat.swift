import Foundation

/// How values turn into text: Python's `repr`, `str` and format specs (`f"{x:.3f}"`). Objects
/// print themselves (`repr(in:)`, `str(in:)`).
public enum PythonFormat {
    static func repr(float: Double) -> String { PythonFloat.repr(float) }

    /// Python's `repr(value)`: what the REPL echoes and what lists show for their items.
    public static func repr(_ value: Value, in interpreter: Interpreter) throws -> String {
        var visiting = Set<ObjectIdentifier>()
        return try repr(value, in: interpreter, visiting: &visiting, depth: 0)
    }

    /// `visiting` holds the containers being printed, so a list that contains itself prints as
    /// `[...]` as in Python; `depth` turns absurd nesting into an error instead of a stack overflow.
    private static func repr(_ value: Value, in interpreter: Interpreter, visiting: inout Set<ObjectIdentifier>, depth: Int) throws -> String {
        if depth > Interpreter.maxNesting { throw PythonError(.recursionError, "maximum recursion depth exceeded while getting the repr of an object") }
        func items(_ values: [Value], _ identity: ObjectIdentifier?, _ open: String, _ close: String, _ visiting: inout Set<ObjectIdentifier>) throws -> String {
            if let identity {
                if visiting.contains(identity) { return open + "..." + close }
                visiting.insert(identity)
            }
            defer { if let identity { visiting.remove(identity) } }
            return open + (try values.map { try repr($0, in: interpreter, visiting: &visiting, depth: depth + 1) }.joined(separator: ", ")) + close
        }
        switch value {
        case .none: return "None"
        case .ellipsis: return "Ellipsis"
        case .bool(let b): return b ? "True" : "False"
        case .int(let i): return String(i)
        case .float(let f): return PythonFloat.repr(f)
        case .string(let s): return quoted(s)
        case .tuple(let values):
            return values.count == 1 ? try items(values, nil, "(", ",)", &visiting) : try items(values, nil, "(", ")", &visiting)
        case .list(let list): return try items(list.items, ObjectIdentifier(list), "[", "]", &visiting)
        case .dict(let dict):
            let identity = ObjectIdentifier(dict)
            if visiting.contains(identity) { return "{...}" }
            visiting.insert(identity)
            defer { visiting.remove(identity) }
            var pairs: [String] = []
            for (key, item) in dict.pairs {
                let (k, v) = (try repr(key, in: interpreter, visiting: &visiting, depth: depth + 1),
                              try repr(item, in: interpreter, visiting: &visiting, depth: depth + 1))
                pairs.append(dict.printsAsOrderedDict ? "(\(k), \(v))" : k + ": " + v)
            }
            switch dict.flavor {
            case .plain: return "{" + pairs.joined(separator: ", ") + "}"
            case .ordered: return pairs.isEmpty ? "OrderedDict()" : "OrderedDict([" + pairs.joined(separator: ", ") + "])"
            case .defaultDict(let factory):
                return "defaultdict(" + (try repr(factory, in: interpreter, visiting: &visiting, depth: depth + 1)) + ", {" + pairs.joined(separator: ", ") + "})"
            case .counter: return pairs.isEmpty ? "Counter()" : "Counter({" + pairs.joined(separator: ", ") + "})"
            }
        case .set(let set):
            if set.items.isEmpty { return "set()" }
            return try items(set.items, ObjectIdentifier(set), "{", "}", &visiting)
        case .object(let object): return try object.repr(in: interpreter)
        }
    }

    /// `repr` of a constructor argument (numbers, strings, None and tuples or lists of them),
    /// for printing objects the way their frameworks print them, without an interpreter.
    public static func plainRepr(_ value: Value) -> String {
        switch value {
        case .none: return "None"
        case .bool(let b): return b ? "True" : "False"
        case .int(let i): return String(i)
        case .float(let f): return PythonFloat.repr(f)
        case .string(let s): return quoted(s)
        case .tuple(let values): return "(" + values.map(plainRepr).joined(separator: ", ") + (values.count == 1 ? ",)" : ")")
        case .list(let list): return "[" + list.items.map(plainRepr).joined(separator: ", ") + "]"
        default: return "<\(value.typeName)>"
        }
    }

    /// Python's `str(value)`: what `print` shows. Strings appear without quotes.
    public static func str(_ value: Value, in interpreter: Interpreter) throws -> String {
        switch value {
        case .string(let s): return s
        case .object(let object): return try object.str(in: interpreter)
        default: return try repr(value, in: interpreter)
        }
    }

    /// A string in quotes, escaped as Python's `repr` does (single quotes unless the text has one).
    public static func quoted(_ s: String) -> String {
        let quote: Character = s.contains("'") && !s.contains("\"") ? "\"" : "'"
        var result = String(quote)
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\t": result += "\\t"
            case "\r": result += "\\r"
            default:
                if Character(scalar) == quote {
                    result += "\\" + String(quote)
                } else if scalar.value < 0x20 || scalar.value == 0x7F {
                    result += String(format: "\\x%02x", scalar.value)
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result + String(quote)
    }

    /// A one-line description for `:vars`: the shape of a tensor, the length of a list, the value of a number.
    static func summary(_ value: Value, in interpreter: Interpreter) -> String {
        switch value {
        case .object(let object as SummarizedObject):
            return object.summary
        case .list(let l): return "\(l.items.count) items"
        case .dict(let d): return "\(d.count) keys"
        case .tuple(let t): return "\(t.count) items"
        default:
            let text = (try? repr(value, in: interpreter)) ?? value.typeName
            let firstLine = text.split(separator: "\n").first.map(String.init) ?? text
            return firstLine.count > 60 ? String(firstLine.prefix(57)) + "..." : firstLine
        }
    }

    // MARK: Format specs

    /// `format(value, spec)`: the part after `:` in an f-string field.
    public static func format(_ value: Value, spec: String, in interpreter: Interpreter) throws -> String {
        if case .object(let object) = value {
            if let formattable = object as? FormattableObject { return try formattable.formatted(spec: spec, in: interpreter) }
            if let instance = object as? Instance, instance.cls.lookup("__format__") != nil,
               let text = try instance.callDunder("__format__", [.string(spec)], in: interpreter) {
                guard case .string(let s) = text else { throw PythonError(.typeError, "__format__ must return a str, not \(text.typeName)") }
                return s
            }
        }
        if spec.isEmpty { return try str(value, in: interpreter) }
        let parsed = try FormatSpec(spec)
        switch value {
        case .int(let i) where parsed.type == nil || "dnxXobc".contains(parsed.type ?? "d"):
            return parsed.pad(try formatInteger(i, parsed), numeric: true)
        case .bool(let b) where parsed.type != nil && parsed.type != "s":
            return try format(.int(b ? 1 : 0), spec: spec, in: interpreter)
        case .int, .float, .bool:
            guard let number = value.numberValue else { break }
            return parsed.pad(try formatFloat(number, parsed, isInt: !value.isFloat), numeric: true)
        default:
            break
        }
        if let type = parsed.type, type != "s" {
            throw PythonError(.valueError, "Unknown format code '\(type)' for object of type '\(value.typeName)'")
        }
        var text = try str(value, in: interpreter)
        if let precision = parsed.precision { text = String(text.prefix(precision)) }
        return parsed.pad(text, numeric: false)
    }

    private static func formatInteger(_ i: Int, _ spec: FormatSpec) throws -> String {
        if spec.precision != nil { throw PythonError(.valueError, "Precision not allowed in integer format specifier") }
        let magnitude = i.magnitude
        var digits: String
        switch spec.type {
        case "x": digits = String(magnitude, radix: 16)
        case "X": digits = String(magnitude, radix: 16, uppercase: true)
        case "o": digits = String(magnitude, radix: 8)
        case "b": digits = String(magnitude, radix: 2)
        case "c": return String(Character(Unicode.Scalar(UInt32(clamping: i)) ?? "?"))
        default: digits = String(magnitude)
        }
        if let separator = spec.grouping { digits = grouped(digits, separator) }
        return sign(i < 0, spec) + digits
    }

    private static func formatFloat(_ x: Double, _ spec: FormatSpec, isInt: Bool) throws -> String {
        let negative = x.sign == .minus && !(x == 0 && isInt)
        let magnitude = Swift.abs(x)
        var body: String
        let precision = spec.precision ?? 6
        switch spec.type {
        case "f", "F":
            body = PythonFloat.fixed(magnitude, digits: precision)
        case "e", "E":
            body = PythonFloat.scientific(magnitude, digits: precision)
        case "%":
            body = PythonFloat.fixed(magnitude * 100, digits: precision) + "%"
        case "g", "G", "n":
            body = general(magnitude, precision: max(precision, 1), alternate: spec.alternate)
        case nil:
            if spec.precision == nil {
                body = isInt ? String(Int(saturating: magnitude)) : PythonFloat.repr(magnitude)
            } else {
                body = general(magnitude, precision: max(precision, 1), alternate: false)
                if !isInt && body.allSatisfy({ $0.isNumber }) { body += ".0" }
            }
        default:
            throw PythonError(.valueError, "Unknown format code '\(spec.type.map(String.init) ?? "")' for object of type 'float'")
        }
        if spec.type == "E" || spec.type == "G" || spec.type == "F" { body = body.uppercased() }
        if let separator = spec.grouping {
            let parts = body.split(separator: ".", maxSplits: 1)
            if let whole = parts.first, whole.allSatisfy(\.isNumber) {
                body = grouped(String(whole), separator) + (parts.count > 1 ? "." + parts[1] : "")
            }
        }
        return sign(negative, spec) + body
    }

    /// `%g`: scientific when the exponent is below -4 or at least the precision, trailing zeros removed.
    private static func general(_ x: Double, precision: Int, alternate: Bool) -> String {
        if x.isNaN { return "nan" }
        if x.isInfinite { return "inf" }
        return String(format: alternate ? "%#.\(precision)g" : "%.\(precision)g", x)
    }

    private static func sign(_ negative: Bool, _ spec: FormatSpec) -> String {
        if negative { return "-" }
        switch spec.sign {
        case "+": return "+"
        case " ": return " "
        default: return ""
        }
    }

    private static func grouped(_ digits: String, _ separator: Character) -> String {
        var result = ""
        for (i, c) in digits.reversed().enumerated() {
            if i > 0 && i % 3 == 0 { result.append(separator) }
            result.append(c)
        }
        return String(result.reversed())
    }
}

/// A parsed format spec: `[[fill]align][sign][#][0][width][,][.precision][type]`.
struct FormatSpec {
    var fill: Character = " "
    var align: Character?
    var sign: Character?
    var alternate = false
    var width = 0
    var grouping: Character?
    var precision: Int?
    var type: Character?

    init(_ spec: String) throws {
        var chars = Array(spec)[...]
        if chars.count >= 2, "<>^=".contains(chars[chars.startIndex + 1]) {
            fill = chars.removeFirst()
            align = chars.removeFirst()
        } else if let first = chars.first, "<>^=".contains(first) {
            align = chars.removeFirst()
        }
        if let first = chars.first, "+- ".contains(first) { sign = chars.removeFirst() }
        if chars.first == "#" {
            alternate = true
            chars.removeFirst()
        }
        if chars.first == "0" {
            if align == nil {
                fill = "0"
                align = "="
            }
            chars.removeFirst()
        }
        var widthText = ""
        while let c = chars.first, c.isNumber { widthText.append(chars.removeFirst()) }
        width = min(Int(widthText) ?? 0, 10_000)
        if let c = chars.first, c == "," || c == "_" { grouping = chars.removeFirst() }
        if chars.first == "." {
            chars.removeFirst()
            var digits = ""
            while let c = chars.first, c.isNumber { digits.append(chars.removeFirst()) }
            guard let value = Int(digits) else { throw PythonError(.valueError, "Format specifier missing precision") }
            precision = min(value, 100)
        }
        if !chars.isEmpty { type = chars.removeFirst() }
        if !chars.isEmpty { throw PythonError(.valueError, "Invalid format specifier '\(spec)'") }
    }

    /// `text` padded to the width: numbers align right by default, text left.
    func pad(_ text: String, numeric: Bool) -> String {
        let missing = width - text.count
        guard missing > 0 else { return text }
        let padding = { (n: Int) in String(repeating: fill, count: n) }
        switch align ?? (numeric ? ">" : "<") {
        case "<": return text + padding(missing)
        case "^": return padding(missing / 2) + text + padding(missing - missing / 2)
        case "=":
            if let first = text.first, "+- ".contains(first) { return String(first) + padding(missing) + text.dropFirst() }
            return padding(missing) + text
        default: return padding(missing) + text
        }
    }
}

/// An object with its own one-line description for `:vars` (a tensor's shape and dtype).
public protocol SummarizedObject: PythonObject {
    var summary: String { get }
}

/// An object that formats itself for a format spec (`f"{loss:.4f}"` on a one-element tensor).
public protocol FormattableObject: PythonObject {
    func formatted(spec: String, in interpreter: Interpreter) throws -> String
}
