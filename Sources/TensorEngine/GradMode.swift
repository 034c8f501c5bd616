import Foundation

/// Whether operations record the autograd graph: PyTorch's `torch.no_grad()` switch.
///
/// Like PyTorch's, the setting belongs to the running thread, so two sessions (or two tests) on
/// different threads never disturb each other.
///
/// ```swift
/// let updated = try GradMode.withDisabled { try w - grad * lr }  // records nothing
/// ```
public enum GradMode {
    /// A thread-specific slot: empty (the default) means enabled.
    private static let slot: pthread_key_t = {
        var key = pthread_key_t()
        pthread_key_create(&key, nil)
        return key
    }()

    /// True unless switched off (PyTorch's `torch.is_grad_enabled()`); settable, like
    /// `torch.set_grad_enabled(flag)`.
    public static var isEnabled: Bool {
        get { pthread_getspecific(slot) == nil }
        set { pthread_setspecific(slot, newValue ? nil : UnsafeRawPointer(bitPattern: 1)) }
    }

    /// Runs `body` with recording switched off, like `with torch.no_grad():`.
    public static func withDisabled<T>(_ body: () throws -> T) rethrows -> T {
        try with(enabled: false, body)
    }

    /// Runs `body` with recording set to `enabled`, then restores the previous setting, like
    /// `with torch.set_grad_enabled(enabled):`.
    public static func with<T>(enabled: Bool, _ body: () throws -> T) rethrows -> T {
        let saved = isEnabled
        isEnabled = enabled
        defer { isEnabled = saved }
        return try body()
    }
}
