/// Prints tensors exactly as PyTorch does: 4 decimals, a common width, integers as `1.`,
/// scientific notation when the magnitudes call for it, lines wrapped at 80 columns, and tensors
/// of more than 1000 elements summarised with `...` (3 items at each edge).
public enum TensorFormatter {
    /// PyTorch's default print line width.
    public static let lineWidth = 80
    static let threshold = 1000
    static let edgeItems = 3
    static let precision = 4

    /// `tensor([...])` with PyTorch's suffixes (`requires_grad=True`, `grad_fn=<...>`, the dtype
    /// and size of empty tensors). `prefix` replaces "tensor(" for other wrappers.
    ///
    /// ```swift
    /// TensorFormatter.describe(try Tensor([1, -0.5]))  // "tensor([ 1.0000, -0.5000])"
    /// ```
    /// `lineWidth` is PyTorch's print option `linewidth` (80); regtutor's traces pass the
    /// terminal's width, so that nothing breaks mid-number there.
    public static func describe(_ tensor: Tensor, prefix: String = "tensor(", lineWidth: Int = lineWidth) -> String {
        let indent = prefix.count
        var suffixes: [String] = []
        let body: String
        if tensor.count == 0 {
            if tensor.rank != 1 { suffixes.append("size=(" + tensor.shape.map(String.init).joined(separator: ", ") + (tensor.rank == 1 ? ",)" : ")")) }
            if tensor.dtype != DefaultDType.float { suffixes.append("dtype=" + tensor.dtype.name) }
            body = "[]"
        } else {
            body = contents(tensor, indent: indent, lineWidth: lineWidth)
            if ![DefaultDType.float, .int64, .bool].contains(tensor.dtype) { suffixes.append("dtype=" + tensor.dtype.name) }
        }
        if let node = tensor.gradNode {
            suffixes.append(node.isLeaf ? "requires_grad=True" : "grad_fn=<\(node.name)>")
        }
        return addSuffixes(prefix + body, suffixes, indent: indent, lineWidth: lineWidth)
    }

    /// Appends `, suffix` on the same line while it fits in 80 columns, else on a new line.
    static func addSuffixes(_ text: String, _ suffixes: [String], indent: Int, lineWidth: Int = lineWidth) -> String {
        var result = text
        let lastNewline = text.lastIndex(of: "\n")
        var lastLineLength = text.count - (lastNewline.map { text.distance(from: text.startIndex, to: $0) } ?? -1) + 1
        for suffix in suffixes {
            if lastLineLength + suffix.count + 2 > lineWidth {
                result += ",\n" + String(repeating: " ", count: indent) + suffix
                lastLineLength = indent + suffix.count
            } else {
                result += ", " + suffix
                lastLineLength += suffix.count + 2
            }
        }
        return result + ")"
    }

    /// The bracketed elements, e.g. `[[1., 2.],\n        [3., 4.]]`.
    static func contents(_ tensor: Tensor, indent: Int, lineWidth: Int = lineWidth) -> String {
        let summarize = tensor.count > threshold
        let values = Values(tensor)
        let view = Block(values: values, shape: tensor.shape[...], offset: 0)
        let formatter = ElementFormatter(summarize ? view.summarizedValues() : Array(0..<values.count), values: values)
        return view.render(indent: indent, summarize: summarize, formatter: formatter, lineWidth: lineWidth)
    }

    /// A tensor's elements in row-major order: as doubles for float tensors (exact), as integers
    /// for the others.
    struct Values {
        let dtype: DType
        let floats: [Double]
        let integers: [Int64]

        init(_ tensor: Tensor) {
            dtype = tensor.dtype
            floats = tensor.dtype.isFloatingPoint ? tensor.doubles : []
            integers = tensor.dtype.isFloatingPoint ? [] : tensor.int64s
        }

        var count: Int { dtype.isFloatingPoint ? floats.count : integers.count }
    }

    /// A sub-tensor `t[i][j]...`: a shape and the row-major position of its first element.
    struct Block {
        let values: Values
        let shape: ArraySlice<Int>
        let offset: Int

        /// The block `self[i]`.
        func child(_ i: Int) -> Block {
            let size = shape.dropFirst().reduce(1, *)
            return Block(values: values, shape: shape.dropFirst(), offset: offset + i * size)
        }

        /// The rows printed when summarising: all of them, or the first and last three.
        func shownRows(summarize: Bool) -> (head: [Int], tail: [Int]) {
            let n = shape.first ?? 0
            if summarize && n > 2 * edgeItems {
                return (Array(0..<edgeItems), Array((n - edgeItems)..<n))
            }
            return (Array(0..<n), [])
        }

        /// The positions of the values that remain visible after summarising (PyTorch's
        /// `get_summarized_data`), which decide the number format.
        func summarizedValues() -> [Int] {
            if shape.isEmpty { return [offset] }
            let (head, tail) = shownRows(summarize: true)
            if shape.count == 1 { return (head + tail).map { offset + $0 } }
            return (head + tail).flatMap { child($0).summarizedValues() }
        }

        /// The printed form of this block at the given indentation.
        func render(indent: Int, summarize: Bool, formatter: ElementFormatter, lineWidth: Int) -> String {
            if shape.isEmpty { return formatter.format(offset) }
            let (head, tail) = shownRows(summarize: summarize)
            if shape.count == 1 {
                var items = head.map { formatter.format(offset + $0) }
                if !tail.isEmpty { items += [" ..."] + tail.map { formatter.format(offset + $0) } }
                let perLine = Swift.max(1, (lineWidth - indent) / (formatter.width + 2))
                let lines = stride(from: 0, to: items.count, by: perLine).map {
                    items[$0..<Swift.min($0 + perLine, items.count)].joined(separator: ", ")
                }
                return "[" + lines.joined(separator: ",\n" + String(repeating: " ", count: indent + 1)) + "]"
            }
            var slices = head.map { child($0).render(indent: indent + 1, summarize: summarize, formatter: formatter, lineWidth: lineWidth) }
            if !tail.isEmpty {
                slices += ["..."] + tail.map { child($0).render(indent: indent + 1, summarize: summarize, formatter: formatter, lineWidth: lineWidth) }
            }
            let separator = "," + String(repeating: "\n", count: shape.count - 1) + String(repeating: " ", count: indent + 1)
            return "[" + slices.joined(separator: separator) + "]"
        }
    }

    /// Chooses one number format for all elements, as PyTorch's `_Formatter` does: integers
    /// (`3.`), fixed (`3.1416`) or scientific (`3.1416e+00`), and the width to align them to.
    struct ElementFormatter {
        let values: Values
        private(set) var integerMode = true
        private(set) var scientific = false
        private(set) var width = 1

        /// A format for the elements at `shownPositions` (the ones that will be printed).
        init(_ shownPositions: [Int], values: Values) {
            self.values = values
            guard values.dtype.isFloatingPoint else {
                width = shownPositions.map { plain($0).count }.max() ?? 1
                return
            }
            let shown = shownPositions.map { values.floats[$0] }.filter { $0.isFinite && $0 != 0 }
            guard !shown.isEmpty else { return }
            let magnitudes = shown.map(Swift.abs)
            let (smallest, largest) = (magnitudes.min() ?? 1, magnitudes.max() ?? 1)
            integerMode = shown.allSatisfy { $0 == $0.rounded(.up) }
            let wide = largest / smallest > 1000 || largest > 1e8
            if integerMode {
                scientific = wide
                width = shown.map { scientific ? PythonFloat.scientific($0, digits: precision).count
                    : PythonFloat.fixed($0, digits: 0).count + 1 }.max() ?? 1
            } else {
                scientific = wide || smallest < 1e-4
                width = shown.map { scientific ? PythonFloat.scientific($0, digits: precision).count
                    : PythonFloat.fixed($0, digits: precision).count }.max() ?? 1
            }
        }

        /// `True`/`False` for booleans, the integer for the integer dtypes.
        private func plain(_ position: Int) -> String {
            values.dtype == .bool ? (values.integers[position] != 0 ? "True" : "False") : String(values.integers[position])
        }

        /// The element at `position`, right-aligned to the common width.
        func format(_ position: Int) -> String {
            var text: String
            if !values.dtype.isFloatingPoint {
                text = plain(position)
            } else {
                let x = values.floats[position]
                if scientific {
                    text = PythonFloat.scientific(x, digits: precision)
                } else if integerMode {
                    text = PythonFloat.fixed(x, digits: 0) + (x.isFinite ? "." : "")
                } else {
                    text = PythonFloat.fixed(x, digits: precision)
                }
            }
            if text.count < width { text = String(repeating: " ", count: width - text.count) + text }
            return text
        }
    }
}
