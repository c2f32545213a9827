using Recreation.Core;
using Recreation.Generation.Placeholder;
using Recreation.Generation.Providers;
using Recreation.Media;
using Recreation.Pipeline.Ledger;
using Recreation.Pipeline.Running;
using Recreation.Testing;
using Recreation.Testing.FakeVideosApi;

namespace Recreation.Pipeline.Tests.OpenAI;

[CancelAfter(180_000)]
[Parallelizable(ParallelScope.Children)] // each test has its own temp folder and fake: the long tests of this fixture spread over both workers
public class RetakeSpecs
{
    private static readonly FFmpegRunner Runner = new();

    [Test]
    public async Task A_note_makes_a_second_take_that_the_video_uses_and_take_1_can_be_chosen_again(CancellationToken cancellationToken)
    {
        using var temp = new TempDirectory();
        var path = temp.File("scene.yaml");
        await File.WriteAllTextAsync(path, PaidRunRig.Yaml.Replace("backend: openai, ", ""), cancellationToken);
        var scene = SceneCompiler.Compile(path);
        var orchestrator = new RunOrchestrator(Runner, new ClipGeneratorFactory(ProviderRegistry.BuiltIn, new ProviderContext(Runner)));
        var first = await orchestrator.RunAsync(scene, new RunOptions(), null, cancellationToken);
        Assert.That(first.Succeeded);
        var ledgerPath = Path.Combine(first.Workspace, "ledger.json");
        var original = RunLedger.Open(ledgerPath).Find("market-1")!;

        var (summary, takes) = await orchestrator.RetakeAsync(scene, new RetakeRequest("market-1", PromptNote: "Seen from above."), new RunOptions(), null, cancellationToken);

        Assert.That(summary.Succeeded);
        Assert.That(takes, Is.EqualTo("1 (first), 2 (note: Seen from above.)"));
        var retaken = RunLedger.Open(ledgerPath).Find("market-1")!;
        Assert.That(retaken.SelectedTake, Is.EqualTo(2));
        Assert.That(retaken.File, Is.Not.EqualTo(original.File));
        Assert.That(retaken.Conformed, Is.Not.EqualTo(original.Conformed), "the take was conformed, not the first generation's cached conform");
        Assert.That(File.Exists(Path.Combine(first.Workspace, original.File!)), "take 1 is kept");
        Assert.That(summary.Clips.Where(c => !c.CacheHit).Select(c => c.ClipId), Is.Empty, "nothing else was generated");

        var (back, _) = await orchestrator.RetakeAsync(scene, new RetakeRequest("market-1", Take: 1), new RunOptions(), null, cancellationToken);
        Assert.That(back.Succeeded);
        var restored = RunLedger.Open(ledgerPath).Find("market-1")!;
        Assert.That((restored.SelectedTake, restored.File, restored.Conformed), Is.EqualTo((null as int?, original.File, original.Conformed)));

        var e = Assert.ThrowsAsync<RecreationException>(() => orchestrator.RetakeAsync(scene, new RetakeRequest("market-1", Take: 5), new RunOptions(), null, cancellationToken));
        Assert.That(e!.ExitCode, Is.EqualTo(ExitCodes.InvalidInput));
        Assert.That(e.Message, Does.Contain("has no finished take 5").And.Contain("1 (first), 2 (note: Seen from above.)"));
    }

    [Test]
    public async Task A_remix_goes_to_the_remix_endpoint_from_the_current_take_and_is_never_paid_twice(CancellationToken cancellationToken)
    {
        await using var rig = await PaidRunRig.StartAsync();
        var first = await rig.RunAsync(cancellationToken: cancellationToken);
        Assert.That(first.Succeeded);
        var source = rig.Ledger(first).Find("gulls-1")!.JobId;

        // The retake "crashes" right after the remix call reached the server; the same retake again resumes it.
        var crash = Assert.ThrowsAsync<RecreationException>(() => rig.Orchestrator(inner => new CrashAfterSubmit(inner))
            .RetakeAsync(rig.Scene(), new RetakeRequest("gulls-1", Remix: "Make it night."), new RunOptions(), null, cancellationToken));
        Assert.That(crash!.InnerException, Is.TypeOf<CrashAfterSubmit.CrashException>(), "the answer to the remix create was lost");
        var (summary, takes) = await rig.Orchestrator().RetakeAsync(rig.Scene(), new RetakeRequest("gulls-1", Remix: "Make it night."), new RunOptions(), null, cancellationToken);

        Assert.That(summary.Succeeded, string.Join("; ", summary.Clips.Select(c => c.Error)));
        Assert.That(takes, Is.EqualTo("1 (first), 2 (remix: Make it night.)"));
        Assert.That(rig.Server.CountRequests(FakeEndpoint.Remix), Is.EqualTo(1));
        Assert.That(rig.Server.JobsCreated, Is.EqualTo(7));
        Assert.That(rig.Server.Jobs.Single(j => j.RemixedFromVideoId is not null).RemixedFromVideoId, Is.EqualTo(source));
        Assert.That(Budget.Committed(rig.Ledger(summary).All), Is.EqualTo(0.70m), "the take is paid for and counted");

        var again = await rig.RunAsync(cancellationToken: cancellationToken);
        Assert.That(again.Succeeded);
        Assert.That(rig.Server.JobsCreated, Is.EqualTo(7), "a rerun keeps the take and pays for nothing");
        Assert.That(rig.Ledger(again).Find("gulls-1")!.SelectedTake, Is.EqualTo(2));
    }
}