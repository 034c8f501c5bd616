/// Python's own built-ins: the functions (`print`, `len`...), the methods of strings and
/// containers, the classes that make classes work (`property`, `super`...), and the `math`
/// and `copy` modules. Libraries add their names on top of these.
enum PythonBuiltins {}

extension BuiltinTable.Library {
    /// Python's built-ins, the part of the table every session has.
    public static var python: BuiltinTable.Library {
        var library = BuiltinTable.Library()
        library.entries = PythonBuiltins.functions() + PythonBuiltins.classHelpers() + PythonBuiltins.stringMethods()
            + PythonBuiltins.containerMethods() + PythonBuiltins.mathFunctions() + PythonBuiltins.copyFunctions()
            + PythonBuiltins.collectionsFunctions() + PythonBuiltins.randomFunctions() + PythonBuiltins.timeFunctions()
        library.constants = [
            ("math", "pi", .float(Double.pi)), ("math", "e", .float(2.718281828459045)), ("math", "tau", .float(2 * Double.pi)),
            ("math", "inf", .float(.infinity)), ("math", "nan", .float(.nan)),
        ]
        library.importHints = ["math": "import math", "copy": "import copy", "OrderedDict": "from collections import OrderedDict"]
        library.importable = ["math", "copy", "collections", "random", "time"]
        library.parentTypes = ["bool": "int"]
        library.classBases = ["bool": "int"]
        library.finalClasses = ["bool"]
        return library
    }
}

extension PythonBuiltins {
    /// `property`, `staticmethod`, `classmethod`, `super` and `NotImplemented`.
    static func classHelpers() -> [Builtin] {
        [
            Builtin("", "property(fget=None, fset=None, fdel=None, doc=None)", kind: .type,
                    doc: "A computed attribute: used as @property above a method, reading obj.name calls it; @name.setter adds what assigning does.",
                    example: "class Layer:\n    def __init__(self):\n        self._p = 0.5\n    @property\n    def p(self):\n        return self._p") { a, _ in
                .object(PropertyObject(getter: a.isNone("fget") ? nil : a["fget"], setter: a.isNone("fset") ? nil : a["fset"],
                                       deleter: a.isNone("fdel") ? nil : a["fdel"]))
            },
            Builtin("", "staticmethod(function, /)", kind: .type,
                    doc: "Used as @staticmethod above a method: it receives no self.",
                    example: "class Scale:\n    @staticmethod\n    def factor(p):\n        return 1 / (1 - p)") { a, _ in
                .object(StaticMethodObject(a["function"]))
            },
            Builtin("", "classmethod(function, /)", kind: .type,
                    doc: "Used as @classmethod above a method: it receives the class (cls) instead of an instance.",
                    example: "class Config:\n    @classmethod\n    def default(cls):\n        return cls()") { a, _ in
                .object(ClassMethodObject(a["function"]))
            },
            Builtin("", "super(type=None, object_or_type=None, /)", kind: .type,
                    doc: "The parent classes of a class, for calling their methods: super().__init__() in __init__. The two-argument form super(Net, self) works too.",
                    example: "class Net(nn.Module):\n    def __init__(self):\n        super().__init__()") { a, interpreter in
                guard case .object(let start as ClassObject) = a["type"], !a.isNone("object_or_type") else {
                    throw PythonError(.runtimeError, "super(): no arguments (write super() inside a method, or super(Class, self))")
                }
                return try interpreter.makeSuper(start, a["object_or_type"])
            },
        ]
    }
}
