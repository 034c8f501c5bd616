import TensorEngine

/// Augmentations of short videos, tensors T × H × W (or T × C × H × W) with values in [0, 1]:
/// frame skipping, a random brightness per frame and flips applied to every frame alike.
///
/// ```swift
/// let faster = try VideoAugmentation.frameSkip(video, step: 2)   // frames 0, 2, 4, ...
/// ```
public enum VideoAugmentation {
    static func checkVideo(_ video: Tensor) throws {
        guard video.rank == 3 || video.rank == 4 else {
            throw TensorError(.valueError, "a video is a T x H x W (or T x C x H x W) tensor, got shape \(Shape.torchSize(video.shape))")
        }
    }

    /// Every `step`-th frame, starting at `offset`.
    public static func frameSkip(_ video: Tensor, step: Int, offset: Int = 0) throws -> Tensor {
        try checkVideo(video)
        guard step > 0 else { throw TensorError(.valueError, "frame_skip: step must be positive, got \(step)") }
        let frames = video.shape[0]
        guard offset >= 0 && offset < frames else { throw TensorError(.indexError, "frame_skip: offset \(offset) is outside the \(frames) frames") }
        let kept = Array(stride(from: offset, to: frames, by: step))
        return try Tensor.cat(try kept.map { try video.narrowed(dim: 0, start: $0, length: 1) }, dim: 0)
    }

    /// Multiplies each frame by its own factor drawn from U(low, high), clamped to [0, 1]:
    /// the lighting flickers the way it does in real footage. Returns the video and the factors.
    public static func frameBrightness(_ video: Tensor, low: Double, high: Double, generator: RandomGenerator) throws -> (Tensor, Tensor) {
        try checkVideo(video)
        guard low >= 0, low <= high else { throw TensorError(.valueError, "frame_brightness needs 0 <= low <= high") }
        let factors = try Tensor.uniform([video.shape[0]], low: low, high: high, generator: generator)
        let shape = [video.shape[0]] + Array(repeating: 1, count: video.rank - 1)
        return (try (video * factors.reshaped(shape)).clamp(min: 0, max: 1), factors)
    }

    /// Every frame mirrored left to right (the same flip for all, so motion stays consistent).
    public static func hflip(_ video: Tensor) throws -> Tensor {
        try checkVideo(video)
        return try video.flipped([-1])
    }

    /// Every frame mirrored top to bottom.
    public static func vflip(_ video: Tensor) throws -> Tensor {
        try checkVideo(video)
        return try video.flipped([-2])
    }
}
