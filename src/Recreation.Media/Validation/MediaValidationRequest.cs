namespace Recreation.Media.Validation;

/// <summary>
/// A file to check. <see cref="Label"/> is the caller's name for it (a clip id) and leads every
/// message; <see cref="MinimumDuration"/> is the share it must cover (a tolerance of
/// max(0.1 s, 2 frames) applies).
/// </summary>
public sealed record MediaValidationRequest(string Path)
{
    public string? Label { get; init; }

    public TimeSpan? MinimumDuration { get; init; }

    public DecodeCheck Decode { get; init; } = DecodeCheck.Quick;

    public bool RequireAudio { get; init; }
}