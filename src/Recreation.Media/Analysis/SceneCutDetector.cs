using System.Globalization;
using System.Text.RegularExpressions;

using Recreation.Media.Processes;

namespace Recreation.Media.Analysis;

/// <summary>
/// Finds the hard cuts of a reference video (FFMPEG.md, "Scene cuts"): frames scaled to 320 px
/// wide whose scene score passes a threshold, read from showinfo's pts_time. A hit within
/// <see cref="MinimumGap"/> of the previous one is dropped (a flash or a dissolve's tail). About
/// 20× real time; at full size or with scdet true cuts were missed.
/// </summary>
public sealed partial class SceneCutDetector(FFmpegRunner runner)
{
    public static readonly TimeSpan MinimumGap = TimeSpan.FromSeconds(0.5);

    /// <summary>The times at which a new shot starts, in order (the start of the video is not a cut).</summary>
    public async Task<IReadOnlyList<TimeSpan>> DetectAsync(string path, double threshold = 0.3, IProgress<double>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(threshold);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(threshold, 1);
        var full = Path.GetFullPath(path);
        Probing.MediaProbe.RequireNonEmptyFile(full);
        var hits = new List<TimeSpan>();
        var filter = string.Create(CultureInfo.InvariantCulture, $"scale=320:-2:flags=fast_bilinear,select='gt(scene,{threshold})',showinfo");
        var arguments = new ArgumentsBuilder()
            .Input(full)
            .Add("-map", "0:v:0").Add("-an")
            .Add("-vf", filter)
            .Add("-f", "null").Add("-")
            .Build();
        var command = MediaCommand.FFmpeg(arguments, $"finding the scene cuts of '{full}'") with
        {
            LogLevel = "info", // showinfo reports at info level
            Progress = progress,
            StandardErrorLine = line =>
            {
                var match = PtsTime().Match(line);
                if (match.Success && double.TryParse(match.Groups[1].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds))
                {
                    hits.Add(TimeSpan.FromSeconds(seconds));
                }
            },
        };
        if (progress is not null)
        {
            var info = await new Probing.MediaProbe(runner).ProbeAsync(full, cancellationToken).ConfigureAwait(false);
            command = command with { ExpectedDuration = info.VideoDuration };
        }

        await runner.RunAsync(command, cancellationToken).ConfigureAwait(false);
        return KeepApart(hits);
    }

    /// <summary>Drops hits closer than <see cref="MinimumGap"/> to the last kept one.</summary>
    internal static IReadOnlyList<TimeSpan> KeepApart(IEnumerable<TimeSpan> hits)
    {
        var kept = new List<TimeSpan>();
        foreach (var hit in hits.Order())
        {
            if (kept.Count == 0 || hit - kept[^1] >= MinimumGap)
            {
                kept.Add(hit);
            }
        }

        return kept;
    }

    [GeneratedRegex(@"Parsed_showinfo.*\bpts_time:\s*([0-9.]+)")]
    private static partial Regex PtsTime();
}