import Foundation
import Testing
@testable import Plotting

/// Golden renderings: fixed inputs drawn at a fixed width, in both colour modes. They were
/// checked by eye in an 80-column terminal; a change to a picture must be looked at again.
struct GoldenTests {
    static let chart = try! LineChart(
        series: [.init(name: "train", y: [1.0, 0.6, 0.4, 0.3, 0.25, 0.22]), .init(name: "val", y: [1.1, 0.7, 0.55, 0.5, 0.52, 0.6])],
        title: "loss", xLabel: "epoch", marker: (3, "best epoch 3"), height: 6)
    static let l1 = Histogram.Series(name: "L1", values: [0, 0, 0, 0.1, -0.2, 0.3, 0])
    static let l2 = Histogram.Series(name: "L2", values: [0.05, -0.1, 0.12, 0.2, -0.15, 0.01, 0.02])
    static let mask = try! Heatmap(rows: 2, columns: 3, values: [1, 0, 1, 0, 1, 1], title: "mask")
    static let images = try! ImageGrid(pictures: [try! .init(channels: 1, height: 2, width: 2, pixels: [0, 1, 0.5, 0.25], caption: "a"),
                                                  try! .init(channels: 3, height: 1, width: 2, pixels: [1, 0, 0, 1, 0, 0], caption: "rgb")])

    @Test func lineChart() throws {
        #expect(try Self.chart.render(width: 44, style: Style(colors: false)) == """
                                loss
            1.5 ┤                       │
                │oo                     │
            1.0 ┤**oooo                 │
            0.5 ┤    **ooooooooooooooooooooooooooooooooo
                │            ***************************
              0 ┤                       │
                └┬──────────────┬──────────────┬────────
                 0              2              4
                               epoch
              ** train   oo val   │ best epoch 3
            """)
        #expect(try Self.chart.render(width: 44, style: Style(colors: true)) == "\u{1B}[1m                    loss\u{1B}[0m\n\u{1B}[2m1.5 ┤\u{1B}[0m                       \u{1B}[38;5;160m│\u{1B}[0m\n\u{1B}[2m    │\u{1B}[0m\u{1B}[38;5;208m⠤\u{1B}[0m\u{1B}[38;5;208m⣀\u{1B}[0m                     \u{1B}[38;5;160m│\u{1B}[0m\n\u{1B}[2m1.0 ┤\u{1B}[0m\u{1B}[38;5;33m⠉\u{1B}[0m\u{1B}[38;5;33m⠒\u{1B}[0m\u{1B}[38;5;208m⠭\u{1B}[0m\u{1B}[38;5;208m⢕\u{1B}[0m\u{1B}[38;5;208m⡢\u{1B}[0m\u{1B}[38;5;208m⠤\u{1B}[0m\u{1B}[38;5;208m⣀\u{1B}[0m                \u{1B}[38;5;160m│\u{1B}[0m\n\u{1B}[2m0.5 ┤\u{1B}[0m    \u{1B}[38;5;33m⠈\u{1B}[0m\u{1B}[38;5;33m⠉\u{1B}[0m\u{1B}[38;5;33m⠒\u{1B}[0m\u{1B}[38;5;208m⠭\u{1B}[0m\u{1B}[38;5;208m⠭\u{1B}[0m\u{1B}[38;5;208m⣒\u{1B}[0m\u{1B}[38;5;208m⣒\u{1B}[0m\u{1B}[38;5;208m⡢\u{1B}[0m\u{1B}[38;5;208m⠤\u{1B}[0m\u{1B}[38;5;208m⠤\u{1B}[0m\u{1B}[38;5;208m⢄\u{1B}[0m\u{1B}[38;5;208m⣀\u{1B}[0m\u{1B}[38;5;208m⣀\u{1B}[0m\u{1B}[38;5;208m⣀\u{1B}[0m\u{1B}[38;5;208m⣀\u{1B}[0m\u{1B}[38;5;208m⣀\u{1B}[0m\u{1B}[38;5;208m⣀\u{1B}[0m\u{1B}[38;5;208m⣀\u{1B}[0m\u{1B}[38;5;208m⣀\u{1B}[0m\u{1B}[38;5;208m⣀\u{1B}[0m\u{1B}[38;5;208m⣀\u{1B}[0m\u{1B}[38;5;208m⣀\u{1B}[0m\u{1B}[38;5;208m⣀\u{1B}[0m\u{1B}[38;5;208m⣀\u{1B}[0m\u{1B}[38;5;208m⣀\u{1B}[0m\u{1B}[38;5;208m⣀\u{1B}[0m\u{1B}[38;5;208m⣀\u{1B}[0m\u{1B}[38;5;208m⣀\u{1B}[0m\u{1B}[38;5;208m⣀\u{1B}[0m\u{1B}[38;5;208m⣀\u{1B}[0m\u{1B}[38;5;208m⣀\u{1B}[0m\u{1B}[38;5;208m⠤\u{1B}[0m\u{1B}[38;5;208m⠤\u{1B}[0m\u{1B}[38;5;208m⠤\u{1B}[0m\u{1B}[38;5;208m⠤\u{1B}[0m\n\u{1B}[2m    │\u{1B}[0m           \u{1B}[38;5;33m⠈\u{1B}[0m\u{1B}[38;5;33m⠉\u{1B}[0m\u{1B}[38;5;33m⠉\u{1B}[0m\u{1B}[38;5;33m⠑\u{1B}[0m\u{1B}[38;5;33m⠒\u{1B}[0m\u{1B}[38;5;33m⠒\u{1B}[0m\u{1B}[38;5;33m⠒\u{1B}[0m\u{1B}[38;5;33m⠒\u{1B}[0m\u{1B}[38;5;33m⠢\u{1B}[0m\u{1B}[38;5;33m⠤\u{1B}[0m\u{1B}[38;5;33m⠤\u{1B}[0m\u{1B}[38;5;33m⠤\u{1B}[0m\u{1B}[38;5;33m⠤\u{1B}[0m\u{1B}[38;5;33m⠤\u{1B}[0m\u{1B}[38;5;33m⠤\u{1B}[0m\u{1B}[38;5;33m⠤\u{1B}[0m\u{1B}[38;5;33m⣀\u{1B}[0m\u{1B}[38;5;33m⣀\u{1B}[0m\u{1B}[38;5;33m⣀\u{1B}[0m\u{1B}[38;5;33m⣀\u{1B}[0m\u{1B}[38;5;33m⣀\u{1B}[0m\u{1B}[38;5;33m⣀\u{1B}[0m\u{1B}[38;5;33m⣀\u{1B}[0m\u{1B}[38;5;33m⣀\u{1B}[0m\n\u{1B}[2m  0 ┤\u{1B}[0m                       \u{1B}[38;5;160m│\u{1B}[0m           \u{1B}[38;5;33m⠉\u{1B}[0m\u{1B}[38;5;33m⠉\u{1B}[0m\u{1B}[38;5;33m⠉\u{1B}[0m\u{1B}[38;5;33m⠉\u{1B}[0m\n\u{1B}[2m    └┬──────────────┬──────────────┬────────\u{1B}[0m\n\u{1B}[2m     0              2              4\u{1B}[0m\n\u{1B}[2m                   epoch\u{1B}[0m\n  \u{1B}[38;5;33m──\u{1B}[0m train   \u{1B}[38;5;208m──\u{1B}[0m val   \u{1B}[38;5;160m│\u{1B}[0m best epoch 3")
    }

    @Test func histogramSideBySideAndOverlaid() throws {
        #expect(try Histogram(series: [Self.l1, Self.l2], bins: 4).render(width: 50, style: Style(colors: false)) == """
            [-0.200, -0.075)  ███          1 │ ██████       2
             [-0.075, 0.050)  ████████████ 4 │ ██████       2
              [0.050, 0.175)  ███          1 │ ██████       2
              [0.175, 0.300]  ███          1 │ ███          1
              █ L1   █ L2
              exactly zero: L1 4 of 7, L2 0 of 7
            """)
        #expect(try Histogram(series: [Self.l1, Self.l2], bins: 4, overlay: true).render(width: 50, style: Style(colors: true)) == "[-0.200, -0.075)  \u{1B}[38;5;33;48;5;208m▀\u{1B}[0m\u{1B}[38;5;33;48;5;208m▀\u{1B}[0m\u{1B}[38;5;33;48;5;208m▀\u{1B}[0m\u{1B}[38;5;33;48;5;208m▀\u{1B}[0m\u{1B}[38;5;33;48;5;208m▀\u{1B}[0m\u{1B}[38;5;33;48;5;208m▀\u{1B}[0m\u{1B}[38;5;33;48;5;208m▀\u{1B}[0m\u{1B}[38;5;208m▄\u{1B}[0m\u{1B}[38;5;208m▄\u{1B}[0m\u{1B}[38;5;208m▄\u{1B}[0m\u{1B}[38;5;208m▄\u{1B}[0m\u{1B}[38;5;208m▄\u{1B}[0m\u{1B}[38;5;208m▄\u{1B}[0m\u{1B}[38;5;208m▄\u{1B}[0m              \u{1B}[38;5;33m1\u{1B}[0m \u{1B}[38;5;208m2\u{1B}[0m\n [-0.075, 0.050)  \u{1B}[38;5;33;48;5;208m▀\u{1B}[0m\u{1B}[38;5;33;48;5;208m▀\u{1B}[0m\u{1B}[38;5;33;48;5;208m▀\u{1B}[0m\u{1B}[38;5;33;48;5;208m▀\u{1B}[0m\u{1B}[38;5;33;48;5;208m▀\u{1B}[0m\u{1B}[38;5;33;48;5;208m▀\u{1B}[0m\u{1B}[38;5;33;48;5;208m▀\u{1B}[0m\u{1B}[38;5;33;48;5;208m▀\u{1B}[0m\u{1B}[38;5;33;48;5;208m▀\u{1B}[0m\u{1B}[38;5;33;48;5;208m▀\u{1B}[0m\u{1B}[38;5;33;48;5;208m▀\u{1B}[0m\u{1B}[38;5;33;48;5;208m▀\u{1B}[0m\u{1B}[38;5;33;48;5;208m▀\u{1B}[0m\u{1B}[38;5;33;48;5;208m▀\u{1B}[0m\u{1B}[38;5;33m▀\u{1B}[0m\u{1B}[38;5;33m▀\u{1B}[0m\u{1B}[38;5;33m▀\u{1B}[0m\u{1B}[38;5;33m▀\u{1B}[0m\u{1B}[38;5;33m▀\u{1B}[0m\u{1B}[38;5;33m▀\u{1B}[0m\u{1B}[38;5;33m▀\u{1B}[0m\u{1B}[38;5;33m▀\u{1B}[0m\u{1B}[38;5;33m▀\u{1B}[0m\u{1B}[38;5;33m▀\u{1B}[0m\u{1B}[38;5;33m▀\u{1B}[0m\u{1B}[38;5;33m▀\u{1B}[0m\u{1B}[38;5;33m▀\u{1B}[0m \u{1B}[38;5;33m4\u{1B}[0m \u{1B}[38;5;208m2\u{1B}[0m\n  [0.050, 0.175)  \u{1B}[38;5;33;48;5;208m▀\u{1B}[0m\u{1B}[38;5;33;48;5;208m▀\u{1B}[0m\u{1B}[38;5;33;48;5;208m▀\u{1B}[0m\u{1B}[38;5;33;48;5;208m▀\u{1B}[0m\u{1B}[38;5;33;48;5;208m▀\u{1B}[0m\u{1B}[38;5;33;48;5;208m▀\u{1B}[0m\u{1B}[38;5;33;48;5;208m▀\u{1B}[0m\u{1B}[38;5;208m▄\u{1B}[0m\u{1B}[38;5;208m▄\u{1B}[0m\u{1B}[38;5;208m▄\u{1B}[0m\u{1B}[38;5;208m▄\u{1B}[0m\u{1B}[38;5;208m▄\u{1B}[0m\u{1B}[38;5;208m▄\u{1B}[0m\u{1B}[38;5;208m▄\u{1B}[0m              \u{1B}[38;5;33m1\u{1B}[0m \u{1B}[38;5;208m2\u{1B}[0m\n  [0.175, 0.300]  \u{1B}[38;5;33;48;5;208m▀\u{1B}[0m\u{1B}[38;5;33;48;5;208m▀\u{1B}[0m\u{1B}[38;5;33;48;5;208m▀\u{1B}[0m\u{1B}[38;5;33;48;5;208m▀\u{1B}[0m\u{1B}[38;5;33;48;5;208m▀\u{1B}[0m\u{1B}[38;5;33;48;5;208m▀\u{1B}[0m\u{1B}[38;5;33;48;5;208m▀\u{1B}[0m                     \u{1B}[38;5;33m1\u{1B}[0m \u{1B}[38;5;208m1\u{1B}[0m\n  \u{1B}[38;5;33m▀\u{1B}[0m L1   \u{1B}[38;5;208m▄\u{1B}[0m L2\n  exactly zero: L1 4 of 7, L2 0 of 7")
    }

    @Test func heatmapOfADropoutMask() throws {
        #expect(try Self.mask.render(width: 40, style: Style(colors: false)) == """
              mask
               0 1 2
            0 ██  ██
            1   ████
              scale: ' ' 0   ░ 0.25   ▒ 0.50
              ▓ 0.75   █ 1.00
            """)
        #expect(try Self.mask.render(width: 40, style: Style(colors: true)) == "\u{1B}[1m  mask\u{1B}[0m\n\u{1B}[2m   0 1 2\u{1B}[0m\n\u{1B}[2m0 \u{1B}[0m\u{1B}[48;2;255;255;255m  \u{1B}[0m\u{1B}[48;2;20;20;20m  \u{1B}[0m\u{1B}[48;2;255;255;255m  \u{1B}[0m\n\u{1B}[2m1 \u{1B}[0m\u{1B}[48;2;20;20;20m  \u{1B}[0m\u{1B}[48;2;255;255;255m  \u{1B}[0m\u{1B}[48;2;255;255;255m  \u{1B}[0m\n  0 \u{1B}[48;2;20;20;20m \u{1B}[0m\u{1B}[48;2;41;41;41m \u{1B}[0m\u{1B}[48;2;62;62;62m \u{1B}[0m\u{1B}[48;2;84;84;84m \u{1B}[0m\u{1B}[48;2;105;105;105m \u{1B}[0m\u{1B}[48;2;126;126;126m \u{1B}[0m\u{1B}[48;2;148;148;148m \u{1B}[0m\u{1B}[48;2;169;169;169m \u{1B}[0m\u{1B}[48;2;190;190;190m \u{1B}[0m\u{1B}[48;2;212;212;212m \u{1B}[0m\u{1B}[48;2;233;233;233m \u{1B}[0m\u{1B}[48;2;255;255;255m \u{1B}[0m 1.00")
    }

    @Test func imagesSideBySideWithCaptions() throws {
        #expect(try Self.images.render(width: 40, style: Style(colors: false)) == """
            ┌────┐  ┌────┐
            │  ██│  │░░▒▒│
            │▒▒░░│  └────┘
            └────┘
              a      rgb
            """)
        #expect(try Self.images.render(width: 40, style: Style(colors: true)) == "\u{1B}[48;2;0;0;0m  \u{1B}[0m\u{1B}[48;2;255;255;255m  \u{1B}[0m  \u{1B}[48;2;255;0;0m  \u{1B}[0m\u{1B}[48;2;0;255;0m  \u{1B}[0m\n\u{1B}[48;2;128;128;128m  \u{1B}[0m\u{1B}[48;2;64;64;64m  \u{1B}[0m\n a    rgb")
    }

    @Test func scatterOverDecisionRegions() throws {
        var scatter = try ScatterPlot(points: [(0, 0), (1, 1), (0, 1), (1, 0)], labels: [0, 1, 1, 0])
        scatter.regions = scatter.cellCenters(width: 40).map { $0.1 > 0.5 ? 1 : 0 }
        scatter.regionWidth = 40
        #expect(try scatter.render(width: 40, style: Style(colors: false)) == """
             1.5 ┤··································
                 │··································
                 │··································
             1.0 ┤····o························o····
                 │··································
                 │··································
             0.5 ┤
                 │
                 │
               0 ┤    *                        *
                 │
                 │
            -0.5 ┤
                 └┬───┬────┬────┬────┬────┬────┬───┬
                -0.2  0   0.2  0.4  0.6  0.8  1.0
              * class 0   o class 1
              background (the model's class):
              ' ' 0   '·' 1
            """)
    }
}
