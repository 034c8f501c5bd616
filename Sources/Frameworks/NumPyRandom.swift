import Foundation
import Python
import TensorEngine

/// `np.random`: NumPy's legacy generator (`RandomState`, what `np.random.seed` seeds), drawn as
/// NumPy draws it — MT19937 seeded with `init_genrand`, 53-bit doubles, the polar method for
/// normals (one value kept for the next call), masked rejection for integers — so a seeded
/// program gets NumPy's numbers. Unseeded it starts from a fixed seed (NumPy takes one from
/// the system; regtutor stays the same every run).
final class NumPyRandomState {
    static let defaultSeed: UInt32 = 20_261_201

    private var twister: MersenneTwister
    private var cachedGauss: Double?

    init(seed: UInt32 = NumPyRandomState.defaultSeed) {
        twister = MersenneTwister(seed: UInt64(seed))
    }

    func seed(_ value: UInt32) {
        twister = MersenneTwister(seed: UInt64(value))
        cachedGauss = nil
    }

    /// A double in [0, 1).
    func double() -> Double {
        let a = Double(twister.next() >> 5), b = Double(twister.next() >> 6)
        return (a * 67_108_864 + b) / 9_007_199_254_740_992
    }

    /// A standard normal (the polar method; the second value is kept for the next call).
    func gauss() -> Double {
        if let cached = cachedGauss {
            cachedGauss = nil
            return cached
        }
        var x1 = 0.0, x2 = 0.0, r2 = 0.0
        repeat {
            x1 = 2 * double() - 1
            x2 = 2 * double() - 1
            r2 = x1 * x1 + x2 * x2
        } while r2 >= 1 || r2 == 0
        let f = (-2 * Foundation.log(r2) / r2).squareRoot()
        cachedGauss = f * x1
        return f * x2
    }

    /// An integer in 0...maximum, by masked rejection on 32-bit draws (`random_interval`).
    func interval(_ maximum: UInt64) -> UInt64 {
        guard maximum > 0 else { return 0 }
        var mask = maximum
        for shift in [1, 2, 4, 8, 16, 32] { mask |= mask >> UInt64(shift) }
        if maximum <= 0xFFFF_FFFF {
            while true {
                let value = UInt64(twister.next()) & mask
                if value <= maximum { return value }
            }
        }
        while true {
            let value = (UInt64(twister.next()) << 32 | UInt64(twister.next())) & mask
            if value <= maximum { return value }
        }
    }

    /// A random order of `0..<n` (`permutation`): NumPy's backwards Fisher–Yates.
    func permutation(_ n: Int) -> [Int] {
        var order = Array(0..<n)
        shuffle(&order)
        return order
    }

    func shuffle<T>(_ items: inout [T]) {
        var i = items.count - 1
        while i > 0 {
            let j = Int(interval(UInt64(i)))
            items.swapAt(i, j)
            i -= 1
        }
    }
}

extension Interpreter {
    /// The session's `np.random` state.
    var numpyRandom: NumPyRandomState { state(NumPyRandomState.self) { NumPyRandomState() } }
}

extension Bindings {
    static func numpyRandomFunctions() -> [Builtin] {
        func function(_ signature: String, doc: String, example: String,
                      _ body: @escaping (BoundArguments, NumPyRandomState, Interpreter) throws -> Value) -> Builtin {
            Builtin("numpy.random", signature, doc: doc, example: example) { a, interpreter in try body(a, interpreter.numpyRandom, interpreter) }
        }
        /// `count` values from `draw`, as a scalar (no size) or an array of the shape.
        func sample(_ size: Value, _ dtype: NumPyDType, _ draw: () -> Double) throws -> Value {
            // Without a size NumPy's legacy generator gives a Python number.
            if size.isNone { return dtype == .int64 ? .int(Int(draw())) : .float(draw()) }
            let shape = try NumPy.shape(size)
            let count = try NDArray.count(shape)
            return .object(try NDArray(shape: shape, elements: (0..<count).map { _ in draw() }, dtype: dtype))
        }
        /// `*shape` given as separate ints (`rand(2, 3)`).
        func shapeArguments(_ a: BoundArguments) -> Value { a.rest.isEmpty ? .none : .tuple(a.rest) }
        return [
            function("seed(seed=None)", doc: "Starts np.random again from a seed: the same numbers as NumPy's after np.random.seed(seed).",
                     example: "np.random.seed(42)") { a, random, _ in
                guard let seed = try a.optionalInt("seed") else {
                    random.seed(NumPyRandomState.defaultSeed)
                    return .none
                }
                guard seed >= 0 && seed <= 0xFFFF_FFFF else { throw PythonError(.valueError, "Seed must be between 0 and 2**32 - 1") }
                random.seed(UInt32(seed))
                return .none
            },
            function("rand(*shape)", doc: "Uniform samples in [0, 1) of the given shape (float64).", example: "x = np.random.rand(100, 2)") { a, random, _ in
                try sample(shapeArguments(a), .float64, random.double)
            },
            function("random(size=None)", doc: "Uniform samples in [0, 1).", example: "np.random.random(5)") { a, random, _ in
                try sample(a["size"], .float64, random.double)
            },
            function("random_sample(size=None)", doc: "Uniform samples in [0, 1).", example: "np.random.random_sample((2, 2))") { a, random, _ in
                try sample(a["size"], .float64, random.double)
            },
            function("randn(*shape)", doc: "Standard normal samples of the given shape.", example: "noise = np.random.randn(100, 1)") { a, random, _ in
                try sample(shapeArguments(a), .float64, random.gauss)
            },
            function("standard_normal(size=None)", doc: "Standard normal samples.", example: "np.random.standard_normal(3)") { a, random, _ in
                try sample(a["size"], .float64, random.gauss)
            },
            function("normal(loc=0.0, scale=1.0, size=None)", doc: "Normal samples with mean loc and standard deviation scale.",
                     example: "np.random.normal(0, 0.1, size=(100, 1))") { a, random, _ in
                let (loc, scale) = (try a.double("loc"), try a.double("scale"))
                guard scale >= 0 else { throw PythonError(.valueError, "scale < 0") }
                return try sample(a["size"], .float64) { loc + scale * random.gauss() }
            },
            function("uniform(low=0.0, high=1.0, size=None)", doc: "Uniform samples in [low, high).",
                     example: "np.random.uniform(-1, 1, size=100)") { a, random, _ in
                let (low, high) = (try a.double("low"), try a.double("high"))
                return try sample(a["size"], .float64) { low + (high - low) * random.double() }
            },
            function("randint(low, high=None, size=None)", doc: "Integers in [low, high) (or [0, low) with one bound), int64.",
                     example: "labels = np.random.randint(0, 2, size=100)") { a, random, _ in
                let (low, high) = a.isNone("high") ? (0, try a.int("low")) : (try a.int("low"), try a.int("high"))
                guard high > low else { throw PythonError(.valueError, "high <= low") }
                let range = UInt64(high - low - 1)
                return try sample(a["size"], .int64) { Double(low + Int(random.interval(range))) }
            },
            function("choice(a, size=None, replace=True)", doc: "Items (or integers below a) chosen at random, with or without replacement.",
                     example: "np.random.choice(100, 10, replace=False)") { a, random, interpreter in
                // An int n stands for range(n), which is never made: only the picks are.
                let items: [Value]?
                let populationCount: Int
                if let n = a["a"].exactInt {
                    guard n > 0 else { throw PythonError(.valueError, "a must be a positive integer unless no samples are taken") }
                    (items, populationCount) = (nil, n)
                } else {
                    let population = try interpreter.iterate(a["a"])
                    (items, populationCount) = (population, population.count)
                }
                guard populationCount > 0 else { throw PythonError(.valueError, "'a' cannot be empty unless no samples are taken") }
                let count = a.isNone("size") ? 1 : try NDArray.count(try NumPy.shape(a["size"]))
                let picks: [Int]
                if try a.bool("replace") {
                    picks = (0..<count).map { _ in Int(random.interval(UInt64(populationCount - 1))) }
                } else {
                    guard count <= populationCount else {
                        throw PythonError(.valueError, "Cannot take a larger sample than population when 'replace=False'")
                    }
                    try interpreter.checkMemory(populationCount, bytes: MemoryLayout<Int>.stride)   // the whole permutation is drawn
                    picks = Array(random.permutation(populationCount).prefix(count))
                }
                let chosen = picks.map { items?[$0] ?? .int($0) }
                if a.isNone("size") { return chosen[0] }
                return .object(try NDArray(.list(chosen), in: interpreter))
            },
            function("permutation(x)", doc: "A shuffled copy (of range(x) for an int).", example: "order = np.random.permutation(len(x))") { a, random, interpreter in
                if let n = a["x"].exactInt {
                    _ = try NDArray.count([max(n, 0)])   // the size is checked before the numbers are drawn
                    return .object(try NDArray(shape: [max(n, 0)], elements: random.permutation(max(n, 0)).map(Double.init), dtype: .int64))
                }
                let array = try NDArray(a["x"], in: interpreter)
                let rows = array.shape.first ?? 0
                let width = array.shape.dropFirst().reduce(1, *)
                let order = random.permutation(rows)
                return .object(try NDArray(shape: array.shape, elements: order.flatMap { array.elements[($0 * width)..<(($0 + 1) * width)] }, dtype: array.dtype))
            },
            function("shuffle(x)", doc: "Shuffles a list in place (along its first axis).", example: "np.random.shuffle(indices)") { a, random, _ in
                guard case .list(let list) = a["x"] else {
                    throw PythonError(.typeError, "regtutor's np.random.shuffle shuffles lists; use np.random.permutation for arrays")
                }
                random.shuffle(&list.items)
                return .none
            },
        ]
    }
}

