/// A grid of character cells to draw lines on. With braille, each cell holds 2 × 4 dots, so
/// lines are drawn at twice the width and four times the height of the text; without it, each
/// cell takes one series' marker character.
///
/// ```swift
/// var canvas = Canvas(columns: 40, rows: 10, braille: true)
/// canvas.line(from: (0, 0), to: (1, 1), series: 0)    // positions in [0, 1], y up
/// ```
struct Canvas {
    let columns: Int
    let rows: Int
    let braille: Bool
    /// Braille dot bits per cell (row-major).
    private(set) var bits: [UInt8]
    /// The series that drew last in each cell, -1 for none.
    private(set) var owner: [Int]
    /// A fixed character per cell (axes markers, plain-text markers), nil for none.
    private(set) var characters: [Character?]

    init(columns: Int, rows: Int, braille: Bool) {
        self.columns = columns
        self.rows = rows
        self.braille = braille
        bits = Array(repeating: 0, count: columns * rows)
        owner = Array(repeating: -1, count: columns * rows)
        characters = Array(repeating: nil, count: columns * rows)
    }

    /// The dot grid size: 2 × 4 dots per cell with braille, one per cell without.
    var dotColumns: Int { braille ? columns * 2 : columns }
    var dotRows: Int { braille ? rows * 4 : rows }

    /// Sets one dot (x to the right, y down, in dots).
    mutating func dot(_ x: Int, _ y: Int, series: Int) {
        guard x >= 0, y >= 0, x < dotColumns, y < dotRows else { return }
        if braille {
            let cell = (y / 4) * columns + x / 2
            // Braille dot numbering: left column 1, 2, 3, 7; right column 4, 5, 6, 8.
            let masks: [[UInt8]] = [[0x01, 0x02, 0x04, 0x40], [0x08, 0x10, 0x20, 0x80]]
            bits[cell] |= masks[x % 2][y % 4]
            owner[cell] = series
            characters[cell] = nil   // a line crossing the marker line shows the line
        } else {
            let cell = y * columns + x
            characters[cell] = Style.marker(series)
            owner[cell] = series
        }
    }

    /// The dot of a position in [0, 1] × [0, 1] (y up).
    func dotPosition(_ x: Double, _ y: Double) -> (Int, Int) {
        (Int(saturating: (x * Double(dotColumns - 1)).rounded()), Int(saturating: ((1 - y) * Double(dotRows - 1)).rounded()))
    }

    /// A straight line between two positions in [0, 1] × [0, 1] (y up), dot by dot.
    mutating func line(from a: (Double, Double), to b: (Double, Double), series: Int) {
        let (x0, y0) = dotPosition(a.0, a.1), (x1, y1) = dotPosition(b.0, b.1)
        let steps = Swift.max(Swift.abs(x1 - x0), Swift.abs(y1 - y0), 1)
        for k in 0...steps {
            let t = Double(k) / Double(steps)
            dot(Int(saturating: (Double(x0) + t * Double(x1 - x0)).rounded()), Int(saturating: (Double(y0) + t * Double(y1 - y0)).rounded()), series: series)
        }
    }

    /// A lone point (no neighbour to draw a line to) as a small cross, so it can be seen.
    mutating func emphasise(_ point: (Double, Double), series: Int) {
        let (x, y) = dotPosition(point.0, point.1)
        for (dx, dy) in [(0, 0), (-1, 0), (1, 0), (0, -1), (0, 1)] { dot(x + dx, y + dy, series: series) }
    }

    /// Puts `character` in every empty cell of column `column` (a vertical marker line).
    mutating func verticalMarker(column: Int, character: Character) {
        guard column >= 0, column < columns else { return }
        for row in 0..<rows where bits[row * columns + column] == 0 && characters[row * columns + column] == nil {
            characters[row * columns + column] = character
            owner[row * columns + column] = -2
        }
    }

    /// One row of text, coloured by `style` (the marker line in the marker colour).
    func text(row: Int, style: Style, markerColour: Int) -> String {
        var line = ""
        for column in 0..<columns {
            let cell = row * columns + column
            let glyph: String
            if let character = characters[cell] {
                glyph = String(character)
            } else if bits[cell] != 0, let scalar = Unicode.Scalar(0x2800 + UInt32(bits[cell])) {
                glyph = String(Character(scalar))
            } else {
                line += " "
                continue
            }
            switch owner[cell] {
            case -2: line += style.foreground(glyph, markerColour)
            case let series where series >= 0: line += style.paint(glyph, series: series)
            default: line += glyph
            }
        }
        return line
    }
}
