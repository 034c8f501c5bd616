import Common
import Foundation

/// The text of `help(x)`, `:help name` and `dir(x)`, all read from the table of built-ins and,
/// for the student's own classes and functions, from their docstrings.
enum Help {
    /// The help text for a value: a built-in's signature, doc and example; a module's members;
    /// a class's docstring and methods.
    static func text(for value: Value, in interpreter: Interpreter) -> String {
        let table = interpreter.builtins
        switch value {
        case .none:
            return table.introduction
        case .object(let object):
            switch object {
            case let entry as Builtin: return entry.helpText
            case let method as BoundMethod: return text(for: method.function, in: interpreter)
            case let module as ModuleObject: return moduleText(module)
            case let function as FunctionObject: return functionText(function)
            case let cls as ClassObject: return classText(cls, in: interpreter)
            case let instance as Instance where !instance.cls.isBuiltin: return classText(instance.cls, in: interpreter)
            default: return typeText(object.methodTable, name: object.typeName, table)
            }
        default:
            return typeText(value.typeName, name: value.typeName, table)
        }
    }

    /// The help for a dotted name typed at `:help` without evaluating it (`nn.Linear`, `Tensor.sum`).
    static func text(forName name: String, in table: BuiltinTable) -> String? {
        if let entry = table.entry(named: name) { return entry.helpText }
        if let module = table.modules[name] ?? table.modules[table.modulePath(of: name)] { return moduleText(module) }
        if !table.methodNames(ofType: name).isEmpty { return typeText(name, name: name, table) }
        if let dot = name.lastIndex(of: "."), let module = table.modules[table.modulePath(of: String(name[..<dot]))],
           case .object(let cls as ClassObject)? = module.members[String(name[name.index(after: dot)...])],
           let entry = cls.documentation {
            return entry.helpText
        }
        return nil
    }

    private static func functionText(_ function: FunctionObject) -> String {
        var text = function.signature.text
        text += "\n\n" + (function.docString.map { Help.wrapped(dedented($0), width: 78) } ?? "A function defined in this session.")
        return text
    }

    /// A class: how it is made, its docstring, its bases and its methods (with their first lines).
    static func classText(_ cls: ClassObject, in interpreter: Interpreter) -> String {
        if let entry = cls.documentation ?? cls.constructor, cls.isBuiltin { return entry.helpText }
        let bases = cls.bases.map(\.name).joined(separator: ", ")
        var lines = ["class \(cls.name)(\(bases))"]
        if let doc = cls.doc { lines += ["", Help.wrapped(dedented(doc), width: 78)] }
        var methods: [String] = []
        for (name, value) in cls.namespace.pairs {
            guard case .object(let object) = value, name == "__init__" || !name.hasPrefix("__") || name == "__call__" else { continue }
            switch object {
            case let function as FunctionObject:
                methods.append("  " + function.signature.text + (function.docString.map { "\n      " + firstSentence(dedented($0)) } ?? ""))
            case let method as StaticMethodObject:
                if case .object(let function as FunctionObject) = method.function { methods.append("  " + function.signature.text + "  (static method)") }
            case let method as ClassMethodObject:
                if case .object(let function as FunctionObject) = method.function { methods.append("  " + function.signature.text + "  (class method)") }
            case is PropertyObject:
                methods.append("  \(name)  (property)")
            default:
                break
            }
        }
        if !methods.isEmpty { lines += ["", "Methods defined here:"] + methods }
        if let inherited = cls.mro.dropFirst().first(where: { $0.isBuiltin && $0 !== interpreter.builtins.objectClass }) {
            lines += ["", "Methods inherited from \(inherited.name): help(\(interpreter.builtins.helpName(of: inherited)))"]
        }
        return lines.joined(separator: "\n")
    }

    /// A docstring without the indentation of its continuation lines.
    static func dedented(_ doc: String) -> String {
        let lines = doc.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let indent = lines.dropFirst().filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
            .map { $0.prefix { $0 == " " }.count }.min() ?? 0
        let body = [lines.first?.trimmingCharacters(in: .whitespaces) ?? ""] + lines.dropFirst().map { String($0.dropFirst(indent)) }
        return body.joined(separator: " ").split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
    }

    private static func moduleText(_ module: ModuleObject) -> String {
        var lines = ["module \(module.path)", ""]
        for name in module.memberNames.sorted() {
            guard case .object(let object) = module.members[name] ?? .none else { continue }
            if let entry = object as? Builtin {
                lines.append("  " + entry.signature.text.padding(toLength: 48, withPad: " ", startingAt: 0) + " " + firstSentence(entry.doc))
            } else if let cls = object as? ClassObject, let entry = cls.documentation ?? cls.constructor {
                lines.append("  " + entry.signature.text.padding(toLength: 48, withPad: " ", startingAt: 0) + " " + firstSentence(entry.doc))
            } else if object is ModuleObject {
                lines.append("  \(name)  (module)")
            }
        }
        return lines.joined(separator: "\n")
    }

    private static func typeText(_ key: String, name: String, _ table: BuiltinTable) -> String {
        let methods = table.methodNames(ofType: key)
        guard !methods.isEmpty else { return "\(name): no documentation" }
        var lines = ["\(name) methods and properties:", ""]
        for method in Set(methods).sorted() {
            if let entry = table.method(method, ofType: key) {
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
        if case .none = value { return interpreter.module.boundNames.sorted() }
        return Array(Set(interpreter.attributeNames(of: value))).sorted()
    }

    /// `text` broken into lines of at most `width` characters at spaces (a word longer than
    /// the width keeps its own line), so help reads well in an 80-column terminal.
    static func wrapped(_ text: String, width: Int) -> String { TextFit.fit(text, width: width) }
}
