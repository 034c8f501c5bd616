/// `def`, `lambda`, `class` and comprehensions: code with a scope of its own.
extension Compiler {
    /// The closure that makes a function object for `definition` when the `def` (or `lambda`)
    /// runs: defaults are computed then, and the closure's cells are taken from the frame.
    func function(_ definition: FunctionDefinition) throws -> (Frame) throws -> FunctionObject {
        guard let inner = definition.scope else { throw internalError("a function without a scope", definition.span) }
        let defaults: [Eval?] = try definition.parameters.map { try $0.defaultValue.map(expression) }
        let closureCells = try closureIndices(of: inner, at: definition.span)
        let body = try within(inner) { try block(definition.body) }
        let cellParameters = inner.parameters.enumerated().compactMap { slot, name -> (slot: Int, cell: Int)? in
            inner.cellNames.firstIndex(of: name).map { (slot, $0) }
        }
        let code = CompiledFunction(name: definition.name, qualifiedName: inner.qualifiedName, parameters: definition.parameters,
                                    slotCount: inner.slotCount, cellParameters: cellParameters, ownCellCount: inner.cellNames.count,
                                    body: body, span: definition.span, file: file,
                                    docString: definition.name == "<lambda>" ? nil : definition.docString, isGenerator: inner.isGenerator)
        return { frame in
            let values = try defaults.map { try $0?(frame) }
            return FunctionObject(code: code, defaults: values, closure: closureCells.map { frame.cells[$0] })
        }
    }

    /// For each free name of `inner`, the index of the cell in the current frame that holds it.
    private func closureIndices(of inner: Scope, at span: SourceSpan) throws -> [Int] {
        try inner.freeNames.map { name in
            guard let index = scope.cellIndex(forClosureOf: name) else {
                throw internalError("no cell for '\(name)'", span)
            }
            return index
        }
    }

    func internalError(_ what: String, _ span: SourceSpan) -> SyntaxError {
        SyntaxError("internal error in regtutor's compiler: \(what)", line: span.line, column: span.column)
    }

    /// `@decorators def name(...)`: decorators are evaluated first, applied innermost first.
    func functionDefinition(_ definition: FunctionDefinition) throws -> Exec {
        let decorators = try definition.decorators.map(expression)
        let make = try function(definition)
        let store = try nameStore(definition.name)
        return { frame in
            let interpreter = frame.interpreter
            let wrappers = try decorators.map { try $0(frame) }
            var result = Value.object(try make(frame))
            for wrapper in wrappers.reversed() { result = try interpreter.call(wrapper, Arguments([result])) }
            try store(frame, result)
            return .normal
        }
    }

    /// `class Name(bases): body`: the body runs in a namespace of its own, which becomes the
    /// class's attributes.
    func classDefinition(_ definition: ClassDefinition) throws -> Exec {
        guard let inner = definition.scope else { throw internalError("a class without a scope", definition.span) }
        let decorators = try definition.decorators.map(expression)
        let bases = try arguments(definition.bases)
        let closureCells = try closureIndices(of: inner, at: definition.span)
        let body = try within(inner) { try block(definition.body) }
        let store = try nameStore(definition.name)
        let name = definition.name
        let docString = definition.body.docString
        let fileName = file.name
        return { frame in
            let interpreter = frame.interpreter
            let wrappers = try decorators.map { try $0(frame) }
            let given = try bases(frame)
            let bodyFrame = Frame(slotCount: 0, cells: closureCells.map { frame.cells[$0] }, function: nil, interpreter: interpreter)
            bodyFrame.namespace = ClassNamespace()
            bodyFrame.namespace?.names["__module__"] = .string("__main__")
            if let docString { bodyFrame.namespace?.names["__doc__"] = .string(docString) }
            _ = try body(bodyFrame)
            let cls = try interpreter.makeClass(name: name, bases: given, namespace: bodyFrame.namespace?.names ?? Namespace())
            cls.definitionFile = fileName
            var result = Value.object(cls)
            for wrapper in wrappers.reversed() { result = try interpreter.call(wrapper, Arguments([result])) }
            try store(frame, result)
            return .normal
        }
    }

    // MARK: Comprehensions

    private struct ClauseCode {
        let target: Store
        let iterable: Eval
        let conditions: [Eval]
    }

    /// `[x for x in xs if x]` and its kin: the loop runs in a frame of its own.
    func comprehension(_ comprehension: Comprehension) throws -> Eval {
        let span = comprehension.element.span
        guard let inner = comprehension.scope, let first = comprehension.clauses.first else {
            throw internalError("a comprehension without a scope", span)
        }
        let firstIterable = try expression(first.iterable)
        let closureCells = try closureIndices(of: inner, at: span)
        let (clauses, element, value): ([ClauseCode], Eval, Eval?) = try within(inner) {
            let clauses = try comprehension.clauses.map { clause in
                ClauseCode(target: try target(clause.target), iterable: try expression(clause.iterable),
                           conditions: try clause.conditions.map(expression))
            }
            return (clauses, try expression(comprehension.element), try comprehension.value.map(expression))
        }
        let slotCount = inner.slotCount
        let ownCells = inner.cellNames.count
        let kind = comprehension.kind
        return { frame in
            let interpreter = frame.interpreter
            let iterator = try interpreter.makeIterator(try firstIterable(frame))
            let loopFrame = Frame(slotCount: slotCount, cells: (0..<ownCells).map { _ in Cell() } + closureCells.map { frame.cells[$0] },
                                  function: frame.function, interpreter: interpreter)
            switch kind {
            case .generator:
                return .object(Compiler.lazyGenerator(clauses, element, iterator, loopFrame))
            case .list:
                var items: [Value] = []
                try Compiler.produce(clauses, 0, loopFrame, iterator) { items.append(try element(loopFrame)) }
                return .list(items)
            case .set:
                let set = try SetObject()
                try Compiler.produce(clauses, 0, loopFrame, iterator) { try set.insert(try element(loopFrame)) }
                return .set(set)
            case .dict:
                let dict = DictObject()
                try Compiler.produce(clauses, 0, loopFrame, iterator) {
                    let key = try element(loopFrame)
                    try dict.set(key, try value?(loopFrame) ?? .none)
                }
                return .dict(dict)
            }
        }
    }

    /// Runs the nested `for`/`if` clauses from `index` on, calling `body` for every
    /// combination that passes.
    private static func produce(_ clauses: [ClauseCode], _ index: Int, _ frame: Frame, _ first: ValueIterator?,
                                _ body: () throws -> Void) throws {
        guard index < clauses.count else {
            try body()
            return
        }
        let interpreter = frame.interpreter
        let clause = clauses[index]
        let iterator = try first ?? interpreter.makeIterator(try clause.iterable(frame))
        while let item = try iterator.next() {
            try interpreter.checkInterrupt()
            try clause.target(frame, item)
            if try clause.conditions.allSatisfy({ try interpreter.truth(try $0(frame)) }) {
                try produce(clauses, index + 1, frame, nil, body)
            }
        }
    }

    /// A generator expression: produces its elements one at a time, when asked.
    private static func lazyGenerator(_ clauses: [ClauseCode], _ element: @escaping Eval, _ first: ValueIterator,
                                      _ frame: Frame) -> ValueIterator {
        if clauses.count == 1 {
            let clause = clauses[0]
            return ValueIterator(typeName: "generator") {
                let interpreter = frame.interpreter
                while let item = try first.next() {
                    try interpreter.checkInterrupt()
                    try clause.target(frame, item)
                    if try clause.conditions.allSatisfy({ try interpreter.truth(try $0(frame)) }) {
                        return try element(frame)
                    }
                }
                return nil
            }
        }
        // Several clauses: compute them all at the first request.
        var buffered: ValueIterator?
        return ValueIterator(typeName: "generator") {
            if buffered == nil {
                var items: [Value] = []
                try produce(clauses, 0, frame, first) { items.append(try element(frame)) }
                buffered = ValueIterator(items: items)
            }
            return try buffered?.next()
        }
    }
}
