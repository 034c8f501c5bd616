import Common
import Foundation
import NeuralNet
import TensorEngine

/// A worked example of one call: the intermediate values a technique computed, labelled and in
/// order, the way a teacher would write them on a blackboard.
///
/// Techniques take an optional trace and record into it as they compute; without one they
/// record nothing and cost nothing.
///
/// ```swift
/// let trace = Trace(title: "Dropout(p=0.5)")
/// let y = try Dropout(p: 0.5).forward(x, generator: g, trace: trace)
/// print(trace)   // mask, scale 1/(1-p), output
/// ```
public final class Trace: CustomStringConvertible {
    /// One line of the worked example: a label and a tensor, a number or a sentence.
    public enum Step {
        case tensor(String, Tensor)
        case text(String, String)
        case heading(String)
    }

    /// What is being traced, e.g. "BatchNorm1d(2, ...), training mode".
    public var title: String
    /// The steps, in the order they happened.
    public private(set) var steps: [Step] = []

    /// An empty trace headed by `title`.
    public init(title: String = "") {
        self.title = title
    }

    /// A float32 result as a reader expects it: six significant digits, as C's %g (0.525, where
    /// float32's nearest value spelled in full is 0.52500004); whole numbers keep their `.0`.
    ///
    /// ```swift
    /// Trace.number(0.1 * 5.25)   // "0.525"
    /// Trace.number(2)            // "2.0"
    /// ```
    public static func number(_ x: Float) -> String {
        if x.isNaN { return "nan" }
        if x.isInfinite { return x < 0 ? "-inf" : "inf" }
        let text = String(format: "%.6g", Double(x))
        return text.contains(".") || text.contains("e") || text.contains("n") ? text : text + ".0"
    }

    /// Records a tensor under `label`.
    public func record(_ label: String, _ tensor: Tensor) {
        // A copy: the tensor's memory may change later (an optimizer step, a running mean).
        steps.append(.tensor(label, (try? tensor.detached().compactCopy()) ?? tensor.detached()))
    }

    /// Records a sentence or a number under `label`.
    public func note(_ label: String, _ text: String) {
        steps.append(.text(label, text))
    }

    /// Adds a step recorded elsewhere (a nested trace).
    public func append(_ step: Step) {
        steps.append(step)
    }

    /// Starts a new part (a layer of a model, an epoch).
    public func heading(_ text: String) {
        steps.append(.heading(text))
    }

    /// The worked example: numbered steps, each tensor printed like PyTorch under its label.
    public var description: String { rendered(width: 80) }

    /// The worked example fitted to `width` columns: a long label or sentence breaks between
    /// words under its step's indent, and a tensor that does not fit beside its label goes
    /// under it, printed with that width as its line width.
    public func rendered(width: Int) -> String {
        let width = Swift.max(width, 40)
        var lines: [String] = title.isEmpty ? [] : [Trace.fit(title, width: width, indent: "")]
        var number = 0
        for step in steps {
            switch step {
            case .heading(let text):
                number = 0
                lines.append(Trace.fit("── " + text, width: width, indent: "   "))
            case .text(let label, let text):
                number += 1
                lines.append(Trace.fit("  \(number). \(label): \(text)", width: width, indent: "     "))
            case .tensor(let label, let tensor):
                number += 1
                let head = "  \(number). \(label):"
                let printed = tensor.description
                // (At 80 columns, as before: side by side while label and tensor take at most 70.)
                if !printed.contains("\n") && label.count + printed.count <= Swift.min(70, width - 10) {
                    lines.append(head + " " + printed)
                } else {
                    lines.append(Trace.fit(head, width: width, indent: "     "))
                    let below = TensorFormatter.describe(tensor, lineWidth: width - 5)
                    lines.append(below.split(separator: "\n", omittingEmptySubsequences: false).map { "     " + $0 }.joined(separator: "\n"))
                }
            }
        }
        return lines.joined(separator: "\n")
    }

    /// `text` broken between words to `width`, continuing lines starting with `indent`.
    static func fit(_ text: String, width: Int, indent: String) -> String { TextFit.fit(text, width: width, indent: indent) }
}

/// A module that can explain its forward pass step by step.
public protocol TraceableModule: Module {
    /// `forward`, recording its intermediate values into `trace`.
    func forward(_ input: Tensor, trace: Trace?) throws -> Tensor
}

extension Trace {
    /// Runs `module` on `input`, recording each layer of a `Sequential` under its own heading
    /// and the inside of every layer that can explain itself.
    public func run(_ module: Module, _ input: Tensor) throws -> Tensor {
        if let sequential = module as? Sequential {
            var x = input
            for (name, layer) in sequential.children {
                heading("(\(name)) " + layer.description.replacingOccurrences(of: "\n", with: " "))
                x = try run(layer, x)
            }
            return x
        }
        if let traceable = module as? TraceableModule {
            return try traceable.forward(input, trace: self)
        }
        record("input", input)
        let output = try module.forward(input)
        record("output", output)
        return output
    }
}
