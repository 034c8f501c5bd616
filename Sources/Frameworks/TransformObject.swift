import Python
import Regularization
import TensorEngine

/// A torchvision transform (`transforms.RandomHorizontalFlip()`, `transforms.Compose([...])`):
/// called on an image tensor, it draws its random choices from torch's generator.
final class TransformObject: PythonObject {
    let transform: ImageTransform
    /// How torchvision prints it, with the arguments as the student wrote them.
    let text: String
    /// The transforms inside a Compose.
    let members: [TransformObject]

    init(_ transform: ImageTransform, text: String? = nil, members: [TransformObject] = []) {
        self.transform = transform
        self.text = text ?? transform.description
        self.members = members
    }

    var typeName: String { String(text.prefix { $0 != "(" }) }

    func call(_ arguments: Arguments, in interpreter: Interpreter) throws -> Value {
        let a = try Signature(name: "\(typeName).__call__", parameters: [.init(name: "img", kind: .normal, defaultValue: nil)]).bind(arguments)
        let trace = interpreter.activeTrace
        trace?.record("input", try a.tensor("img"))
        let output = try transform.apply(try a.tensor("img"), generator: interpreter.generator, trace: trace)
        if !(transform is Compose) { trace?.record("output", output) }
        return .tensor(output)
    }

    func attribute(_ name: String, in interpreter: Interpreter) throws -> Value? {
        if name == "transforms", !members.isEmpty { return .list(ListObject(members.map { .object($0) })) }
        return nil
    }

    func repr(in interpreter: Interpreter) throws -> String {
        guard !members.isEmpty else { return text }
        return "Compose(\n" + members.map { "    " + $0.text + "\n" }.joined() + ")"
    }
}

/// `transforms.InterpolationMode.NEAREST` and `.BILINEAR`.
final class InterpolationModeObject: PythonObject {
    let mode: ImageFunctional.Interpolation?
    init(_ mode: ImageFunctional.Interpolation?) { self.mode = mode }

    var typeName: String { "InterpolationMode" }

    func attribute(_ name: String, in interpreter: Interpreter) throws -> Value? {
        guard mode == nil else { return name == "value" ? .string(mode?.rawValue ?? "") : nil }
        switch name {
        case "NEAREST": return .object(InterpolationModeObject(.nearest))
        case "BILINEAR": return .object(InterpolationModeObject(.bilinear))
        default: return nil
        }
    }

    func repr(in interpreter: Interpreter) throws -> String {
        guard let mode else { return "<enum 'InterpolationMode'>" }
        return "<InterpolationMode.\(mode.rawValue.uppercased()): '\(mode.rawValue)'>"
    }

    var attributeNames: [String] { mode == nil ? ["NEAREST", "BILINEAR"] : ["value"] }
}
