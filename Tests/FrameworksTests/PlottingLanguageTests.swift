import Testing
@testable import Frameworks
@testable import Python

/// plot, hist, heatmap, show and scatter as a student calls them.
struct PlottingLanguageTests {
    @Test func plotOfAHistoryMarksTheEpochEarlyStoppingKept() {
        let session = Interpreter.withFrameworks()
        session.terminalWidth = 60
        let result = Run.program("""
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
            plot(h, title='train vs validation')
            """, in: session)
        #expect(result.error == nil, "\(result.error ?? "")")
        let lines = result.output.split(separator: "\n")
        #expect(lines.first?.contains("train vs validation") == true)
        #expect(result.output.contains("  ** loss   oo val_loss\n  │ epoch ") && result.output.contains(": the weights early stopping kept"))
        #expect(result.output.contains("epoch"))
        #expect(lines.allSatisfy { $0.count <= 60 } && !result.output.contains("\u{1B}"))
        #expect(session.lastFigure != nil)
    }

    @Test func everyFunctionDrawsFromTheLanguage() {
        let session = Interpreter.withFrameworks()
        session.terminalWidth = 80
        session.colors = true
        let result = Run.program("""
            import torch
            import torch.nn as nn
            import datasets
            torch.manual_seed(0)
            plot([1, 0.5, 0.3, 0.25], [1.1, 0.7, 0.6, 0.65], labels=['train', 'val'], mark=2)
            plot({'a': [1, 2, 3]}, x=[10, 20, 30])
            hist(nn.Linear(4, 4), torch.randn(16) * 0.1, labels=['init', 'noise'], overlay=True)
            heatmap(torch.eye(3), title='identity')
            g, labels = datasets.glyphs(2)
            show(g, captions=['first', 'second'])
            x, y = datasets.moons(50)
            scatter(x, c=y, model=nn.Linear(2, 2))
            """, in: session)
        #expect(result.error == nil, "\(result.error ?? "")")
        #expect(result.output.contains("\u{1B}[38;5;33m"))
        #expect(result.output.contains("first") && result.output.contains("second") && result.output.contains("identity"))
        #expect(result.output.contains("background (the model's class):"))
    }

    @Test func badInputIsAnErrorThatSaysWhat() {
        let cases: [(String, String)] = [
            ("plot()", "TypeError: plot() needs something to draw, e.g. plot(losses) or plot(history)"),
            ("plot([])", "ValueError: plot() needs at least one value to draw"),
            ("plot([float('nan')])", "ValueError: plot() has nothing to draw: every value is NaN or infinite"),
            ("plot([1, 2], [3], labels=['a'])", "ValueError: labels must give one name for each of the 2 series"),
            ("plot(['a'])", "TypeError: expected numbers (a tensor, a list or a model), got str"),
            ("hist([1, 2], bins=1000)", "ValueError: bins must be between 1 and 100, got 1000"),
            ("import torch\nheatmap(torch.zeros(2, 2, 2))", "ValueError: heatmap() draws a 1-D or 2-D tensor, got shape torch.Size([2, 2, 2])"),
            ("import torch\nshow(torch.zeros(2, 2, 4, 4))", "ValueError: show() draws grey (1 channel) or RGB (3 channels) images, got 2 channels"),
            ("import torch\nshow(torch.zeros(5))", "ValueError: show() draws images (H, W), (1, H, W), (3, H, W) or a batch of them, got shape torch.Size([5])"),
            ("import torch\nscatter(torch.zeros(4, 2), c=[0, 1])", "ValueError: c must give one class per point: 2 classes for 4 points"),
            ("import torch\nscatter(torch.zeros(2, 2), c=[0.5, 1])", "ValueError: c must hold class numbers 0, 1, 2..., got 0.5"),
        ]
        for (source, expected) in cases {
            #expect(Run.errorLine(source) == expected, "\(source)")
        }
        let narrow = Interpreter.withFrameworks()
        narrow.terminalWidth = 10
        #expect(Run.errorLine("plot([1, 2])", in: narrow) == "ValueError: pictures need at least 20 columns, the terminal has 10")
    }
}
