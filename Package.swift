// swift-tools-version: 6.0
import PackageDescription

// The interpreter's and the engine's hot paths touch class properties and captured arrays
// constantly; Swift's run-time exclusivity checks on them cost more than the work itself (a third
// of a batch norm), and a session runs on one thread.
let fast: [SwiftSetting] = [.unsafeFlags(["-enforce-exclusivity=unchecked"])]

let package = Package(
    name: "regtutor",
    products: [
        .executable(name: "regtutor", targets: ["regtutor"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        // glibc's count of allocated bytes, for the memory budget.
        .target(name: "CMemory"),
        // What every layer shares: Python's spelling of floats, the Ctrl-C flag, the memory budget.
        .target(name: "Common", dependencies: ["CMemory"]),
        // Tensors, their operations, autograd, PyTorch's random numbers and PyTorch-style printing.
        // The matrix product's kernels in C: AVX2+FMA chosen at run time, the same bits on every CPU.
        .target(name: "CKernels", cSettings: [.unsafeFlags(["-O2"])]),
        .target(name: "TensorEngine", dependencies: ["Common", "CKernels"], swiftSettings: fast),
        // Modules, losses, optimizers and the synthetic data sets the lessons train on.
        .target(name: "NeuralNet", dependencies: ["TensorEngine"], swiftSettings: fast),
        // Every regularization technique, one file each, with traces of their intermediate values.
        .target(name: "Regularization", dependencies: ["Common", "TensorEngine", "NeuralNet"], swiftSettings: fast),
        // Keras's models on the same engine: layers, Sequential, compile/fit/evaluate/predict, with Keras's own numbers.
        .target(name: "Keras", dependencies: ["TensorEngine", "NeuralNet", "Regularization"], swiftSettings: fast),
        // Pictures in the terminal (line charts, histograms, heatmaps, images, scatter plots) and as SVG.
        .target(name: "Plotting", dependencies: ["Common", "TensorEngine"]),
        // The Python core: lexer, parser, resolver, compiler, values, classes, exceptions, Python's built-ins.
        .target(name: "Python", dependencies: ["Common"], swiftSettings: fast),
        // The framework names on top of the core: torch, nn, F, optim, keras, torchvision, numpy, augment, datasets, plotting.
        .target(name: "Frameworks", dependencies: ["Python", "TensorEngine", "NeuralNet", "Regularization", "Keras", "Plotting"]),
        // The course: the lesson format, the tutor that walks through it, progress, the lesson checker and grading.
        .target(name: "Lessons", dependencies: ["Common", "Python", "Frameworks", "Plotting", "CSQLite"]),
        // SQLite, where `regtutor grade` keeps its gradebook (Debian package libsqlite3-dev).
        .systemLibrary(
            name: "CSQLite",
            pkgConfig: "sqlite3",
            providers: [.apt(["libsqlite3-dev"])]
        ),
        // libedit, the line editor behind the REPL (Debian package libedit-dev).
        .systemLibrary(
            name: "CEditLine",
            pkgConfig: "libedit",
            providers: [.apt(["libedit-dev"])]
        ),
        .target(name: "LineEditor", dependencies: ["CEditLine"]),
        // libFuzzer's entry point over the parser and interpreter: `make fuzz` links it by hand.
        .target(name: "Fuzz", dependencies: ["Common", "Python", "Frameworks", "Lessons"]),
        .executableTarget(
            name: "regtutor",
            dependencies: [
                "TensorEngine", "NeuralNet", "Python", "Frameworks", "LineEditor", "Plotting", "Lessons",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "TensorEngineTests", dependencies: ["TensorEngine"]),
        .testTarget(name: "NeuralNetTests", dependencies: ["NeuralNet", "TensorEngine"]),
        .testTarget(name: "RegularizationTests", dependencies: ["Regularization", "NeuralNet", "TensorEngine"]),
        .testTarget(name: "KerasTests", dependencies: ["Keras", "Regularization", "NeuralNet", "TensorEngine"]),
        .testTarget(name: "PlottingTests", dependencies: ["Plotting", "TensorEngine"]),
        .testTarget(name: "LessonsTests", dependencies: ["Lessons", "Python", "Frameworks"]),
        .testTarget(name: "PythonTests", dependencies: ["Python"], resources: [.copy("Programs")]),
        .testTarget(name: "FrameworksTests", dependencies: ["Frameworks", "Python", "TensorEngine"], resources: [.copy("Parity")]),
        // Drives the real binary through a pseudo-terminal, as a student would use it.
        .testTarget(name: "regtutorTests", dependencies: ["regtutor"]),
    ],
    swiftLanguageModes: [.v6]
)
