/// "Did you mean ...?" for misspelt names, as Python 3.10+ suggests them.
public enum NameSuggestion {
    /// The candidate nearest to `name` by edit distance, if it is near enough to be a typo.
    public static func closest(to name: String, among candidates: [String]) -> String? {
        // Python's rule: a substitution costs 2 and the budget is (length + 3) * 2 / 6, so
        // one-letter names get no suggestion and longer ones tolerate more typos.
        let limit = (name.count + 3) / 6
        var best: (name: String, distance: Int)?
        for candidate in Set(candidates) where candidate != name && !candidate.hasPrefix("_") {
            if candidate.lowercased() == name.lowercased() && name.count > 1 { return candidate }
            let distance = editDistance(name, candidate, limit: limit)
            guard distance <= limit else { continue }
            if let current = best, current.distance < distance || (current.distance == distance && current.name < candidate) {
                continue
            }
            best = (candidate, distance)
        }
        return best?.name
    }

    /// Levenshtein distance, giving up (returning limit + 1) once it exceeds `limit`.
    static func editDistance(_ a: String, _ b: String, limit: Int) -> Int {
        let x = Array(a), y = Array(b)
        if abs(x.count - y.count) > limit { return limit + 1 }
        var previous = Array(0...y.count)
        for i in 1...max(x.count, 1) where !x.isEmpty {
            var row = [i] + Array(repeating: 0, count: y.count)
            for j in 1...max(y.count, 1) where !y.isEmpty {
                row[j] = min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + (x[i - 1] == y[j - 1] ? 0 : 1))
            }
            previous = row
        }
        return previous[y.count]
    }
}
