import Testing
@testable import Frameworks
@testable import Python

/// The regularization techniques as a student reaches them: framework import paths, Keras layer
/// options, traces, `fit` and the errors a wrong argument gets.
struct RegularizationLanguageTests {
    @Test func frameworkImportPathsBindOurModules() {
        let source = """
            from tensorflow.keras import regularizers
            from tensorflow.keras.callbacks import EarlyStopping
            from tensorflow.keras.constraints import max_norm
            from keras import layers
            from keras import regularizers as kr
            import torchvision.transforms as transforms
            import torchvision.transforms.functional as TF
            from torchvision.transforms import v2
            from torch.nn.utils import clip_grad_norm_
            import augment
            import datasets
            print(regularizers is kr, max_norm(3), EarlyStopping(patience=2).patience, v2.RandomHorizontalFlip())
            print(regularizers.l1_l2(l1=0.01, l2=0.01), layers.Dropout(0.5), TF.hflip, clip_grad_norm_)
            """
        let result = Run.program(source)
        #expect(result.error == nil, "\(result.error ?? "")")
        #expect(result.output == """
            True MaxNorm(max_value=3.0, axis=0) 2 RandomHorizontalFlip(p=0.5)
            <L1L2 l1=0.01, l2=0.01> <Dropout name=dropout, built=False> <built-in method hflip of module 'TF'> <built-in method clip_grad_norm_ of module 'nn.utils'>

            """)
        #expect(Run.errorLine("import keras.applications")?.hasPrefix("ModuleNotFoundError: No module named 'keras.applications'. regtutor provides:") == true)
    }

    @Test func kernelRegularizerAndConstraintWorkThroughModelAndOptimizer() {
        // The penalty equals regularizers.l2(0.01)(weight); after a step with a big learning rate
        // every unit's incoming weight vector (a row of weight) has norm <= 0.5.
        let source = """
            import torch
            import torch.nn as nn
            import torch.optim as optim
            from keras import regularizers, constraints
            torch.manual_seed(0)
            layer = nn.Linear(3, 4, kernel_regularizer=regularizers.l2(0.01), kernel_constraint=constraints.MaxNorm(0.5))
            model = nn.Sequential(layer, nn.ReLU(), nn.Linear(4, 1))
            print(len(model.losses), torch.allclose(model.losses[0], 0.01 * (layer.weight ** 2).sum()))
            opt = optim.SGD(model.parameters(), lr=5.0)
            loss = ((model(torch.randn(8, 3)) - 1) ** 2).mean() + sum(model.losses)
            loss.backward()
            opt.step()
            print(bool((layer.weight.norm(dim=1) <= 0.5 + 1e-6).all()), round(layer.weight.norm(dim=1).max().item(), 4))
            """
        let result = Run.program(source)
        #expect(result.error == nil, "\(result.error ?? "")")
        #expect(result.output == "1 True\nTrue 0.5\n")
        #expect(Run.errorLine("import torch.nn as nn\nnn.Linear(2, 2, kernel_regularizer=0.01)")
            == "TypeError: Linear.__init__(): argument 'kernel_regularizer' must be a regularizer such as regularizers.l2(0.01), not float")
    }

    /// The first output of PyTorch's seeded Conv2d(1, 2, 3) on arange(16) is 0.3473 (torch 2.15:
    /// `torch.manual_seed(0); nn.Conv2d(1, 2, 3)(torch.arange(16.).reshape(1, 1, 4, 4))[0, 0, 0, 0]`).
    @Test func traceShowsAConvolutionAsAMatrixProduct() {
        let result = Run.program("import torch\nimport torch.nn as nn\ntorch.manual_seed(0)\nconv = nn.Conv2d(1, 2, 3)\ny = trace(conv, torch.arange(16.).reshape(1, 1, 4, 4))")
        #expect(result.error == nil)
        #expect(result.output.contains("3. windows of image 0 as columns (im2col): 9 taps × 4 positions:\n     tensor([[ 0.,  1.,  4.,  5.],"))
        #expect(result.output.contains("4. filters as rows: 2 × 9:"))
        // Long lines break between words at the terminal's width (80 here), under their step.
        #expect(result.output.contains("5. output[0, 0, 0, 0] by hand: w[0] · window 0 + b[0] = -0.0025·0 + 0.1788·1 +\n     -0.2743·2 + … + 0.2643·9 + -0.0296·10 + -0.2260 = 0.3473"))
        #expect(result.output.split(separator: "\n").allSatisfy { $0.count <= 80 })
    }

    @Test func glyphImagesAreADataSetWhoseTransformRunsAtEveryRead() {
        let source = """
            import torch
            from torchvision import datasets, transforms
            from torch.utils.data import DataLoader
            torch.manual_seed(0)
            train = datasets.Glyphs(10, transform=transforms.RandomHorizontalFlip(p=1.0))
            img, label = train[3]
            raw = datasets.Glyphs(10)
            print(len(train), img.shape, type(label).__name__)
            x, y = next(iter(DataLoader(train, batch_size=4)))
            print(x.shape, y.dtype)
            try:
                datasets.MNIST(root='data', download=True)
            except NotImplementedError as e:
                print(e)
            """
        let result = Run.program(source)
        #expect(result.error == nil, "\(result.error ?? "")")
        #expect(result.output == """
            10 torch.Size([1, 8, 8]) int
            torch.Size([4, 1, 8, 8]) torch.int64
            MNIST reads images from files, and regtutor reads no files: use datasets.FakeData(size, image_size, num_classes) or datasets.Glyphs(size) for images to learn from

            """)
    }

    @Test func traceWritesTheWorkedExample() {
        let source = """
            import torch
            import torch.nn as nn
            bn = nn.BatchNorm1d(2)
            y = trace(bn, torch.tensor([[1., 2.], [3., 4.], [5., 8.], [7., 6.]]))
            print(y.shape)
            """
        let output = Run.program(source).output
        #expect(output.hasPrefix("BatchNorm1d(2, eps=1e-05, momentum=0.1, affine=True, bias=True,\ntrack_running_stats=True) — training mode\n"))
        let order = ["batch mean (per channel): tensor([4., 5.])", "biased variance", "x̂ = (x − mean)", "output γ · x̂ + β",
                     "running_mean before: tensor([0., 0.])", "running_var after", "torch.Size([4, 2])"]
        var position = output.startIndex
        for label in order {
            guard let range = output.range(of: label, range: position..<output.endIndex) else {
                Issue.record("'\(label)' missing or out of order in\n\(output)")
                return
            }
            position = range.upperBound
        }
        // A model is traced layer by layer; a plain function still shows its arguments and result.
        let model = Run.program("""
            import torch
            import torch.nn as nn
            torch.manual_seed(0)
            model = nn.Sequential(nn.Linear(2, 2), nn.Dropout(0.5))
            _ = trace(model, torch.ones(1, 2))
            _ = trace(torch.exp, torch.zeros(2))
            """).output
        #expect(model.contains("── (0) Linear(in_features=2, out_features=2, bias=True)"))
        #expect(model.contains("── (1) Dropout(p=0.5, inplace=False)"))
        #expect(model.contains("mask ~ Bernoulli(1 − p = 0.5)"))
        #expect(model.contains("torch.exp(...)\n  1. argument 1: tensor([0., 0.])\n  2. result: tensor([1., 1.])"))
        #expect(Run.errorLine("import torch\ntrace(torch.exp)") == "TypeError: trace() needs the arguments of the call too: trace(layer, x)")
    }

    @Test func fitPrintsRowsStopsAndRestores() {
        let source = """
            import torch
            import torch.nn as nn
            import torch.optim as optim
            import datasets
            from keras import callbacks
            torch.manual_seed(0)
            x, y = datasets.sine(30)
            x_val, y_val = datasets.sine(30)
            model = nn.Sequential(nn.Linear(1, 32), nn.Tanh(), nn.Linear(32, 1))
            es = callbacks.EarlyStopping(patience=5, restore_best_weights=True)
            h = fit(model, nn.MSELoss(), optim.Adam(model.parameters(), lr=0.05), x, y, x_val, y_val, epochs=400, callbacks=[es], verbose=False)
            print(h.stopped_epoch == es.stopped_epoch, h.best_epoch == es.best_epoch, len(h['val_loss']) == es.stopped_epoch + 1)
            print(nn.MSELoss()(model(x_val), y_val).item() == es.best, min(h['val_loss']) == es.best)
            """
        let result = Run.program(source)
        #expect(result.error == nil, "\(result.error ?? "")")
        #expect(result.output == "True True True\nTrue True\n")
        let verbose = Run.program("""
            import torch
            import torch.nn as nn
            import torch.optim as optim
            torch.manual_seed(0)
            x = torch.randn(8, 1)
            model = nn.Linear(1, 1)
            h = fit(model, nn.MSELoss(), optim.SGD(model.parameters(), lr=0.1), x, 2 * x, x, 2 * x, epochs=3)
            """).output
        let lines = verbose.split(separator: "\n")
        #expect(lines.count == 6 && lines[0] == "epoch  train loss  val loss" && lines[4] == "Ran all 3 epochs (no early stopping)." && lines[5].hasPrefix("Lowest val loss"), "\(verbose)")
    }

    @Test func earlyStoppingByHandTakesTensorsAndNumbers() {
        let source = """
            import torch
            from keras import callbacks
            es = callbacks.EarlyStopping(patience=3)
            for epoch, v in enumerate([1.0, 0.8, 0.7, 0.72, 0.69, 0.71, 0.73, 0.74, 0.6]):
                if es.step(torch.tensor(v)):
                    break
            print(epoch, es.stopped_epoch, round(es.best, 4), es.best_epoch, es.wait)
            """
        #expect(Run.program(source).output == "7 7 0.69 4 3\n")
        #expect(Run.errorLine("from keras import callbacks\ncallbacks.EarlyStopping(monitor='val_f1ish')")?.hasPrefix("ValueError: EarlyStopping callback received monitor=val_f1ish") == true)
    }

    @Test func kerasLayersRunInInferenceAloneAndFollowTrainInsideTorchContainers() {
        // Keras: a layer called on its own does nothing unless training=True. Inside an
        // nn.Sequential it follows train()/eval(), as regtutor's README says.
        let source = """
            import torch
            import torch.nn as nn
            from keras import layers
            torch.manual_seed(0)
            noise = layers.GaussianNoise(0.5)
            x = torch.zeros(4)
            print(noise(x), bool((noise(x, training=True) != 0).all()), noise.stddev)
            model = nn.Sequential(nn.Identity(), noise)
            print(bool((model(x) != 0).all()), model[1] is noise)
            model.eval()
            print(model(x))
            """
        let result = Run.program(source)
        #expect(result.error == nil, "\(result.error ?? "")")
        #expect(result.output == "tensor([0., 0., 0., 0.]) True 0.5\nTrue True\ntensor([0., 0., 0., 0.])\n")
    }

    @Test func badArgumentsAreErrorsThatNameTheProblem() {
        let cases: [(String, String)] = [
            ("import torch.nn as nn\nnn.Dropout(1.5)", "ValueError: dropout probability has to be between 0 and 1, but got 1.5"),
            ("import torch\nimport torch.nn as nn\nnn.BatchNorm1d(2)(torch.ones(1, 2))",
             "ValueError: Expected more than 1 value per channel when training, got input size torch.Size([1, 2])"),
            ("import torch\nimport torch.nn as nn\nnn.BatchNorm2d(2)(torch.ones(3, 2))", "ValueError: expected 4D input (got 2D input)"),
            ("import torch\nimport torch.nn as nn\nnn.BatchNorm1d(3)(torch.ones(4, 2))", "RuntimeError: running_mean should contain 2 elements not 3"),
            ("import torch\nimport torchvision.transforms as T\nT.RandomCrop(9)(torch.ones(1, 4, 4))", "ValueError: Required crop size (9, 9) is larger than input image size (4, 4)"),
            ("import torchvision.transforms as T\nT.Pad(1, padding_mode='wrap')", "ValueError: Padding mode should be either constant, edge, reflect or symmetric"),
            ("import torch\nimport torchvision.transforms.functional as TF\nTF.hflip(torch.ones(3))", "TypeError: an image tensor needs at least 2 dimensions (..., H, W), got 1"),
            ("from keras import layers\nlayers.Dropout(2)", "ValueError: Invalid value received for argument `rate`. Expected a float value between 0 and 1. Received: rate=2.0"),
            ("import torch\nimport torch.nn as nn\nnn.utils.clip_grad_norm_([1, 2], 1.0)", "TypeError: clip_grad_norm_ expects tensors (such as model.parameters()), got int"),
            ("import augment\naugment.random_deletion('a b', p=2)", "ValueError: random_deletion: p must be in [0, 1], got 2.0"),
            ("import torch\nimport augment\naugment.speed_change(torch.ones(2, 2), 1.1)", "ValueError: an audio signal is a 1-D tensor of samples, got shape torch.Size([2, 2])"),
            // Absurd sizes and non-finite numbers are errors, never a trap or a huge allocation.
            ("import torch\nimport torchvision.transforms.functional as TF\nTF.resize(torch.ones(1, 4, 4), [100000, 100000])",
             "RuntimeError: a tensor of shape [100000, 100000] is too large: regtutor tensors hold at most 33554432 elements"),
            ("import torch\nimport torchvision.transforms.functional as TF\nTF.rotate(torch.ones(1, 4, 4), float('nan'))",
             "ValueError: the rotation angle must be a finite number of degrees, got nan"),
            ("import torch\nimport torchvision.transforms.functional as TF\nTF.crop(torch.ones(1, 4, 4), 2**62, 0, 2, 2)",
             "ValueError: crop window out of range: [4611686018427387904, 0, 2, 2]"),
            ("import augment\naugment.random_insertion('a good b', n=10**12)", "ValueError: n must be between 0 and 10000, got 1000000000000"),
            ("import torch\nimport torchvision.transforms.functional as TF\nTF.adjust_contrast(torch.ones(2, 3, 3), 0.5)",
             "TypeError: Input image tensor permitted channel values are [1, 3], but found 2"),
        ]
        for (source, expected) in cases {
            #expect(Run.errorLine(source) == expected, "\(source)")
        }
    }

    @Test func proximalStepAndZeroCounts() {
        let source = """
            import torch
            import torch.nn as nn
            w = nn.Parameter(torch.tensor([0.3, -0.05, 0.002, -0.8]))
            print(count_zeros(w), prox_l1_([w], lr=0.1, lam=0.5), w)
            share = sparsity([w])
            """
        let result = Run.program(source)
        #expect(result.error == nil, "\(result.error ?? "")")
        #expect(result.output == """
            0 2 Parameter containing:
            tensor([ 0.2500,  0.0000,  0.0000, -0.7500], requires_grad=True)
            tensor 0  2 of 4 (50.0%) exactly zero
            total     2 of 4 (50.0%) exactly zero

            """)
    }

    @Test func transformsPrintAsTorchvisionPrintsThem() {
        // repr(...) of each, as torchvision 0.29 printed it for the same arguments.
        let source = """
            import torchvision.transforms as T
            for t in [T.RandomRotation(30), T.RandomRotation((-10, 20), fill=0.5), T.RandomCrop(4, padding=2), T.Resize((4, 6)),
                      T.Pad([1, 2], fill=0.5, padding_mode='reflect'), T.RandomResizedCrop(8), T.ColorJitter(0.2),
                      T.RandomErasing(value='random'), T.Normalize((0.5, 0.4, 0.3), (0.2, 0.2, 0.2)), T.GaussianNoise()]:
                print(t)
            """
        #expect(Run.program(source).output == """
            RandomRotation(degrees=[-30.0, 30.0], interpolation=nearest, expand=False, fill=0)
            RandomRotation(degrees=[-10.0, 20.0], interpolation=nearest, expand=False, fill=0.5)
            RandomCrop(size=(4, 4), padding=2)
            Resize(size=(4, 6), interpolation=bilinear, max_size=None, antialias=True)
            Pad(padding=[1, 2], fill=0.5, padding_mode=reflect)
            RandomResizedCrop(size=(8, 8), scale=(0.08, 1.0), ratio=(0.75, 1.3333), interpolation=bilinear, antialias=True)
            ColorJitter(brightness=(0.8, 1.2), contrast=None, saturation=None, hue=None)
            RandomErasing(p=0.5, scale=(0.02, 0.33), ratio=(0.3, 3.3), value=random, inplace=False)
            Normalize(mean=(0.5, 0.4, 0.3), std=(0.2, 0.2, 0.2))
            GaussianNoise(mean=0.0, sigma=0.1, clip=True)

            """)
    }
}
