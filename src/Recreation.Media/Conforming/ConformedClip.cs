namespace Recreation.Media.Conforming;

/// <summary>A conformed intermediate: exactly <see cref="FrameCount"/> frames at the spec's rate, with audio of the same length.</summary>
public sealed record ConformedClip(string Path, ConformSpec Spec, long FrameCount)
{
    /// <summary>How much was cut from the source's start (<see cref="ConformSpec.TrimHead"/>); zero when nothing was.</summary>
    public TimeSpan HeadTrimmed { get; init; }

    public TimeSpan Duration => Spec.DurationOf(FrameCount);

    /// <summary>The clip's thumbnails and palette, measured during the conform (<see cref="Conformer.MeasureLooks"/>); null when not asked for or not measured.</summary>
    public Frames.ClipLook? Look { get; init; }
}