namespace Recreation.Media.Stitching;

/// <summary>
/// What the final step writes: an input (a concat list or a joined intermediate) whose video is
/// copied, exactly <see cref="ExpectedFrames"/> frames at <see cref="Fps"/>, with audio encoded to
/// AAC 48 kHz stereo once (or copied when it already is, on the fast path).
/// </summary>
internal sealed record OutputJob(
    IReadOnlyList<string> Input,
    string OutputPath,
    int Width,
    int Height,
    Rational Fps,
    long ExpectedFrames,
    bool HasAudio,
    bool AudioIsFinal,
    double? LoudnessLufs)
{
    /// <summary>Music, burned-in captions and chapters added on the way out.</summary>
    public Finishing Finishing { get; init; } = Finishing.None;

    public TimeSpan Duration => TimeSpan.FromTicks((long)Math.Round((decimal)ExpectedFrames * Fps.Denominator * TimeSpan.TicksPerSecond / Fps.Numerator));
}