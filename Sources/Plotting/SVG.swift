import Foundation

/// The pictures as standalone SVG documents, for handouts (`:savefig name.svg`).
enum SVG {
    static let colours = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#17becf"]
    static func colour(_ index: Int) -> String { colours[index % colours.count] }

    /// Text made safe for XML: markup characters escaped, and the characters XML 1.0 forbids
    /// (NUL and the other control characters but tab and newline) left out.
    static func escaped(_ text: String) -> String {
        let allowed = String(String.UnicodeScalarView(text.unicodeScalars.filter { scalar in
            scalar.value >= 0x20 ? scalar.value != 0x7F && scalar.value != 0xFFFE && scalar.value != 0xFFFF : scalar == "\t" || scalar == "\n"
        }))
        return allowed.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
    }

    /// The comment every SVG regtutor writes carries, so that `:savefig` knows which files it may
    /// overwrite.
    static let signature = "<!-- drawn by regtutor -->"

    static func number(_ x: Double) -> String { String(format: "%.2f", x) }

    static func document(width: Int, height: Int, _ body: [String]) -> String {
        (["<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(width)\" height=\"\(height)\" viewBox=\"0 0 \(width) \(height)\" font-family=\"sans-serif\" font-size=\"12\">",
          signature,
          "<rect width=\"100%\" height=\"100%\" fill=\"white\"/>"] + body + ["</svg>", ""]).joined(separator: "\n")
    }

    static func text(_ x: Double, _ y: Double, _ content: String, anchor: String = "middle", size: Int = 12, bold: Bool = false) -> String {
        "<text x=\"\(number(x))\" y=\"\(number(y))\" text-anchor=\"\(anchor)\" font-size=\"\(size)\"\(bold ? " font-weight=\"bold\"" : "")>\(escaped(content))</text>"
    }

    /// A plotting frame: the area, tick marks and labels of both axes.
    struct Frame {
        let left = 70.0, top = 40.0, width = 540.0, height = 300.0
        let x: Scale, y: Scale

        func px(_ value: Double) -> Double { left + x.position(value) * width }
        func py(_ value: Double) -> Double { top + (1 - y.position(value)) * height }

        var axes: [String] {
            var parts = ["<rect x=\"\(left)\" y=\"\(top)\" width=\"\(width)\" height=\"\(height)\" fill=\"none\" stroke=\"#888\"/>"]
            for tick in x.ticks {
                parts.append("<line x1=\"\(number(px(tick)))\" y1=\"\(top + height)\" x2=\"\(number(px(tick)))\" y2=\"\(top + height + 5)\" stroke=\"#888\"/>")
                parts.append(SVG.text(px(tick), top + height + 18, x.label(tick)))
            }
            for tick in y.ticks {
                parts.append("<line x1=\"\(left - 5)\" y1=\"\(number(py(tick)))\" x2=\"\(left)\" y2=\"\(number(py(tick)))\" stroke=\"#888\"/>")
                parts.append(SVG.text(left - 8, py(tick) + 4, y.label(tick), anchor: "end"))
            }
            return parts
        }
    }

    static func legend(_ items: [(String, String)], y: Double) -> [String] {
        var x = 70.0
        var parts: [String] = []
        for (colour, label) in items {
            parts.append("<rect x=\"\(number(x))\" y=\"\(number(y - 9))\" width=\"14\" height=\"10\" fill=\"\(colour)\"/>")
            parts.append(text(x + 18, y, label, anchor: "start"))
            x += 30 + Double(label.count) * 7
        }
        return parts
    }

    static func line(_ chart: LineChart) -> String {
        let (xScale, yScale) = chart.scales(plotWidth: 60)
        let frame = Frame(x: xScale, y: yScale)
        var body = frame.axes
        if let title = chart.title { body.append(text(340, 24, title, size: 15, bold: true)) }
        if let xLabel = chart.xLabel { body.append(text(340, 380, xLabel)) }
        if let yLabel = chart.yLabel { body.append(text(18, 190, yLabel).replacingOccurrences(of: "<text ", with: "<text transform=\"rotate(-90 18 190)\" ")) }
        for (index, series) in chart.series.enumerated() {
            var segment: [String] = []
            func flush() {
                if segment.count > 1 {
                    body.append("<polyline fill=\"none\" stroke=\"\(colour(index))\" stroke-width=\"2\" points=\"\(segment.joined(separator: " "))\"/>")
                } else if let only = segment.first {
                    let xy = only.split(separator: ",")
                    body.append("<circle cx=\"\(xy[0])\" cy=\"\(xy[1])\" r=\"3\" fill=\"\(colour(index))\"/>")
                }
                segment = []
            }
            for (x, y) in zip(series.x, series.y) {
                if x.isFinite && y.isFinite { segment.append("\(number(frame.px(x))),\(number(frame.py(y)))") } else { flush() }
            }
            flush()
        }
        var items = chart.series.enumerated().map { (colour($0.offset), $0.element.name) }
        if let marker = chart.marker, marker.x.isFinite {
            body.append("<line x1=\"\(number(frame.px(marker.x)))\" y1=\"40\" x2=\"\(number(frame.px(marker.x)))\" y2=\"340\" stroke=\"#d62728\" stroke-dasharray=\"5,4\"/>")
            items.append(("#d62728", marker.label))
        }
        body += legend(items, y: chart.xLabel == nil ? 385 : 398)
        return document(width: 640, height: 410, body)
    }

    static func histogram(_ histogram: Histogram) -> String {
        let edges = histogram.edges
        let largest = Double(Swift.max(histogram.counts.flatMap { $0 }.max() ?? 1, 1))
        let frame = Frame(x: Scale(low: edges[0], high: edges[edges.count - 1], ticks: 7, exact: true), y: Scale(low: 0, high: largest, ticks: 5))
        var body = frame.axes
        if let title = histogram.title { body.append(text(340, 24, title, size: 15, bold: true)) }
        let bins = edges.count - 1
        let sideBySide = histogram.series.count == 2 && !histogram.overlay
        for (s, counts) in histogram.counts.enumerated() {
            for bin in 0..<bins where counts[bin] > 0 {
                var x0 = frame.px(edges[bin]), x1 = frame.px(edges[bin + 1])
                if sideBySide {
                    let middle = (x0 + x1) / 2
                    if s == 0 { x1 = middle } else { x0 = middle }
                }
                let y = frame.py(Double(counts[bin]))
                body.append("<rect x=\"\(number(x0))\" y=\"\(number(y))\" width=\"\(number(Swift.max(x1 - x0 - 1, 0.5)))\" height=\"\(number(340 - y))\" fill=\"\(colour(s))\" fill-opacity=\"\(histogram.overlay ? "0.55" : "0.9")\"/>")
            }
        }
        body += legend(histogram.series.enumerated().map { (colour($0.offset), $0.element.name) }, y: 385)
        return document(width: 640, height: 400, body)
    }

    static func heatmap(_ heatmap: Heatmap) -> String {
        let cell = Swift.max(2.0, Swift.min(24.0, 560.0 / Double(Swift.max(heatmap.columns, heatmap.rows))))
        let shading = Shading(values: heatmap.values)
        var body: [String] = []
        if let title = heatmap.title { body.append(text(20 + cell * Double(heatmap.columns) / 2, 24, title, size: 15, bold: true)) }
        for r in 0..<heatmap.rows {
            for c in 0..<heatmap.columns {
                let value = heatmap.values[r * heatmap.columns + c]
                let (red, green, blue) = value.isNaN ? (255, 0, 255) : shading.rgb(value)
                body.append("<rect x=\"\(number(20 + Double(c) * cell))\" y=\"\(number(40 + Double(r) * cell))\" width=\"\(number(cell))\" height=\"\(number(cell))\" fill=\"rgb(\(red),\(green),\(blue))\"/>")
            }
        }
        let bottom = 40 + cell * Double(heatmap.rows) + 24
        let step = (shading.high - shading.low) / 100
        body.append(text(20, bottom, Scale.format(shading.low, step: step), anchor: "start"))
        for k in 0..<20 {
            let (red, green, blue) = shading.rgb(shading.low + (shading.high - shading.low) * Double(k) / 19)
            body.append("<rect x=\"\(80 + k * 10)\" y=\"\(number(bottom - 10))\" width=\"10\" height=\"12\" fill=\"rgb(\(red),\(green),\(blue))\"/>")
        }
        body.append(text(290, bottom, Scale.format(shading.high, step: step), anchor: "start"))
        return document(width: Int(saturating: 40 + cell * Double(heatmap.columns)) + 300, height: Int(saturating: bottom + 16), body)
    }

    static func images(_ grid: ImageGrid) -> String {
        let pixel = 8.0
        var body: [String] = []
        var x = 20.0
        let top = grid.title == nil ? 20.0 : 44.0
        if let title = grid.title { body.append(text(20, 26, title, anchor: "start", size: 15, bold: true)) }
        var height = 0.0
        for picture in grid.pictures {
            let (pixels, _) = picture.rescaled
            let plane = picture.height * picture.width
            for y in 0..<picture.height {
                for column in 0..<picture.width {
                    let i = y * picture.width + column
                    let rgb = picture.channels == 3 ? (pixels[i], pixels[plane + i], pixels[2 * plane + i]) : (pixels[i], pixels[i], pixels[i])
                    body.append("<rect x=\"\(number(x + Double(column) * pixel))\" y=\"\(number(top + Double(y) * pixel))\" width=\"\(pixel)\" height=\"\(pixel)\" fill=\"rgb(\(ImageGrid.byte(rgb.0)),\(ImageGrid.byte(rgb.1)),\(ImageGrid.byte(rgb.2)))\"/>")
                }
            }
            body.append(text(x + Double(picture.width) * pixel / 2, top + Double(picture.height) * pixel + 16, picture.caption))
            x += Double(picture.width) * pixel + 24
            height = Swift.max(height, Double(picture.height) * pixel)
        }
        return document(width: Int(saturating: x), height: Int(saturating: top + height + 30), body)
    }

    static func scatter(_ plot: ScatterPlot) -> String {
        let (xScale, yScale) = plot.scales
        let frame = Frame(x: xScale, y: yScale)
        var body: [String] = []
        if let title = plot.title { body.append(text(340, 24, title, size: 15, bold: true)) }
        if let regions = plot.regions, let width = plot.regionWidth {
            let (_, columns, rows) = plot.layout(width: width)
            if regions.count == rows * columns {
                let cw = frame.width / Double(columns), ch = frame.height / Double(rows)
                for r in 0..<rows {
                    for c in 0..<columns {
                        body.append("<rect x=\"\(number(frame.left + Double(c) * cw))\" y=\"\(number(frame.top + Double(r) * ch))\" width=\"\(number(cw + 0.5))\" height=\"\(number(ch + 0.5))\" fill=\"\(colour(regions[r * columns + c]))\" fill-opacity=\"0.18\"/>")
                    }
                }
            }
        }
        body += frame.axes
        for (point, label) in zip(plot.points, plot.labels) where point.0.isFinite && point.1.isFinite {
            body.append("<circle cx=\"\(number(frame.px(point.0)))\" cy=\"\(number(frame.py(point.1)))\" r=\"3.5\" fill=\"\(colour(label))\" stroke=\"white\" stroke-width=\"0.5\"/>")
        }
        body += legend(Array(Set(plot.labels)).sorted().map { (colour($0), "class \($0)") }, y: 385)
        return document(width: 640, height: 400, body)
    }
}
