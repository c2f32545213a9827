using System.Globalization;
using System.Text.RegularExpressions;

using Recreation.Media.Probing;
using Recreation.Media.Processes;

namespace Recreation.Media.Conforming;

/// <summary>
/// Finds a black or frozen opening (FFmpeg's blackdetect and freezedetect over the first
/// <see cref="Window"/>): a span that starts at the first frame and ends inside the window. A span
/// that fills the whole window is the shot itself (a still or a dark scene), not a defect, and is
/// left alone.
/// </summary>
public sealed partial class HeadDetector(FFmpegRunner runner)
{
    /// <summary>How much of the start is looked at.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromSeconds(2);

    /// <summary>The length of the black or frozen opening of <paramref name="input"/>'s video, zero when there is none.</summary>
    public async Task<TimeSpan> DetectAsync(MediaInfo input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var video = input.Video ?? throw new MediaException($"'{input.Path}' has no video stream.") { FilePath = input.Path };
        var window = input.VideoDuration < Window ? input.VideoDuration : Window;
        var frame = video.FrameRate.IsPositive ? TimeSpan.FromSeconds(1 / video.FrameRate.ToDouble()) : TimeSpan.FromSeconds(1 / 30.0);
        // A freeze must last at least two frames to be told apart from a slow shot; one black frame is enough.
        var freezeMinimum = ArgumentsBuilder.Seconds(frame * 1.5);
        var arguments = new ArgumentsBuilder()
            .Input(input.Path)
            .Add("-map", $"0:{video.Index}")
            .Add("-t", window)
            .Add("-vf", $"setpts=PTS-STARTPTS,blackdetect=d=0:pix_th=0.10:pic_th=0.98,freezedetect=n=-60dB:d={freezeMinimum}")
            .Add("-an").Add("-f", "null").Add("-")
            .Build();
        var command = MediaCommand.FFmpeg(arguments, $"looking for a black or frozen opening in '{input.Path}'") with { LogLevel = "info" };
        var result = await runner.RunAsync(command, cancellationToken).ConfigureAwait(false);
        return Parse(result.StandardError, window, frame);
    }

    /// <summary>The longest span starting within half a frame of 0 and ending at least a frame before the window's end.</summary>
    internal static TimeSpan Parse(string stderr, TimeSpan window, TimeSpan frame)
    {
        var spans = new List<(double Start, double End)>();
        foreach (Match m in Black().Matches(stderr))
        {
            spans.Add((Seconds(m.Groups["start"].Value), Seconds(m.Groups["end"].Value)));
        }

        var freezeStart = FreezeStart().Matches(stderr).Select(m => Seconds(m.Groups["t"].Value)).ToList();
        var freezeEnd = FreezeEnd().Matches(stderr).Select(m => Seconds(m.Groups["t"].Value)).ToList();
        for (var i = 0; i < Math.Min(freezeStart.Count, freezeEnd.Count); i++)
        {
            spans.Add((freezeStart[i], freezeEnd[i]));
        }

        var head = spans
            .Where(s => s.Start <= frame.TotalSeconds / 2 && s.End > 0 && s.End < (window - frame).TotalSeconds)
            .Select(s => s.End)
            .DefaultIfEmpty(0)
            .Max();
        return TimeSpan.FromSeconds(head);
    }

    private static double Seconds(string text) => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"black_start:(?<start>[0-9.]+) black_end:(?<end>[0-9.]+)")]
    private static partial Regex Black();

    [GeneratedRegex(@"freeze_start: (?<t>[0-9.]+)")]
    private static partial Regex FreezeStart();

    [GeneratedRegex(@"freeze_end: (?<t>[0-9.]+)")]
    private static partial Regex FreezeEnd();
}