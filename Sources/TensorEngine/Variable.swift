/// A named, shared place that holds a tensor: what a Python variable bound to a tensor refers to,
/// and what a module's learnable parameter is.
///
/// `Tensor` is a value, but training needs places that change: an optimizer updates a model's
/// weights in place, and the student's `w = model.weight` must see the update. A `Variable` is
/// that place, shared by reference.
///
/// ```swift
/// let w = Variable(try Tensor([1, 2]).requiringGrad(), isParameter: true)
/// optimizer.step()  // updates w.tensor in place
/// ```
public final class Variable {
    /// The tensor currently held.
    public var tensor: Tensor
    /// True for a module parameter (`nn.Parameter`), which prints as "Parameter containing:".
    public let isParameter: Bool

    /// A rule applied to the values after every optimizer step, such as a max-norm constraint
    /// (Keras's `kernel_constraint`); nil for none.
    public var constraint: ((Tensor) throws -> Tensor)?

    /// A penalty on the values to be added to the loss, such as an L2 penalty (Keras's
    /// `kernel_regularizer`); nil for none. The model reports them as its `losses`.
    public var penalty: ((Tensor) throws -> Tensor)?

    /// Creates a place holding `tensor`.
    public init(_ tensor: Tensor, isParameter: Bool = false) {
        self.tensor = tensor
        self.isParameter = isParameter
    }

    /// A new place holding a copy of the values, with the same flags, penalty and constraint
    /// but no gradient and no autograd history (what `copy.deepcopy` gives a parameter).
    public func copied() throws -> Variable {
        var tensor = try self.tensor.compactCopy()
        if self.tensor.requiresGrad { tensor = try tensor.requiringGrad() }
        let copy = Variable(tensor, isParameter: isParameter)
        copy.penalty = penalty
        copy.constraint = constraint
        return copy
    }

    /// The gradient accumulated by `backward()`, or nil.
    public var grad: Tensor? {
        get { tensor.grad }
        set { tensor.grad = newValue }
    }
}
