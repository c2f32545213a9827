using System.Globalization;

namespace Recreation.Media.Conforming;

/// <summary>
/// The shape every clip of a run is conformed to: size, fit, frame rate and, optionally, the
/// length to trim it to (its share). Durations are counted in whole frames of <see cref="Fps"/>.
/// </summary>
public sealed record ConformSpec(int Width, int Height, FitMode Fit, Rational Fps, TimeSpan? TrimTo = null)
{
    /// <summary>Changes whenever the intermediate's encoder settings change, so cached conforms are not reused.</summary>
    public const string FormatVersion = "conform-v1";

    /// <summary>A stable text naming everything that shapes the output; hash it with the input's hash to cache conformed clips.</summary>
    public string CacheKey => string.Create(CultureInfo.InvariantCulture,
        $"{FormatVersion};{Width}x{Height};{Fit};{Fps};trim={(TrimTo is { } trim ? FrameCount(trim).ToString(CultureInfo.InvariantCulture) : "none")}");

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