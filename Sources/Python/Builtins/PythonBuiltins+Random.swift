import Foundation

/// Python's `random` module, computed as CPython computes it: after `random.seed(n)` the same
/// numbers as CPython's (its MT19937 seeded with `init_by_array`). Before any seed it starts
/// from a fixed seed (CPython takes one from the system; regtutor stays the same every run).
final class PythonRandom {
    /// The seed used until the program sets one.
    static let defaultSeed = 67280421310721

    private var twister: MersenneTwister
    /// `gauss()` makes two values at a time and keeps one for the next call.
    private var nextGauss: Double?

    init(seed: Int = PythonRandom.defaultSeed) {
        twister = MersenneTwister(key: PythonRandom.key(seed))
    }

    /// `random.seed(n)`: the 32-bit words of |n|, least significant first.
    func seed(_ n: Int) {
        twister = MersenneTwister(key: PythonRandom.key(n))
        nextGauss = nil
    }

    private static func key(_ n: Int) -> [UInt32] {
        var magnitude = n.magnitude
        var words: [UInt32] = []
        repeat {
            words.append(UInt32(truncatingIfNeeded: magnitude))
            magnitude >>= 32
        } while magnitude > 0
        return words
    }

    /// `random.random()`: 53 random bits as a float in [0, 1).
    func random() -> Double {
        let a = Double(twister.next() >> 5), b = Double(twister.next() >> 6)
        return (a * 67_108_864 + b) / 9_007_199_254_740_992
    }

    /// `getrandbits(k)` for k ≤ 64.
    func bits(_ k: Int) -> UInt64 {
        if k <= 32 { return UInt64(twister.next() >> (32 - UInt32(k))) }
        let low = UInt64(twister.next())
        let high = UInt64(twister.next() >> (64 - UInt32(k)))
        return high << 32 | low
    }

    /// `_randbelow(n)`: uniform in 0..<n by rejection, as CPython draws it.
    func below(_ n: Int) -> Int {
        guard n > 0 else { return 0 }
        let k = Int.bitWidth - n.leadingZeroBitCount
        while true {
            let r = Int(bits(k))
            if r < n { return r }
        }
    }

    /// `random.gauss(mu, sigma)`.
    func gauss(_ mu: Double, _ sigma: Double) -> Double {
        if let cached = nextGauss {
            nextGauss = nil
            return mu + cached * sigma
        }
        let angle = random() * 2 * Double.pi
        let radius = (-2 * Foundation.log(1 - random())).squareRoot()
        nextGauss = Foundation.sin(angle) * radius
        return mu + Foundation.cos(angle) * radius * sigma
    }
}

extension Interpreter {
    /// The session's `random` module state.
    var pythonRandom: PythonRandom { state(PythonRandom.self) { PythonRandom() } }

    /// Python's `random.seed(n)` (Keras's `set_random_seed` seeds it too).
    public func seedPythonRandom(_ n: Int) { pythonRandom.seed(n) }

    /// `random.randint(1, upper)`: what Keras draws its layer seeds with.
    public func pythonRandomInteger(_ low: Int, _ high: Int) -> Int { low + pythonRandom.below(high - low + 1) }
}

extension PythonBuiltins {
    static func randomFunctions() -> [Builtin] {
        func function(_ signature: String, doc: String, example: String, _ body: @escaping (BoundArguments, PythonRandom, Interpreter) throws -> Value) -> Builtin {
            Builtin("random", signature, doc: doc, example: example) { a, interpreter in try body(a, interpreter.pythonRandom, interpreter) }
        }
        return [
            function("seed(a=None)", doc: "Starts the generator again from a seed: the same seed gives the same numbers as CPython.",
                     example: "random.seed(42)") { a, random, _ in
                if a.isNone("a") {
                    random.seed(PythonRandom.defaultSeed)
                } else {
                    guard let n = a["a"].exactInt else { throw PythonError(.typeError, "regtutor's random.seed takes an int, not \(a["a"].typeName)") }
                    random.seed(n)
                }
                return .none
            },
            function("random()", doc: "A float in [0, 1).", example: "random.random()") { _, random, _ in .float(random.random()) },
            function("uniform(a, b)", doc: "A float between a and b.", example: "random.uniform(0.1, 0.5)") { a, random, _ in
                let (low, high) = (try a.double("a"), try a.double("b"))
                return .float(low + (high - low) * random.random())
            },
            function("randint(a, b)", doc: "An int from a to b, both included.", example: "random.randint(1, 6)") { a, random, _ in
                let (low, high) = (try a.int("a"), try a.int("b"))
                guard high >= low else { throw PythonError(.valueError, "empty range in randrange(\(low), \(high + 1))") }
                let (width, overflow) = high.subtractingReportingOverflow(low)
                guard !overflow, width < Int.max else { throw PythonError(.overflowError, "the range is too large for regtutor") }
                return .int(low + random.below(width + 1))
            },
            function("randrange(start, stop=None, step=1)", doc: "A random element of range(start, stop, step).",
                     example: "random.randrange(10)") { a, random, _ in
                let (start, stop) = a.isNone("stop") ? (0, try a.int("start")) : (try a.int("start"), try a.int("stop"))
                let step = try a.int("step")
                guard step != 0 else { throw PythonError(.valueError, "zero step for randrange()") }
                let count = step > 0 ? (stop - start + step - 1) / step : (start - stop - step - 1) / (-step)
                guard count > 0 else { throw PythonError(.valueError, "empty range in randrange(\(start), \(stop))") }
                return .int(start + step * random.below(count))
            },
            function("choice(seq)", doc: "A random item of a non-empty sequence.", example: "random.choice(['sgd', 'adam'])") { a, random, interpreter in
                let items = try interpreter.iterate(a["seq"])
                guard !items.isEmpty else { throw PythonError(.indexError, "Cannot choose from an empty sequence") }
                return items[random.below(items.count)]
            },
            function("shuffle(x)", doc: "Shuffles a list in place.", example: "random.shuffle(indices)") { a, random, _ in
                guard case .list(let list) = a["x"] else { throw a.mistake("x", "list", a["x"]) }
                var i = list.items.count - 1
                while i > 0 {
                    let j = random.below(i + 1)
                    list.items.swapAt(i, j)
                    i -= 1
                }
                return .none
            },
            function("sample(population, k)", doc: "k distinct items chosen at random, in the order chosen.",
                     example: "random.sample(range(100), 5)") { a, random, interpreter in
                let population = try interpreter.iterate(a["population"])
                let k = try a.int("k")
                let n = population.count
                guard k >= 0 && k <= n else { throw PythonError(.valueError, "Sample larger than population or is negative") }
                var setSize = 21
                if k > 5 { setSize += Int(Foundation.pow(4, Foundation.ceil(Foundation.log(Double(k * 3)) / Foundation.log(4)))) }
                var result: [Value] = []
                if n <= setSize {
                    var pool = population
                    for i in 0..<k {
                        let j = random.below(n - i)
                        result.append(pool[j])
                        pool[j] = pool[n - i - 1]
                    }
                } else {
                    var selected = Set<Int>()
                    for _ in 0..<k {
                        var j = random.below(n)
                        while selected.contains(j) { j = random.below(n) }
                        selected.insert(j)
                        result.append(population[j])
                    }
                }
                return .list(result)
            },
            function("gauss(mu=0.0, sigma=1.0)", doc: "A normal sample (mean mu, standard deviation sigma).", example: "random.gauss(0, 0.1)") { a, random, _ in
                .float(random.gauss(try a.double("mu"), try a.double("sigma")))
            },
            function("getrandbits(k)", doc: "An int of k random bits (k up to 63 here).", example: "random.getrandbits(8)") { a, random, _ in
                let k = try a.int("k")
                guard k >= 0 && k <= 63 else { throw PythonError(.valueError, "regtutor's getrandbits takes 0 to 63 bits") }
                return .int(k == 0 ? 0 : Int(random.bits(k)))
            },
        ]
    }
}
