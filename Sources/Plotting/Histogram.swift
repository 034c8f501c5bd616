import Common
import TensorEngine

/// A histogram of one or two series over the same bins, one row per bin with its edges, a bar
/// and the count: what `hist(...)` draws. Two series go side by side (two bars per row) or
/// overlaid (▀ the first, ▄ the second, █ where both reach). A note counts values that are
/// exactly zero, the mark of L1 regularization.
///
/// ```swift
/// let h = try Histogram(series: [.init(name: "weights", values: [0, 0, 0.1, -0.2])], bins: 4)
/// print(try h.render(width: 80, style: Style(colors: false)))
/// ```
public struct Histogram: Sendable {
    /// One named set of values.
    public struct Series: Sendable {
        /// The name in the legend.
        public let name: String
        /// The values counted (NaN and infinity are left out).
        public let values: [Double]
        /// A named series.
        public init(name: String, values: [Double]) {
            self.name = name
            self.values = values
        }
    }

    /// One or two series.
    public let series: [Series]
    /// A title above the histogram.
    public let title: String?
    /// Two series drawn over each other instead of side by side.
    public let overlay: Bool
    /// The bin edges, `bins + 1` of them, equally spaced.
    public let edges: [Double]
    /// The count of each bin, per series.
    public let counts: [[Int]]

    /// Counts over `bins` equal bins spanning `range` (or the data).
    public init(series: [Series], bins: Int = 10, range: (Double, Double)? = nil, overlay: Bool = false, title: String? = nil) throws {
        guard series.count == 1 || series.count == 2 else {
            throw TensorError(.valueError, "hist() draws one or two series, got \(series.count)")
        }
        guard bins >= 1 && bins <= 100 else { throw TensorError(.valueError, "bins must be between 1 and 100, got \(bins)") }
        let finite = series.flatMap(\.values).filter(\.isFinite)
        guard !finite.isEmpty else {
            throw TensorError(.valueError, series.allSatisfy(\.values.isEmpty) ? "hist() needs at least one value" : "hist() has nothing to count: every value is NaN or infinite")
        }
        var (low, high) = range ?? (finite.min() ?? 0, finite.max() ?? 1)
        guard low.isFinite && high.isFinite && low <= high else {
            throw TensorError(.valueError, "range must be finite with min <= max, got (\(low), \(high))")
        }
        if low == high {   // torch.histc widens an empty range by 1 on each side
            low -= 1
            high += 1
        }
        let width = (high - low) / Double(bins)
        guard width.isFinite else {   // NumPy's words for the same refusal
            throw TensorError(.valueError, "Too many bins for data range. Cannot create \(bins) finite-sized bins.")
        }
        edges = (0...bins).map { low + Double($0) * width }
        counts = series.map { s in
            var counts = Array(repeating: 0, count: bins)
            for value in s.values where value.isFinite && value >= low && value <= high {
                counts[Swift.min(Swift.max(Int(saturating: (value - low) / width), 0), bins - 1)] += 1
            }
            return counts
        }
        self.series = series
        self.title = title
        self.overlay = overlay
    }

    /// The picture as text at most `width` columns wide (an error when it cannot fit).
    public func render(width: Int, style: Style) throws -> String {
        // Two more decimals than the bin width needs, so neighbouring edges never print alike.
        let step = (edges.count > 1 ? edges[1] - edges[0] : 1) / 100
        let labels = (0..<(edges.count - 1)).map { i in
            "[" + Scale.format(edges[i], step: step) + ", " + Scale.format(edges[i + 1], step: step) + (i == edges.count - 2 ? "]" : ")")
        }
        let labelWidth = labels.map(\.count).max() ?? 0
        let countWidth = counts.flatMap { $0 }.map { String($0).count }.max() ?? 1
        let sideBySide = series.count == 2 && !overlay
        let barWidth = sideBySide ? (width - labelWidth - 2 - 2 * (countWidth + 1) - 3) / 2 : width - labelWidth - 2 - (countWidth + 1) * series.count - 1
        guard barWidth >= 5 else {
            throw TensorError(.valueError, "this histogram needs at least \(width - barWidth + 5) columns, the terminal has \(width)")
        }
        let largest = Swift.max(counts.flatMap { $0 }.max() ?? 1, 1)
        func length(_ count: Int) -> Int { count == 0 ? 0 : Swift.max(1, Int(saturating: (Double(count) / Double(largest) * Double(barWidth)).rounded())) }
        var lines: [String] = []
        if let title { lines.append(style.bold(Layout.centered(title, width: width))) }
        for (bin, label) in labels.enumerated() {
            var line = Layout.padLeft(label, labelWidth) + "  "
            if sideBySide {
                for s in 0..<2 {
                    let n = length(counts[s][bin])
                    line += style.paint(String(repeating: "█", count: n), series: s) + String(repeating: " ", count: barWidth - n)
                        + " " + Layout.padLeft(String(counts[s][bin]), countWidth) + (s == 0 ? " │ " : "")
                }
            } else if series.count == 2 {
                line += overlaid(length(counts[0][bin]), length(counts[1][bin]), style: style) + String(repeating: " ", count: barWidth - Swift.max(length(counts[0][bin]), length(counts[1][bin])))
                line += " " + style.paint(Layout.padLeft(String(counts[0][bin]), countWidth), series: 0) + " " + style.paint(Layout.padLeft(String(counts[1][bin]), countWidth), series: 1)
            } else {
                let n = length(counts[0][bin])
                line += style.paint(String(repeating: "█", count: n), series: 0) + String(repeating: " ", count: barWidth - n) + " " + Layout.padLeft(String(counts[0][bin]), countWidth)
            }
            lines.append(line.trimmingTrailingSpaces)
        }
        lines.append(contentsOf: notes(style: style, width: width))
        return lines.joined(separator: "\n")
    }

    /// ▀ for the first series alone, ▄ for the second alone, █ where both bars reach.
    private func overlaid(_ first: Int, _ second: Int, style: Style) -> String {
        var text = ""
        for k in 0..<Swift.max(first, second) {
            switch (k < first, k < second) {
            case (true, true):
                text += style.colors ? "\u{1B}[38;5;\(Style.palette[0]);48;5;\(Style.palette[1])m▀\u{1B}[0m" : "█"
            case (true, false): text += style.paint("▀", series: 0)
            default: text += style.paint("▄", series: 1)
            }
        }
        return text
    }

    private func notes(style: Style, width: Int) -> [String] {
        var items: [String]
        if series.count == 2 && overlay {
            items = [style.paint("▀", series: 0) + " " + series[0].name, style.paint("▄", series: 1) + " " + series[1].name]
            if !style.colors { items.append("█ both") }
        } else {
            items = series.enumerated().map { style.paint("█", series: $0.offset) + " " + $0.element.name }
        }
        var lines = [Layout.wrap(items, separator: "   ", width: width, indent: "  ")]
        let zeros = series.map { s in (s.name, s.values.filter { $0 == 0 }.count, s.values.count) }
        if zeros.contains(where: { $0.1 > 0 }) {
            lines.append(Layout.wrapWords("exactly zero: " + zeros.map { "\($0.0) \($0.1) of \($0.2)" }.joined(separator: ", "), width: width))
        }
        let left = series.map { s in s.values.filter { !$0.isFinite }.count }.reduce(0, +)
        let outside = series.map { s in s.values.filter { $0.isFinite && ($0 < edges[0] || $0 > edges[edges.count - 1]) }.count }.reduce(0, +)
        if left > 0 { lines.append(Layout.wrapWords("\(left) NaN or infinite value\(left == 1 ? "" : "s") left out", width: width)) }
        if outside > 0 { lines.append(Layout.wrapWords("\(outside) value\(outside == 1 ? "" : "s") outside the range left out", width: width)) }
        return lines
    }
}
