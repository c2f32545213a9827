using Recreation.Media.Audio;
using Recreation.Media.Probing;

namespace Recreation.Media.Stitching;

/// <summary>
/// The finished video: which path produced it and why, its exact length in frames, how much the
/// transitions' overlaps took off the sum of the clips, loudness normalisation (null when not
/// asked for) and the probe of the validated file.
/// </summary>
public sealed record StitchResult(
    string OutputPath,
    StitchPath Path,
    string Reason,
    long FrameCount,
    TimeSpan Duration,
    TimeSpan TransitionOverlap,
    LoudnessReport? Loudness,
    MediaInfo Output)
{
    /// <summary>Why transitions were re-encoded in full rather than windowed (null when windowed, or when every transition is a cut).</summary>
    public string? NotWindowedReason { get; init; }

    /// <summary>The probes of the stitched clips, in order (for callers that measure them afterwards without probing again).</summary>
    public IReadOnlyList<MediaInfo> Clips { get; init; } = [];
}