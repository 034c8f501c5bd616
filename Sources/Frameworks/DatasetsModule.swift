import Python
import NeuralNet
import TensorEngine

/// `datasets`: regtutor's small synthetic data sets, drawn from torch's generator by recipes that
/// read as PyTorch code (each doc gives it), so a seed gives the same data every time.
extension Bindings {
    static func datasetFunctions() -> [Builtin] {
        func pair(_ made: (x: Tensor, y: Tensor)) -> Value { .tuple([.tensor(made.x), .tensor(made.y)]) }
        return [
            Builtin("datasets", "sine(n=20, noise=0.3)",
                    doc: "A few noisy samples of a sine, shapes (n, 1): x = torch.rand(n, 1) * 6 - 3; y = torch.sin(x) + noise * torch.randn(n, 1). Few points and a big model make the classic picture of overfitting.",
                    example: "torch.manual_seed(0)\nx, y = datasets.sine(20, noise=0.3)") { a, interpreter in
                pair(try Datasets.sine(count: try a.int("n"), noise: try a.double("noise"), generator: interpreter.generator))
            },
            Builtin("datasets", "moons(n=200, noise=0.1)", doc: "Two interleaving half circles in 2-D with labels 0 and 1 (int64), after scikit-learn's make_moons.",
                    example: "x, y = datasets.moons(200, noise=0.2)") { a, interpreter in
                pair(try Datasets.moons(count: try a.int("n"), noise: try a.double("noise"), generator: interpreter.generator))
            },
            Builtin("datasets", "circles(n=200, noise=0.05, factor=0.5)", doc: "Two concentric circles (labels 0 outer, 1 inner of radius factor), after scikit-learn's make_circles.",
                    example: "x, y = datasets.circles(200)") { a, interpreter in
                pair(try Datasets.circles(count: try a.int("n"), noise: try a.double("noise"), factor: try a.double("factor"), generator: interpreter.generator))
            },
            Builtin("datasets", "spirals(n=200, classes=2, noise=0.2)", doc: "Interleaved spiral arms, one per class (the CS231n recipe), arm after arm.",
                    example: "x, y = datasets.spirals(300, classes=3)") { a, interpreter in
                pair(try Datasets.spirals(count: try a.int("n"), classes: try a.int("classes"), noise: try a.double("noise"), generator: interpreter.generator))
            },
            Builtin("datasets", "glyphs(n=200, noise=0.1, shift=1)",
                    doc: "Small greyscale images (n, 1, 8, 8) in [0, 1] of four glyphs (0 vertical bar, 1 horizontal dash, 2 plus, 3 square outline), each shifted by up to `shift` pixels, with pixel noise. datasets.GLYPH_NAMES names the labels.",
                    example: "x, y = datasets.glyphs(100)\nx[0]") { a, interpreter in
                pair(try Datasets.glyphs(count: try a.int("n"), noise: try a.double("noise"), shift: try a.int("shift"), generator: interpreter.generator))
            },
        ]
    }
}
