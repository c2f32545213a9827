using Recreation.Core;
using Recreation.Generation.Placeholder;
using Recreation.Generation.Providers;
using Recreation.Media;
using Recreation.Media.Probing;
using Recreation.Media.Validation;
using Recreation.Pipeline.Ledger;
using Recreation.Pipeline.Running;
using Recreation.Testing;

namespace Recreation.Pipeline.Tests;

[CancelAfter(120_000)]
public class RunSpecs
{
    private const string Yaml = """
        version: 1
        title: Pipeline spec
        profiles: [{ name: tiny, seconds: [1, 2], sizes: [{ size: 320x180, usd_per_second: 0 }] }]
        target: { model: tiny, concurrency: 2 }
        output: { path: out/spec.mp4, fps: 24, loudness: null }
        planning: { max_clip_seconds: 2 }
        palette: ["#203040", "#a0b0c0"]
        scenes:
          - { id: a, duration: 3, description: The first scene. }
          - { id: b, duration: 1.5, description: The second scene., transition: "crossfade:0.5" }
        """;

    private static readonly FFmpegRunner Runner = new();

    private static RunOrchestrator Orchestrator() => new(Runner, new ClipGeneratorFactory(ProviderRegistry.BuiltIn, new ProviderContext(Runner)));

    private static CompiledScene Write(TempDirectory temp, string yaml = Yaml)
    {
        var path = temp.File("scene.yaml");
        File.WriteAllText(path, yaml);
        return SceneCompiler.Compile(path);
    }

    [Test]
    public async Task A_run_renders_conforms_and_stitches_to_the_planned_length(CancellationToken cancellationToken)
    {
        using var temp = new TempDirectory();
        var summary = await Orchestrator().RunAsync(Write(temp), new RunOptions(), null, cancellationToken);

        Assert.That(summary.Succeeded, string.Join("; ", summary.Clips.Select(c => c.Error)));
        Assert.That(summary.Clips.Select(c => c.ClipId), Is.EqualTo(new[] { "a-1", "a-2", "b-1" }));
        Assert.That(summary.Clips, Has.All.Matches<ClipOutcome>(c => c.State == ClipState.Conformed && !c.CacheHit));
        var output = temp.File("out/spec.mp4");
        Assert.That(summary.OutputPath, Is.EqualTo(output));
        var info = await new MediaProbe(Runner).ProbeAsync(output, cancellationToken);
        Assert.That(info.VideoDuration.TotalSeconds, Is.EqualTo(4.0).Within(1.0 / 24), "3 + 1.5 − 0.5 crossfade");
        Assert.That((info.Video!.Width, info.Video.Height), Is.EqualTo((320, 180)));
        var check = await new MediaValidator(Runner).ValidateAsync(new MediaValidationRequest(output) { Decode = DecodeCheck.Full }, cancellationToken);
        Assert.That(check.IsValid, check.ToString());
        Assert.That(File.Exists(Path.Combine(summary.Workspace, "plan.json")));
        Assert.That(File.Exists(Path.Combine(summary.Workspace, "ledger.json")));
        Assert.That(File.ReadAllText(Path.Combine(summary.Workspace, "report.txt")), Does.Contain("Scene starts:").And.Contain("00:00:02.500  b"));
        Assert.That(File.ReadAllText(Path.Combine(summary.Workspace, "report.html")), Does.Contain("data-clip=\"b-1\"").And.Contain("00:00:02.500 b"));
    }

    [Test]
    public async Task An_unchanged_rerun_generates_nothing_and_editing_one_scene_regenerates_only_its_clips(CancellationToken cancellationToken)
    {
        using var temp = new TempDirectory();
        var first = await Orchestrator().RunAsync(Write(temp), new RunOptions(), null, cancellationToken);
        Assert.That(first.Succeeded);

        var second = await Orchestrator().RunAsync(Write(temp), new RunOptions(), null, cancellationToken);
        Assert.That(second.Succeeded);
        Assert.That(second.Clips, Has.All.Matches<ClipOutcome>(c => c.CacheHit && c.ConformCacheHit), "nothing generated or conformed again");

        var edited = Yaml.Replace("The second scene.", "The second scene at night.");
        var third = await Orchestrator().RunAsync(Write(temp, edited), new RunOptions(), null, cancellationToken);
        Assert.That(third.Succeeded);
        Assert.That(third.Clips.Where(c => c.CacheHit).Select(c => c.ClipId), Is.EqualTo(new[] { "a-1", "a-2" }));
        Assert.That(third.Clips.Where(c => !c.CacheHit).Select(c => c.ClipId), Is.EqualTo(new[] { "b-1" }));
    }

    [Test]
    public async Task A_cancelled_run_resumes_and_finishes_with_the_same_result(CancellationToken cancellationToken)
    {
        using var temp = new TempDirectory();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var progress = new InlineProgress(e =>
        {
            if (e.Phase == RunPhase.Generate && e.Status == "generated")
            {
                stop.Cancel();
            }
        });
        Assert.That(async () => await Orchestrator().RunAsync(Write(temp), new RunOptions(), progress, stop.Token), Throws.InstanceOf<OperationCanceledException>());
        Assert.That(File.Exists(temp.File("out/spec.mp4")), Is.False, "no output from a cancelled run");

        var resumed = await Orchestrator().RunAsync(Write(temp), new RunOptions(), null, cancellationToken);
        Assert.That(resumed.Succeeded);
        Assert.That(resumed.Clips.Count(c => c.CacheHit), Is.GreaterThanOrEqualTo(1), "the clip finished before the cancel is reused");

        using var fresh = new TempDirectory();
        var reference = await Orchestrator().RunAsync(Write(fresh), new RunOptions(), null, cancellationToken);
        var resumedInfo = await new MediaProbe(Runner).ProbeAsync(resumed.OutputPath!, cancellationToken);
        var referenceInfo = await new MediaProbe(Runner).ProbeAsync(reference.OutputPath!, cancellationToken);
        Assert.That(resumedInfo.VideoDuration, Is.EqualTo(referenceInfo.VideoDuration));
        Assert.That(resumedInfo.Video!.FrameCount, Is.EqualTo(referenceInfo.Video!.FrameCount));
    }

    [Test]
    public async Task A_damaged_cached_clip_is_generated_again(CancellationToken cancellationToken)
    {
        using var temp = new TempDirectory();
        var first = await Orchestrator().RunAsync(Write(temp), new RunOptions(), null, cancellationToken);
        var ledger = RunLedger.Open(Path.Combine(first.Workspace, "ledger.json"));
        var clipFile = Path.Combine(first.Workspace, ledger.Find("a-2")!.File!);
        await File.WriteAllBytesAsync(clipFile, new byte[100], cancellationToken);

        var second = await Orchestrator().RunAsync(Write(temp), new RunOptions(), null, cancellationToken);
        Assert.That(second.Succeeded);
        Assert.That(second.Clips.Single(c => c.ClipId == "a-2").CacheHit, Is.False);
    }

    [Test]
    public async Task Chained_clips_start_from_frames_that_a_rerun_reuses(CancellationToken cancellationToken)
    {
        using var temp = new TempDirectory();
        await Testing.FakeVideosApi.FakeImages.WritePngAsync(temp.File("door.png"), 64, 36, cancellationToken);
        var yaml = Yaml.Replace("planning: { max_clip_seconds: 2 }", "planning: { max_clip_seconds: 2 }\ncontinuity: { chain: last-frame }")
            .Replace("{ id: a, duration: 3, description: The first scene. }", "{ id: a, duration: 3, description: The first scene., reference_image: door.png }");
        Assert.That(yaml, Does.Contain("last-frame").And.Contain("door.png"));

        var first = await Orchestrator().RunAsync(Write(temp, yaml), new RunOptions(), null, cancellationToken);
        Assert.That(first.Succeeded, string.Join("; ", first.Clips.Select(c => c.Error)));
        var frames = Directory.GetFiles(Path.Combine(first.Workspace, "frames")).Select(Path.GetFileName).Order().ToList();
        Assert.That(frames, Has.Count.EqualTo(2), "the reference image for a-1 and the last frame of a-1 for a-2");
        Assert.That(frames, Has.One.StartsWith("reference-").And.One.StartsWith("last-"));
        Assert.That(frames, Has.All.EndsWith("-320x180.png"));
        var stamps = Directory.GetFiles(Path.Combine(first.Workspace, "frames")).ToDictionary(f => f, File.GetLastWriteTimeUtc);

        var second = await Orchestrator().RunAsync(Write(temp, yaml), new RunOptions(), null, cancellationToken);
        Assert.That(second.Clips, Has.All.Matches<ClipOutcome>(c => c.CacheHit), "same frames, same keys, nothing generated");
        Assert.That(stamps.All(s => File.GetLastWriteTimeUtc(s.Key) == s.Value), "frames are not extracted again");
    }

    [Test]
    public async Task A_failed_clip_is_reported_and_the_others_are_kept_for_the_next_run(CancellationToken cancellationToken)
    {
        using var temp = new TempDirectory();
        var failing = new RunOrchestrator(Runner, new ClipGeneratorFactory(ProviderRegistry.BuiltIn.WithGenerator("placeholder", _ => new FailingFor("b-1", new PlaceholderGenerator(Runner))), new ProviderContext(Runner)));
        var first = await failing.RunAsync(Write(temp), new RunOptions(), null, cancellationToken);

        Assert.That(first.Succeeded, Is.False);
        Assert.That(first.OutputPath, Is.Null);
        Assert.That(File.Exists(temp.File("out/spec.mp4")), Is.False);
        var failed = first.Clips.Single(c => c.State == ClipState.Failed);
        Assert.That((failed.ClipId, failed.Error), Is.EqualTo(("b-1", "Clip b-1 was not generated: moderation_blocked: the prompt was refused")));
        Assert.That(first.Clips.Where(c => c.State == ClipState.Conformed).Select(c => c.ClipId), Is.EqualTo(new[] { "a-1", "a-2" }));

        var second = await Orchestrator().RunAsync(Write(temp), new RunOptions(), null, cancellationToken);
        Assert.That(second.Succeeded);
        Assert.That(second.Clips.Where(c => !c.CacheHit).Select(c => c.ClipId), Is.EqualTo(new[] { "b-1" }), "only the failed clip is generated again");
    }

    /// <summary>A backend whose job for one clip ends failed, as a moderated job does; the others render normally.</summary>
    private sealed class FailingFor(string clipId, Generation.IClipGenerator inner) : Generation.IClipGenerator
    {
        public Task<Generation.GenerationJob> SubmitAsync(Generation.ClipRequest request, CancellationToken cancellationToken = default) =>
            inner.SubmitAsync(request, cancellationToken);

        public Task<Generation.JobOutcome> AwaitAsync(Generation.GenerationJob job, IProgress<double>? progress = null, CancellationToken cancellationToken = default) =>
            job.ClipId == clipId
                ? Task.FromResult(Generation.JobOutcome.Failed("moderation_blocked: the prompt was refused"))
                : inner.AwaitAsync(job, progress, cancellationToken);

        public Task FetchAsync(Generation.GenerationJob job, Generation.ClipRequest request, string destinationPath, IProgress<double>? progress = null, CancellationToken cancellationToken = default) =>
            inner.FetchAsync(job, request, destinationPath, progress, cancellationToken);
    }

    /// <summary>Reports on the calling thread, so the test sees events in order.</summary>
    private sealed class InlineProgress(Action<RunEvent> handler) : IProgress<RunEvent>
    {
        public void Report(RunEvent value) => handler(value);
    }
}