import Python
import NeuralNet
import Plotting
import TensorEngine

/// Pictures in the terminal: `plot`, `hist`, `heatmap`, `show` and `scatter`. Each draws at the
/// terminal's width, in colour when allowed and as plain text otherwise, and is kept for
/// `:savefig` in the REPL.
extension Bindings {
    static func plottingFunctions() -> [Builtin] {
        [
            Builtin("", "plot(*series, x=None, labels=None, title=None, xlabel=None, ylabel=None, mark=None, height=12)",
                    doc: "A line chart of one or more series (tensors, lists of numbers, a dict of lists, or the History that fit() returns), with axes, tick labels and a legend. Given a History it draws loss and val_loss per epoch and marks the epoch early stopping kept. mark=k draws a vertical line at x = k. NaN and infinity leave gaps.",
                    example: "history = fit(model, loss_fn, optimizer, x, y, x_val, y_val, epochs=200, callbacks=[es], verbose=False)\nplot(history, title='train vs validation')\nplot([1, 0.5, 0.3, 0.25], [1.1, 0.7, 0.6, 0.65], labels=['train', 'val'], mark=2)") { a, interpreter in
                try interpreter.draw(.line(try lineChart(a, interpreter)))
            },
            Builtin("", "hist(*data, bins=10, range=None, labels=None, overlay=False, title=None)",
                    doc: "A histogram: one row per bin with its edges, a bar and the count. Give one or two tensors, lists or models (a model means all its parameters); two go side by side, or on top of each other with overlay=True. A note counts the values that are exactly zero: L1's pile at zero next to L2's bell.",
                    example: "hist(l1_model, l2_model, bins=15, labels=['L1', 'L2'])\nhist(torch.randn(1000), bins=20)") { a, interpreter in
                guard !a.rest.isEmpty else { throw PythonError(.typeError, "hist() needs the values to count, e.g. hist(model[0].weight)") }
                let labels = try names(a, count: a.rest.count, fallback: a.rest.count == 1 ? ["values"] : ["first", "second"])
                let series = try a.rest.enumerated().map { Histogram.Series(name: labels[$0.offset], values: try numbers(in: $0.element, interpreter)) }
                var range: (Double, Double)?
                if !a.isNone("range") {
                    guard let items = a["range"].tupleItems ?? a["range"].listItems, items.count == 2, let low = items[0].numberValue, let high = items[1].numberValue else {
                        throw a.mistake("range", "a pair (min, max)", a["range"])
                    }
                    range = (low, high)
                }
                return try interpreter.draw(.histogram(try Histogram(series: series, bins: try a.int("bins"), range: range, overlay: try a.bool("overlay"),
                                                                     title: try a.optionalString("title"))))
            },
            Builtin("", "heatmap(t, title=None)",
                    doc: "A matrix as shaded cells with a scale: a weight matrix, a dropout mask (kept and dropped cells plain at a glance), batch-norm statistics. Signed values diverge from white at 0 in colour. Small matrices get row and column numbers; large ones are averaged down to fit.",
                    example: "heatmap(model[0].weight, title='first layer')\nheatmap(drop.last_mask)") { a, interpreter in
                let t = try a.tensor("t")
                let matrix = try t.rank == 3 && t.shape[0] == 1 ? t.squeezed(dim: 0) : t
                guard matrix.rank == 1 || matrix.rank == 2 else {
                    throw PythonError(.valueError, "heatmap() draws a 1-D or 2-D tensor, got shape \(Shape.torchSize(t.shape))")
                }
                let rows = matrix.rank == 2 ? matrix.shape[0] : 1
                let columns = matrix.rank == 2 ? matrix.shape[1] : matrix.shape.first ?? 0
                return try interpreter.draw(.heatmap(try Heatmap(rows: rows, columns: columns, values: matrix.doubles,
                                                                 title: try a.optionalString("title"))))
            },
            Builtin("", "show(images, captions=None, title=None)",
                    doc: "Small images as shaded blocks, side by side with captions: one tensor (H, W), (1, H, W) or (3, H, W), a batch (N, 1, H, W), or a list of them. Values are read in [0, 1] (others are stretched, and a note says so).",
                    example: "img = datasets.glyphs(1)[0][0]\nshow([img, TF.hflip(img), TF.rotate(img, 30)], captions=['original', 'flipped', 'rotated'])") { a, interpreter in
                let images = try pictures(a["images"], interpreter)
                let captions = try names(a, name: "captions", count: images.count, fallback: images.count == 1 ? [""] : images.indices.map { "\($0)" })
                let grid = try ImageGrid(pictures: try zip(images, captions).map { image, caption in
                    try ImageGrid.Picture(channels: image.channels, height: image.height, width: image.width, pixels: image.pixels, caption: caption)
                }, title: try a.optionalString("title"))
                return try interpreter.draw(.images(grid))
            },
            Builtin("", "scatter(x, y=None, c=None, model=None, title=None)",
                    doc: "Points of a 2-D data set, one marker and colour per class c, optionally over the decision regions of a model (its class at the centre of every character cell, computed in eval mode without gradients): the picture of an overfit boundary next to a regularized one. x is an (N, 2) tensor, or give x and y as 1-D.",
                    example: "x, y = datasets.moons(200, noise=0.2)\nscatter(x, c=y, model=model, title='decision boundary')") { a, interpreter in
                try interpreter.draw(.scatter(try scatterPlot(a, interpreter)))
            },
        ]
    }

    /// Names for `count` series: from `labels=` (or `captions=`), else the fallback.
    private static func names(_ a: BoundArguments, name: String = "labels", count: Int, fallback: [String]) throws -> [String] {
        guard !a.isNone(name) else { return (0..<count).map { $0 < fallback.count ? fallback[$0] : "series \($0 + 1)" } }
        guard let items = a[name].tupleItems ?? a[name].listItems, items.count == count else {
            throw PythonError(.valueError, "\(name) must give one name for each of the \(count) series")
        }
        return items.map { if case .string(let s) = $0 { return s } else { return PythonFormat.plainRepr($0) } }
    }

    /// The numbers in a tensor, a list or tuple (of numbers or 0-d tensors) or a model's parameters.
    static func numbers(in value: Value, _ interpreter: Interpreter, depth: Int = 0) throws -> [Double] {
        guard depth < 32 else { throw PythonError(.valueError, "the numbers are nested more than 32 deep (a list that contains itself?)") }
        switch value {
        case .object(let t as TensorObject): return t.tensor.doubles
        case .object(let array as NDArray): return array.elements
        case .int, .float, .bool: return [value.numberValue ?? .nan]
        case .object(let model as ModuleInstance): return model.parameters().flatMap { $0.tensor.doubles }
        default:
            guard let items = value.tupleItems ?? value.listItems else {
                throw PythonError(.typeError, "expected numbers (a tensor, a list or a model), got \(value.typeName)")
            }
            return try items.flatMap { try numbers(in: $0, interpreter, depth: depth + 1) }
        }
    }

    private static func lineChart(_ a: BoundArguments, _ interpreter: Interpreter) throws -> LineChart {
        guard !a.rest.isEmpty else { throw PythonError(.typeError, "plot() needs something to draw, e.g. plot(losses) or plot(history)") }
        let sharedX = a.isNone("x") ? nil : try numbers(in: a["x"], interpreter)
        var series: [LineChart.Series] = []
        var marker: (x: Double, label: String)?
        var xLabel = try a.optionalString("xlabel")
        for value in a.rest {
            switch value {
            case .object(let history as HistoryObject):
                for key in ["loss", "val_loss"] {
                    if let values = try history.record.get(.string(key)) { series.append(.init(name: key, y: try numbers(in: values, interpreter))) }
                }
                if let best = history.bestEpoch {
                    marker = (Double(best), history.stoppedEpoch != nil ? "epoch \(best): the weights early stopping kept" : "epoch \(best): lowest val_loss")
                }
                xLabel = xLabel ?? "epoch"
            case .object(let history as KerasHistoryObject):
                // Keras's History: loss and val_loss, against the epochs fit numbered.
                let epochs = history.history.epochs.map(Double.init)
                for key in ["loss", "val_loss"] {
                    if let values = history.history[key] { series.append(.init(name: key, x: epochs, y: values)) }
                }
                xLabel = xLabel ?? "epoch"
            case .dict(let dict):
                for (key, item) in dict.pairs { series.append(.init(name: PythonFormat.plainRepr(key).trimmingCharacters(in: ["'"]), y: try numbers(in: item, interpreter))) }
            default:
                series.append(.init(name: "", y: try numbers(in: value, interpreter)))
            }
        }
        if !a.isNone("labels") || series.contains(where: { $0.name.isEmpty }) {
            let labels = try names(a, count: series.count, fallback: series.count == 1 ? ["y"] : series.indices.map { "series \($0 + 1)" })
            series = zip(series, labels).map { .init(name: $0.name.isEmpty || !a.isNone("labels") ? $1 : $0.name, y: $0.y) }
        }
        if let sharedX {
            series = try series.map { s in
                guard s.y.count == sharedX.count else { throw PythonError(.valueError, "x has \(sharedX.count) values but '\(s.name)' has \(s.y.count)") }
                return .init(name: s.name, x: sharedX, y: s.y)
            }
        }
        if !a.isNone("mark") {
            let at = try a.double("mark")
            marker = (at, "\(xLabel ?? "x") = \(PythonFormat.plainRepr(a["mark"]))")
        }
        return try LineChart(series: series, title: try a.optionalString("title"), xLabel: xLabel, yLabel: try a.optionalString("ylabel"),
                             marker: marker, height: try a.int("height"))
    }

    private struct Image {
        let channels: Int, height: Int, width: Int
        let pixels: [Double]
    }

    private static func pictures(_ value: Value, _ interpreter: Interpreter, depth: Int = 0) throws -> [Image] {
        if case .object(let array as NDArray) = value {
            return try pictures(.tensor(try Tensor(array.elements.map { Float($0) }, shape: array.shape)), interpreter, depth: depth)
        }
        if let t = value.tensorObject {
            let tensor = t.tensor
            switch tensor.rank {
            case 2: return [Image(channels: 1, height: tensor.shape[0], width: tensor.shape[1], pixels: tensor.doubles)]
            case 3 where tensor.shape[0] == 1 || tensor.shape[0] == 3:
                return [Image(channels: tensor.shape[0], height: tensor.shape[1], width: tensor.shape[2], pixels: tensor.doubles)]
            case 3: return try (0..<tensor.shape[0]).flatMap { try pictures(.tensor(try tensor.index([.single($0)])), interpreter) }
            case 4:
                guard tensor.shape[1] == 1 || tensor.shape[1] == 3 else {
                    throw PythonError(.valueError, "show() draws grey (1 channel) or RGB (3 channels) images, got \(tensor.shape[1]) channels")
                }
                return try (0..<tensor.shape[0]).flatMap { try pictures(.tensor(try tensor.index([.single($0)])), interpreter) }
            default:
                throw PythonError(.valueError, "show() draws images (H, W), (1, H, W), (3, H, W) or a batch of them, got shape \(Shape.torchSize(tensor.shape))")
            }
        }
        // A list (or tuple) of images; strings, numbers and deeper nesting are not pictures.
        guard depth < 2, let items = value.listItems ?? value.tupleItems else {
            throw PythonError(.typeError, "show() draws image tensors or arrays (H, W), (C, H, W), a batch of them or a list of them, got \(value.typeName)")
        }
        guard items.count <= 64 else { throw PythonError(.valueError, "show() draws at most 64 images at once, got \(items.count)") }
        return try items.flatMap { try pictures($0, interpreter, depth: depth + 1) }
    }

    private static func scatterPlot(_ a: BoundArguments, _ interpreter: Interpreter) throws -> ScatterPlot {
        let xs = try numbers(in: a["x"], interpreter)
        let points: [(Double, Double)]
        if a.isNone("y") {
            guard xs.count % 2 == 0 else { throw PythonError(.valueError, "scatter(x) needs an (N, 2) tensor of points, or x and y separately") }
            points = stride(from: 0, to: xs.count, by: 2).map { (xs[$0], xs[$0 + 1]) }
        } else {
            let ys = try numbers(in: a["y"], interpreter)
            guard xs.count == ys.count else { throw PythonError(.valueError, "x and y must have the same length, got \(xs.count) and \(ys.count)") }
            points = Array(zip(xs, ys))
        }
        let labels = a.isNone("c") ? nil : try numbers(in: a["c"], interpreter).map { value -> Int in
            guard value.isFinite, value >= 0, value == value.rounded(), value <= 1000 else {
                throw PythonError(.valueError, "c must hold class numbers 0, 1, 2..., got \(PythonFormat.plainRepr(.float(value)))")
            }
            return Int(saturating: value)
        }
        var plot = try ScatterPlot(points: points, labels: labels, title: try a.optionalString("title"))
        if !a.isNone("model") {
            let centres = plot.cellCenters(width: interpreter.terminalWidth)
            plot.regions = try classes(of: a["model"], at: centres, interpreter)
            plot.regionWidth = interpreter.terminalWidth
        }
        return plot
    }

    /// The model's class at each point: argmax over several outputs, or one output above 0.5
    /// (probabilities) or 0 (logits). Run in eval mode without gradients.
    private static func classes(of model: Value, at points: [(Double, Double)], _ interpreter: Interpreter) throws -> [Int] {
        guard !points.isEmpty else { return [] }
        let input = try Tensor(points.flatMap { [Float($0.0), Float($0.1)] }, shape: [points.count, 2])
        var module: Module?
        if let found = ModuleInstance.module(from: model) { module = found }
        let wasTraining = module?.training ?? false
        module?.eval()
        defer { if wasTraining { module?.train() } }
        let output = try GradMode.withDisabled { () throws -> Tensor in
            let result = try interpreter.call(model, Arguments([.tensor(input)]))
            guard let t = result.tensorObject else { throw PythonError(.typeError, "the model must return a tensor, got \(result.typeName)") }
            return t.tensor
        }
        let perPoint = output.count / points.count
        guard perPoint >= 1, output.count == perPoint * points.count else {
            throw PythonError(.valueError, "the model gave \(output.count) numbers for \(points.count) points")
        }
        if perPoint == 1 {
            let values = output.doubles
            let probabilities = values.allSatisfy { $0 >= 0 && $0 <= 1 }
            return values.map { $0 > (probabilities ? 0.5 : 0) ? 1 : 0 }
        }
        let values = output.doubles
        return (0..<points.count).map { i in
            let row = values[(i * perPoint)..<((i + 1) * perPoint)]
            return (row.indices.max { row[$0] < row[$1] } ?? i * perPoint) - i * perPoint
        }
    }
}

extension Interpreter {
    /// Draws a picture at the terminal's width and keeps it for `:savefig`. Returns None.
    func draw(_ figure: Figure) throws -> Value {
        let text = try figure.render(width: terminalWidth, style: Style(colors: colors))
        output(text + "\n")
        lastFigure = figure
        return .none
    }
}
