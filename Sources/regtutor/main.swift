import LineEditor
import TensorEngine

print("regtutor (line editor: \(EditLineLibrary.version))")
