/// A layer that draws random numbers (dropout, noise, augmentation): Keras gives each one its own
/// `SeedGenerator`, seeded with `seed=` or, by default, with a draw from Python's `random` when
/// the layer is made — which is why, after `keras.utils.set_random_seed`, the order in which
/// layers are made decides their numbers.
open class SeededLayer: Layer {
    /// The seed given, nil for Keras's default.
    public let seed: Int?
    /// The layer's seed generator (nil for a layer that never draws, such as `Dropout(0)`).
    let seeds: SeedGenerator?

    public init(typeName: String, baseName: String, seed: Int?, draws: Bool = true, name: String?, context: KerasContext) {
        self.seed = seed
        seeds = draws ? SeedGenerator(seed: seed ?? context.defaultSeed()) : nil
        super.init(typeName: typeName, baseName: baseName, name: name, context: context)
    }

    /// The seed a copy is made with: the one given, or the one drawn, so it draws the same.
    var copySeed: Int? { seed ?? seeds?.state.0 }

    open override var config: [(String, String)] { super.config + [("seed", seed.map(String.init) ?? "None")] }
}
