import Common
import Foundation

/// Lesson prose for the terminal: paragraphs wrapped to the width, `#` headings and `**bold**`
/// in bold, `code` in colour (backticks kept without colour), lists with hanging indents and
/// indented blocks (formulas, tables) kept exactly as written.
///
/// ```swift
/// LessonText.render("Dropout zeroes **some** units.", width: 80, colors: false)
/// // "Dropout zeroes some units."
/// ```
public enum LessonText {
    /// The prose wrapped to `width`, styled with colour when `colors`.
    public static func render(_ markdown: String, width: Int, colors: Bool) -> String {
        var output: [String] = []
        for paragraph in paragraphs(markdown) {
            let first = paragraph[0]
            if first.hasPrefix("    ") || first.hasPrefix("|") || first.hasPrefix("\t") {
                output.append(paragraph.joined(separator: "\n"))
            } else if first.hasPrefix("#") {
                let title = first.drop { $0 == "#" }.trimmingCharacters(in: .whitespaces)
                output.append(colors ? "\u{1B}[1m" + title + "\u{1B}[0m" : title)
            } else if isListItem(first) {
                var items: [String] = []
                for line in paragraph {
                    if isListItem(line) || items.isEmpty { items.append(line.trimmingCharacters(in: .whitespaces)) } else { items[items.count - 1] += " " + line.trimmingCharacters(in: .whitespaces) }
                }
                output.append(items.map { item in
                    let marker = String(item.prefix { $0 != " " }) + " "
                    return wrap(String(item.dropFirst(marker.count)), width: width, firstIndent: "  " + marker, indent: String(repeating: " ", count: marker.count + 2), colors: colors)
                }.joined(separator: "\n"))
            } else {
                output.append(wrap(paragraph.map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " "), width: width, firstIndent: "", indent: "", colors: colors))
            }
        }
        return output.joined(separator: "\n\n")
    }

    static func paragraphs(_ text: String) -> [[String]] {
        var result: [[String]] = []
        var current: [String] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            if line.trimmingCharacters(in: .whitespaces).isEmpty {
                if !current.isEmpty { result.append(current) }
                current = []
            } else {
                current.append(line)
            }
        }
        if !current.isEmpty { result.append(current) }
        return result
    }

    static func isListItem(_ line: String) -> Bool {
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        if trimmed.hasPrefix("- ") || trimmed.hasPrefix("* ") { return true }
        let digits = trimmed.prefix { $0.isNumber }
        return !digits.isEmpty && trimmed.dropFirst(digits.count).hasPrefix(". ")
    }

    /// Words wrapped to `width`, styled word by word (`**bold**`, `code`).
    static func wrap(_ text: String, width: Int, firstIndent: String, indent: String, colors: Bool) -> String {
        var lines: [String] = []
        var line = firstIndent, lineWidth = firstIndent.count
        var bold = false, code = false
        for word in text.split(separator: " ") {
            var visible = ""
            var styled = ""
            for character in word {
                if character == "`" {
                    code.toggle()
                    if !colors { visible.append(character); styled.append(character) } else { styled += code ? "\u{1B}[36m" : "\u{1B}[39m" }
                    continue
                }
                visible.append(character)
                styled.append(character)
            }
            // *emphasis* around a word: the asterisks go (italic with colour).
            if !visible.hasPrefix("**"), visible.hasPrefix("*"), visible.count > 2, let end = visible.dropFirst().firstIndex(of: "*") {
                let inner = visible[visible.index(after: visible.startIndex)..<end]
                let rest = visible[visible.index(after: end)...]
                visible = String(inner) + rest
                styled = colors ? "\u{1B}[3m" + inner + "\u{1B}[23m" + rest : visible
            }
            // `**` toggles bold (the markers are not shown).
            let parts = styled.components(separatedBy: "**")
            if parts.count > 1 {
                styled = ""
                for (k, part) in parts.enumerated() {
                    if k > 0 {
                        bold.toggle()
                        if colors { styled += bold ? "\u{1B}[1m" : "\u{1B}[22m" }
                    }
                    styled += part
                }
                visible = visible.replacingOccurrences(of: "**", with: "")
            }
            if lineWidth > indent.count && lineWidth + 1 + visible.count > width {
                lines.append(line)
                line = indent
                lineWidth = indent.count
            }
            if lineWidth > indent.count || (line == firstIndent && lineWidth > firstIndent.count) {
                line += " "
                lineWidth += 1
            }
            line += styled
            lineWidth += visible.count
        }
        lines.append(line)
        var result = lines.joined(separator: "\n")
        if colors && (bold || code) { result += "\u{1B}[0m" }
        return result
    }
}

extension LessonText {
    /// "1 lesson", "2 lessons": a count with its noun.
    public static func count(_ n: Int, _ noun: String) -> String { "\(n) \(noun)\(n == 1 ? "" : "s")" }

    /// A message (not lesson prose) fitted to `width` between words; lines of code (`>>> `,
    /// `... `, or indented four spaces) are left alone.
    ///
    /// ```swift
    /// LessonText.fit("Exercises done: 0 of 2. Course: 0 of 10 lessons done.", width: 30)
    /// // "Exercises done: 0 of 2.\nCourse: 0 of 10 lessons done."
    /// ```
    public static func fit(_ text: String, width: Int) -> String {
        TextFit.fit(text, width: width) { $0.hasPrefix(">>> ") || $0.hasPrefix("... ") || $0.hasPrefix("    ") }
    }
}
