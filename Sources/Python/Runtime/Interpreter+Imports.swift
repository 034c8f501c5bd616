/// `import math`, `import torch.nn as nn`, `from torch import nn, optim`: binding the modules the
/// table of built-ins has. Nothing else can be imported: the language reads no files.
extension Interpreter {
    private func module(_ path: String) throws -> ModuleObject {
        if let module = builtins.modules[path] { return module }
        var message = "No module named '\(path)'"
        if !builtins.importable.isEmpty { message += ". regtutor provides: " + builtins.importable.joined(separator: ", ") }
        throw PythonError(.moduleNotFoundError, message)
    }

    /// The value `import path` binds: the top-level package (`import torch.nn` binds `torch`),
    /// or the module itself when it is imported `as` a name.
    func importModule(_ path: String, bindingTopLevel: Bool) throws -> Value {
        let target = try module(path)
        guard bindingTopLevel else { return .object(target) }
        return .object(try module(String(path.prefix { $0 != "." })))
    }

    /// The values `from path import a, b` binds.
    func importNames(_ names: [String], from path: String) throws -> [Value] {
        let source = try module(path)
        return try names.map { name in
            if let member = source.members[name] { return member }
            if let submodule = builtins.modules[path + "." + name] { return .object(submodule) }
            let close = NameSuggestion.closest(to: name, among: source.memberNames).map { ". Did you mean '\($0)'?" } ?? ""
            throw PythonError(.importError, "cannot import name '\(name)' from '\(path)'\(close)")
        }
    }
}
