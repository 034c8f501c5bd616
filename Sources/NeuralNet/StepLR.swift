import TensorEngine

/// Multiplies the learning rate by `gamma` every `stepSize` epochs (PyTorch's
/// `optim.lr_scheduler.StepLR`). Call `step()` once per epoch, after the optimizer's steps.
///
/// ```swift
/// let scheduler = StepLR(optimizer, stepSize: 10, gamma: 0.5)
/// scheduler.step()
/// ```
public final class StepLR {
    /// The optimizer whose learning rate is scheduled.
    public let optimizer: Optimizer
    /// Epochs between two reductions.
    public let stepSize: Int
    /// The factor applied at each reduction.
    public let gamma: Double
    /// The number of `step()` calls so far (PyTorch's `last_epoch`).
    public private(set) var epoch = 0

    /// A schedule for `optimizer`.
    public init(_ optimizer: Optimizer, stepSize: Int, gamma: Double = 0.1) throws {
        guard stepSize > 0 else { throw TensorError(.valueError, "step_size must be a positive integer, got \(stepSize)") }
        self.optimizer = optimizer
        self.stepSize = stepSize
        self.gamma = gamma
    }

    /// Ends an epoch: every `stepSize`-th call multiplies the learning rate by gamma.
    public func step() {
        epoch += 1
        if epoch % stepSize == 0 { optimizer.learningRate *= gamma }
    }

    /// The learning rate now (PyTorch's `get_last_lr()[0]`).
    public var lastLearningRate: Double { optimizer.learningRate }
}
