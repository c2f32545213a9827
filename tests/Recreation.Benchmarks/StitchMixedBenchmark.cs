using System.Globalization;
using System.Text;

namespace Recreation.Benchmarks;

/// <summary>
/// 6 mixed clips (sizes 1280x720, 640x360, 1920x1080 and a 720x1280 portrait; 24 and 30 fps; one
/// without audio) joined with 0.5 s crossfades at 1280x720 / 30 fps, loudness −14. Baseline: the
/// best single hand-written filtergraph (cover-scale, <c>fps</c>, <c>settb</c>, chained
/// <c>xfade</c> at exact offsets, audio resampled or <c>anullsrc</c>, padded and cut to each
/// video, chained <c>acrossfade</c>), loudnorm pass 1 over the audio half of the graph (no video
/// decoded), pass 2 over the whole graph encoding once: x264 veryfast crf 20 (the same GOP and
/// no B-frames as ours) + AAC, <c>+faststart</c>.
/// </summary>
internal static class StitchMixedBenchmark
{
    public const string Name = "stitch-mixed";
    private const double Target = 1.0;
    private const double Loudness = -14;
    private const double Crossfade = 0.5;

    public static async Task<BenchmarkRow> RunAsync(BenchmarkContext context)
    {
        var (width, height, fps) = context.Quick ? (320, 180, 30) : (1280, 720, 30);
        var specs = context.Quick
            ? new List<ClipSpec>
            {
                new(320, 180, 30, 2, 440),
                new(160, 90, 24, 2, 550, -3),
                new(480, 270, 30, 2.5, 660, -6),
                new(180, 320, 24, 2, null),
                new(320, 180, 24, 2, 330),
                new(160, 90, 30, 2, 770, -3),
            }
            : new List<ClipSpec>
            {
                new(1280, 720, 30, 5, 440),
                new(640, 360, 24, 4, 550, -3),
                new(1920, 1080, 30, 6, 660, -6),
                new(720, 1280, 24, 5, null),
                new(1280, 720, 24, 4.5, 330),
                new(640, 360, 30, 5, 770, -3),
            };
        var clips = await context.Clips.EnsureAsync("mixed", specs).ConfigureAwait(false);
        var folder = context.RunFolder(Name);
        var ours = Path.Combine(folder, "ours.mp4");
        var baseline = Path.Combine(folder, "baseline.mp4");
        var durations = specs.Select(s => Math.Round(s.Seconds * fps) / fps).ToList();
        var expected = durations.Sum() - ((specs.Count - 1) * Crossfade);
        var normalization = "";

        var size = Stats.Invariant($"{width}x{height}");
        var result = await SideBySide.RunAsync(Name, context.Repeat,
            async () =>
            {
                File.Delete(ours);
                return RecreateOutput.EnsureSucceeded(await context.Tools.RecreateAsync(
                    ["stitch", .. clips, "-o", ours, "--size", size, "--fps", Stats.Invariant($"{fps}"), "--transition", Stats.Invariant($"crossfade:{Crossfade}"), "--loudness", "-14"]).ConfigureAwait(false));
            },
            async () =>
            {
                File.Delete(baseline);
                var (elapsed, type) = await BaselineAsync(clips, specs, durations, width, height, fps, baseline).ConfigureAwait(false);
                normalization = type;
                return elapsed;
            }).ConfigureAwait(false);

        Console.WriteLine(result.Headline(Name, Target));
        Console.WriteLine("  inputs: " + string.Join("; ", specs.Select(s => s.Describe())) + Stats.Invariant($"; → {size} {fps} fps, crossfade {Crossfade} s, loudness {Loudness} LUFS"));
        Console.WriteLine(result.AllRuns());
        Console.WriteLine("  ours, by phase (median run): " + RecreateOutput.Phases(result.MedianOurs));
        Console.WriteLine("  ours printed: " + (RecreateOutput.DoneLine(result.MedianOurs) ?? "(no Done line)"));
        Console.WriteLine($"  baseline pass 2 normalization_type: {normalization}");
        await OutputCheck.CompareAsync(ours, baseline, fps, expected).ConfigureAwait(false);
        return result.Row(Stats.Invariant($"stitch-mixed: {specs.Count} mixed clips → {size}, {Crossfade} s crossfades, loudness"), Target);
    }

    private static async Task<(TimeSpan Elapsed, string NormalizationType)> BaselineAsync(
        IReadOnlyList<string> clips, IReadOnlyList<ClipSpec> specs, IReadOnlyList<double> durations, int width, int height, int fps, string output)
    {
        var stopwatch = System.Diagnostics.Stopwatch.StartNew();
        var inputs = clips.SelectMany(c => new[] { "-i", c }).ToList();

        // Pass 1: only the audio half of the graph, so no video is decoded.
        var pass1 = await Tools.FFmpegAsync(
        [
            "-loglevel", "info", "-nostats", .. inputs,
            "-filter_complex", Graph(specs, durations, width, height, fps, includeVideo: false, audioTail: Loudnorm.FirstPass(Loudness)),
            "-map", "[aout]", "-f", "null", "-",
        ]).ConfigureAwait(false);
        var measured = Loudnorm.Parse(pass1.StandardError);

        // Pass 2: the whole graph, encoded once.
        var gop = Stats.Invariant($"{fps * 2}");
        var pass2 = await Tools.FFmpegAsync(
        [
            "-loglevel", "info", "-nostats", .. inputs,
            "-filter_complex", Graph(specs, durations, width, height, fps, includeVideo: true, audioTail: Loudnorm.SecondPass(measured, Loudness)),
            "-map", "[vout]", "-map", "[aout]",
            "-c:v", "libx264", "-preset", "veryfast", "-crf", "20", "-profile:v", "high", "-pix_fmt", "yuv420p", "-g", gop, "-bf", "0",
            "-c:a", "aac", "-b:a", "192k", "-ar", "48000", "-ac", "2",
            "-movflags", "+faststart", output,
        ]).ConfigureAwait(false);
        stopwatch.Stop();
        return (stopwatch.Elapsed, Loudnorm.Parse(pass2.StandardError).GetValueOrDefault("normalization_type", "?"));
    }

    /// <summary>
    /// The single filtergraph: offset_i = Σ_{k&lt;i} d_k − i·T, total Σd − (N−1)·T (FFMPEG.md,
    /// "Crossfades"); d is each clip's length at the output rate.
    /// </summary>
    internal static string Graph(IReadOnlyList<ClipSpec> specs, IReadOnlyList<double> durations, int width, int height, int fps, bool includeVideo, string audioTail)
    {
        var graph = new StringBuilder();
        for (var i = 0; i < specs.Count; i++)
        {
            var d = Number(durations[i]);
            if (includeVideo)
            {
                // tpad + trim: exactly N frames, and an end xfade handles well. Without it (the graph
                // as FFMPEG.md sketches it) ffmpeg 5.1's xfade drops the last blended frame of every
                // crossfade whose first input ends with the transition — a 1-frame gap at each
                // transition and one frame too many at the end (measured: 296 frames, last at 10.0 s
                // instead of 300 ending at 9.967 s for the quick inputs).
                var frames = (long)Math.Round(durations[i] * fps);
                graph.Append(Stats.Invariant(
                    $"[{i}:v:0]scale={width}:{height}:force_original_aspect_ratio=increase,crop={width}:{height},setsar=1,fps={fps},format=yuv420p,settb=AVTB,setpts=PTS-STARTPTS,tpad=stop=-1:stop_mode=clone,trim=end_frame={frames}[v{i}];"));
            }

            graph.Append(specs[i].Frequency is null
                ? $"anullsrc=r=48000:cl=stereo,atrim=duration={d}[a{i}];"
                : $"[{i}:a:0]aresample=48000,aformat=sample_fmts=fltp:channel_layouts=stereo,asetpts=PTS-STARTPTS,apad,atrim=duration={d}[a{i}];");
        }

        var (video, audio, joined) = ("[v0]", "[a0]", durations[0]);
        for (var i = 1; i < specs.Count; i++)
        {
            if (includeVideo)
            {
                graph.Append($"{video}[v{i}]xfade=transition=fade:duration={Number(Crossfade)}:offset={Number(joined - Crossfade)}[vx{i}];");
                video = $"[vx{i}]";
            }

            graph.Append($"{audio}[a{i}]acrossfade=d={Number(Crossfade)}:c1=tri:c2=tri[ax{i}];");
            audio = $"[ax{i}]";
            joined += durations[i] - Crossfade;
        }

        if (includeVideo)
        {
            graph.Append($"{video}format=yuv420p[vout];");
        }

        graph.Append($"{audio}{audioTail}[aout]");
        return graph.ToString();
    }

    private static string Number(double value) => Math.Round(value, 6).ToString("0.######", CultureInfo.InvariantCulture);
}