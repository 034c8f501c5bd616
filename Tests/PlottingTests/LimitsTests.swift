import Foundation
import Testing
import TensorEngine
@testable import Plotting

/// Every picture fits any terminal from 40 to 200 columns, prints no escape code without
/// colour, and odd inputs give a sensible picture or a clear error.
struct LimitsTests {
    static func figures() throws -> [Figure] {
        let wave = (0..<300).map { sin(Double($0) / 20) }
        let chart = try LineChart(series: [.init(name: "train loss", y: wave), .init(name: "validation loss", y: wave.map { $0 * 0.5 + 0.2 })],
                                  title: "a rather long title for a small chart", xLabel: "epoch", marker: (120, "best epoch 120"))
        let histogram = try Histogram(series: [.init(name: "L1", values: wave), .init(name: "L2", values: wave.map { $0 * 1e4 })], bins: 30)
        let heatmap = try Heatmap(rows: 64, columns: 300, values: (0..<(64 * 300)).map { Double($0 % 17) - 8 })
        let images = try ImageGrid(pictures: (0..<5).map { k in
            try .init(channels: k % 2 == 0 ? 1 : 3, height: 28, width: 28, pixels: (0..<(28 * 28 * (k % 2 == 0 ? 1 : 3))).map { Double($0 % 7) / 6 }, caption: "image number \(k)")
        })
        var scatter = try ScatterPlot(points: (0..<200).map { (cos(Double($0)), sin(Double($0) * 1.3) * 100) }, labels: (0..<200).map { $0 % 3 })
        scatter.regions = scatter.cellCenters(width: 200).map { $0.0 > 0 ? 1 : 0 }
        scatter.regionWidth = 200
        return [.line(chart), .histogram(histogram), .heatmap(heatmap), .images(images), .scatter(scatter)]
    }

    @Test func everyPictureFitsWidthsFrom40To200() throws {
        for (index, figure) in try Self.figures().enumerated() {
            for width in [40, 41, 57, 80, 99, 120, 161, 200] {
                for colors in [false, true] {
                    let text = try figure.render(width: width, style: Style(colors: colors))
                    for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
                        #expect(Style.visibleWidth(String(line)) <= width, "figure \(index) at \(width): \(line)")
                    }
                    #expect(text.contains("\u{1B}") == colors, "escape codes must appear exactly when colour is on")
                }
            }
        }
    }

    @Test func tooNarrowIsAnErrorNotACrash() throws {
        for (index, figure) in try Self.figures().enumerated() {
            for width in [-3, 0, 1, 5, 19] {
                #expect(throws: TensorError.self) { try figure.render(width: width, style: Style(colors: false)) }
            }
            // Between 20 and 40 columns a picture is drawn if it fits, or the error says why.
            for width in 20..<40 {
                do {
                    let text = try figure.render(width: width, style: Style(colors: false))
                    for line in text.split(separator: "\n") { #expect(Style.visibleWidth(String(line)) <= width, "figure \(index) at \(width)") }
                } catch let error as TensorError {
                    #expect(error.message.contains("columns"), "\(error.message)")
                }
            }
        }
    }

    @Test func degenerateInputs() throws {
        #expect(throws: TensorError.self) { try LineChart(series: [.init(name: "y", y: [])]) }
        #expect(throws: TensorError.self) { try LineChart(series: [.init(name: "y", y: [.nan, .infinity])]) }
        #expect(throws: TensorError.self) { try Histogram(series: [.init(name: "h", values: [])]) }
        #expect(throws: TensorError.self) { try Histogram(series: [.init(name: "h", values: [.nan])]) }
        #expect(throws: TensorError.self) { try Heatmap(rows: 0, columns: 3, values: []) }
        #expect(throws: TensorError.self) { try ImageGrid(pictures: []) }
        #expect(throws: TensorError.self) { try ScatterPlot(points: [(.nan, 1)]) }
        // One value, all equal, NaN gaps and infinities still draw.
        let one = try LineChart(series: [.init(name: "y", y: [3])]).render(width: 60, style: Style(colors: false))
        #expect(one.contains("3.0 ┤") && one.unicodeScalars.filter { $0.value > 0x2800 && $0.value <= 0x28FF }.count >= 2)
        let flat = try LineChart(series: [.init(name: "y", y: [2, 2, 2])]).render(width: 60, style: Style(colors: false))
        #expect(flat.contains("2.0 ┤⠉⠉"))
        let gap = try LineChart(series: [.init(name: "y", y: [1, .nan, 3, .infinity, 5])]).render(width: 60, style: Style(colors: false))
        #expect(gap.contains("5 ┤"))
        let equal = try Histogram(series: [.init(name: "h", values: [5, 5, 5, .nan])], bins: 3).render(width: 60, style: Style(colors: false))
        #expect(equal.contains("[4.667, 5.333)") && equal.contains("1 NaN or infinite value left out"))
        let constant = try Heatmap(rows: 1, columns: 2, values: [0.5, 0.5]).render(width: 60, style: Style(colors: false))
        #expect(constant.contains("all values are 0.5"))
        let holes = try Heatmap(rows: 1, columns: 3, values: [.nan, 1, .infinity]).render(width: 60, style: Style(colors: false))
        #expect(holes.contains("××"))
        let stretched = try ImageGrid(pictures: [try .init(channels: 1, height: 1, width: 2, pixels: [-1, 1], caption: "norm")]).render(width: 60, style: Style(colors: false))
        #expect(stretched.contains("│  ██│") && stretched.contains("norm: [-1.00, 1.00] stretched"))
    }

    @Test func svgDocumentsHoldThePicture() throws {
        let figures = try Self.figures()
        for figure in figures {
            let svg = figure.svg()
            #expect(svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\""))
            #expect(svg.hasSuffix("</svg>\n"))
            #expect(!svg.contains("nan") && !svg.contains("inf"))
        }
        #expect(figures[0].svg().components(separatedBy: "<polyline").count - 1 == 2)
        #expect(figures[0].svg().contains("stroke-dasharray"))
        let small = try Heatmap(rows: 2, columns: 3, values: [1, 0, 1, 0, 1, 1])
        #expect(Figure.heatmap(small).svg().components(separatedBy: "fill=\"rgb(").count - 1 == 6 + 20)
        #expect(Figure.line(try LineChart(series: [.init(name: "a<b", y: [1, 2])])).svg().contains("a&lt;b"))
    }
}
