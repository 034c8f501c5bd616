import TensorEngine

/// Easy Data Augmentation for text (Wei & Zou, 2019): four small edits that keep a sentence's
/// meaning while changing its words. Random choices come from the seeded generator.
///
/// ```swift
/// let eda = TextAugmentation(generator: g)
/// eda.synonymReplacement("the movie was good", count: 1)   // "the film was good"
/// ```
public struct TextAugmentation {
    let generator: RandomGenerator

    /// Edits drawing their random choices from `generator` (torch's).
    public init(generator: RandomGenerator) {
        self.generator = generator
    }

    /// A small built-in thesaurus (lower-case words), enough for lesson sentences.
    public static let thesaurus: [String: [String]] = [
        "good": ["great", "fine", "nice"], "great": ["good", "excellent", "superb"], "bad": ["poor", "awful", "terrible"],
        "movie": ["film", "picture"], "film": ["movie", "picture"], "quick": ["fast", "rapid", "swift"],
        "fast": ["quick", "rapid", "swift"], "slow": ["sluggish", "unhurried"], "happy": ["glad", "cheerful", "joyful"],
        "sad": ["unhappy", "gloomy"], "big": ["large", "huge"], "large": ["big", "huge"], "small": ["little", "tiny"],
        "little": ["small", "tiny"], "smart": ["clever", "bright"], "clever": ["smart", "bright"], "funny": ["amusing", "comic"],
        "boring": ["dull", "tedious"], "beautiful": ["lovely", "pretty"], "story": ["tale", "plot"], "actor": ["performer", "player"],
        "love": ["adore", "like"], "like": ["enjoy", "love"], "hate": ["dislike", "detest"], "very": ["really", "truly"],
        "model": ["network", "predictor"], "learn": ["study", "train"], "data": ["examples", "samples"], "cat": ["kitten", "feline"],
        "dog": ["puppy", "hound"], "house": ["home", "dwelling"], "car": ["automobile", "vehicle"], "road": ["street", "route"],
        "begin": ["start", "commence"], "start": ["begin", "launch"], "end": ["finish", "close"], "easy": ["simple", "effortless"],
        "hard": ["difficult", "tough"], "old": ["aged", "ancient"], "new": ["fresh", "novel"], "strong": ["powerful", "sturdy"],
    ]

    /// Words EDA never replaces.
    public static let stopWords: Set<String> = ["a", "an", "the", "is", "was", "are", "were", "and", "or", "but", "of", "to", "in", "on", "it", "this", "that", "i", "you", "he", "she", "we", "they"]

    static func words(_ sentence: String) -> [String] { sentence.split(separator: " ").map(String.init) }

    /// More edits than this make no sense for a sentence and would only keep the session busy.
    public static let maximumEdits = 10_000

    static func checkCount(_ count: Int) throws {
        guard count >= 0 && count <= maximumEdits else {
            throw TensorError(.valueError, "n must be between 0 and \(maximumEdits), got \(count)")
        }
    }

    static func synonyms(of word: String) -> [String] {
        stopWords.contains(word.lowercased()) ? [] : thesaurus[word.lowercased()] ?? []
    }

    /// Replaces up to `count` different words that have synonyms, each by a random synonym.
    public func synonymReplacement(_ sentence: String, count: Int) throws -> String {
        try TextAugmentation.checkCount(count)
        var words = TextAugmentation.words(sentence)
        let candidates = Array(Set(words.filter { !TextAugmentation.synonyms(of: $0).isEmpty })).sorted()
        var replaced = 0
        for k in generator.permutation(candidates.count) where replaced < count {
            let word = candidates[k]
            let options = TextAugmentation.synonyms(of: word)
            let synonym = options[generator.integer(in: 0, options.count)]
            words = words.map { $0 == word ? synonym : $0 }
            replaced += 1
        }
        return words.joined(separator: " ")
    }

    /// `count` times: a synonym of a random word (that has one) is inserted at a random place.
    public func randomInsertion(_ sentence: String, count: Int) throws -> String {
        try TextAugmentation.checkCount(count)
        var words = TextAugmentation.words(sentence)
        for _ in 0..<Swift.max(count, 0) {
            let candidates = words.filter { !TextAugmentation.synonyms(of: $0).isEmpty }
            guard !candidates.isEmpty else { break }
            let options = TextAugmentation.synonyms(of: candidates[generator.integer(in: 0, candidates.count)])
            let synonym = options[generator.integer(in: 0, options.count)]
            words.insert(synonym, at: generator.integer(in: 0, words.count + 1))
        }
        return words.joined(separator: " ")
    }

    /// `count` times: two random positions swap their words.
    public func randomSwap(_ sentence: String, count: Int) throws -> String {
        try TextAugmentation.checkCount(count)
        var words = TextAugmentation.words(sentence)
        guard words.count >= 2 else { return sentence }
        for _ in 0..<Swift.max(count, 0) {
            let i = generator.integer(in: 0, words.count)
            let j = generator.integer(in: 0, words.count)
            words.swapAt(i, j)
        }
        return words.joined(separator: " ")
    }

    /// Each word is deleted with probability p; at least one word always stays.
    public func randomDeletion(_ sentence: String, p: Double) throws -> String {
        guard p >= 0 && p <= 1 else { throw TensorError(.valueError, "random_deletion: p must be in [0, 1], got \(PythonFloat.repr(p))") }
        let words = TextAugmentation.words(sentence)
        guard words.count > 1 else { return sentence }
        let kept = words.filter { _ in Double(generator.uniformFloat()) >= p }
        if kept.isEmpty { return words[generator.integer(in: 0, words.count)] }
        return kept.joined(separator: " ")
    }
}
