namespace Recreation.Testing.FakeVideosApi;

/// <summary>A validated create (or remix) request. <see cref="Fingerprint"/> tells a retry from a different request under the same Idempotency-Key.</summary>
internal sealed record FakeJobSpec(
    string Model,
    string Prompt,
    string Size,
    int Seconds,
    FakeInputImage? InputImage,
    string? RemixedFromVideoId,
    string Fingerprint);