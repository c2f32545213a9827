namespace Recreation.Testing.FakeVideosApi;

/// <summary>A snapshot of one job on the fake server, for assertions.</summary>
public sealed record FakeVideoJob(
    string Id,
    string Model,
    string Prompt,
    string Size,
    int Seconds,
    DateTimeOffset CreatedAt,
    string Status,
    int Progress,
    int Polls,
    string? ErrorCode,
    string? RemixedFromVideoId,
    string? IdempotencyKey,
    FakeInputImage? InputImage,
    bool Deleted);