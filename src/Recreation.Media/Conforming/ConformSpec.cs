using System.Globalization;

namespace Recreation.Media.Conforming;

/// <summary>
/// The shape every clip of a run is conformed to: size, fit, frame rate and, optionally, the
/// length to trim it to (its share). Durations are counted in whole frames of <see cref="Fps"/>.
/// Optionally a head to cut first (<see cref="TrimHead"/>) and a fade from black at the start
/// (<see cref="FadeIn"/>) or to black at the end (<see cref="FadeOut"/>), picture and sound — a
/// finished video's first and last clips carry its fades.
/// </summary>
public sealed record ConformSpec(int Width, int Height, FitMode Fit, Rational Fps, TimeSpan? TrimTo = null)
{
    /// <summary>
    /// Changes whenever the intermediate's encoder settings or graph change, so cached conforms are
    /// not reused. v2: audio that starts later than the video is delayed to stay in sync (v1
    /// shifted it to the start).
    /// </summary>
    public const string FormatVersion = "conform-v2";

    /// <summary>Cut from the start before anything else: a fixed length or a detected black/frozen opening.</summary>
    public HeadTrim? TrimHead { get; init; }

    /// <summary>Fade from black (and silence) over this long at the start; zero for none.</summary>
    public TimeSpan FadeIn { get; init; }

    /// <summary>Fade to black (and silence) over this long at the end, the last frame fully black; zero for none.</summary>
    public TimeSpan FadeOut { get; init; }

    /// <summary>
    /// A stable text naming everything that shapes the output; hash it with the input's hash to
    /// cache conformed clips. Head trim and fades appear only when set, so clips conformed without
    /// them keep their keys.
    /// </summary>
    public string CacheKey
    {
        get
        {
            var key = string.Create(CultureInfo.InvariantCulture,
                $"{FormatVersion};{Width}x{Height};{Fit};{Fps};trim={(TrimTo is { } trim ? FrameCount(trim).ToString(CultureInfo.InvariantCulture) : "none")}");
            if (TrimHead is { } head)
            {
                key += $";head={head}";
            }

            if (FadeIn > TimeSpan.Zero || FadeOut > TimeSpan.Zero)
            {
                key += string.Create(CultureInfo.InvariantCulture, $";fade={FrameCount(FadeIn)}/{FrameCount(FadeOut)}");
            }

            return key;
        }
    }

    /// <summary>Throws <see cref="MediaException"/> naming every invalid setting.</summary>
    public void Validate()
    {
        var problems = new List<string>();
        if (Width is < 16 or > 8192 || Height is < 16 or > 8192 || Width % 2 != 0 || Height % 2 != 0)
        {
            problems.Add($"the size {Width}x{Height} must be even numbers between 16 and 8192 (H.264 4:2:0 needs even sizes)");
        }

        if (!Fps.IsPositive || Fps.ToDouble() > 240)
        {
            problems.Add($"the frame rate {Fps} must be above 0 and at most 240");
        }

        if (TrimTo is { } trim && (trim <= TimeSpan.Zero || (Fps.IsPositive && FrameCount(trim) < 1)))
        {
            problems.Add($"TrimTo {trim} must be at least one frame long");
        }

        if (FadeIn < TimeSpan.Zero || FadeOut < TimeSpan.Zero)
        {
            problems.Add("fades cannot be negative");
        }

        if (problems.Count > 0)
        {
            throw new MediaException("Invalid conform settings: " + string.Join("; ", problems) + ".");
        }
    }

    /// <summary>Whole frames in a duration, rounded to the nearest: round(d × F).</summary>
    public long FrameCount(TimeSpan duration)
    {
        return (long)Math.Round((decimal)duration.Ticks * Fps.Numerator / (Fps.Denominator * (decimal)TimeSpan.TicksPerSecond), MidpointRounding.AwayFromZero);
    }

    /// <summary>The duration of a number of frames: N / F.</summary>
    public TimeSpan DurationOf(long frames)
    {
        return TimeSpan.FromTicks((long)Math.Round((decimal)frames * Fps.Denominator * TimeSpan.TicksPerSecond / Fps.Numerator));
    }
}