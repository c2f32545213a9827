using System.Globalization;
using System.Text.RegularExpressions;

using Recreation.Media.Audio;
using Recreation.Media.Processes;

namespace Recreation.Media.Analysis;

/// <summary>
/// The loudness of a video's first audio stream over time: ffmpeg's <c>ebur128</c> filter logs the
/// momentary loudness (a 400 ms window) every 100 ms and the integrated loudness at the end. A
/// light process of its own (audio only), run beside the picture's decode.
/// </summary>
internal sealed partial class LoudnessTrack
{
    /// <summary>R128's absolute gate: quieter blocks are not sound.</summary>
    public const double Gate = -70;

    /// <summary>A shot quieter than this is silent.</summary>
    public const double SilenceLufs = -50;

    private const double WindowSeconds = 0.4;

    private readonly List<(double Time, double Momentary)> _samples;

    private LoudnessTrack(List<(double Time, double Momentary)> samples, double? integrated)
    {
        _samples = samples;
        IntegratedLufs = integrated;
    }

    public double? IntegratedLufs { get; }

    public static async Task<LoudnessTrack> MeasureAsync(FFmpegRunner runner, string path, CancellationToken cancellationToken)
    {
        var samples = new List<(double, double)>();
        var arguments = new ArgumentsBuilder()
            .Input(path)
            .Add("-map", "0:a:0").Add("-vn").Add("-sn")
            .Add("-af", "ebur128=framelog=verbose")
            .Add("-f", "null").Add("-")
            .Build();
        var command = MediaCommand.FFmpeg(arguments, $"measuring the loudness of '{path}'") with
        {
            LogLevel = "verbose",
            StandardErrorLine = line =>
            {
                var match = MomentaryLine().Match(line);
                if (match.Success)
                {
                    samples.Add((Number(match.Groups[1].Value), Number(match.Groups[2].Value)));
                }
            },
        };
        var result = await runner.RunAsync(command, cancellationToken).ConfigureAwait(false);
        var summary = Ebur128Summary.Parse(result.StandardError);
        return new LoudnessTrack(samples, double.IsFinite(summary.IntegratedLufs) && summary.IntegratedLufs > Gate ? summary.IntegratedLufs : null);
    }

    /// <summary>
    /// The energy mean of the momentary values whose window lies within [start, end] (the one
    /// nearest the middle when the span is shorter than a window); null when all are under the gate.
    /// </summary>
    public double? Between(TimeSpan start, TimeSpan end)
    {
        var (s, e) = (start.TotalSeconds, end.TotalSeconds);
        var inside = _samples.Where(x => x.Time - WindowSeconds >= s - 0.05 && x.Time <= e + 0.05).Select(x => x.Momentary).ToList();
        if (inside.Count == 0 && _samples.Count > 0)
        {
            var middle = (s + e + WindowSeconds) / 2;
            inside.Add(_samples.MinBy(x => Math.Abs(x.Time - middle)).Momentary);
        }

        var loud = inside.Where(m => m > Gate).ToList();
        if (loud.Count == 0)
        {
            return null;
        }

        var energy = loud.Sum(m => Math.Pow(10, m / 10)) / inside.Count;
        var lufs = 10 * Math.Log10(energy);
        return lufs > Gate ? Math.Round(lufs, 1) : null;
    }

    private static double Number(string text) => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"Parsed_ebur128.*\bt:\s*([0-9.]+)\s.*\bM:\s*(-?[0-9.]+)")]
    private static partial Regex MomentaryLine();
}