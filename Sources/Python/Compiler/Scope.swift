/// Which names a piece of code binds and uses, and where each one lives at run time: what the
/// resolver decides before anything runs, so that running never looks a name up by its text.
///
/// Python's rules: a name bound anywhere in a function is local to it everywhere in it (unless
/// declared `global` or `nonlocal`); a local that an inner function uses lives in a cell shared
/// with it; class bodies keep their names in the class's namespace, which the functions inside
/// do not see; everything else is a global of the module, or a built-in.
final class Scope {
    enum Kind { case module, function, classBody, comprehension }

    let kind: Kind
    /// The function's or class's name, for qualified names (`Net.forward`).
    let name: String
    private(set) weak var parent: Scope?
    private(set) var children: [Scope] = []

    /// Names bound here: assigned, parameters, loop targets, imports, `def`, `class`, `except ... as`.
    private(set) var bound: Set<String> = []
    /// Names read here.
    private(set) var used: Set<String> = []
    private(set) var declaredGlobal: Set<String> = []
    private(set) var declaredNonlocal: Set<String> = []
    /// Parameter names, in order (they take the first slots).
    private(set) var parameters: [String] = []
    /// True for a function with `yield` in it: calling it makes a generator.
    var isGenerator = false

    // Filled by `analyse`:
    /// Locals kept in the frame's slots, by name.
    private(set) var slots: [String: Int] = [:]
    /// Locals that inner scopes use: they live in cells the frame creates.
    private(set) var cellNames: [String] = []
    /// Names of enclosing functions used here (or by inner scopes): cells the closure passes in.
    private(set) var freeNames: [String] = []

    init(kind: Kind, name: String, parent: Scope?) {
        self.kind = kind
        self.name = name
        self.parent = parent
        parent?.children.append(self)
    }

    /// The number of slots a frame of this scope needs.
    var slotCount: Int { slots.count }

    /// `Outer.inner` names, as Python's `__qualname__`.
    var qualifiedName: String {
        guard let parent, parent.kind != .module else { return name }
        return parent.qualifiedName + (parent.kind == .function ? ".<locals>." : ".") + name
    }

    // MARK: Collecting

    func bind(_ name: String) { bound.insert(name) }
    func use(_ name: String) { used.insert(name) }

    func addParameter(_ name: String) {
        parameters.append(name)
        bound.insert(name)
    }

    func declareGlobal(_ name: String, at span: SourceSpan) throws {
        try checkDeclarable(name, "global", at: span)
        declaredGlobal.insert(name)
    }

    func declareNonlocal(_ name: String, at span: SourceSpan) throws {
        if kind == .module {
            throw SyntaxError("nonlocal declaration not allowed at module level", line: span.line, column: span.column)
        }
        try checkDeclarable(name, "nonlocal", at: span)
        declaredNonlocal.insert(name)
    }

    /// Python's rules for `global x` and `nonlocal x`: not a parameter, not used before.
    private func checkDeclarable(_ name: String, _ word: String, at span: SourceSpan) throws {
        if parameters.contains(name) {
            throw SyntaxError("name '\(name)' is parameter and \(word)", line: span.line, column: span.column)
        }
        if bound.contains(name) || used.contains(name) {
            throw SyntaxError("name '\(name)' is \(bound.contains(name) ? "assigned to" : "used") before \(word) declaration",
                              line: span.line, column: span.column)
        }
    }

    // MARK: Analysis

    /// Decides slots, cells and free names for this scope and every scope inside it.
    /// - Parameter enclosing: names bound in the enclosing function scopes (visible as free names).
    /// - Returns: the names this scope needs from the enclosing function scopes.
    @discardableResult
    func analyse(enclosing: Set<String> = []) throws -> Set<String> {
        let locals = kind == .module ? Set<String>() : bound.subtracting(declaredGlobal).subtracting(declaredNonlocal)
        for name in declaredNonlocal where !enclosing.contains(name) {
            throw SyntaxError("no binding for nonlocal '\(name)' found", line: 1, column: 0)
        }
        let visibleToChildren: Set<String>
        switch kind {
        case .module: visibleToChildren = []
        case .classBody: visibleToChildren = enclosing
        case .function, .comprehension: visibleToChildren = enclosing.union(locals)
        }
        var neededByChildren = Set<String>()
        for child in children { neededByChildren.formUnion(try child.analyse(enclosing: visibleToChildren)) }

        var free = Set<String>()
        for name in used.union(neededByChildren).union(declaredNonlocal) where !declaredGlobal.contains(name) && enclosing.contains(name) {
            // A class body reads its own names first, then falls back to the enclosing function's.
            if kind == .classBody || !locals.contains(name) { free.insert(name) }
        }
        if kind == .function || kind == .comprehension {
            cellNames = locals.intersection(neededByChildren).sorted { (order($0), $0) < (order($1), $1) }
            // Every parameter has a slot, in order: arguments land there (a parameter that is
            // also a cell is moved into its cell when the call starts).
            for name in parameters where slots[name] == nil { slots[name] = slots.count }
            for name in locals.sorted() where slots[name] == nil && !cellNames.contains(name) { slots[name] = slots.count }
        }
        freeNames = free.sorted()
        return free
    }

    private func order(_ name: String) -> Int { parameters.firstIndex(of: name) ?? parameters.count }

    // MARK: Resolution

    /// Where a name lives when code of this scope reads or writes it.
    enum Access {
        /// A slot of the frame.
        case local(Int)
        /// A cell of the frame (one of its own, or one passed in by the closure).
        case cell(Int)
        /// A global of the module (or, when unbound, a built-in).
        case global(String)
        /// A class body's namespace; reading falls back to the cell or global when unbound there.
        case classNamespace(String, fallback: Fallback)
    }

    enum Fallback { case cell(Int), global }

    func access(_ name: String) -> Access {
        if declaredGlobal.contains(name) { return .global(name) }
        switch kind {
        case .module:
            return .global(name)
        case .classBody:
            if declaredNonlocal.contains(name), let index = freeNames.firstIndex(of: name) { return .cell(index) }
            if let index = freeNames.firstIndex(of: name) { return .classNamespace(name, fallback: .cell(index)) }
            return .classNamespace(name, fallback: .global)
        case .function, .comprehension:
            if let index = cellNames.firstIndex(of: name) { return .cell(index) }
            if let slot = slots[name] { return .local(slot) }
            if let index = freeNames.firstIndex(of: name) { return .cell(cellNames.count + index) }
            return .global(name)
        }
    }

    /// The cell index in this scope's frame that holds `name` for an inner scope's closure.
    func cellIndex(forClosureOf name: String) -> Int? {
        switch kind {
        case .module: return nil
        case .classBody: return freeNames.firstIndex(of: name)
        case .function, .comprehension:
            if let index = cellNames.firstIndex(of: name) { return index }
            return freeNames.firstIndex(of: name).map { cellNames.count + $0 }
        }
    }
}
