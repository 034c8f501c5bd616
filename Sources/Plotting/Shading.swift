/// Maps numbers to shades: a plain-text character ramp, or colours (grey for one-signed data,
/// blue–white–red around zero for signed data such as weights).
struct Shading {
    let low: Double
    let high: Double
    /// True when the data has both signs: colours then diverge from white at zero.
    let diverging: Bool

    init(values: [Double]) {
        let finite = values.filter(\.isFinite)
        low = finite.min() ?? 0
        high = finite.max() ?? 0
        diverging = low < 0 && high > 0
    }

    /// 0 at the lowest value, 1 at the highest (0.5 when all are equal).
    func level(_ value: Double) -> Double {
        if value == .infinity { return 1 }
        if value == -.infinity { return 0 }
        return high > low ? Scale.fraction(value, from: low, to: high) : 0.5
    }

    /// The colour of a value, 8 bits per channel.
    func rgb(_ value: Double) -> (Int, Int, Int) {
        if diverging {
            let extent = Swift.max(-low, high)
            let t = Swift.max(-1, Swift.min(1, value / extent))
            return t < 0 ? (Int(saturating: 255 * (1 + t)), Int(saturating: 255 * (1 + t)), 255) : (255, Int(saturating: 255 * (1 - t)), Int(saturating: 255 * (1 - t)))
        }
        let grey = Int(saturating: 20 + 235 * level(value))
        return (grey, grey, grey)
    }

    /// A cell `width` characters wide showing `value`.
    func cell(_ value: Double, width: Int, style: Style) -> String {
        if value.isNaN { return String(repeating: "×", count: width) }
        if style.colors {
            let (r, g, b) = rgb(value)
            return Style.background(String(repeating: " ", count: width), red: r, green: g, blue: b)
        }
        return String(repeating: Style.shade(level(value)), count: width)
    }

    /// The key: which shade (or colour) means which value, wrapped to `width`.
    func legend(style: Style, width: Int) -> String {
        if !(high > low) { return Layout.wrapWords("all values are \(Scale.format(low, step: Swift.max(Swift.abs(low) / 100, 1e-12)))", width: width) }
        let step = (high - low) / 100
        if style.colors {
            let ramp = (0..<12).map { k in cell(low + (high - low) * Double(k) / 11, width: 1, style: style) }.joined()
            let items = [Scale.format(low, step: step) + " " + ramp + " " + Scale.format(high, step: step)] + (diverging ? ["(white = 0)"] : [])
            return Layout.wrap(items, separator: "   ", width: width, indent: "  ")
        }
        let keys = Style.shades.indices.map { k -> String in
            let shade = Style.shades[k] == " " ? "' '" : String(Style.shades[k])
            return shade + " " + Scale.format(low + (high - low) * Double(k) / Double(Style.shades.count - 1), step: step)
        }
        return Layout.wrap(["scale: " + keys[0]] + keys.dropFirst(), separator: "   ", width: width, indent: "  ")
    }
}
