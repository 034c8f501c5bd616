import TensorEngine

/// The parameter bookkeeping of a layer made of a weight and an optional bias (`Linear`,
/// `Conv1d`/`Conv2d`): how they are listed, and how `layer.weight = nn.Parameter(...)` or
/// `layer.bias = None` replaces one.
enum WeightAndBias {
    /// "weight", then "bias" when there is one: PyTorch's order.
    static func parameters(weight: Variable, bias: Variable?) -> [(name: String, variable: Variable)] {
        [("weight", weight)] + (bias.map { [("bias", $0)] } ?? [])
    }

    /// Puts `variable` in the place of `name`: the weight takes only a variable, the bias may
    /// also be removed. False for any other name.
    static func replace(_ name: String, with variable: Variable?, weight: inout Variable, bias: inout Variable?) -> Bool {
        switch (name, variable) {
        case ("weight", let variable?): weight = variable
        case ("bias", _): bias = variable
        default: return false
        }
        return true
    }
}
