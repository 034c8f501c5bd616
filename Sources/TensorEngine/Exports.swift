// What every layer shares (Python's float spelling, the Ctrl-C flag) comes with the engine.
@_exported import Common
