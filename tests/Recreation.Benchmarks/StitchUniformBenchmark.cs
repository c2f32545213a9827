using System.Text;

namespace Recreation.Benchmarks;

/// <summary>
/// 12 uniform clips (one ffmpeg command, so one set of codec parameters), cuts, loudness −14:
/// <c>recreate stitch</c> should take the stream-copy fast path. Baseline: by hand, concat
/// demuxer <c>-c copy</c> into a temp file, loudnorm pass 1, pass 2 with the measured values
/// (linear) while copying the video and encoding AAC, <c>+faststart</c>.
/// </summary>
internal static class StitchUniformBenchmark
{
    public const string Name = "stitch-uniform";
    private const double Target = 1.3;
    private const double Loudness = -14;

    public static async Task<BenchmarkRow> RunAsync(BenchmarkContext context)
    {
        var (width, height, seconds) = context.Quick ? (320, 180, 2.0) : (1280, 720, 8.0);
        const int fps = 30, count = 12;

        // Different tones and levels (0, −3, −6 dB): a loudness range above 0 LU, as real clips
        // have; with identical steady sines loudnorm cannot go linear and both sides go dynamic.
        var specs = Enumerable.Range(0, count).Select(i => new ClipSpec(width, height, fps, seconds, 220 + (55 * i), -3 * (i % 3))).ToList();
        var clips = await context.Clips.EnsureAsync("uniform", specs).ConfigureAwait(false);
        var folder = context.RunFolder(Name);
        var ours = Path.Combine(folder, "ours.mp4");
        var baseline = Path.Combine(folder, "baseline.mp4");
        var normalization = "";

        var result = await SideBySide.RunAsync(Name, context.Repeat,
            async () =>
            {
                File.Delete(ours);
                return RecreateOutput.EnsureSucceeded(await context.Tools.RecreateAsync(["stitch", .. clips, "-o", ours, "--loudness", "-14"]).ConfigureAwait(false));
            },
            async () =>
            {
                File.Delete(baseline);
                var (elapsed, type) = await BaselineAsync(clips, folder, baseline).ConfigureAwait(false);
                normalization = type;
                return elapsed;
            }).ConfigureAwait(false);

        Console.WriteLine(result.Headline(Name, Target));
        Console.WriteLine(Stats.Invariant($"  inputs: {count} × {specs[0].Describe()}, H.264 High yuv420p + AAC 48 kHz stereo; cuts; loudness {Loudness} LUFS"));
        Console.WriteLine(result.AllRuns());
        Console.WriteLine("  ours, by phase (median run): " + RecreateOutput.Phases(result.MedianOurs));
        var done = RecreateOutput.DoneLine(result.MedianOurs);
        Console.WriteLine("  ours printed: " + (done ?? "(no Done line)"));
        if (!RecreateOutput.TookFastPath(result.MedianOurs))
        {
            Console.WriteLine("  WARNING: recreate stitch did NOT take the stream-copy fast path on uniform clips. Everything it printed:");
            Console.WriteLine(result.MedianOurs.StandardOutput.TrimEnd() + "\n" + result.MedianOurs.StandardError.TrimEnd());
        }

        Console.WriteLine($"  baseline pass 2 normalization_type: {normalization}");
        await OutputCheck.CompareAsync(ours, baseline, fps, expectedSeconds: count * seconds).ConfigureAwait(false);
        return result.Row(Stats.Invariant($"stitch-uniform: {count} × {seconds:0.#} s {width}x{height}, cuts, loudness"), Target);
    }

    /// <summary>The hand-written way; returns its wall time (list writing through pass 2) and pass 2's normalization type.</summary>
    private static async Task<(TimeSpan Elapsed, string NormalizationType)> BaselineAsync(IReadOnlyList<string> clips, string folder, string output)
    {
        var stopwatch = System.Diagnostics.Stopwatch.StartNew();
        var list = Path.Combine(folder, "baseline-list.txt");
        var joined = Path.Combine(folder, "baseline-joined.mp4");
        await File.WriteAllTextAsync(list, string.Concat(clips.Select(c => "file '" + Path.GetFullPath(c).Replace("'", @"'\''", StringComparison.Ordinal) + "'\n")), new UTF8Encoding(false)).ConfigureAwait(false);
        try
        {
            await Tools.FFmpegAsync(["-loglevel", "error", "-f", "concat", "-safe", "0", "-i", list, "-c", "copy", joined]).ConfigureAwait(false);
            var pass1 = await Tools.FFmpegAsync(["-loglevel", "info", "-nostats", "-i", joined, "-vn", "-af", Loudnorm.FirstPass(Loudness), "-f", "null", "-"]).ConfigureAwait(false);
            var measured = Loudnorm.Parse(pass1.StandardError);
            var pass2 = await Tools.FFmpegAsync(
            [
                "-loglevel", "info", "-nostats", "-i", joined, "-map", "0:v:0", "-map", "0:a:0", "-c:v", "copy",
                "-af", Loudnorm.SecondPass(measured, Loudness), "-c:a", "aac", "-b:a", "192k", "-ar", "48000", "-ac", "2",
                "-movflags", "+faststart", output,
            ]).ConfigureAwait(false);
            stopwatch.Stop();
            return (stopwatch.Elapsed, Loudnorm.Parse(pass2.StandardError).GetValueOrDefault("normalization_type", "?"));
        }
        finally
        {
            File.Delete(joined);
        }
    }
}