import Foundation

/// One object per thread, made on first use: how per-session settings (the default dtype) stay
/// apart when sessions run on different threads.
///
/// ```swift
/// let slot = ThreadSlot<Box> { Box() }
/// slot.value.setting = 1     // this thread's box only
/// ```
final class ThreadSlot<Value: AnyObject>: @unchecked Sendable {
    private var key = pthread_key_t()
    private let make: () -> Value

    init(_ make: @escaping () -> Value) {
        self.make = make
        pthread_key_create(&key) { pointer in
            guard let pointer else { return }
            Unmanaged<AnyObject>.fromOpaque(pointer).release()
        }
    }

    /// This thread's object.
    var value: Value {
        if let pointer = pthread_getspecific(key) {
            return Unmanaged<Value>.fromOpaque(pointer).takeUnretainedValue()
        }
        let fresh = make()
        pthread_setspecific(key, Unmanaged<Value>.passRetained(fresh).toOpaque())
        return fresh
    }
}
