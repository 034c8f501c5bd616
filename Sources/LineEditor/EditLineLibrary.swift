@preconcurrency import CEditLine

/// Facts about the libedit library regtutor is linked against.
public enum EditLineLibrary {
    /// libedit's readline-compatibility version string, e.g. "EditLine wrapper".
    ///
    /// ```swift
    /// print(EditLineLibrary.version)
    /// ```
    public static var version: String {
        guard let text = rl_library_version else { return "libedit" }
        return String(cString: text)
    }
}
