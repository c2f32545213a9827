using System.Globalization;
using System.Text.RegularExpressions;

using Recreation.Core;
using Recreation.Core.Output;
using Recreation.Core.Planning;
using Recreation.Generation.Placeholder;
using Recreation.Generation.Providers;
using Recreation.Media;
using Recreation.Media.Probing;
using Recreation.Pipeline.Running;
using Recreation.Testing;

namespace Recreation.Pipeline.Tests;

/// <summary>A run's post-production from the scene file (issue 5, item 4): captions, fades, music, chapters, the report's scene starts.</summary>
[CancelAfter(150_000)]
[Parallelizable(ParallelScope.Children)] // each test has its own temp folder and fake: the long tests of this fixture spread over both workers
public partial class FinishingRunSpecs
{
    /// <summary>Three scenes, one split in two, a crossfade and a fade-black shifting the later ones; dialogue in every scene.</summary>
    private const string Yaml = """
        version: 1
        title: Finishing spec
        profiles: [{ name: tiny, seconds: [1, 2], sizes: [{ size: 320x180, usd_per_second: 0 }] }]
        target: { model: tiny, concurrency: 2 }
        output: { path: out/film.mp4, fps: 24, loudness: -16, captions: srt, fade: { in: 0.5, out: 0.75 } }
        planning: { max_clip_seconds: 2 }
        characters: { mara: { description: a barista } }
        scenes:
          - id: opening
            duration: 3.25
            description: Mara opens the cafe.
            characters: [mara]
            dialogue: [{ mara: "Morning." }, { mara: "Coffee's on." }, { mara: "Come in." }]
          - { id: rush, duration: 1.5, description: A queue forms., dialogue: [{ mara: "Next!" }], transition: "crossfade:0.5" }
          - { id: close, duration: 1.333, description: Lights out., dialogue: [{ mara: "Night." }], transition: "fade-black:0.25" }
        """;

    private static readonly FFmpegRunner Runner = new();

    private static RunOrchestrator Orchestrator() => new(Runner, new ClipGeneratorFactory(ProviderRegistry.BuiltIn, new ProviderContext(Runner)));

    private static CompiledScene Write(TempDirectory temp, string yaml)
    {
        var path = temp.File("scene.yaml");
        File.WriteAllText(path, yaml);
        return SceneCompiler.Compile(path);
    }

    [Test]
    public async Task Captions_chapters_fades_and_the_report_agree_with_the_plan_to_the_millisecond(CancellationToken cancellationToken)
    {
        using var temp = new TempDirectory();
        var scene = Write(temp, Yaml);

        var summary = await Orchestrator().RunAsync(scene, new RunOptions(), null, cancellationToken);

        Assert.That(summary.Succeeded, string.Join("; ", summary.Clips.Select(c => c.Error)));
        // The plan's own numbers: clip starts and shares in ms, less the transitions' overlaps.
        var clips = scene.Plan.Clips.ToList();
        var overlaps = new Dictionary<string, long> { ["opening"] = 0, ["rush"] = 500, ["close"] = 750 };
        var expected = new List<(long Start, long End, string Text)>();
        foreach (var clip in clips.Where(c => c.Dialogue.Count > 0))
        {
            var start = clip.StartMs - overlaps[clip.SceneId];
            var lines = clip.Dialogue.Count;
            expected.AddRange(clip.Dialogue.Select((line, i) => (start + (clip.ShareMs * i / lines), start + (clip.ShareMs * (i + 1) / lines), line.Text)));
        }

        var srt = Parse(await File.ReadAllTextAsync(temp.File("out/film.srt"), cancellationToken));
        Assert.That(srt, Is.EqualTo(expected), "every cue to the millisecond");
        Assert.That(srt.Select(c => c.Text), Is.EqualTo(new[] { "Morning.", "Coffee's on.", "Come in.", "Next!", "Night." }));
        Assert.That(srt[3].Start, Is.EqualTo(3250 - 500), "the rush scene starts where the crossfade begins");

        // Chapters: one per scene, in the MP4 and as text, where the report says each scene starts.
        var chapters = await MediaInspection.ReadChaptersAsync(temp.File("out/film.mp4"), cancellationToken);
        var info = await new MediaProbe(Runner).ProbeAsync(temp.File("out/film.mp4"), cancellationToken);
        Assert.That(chapters.Select(c => c.Title), Is.EqualTo(new[] { "opening", "rush", "close" }));
        Assert.That(chapters.Select(c => (long)Math.Round(c.Start.TotalMilliseconds)), Is.EqualTo(new long[] { 0, 2750, 4000 }));
        Assert.That(chapters[^1].End.TotalSeconds, Is.EqualTo(info.VideoDuration.TotalSeconds).Within(1.0 / 24));
        Assert.That(await File.ReadAllTextAsync(temp.File("out/film.chapters.txt"), cancellationToken),
            Is.EqualTo("00:00:00.000  opening\n00:00:02.750  rush\n00:00:04.000  close\n"));
        var report = await File.ReadAllTextAsync(Path.Combine(summary.Workspace, "report.txt"), cancellationToken);
        Assert.That(report, Does.Contain("00:00:02.750  rush").And.Contain("00:00:04.000  close"));

        // Fades: from black at the start, to black at the very end.
        var last = info.VideoDuration - TimeSpan.FromSeconds(1.5 / 24); // seeks to the last frame
        Assert.That(await BrightnessAsync(temp.File("out/film.mp4"), TimeSpan.Zero, cancellationToken), Is.LessThan(5), "first frame black");
        Assert.That(await BrightnessAsync(temp.File("out/film.mp4"), last, cancellationToken), Is.LessThan(5), "last frame black");
        Assert.That(await BrightnessAsync(temp.File("out/film.mp4"), TimeSpan.FromSeconds(1.5), cancellationToken), Is.GreaterThan(20), "the picture in between");
    }

    [Test]
    public async Task Burned_captions_and_a_music_bed_come_from_the_scene_file(CancellationToken cancellationToken)
    {
        using var temp = new TempDirectory();
        await SyntheticMedia.CreateAsync(Path.Combine(temp.Folder("music"), "bed.ogg"), new SyntheticMediaOptions { IncludeVideo = false, AudioFrequency = 2500, AudioCodec = "libvorbis" }, cancellationToken);
        var plain = Yaml.Replace("captions: srt, fade: { in: 0.5, out: 0.75 }", "captions: none");
        var finished = Yaml.Replace("captions: srt, fade: { in: 0.5, out: 0.75 }", "captions: burn, music: { path: music/bed.ogg, volume: 0.5 }").Replace("out/film.mp4", "out/finished.mp4");
        Assert.That(finished, Is.Not.EqualTo(Yaml));

        var without = await Orchestrator().RunAsync(Write(temp, plain), new RunOptions(), null, cancellationToken);
        var with = await Orchestrator().RunAsync(Write(temp, finished), new RunOptions(), null, cancellationToken);

        Assert.That(without.Succeeded && with.Succeeded);
        Assert.That(File.Exists(temp.File("out/film.srt")), Is.False, "captions: none writes no sidecar");
        Assert.That(File.Exists(temp.File("out/finished.srt")), Is.False, "burned captions are in the picture, not beside it");
        Assert.That(File.Exists(Path.Combine(with.Workspace, "captions.ass")), "the burned captions' source stays in the workspace");
        var plainFrame = await MediaInspection.ReadFrameAsync(temp.File("out/film.mp4"), 320, 180, TimeSpan.FromSeconds(0.5), cancellationToken);
        var burnedFrame = await MediaInspection.ReadFrameAsync(temp.File("out/finished.mp4"), 320, 180, TimeSpan.FromSeconds(0.5), cancellationToken);
        var changed = Enumerable.Range(0, 180).Sum(y => Enumerable.Range(0, 320).Count(x => Differs(plainFrame[x, y], burnedFrame[x, y])));
        Assert.That(changed, Is.GreaterThan(100), "'Morning.' is drawn on the picture (the same frames otherwise)");
        var music = "bandpass=f=2500:width_type=q:w=10";
        var plainMusic = await MediaInspection.MeanVolumeDbAsync(temp.File("out/film.mp4"), TimeSpan.FromSeconds(0.5), TimeSpan.FromSeconds(3), music, cancellationToken);
        var withMusic = await MediaInspection.MeanVolumeDbAsync(temp.File("out/finished.mp4"), TimeSpan.FromSeconds(0.5), TimeSpan.FromSeconds(3), music, cancellationToken);
        Assert.That(withMusic - plainMusic, Is.GreaterThan(10), "the music bed is in the mix");
    }

    [Test]
    public async Task A_music_file_without_sound_stops_the_run_before_anything_is_written(CancellationToken cancellationToken)
    {
        using var temp = new TempDirectory();
        await SyntheticMedia.CreateAsync(temp.File("silent.mp4"), new SyntheticMediaOptions { Audio = SyntheticAudio.None }, cancellationToken);
        var scene = Write(temp, Yaml.Replace("captions: srt,", "music: { path: silent.mp4 }, captions: srt,"));

        var error = Assert.ThrowsAsync<Core.Diagnostics.InvalidInputException>(() => Orchestrator().RunAsync(scene, new RunOptions(), null, cancellationToken));

        Assert.That(error!.Message, Does.Contain("scene.yaml:5:").And.Contain("output.music.path: ").And.Contain("has no audio stream"));
        Assert.That(temp.ListFiles(), Is.EquivalentTo(new[] { "scene.yaml", "silent.mp4" }), "no workspace, no output");
    }

    [Test]
    public void A_single_scene_has_no_chapters()
    {
        using var temp = new TempDirectory();
        var scene = Write(temp, Yaml[..Yaml.IndexOf("  - { id: rush", StringComparison.Ordinal)]);

        Assert.That(RunFinishing.Chapters(scene), Is.Empty);
        Assert.That(Srt.Cues(scene.File, scene.Plan), Has.Count.EqualTo(3));
    }

    private static bool Differs((byte R, byte G, byte B) a, (byte R, byte G, byte B) b) =>
        Math.Abs(a.R - b.R) > 40 || Math.Abs(a.G - b.G) > 40 || Math.Abs(a.B - b.B) > 40;

    private static List<(long Start, long End, string Text)> Parse(string srt) =>
        Cue().Matches(srt).Select(m => (Ms(m.Groups["from"].Value), Ms(m.Groups["to"].Value), m.Groups["text"].Value)).ToList();

    private static long Ms(string time)
    {
        var t = TimeSpan.ParseExact(time, @"hh\:mm\:ss\,fff", CultureInfo.InvariantCulture);
        return (long)t.TotalMilliseconds;
    }

    private static async Task<double> BrightnessAsync(string path, TimeSpan at, CancellationToken cancellationToken)
    {
        var frame = await MediaInspection.ReadFrameAsync(path, 64, 36, at, cancellationToken);
        return Enumerable.Range(0, frame.Height).Average(frame.RowBrightness);
    }

    [GeneratedRegex(@"\d+\n(?<from>[\d:,]+) --> (?<to>[\d:,]+)\n(?<text>[^\n]+)\n")]
    private static partial Regex Cue();
}