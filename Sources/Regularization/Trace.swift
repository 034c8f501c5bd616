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

    /// A float32 result in its shortest exact spelling (0.21, not 0.20999999344348907).
    public static func number(_ x: Float) -> String {
        x.isNaN ? "nan" : x.isInfinite ? (x < 0 ? "-inf" : "inf") : "\(x)"
    }

    /// Records a tensor under `label`.
    public func record(_ label: String, _ tensor: Tensor) {
        steps.append(.tensor(label, tensor.detached()))
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
    public var description: String {
        var lines: [String] = title.isEmpty ? [] : [title]
        var number = 0
        for step in steps {
            switch step {
            case .heading(let text):
                number = 0
                lines.append("── " + text)
            case .text(let label, let text):
                number += 1
                lines.append("  \(number). \(label): \(text)")
            case .tensor(let label, let tensor):
                number += 1
                let printed = tensor.description
                if printed.contains("\n") || label.count + printed.count > 70 {
                    lines.append("  \(number). \(label):")
                    lines.append(printed.split(separator: "\n", omittingEmptySubsequences: false).map { "     " + $0 }.joined(separator: "\n"))
                } else {
                    lines.append("  \(number). \(label): \(printed)")
                }
            }
        }
        return lines.joined(separator: "\n")
    }
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
