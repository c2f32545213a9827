namespace Recreation.Media.Probing;

/// <summary>An audio stream.</summary>
public sealed record AudioStreamInfo(
    int Index,
    string Codec,
    string? Profile,
    int SampleRate,
    int Channels,
    string? ChannelLayout,
    TimeSpan? Duration,
    TimeSpan StartTime);