/// An error from a tensor operation, worded as PyTorch words it.
///
/// Operations never trap on bad input: a shape mismatch, a bad dimension or index, or an absurd
/// allocation throws a `TensorError` whose message names what was wrong.
///
/// ```swift
/// do { _ = try a.matmul(b) } catch let error as TensorError {
///     print(error)  // RuntimeError: mat1 and mat2 shapes cannot be multiplied (4x3 and 2x5)
/// }
/// ```
public struct TensorError: Error, Equatable, CustomStringConvertible, Sendable {
    /// The Python exception PyTorch raises for this kind of mistake.
    public enum Kind: String, Sendable {
        case runtimeError = "RuntimeError"
        case indexError = "IndexError"
        case valueError = "ValueError"
        case typeError = "TypeError"
    }

    /// Which Python exception this corresponds to.
    public let kind: Kind
    /// The message alone, without the exception name.
    public let message: String

    /// Creates an error of the given kind.
    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    /// `Kind: message`, as Python prints an exception.
    public var description: String { "\(kind.rawValue): \(message)" }

    static func runtime(_ message: String) -> TensorError { TensorError(.runtimeError, message) }
    static func index(_ message: String) -> TensorError { TensorError(.indexError, message) }
    static func value(_ message: String) -> TensorError { TensorError(.valueError, message) }
    static func type(_ message: String) -> TensorError { TensorError(.typeError, message) }
}
