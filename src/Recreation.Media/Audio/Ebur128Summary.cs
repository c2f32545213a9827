using System.Globalization;
using System.Text.RegularExpressions;

namespace Recreation.Media.Audio;

/// <summary>
/// Reads the summary the <c>ebur128</c> filter prints at the end of a run (integrated loudness
/// and its gate threshold, loudness range, true peak) into a <see cref="LoudnessMeasurement"/>.
/// </summary>
internal static partial class Ebur128Summary
{
    public static LoudnessMeasurement Parse(string stderr)
    {
        var start = stderr.LastIndexOf("Summary:", StringComparison.Ordinal);
        if (start < 0)
        {
            throw new MediaException("ffmpeg's ebur128 filter printed no summary; run ffmpeg 5.1 or later.");
        }

        var summary = stderr[start..];
        var integrated = Value(IntegratedPattern(), summary, "integrated loudness");
        var threshold = Value(ThresholdPattern(), summary, "threshold");
        var range = Value(RangePattern(), summary, "loudness range");
        var peak = PeakPattern().Match(summary) is { Success: true } match ? Number(match.Groups[1].Value) : double.NegativeInfinity;
        // -70 LUFS is R128's absolute gate: ebur128 prints it for silence, which loudnorm calls -inf.
        if (integrated <= -70)
        {
            integrated = double.NegativeInfinity;
        }

        // Target offset is loudnorm's own estimate of how far its dynamic mode would miss (an extra
        // gain in that mode, ignored in linear mode); ebur128 has none, so no extra gain.
        return new LoudnessMeasurement(integrated, peak, range, threshold, double.IsFinite(integrated) ? 0 : double.PositiveInfinity);
    }

    private static double Value(Regex pattern, string summary, string what)
    {
        var match = pattern.Match(summary);
        return match.Success ? Number(match.Groups[1].Value) : throw new MediaException($"ebur128's summary has no {what}.");
    }

    private static double Number(string text) => text switch
    {
        "-inf" => double.NegativeInfinity,
        "inf" => double.PositiveInfinity,
        _ => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture),
    };

    [GeneratedRegex(@"\bI:\s+(-?inf|-?[\d.]+) LUFS")]
    private static partial Regex IntegratedPattern();

    /// <summary>The first threshold after "I:" is the integrated loudness's relative gate (the one after "LRA:" belongs to the range).</summary>
    [GeneratedRegex(@"\bI:\s+\S+ LUFS\s+Threshold:\s+(-?inf|-?[\d.]+) LUFS")]
    private static partial Regex ThresholdPattern();

    [GeneratedRegex(@"\bLRA:\s+(-?inf|-?[\d.]+) LU\b")]
    private static partial Regex RangePattern();

    [GeneratedRegex(@"\bPeak:\s+(-?inf|-?[\d.]+) dBFS")]
    private static partial Regex PeakPattern();
}