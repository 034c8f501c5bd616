import TensorEngine

/// Any picture regtutor draws: kept after drawing so that `:savefig` can write it again as SVG.
///
/// ```swift
/// let figure = Figure.line(chart)
/// print(try figure.render(width: 80, style: Style(colors: true)))
/// try figure.svg()   // the same picture for a handout
/// ```
public enum Figure: Sendable {
    case line(LineChart)
    case histogram(Histogram)
    case heatmap(Heatmap)
    case images(ImageGrid)
    case scatter(ScatterPlot)

    /// The picture as terminal text, at most `width` columns wide.
    public func render(width: Int, style: Style) throws -> String {
        guard width >= Figure.minimumWidth else {
            throw TensorError(.valueError, "pictures need at least \(Figure.minimumWidth) columns, the terminal has \(width)")
        }
        switch self {
        case .line(let chart): return try chart.render(width: width, style: style)
        case .histogram(let histogram): return try histogram.render(width: width, style: style)
        case .heatmap(let heatmap): return try heatmap.render(width: width, style: style)
        case .images(let grid): return try grid.render(width: width, style: style)
        case .scatter(let plot): return try plot.render(width: width, style: style)
        }
    }

    /// Narrower terminals get an error instead of a picture.
    public static let minimumWidth = 20

    /// Whether `document` is an SVG file regtutor wrote (`:savefig` overwrites only those).
    ///
    /// ```swift
    /// Figure.isOwnSVG(figure.svg())   // true
    /// ```
    public static func isOwnSVG(_ document: String) -> Bool {
        document.hasPrefix("<svg ") && document.split(separator: "\n", maxSplits: 2).dropFirst().first == Substring(SVG.signature)
    }

    /// The picture as a standalone SVG document.
    public func svg() -> String {
        switch self {
        case .line(let chart): return SVG.line(chart)
        case .histogram(let histogram): return SVG.histogram(histogram)
        case .heatmap(let heatmap): return SVG.heatmap(heatmap)
        case .images(let grid): return SVG.images(grid)
        case .scatter(let plot): return SVG.scatter(plot)
        }
    }
}
