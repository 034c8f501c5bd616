import Common
import TensorEngine

/// Small images side by side, each pixel two characters wide (so pixels look square), with a
/// caption under each: an 8 × 8 glyph before and after each augmentation. Grey images use a
/// grey ramp (shade characters without colour), RGB images true colour (their brightness
/// without colour). What `show(...)` draws.
///
/// ```swift
/// let grid = try ImageGrid(pictures: [.init(channels: 1, height: 2, width: 2, pixels: [0, 1, 1, 0], caption: "x")])
/// print(try grid.render(width: 80, style: Style(colors: false)))
/// ```
public struct ImageGrid: Sendable {
    /// One image and its caption.
    public struct Picture: Sendable {
        /// 1 (grey) or 3 (RGB).
        public let channels: Int
        /// Rows of pixels.
        public let height: Int
        /// Columns of pixels.
        public let width: Int
        /// Channel-major (C, H, W) values.
        public let pixels: [Double]
        /// The text under the image.
        public let caption: String

        /// An image; an error for other channel counts or an empty one.
        public init(channels: Int, height: Int, width: Int, pixels: [Double], caption: String) throws {
            guard channels == 1 || channels == 3 else {
                throw TensorError(.valueError, "show() draws grey (1 channel) or RGB (3 channels) images, got \(channels) channels")
            }
            guard height > 0, width > 0, pixels.count == channels * height * width else {
                throw TensorError(.valueError, "show() needs a non-empty image (H, W), (1, H, W) or (3, H, W)")
            }
            self.channels = channels
            self.height = height
            self.width = width
            self.pixels = pixels
            self.caption = caption
        }

        /// Values outside [0, 1] are stretched to it (min to 0, max to 1).
        var rescaled: (pixels: [Double], note: String?) {
            let finite = pixels.filter(\.isFinite)
            let low = finite.min() ?? 0, high = finite.max() ?? 1
            if low >= 0 && high <= 1 { return (pixels, nil) }
            let span = high > low ? Scale.distance(low, high) : 1
            return (pixels.map { high > low ? Scale.fraction($0, from: low, to: high) : $0 - low }, "[" + Scale.format(low, step: span / 100) + ", " + Scale.format(high, step: span / 100) + "] stretched")
        }
    }

    /// The images, left to right.
    public let pictures: [Picture]
    /// A title above the row.
    public let title: String?

    /// A row of images (at least one).
    public init(pictures: [Picture], title: String? = nil) throws {
        guard !pictures.isEmpty else { throw TensorError(.valueError, "show() needs at least one image") }
        self.pictures = pictures
        self.title = title
    }

    /// The picture as text at most `width` columns wide (an error when it cannot fit).
    public func render(width: Int, style: Style) throws -> String {
        var blocks: [[String]] = []
        var notes: [String] = []
        for picture in pictures {
            // Shrink pictures wider than the terminal: every step-th pixel, 2 columns each, plus a frame.
            let room = Swift.max((width - 2) / 2, 1)
            let step = Swift.max(1, (picture.width + room - 1) / room)
            let block = render(picture, step: step, style: style)
            blocks.append(block.lines)
            if let note = block.note { notes.append("\(picture.caption.isEmpty ? "image \(blocks.count)" : picture.caption): \(note)") }
        }
        // Captions line up under the tallest picture.
        let tallest = blocks.map(\.count).max() ?? 0
        blocks = blocks.map { block in
            let width = Style.visibleWidth(block[0])
            return block.dropLast() + Array(repeating: String(repeating: " ", count: width), count: tallest - block.count) + [block[block.count - 1]]
        }
        var lines: [String] = []
        if let title { lines.append(style.bold(Layout.centered(title, width: width))) }
        var row: [[String]] = []
        var used = 0
        for block in blocks {
            let blockWidth = Style.visibleWidth(block[0])
            if !row.isEmpty && used + 2 + blockWidth > width {
                lines.append(contentsOf: Self.join(row))
                row = []
                used = 0
            }
            used += (row.isEmpty ? 0 : 2) + blockWidth
            row.append(block)
        }
        if !row.isEmpty { lines.append(contentsOf: Self.join(row)) }
        lines.append(contentsOf: notes.map { Layout.wrapWords($0, width: width) })
        return lines.joined(separator: "\n")
    }

    /// Blocks of equal or different heights, side by side with two spaces between.
    private static func join(_ blocks: [[String]]) -> [String] {
        let height = blocks.map(\.count).max() ?? 0
        return (0..<height).map { r in
            blocks.map { block in
                let width = Style.visibleWidth(block[0])
                return r < block.count ? Layout.padRight(block[r], width) : String(repeating: " ", count: width)
            }.joined(separator: "  ").trimmingTrailingSpaces
        }
    }

    /// One picture: with colour its pixels are coloured cells; as plain text a thin frame marks
    /// its edges, since black pixels are blanks.
    private func render(_ picture: Picture, step: Int, style: Style) -> (lines: [String], note: String?) {
        let (pixels, note) = picture.rescaled
        let plane = picture.height * picture.width
        let framed = !style.colors
        let innerWidth = (picture.width + step - 1) / step * 2
        var lines: [String] = framed ? ["┌" + String(repeating: "─", count: innerWidth) + "┐"] : []
        for y in stride(from: 0, to: picture.height, by: step) {
            var line = ""
            for x in stride(from: 0, to: picture.width, by: step) {
                let i = y * picture.width + x
                if picture.channels == 3 {
                    let (r, g, b) = (pixels[i], pixels[plane + i], pixels[2 * plane + i])
                    line += style.colors
                        ? Style.background("  ", red: Self.byte(r), green: Self.byte(g), blue: Self.byte(b))
                        : String(repeating: Style.shade(0.2989 * r + 0.587 * g + 0.114 * b), count: 2)
                } else {
                    let v = pixels[i]
                    line += style.colors ? Style.background("  ", red: Self.byte(v), green: Self.byte(v), blue: Self.byte(v))
                        : v.isNaN ? "××" : String(repeating: Style.shade(v), count: 2)
                }
            }
            lines.append(framed ? "│" + line + "│" : line)
        }
        if framed { lines.append("└" + String(repeating: "─", count: innerWidth) + "┘") }
        let blockWidth = innerWidth + (framed ? 2 : 0)
        lines.append(Layout.padRight(Layout.centered(picture.caption, width: blockWidth), blockWidth))
        return (lines, note)
    }

    static func byte(_ v: Double) -> Int { v.isNaN ? 0 : Int((Swift.min(Swift.max(v, 0), 1) * 255).rounded()) }
}
