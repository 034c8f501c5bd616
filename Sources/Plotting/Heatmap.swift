import TensorEngine

/// A matrix as shaded cells with a scale: weight matrices, dropout masks (kept and dropped
/// cells plain at a glance), batch-norm statistics. Small matrices get row and column numbers;
/// large ones are averaged down to fit the terminal. What `heatmap(t)` draws.
///
/// ```swift
/// let map = try Heatmap(rows: 2, columns: 3, values: [1, 0, 1, 0, 1, 1])
/// print(try map.render(width: 80, style: Style(colors: false)))
/// ```
public struct Heatmap: Sendable {
    /// The number of rows.
    public let rows: Int
    /// The number of columns.
    public let columns: Int
    /// The values, row-major.
    public let values: [Double]
    /// A title above the map.
    public let title: String?

    /// A map of `rows` × `columns` values.
    public init(rows: Int, columns: Int, values: [Double], title: String? = nil) throws {
        guard rows > 0, columns > 0, values.count == rows * columns else {
            throw TensorError(.valueError, "heatmap() needs a non-empty 1-D or 2-D tensor, got \(rows) x \(columns)")
        }
        self.rows = rows
        self.columns = columns
        self.values = values
        self.title = title
    }

    /// The picture as text at most `width` columns wide (an error when it cannot fit).
    public func render(width: Int, style: Style) throws -> String {
        let labelled = rows <= 20 && columns <= 20
        let labelWidth = labelled ? String(rows - 1).count + 1 : 0
        var cellWidth = 2
        var columnGroup = 1
        if columns * cellWidth + labelWidth > width {
            cellWidth = 1
            columnGroup = (columns + (width - labelWidth) - 1) / Swift.max(width - labelWidth, 1)
        }
        let rowGroup = (rows + 39) / 40
        let shownColumns = (columns + columnGroup - 1) / columnGroup, shownRows = (rows + rowGroup - 1) / rowGroup
        guard shownColumns * cellWidth + labelWidth <= width, width >= 20 else {
            throw TensorError(.valueError, "a heatmap needs at least 20 columns, the terminal has \(width)")
        }
        let shown = averaged(rowGroup: rowGroup, columnGroup: columnGroup, shownRows: shownRows, shownColumns: shownColumns)
        let shading = Shading(values: values)
        var lines: [String] = []
        if let title { lines.append(style.bold(Layout.centered(title, width: Swift.max(labelWidth + shownColumns * cellWidth, title.count)))) }
        if labelled {
            lines.append(style.dim(String(repeating: " ", count: labelWidth) + (0..<columns).map { Layout.padLeft(String($0 % 100), cellWidth) }.joined()))
        }
        for r in 0..<shownRows {
            let label = labelled ? style.dim(Layout.padLeft(String(r), labelWidth - 1) + " ") : ""
            lines.append(label + (0..<shownColumns).map { c in shading.cell(shown[r * shownColumns + c], width: cellWidth, style: style) }.joined())
        }
        if rowGroup > 1 || columnGroup > 1 {
            lines.append(Layout.wrapWords("(\(rows) x \(columns) shown as \(shownRows) x \(shownColumns): cells averaged in blocks of \(rowGroup) x \(columnGroup))", width: width))
        }
        lines.append(shading.legend(style: style, width: width))
        return lines.joined(separator: "\n")
    }

    /// Block averages (NaN when a block holds a NaN), row-major.
    private func averaged(rowGroup: Int, columnGroup: Int, shownRows: Int, shownColumns: Int) -> [Double] {
        guard rowGroup > 1 || columnGroup > 1 else { return values }
        var result: [Double] = []
        for r in 0..<shownRows {
            for c in 0..<shownColumns {
                var total = 0.0, count = 0
                for rr in (r * rowGroup)..<Swift.min((r + 1) * rowGroup, rows) {
                    for cc in (c * columnGroup)..<Swift.min((c + 1) * columnGroup, columns) {
                        total += values[rr * columns + cc]
                        count += 1
                    }
                }
                result.append(total / Double(Swift.max(count, 1)))
            }
        }
        return result
    }
}
