import Foundation
import TensorEngine

/// `model.summary()`: Keras's table of layers, output shapes and parameter counts, then the
/// totals, laid out as Keras (through the rich library) lays it out for a terminal `columns` wide.
///
///     Model: "sequential"
///     ┏━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━┓
///     ┃ Layer (type)                    ┃ Output Shape           ┃       Param # ┃
///     ┡━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━┩
///     │ dense (Dense)                   │ (None, 8)              │            88 │
///     └─────────────────────────────────┴────────────────────────┴───────────────┘
///      Total params: 88 (352.00 B)
extension Sequential {
    public func summary(columns: Int, bold: Bool = false) throws -> String {
        let lineLength = min(88, columns - 4)
        var widths: [Int] = []
        var current = 0
        for position in [0.45, 0.80, 1.0] {
            let width = Int(position * Double(lineLength)) - current
            guard width >= 4 else { throw TensorError(.valueError, "Insufficient console width to print summary.") }
            widths.append(width)
            current += width
        }
        // rich shrinks the three padded columns by 3, 4 and 3 to fit the borders.
        let content = [widths[0] - 3, widths[1] - 4, widths[2] - 3]
        guard content.allSatisfy({ $0 >= 1 }) else { throw TensorError(.valueError, "Insufficient console width to print summary.") }
        let shapes = outputShapes
        var rows: [[String]] = []
        for (index, layer) in layers.enumerated() {
            let shape = shapes.map { KerasShape.describe($0[index]) } ?? "?"
            let params = layer.isBuilt ? Summary.grouped(layer.countParams) : "0 (unbuilt)"
            rows.append(["\(layer.name) (\(layer.typeName))", shape, params])
        }
        let (b, r) = bold ? ("\u{1B}[1m", "\u{1B}[0m") : ("", "")
        var lines = [b + "Model: \"\(name)\"" + r]
        lines.append(Summary.rule("┏", "━", "┳", "┓", content))
        lines += Summary.cells(["Layer (type)", "Output Shape", "Param #"], content, border: "┃", bold: bold)
        lines.append(Summary.rule("┡", "━", "╇", "┩", content))
        for (index, row) in rows.enumerated() {
            if index > 0 { lines.append(Summary.rule("├", "─", "┼", "┤", content)) }
            lines += Summary.cells(row, content, border: "│", bold: false)
        }
        lines.append(Summary.rule("└", "─", "┴", "┘", content))
        let trainable = trainableWeights.reduce(0) { $0 + $1.variable.tensor.count }
        let frozen = nonTrainableWeights.reduce(0) { $0 + $1.variable.tensor.count }
        let optimizer = compiled?.optimizer.isBuilt == true ? compiled?.optimizer.variableCount : nil
        let total = trainable + frozen + (optimizer ?? 0)
        lines.append(b + " Total params: " + r + Summary.grouped(total) + " (\(Summary.memory(4 * total)))")
        lines.append(b + " Trainable params: " + r + Summary.grouped(trainable) + " (\(Summary.memory(4 * trainable)))")
        lines.append(b + " Non-trainable params: " + r + Summary.grouped(frozen) + " (\(Summary.memory(4 * frozen)))")
        if let optimizer { lines.append(b + " Optimizer params: " + r + Summary.grouped(optimizer) + " (\(Summary.memory(4 * optimizer)))") }
        return lines.joined(separator: "\n")
    }
}

/// The pieces of the summary table.
enum Summary {
    static func rule(_ left: String, _ line: String, _ middle: String, _ right: String, _ widths: [Int]) -> String {
        left + widths.map { String(repeating: line, count: $0 + 2) }.joined(separator: middle) + right
    }

    /// One table row, each cell word-wrapped to its width (the last column right-aligned).
    static func cells(_ texts: [String], _ widths: [Int], border: String, bold: Bool) -> [String] {
        let wrapped = zip(texts, widths).map { wrap($0, width: $1) }
        let height = wrapped.map(\.count).max() ?? 1
        let (b, r) = bold ? ("\u{1B}[1m", "\u{1B}[0m") : ("", "")
        return (0..<height).map { line in
            let parts = wrapped.enumerated().map { column, lines -> String in
                let text = line < lines.count ? lines[line] : ""
                let pad = String(repeating: " ", count: max(0, widths[column] - text.count))
                let styled = text.isEmpty ? "" : b + text + r
                return " " + (column == 2 ? pad + styled : styled + pad) + " "
            }
            return border + parts.joined(separator: border) + border
        }
    }

    /// Words joined into lines of at most `width` characters; a word too long is cut with "…".
    static func wrap(_ text: String, width: Int) -> [String] {
        var lines: [String] = []
        var line = ""
        for word in text.split(separator: " ").map(String.init) {
            let fitted = word.count > width ? String(word.prefix(width - 1)) + "…" : word
            if line.isEmpty {
                line = fitted
            } else if line.count + 1 + fitted.count <= width {
                line += " " + fitted
            } else {
                lines.append(line)
                line = fitted
            }
        }
        lines.append(line)
        return lines
    }

    /// 1,000,088 as Python's `{:,}` writes it.
    static func grouped(_ n: Int) -> String {
        let digits = String(n.magnitude)
        var result = ""
        for (index, digit) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { result += "," }
            result.append(digit)
        }
        return (n < 0 ? "-" : "") + result
    }

    /// 388.00 B, 1.50 KB...
    static func memory(_ bytes: Int) -> String {
        var size = Double(bytes)
        for unit in ["B", "KB", "MB", "GB", "TB"] {
            if size / 1024 < 1 { return String(format: "%.2f", size) + " " + unit }
            size /= 1024
        }
        return String(format: "%.2f", size) + " PB"
    }
}
