import Python
import Regularization
import TensorEngine

/// `augment`: regtutor's augmentations beyond images (text, audio, video) and mixup. Every
/// random choice comes from torch's generator, so `torch.manual_seed` makes them repeatable.
extension Bindings {
    static func augmentFunctions() -> [Builtin] {
        func text(_ signature: String, doc: String, example: String, _ body: @escaping (TextAugmentation, BoundArguments) throws -> String) -> Builtin {
            Builtin("augment", signature, doc: doc + " (EDA, Wei & Zou 2019; regtutor's thesaurus is small: augment.THESAURUS lists it.)", example: example) { a, interpreter in
                .string(try body(TextAugmentation(generator: interpreter.generator), a))
            }
        }
        func count(_ a: BoundArguments) throws -> Int { try a.int("n") }
        return [
            text("synonym_replacement(sentence, n=1)", doc: "Replaces up to n different words that have a synonym, each by a random synonym.",
                 example: "augment.synonym_replacement('the movie was good', n=1)") { eda, a in
                try eda.synonymReplacement(try a.string("sentence"), count: try count(a))
            },
            text("random_insertion(sentence, n=1)", doc: "n times, inserts a synonym of a random word at a random place.",
                 example: "augment.random_insertion('the movie was good', n=1)") { eda, a in
                try eda.randomInsertion(try a.string("sentence"), count: try count(a))
            },
            text("random_swap(sentence, n=1)", doc: "n times, swaps the words at two random places.", example: "augment.random_swap('the movie was good', n=2)") { eda, a in
                try eda.randomSwap(try a.string("sentence"), count: try count(a))
            },
            text("random_deletion(sentence, p=0.1)", doc: "Deletes each word with probability p, keeping at least one.",
                 example: "augment.random_deletion('the movie was really very good', p=0.3)") { eda, a in
                try eda.randomDeletion(try a.string("sentence"), p: try a.double("p"))
            },
            Builtin("augment", "time_shift(signal, shift, roll=False)",
                    doc: "Moves a 1-D signal `shift` samples later (earlier if negative); the gap is silence, or with roll=True the samples that fall off come back at the other end.",
                    example: "augment.time_shift(torch.arange(6.), 2)") { a, _ in
                .tensor(try AudioAugmentation.timeShift(try a.tensor("signal"), shift: try a.int("shift"), roll: try a.bool("roll")))
            },
            Builtin("augment", "add_noise(signal, snr_db)",
                    doc: "Adds Gaussian noise scaled so that the signal-to-noise ratio is snr_db decibels: 10 * log10(mean(s²) / mean(noise²)) = snr_db. 20 dB is faint, 0 dB as loud as the signal.",
                    example: "t = torch.linspace(0, 1, 100)\nnoisy = augment.add_noise(torch.sin(2 * math.pi * 5 * t), snr_db=10)") { a, interpreter in
                .tensor(try AudioAugmentation.addNoise(try a.tensor("signal"), snrDB: try a.double("snr_db"), generator: interpreter.generator, trace: interpreter.activeTrace))
            },
            Builtin("augment", "speed_change(signal, factor)",
                    doc: "Plays a 1-D signal `factor` times faster by resampling with linear interpolation: round(n / factor) samples (0.9, 1.0 and 1.1 are the classic choices).",
                    example: "augment.speed_change(torch.arange(10.), 2.0)") { a, _ in
                .tensor(try AudioAugmentation.speedChange(try a.tensor("signal"), factor: try a.double("factor")))
            },
            Builtin("augment", "frame_skip(video, step=2, offset=0)", doc: "Every step-th frame of a video (T x H x W or T x C x H x W), starting at offset.",
                    example: "augment.frame_skip(torch.rand(8, 4, 4), step=2).shape") { a, _ in
                .tensor(try VideoAugmentation.frameSkip(try a.tensor("video"), step: try a.int("step"), offset: try a.int("offset")))
            },
            Builtin("augment", "frame_brightness(video, low=0.8, high=1.2)",
                    doc: "Multiplies each frame by its own factor drawn from U(low, high) and clamps to [0, 1], like flickering light. Returns (video, factors).",
                    example: "video, factors = augment.frame_brightness(torch.rand(4, 3, 3))") { a, interpreter in
                let (video, factors) = try VideoAugmentation.frameBrightness(try a.tensor("video"), low: try a.double("low"), high: try a.double("high"), generator: interpreter.generator)
                return .tuple([.tensor(video), .tensor(factors)])
            },
            Builtin("augment", "video_hflip(video)", doc: "Mirrors every frame left to right (all frames alike, so motion stays consistent).",
                    example: "augment.video_hflip(torch.rand(4, 3, 3))") { a, _ in
                .tensor(try VideoAugmentation.hflip(try a.tensor("video")))
            },
            Builtin("augment", "video_vflip(video)", doc: "Mirrors every frame top to bottom.", example: "augment.video_vflip(torch.rand(4, 3, 3))") { a, _ in
                .tensor(try VideoAugmentation.vflip(try a.tensor("video")))
            },
            Builtin("augment", "mixup(x, y, alpha=1.0, lam=None)",
                    doc: "mixup (Zhang et al. 2018): lam ~ Beta(alpha, alpha), partners perm = torch.randperm(N), mixed = lam * x + (1 - lam) * x[perm]. Returns (mixed_x, y_a, y_b, lam); train with loss = lam * loss_fn(out, y_a) + (1 - lam) * loss_fn(out, y_b). lam comes from regtutor's generator (PyTorch has no mixup of its own); pass lam= to fix it.",
                    example: "mixed, y_a, y_b, lam = augment.mixup(x, y, alpha=0.2)\nout = model(mixed)\nloss = lam * loss_fn(out, y_a) + (1 - lam) * loss_fn(out, y_b)") { a, interpreter in
                let result = try Mixup.mix(try a.tensor("x"), try a.tensor("y"), alpha: try a.double("alpha"), lambda: try a.optionalDouble("lam"),
                                           generator: interpreter.generator, trace: interpreter.activeTrace)
                return .tuple([.tensor(result.input), .tensor(result.targetA), .tensor(result.targetB), .float(result.lambda)])
            },
        ]
    }
}
