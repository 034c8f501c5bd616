import Foundation
import TensorEngine

/// Keras's progress lines (`keras.utils.Progbar`), for `fit`, `evaluate` and `predict`:
///
///     verbose=1:  2/2 ━━━━━━━━━━━━━━━━━━━━ 0s 9ms/step - accuracy: 0.3667 - loss: 0.9526
///     verbose=2:  2/2 - 0s - 9ms/step - accuracy: 0.3667 - loss: 0.9526
///
/// On a terminal the verbose=1 bar is redrawn as the steps go (at most every 50 ms); elsewhere
/// only the finished line is written. Values above 1e-3 have four decimals, smaller ones are
/// written in scientific notation, as Keras writes them.
///
/// ```swift
/// var bar = ProgressBar(target: 2, verbose: 1, context: context)
/// bar.update(1, values: [("loss", 0.9)])
/// bar.update(2, values: [("loss", 0.8)], finalize: true)
/// ```
public struct ProgressBar {
    public let target: Int
    public let verbose: Int
    private let context: KerasContext
    private let start: Double
    private var lastUpdate = 0.0
    private var timeAfterFirstStep: Double?
    private var previousWidth = 0
    private var drawn = false

    public init(target: Int, verbose: Int, context: KerasContext) {
        self.target = target
        self.verbose = verbose
        self.context = context
        start = context.clock()
    }

    /// Reports step `current` with the metrics' current values.
    public mutating func update(_ current: Int, values: [(String, Double)], finalize: Bool? = nil) {
        let finished = finalize ?? (current >= target)
        let now = context.clock()
        let perStep = stepDuration(current, now)
        defer { lastUpdate = now }
        switch verbose {
        case 1:
            if !finished && (!context.interactive || now - lastUpdate < 0.05) { return }
            var line = barLine(current, values: values, elapsed: now - start, perStep: perStep, finished: finished)
            if context.interactive {
                // A line that wraps cannot be redrawn with \r: until the last one, keep it to one row.
                if !finished { line = Self.truncated(line, to: context.columns - 1) }
                let width = Self.visibleWidth(line)
                let padding = previousWidth > width ? String(repeating: " ", count: previousWidth - width) : ""
                context.write("\r" + line + padding + (finished ? "\n" : ""))
                previousWidth = width
            } else {
                context.write(line + "\n")
            }
            drawn = true
        case 2 where finished && target > 0:
            let digits = String(target).count
            var line = String(repeating: " ", count: max(0, digits - String(current).count)) + "\(current)/\(target)"
            line += " - " + String(format: "%.0f", now - start) + "s -" + Self.formatTime(perStep)
            for (name, value) in values { line += " - \(name): " + Self.number(value, signed: false) }
            context.write(line + "\n")
        default:
            break
        }
    }

    private func barLine(_ current: Int, values: [(String, Double)], elapsed: Double, perStep: Double, finished: Bool) -> String {
        let bold = context.colors ? "\u{1B}[1m" : "", reset = context.colors ? "\u{1B}[0m" : ""
        let green = context.colors ? "\u{1B}[32m" : "", grey = context.colors ? "\u{1B}[37m" : ""
        var line: String
        if target > 0 {
            let digits = String(target).count
            let count = String(repeating: " ", count: max(0, digits - String(current).count)) + "\(current)/\(target)"
            let filled = Int(20 * Double(current) / Double(target))
            line = bold + count + reset + " "
            if filled > 0 { line += green + String(repeating: "━", count: filled) + reset }
            line += grey + String(repeating: "━", count: max(0, 20 - filled)) + reset
        } else {
            line = String(repeating: " ", count: max(0, 7 - String(current).count)) + "\(current)/Unknown"
        }
        if target > 0 && !finished {
            let eta = perStep * Double(target - current)
            line += " " + bold + Self.formatETA(eta) + reset
        } else {
            line += " " + bold + String(format: "%.0f", elapsed) + "s" + reset
        }
        line += Self.formatTime(perStep)
        for (name, value) in values { line += " - \(name): " + Self.number(value, signed: true) }
        return line
    }

    /// Keras's estimate: the first step is left out once there are more.
    private mutating func stepDuration(_ current: Int, _ now: Double) -> Double {
        guard current > 0 else { return 0 }
        let perStep: Double
        if let timeAfterFirstStep, current > 1 {
            perStep = (now - timeAfterFirstStep) / Double(current - 1)
        } else {
            perStep = (now - start) / Double(current)
        }
        if current == 1 { timeAfterFirstStep = now }
        return perStep
    }

    /// ` 9ms/step`, ` 0s/step`, ` 450us/step`.
    static func formatTime(_ seconds: Double) -> String {
        if seconds >= 1 || seconds == 0 { return " " + String(format: "%.0f", seconds) + "s/step" }
        if seconds >= 1e-3 { return " " + String(format: "%.0f", seconds * 1000) + "ms/step" }
        return " " + String(format: "%.0f", seconds * 1_000_000) + "us/step"
    }

    private static func formatETA(_ eta: Double) -> String {
        guard eta.isFinite, eta >= 0, eta < 1e9 else { return "?" }
        if eta > 3600 { return String(format: "%d:%02d:%02d", Int(eta) / 3600, (Int(eta) % 3600) / 60, Int(eta) % 60) }
        if eta > 60 { return String(format: "%d:%02d", Int(eta) / 60, Int(eta) % 60) }
        return String(format: "%ds", Int(eta))
    }

    /// Four decimals, or `.4e` for values at or below 1e-3 (by magnitude for verbose=1, by
    /// value for verbose=2, as Keras tests them).
    static func number(_ value: Double, signed: Bool) -> String {
        let small = signed ? Swift.abs(value) <= 1e-3 : value <= 1e-3
        return small ? PythonFloat.scientific(value, digits: 4) : PythonFloat.fixed(value, digits: 4)
    }

    /// The line cut to `width` visible characters (escape sequences kept, colours closed).
    static func truncated(_ line: String, to width: Int) -> String {
        guard width > 0, visibleWidth(line) > width else { return line }
        var result = "", visible = 0, inEscape = false
        for character in line {
            if inEscape { result.append(character); if character == "m" { inEscape = false }; continue }
            if character == "\u{1B}" { inEscape = true; result.append(character); continue }
            guard visible < width else { break }
            result.append(character)
            visible += 1
        }
        return result + (line.contains("\u{1B}") ? "\u{1B}[0m" : "")
    }

    /// The width on screen: escape sequences take none.
    static func visibleWidth(_ line: String) -> Int {
        var width = 0, inEscape = false
        for scalar in line.unicodeScalars {
            if inEscape { if scalar == "m" { inEscape = false }; continue }
            if scalar == "\u{1B}" { inEscape = true; continue }
            width += 1
        }
        return width
    }
}
