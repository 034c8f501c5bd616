/// Whether operations record the autograd graph: PyTorch's `torch.no_grad()` switch.
///
/// The setting belongs to the running task (or thread), so separate sessions and tests never
/// disturb each other.
///
/// ```swift
/// let updated = try GradMode.withDisabled { try w - lr * grad }  // records nothing
/// ```
public enum GradMode {
    /// True unless inside `withDisabled` (PyTorch's `torch.is_grad_enabled()`).
    @TaskLocal public static var isEnabled = true

    /// Runs `body` with recording switched off, like `with torch.no_grad():`.
    public static func withDisabled<T>(_ body: () throws -> T) rethrows -> T {
        try $isEnabled.withValue(false, operation: body)
    }

    /// Runs `body` with recording set to `enabled`, like `with torch.set_grad_enabled(enabled):`.
    public static func with<T>(enabled: Bool, _ body: () throws -> T) rethrows -> T {
        try $isEnabled.withValue(enabled, operation: body)
    }
}
