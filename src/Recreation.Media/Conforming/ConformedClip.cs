namespace Recreation.Media.Conforming;

/// <summary>A conformed intermediate: exactly <see cref="FrameCount"/> frames at the spec's rate, with audio of the same length.</summary>
public sealed record ConformedClip(string Path, ConformSpec Spec, long FrameCount)
{
    public TimeSpan Duration => Spec.DurationOf(FrameCount);
}