namespace Recreation.Benchmarks;

/// <summary>
/// Peak resident memory of the <c>recreate</c> process itself (the dotnet host running
/// recreate.dll; ffmpeg children are separate processes and not counted) while stitching a
/// 10-minute output: 75 uniform 8 s clips through the stream-copy fast path, and 75 mixed clips
/// (three shapes, one without audio) through the conform path. Frames never pass through our
/// process — ffmpeg decodes and encodes them — so a small frame size stands for any size and
/// keeps the inputs quick to make.
/// </summary>
internal static class MemoryBenchmark
{
    public const string Name = "memory";
    private const long TargetKb = 150 * 1024;

    public static async Task<IReadOnlyList<BenchmarkRow>> RunAsync(BenchmarkContext context)
    {
        var (count, seconds) = context.Quick ? (12, 2.0) : (75, 8.0);
        var uniform = Enumerable.Range(0, count).Select(i => Uniform(i, seconds)).ToList();

        // Every third clip as the fast path's, then a 4:3 24 fps one, then a portrait one without audio.
        var mixed = Enumerable.Range(0, count).Select(i => (i % 3) switch
        {
            0 => Uniform(i, seconds),
            1 => new ClipSpec(320, 240, 24, seconds, 200 + (10 * i), -3 * (i % 2)),
            _ => new ClipSpec(180, 320, 30, seconds, null),
        }).ToList();

        var fastClips = await context.Clips.EnsureAsync("memory (uniform)", uniform).ConfigureAwait(false);
        var mixedClips = await context.Clips.EnsureAsync("memory (mixed)", mixed).ConfigureAwait(false);
        var folder = context.RunFolder(Name);
        Console.WriteLine(Stats.Invariant(
            $"  (memory is the peak RSS — VmHWM, polled every 20 ms — of the recreate process only, ffmpeg children not counted; frames never pass through our process, so the inputs' small frame size (320x180) does not lower it)"));

        var rows = new List<BenchmarkRow>();
        var fast = await MeasureAsync(context, "fast path", fastClips, Path.Combine(folder, "fast.mp4"), count * seconds, ["--loudness", "-14"]).ConfigureAwait(false);
        if (!RecreateOutput.TookFastPath(fast.Result))
        {
            Console.WriteLine("  WARNING: the uniform clips did NOT take the fast path. recreate printed:\n" + fast.Result.StandardOutput.TrimEnd() + "\n" + fast.Result.StandardError.TrimEnd());
        }

        rows.Add(fast.Row);
        var conform = await MeasureAsync(context, "conform path", mixedClips, Path.Combine(folder, "conform.mp4"), count * seconds, ["--size", "320x180", "--fps", "30", "--loudness", "-14"]).ConfigureAwait(false);
        rows.Add(conform.Row);
        return rows;
    }

    private static ClipSpec Uniform(int i, double seconds) => new(320, 180, 30, seconds, 200 + (10 * i), -3 * (i % 3));

    private static async Task<(ChildResult Result, BenchmarkRow Row)> MeasureAsync(
        BenchmarkContext context, string path, IReadOnlyList<string> clips, string output, double outputSeconds, IReadOnlyList<string> options)
    {
        File.Delete(output);
        Console.Error.WriteLine(Stats.Invariant($"  memory ({path}): stitching {clips.Count} clips into {outputSeconds / 60:0.#} min…"));
        var result = RecreateOutput.EnsureSucceeded(await context.Tools.RecreateAsync(["stitch", .. clips, "-o", output, .. options], sampleMemory: true).ConfigureAwait(false));
        var peak = result.PeakRssKb ?? throw new BenchmarkException("Could not read /proc/PID/status of the recreate process (is this Linux?).");
        var met = peak < TargetKb;
        var length = Stats.Invariant($"{clips.Count} clips → {outputSeconds / 60:0.##} min");
        Console.WriteLine(Stats.Invariant(
            $"memory ({path}, {length}): peak RSS of recreate {Stats.Megabytes(peak)} (target < {Stats.Megabytes(TargetKb)}) — {(met ? "met" : "MISSED")}; took {result.Elapsed.TotalSeconds:0.0} s"));
        Console.WriteLine("  ours, by phase: " + RecreateOutput.Phases(result));
        Console.WriteLine("  ours printed: " + (RecreateOutput.DoneLine(result) ?? "(no Done line)"));
        var probe = await Tools.ProbeAsync(output).ConfigureAwait(false);
        Console.WriteLine($"  output: {probe}");
        return (result, new BenchmarkRow($"memory, {path}: peak RSS of recreate, {length}", Stats.Megabytes(peak), "—", "—", $"< {Stats.Megabytes(TargetKb)}", met));
    }
}