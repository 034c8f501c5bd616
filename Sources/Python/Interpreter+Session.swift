/// What an interactive front end (the REPL, a lesson runner) asks of a session besides running code.
extension Interpreter {
    /// Whether text typed so far can run.
    public enum InputStatus: Equatable {
        /// It parses and can run now.
        case complete
        /// It stopped too early (an open bracket, a block header): read another line.
        case incomplete
        /// It parses, but ends inside a block: Python's REPL waits for a blank line.
        case waitsForBlankLine
        /// It has a syntax error (running it shows the report).
        case invalid
    }

    /// Classifies REPL input, the way `lua.c` does: from the parser's own verdict.
    ///
    /// ```swift
    /// Interpreter.inputStatus(of: "for i in range(3):")   // .incomplete
    /// Interpreter.inputStatus(of: "x = (1,")              // .incomplete
    /// ```
    public static func inputStatus(of source: String) -> InputStatus {
        do {
            let program = try Parser.parse(source)
            if let last = program.last, last.isCompound { return .waitsForBlankLine }
            return .complete
        } catch let error as SyntaxError {
            return error.isIncomplete ? .incomplete : .invalid
        } catch {
            return .invalid
        }
    }

    /// Completions for the word before the cursor: variables and built-ins, module members
    /// after `torch.`, methods after `x.`.
    public func completions(lineBeforeCursor: String, word: String) -> [String] {
        guard let dot = word.lastIndex(of: ".") else {
            let names = module.boundNames + Array(builtins.pythonBuiltins.keys) + Token.keywords.filter { $0.first?.isLowercase == true }
            return Array(Set(names.filter { $0.hasPrefix(word) && !$0.hasPrefix("_") })).sorted()
        }
        let base = String(word[..<dot])
        let partial = String(word[word.index(after: dot)...])
        guard let value = quietValue(of: base) else { return [] }
        var seen = Set<String>()
        return attributeNames(of: value).filter { $0.hasPrefix(partial) && !$0.hasPrefix("_") && seen.insert($0).inserted }
            .map { base + "." + $0 }
    }

    /// The value of a dotted name (`torch.nn`, `model`), looked up without running any code.
    func quietValue(of dottedName: String) -> Value? {
        let parts = dottedName.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard let first = parts.first, !first.isEmpty, var value = module.value(of: first) ?? builtins.pythonBuiltins[first] else {
            return nil
        }
        for part in parts.dropFirst() {
            guard !part.isEmpty, case .object(let object) = value, let next = object.quietAttribute(part, in: self) else { return nil }
            value = next
        }
        return value
    }

    /// The attribute names of a value: exactly what `value.` can be followed by.
    public func attributeNames(of value: Value) -> [String] {
        switch value {
        case .object(let object):
            return object.attributeNames + builtins.methodNames(ofType: object.methodTable)
        default:
            return builtins.methodNames(ofType: value.typeName)
        }
    }

    /// The help for a name typed after `:help`: a session value (`torch.zeros`, `x`) or a
    /// table entry by its usual spelling (`nn.Linear`, `Tensor.sum`), imported or not.
    public func help(topic: String) -> String? {
        if let value = quietValue(of: topic) { return Help.text(for: value, in: self) }
        return Help.text(forName: topic, in: builtins)
    }

    /// The introduction `help()` prints.
    public var helpIntroduction: String { builtins.introduction }
}
