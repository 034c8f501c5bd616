import Testing
import NeuralNet
import TensorEngine
@testable import Regularization

/// Each case ran through keras.callbacks.EarlyStopping (Keras 3.15) with the same values:
/// (epoch it stopped at, stopped_epoch, best, best_epoch, wait).
struct EarlyStoppingTests {
    let values = [1.0, 0.8, 0.7, 0.72, 0.69, 0.71, 0.73, 0.74, 0.6]

    func run(_ values: [Double], _ es: EarlyStopping) throws -> (Int?, Int, Double?, Int, Int) {
        for (epoch, value) in values.enumerated() where try es.step(value) {
            return (epoch, es.stoppedEpoch, es.best, es.bestEpoch, es.wait)
        }
        return (nil, es.stoppedEpoch, es.best, es.bestEpoch, es.wait)
    }

    @Test func kerasCases() throws {
        let cases: [(EarlyStopping, (Int?, Int, Double?, Int, Int))] = [
            (try EarlyStopping(patience: 3), (7, 7, 0.69, 4, 3)),
            (try EarlyStopping(patience: 0), (3, 3, 0.7, 2, 1)),
            (try EarlyStopping(minDelta: 0.05, patience: 2), (4, 4, 0.7, 2, 2)),
            (try EarlyStopping(patience: 2, baseline: 0.5), (3, 3, 0.7, 2, 4)),
            (try EarlyStopping(patience: 1, startFromEpoch: 3), (5, 5, 0.69, 4, 1)),
        ]
        for (es, expected) in cases {
            let result = try run(values, es)
            #expect(result.0 == expected.0 && result.1 == expected.1 && result.2 == expected.2 && result.3 == expected.3 && result.4 == expected.4,
                    "\(es): \(result) vs \(expected)")
        }
        let accuracy = [0.5, 0.6, 0.65, 0.64, 0.66, 0.63, 0.62]
        let maxCases: [(EarlyStopping, (Int?, Int, Double?, Int, Int))] = [
            (try EarlyStopping(monitor: "val_accuracy", patience: 2), (6, 6, 0.66, 4, 2)),
            (try EarlyStopping(monitor: "val_accuracy", minDelta: 0.02, patience: 2, mode: "max"), (4, 4, 0.65, 2, 2)),
        ]
        for (es, expected) in maxCases {
            let result = try run(accuracy, es)
            #expect(result.0 == expected.0 && result.2 == expected.2 && result.3 == expected.3 && result.4 == expected.4, "\(es): \(result)")
        }
        let never = try run([0.3, 0.2, 0.25], try EarlyStopping(patience: 5))
        #expect(never.0 == nil && never.1 == 0 && never.2 == 0.2 && never.3 == 1 && never.4 == 1)
    }

    @Test func unknownDirectionIsKerasError() {
        #expect(throws: TensorError.self) { try EarlyStopping(monitor: "val_f1ish") }
        #expect(throws: TensorError.self) { try EarlyStopping(mode: "smallest") }
    }

    @Test func restoresTheBestWeightsWhenItStops() throws {
        let layer = try Linear(1, 1, generator: RandomGenerator(seed: 0))
        let es = try EarlyStopping(patience: 1, restoreBestWeights: true)
        var stopped = false
        for (epoch, value) in [0.5, 0.3, 0.4, 0.45].enumerated() {
            try layer.weight.overwrite(with: try Tensor([[Float(epoch)]]))
            if try es.step(value, model: layer) {
                stopped = true
                break
            }
        }
        #expect(stopped && es.stoppedEpoch == 2 && es.bestEpoch == 1)
        expectValues(layer.weight.tensor, [1])
        #expect(es.table.contains("Stopped at epoch 2"))
        #expect(es.verdict.contains("the model holds the weights of epoch 1"))
    }
}
