// Python's float spelling and the Ctrl-C flag are shared with the tensor engine.
@_exported import Common
