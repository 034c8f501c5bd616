// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "regtutor",
    products: [
        .executable(name: "regtutor", targets: ["regtutor"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        // Tensors, their operations, autograd, PyTorch's random numbers and PyTorch-style printing.
        .target(name: "TensorEngine"),
        // Modules, losses, optimizers and the synthetic data sets the lessons train on.
        .target(name: "NeuralNet", dependencies: ["TensorEngine"]),
        // Every regularization technique, one file each, with traces of their intermediate values.
        .target(name: "Regularization", dependencies: ["TensorEngine", "NeuralNet"]),
        // Pictures in the terminal (line charts, histograms, heatmaps, images, scatter plots) and as SVG.
        .target(name: "Plotting", dependencies: ["TensorEngine"]),
        // The regtutor language: a small Python with PyTorch's names (lexer, parser, interpreter, built-ins).
        .target(name: "Language", dependencies: ["TensorEngine", "NeuralNet", "Regularization", "Plotting"]),
        // The course: the lesson format, the tutor that walks through it, progress and the lesson checker.
        .target(name: "Lessons", dependencies: ["Language", "Plotting"]),
        // libedit, the line editor behind the REPL (Debian package libedit-dev).
        .systemLibrary(
            name: "CEditLine",
            pkgConfig: "libedit",
            providers: [.apt(["libedit-dev"])]
        ),
        .target(name: "LineEditor", dependencies: ["CEditLine"]),
        .executableTarget(
            name: "regtutor",
            dependencies: [
                "TensorEngine", "NeuralNet", "Language", "LineEditor", "Plotting", "Lessons",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "TensorEngineTests", dependencies: ["TensorEngine"]),
        .testTarget(name: "NeuralNetTests", dependencies: ["NeuralNet", "TensorEngine"]),
        .testTarget(name: "RegularizationTests", dependencies: ["Regularization", "NeuralNet", "TensorEngine"]),
        .testTarget(name: "PlottingTests", dependencies: ["Plotting", "TensorEngine"]),
        .testTarget(name: "LessonsTests", dependencies: ["Lessons", "Language"]),
        .testTarget(name: "LanguageTests", dependencies: ["Language", "TensorEngine"], resources: [.copy("Parity")]),
        // Drives the real binary through a pseudo-terminal, as a student would use it.
        .testTarget(name: "regtutorTests", dependencies: ["regtutor"]),
    ],
    swiftLanguageModes: [.v6]
)
