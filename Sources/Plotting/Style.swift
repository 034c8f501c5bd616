/// How a picture may be drawn: with ANSI colours, or as plain text that still reads correctly
/// (series told apart by marker characters, shades by a character ramp).
///
/// ```swift
/// let style = Style(colors: false)
/// style.paint("loss", series: 0)   // "loss" (with colours: blue)
/// ```
public struct Style: Sendable {
    /// True when escape codes may be printed.
    public let colors: Bool

    /// A style with or without colour.
    public init(colors: Bool) {
        self.colors = colors
    }

    /// Distinct colours for series, in order (256-colour codes): blue, orange, green, red, purple, teal.
    static let palette = [33, 208, 34, 160, 129, 37]
    /// Distinct marker characters for series when there is no colour.
    static let markers: [Character] = ["*", "o", "+", "x", "#", "@"]

    /// The marker of series `index` (used in plain text, and for points in colour too).
    public static func marker(_ index: Int) -> Character { markers[index % markers.count] }

    /// `text` in the colour of series `index`, or unchanged without colour.
    public func paint(_ text: String, series index: Int) -> String {
        colors ? "\u{1B}[38;5;\(Style.palette[index % Style.palette.count])m" + text + "\u{1B}[0m" : text
    }

    /// `text` in a 256-colour foreground code.
    func foreground(_ text: String, _ code: Int) -> String {
        colors ? "\u{1B}[38;5;\(code)m" + text + "\u{1B}[0m" : text
    }

    /// `text` dimmed (axes, scales) when colour is on.
    func dim(_ text: String) -> String { colors ? "\u{1B}[2m" + text + "\u{1B}[0m" : text }

    /// `text` in bold (titles) when colour is on.
    func bold(_ text: String) -> String { colors ? "\u{1B}[1m" + text + "\u{1B}[0m" : text }

    /// Plain-text shades from empty to full, for heatmaps and images without colour.
    static let shades: [Character] = [" ", "░", "▒", "▓", "█"]

    /// The shade character for a value in [0, 1].
    static func shade(_ t: Double) -> Character {
        let clamped = t.isNaN ? 0 : Swift.min(Swift.max(t, 0), 1)
        return shades[Swift.min(Swift.max(Int(saturating: (clamped * Double(shades.count - 1)).rounded()), 0), shades.count - 1)]
    }

    /// An RGB background (24-bit colour) behind `text`.
    static func background(_ text: String, red: Int, green: Int, blue: Int) -> String {
        "\u{1B}[48;2;\(red);\(green);\(blue)m" + text + "\u{1B}[0m"
    }

    /// The number of terminal columns `text` takes: escape codes take none.
    public static func visibleWidth(_ text: String) -> Int {
        var width = 0
        var inEscape = false
        for scalar in text.unicodeScalars {
            if inEscape {
                if scalar == "m" { inEscape = false }
            } else if scalar == "\u{1B}" {
                inEscape = true
            } else if scalar.properties.generalCategory != .nonspacingMark {
                width += 1
            }
        }
        return width
    }
}
