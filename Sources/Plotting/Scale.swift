import Foundation

/// A numeric axis: the data range widened to "nice" tick values (1, 2 or 5 times a power of
/// ten), and the labels for them.
///
/// ```swift
/// let scale = Scale(low: 0.03, high: 0.91, ticks: 5)
/// scale.ticks          // [0.0, 0.2, 0.4, 0.6, 0.8, 1.0]
/// scale.label(0.4)     // "0.4"
/// ```
public struct Scale: Sendable {
    /// The lowest value on the axis.
    public let low: Double
    /// The highest value on the axis.
    public let high: Double
    /// The distance between ticks.
    public let step: Double
    /// The tick values, from low to high.
    public let ticks: [Double]

    /// A scale covering [low, high] with about `ticks` nice ticks; `exact` keeps the ends as
    /// given (for epochs) instead of rounding them out to ticks.
    public init(low: Double, high: Double, ticks count: Int, exact: Bool = false) {
        let largest = Double.greatestFiniteMagnitude
        var low = Swift.max(low, -largest), high = Swift.min(high, largest)
        if !(high > low) {
            let pad = low == 0 ? 1 : Swift.abs(low) * 0.1
            low = Swift.max(low - pad, -largest)
            high = Swift.min(high + pad, largest)
        }
        let step = Scale.niceStep(Scale.distance(low, high) / Double(Swift.max(count - 1, 1)))
        if !exact {
            low = Swift.max((low / step).rounded(.down) * step, -largest)
            high = Swift.min((high / step).rounded(.up) * step, largest)
        }
        var ticks: [Double] = []
        var tick = (low / step).rounded(.up) * step
        while tick <= high + step * 1e-9 && ticks.count < 1000 {
            ticks.append(Swift.abs(tick) < step * 1e-9 ? 0 : tick)
            tick += step
        }
        self.low = low
        self.high = high
        self.step = step
        self.ticks = ticks
    }

    /// 1, 2 or 5 times a power of ten, near `rough`.
    static func niceStep(_ rough: Double) -> Double {
        guard rough > 0, rough.isFinite else { return 1 }
        let power = pow(10, (log10(rough)).rounded(.down))
        let fraction = rough / power
        let nice: Double = fraction < 1.5 ? 1 : fraction < 3 ? 2 : fraction < 7 ? 5 : 10
        return nice * power
    }

    /// Where `value` falls, 0 at `low` and 1 at `high`.
    public func position(_ value: Double) -> Double { Scale.fraction(value, from: low, to: high) }

    /// `high - low`, or the largest Double when the true distance is larger (-1e308 to 1e308).
    static func distance(_ low: Double, _ high: Double) -> Double {
        let distance = high - low
        return distance.isFinite || !low.isFinite || !high.isFinite ? distance : .greatestFiniteMagnitude
    }

    /// Where `value` falls between `low` (0) and `high` (1), halving first so that no difference
    /// overflows even across the whole range of Double.
    static func fraction(_ value: Double, from low: Double, to high: Double) -> Double {
        (value / 2 - low / 2) / (high / 2 - low / 2)
    }

    /// A short label for a tick: as many decimals as the step needs, or scientific notation for
    /// very large or small numbers.
    public func label(_ value: Double) -> String {
        Scale.format(value, step: step)
    }

    static func format(_ value: Double, step: Double) -> String {
        if value == 0 { return "0" }
        let magnitude = Swift.max(Swift.abs(value), step)
        if magnitude >= 1e5 || magnitude < 1e-3 { return String(format: "%.1e", value) }
        let decimals = Swift.max(0, Int(saturating: -(log10(step)).rounded(.down)))
        return String(format: "%.\(decimals)f", value)
    }
}
