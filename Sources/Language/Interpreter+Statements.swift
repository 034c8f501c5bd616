import TensorEngine

/// Statements: each one does something to the environment or decides what runs next.
extension Interpreter {
    func execute(_ statements: [Stmt], in environment: Environment) throws -> Flow {
        for statement in statements {
            let flow = try execute(statement, in: environment)
            if case .normal = flow { continue }
            return flow
        }
        return .normal
    }

    func execute(_ statement: Stmt, in environment: Environment) throws -> Flow {
        do {
            return try perform(statement, in: environment)
        } catch let error as PythonError {
            throw located(error, statement.span)
        } catch let error as TensorError {
            throw located(PythonError(error), statement.span)
        }
    }

    private func perform(_ statement: Stmt, in environment: Environment) throws -> Flow {
        switch statement.kind {
        case .expression(let expression):
            let value = try evaluate(expression, in: environment)
            if echoExpressions && environment.function == nil {
                try echo(value)
            }
        case .assign(let targets, let valueExpression):
            let value = try evaluate(valueExpression, in: environment)
            for target in targets { try assign(value, to: target, in: environment) }
        case .augmentedAssign(let target, let op, let valueExpression):
            try augmentedAssign(target, op: op, valueExpression, in: environment)
        case .annotated(let target, let valueExpression):
            if let valueExpression { try assign(try evaluate(valueExpression, in: environment), to: target, in: environment) }
        case .ifElse(let branches, let otherwise):
            for branch in branches where try truth(try evaluate(branch.condition, in: environment)) {
                return try execute(branch.body, in: environment)
            }
            if let otherwise { return try execute(otherwise, in: environment) }
        case .whileLoop(let condition, let body, let otherwise):
            return try whileLoop(condition, body, otherwise, in: environment)
        case .forLoop(let target, let iterable, let body, let otherwise):
            return try forLoop(target, iterable, body, otherwise, in: environment)
        case .function(let definition):
            let function = try makeFunction(definition, in: environment)
            try environment.assign(definition.name, .object(function))
        case .returnValue(let expression):
            return .returnValue(try expression.map { try evaluate($0, in: environment) } ?? .none)
        case .breakLoop:
            return .breakLoop
        case .continueLoop:
            return .continueLoop
        case .pass, .global, .nonlocal:
            break
        case .delete(let targets):
            for target in targets { try delete(target, in: environment) }
        case .assert(let condition, let message):
            if !(try truth(try evaluate(condition, in: environment))) {
                let text = try message.map { try PythonFormat.str(try evaluate($0, in: environment), in: self) } ?? ""
                throw PythonError(.assertionError, text)
            }
        case .raise(let expression):
            throw try raisedError(expression, in: environment)
        case .importModule(let path, let alias):
            try importModule(path, alias: alias, in: environment)
        case .importFrom(let path, let names):
            try importNames(names, from: path, in: environment)
        case .with(let context, let target, let body):
            return try withStatement(context, target, body, in: environment)
        }
        return .normal
    }

    /// Shows an expression statement's value in the REPL, as Python's does (not None).
    func echo(_ value: Value) throws {
        if case .none = value { return }
        output(try PythonFormat.repr(value, in: self) + "\n")
    }

    private func whileLoop(_ condition: Expr, _ body: [Stmt], _ otherwise: [Stmt]?, in environment: Environment) throws -> Flow {
        while try truth(try evaluate(condition, in: environment)) {
            try checkInterrupt()
            if let exit = try runLoopBody(body, in: environment) { return exit }
        }
        if let otherwise { return try execute(otherwise, in: environment) }
        return .normal
    }

    private func forLoop(_ target: Expr, _ iterableExpression: Expr, _ body: [Stmt], _ otherwise: [Stmt]?,
                         in environment: Environment) throws -> Flow {
        let iterator = try makeIterator(try evaluate(iterableExpression, in: environment))
        while let item = try iterator.next() {
            try checkInterrupt()
            try assign(item, to: target, in: environment)
            if let exit = try runLoopBody(body, in: environment) { return exit }
        }
        if let otherwise { return try execute(otherwise, in: environment) }
        return .normal
    }

    /// One pass through a loop body: nil to go on with the loop, or how the loop itself ends
    /// (`break` ends it normally, `return` leaves the function).
    private func runLoopBody(_ body: [Stmt], in environment: Environment) throws -> Flow? {
        switch try execute(body, in: environment) {
        case .breakLoop: return .normal
        case .returnValue(let value): return .returnValue(value)
        case .normal, .continueLoop: return nil
        }
    }

    /// `raise ValueError("...")`, `raise ValueError`, or `raise` of anything else (an error).
    private func raisedError(_ expression: Expr?, in environment: Environment) throws -> PythonError {
        guard let expression else { return PythonError(.runtimeError, "No active exception to reraise") }
        let value = try evaluate(expression, in: environment)
        if case .object(let object) = value {
            if let instance = object as? ExceptionValue { return PythonError(instance.kind, instance.message) }
            if let type = object as? ExceptionType { return PythonError(type.kind, "") }
        }
        return PythonError(.typeError, "exceptions must derive from BaseException")
    }

    /// `with torch.no_grad():` and its relatives switch gradient recording for the block.
    private func withStatement(_ contextExpression: Expr, _ target: Expr?, _ body: [Stmt], in environment: Environment) throws -> Flow {
        let context = try evaluate(contextExpression, in: environment)
        guard case .object(let object) = context, let gradContext = object as? GradModeContext else {
            throw PythonError(.typeError,
                "regtutor's 'with' works only with torch.no_grad(), torch.enable_grad() and torch.set_grad_enabled(mode); '\(context.typeName)' is not one of them")
        }
        if let target { try assign(.none, to: target, in: environment) }
        let restored = gradContext.previous ?? GradMode.isEnabled
        GradMode.isEnabled = gradContext.enabled
        defer { GradMode.isEnabled = restored }
        return try execute(body, in: environment)
    }
}
