/// Finds which names a function assigns, so they are its locals (Python decides this before the
/// function runs: a name assigned anywhere in the body is local everywhere in it).
enum ScopeAnalysis {
    /// Fills `localNames`, `globalNames` and `nonlocalNames` of `function`.
    static func analyse(_ function: FunctionDefinition) throws {
        var assigned = Set(function.parameters.map(\.name))
        var globals: Set<String> = []
        var nonlocals: Set<String> = []
        try collect(function.body, assigned: &assigned, globals: &globals, nonlocals: &nonlocals)
        for name in globals.union(nonlocals) where function.parameters.contains(where: { $0.name == name }) {
            let which = globals.contains(name) ? "global" : "nonlocal"
            throw SyntaxError("name '\(name)' is parameter and \(which)", line: function.span.line, column: function.span.column)
        }
        function.localNames = assigned.subtracting(globals).subtracting(nonlocals)
        function.globalNames = globals
        function.nonlocalNames = nonlocals
    }

    private static func collect(_ body: [Stmt], assigned: inout Set<String>, globals: inout Set<String>, nonlocals: inout Set<String>) throws {
        for statement in body {
            switch statement.kind {
            case .assign(let targets, _):
                for target in targets { bind(target, into: &assigned) }
            case .augmentedAssign(let target, _, _), .annotated(let target, _):
                bind(target, into: &assigned)
            case .forLoop(let target, _, let loopBody, let otherwise):
                bind(target, into: &assigned)
                try collect(loopBody + (otherwise ?? []), assigned: &assigned, globals: &globals, nonlocals: &nonlocals)
            case .whileLoop(_, let loopBody, let otherwise):
                try collect(loopBody + (otherwise ?? []), assigned: &assigned, globals: &globals, nonlocals: &nonlocals)
            case .ifElse(let branches, let otherwise):
                try collect(branches.flatMap(\.body) + (otherwise ?? []), assigned: &assigned, globals: &globals, nonlocals: &nonlocals)
            case .with(_, let target, let withBody):
                if let target { bind(target, into: &assigned) }
                try collect(withBody, assigned: &assigned, globals: &globals, nonlocals: &nonlocals)
            case .function(let definition):
                assigned.insert(definition.name)
            case .importModule(let path, let alias):
                assigned.insert(alias ?? String(path.prefix { $0 != "." }))
            case .importFrom(_, let names):
                for (name, alias) in names { assigned.insert(alias ?? name) }
            case .delete(let targets):
                for target in targets { bind(target, into: &assigned) }
            case .global(let names):
                try declare(names, in: &globals, statement: statement, assigned: assigned, word: "global")
            case .nonlocal(let names):
                try declare(names, in: &nonlocals, statement: statement, assigned: assigned, word: "nonlocal")
            default:
                break
            }
        }
    }

    private static func declare(_ names: [String], in set: inout Set<String>, statement: Stmt, assigned: Set<String>, word: String) throws {
        for name in names {
            if assigned.contains(name) {
                throw SyntaxError("name '\(name)' is assigned to before \(word) declaration",
                                  line: statement.span.line, column: statement.span.column)
            }
            set.insert(name)
        }
    }

    private static func bind(_ target: Expr, into names: inout Set<String>) {
        switch target.kind {
        case .name(let name): names.insert(name)
        case .tuple(let items), .list(let items): for item in items { bind(item, into: &names) }
        case .starred(let inner): bind(inner, into: &names)
        default: break
        }
    }
}
