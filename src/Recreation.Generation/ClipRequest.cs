using Recreation.Core.Model;

namespace Recreation.Generation;

/// <summary>
/// Everything a backend needs to make one planned clip. <see cref="CacheKey"/> is the hash of
/// what shapes the clip (backend, model, size, seconds, prompt, input image bytes): it names the
/// cached file and, for paid backends, is the idempotency key, so it must never change for the
/// same inputs.
/// </summary>
/// <param name="InputImagePath">An image already conformed to <paramref name="Size"/>, used as the first frame; or null.</param>
/// <param name="Palette">The scene file's palette (hex), which the placeholder paints with.</param>
public sealed record ClipRequest(
    string ClipId,
    string SceneId,
    int Shot,
    int Shots,
    string Prompt,
    string Model,
    FrameSize Size,
    int Seconds,
    string? InputImagePath,
    IReadOnlyList<string> Palette,
    string CacheKey)
{
    /// <summary>
    /// What a paid backend sends as <c>Idempotency-Key</c>: <see cref="CacheKey"/> for the first job
    /// of a clip, <c>{CacheKey}-r{N}</c> when the user deliberately asks for a new paid job of the
    /// same clip (<c>--retry-failed</c>, <c>--regenerate-expired</c>, a retake), so that a retry of
    /// one attempt never becomes a second job but a new attempt is not answered with the old one.
    /// </summary>
    public string IdempotencyKey { get; init; } = CacheKey;

    /// <summary>When set, the clip is a remix of this finished job (the prompt is the change to make) instead of a new generation.</summary>
    public string? RemixOfJobId { get; init; }
}