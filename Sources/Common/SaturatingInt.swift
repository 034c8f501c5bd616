extension Int {
    /// The whole number nearest below-or-at `x` toward zero, saturating: values beyond ±2^62 become
    /// ±2^62 and NaN becomes 0. For sizes and positions computed from a student's numbers, which
    /// then fail their own range checks (a clear error) instead of trapping the conversion.
    ///
    /// ```swift
    /// Int(saturating: 1e308)   // 4611686018427387904
    /// ```
    public init(saturating x: Double) {
        let limit = Double(1 << 62)
        if x.isNaN { self = 0 } else if x >= limit { self = 1 << 62 } else if x <= -limit { self = -(1 << 62) } else { self = Int(x) }
    }

    /// `Int(saturating:)` for a float32 value.
    public init(saturating x: Float) { self.init(saturating: Double(x)) }
}
