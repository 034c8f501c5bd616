import Foundation
import TensorEngine

/// The text of `help(x)`, `:help name` and `dir(x)`, all read from the table of built-ins.
enum Help {
    static let introduction = """
        regtutor speaks a small Python with PyTorch's names. Start with:
            import torch
            import torch.nn as nn
            x = torch.tensor([1.0, -2.0, 3.0], requires_grad=True)
        help(name) explains a built-in: help(torch.zeros), help(nn.Linear).
        dir(torch) lists what a module has; :help in the REPL lists its commands.
        """

    /// The help text for a value: a built-in's signature, doc and example; a module's members.
    static func text(for value: Value, in interpreter: Interpreter) -> String {
        switch value {
        case .none:
            return introduction
        case .object(let object):
            if let entry = object as? Builtin { return entry.helpText }
            if let method = object as? BoundMethod { return method.method.helpText }
            if let module = object as? ModuleObject { return moduleText(module) }
            if let function = object as? FunctionObject {
                return "\(function.signature.text)\n\nA function defined in this session."
            }
            return typeText(Builtins.typeKey(of: value), name: object.typeName)
        default:
            return typeText(Builtins.typeKey(of: value), name: value.typeName)
        }
    }

    /// The help for a dotted name typed at `:help` without evaluating it (`nn.Linear`, `Tensor.sum`).
    static func text(forName name: String) -> String? {
        if let entry = Builtins.shared.entry(named: name) { return entry.helpText }
        if let module = Builtins.shared.modules[name] ?? Builtins.shared.modules[Builtins.modulePath(of: name)] {
            return moduleText(module)
        }
        if !Builtins.shared.methodNames(ofType: name).isEmpty { return typeText(name, name: name) }
        return nil
    }

    private static func moduleText(_ module: ModuleObject) -> String {
        var lines = ["module \(module.path)", ""]
        for name in module.memberNames.sorted() {
            guard case .object(let object) = module.members[name] ?? .none else { continue }
            if let entry = object as? Builtin {
                lines.append("  " + entry.signature.text.padding(toLength: 48, withPad: " ", startingAt: 0) + " " + firstSentence(entry.doc))
            } else if object is ModuleObject {
                lines.append("  \(name)  (module)")
            }
        }
        return lines.joined(separator: "\n")
    }

    private static func typeText(_ key: String, name: String) -> String {
        let methods = Builtins.shared.methodNames(ofType: key)
        guard !methods.isEmpty else { return "\(name): no documentation" }
        var lines = ["\(name) methods and properties:", ""]
        for method in methods.sorted() {
            if let entry = Builtins.shared.method(method, ofType: key) {
                lines.append("  " + method.padding(toLength: 22, withPad: " ", startingAt: 0) + firstSentence(entry.doc))
            }
        }
        return lines.joined(separator: "\n")
    }

    static func firstSentence(_ text: String) -> String {
        guard let end = text.range(of: ". ") else { return text }
        return String(text[..<end.lowerBound]) + "."
    }

    /// `dir(x)`: the session's names, a module's members, or a value's methods.
    static func names(of value: Value, in interpreter: Interpreter) -> [String] {
        switch value {
        case .none:
            return interpreter.globals.orderedNames.sorted()
        case .object(let object):
            return Array(Set(object.attributeNames + Builtins.shared.methodNames(ofType: object.methodTable))).sorted()
        default:
            return Builtins.shared.methodNames(ofType: Builtins.typeKey(of: value)).sorted()
        }
    }

    /// `text` broken into lines of at most `width` characters at spaces (a word longer than
    /// the width keeps its own line), so help reads well in an 80-column terminal.
    static func wrapped(_ text: String, width: Int) -> String {
        var lines: [String] = []
        var line = ""
        for word in text.split(separator: " ", omittingEmptySubsequences: false) {
            if !line.isEmpty && line.count + 1 + word.count > width {
                lines.append(line)
                line = String(word)
            } else {
                line += (line.isEmpty ? "" : " ") + word
            }
        }
        lines.append(line)
        return lines.joined(separator: "\n")
    }
}
