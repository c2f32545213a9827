using Recreation.Media;
using Recreation.Media.Conforming;

namespace Recreation.Benchmarks;

/// <summary>
/// Issue 5's windowed transitions: 12 uniform 8 s 1280x720 clips, conformed once by Recreation's
/// conform step (as a run caches them; untimed, kept in WORK/clips), joined with 0.5 s crossfades
/// and loudness −14 by <c>recreate stitch</c> — windowed (only the windows around the 11
/// transitions re-encoded) against <c>--no-windowed</c> (the full re-encode: every frame through
/// one filter graph and x264), side by side. Both outputs must decode with
/// <c>ffmpeg -v error -f null -</c> printing nothing and have exactly the expected frames.
/// </summary>
internal static class WindowedBenchmark
{
    public const string Name = "windowed";
    private const double Target = 5.0;
    private const double Crossfade = 0.5;

    public static async Task<BenchmarkRow> RunAsync(BenchmarkContext context)
    {
        var (width, height, seconds) = context.Quick ? (320, 180, 2.0) : (1280, 720, 8.0);
        const int fps = 30, count = 12;
        var specs = Enumerable.Range(0, count).Select(i => new ClipSpec(width, height, fps, seconds, 220 + (55 * i), -3 * (i % 3))).ToList();
        var sources = await context.Clips.EnsureAsync("uniform", specs).ConfigureAwait(false);
        var conformed = await ConformAsync(context, sources, width, height, fps).ConfigureAwait(false);
        var folder = context.RunFolder(Name);
        var (windowedOut, fullOut) = (Path.Combine(folder, "windowed.mp4"), Path.Combine(folder, "full.mp4"));
        string[] arguments = ["stitch", .. conformed, "--transition", Stats.Invariant($"crossfade:{Crossfade}"), "--loudness", "-14"];

        ChildResult? lastFull = null;
        var result = await SideBySide.RunAsync(Name, context.Repeat,
            async () =>
            {
                File.Delete(windowedOut);
                return RecreateOutput.EnsureSucceeded(await context.Tools.RecreateAsync([.. arguments, "-o", windowedOut]).ConfigureAwait(false));
            },
            async () =>
            {
                File.Delete(fullOut);
                lastFull = RecreateOutput.EnsureSucceeded(await context.Tools.RecreateAsync([.. arguments, "-o", fullOut, "--no-windowed"]).ConfigureAwait(false));
                return lastFull.Elapsed;
            }).ConfigureAwait(false);

        // Here "baseline" is the full re-encode and the ratio is how many times faster windowed is.
        var speedup = result.BaselineMedian / result.OursMedian;
        var verdict = speedup >= Target ? "met" : "MISSED";
        Console.WriteLine(Stats.Invariant($"{Name}: windowed {Stats.Seconds(result.OursMedian)}, full re-encode {Stats.Seconds(result.BaselineMedian)} (median of {result.Ours.Count}) → {speedup:0.0}× faster (target ≥ {Target:0}×) — {verdict}"));
        Console.WriteLine(Stats.Invariant($"  inputs: {count} × {specs[0].Describe()}, conformed (H.264 no B-frames, keyframes 0.5 s and 1 s from each end, PCM); crossfade {Crossfade} s; loudness -14 LUFS"));
        Console.WriteLine(result.AllRuns().Replace("ours", "windowed", StringComparison.Ordinal).Replace("baseline", "full", StringComparison.Ordinal));
        Console.WriteLine("  windowed, by phase (median run): " + RecreateOutput.Phases(result.MedianOurs));
        Console.WriteLine("  windowed printed: " + (RecreateOutput.DoneLine(result.MedianOurs) ?? "(no Done line)"));
        Console.WriteLine("  full printed: " + (lastFull is null ? "(none)" : RecreateOutput.DoneLine(lastFull) ?? "(no Done line)"));
        var expected = (count * seconds) - ((count - 1) * Crossfade);
        await OutputCheck.CompareAsync(windowedOut, fullOut, fps, expected).ConfigureAwait(false);
        foreach (var output in new[] { windowedOut, fullOut })
        {
            var decode = await ChildProcess.RunAsync(Tools.FFmpeg, ["-hide_banner", "-nostdin", "-v", "error", "-i", output, "-f", "null", "-"]).ConfigureAwait(false);
            var clean = decode.Succeeded && decode.StandardError.Trim().Length == 0;
            Console.WriteLine($"  decode check ({Path.GetFileName(output)}): {(clean ? "clean (ffmpeg -v error printed nothing)" : "ERRORS: " + decode.StandardError.Trim())}");
        }

        var ratio = result.OursMedian / result.BaselineMedian;
        return new BenchmarkRow(Stats.Invariant($"windowed: {count} × {seconds:0.#} s {width}x{height} conformed, {Crossfade} s crossfades, loudness; windowed vs full re-encode"),
            Stats.Seconds(result.OursMedian), Stats.Seconds(result.BaselineMedian), Stats.Invariant($"{ratio:0.00}× ({speedup:0.0}× faster)"), Stats.Invariant($"≥ {Target:0}× faster"), speedup >= Target);
    }

    /// <summary>Conforms the sources once with Recreation's own conform step (cached by the conform format version).</summary>
    private static async Task<IReadOnlyList<string>> ConformAsync(BenchmarkContext context, IReadOnlyList<string> sources, int width, int height, int fps)
    {
        var folder = Path.Combine(context.WorkDirectory, "clips", "conformed-" + ConformSpec.FormatVersion);
        Directory.CreateDirectory(folder);
        var conformer = new Conformer(new FFmpegRunner());
        var spec = new ConformSpec(width, height, FitMode.Cover, fps);
        var outputs = new List<string>();
        foreach (var source in sources)
        {
            var output = Path.Combine(folder, Path.GetFileNameWithoutExtension(source) + ".mov");
            if (!File.Exists(output))
            {
                Console.Error.WriteLine($"  conforming {Path.GetFileName(source)} (cached for later runs)…");
                await conformer.ConformAsync(source, output, spec).ConfigureAwait(false);
            }

            outputs.Add(output);
        }

        return outputs;
    }
}