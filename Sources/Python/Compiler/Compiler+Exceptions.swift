/// `try`/`except`/`else`/`finally` and `with`: code that runs whether or not an error passes.
extension Compiler {
    private struct HandlerCode {
        let type: Eval?
        let store: Store?
        /// Forgets the `as` name when the handler ends, as Python does.
        let unbind: ((Frame) throws -> Void)?
        let body: Exec
    }

    func tryStatement(_ body: [Stmt], _ handlers: [ExceptHandler], _ otherwise: [Stmt]?, _ finally: [Stmt]?) throws -> Exec {
        let run = try block(body)
        let handlerCode = try handlers.map { handler in
            HandlerCode(type: try handler.type.map { located($0.span, try expression($0)) },
                        store: try handler.name.map(nameStore),
                        unbind: try handler.name.map { try deletion(Expr(.name($0), handler.span)) },
                        body: try block(handler.body))
        }
        let elseBody = try otherwise.map(block)
        let finallyBody = try finally.map(block)
        let location = frameLocation
        return { frame in
            let interpreter = frame.interpreter
            var completion = Completion.normal
            var failure: PythonError?
            var bodyFinished = false
            do {
                completion = try run(frame)
                bodyFinished = true
            } catch {
                let caught = PythonError(wrapping: error)
                if let handler = try Compiler.handler(for: caught, in: handlerCode, frame) {
                    do {
                        completion = try interpreter.handle(caught, at: location) { instance in
                            if let store = handler.store { try store(frame, .object(instance)) }
                            defer { try? handler.unbind?(frame) }
                            return try handler.body(frame)
                        }
                    } catch {
                        failure = PythonError(wrapping: error)
                    }
                } else {
                    failure = caught
                }
            }
            if bodyFinished, case .normal = completion, let elseBody {
                do { completion = try elseBody(frame) } catch { failure = PythonError(wrapping: error) }
            }
            if let finallyBody {
                let ending: Completion
                if let pending = failure {
                    ending = try interpreter.handle(pending, at: location) { _ in try finallyBody(frame) }
                } else {
                    ending = try finallyBody(frame)
                }
                // `return` or `break` in a finally block discards the pending error.
                if case .normal = ending {} else { return ending }
            }
            if let failure { throw failure }
            return completion
        }
    }

    /// The first handler whose type matches the error (a bare `except:` matches everything).
    private static func handler(for error: PythonError, in handlers: [HandlerCode], _ frame: Frame) throws -> HandlerCode? {
        for handler in handlers {
            guard let type = handler.type else { return handler }
            if try frame.interpreter.exception(error, matches: try type(frame)) { return handler }
        }
        return nil
    }

    /// `with a as x, b as y: body`: nested context managers, entered in order, exited in reverse.
    func withStatement(_ items: [(context: Expr, target: Expr?)], _ body: [Stmt], span: SourceSpan) throws -> Exec {
        var run = try block(body)
        for item in items.reversed() {
            let context = located(item.context.span, try expression(item.context))
            let store = try item.target.map(target)
            let inner = run
            run = { frame in
                let interpreter = frame.interpreter
                let manager = try context(frame)
                let entered = try interpreter.enterContext(manager)
                let completion: Completion
                do {
                    try store?(frame, entered)
                    completion = try inner(frame)
                } catch {
                    let failure = PythonError(wrapping: error)
                    if try interpreter.exitContext(manager, failure) { return .normal }
                    throw failure
                }
                _ = try interpreter.exitContext(manager, nil)
                return completion
            }
        }
        return located(span, run)
    }
}
