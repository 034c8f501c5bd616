import Common
import TensorEngine

/// Points in the plane, one marker (and colour) per class, optionally over a model's decision
/// regions: the classic picture of an overfit boundary next to a regularized one. What
/// `scatter(...)` draws.
///
/// The regions come from outside: `cellCenters(width:)` lists the point at the centre of every
/// character cell, the caller asks its model for a class at each, and passes them in.
///
/// ```swift
/// var plot = try ScatterPlot(points: [(0, 0), (1, 1)], labels: [0, 1])
/// plot.regions = classes(at: plot.cellCenters(width: 80))
/// print(try plot.render(width: 80, style: Style(colors: true)))
/// ```
public struct ScatterPlot: Sendable {
    /// The points (x, y).
    public let points: [(Double, Double)]
    /// The class of each point.
    public let labels: [Int]
    /// A title above the plot.
    public let title: String?
    /// The class predicted at each cell centre, row-major from the top, or nil.
    public var regions: [Int]?
    /// The terminal width the regions were computed for (their grid follows from it).
    public var regionWidth: Int?

    /// A plot of points with classes (all 0 when none are given).
    public init(points: [(Double, Double)], labels: [Int]? = nil, title: String? = nil) throws {
        let finite = points.filter { $0.0.isFinite && $0.1.isFinite }
        guard !finite.isEmpty else {
            throw TensorError(.valueError, points.isEmpty ? "scatter() needs at least one point" : "scatter() has nothing to draw: every point has a NaN or infinite coordinate")
        }
        if let labels, labels.count != points.count {
            throw TensorError(.valueError, "c must give one class per point: \(labels.count) classes for \(points.count) points")
        }
        if let labels, labels.contains(where: { $0 < 0 || $0 > 1000 }) {
            throw TensorError(.valueError, "c must hold class numbers 0, 1, 2...")
        }
        self.points = points
        self.labels = labels ?? Array(repeating: 0, count: points.count)
        self.title = title
    }

    /// The axes: the points' range with a margin of a tenth on each side.
    var scales: (x: Scale, y: Scale) {
        let finite = points.filter { $0.0.isFinite && $0.1.isFinite }
        func scale(_ values: [Double], _ ticks: Int) -> Scale {
            let low = values.min() ?? 0, high = values.max() ?? 1
            let margin = high > low ? Scale.distance(low, high) * 0.1 : 0.5
            return Scale(low: low - margin, high: high + margin, ticks: ticks)
        }
        return (scale(finite.map(\.0), 6), scale(finite.map(\.1), 5))
    }

    /// The label width and the plotting area for a terminal `width` columns wide.
    func layout(width: Int) -> (labelWidth: Int, columns: Int, rows: Int) {
        let y = scales.y
        let labelWidth = y.ticks.map { y.label($0).count }.max() ?? 1
        let columns = width - labelWidth - 2
        return (labelWidth, columns, Swift.min(Swift.max(columns * 2 / 5, 6), 24))
    }

    /// The point at the centre of every cell, row-major from the top row.
    public func cellCenters(width: Int) -> [(Double, Double)] {
        let (_, columns, rows) = layout(width: width)
        guard columns > 0 else { return [] }
        let (x, y) = scales
        let cellWidth = Scale.distance(x.low, x.high) / Double(columns), cellHeight = Scale.distance(y.low, y.high) / Double(rows)
        var centres: [(Double, Double)] = []
        for r in 0..<rows {
            let cy: Double = y.high - (Double(r) + 0.5) * cellHeight
            for c in 0..<columns {
                let cx: Double = x.low + (Double(c) + 0.5) * cellWidth
                centres.append((cx, cy))
            }
        }
        return centres
    }

    /// Light background tints for regions, per class.
    static let tints = [153, 223, 157, 217, 183, 159]
    /// Plain-text fills for regions, per class.
    static let fills: [Character] = [" ", "·", ":", "-", "=", "~"]

    /// The picture as text at most `width` columns wide (an error when it cannot fit).
    public func render(width: Int, style: Style) throws -> String {
        let (labelWidth, columns, rows) = layout(width: width)
        guard columns >= 10 else { throw TensorError(.valueError, "a scatter plot needs at least \(labelWidth + 12) columns, the terminal has \(width)") }
        let (xScale, yScale) = scales
        var cellClass = [Int?](repeating: nil, count: rows * columns)
        var votes = [[Int: Int]](repeating: [:], count: rows * columns)
        for (point, label) in zip(points, labels) where point.0.isFinite && point.1.isFinite {
            let c = Swift.min(columns - 1, Swift.max(0, Int(saturating: xScale.position(point.0) * Double(columns))))
            let r = Swift.min(rows - 1, Swift.max(0, Int(saturating: (1 - yScale.position(point.1)) * Double(rows))))
            votes[r * columns + c][label, default: 0] += 1
        }
        for (i, vote) in votes.enumerated() where !vote.isEmpty {
            cellClass[i] = vote.max { $0.value < $1.value || ($0.value == $1.value && $0.key > $1.key) }?.key
        }
        let regions = regionWidth == width && self.regions?.count == rows * columns ? self.regions : nil
        var lines: [String] = []
        if let title { lines.append(style.bold(Layout.centered(title, width: width))) }
        var tickRows: [Int: String] = [:]
        for tick in yScale.ticks {
            tickRows[Swift.min(rows - 1, Swift.max(0, Int(saturating: (1 - yScale.position(tick)) * Double(rows))))] = yScale.label(tick)
        }
        for r in 0..<rows {
            var line = style.dim((tickRows[r].map { Layout.padLeft($0, labelWidth) } ?? String(repeating: " ", count: labelWidth)) + (tickRows[r] == nil ? " │" : " ┤"))
            for c in 0..<columns {
                let i = r * columns + c
                let region = regions.map { $0[i] }
                var glyph = cellClass[i].map { String(Style.marker($0)) } ?? (style.colors ? " " : String(region.map { ScatterPlot.fills[$0 % ScatterPlot.fills.count] } ?? " "))
                if let label = cellClass[i] { glyph = style.paint(glyph, series: label) }
                if style.colors, let region {
                    glyph = "\u{1B}[48;5;\(ScatterPlot.tints[region % ScatterPlot.tints.count])m" + glyph + "\u{1B}[0m"
                }
                line += glyph
            }
            lines.append(line.trimmingTrailingSpaces)
        }
        lines += Layout.xAxis(xScale, labelWidth: labelWidth, plotWidth: columns, style: style) { position in
            Swift.min(columns - 1, Swift.max(0, Int(saturating: position * Double(columns))))
        }
        let classes = Array(Set(labels)).sorted()
        var items = classes.map { style.paint(String(Style.marker($0)), series: $0) + " class \($0)" }
        if let regions {
            items.append("background (the model's class):")
            for region in Array(Set(regions)).sorted() {
                items.append(style.colors
                    ? "\u{1B}[48;5;\(ScatterPlot.tints[region % ScatterPlot.tints.count])m  \u{1B}[0m \(region)"
                    : "'\(ScatterPlot.fills[region % ScatterPlot.fills.count])' \(region)")
            }
        }
        lines.append(Layout.wrap(items, separator: "   ", width: width, indent: "  "))
        return lines.joined(separator: "\n")
    }
}
