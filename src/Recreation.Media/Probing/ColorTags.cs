namespace Recreation.Media.Probing;

/// <summary>The colour tags of a video stream as ffprobe names them ("bt709", "tv"…); null when unset.</summary>
public sealed record ColorTags(string? Space, string? Primaries, string? Transfer, string? Range)
{
    public static ColorTags Unspecified { get; } = new(null, null, null, null);
}