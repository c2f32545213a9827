using Recreation.Testing.FakeVideosApi;

namespace Recreation.Testing.FakeProviders;

/// <summary>A snapshot of one job on a fake provider server, for assertions.</summary>
/// <param name="Status">The service's own word for its state (Runway's <c>RUNNING</c>, Gemini's <c>running</c>/<c>done</c>…).</param>
/// <param name="Billed">Whether a real service would charge for it (a filtered Veo result is not charged).</param>
public sealed record FakeProviderJob(
    string Id,
    string Model,
    string Prompt,
    int Width,
    int Height,
    int Seconds,
    DateTimeOffset CreatedAt,
    string Status,
    int Polls,
    FakeInputImage? FirstFrame,
    FakeInputImage? LastFrame,
    bool Billed);