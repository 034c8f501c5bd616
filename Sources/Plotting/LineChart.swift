import Common
import TensorEngine

/// A line chart of one or more series, with axes, tick labels, a legend, a title and an
/// optional vertical marker (the epoch early stopping chose): what `plot(...)` draws.
///
/// With colour, series are braille lines in distinct colours; without it, several series are
/// drawn with distinct marker characters (`*`, `o`, `+`...) so the plain text still reads.
///
/// ```swift
/// let chart = try LineChart(series: [.init(name: "loss", y: [1, 0.5, 0.3])], title: "training")
/// print(try chart.render(width: 80, style: Style(colors: false)))
/// ```
public struct LineChart: Sendable {
    /// One named curve.
    public struct Series: Sendable {
        /// The name in the legend.
        public let name: String
        /// The x of each point.
        public let x: [Double]
        /// The y of each point (NaN and infinity leave a gap).
        public let y: [Double]

        /// A series at x = 0, 1, 2... unless `x` is given.
        public init(name: String, x: [Double]? = nil, y: [Double]) {
            self.name = name
            self.y = y
            self.x = x ?? y.indices.map(Double.init)
        }
    }

    /// The curves, drawn in order.
    public let series: [Series]
    /// A title above the chart.
    public let title: String?
    /// The name of the x axis.
    public let xLabel: String?
    /// The name of the y axis.
    public let yLabel: String?
    /// A vertical line at this x, explained in the legend.
    public let marker: (x: Double, label: String)?
    /// Rows of the plotting area.
    public let height: Int

    /// A chart; an error when there is nothing finite to draw.
    public init(series: [Series], title: String? = nil, xLabel: String? = nil, yLabel: String? = nil,
                marker: (x: Double, label: String)? = nil, height: Int = 12) throws {
        guard !series.isEmpty, series.contains(where: { !$0.y.isEmpty }) else {
            throw TensorError(.valueError, "plot() needs at least one value to draw")
        }
        for s in series where s.x.count != s.y.count {
            throw TensorError(.valueError, "x and y must have the same length, got \(s.x.count) and \(s.y.count)")
        }
        guard series.contains(where: { s in zip(s.x, s.y).contains { $0.isFinite && $1.isFinite } }) else {
            throw TensorError(.valueError, "plot() has nothing to draw: every value is NaN or infinite")
        }
        guard height >= 3 && height <= 100 else { throw TensorError(.valueError, "height must be between 3 and 100 rows, got \(height)") }
        self.series = series
        self.title = title
        self.xLabel = xLabel
        self.yLabel = yLabel
        self.marker = marker
        self.height = height
    }

    /// The finite points of every series.
    private var finitePoints: [(Double, Double)] {
        series.flatMap { s in zip(s.x, s.y).filter { $0.isFinite && $1.isFinite } }
    }

    /// The scales of both axes.
    func scales(plotWidth: Int) -> (x: Scale, y: Scale) {
        let points = finitePoints
        var xs = points.map(\.0)
        if let marker, marker.x.isFinite { xs.append(marker.x) }
        let ys = points.map(\.1)
        let x = Scale(low: xs.min() ?? 0, high: xs.max() ?? 1, ticks: Swift.max(2, plotWidth / 10), exact: true)
        let y = Scale(low: ys.min() ?? 0, high: ys.max() ?? 1, ticks: Swift.max(2, height / 3 + 1))
        return (x, y)
    }

    /// The picture as text at most `width` columns wide (an error when it cannot fit).
    public func render(width: Int, style: Style) throws -> String {
        let roughY = scales(plotWidth: 40).y
        let labelWidth = roughY.ticks.map { roughY.label($0).count }.max() ?? 1
        let plotWidth = width - labelWidth - 2
        guard plotWidth >= 10 else {
            throw TensorError(.valueError, "a chart needs at least \(labelWidth + 12) columns, the terminal has \(width)")
        }
        let (xScale, yScale) = scales(plotWidth: plotWidth)
        var canvas = Canvas(columns: plotWidth, rows: height, braille: style.colors || series.count == 1)
        if let marker, marker.x.isFinite {
            canvas.verticalMarker(column: Int(saturating: (xScale.position(marker.x) * Double(plotWidth - 1)).rounded()), character: "│")
        }
        for (index, s) in series.enumerated() {
            let points = zip(s.x, s.y).map { $0.isFinite && $1.isFinite ? (xScale.position($0), yScale.position($1)) : nil }
            for (k, point) in points.enumerated() {
                guard let point else { continue }   // a gap: NaN and infinity break the line
                let previous = k > 0 ? points[k - 1] : nil
                let next = k + 1 < points.count ? points[k + 1] : nil
                canvas.line(from: previous ?? point, to: point, series: index)
                if previous == nil && next == nil { canvas.emphasise(point, series: index) }
            }
        }
        // The marker is drawn first, so lines cross it; repaint it where it is still empty.
        if let marker, marker.x.isFinite {
            canvas.verticalMarker(column: Int(saturating: (xScale.position(marker.x) * Double(plotWidth - 1)).rounded()), character: "│")
        }
        var lines: [String] = []
        if let title { lines.append(style.bold(Layout.centered(title, width: width))) }
        if let yLabel { lines.append(style.dim(yLabel)) }
        var tickRows: [Int: String] = [:]
        for tick in yScale.ticks {
            tickRows[Int(saturating: ((1 - yScale.position(tick)) * Double(height - 1)).rounded())] = yScale.label(tick)
        }
        for row in 0..<height {
            let label = tickRows[row].map { Layout.padLeft($0, labelWidth) } ?? String(repeating: " ", count: labelWidth)
            lines.append((style.dim(label + (tickRows[row] == nil ? " │" : " ┤")) + canvas.text(row: row, style: style, markerColour: 160)).trimmingTrailingSpaces)
        }
        lines.append(contentsOf: xAxis(xScale, labelWidth: labelWidth, plotWidth: plotWidth, style: style))
        lines.append(legend(style: style, width: width))
        return lines.joined(separator: "\n")
    }

    private func xAxis(_ scale: Scale, labelWidth: Int, plotWidth: Int, style: Style) -> [String] {
        var lines = Layout.xAxis(scale, labelWidth: labelWidth, plotWidth: plotWidth, style: style) { position in
            Int(saturating: (position * Double(plotWidth - 1)).rounded())
        }
        if let xLabel { lines.append(style.dim(Layout.centered(xLabel, width: labelWidth + 2 + plotWidth))) }
        return lines
    }

    private func legend(style: Style, width: Int) -> String {
        let braille = style.colors || series.count == 1
        var items = series.enumerated().map { index, s in
            style.paint(braille ? "──" : String(repeating: Style.marker(index), count: 2), series: index) + " " + s.name
        }
        if let marker { items.append(style.foreground("│", 160) + " " + marker.label) }
        return Layout.wrap(items, separator: "   ", width: width, indent: "  ")
    }
}

/// Small text-layout helpers shared by the charts.
enum Layout {
    /// The x axis (`└─┬──┬─`) and its tick labels under a plotting area `plotWidth` columns wide
    /// that starts after `labelWidth + 2` columns; `column` maps a position in [0, 1] to a
    /// column. Labels that would overlap the one before are left out.
    static func xAxis(_ scale: Scale, labelWidth: Int, plotWidth: Int, style: Style, column: (Double) -> Int) -> [String] {
        var axis = Array(repeating: Character("─"), count: plotWidth)
        var labels = Array(repeating: Character(" "), count: plotWidth + labelWidth + 2)
        var lastEnd = -1
        for tick in scale.ticks {
            let at = column(scale.position(tick))
            guard at >= 0 && at < plotWidth else { continue }
            axis[at] = "┬"
            let text = Array(scale.label(tick))
            let start = Swift.max(0, Swift.min(labelWidth + 2 + at - text.count / 2, labels.count - text.count))
            guard start > lastEnd else { continue }
            for (k, character) in text.enumerated() { labels[start + k] = character }
            lastEnd = start + text.count
        }
        return [style.dim(String(repeating: " ", count: labelWidth) + " └" + String(axis)),
                style.dim(String(labels).trimmingTrailingSpaces)]
    }

    static func padLeft(_ text: String, _ width: Int) -> String {
        text.count >= width ? text : String(repeating: " ", count: width - text.count) + text
    }

    static func padRight(_ text: String, _ width: Int) -> String {
        let visible = Style.visibleWidth(text)
        return visible >= width ? text : text + String(repeating: " ", count: width - visible)
    }

    static func centered(_ text: String, width: Int) -> String {
        let clipped = text.count > width ? String(text.prefix(Swift.max(width - 1, 0))) + "…" : text
        return String(repeating: " ", count: Swift.max(0, (width - clipped.count) / 2)) + clipped
    }

    /// A sentence broken at spaces into lines of at most `width` columns (a single word longer
    /// than that is cut), each line starting with `indent`.
    static func wrapWords(_ text: String, width: Int, indent: String = "  ") -> String {
        let words = text.split(separator: " ").map { word -> String in
            let room = Swift.max(width - indent.count, 1)
            return Style.visibleWidth(String(word)) > room ? String(word.prefix(room)) : String(word)
        }
        return wrap(words, separator: " ", width: width, indent: indent)
    }

    /// Items joined by `separator`, wrapped onto as many lines as `width` needs.
    static func wrap(_ items: [String], separator: String, width: Int, indent: String) -> String {
        var lines: [String] = []
        var line = indent
        for item in items {
            let candidate = line == indent ? line + item : line + separator + item
            if Style.visibleWidth(candidate) > width && line != indent {
                lines.append(line)
                line = indent + item
            } else {
                line = candidate
            }
        }
        lines.append(line)
        return lines.joined(separator: "\n")
    }
}
