/// `import torch`, `import torch.nn as nn`, `from torch import nn, optim`: binding regtutor's
/// built-in modules. Nothing else can be imported: the language has no file or network access.
extension Interpreter {
    /// Module paths and the names students know them by, for the error that lists what exists.
    static let importable = ["torch", "torch.nn", "torch.nn.functional", "torch.optim", "torch.optim.lr_scheduler",
                             "torch.nn.utils", "torch.utils.data", "math", "copy", "keras (also tensorflow.keras): regularizers, constraints, callbacks, layers",
                             "torchvision.transforms", "torchvision.transforms.functional", "augment", "datasets"]

    private func module(_ path: String) throws -> ModuleObject {
        if let module = Builtins.shared.modules[path] { return module }
        throw PythonError(.moduleNotFoundError,
            "No module named '\(path)'. regtutor provides: " + Interpreter.importable.joined(separator: ", "))
    }

    func importModule(_ path: String, alias: String?, in environment: Environment) throws {
        let target = try module(path)
        if let alias {
            try environment.assign(alias, .object(target))
        } else {
            let top = String(path.prefix { $0 != "." })
            try environment.assign(top, .object(try module(top)))
        }
    }

    func importNames(_ names: [(name: String, alias: String?)], from path: String, in environment: Environment) throws {
        let source = try module(path)
        for (name, alias) in names {
            let value: Value
            if let member = source.members[name] {
                value = member
            } else if let submodule = Builtins.shared.modules[path + "." + name] {
                value = .object(submodule)
            } else {
                let close = NameSuggestion.closest(to: name, among: source.memberNames).map { ". Did you mean '\($0)'?" } ?? ""
                throw PythonError(.importError, "cannot import name '\(name)' from '\(path)'\(close)")
            }
            try environment.assign(alias ?? name, value)
        }
    }
}
