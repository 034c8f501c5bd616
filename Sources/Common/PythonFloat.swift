import Foundation

/// Python's way of writing numbers, so that regtutor prints what Python prints.
public enum PythonFloat {
    /// `repr(x)` of a Python float: the shortest digits that read back as the same double, in
    /// fixed notation when the decimal point falls between 10^-4 and 10^16, scientific otherwise.
    ///
    /// ```swift
    /// PythonFloat.repr(0.1)     // "0.1"
    /// PythonFloat.repr(1e-05)   // "1e-05"
    /// PythonFloat.repr(Double(Float(0.1)))  // "0.10000000149011612", as t.tolist() prints it
    /// ```
    public static func repr(_ x: Double) -> String {
        if x.isNaN { return "nan" }
        if x.isInfinite { return x < 0 ? "-inf" : "inf" }
        let sign = x.sign == .minus ? "-" : ""
        if x == 0 { return sign + "0.0" }
        let (digits, point) = shortestDigits(Swift.abs(x))
        return sign + layout(digits: digits, point: point)
    }

    /// The shortest spelling of a float32 that reads back as the same float32, in Python's
    /// layout (what NumPy prints for `np.float32(0.1)`: `0.1`).
    public static func repr(float32 x: Float) -> String {
        if x.isNaN { return "nan" }
        if x.isInfinite { return x < 0 ? "-inf" : "inf" }
        let sign = x.sign == .minus ? "-" : ""
        if x == 0 { return sign + "0.0" }
        let (digits, point) = shortestDigits(text: Swift.abs(x).description)
        return sign + layout(digits: digits, point: point)
    }

    /// Digits d₁d₂… with the decimal point after `point` of them, as Python lays out a float.
    static func layout(digits: String, point: Int) -> String {
        if point > -4 && point <= 16 {
            if point <= 0 { return "0." + String(repeating: "0", count: -point) + digits }
            if point >= digits.count { return digits + String(repeating: "0", count: point - digits.count) + ".0" }
            let cut = digits.index(digits.startIndex, offsetBy: point)
            return digits[..<cut] + "." + digits[cut...]
        }
        let exponent = point - 1
        let mantissa = digits.count > 1 ? String(digits.prefix(1)) + "." + digits.dropFirst() : digits
        let exponentText = String(Swift.abs(exponent))
        return mantissa + "e" + (exponent < 0 ? "-" : "+") + (exponentText.count < 2 ? "0" : "") + exponentText
    }

    /// The shortest round-trip digits of a positive finite x (no leading or trailing zeros) and
    /// the position of the decimal point: x = 0.d₁d₂… × 10^point.
    public static func shortestDigits(_ x: Double) -> (String, Int) {
        shortestDigits(text: x.description)  // Swift also prints the shortest round-trip digits
    }

    /// The shortest round-trip digits of a positive finite x as a double, or (when `float32`)
    /// as the float32 it rounds to.
    public static func shortestDigits(_ x: Double, float32: Bool) -> (String, Int) {
        float32 ? shortestDigits(text: Float(x).description) : shortestDigits(x)
    }

    /// The digits and decimal point of a number as Swift prints it (`1.5e-05`, `0.25`).
    static func shortestDigits(text: String) -> (String, Int) {
        var mantissa = Substring(text)
        var exponent = 0
        if let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            mantissa = text[..<e]
            exponent = Int(text[text.index(after: e)...]) ?? 0
        }
        let dot = mantissa.firstIndex(of: ".")
        let integerPartLength = dot.map { mantissa.distance(from: mantissa.startIndex, to: $0) } ?? mantissa.count
        var digits = mantissa.filter { $0 != "." }
        var point = integerPartLength + exponent
        while digits.first == "0" {
            digits.removeFirst()
            point -= 1
        }
        while digits.last == "0" { digits.removeLast() }
        return (digits.isEmpty ? "0" : String(digits), point)
    }

    /// `format(x, ".{digits}f")`, with Python's spelling of NaN and infinities.
    public static func fixed(_ x: Double, digits: Int) -> String {
        if x.isNaN { return "nan" }
        if x.isInfinite { return x < 0 ? "-inf" : "inf" }
        return String(format: "%.\(digits)f", x)
    }

    /// `format(x, ".{digits}e")`, e.g. `1.0000e-05`.
    public static func scientific(_ x: Double, digits: Int) -> String {
        if x.isNaN { return "nan" }
        if x.isInfinite { return x < 0 ? "-inf" : "inf" }
        return String(format: "%.\(digits)e", x)
    }
}
