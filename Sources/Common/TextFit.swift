/// Text fitted to a terminal's width: each line longer than the width breaks between words, so
/// that the terminal never has to break one in the middle. Colour codes (`ESC [ ... m`) take no
/// room. What every message of regtutor's goes through, from the tutor's to a trace's.
///
/// ```swift
/// TextFit.fit("Exercises done: 0 of 2. Course: 0 of 10 lessons done.", width: 30)
/// // "Exercises done: 0 of 2.\nCourse: 0 of 10 lessons done."
/// ```
public enum TextFit {
    /// `text` fitted to `width` (at least 20). A broken line continues with `indent`, or by
    /// default with the line's own leading spaces; lines for which `keep` is true stay whole.
    public static func fit(_ text: String, width: Int, indent: String? = nil, keep: (Substring) -> Bool = { _ in false }) -> String {
        let width = max(width, 20)
        return text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            visibleCount(line) <= width || keep(line) ? String(line) : fitLine(line, width: width, indent: indent)
        }.joined(separator: "\n")
    }

    static func fitLine(_ line: Substring, width: Int, indent: String?) -> String {
        let lead = String(line.prefix { $0 == " " })
        let continuation = indent ?? lead
        var lines: [String] = []
        var current = lead, currentWidth = lead.count, words = 0
        for word in line.dropFirst(lead.count).split(separator: " ") {
            let wordWidth = visibleCount(word)
            if words > 0 && currentWidth + 1 + wordWidth > width {
                lines.append(current)
                (current, currentWidth, words) = (continuation, continuation.count, 0)
            }
            if words > 0 {
                current += " "
                currentWidth += 1
            }
            current += word
            currentWidth += wordWidth
            words += 1
        }
        lines.append(current)
        return lines.joined(separator: "\n")
    }

    /// The columns `text` takes: colour codes take none.
    public static func visibleCount(_ text: some StringProtocol) -> Int {
        var count = 0, inEscape = false
        for scalar in text.unicodeScalars {
            if inEscape {
                if scalar == "m" { inEscape = false }
            } else if scalar == "\u{1B}" {
                inEscape = true
            } else {
                count += 1
            }
        }
        return count
    }
}

extension String {
    /// The string without the spaces, tabs and carriage returns at its end.
    public var trimmingTrailingSpaces: String {
        var text = self
        while let last = text.last, last == " " || last == "\t" || last == "\r" { text.removeLast() }
        return text
    }
}
