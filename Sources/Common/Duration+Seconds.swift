extension Duration {
    /// The duration as a number of seconds, for printing and for Python's float clocks.
    ///
    /// ```swift
    /// Duration.milliseconds(1500).inSeconds   // 1.5
    /// ```
    public var inSeconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}
