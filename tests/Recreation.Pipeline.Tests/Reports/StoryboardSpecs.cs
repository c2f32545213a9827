using System.Text.RegularExpressions;

using Recreation.Core;
using Recreation.Generation.Placeholder;
using Recreation.Generation.Providers;
using Recreation.Media;
using Recreation.Media.Probing;
using Recreation.Pipeline.Running;
using Recreation.Testing;

namespace Recreation.Pipeline.Tests.Reports;

/// <summary>
/// A run's report.html as a storyboard, on real placeholder runs: the finished video on top by a
/// relative link, one card per clip with three decodable inline thumbnails, anchors and palette
/// codes marked in the prompt, the measured palette and its drift, and every piece of text from
/// the scene file encoded (a <c>&lt;script&gt;</c> in it is shown, never run).
/// </summary>
[CancelAfter(180_000)]
public partial class StoryboardSpecs
{
    internal const string Yaml = """
        version: 1
        title: Storyboard <script>alert('title')</script>
        profiles: [{ name: tiny, seconds: [1, 2], sizes: [{ size: 320x180, usd_per_second: 0 }] }]
        target: { model: tiny, concurrency: 2 }
        output: { path: out/story.mp4, fps: 24, loudness: null }
        planning: { max_clip_seconds: 2 }
        palette: ["#203040", "#a0b0c0"]
        characters:
          mara: { description: a baker, anchors: ["red <b>scarf</b>", round glasses] }
        scenes:
          - { id: a, duration: 3, description: "Mara <script>alert('scene')</script> kneads dough & waits.", characters: [mara] }
          - { id: b, duration: 1.5, description: The second scene., transition: "crossfade:0.5" }
        """;

    private static readonly FFmpegRunner Runner = new();

    internal static RunOrchestrator Orchestrator(ProviderRegistry? registry = null) =>
        new(Runner, new ClipGeneratorFactory(registry ?? ProviderRegistry.BuiltIn, new ProviderContext(Runner)));

    internal static CompiledScene Write(TempDirectory temp, string yaml = Yaml)
    {
        var path = temp.File("scene.yaml");
        File.WriteAllText(path, yaml);
        return SceneCompiler.Compile(path);
    }

    private TempDirectory _temp = null!;
    private CountedMediaTools _tools = null!;
    private RunSummary _summary = null!;

    /// <summary>
    /// One run of <see cref="Yaml"/> for the specs that only read what it left (the report, the
    /// workspace, the media processes it started): a placeholder run is a dozen ffmpeg processes.
    /// </summary>
    [OneTimeSetUp]
    public async Task RunOnce()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        _temp = new TempDirectory();
        _tools = new CountedMediaTools();
        var runner = new FFmpegRunner(_tools.Options);
        var orchestrator = new RunOrchestrator(runner, new ClipGeneratorFactory(ProviderRegistry.BuiltIn, new ProviderContext(runner)));
        _summary = await orchestrator.RunAsync(Write(_temp), new RunOptions(), null, timeout.Token);
    }

    [OneTimeTearDown]
    public void DeleteRun()
    {
        _tools?.Dispose();
        _temp?.Dispose();
    }

    [Test]
    public async Task The_report_shows_the_video_and_one_card_per_clip_with_three_decodable_thumbnails(CancellationToken cancellationToken)
    {
        var (temp, summary) = (_temp, _summary);
        Assert.That(summary.Succeeded, string.Join("; ", summary.Clips.Select(c => c.Error)));
        var html = await File.ReadAllTextAsync(Path.Combine(summary.Workspace, "report.html"), cancellationToken);

        var video = VideoTag().Match(html);
        Assert.That(video.Success, "a <video> element");
        Assert.That(Path.GetFullPath(Path.Combine(summary.Workspace, video.Groups[1].Value)), Is.EqualTo(temp.File("out/story.mp4")), "linked relative to the page");
        Assert.That(html.IndexOf("<video", StringComparison.Ordinal), Is.LessThan(html.IndexOf("class=\"card", StringComparison.Ordinal)), "the video comes first");

        var cards = Regex.Split(html, "<section class=\"card").Skip(1).ToList();
        Assert.That(cards, Has.Count.EqualTo(3));
        Assert.That(cards.Select(c => Regex.Match(c, "data-clip=\"([^\"]+)\"").Groups[1].Value), Is.EqualTo(new[] { "a-1", "a-2", "b-1" }));
        using var thumbnails = new TempDirectory();
        foreach (var card in cards)
        {
            var images = DataImage().Matches(card).Select(m => Convert.FromBase64String(m.Groups[1].Value)).ToList();
            Assert.That(images, Has.Count.EqualTo(3), "first, middle and last frame");
            foreach (var jpeg in images)
            {
                var file = thumbnails.File($"thumb-{Guid.NewGuid():N}.jpg");
                await File.WriteAllBytesAsync(file, jpeg, cancellationToken);
                var info = await new MediaProbe(Runner).ProbeAsync(file, cancellationToken);
                Assert.That((info.Video!.Width, info.Video.Height), Is.EqualTo((240, 136)), "a decodable JPEG at the thumbnail size");
            }

            Assert.That(card, Does.Contain("State: <b class=\"ok\">conformed</b>"));
            Assert.That(card, Does.Match("ΔE [0-9.]+ from plan"), "placeholder clips are drawn in the planned palette: no drift");
        }

        Assert.That(cards[1], Does.Contain("generated 1 s, used 1 s"));
        Assert.That(cards[2], Does.Contain("generated 2 s, used 1.5 s"));
    }

    [Test]
    public async Task The_conforms_measure_the_clips_looks_and_nothing_probes_the_conformed_clips(CancellationToken cancellationToken)
    {
        var summary = _summary;
        Assert.That(summary.Succeeded, string.Join("; ", summary.Clips.Select(c => c.Error)));

        var conformed = Directory.GetFiles(summary.Workspace, "*.mov", SearchOption.AllDirectories);
        Assert.That(conformed, Has.Length.EqualTo(3));
        var starts = _tools.Starts;
        var looks = starts.Where(s => s.Contains("scale=32:18:flags=area", StringComparison.Ordinal)).ToList();
        Assert.That(looks, Has.Count.EqualTo(3), "each clip's thumbnails and palette, measured by its conform");
        Assert.That(looks, Has.All.Contains("-c:v libx264").And.All.Contains("-f mov"), "no ffmpeg run of the report's own");
        foreach (var clip in conformed)
        {
            Assert.That(starts.Where(s => s.Contains(Path.GetFileName(clip), StringComparison.Ordinal)), Has.None.StartWith("ffprobe "), $"{clip}: the stitch reads its index, the report its conform's look");
        }

        var html = await File.ReadAllTextAsync(Path.Combine(summary.Workspace, "report.html"), cancellationToken);
        Assert.That(DataImage().Matches(html), Has.Count.EqualTo(9), "three thumbnails on each of the three cards");
    }

    [Test]
    public async Task Looks_not_kept_are_measured_by_the_report_in_one_ffmpeg_run(CancellationToken cancellationToken)
    {
        using var temp = new TempDirectory();
        using var tools = new CountedMediaTools();
        var runner = new FFmpegRunner(tools.Options);
        var orchestrator = new RunOrchestrator(runner, new ClipGeneratorFactory(ProviderRegistry.BuiltIn, new ProviderContext(runner)));
        var scene = Write(temp);
        var first = await orchestrator.RunAsync(scene, new RunOptions(), null, cancellationToken);
        Assert.That(first.Succeeded, string.Join("; ", first.Clips.Select(c => c.Error)));
        var kept = Directory.GetFiles(Path.Combine(first.Workspace, "report"), "*.look.json");
        Assert.That(kept, Has.Length.EqualTo(3), "the conforms kept their looks");
        foreach (var file in kept)
        {
            File.Delete(file);
        }

        File.Delete(Path.Combine(first.Workspace, "report.html"));
        tools.Clear();
        var again = await orchestrator.RunAsync(scene, new RunOptions(), null, cancellationToken);

        Assert.That(again.Succeeded, string.Join("; ", again.Clips.Select(c => c.Error)));
        var looks = tools.Starts.Where(s => s.Contains("scale=32:18:flags=area", StringComparison.Ordinal)).ToList();
        Assert.That(looks, Has.Count.EqualTo(1), "one ffmpeg run for every clip's thumbnails and palette");
        foreach (var clip in Directory.GetFiles(again.Workspace, "*.mov", SearchOption.AllDirectories))
        {
            Assert.That(looks[0], Does.Contain(clip), "every clip measured in that run");
        }

        var html = await File.ReadAllTextAsync(Path.Combine(again.Workspace, "report.html"), cancellationToken);
        Assert.That(DataImage().Matches(html), Has.Count.EqualTo(9), "three thumbnails on each of the three cards");
    }

    [Test]
    public async Task Text_from_the_scene_file_is_encoded_and_anchors_and_palette_codes_are_marked(CancellationToken cancellationToken)
    {
        var html = await File.ReadAllTextAsync(Path.Combine(_summary.Workspace, "report.html"), cancellationToken);

        Assert.That(html, Does.Not.Contain("<script").IgnoreCase, "no script element, from the scene file or of our own");
        Assert.That(html, Does.Not.Contain("<b>scarf"), "markup in an anchor stays text");
        Assert.That(html, Does.Contain("Mara &lt;script&gt;alert(&#39;scene&#39;)&lt;/script&gt; kneads dough &amp; waits."));
        Assert.That(html, Does.Contain("<h1>Storyboard &lt;script&gt;alert(&#39;title&#39;)&lt;/script&gt;</h1>"));
        Assert.That(html, Does.Contain("<mark class=\"anchor\">red &lt;b&gt;scarf&lt;/b&gt;</mark>").And.Contain("<mark class=\"anchor\">round glasses</mark>"));
        Assert.That(html, Does.Contain("<mark class=\"palette\">#203040</mark>").And.Contain("<mark class=\"palette\">#a0b0c0</mark>"));
        Assert.That(UrlAttribute().Matches(html).Select(m => m.Groups[1].Value), Has.All.Match("^(data:image/jpeg;base64,|\\.\\./\\.\\./story\\.mp4$)"), "nothing to fetch but inline images and the local video");
        Assert.That(html, Does.Contain("Content-Security-Policy"));
    }

    [Test]
    public async Task A_failed_run_still_gets_a_report_whose_card_names_the_error(CancellationToken cancellationToken)
    {
        using var temp = new TempDirectory();
        var registry = ProviderRegistry.BuiltIn.WithGenerator("placeholder", _ => new FailingFor("b-1", "moderation_blocked: <i>refused</i>", new PlaceholderGenerator(Runner)));
        var summary = await Orchestrator(registry).RunAsync(Write(temp), new RunOptions(), null, cancellationToken);
        Assert.That(summary.Succeeded, Is.False);

        var html = await File.ReadAllTextAsync(Path.Combine(summary.Workspace, "report.html"), cancellationToken);
        Assert.That(html, Does.Not.Contain("<video"), "no finished video to show");
        Assert.That(html, Does.Contain("No finished video yet"));
        var failed = Regex.Split(html, "<section class=\"card").Single(c => c.Contains("data-clip=\"b-1\"", StringComparison.Ordinal));
        Assert.That(failed, Does.StartWith(" failed\""));
        Assert.That(failed, Does.Contain("State: <b class=\"error\">failed</b>"));
        Assert.That(failed, Does.Contain("moderation_blocked: &lt;i&gt;refused&lt;/i&gt;"));
        Assert.That(DataImage().Matches(failed), Is.Empty, "no clip, no thumbnails");
        Assert.That(DataImage().Matches(html), Has.Count.EqualTo(6), "the two clips that were made have theirs");
    }

    [Test]
    public async Task A_rerun_takes_the_thumbnails_and_palettes_from_the_workspace(CancellationToken cancellationToken)
    {
        using var temp = new TempDirectory();
        var first = await Orchestrator().RunAsync(Write(temp), new RunOptions(), null, cancellationToken);
        var looks = Directory.GetFiles(Path.Combine(first.Workspace, "report"), "*.look.json");
        Assert.That(looks, Has.Length.EqualTo(3));
        var stamps = looks.ToDictionary(f => f, File.GetLastWriteTimeUtc);
        var before = await File.ReadAllTextAsync(Path.Combine(first.Workspace, "report.html"), cancellationToken);

        var second = await Orchestrator().RunAsync(Write(temp), new RunOptions(), null, cancellationToken);
        Assert.That(stamps.All(s => File.GetLastWriteTimeUtc(s.Key) == s.Value), "nothing measured again");
        var after = await File.ReadAllTextAsync(Path.Combine(second.Workspace, "report.html"), cancellationToken);
        Assert.That(DataImage().Matches(after).Select(m => m.Value), Is.EqualTo(DataImage().Matches(before).Select(m => m.Value)));
    }

    [GeneratedRegex("<video[^>]* src=\"([^\"]+)\"")]
    private static partial Regex VideoTag();

    [GeneratedRegex("src=\"data:image/jpeg;base64,([A-Za-z0-9+/=]+)\"")]
    internal static partial Regex DataImage();

    [GeneratedRegex("(?:src|href)=\"([^\"]*)\"")]
    private static partial Regex UrlAttribute();

    /// <summary>A backend whose job for one clip ends failed, as a moderated job does; the others render normally.</summary>
    internal sealed class FailingFor(string clipId, string reason, Generation.IClipGenerator inner) : Generation.IClipGenerator
    {
        public Task<Generation.GenerationJob> SubmitAsync(Generation.ClipRequest request, CancellationToken cancellationToken = default) =>
            inner.SubmitAsync(request, cancellationToken);

        public Task<Generation.JobOutcome> AwaitAsync(Generation.GenerationJob job, IProgress<double>? progress = null, CancellationToken cancellationToken = default) =>
            job.ClipId == clipId ? Task.FromResult(Generation.JobOutcome.Failed(reason)) : inner.AwaitAsync(job, progress, cancellationToken);

        public Task FetchAsync(Generation.GenerationJob job, Generation.ClipRequest request, string destinationPath, IProgress<double>? progress = null, CancellationToken cancellationToken = default) =>
            inner.FetchAsync(job, request, destinationPath, progress, cancellationToken);
    }
}