using Recreation.Testing;

using static Recreation.Benchmarks.Stats;

namespace Recreation.Benchmarks;

/// <summary>
/// Issue 14's <c>analyze</c> benchmark: shot detection on about ten minutes of 720p and 1080p video
/// with a known truth, ours beside the decode floor (<c>ffmpeg -i VIDEO -f null -</c>), ffmpeg's
/// scene score and PySceneDetect's ContentDetector and AdaptiveDetector, on the same files: wall
/// time (median of <c>--repeat</c> runs, the order rotated each round), peak memory, and F1 on cuts,
/// on dissolves and fades, and overall (<see cref="ShotScore"/>). The files are the test suite's
/// generated shot set (<see cref="ShotTestSet"/>: real clips and lavfi sources that pan, tilt,
/// rotate, zoom and flash, cut, dissolved and faded through black) made at 160x90 as the tests make
/// it, upscaled and given film grain (so the bit rate, and the decoding cost, is that of real
/// footage), one ~22 s unit repeated with a cut between repetitions.
/// </summary>
internal static class AnalyzeBenchmark
{
    public const string Name = "analyze";

    private sealed record SetFile(string Size, int Fps, int Units);

    public static async Task<IReadOnlyList<BenchmarkRow>> RunAsync(BenchmarkContext context, string? pyscenedetect, int? units = null)
    {
        SetFile[] files = context.Quick ? [new("640x360", 25, units ?? 2)] : [new("1280x720", 25, units ?? 14), new("1920x1080", 30, units ?? 14)];
        var folder = context.RunFolder(Name);
        var python = await SceneDetectors.CheckPySceneDetectAsync(pyscenedetect ?? DefaultPySceneDetect(context.WorkDirectory));
        if (python is not null)
        {
            Console.WriteLine($"{Name}: {python}; its two detectors are left out.");
        }

        var source = pyscenedetect ?? DefaultPySceneDetect(context.WorkDirectory);
        var runs = new Dictionary<string, List<DetectorRun>>();
        var scores = new Dictionary<string, List<(ShotTestSet.Truth Truth, IReadOnlyList<FoundBoundary> Found)>>();
        double totalSeconds = 0;
        foreach (var file in files)
        {
            var truth = await MakeAsync(context, file);
            totalSeconds += truth.FrameCount / (double)truth.Fps;
            Console.Error.WriteLine(Invariant($"{Name}: {Path.GetFileName(truth.Path)}: {truth.FrameCount} frames, {truth.Boundaries.Count} boundaries"));
            var detectors = new List<(string Name, Func<Task<DetectorRun>> Run)>
            {
                (SceneDetectors.Ours, () => SceneDetectors.OursAsync(context.Tools, truth.Path)),
                (SceneDetectors.Decode, () => SceneDetectors.DecodeAsync(truth.Path)),
                (SceneDetectors.Select, () => SceneDetectors.SelectAsync(truth.Path, truth.Fps)),
            };
            if (python is null)
            {
                detectors.Add((SceneDetectors.Content, () => SceneDetectors.PySceneDetectAsync(source!, folder, truth.Path, "content")));
                detectors.Add((SceneDetectors.Adaptive, () => SceneDetectors.PySceneDetectAsync(source!, folder, truth.Path, "adaptive")));
            }

            for (var round = 0; round < context.Repeat; round++)
            {
                for (var i = 0; i < detectors.Count; i++)
                {
                    var (name, run) = detectors[(i + round) % detectors.Count];
                    var result = await run();
                    Console.Error.WriteLine(Invariant($"{Name}:   {name}: {result.Process.Elapsed.TotalSeconds:0.00} s, {result.Process.PeakRssKb / 1024 ?? 0} MB, {result.Found.Count} boundaries"));
                    (runs.TryGetValue(name, out var list) ? list : runs[name] = []).Add(result);
                    if (round == 0 && name != SceneDetectors.Decode)
                    {
                        (scores.TryGetValue(name, out var s) ? s : scores[name] = []).Add((truth, result.Found));
                    }
                }
            }
        }

        return Report(runs, scores, totalSeconds, context);
    }

    private static List<BenchmarkRow> Report(Dictionary<string, List<DetectorRun>> runs, Dictionary<string, List<(ShotTestSet.Truth Truth, IReadOnlyList<FoundBoundary> Found)>> scores, double totalSeconds, BenchmarkContext context)
    {
        // Per file, the median over the rounds; the files' medians added up.
        double Time(string detector) => runs[detector].GroupBy(r => r.Process.CommandLine).Sum(g => Median(g.Select(r => r.Process.Elapsed.TotalSeconds)));
        long Peak(string detector) => runs[detector].Max(r => r.Process.PeakRssKb ?? 0);
        var floor = Time(SceneDetectors.Decode);
        Console.WriteLine();
        Console.WriteLine(Invariant($"## {Name}: {totalSeconds / 60:0.0} min of video, {context.Repeat} round(s); F1 as ShotScore defines it (a gradual transition is found by a boundary inside it; ours strict: its first and last frame within ±2)"));
        Console.WriteLine("| Detector | Wall time | × decode | Peak memory | F1 overall | F1 cuts | F1 dissolves/fades | strict gradual | starts in a flash shot | in a motion shot |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var detector in runs.Keys)
        {
            var time = Time(detector);
            var line = Invariant($"| {detector} | {Seconds(time)} | {Ratio(time / floor)} | {Megabytes(Peak(detector))} |");
            if (scores.TryGetValue(detector, out var s))
            {
                var lenient = Sum(s.Select(x => ShotScore.Of(x.Truth, x.Found)));
                var strict = detector == SceneDetectors.Ours ? Sum(s.Select(x => ShotScore.Of(x.Truth, x.Found, strict: true))) : null;
                line += Invariant($" {lenient.Overall:0.00} | {lenient.Cuts:0.00} | {lenient.Gradual:0.00} | {(strict is null ? "—" : strict.Gradual.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture))} | {lenient.OnFlashes} | {lenient.InMotion} |");
            }
            else
            {
                line += " — | — | — | — | — | — |";
            }

            Console.WriteLine(line);
        }

        var ours = Time(SceneDetectors.Ours);
        var rows = new List<BenchmarkRow>
        {
            new("analyze vs decode", Seconds(ours), Seconds(floor), Ratio(ours / floor), "≤ 1.3×", ours / floor <= 1.3),
            new("analyze peak memory", Megabytes(Peak(SceneDetectors.Ours)), "—", "—", "< 200 MB", Peak(SceneDetectors.Ours) < 200 * 1024),
        };
        foreach (var other in runs.Keys.Where(k => k is not (SceneDetectors.Ours or SceneDetectors.Decode)))
        {
            var time = Time(other);
            rows.Add(new($"analyze vs {other}", Seconds(ours), Seconds(time), Ratio(ours / time), "< 1.0× and more accurate", ours < time && MoreAccurate(scores, other)));
        }

        return rows;
    }

    private static bool MoreAccurate(Dictionary<string, List<(ShotTestSet.Truth Truth, IReadOnlyList<FoundBoundary> Found)>> scores, string other)
    {
        var ours = Sum(scores[SceneDetectors.Ours].Select(x => ShotScore.Of(x.Truth, x.Found)));
        var theirs = Sum(scores[other].Select(x => ShotScore.Of(x.Truth, x.Found)));
        return ours.Overall > theirs.Overall && ours.Cuts > theirs.Cuts && ours.Gradual > theirs.Gradual;
    }

    /// <summary>One score over several files: the counts added up, the F1s recomputed from the per-file ones weighted by boundaries found and missed.</summary>
    private static ShotScore Sum(IEnumerable<ShotScore> scores)
    {
        var list = scores.ToList();
        double Weighted(Func<ShotScore, double> f) => list.Sum(s => f(s) * (s.Found + s.Missed)) / Math.Max(1, list.Sum(s => s.Found + s.Missed));
        return new ShotScore(Weighted(s => s.Overall), Weighted(s => s.Cuts), Weighted(s => s.Gradual), list.Sum(s => s.Found), list.Sum(s => s.False), list.Sum(s => s.Missed), list.Sum(s => s.OnFlashes), list.Sum(s => s.InMotion));
    }

    /// <summary>The file for <paramref name="file"/> with its truth, made once and kept in the clip cache folder.</summary>
    private static async Task<ShotTestSet.Truth> MakeAsync(BenchmarkContext context, SetFile file)
    {
        var media = SharedMedia();
        var cache = Path.Combine(context.WorkDirectory, "clips", "shots");
        Directory.CreateDirectory(cache);
        var (width, height) = (file.Size.Split('x')[0], file.Size.Split('x')[1]);
        var unitPath = Path.Combine(cache, Invariant($"unit-{file.Size}-{file.Fps}.mp4"));
        var pieces = new List<ShotTestSet.Piece>
        {
            // Every repetition opens with a shot unlike the one that closes the unit, so the seam is a true cut.
            new("opening", 1.0, ShotTestSet.TransitionSpec.Cut, ["-f", "lavfi", "-i", "color=c=0x2040A0:s=320x180:d=10"],
                "scale=160:90,drawbox=x='20+t*60':y=30:w=30:h=30:c=yellow:t=fill"),
        };
        pieces.AddRange(ShotTestSet.Standard(media));
        var unit = await ShotTestSet.GenerateAsync(unitPath + ".tmp.mp4", file.Fps, pieces, $"scale={width}:{height}:flags=bicubic,noise=alls=5:allf=t+u,format=yuv420p");
        File.Move(unitPath + ".tmp.mp4", unitPath, overwrite: true);

        var list = Path.Combine(cache, Invariant($"set-{file.Size}-{file.Fps}-{file.Units}.txt"));
        await File.WriteAllLinesAsync(list, Enumerable.Repeat($"file '{unitPath}'", file.Units));
        var path = Path.Combine(cache, Invariant($"set-{file.Size}-{file.Fps}-{file.Units}.mp4"));
        await Tools.FFmpegAsync(["-f", "concat", "-safe", "0", "-i", list, "-c", "copy", path]);

        var boundaries = new List<ShotTestSet.TrueBoundary>();
        var quiet = new List<ShotTestSet.QuietSpan>();
        for (var k = 0; k < file.Units; k++)
        {
            var offset = k * unit.FrameCount;
            if (k > 0)
            {
                boundaries.Add(new("cut", offset, offset, "opening"));
            }

            boundaries.AddRange(unit.Boundaries.Select(b => b with { FirstFrame = b.FirstFrame + offset, LastFrame = b.LastFrame + offset }));
            quiet.AddRange(unit.NoCuts.Select(q => q with { FirstFrame = q.FirstFrame + offset, LastFrame = q.LastFrame + offset }));
        }

        return new ShotTestSet.Truth(path, file.Fps, unit.FrameCount * file.Units, boundaries, quiet);
    }

    private static string SharedMedia()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Recreation.sln")))
            {
                var media = Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "media"));
                return Directory.Exists(media) ? media : throw new BenchmarkException($"The shared media folder {media} is missing (the benchmark cuts its clips).");
            }
        }

        throw new BenchmarkException("Recreation.sln not found above the benchmark: run it from the repository's build output.");
    }

    private static string? DefaultPySceneDetect(string work)
    {
        var extracted = Path.Combine(work, "pyscenedetect");
        return Directory.Exists(Path.Combine(extracted, "scenedetect")) ? extracted : null;
    }
}