import Foundation
import Python

/// NumPy's printing of arrays (its defaults: precision 8, 75 columns, a summary above 1000
/// elements): `str` gives `[1.  2.5]`, `repr` gives `array([1. , 2.5])`.
enum NumPyFormat {
    static func str(_ array: NDArray) -> String {
        body(array, separator: " ", indent: "[".count)
    }

    static func repr(_ array: NDArray) -> String {
        let prefix = "array("
        let suffix: String
        switch array.dtype {
        case .float64, .int64, .bool: suffix = array.elements.isEmpty && array.dtype != .float64 ? ", dtype=\(array.dtype.name == "bool_" ? "bool" : array.dtype.name))" : ")"
        case .float32: suffix = ", dtype=float32)"
        }
        return prefix + body(array, separator: ", ", indent: prefix.count + 1) + suffix
    }

    /// The nested brackets, each element formatted to a common width.
    private static func body(_ array: NDArray, separator: String, indent: Int) -> String {
        if array.shape.isEmpty { return element(array)(array.elements.first ?? 0) }
        if array.elements.isEmpty { return String(repeating: "[", count: array.shape.count) + String(repeating: "]", count: array.shape.count) }
        let summarize = array.elements.count > 1000
        let format = element(array, summarizing: summarize)
        return nested(array, dim: 0, offset: 0, format: format, separator: separator, indent: indent, summarize: summarize)
    }

    private static func nested(_ array: NDArray, dim: Int, offset: Int, format: (Double) -> String, separator: String,
                               indent: Int, summarize: Bool) -> String {
        let size = array.shape[dim]
        let stride = array.shape.dropFirst(dim + 1).reduce(1, *)
        let positions: [Int?] = summarize && size > 6 ? Array(0..<3) + [nil] + Array((size - 3)..<size) : Array(0..<size)
        if dim == array.shape.count - 1 {
            let items = positions.map { $0.map { format(array.elements[offset + $0]) } ?? "..." }
            return "[" + wrap(items, separator: separator, indent: indent + dim, width: 75) + "]"
        }
        let rows = positions.map { position in
            position.map { nested(array, dim: dim + 1, offset: offset + $0 * stride, format: format, separator: separator, indent: indent, summarize: summarize) } ?? "..."
        }
        let lineBreak = separator.trimmingCharacters(in: .whitespaces) + String(repeating: "\n", count: array.shape.count - dim - 1)
        return "[" + rows.joined(separator: lineBreak + String(repeating: " ", count: indent + dim)) + "]"
    }

    /// Items joined by `separator`, starting a new line (indented) before the width is passed.
    private static func wrap(_ items: [String], separator: String, indent: Int, width: Int) -> String {
        var lines: [String] = []
        var line = ""
        let trimmed = separator.trimmingCharacters(in: .whitespaces)
        for (i, item) in items.enumerated() {
            let piece = item + (i < items.count - 1 ? trimmed : "")
            if !line.isEmpty && indent + line.count + separator.count - trimmed.count + piece.count > width - 1 {
                lines.append(String(line.reversed().drop { $0 == " " }.reversed()))
                line = piece
            } else {
                line += (line.isEmpty ? "" : String(repeating: " ", count: separator.count - trimmed.count)) + piece
            }
        }
        lines.append(line)
        return lines.joined(separator: "\n" + String(repeating: " ", count: indent))
    }

    /// How each element of this array is written: one width for all, as NumPy aligns them.
    private static func element(_ array: NDArray, summarizing: Bool = false) -> (Double) -> String {
        var values = array.elements
        if summarizing, array.shape.count == 1, values.count > 6 { values = Array(values.prefix(3) + values.suffix(3)) }
        switch array.dtype {
        case .bool:
            return { $0 != 0 ? " True" : "False" }
        case .int64:
            let width = values.map { String(Int(saturating: $0)).count }.max() ?? 1
            return { x in let text = String(Int(saturating: x)); return String(repeating: " ", count: max(width - text.count, 0)) + text }
        case .float64, .float32:
            return FloatFormat(values, float32: array.dtype == .float32).format
        }
    }
}

/// NumPy's `FloatingFormat` with its defaults (floatmode 'maxprec', precision 8): positional
/// unless the values span too many orders of magnitude, then scientific.
private struct FloatFormat {
    let float32: Bool
    var scientific = false
    var padLeft = 0
    var padRight = 0
    var precision = 8
    var exponentDigits = 2

    init(_ values: [Double], float32: Bool) {
        self.float32 = float32
        let finite = values.filter(\.isFinite)
        let magnitudes = finite.filter { $0 != 0 }.map { Swift.abs($0) }
        if let largest = magnitudes.max(), let smallest = magnitudes.min() {
            scientific = largest >= 1e8 || smallest < 0.0001 || largest / smallest > 1000
        }
        if finite.isEmpty {
            padLeft = 0
            padRight = 0
        } else if scientific {
            let parts = finite.map { scientificParts($0) }
            precision = parts.map(\.fraction.count).max() ?? 0
            padLeft = parts.map(\.integer.count).max() ?? 1
            exponentDigits = max((parts.map(\.exponent.count).max() ?? 3) - 1, 2)
            padRight = exponentDigits + 2 + precision
        } else {
            let parts = finite.map { positionalParts($0) }
            padLeft = parts.map(\.integer.count).max() ?? 1
            padRight = parts.map(\.fraction.count).max() ?? 0
        }
        if values.count != finite.count {
            let negativeInfinity = values.contains { $0.isInfinite && $0 < 0 } ? 1 : 0
            padLeft = max(padLeft, 3 - (padRight + 1), 3 + negativeInfinity - (padRight + 1))
        }
    }

    /// The shortest digits that read back as the same number (as float32 for float32 arrays).
    private func shortest(_ x: Double) -> (digits: String, point: Int) {
        float32 ? PythonFloat.shortestDigits(Double(Swift.abs(x)), float32: true) : PythonFloat.shortestDigits(Swift.abs(x))
    }

    /// Integer and fraction digits in positional form, at most `precision` fraction digits.
    private func positionalParts(_ x: Double) -> (integer: String, fraction: String) {
        let sign = x.sign == .minus ? "-" : ""
        if x == 0 { return (sign + "0", "") }
        var (digits, point) = shortest(x)
        if digits.count - point > precision {
            // Too many digits: round to `precision` places, then drop trailing zeros.
            let rounded = String(format: "%.\(precision)f", Swift.abs(x))
            let pieces = rounded.split(separator: ".", omittingEmptySubsequences: false)
            var fraction = pieces.count > 1 ? String(pieces[1]) : ""
            while fraction.last == "0" { fraction.removeLast() }
            return (sign + String(pieces[0]), fraction)
        }
        if point <= 0 {
            return (sign + "0", String(repeating: "0", count: -point) + digits)
        }
        if point >= digits.count {
            digits += String(repeating: "0", count: point - digits.count)
            return (sign + digits, "")
        }
        let cut = digits.index(digits.startIndex, offsetBy: point)
        return (sign + String(digits[..<cut]), String(digits[cut...]))
    }

    /// Mantissa digits and exponent in scientific form.
    private func scientificParts(_ x: Double) -> (integer: String, fraction: String, exponent: String) {
        let sign = x.sign == .minus ? "-" : ""
        if x == 0 { return (sign + "0", "", "00") }
        var (digits, point) = shortest(x)
        if digits.count - 1 > precision {
            let text = String(format: "%.\(precision)e", Swift.abs(x))
            let mantissa = text.prefix { $0 != "e" }
            let exponent = Int(text.drop { $0 != "e" }.dropFirst()) ?? 0
            var fraction = String(mantissa.drop { $0 != "." }.dropFirst())
            while fraction.last == "0" { fraction.removeLast() }
            digits = String(mantissa.prefix(1)) + fraction
            point = exponent + 1
        }
        let exponent = point - 1
        let exponentText = String(Swift.abs(exponent))
        return (sign + String(digits.prefix(1)), String(digits.dropFirst()),
                (exponent < 0 ? "-" : "+") + (exponentText.count < 2 ? "0" : "") + exponentText)
    }

    func format(_ x: Double) -> String {
        if !x.isFinite {
            let text = x.isNaN ? "nan" : (x < 0 ? "-inf" : "inf")
            return String(repeating: " ", count: max(padLeft + padRight + 1 - text.count, 0)) + text
        }
        if scientific {
            let parts = scientificParts(x)
            let fraction = parts.fraction + String(repeating: "0", count: max(precision - parts.fraction.count, 0))
            let integer = String(repeating: " ", count: max(padLeft - parts.integer.count, 0)) + parts.integer
            let exponent = String(parts.exponent.prefix(1)) + String(repeating: "0", count: max(exponentDigits - (parts.exponent.count - 1), 0)) + parts.exponent.dropFirst()
            return integer + "." + fraction + "e" + exponent
        }
        let parts = positionalParts(x)
        let integer = String(repeating: " ", count: max(padLeft - parts.integer.count, 0)) + parts.integer
        return integer + "." + parts.fraction + String(repeating: " ", count: max(padRight - parts.fraction.count, 0))
    }
}
