using Recreation.Core;
using Recreation.Generation.Providers;
using Recreation.Media;
using Recreation.Pipeline.Ledger;
using Recreation.Pipeline.Running;
using Recreation.Testing;

namespace Recreation.Pipeline.Tests.Providers;

/// <summary>
/// Issue 12 item 4, the never-pay-twice rule for every provider, on a paid provider registered by
/// the test (no HTTP): a create is sent again on its own only when its failure proves no job
/// exists; a create whose answer was lost is reconciled through the list where the provider has
/// one, and otherwise is in doubt — never resent on its own, counted against the budget, named in
/// the summary with the cost at risk and the dashboard, resent only with --resubmit-in-doubt.
/// </summary>
[CancelAfter(180_000)]
public class InDoubtSpecs
{
    private const string Yaml = """
        version: 1
        title: Doubt spec
        profiles: [{ name: test-tiny, backends: [fake-paid], seconds: [1, 2], sizes: [{ size: 320x180, usd_per_second: 0.10 }] }]
        target: { backend: fake-paid, model: test-tiny, size: 320x180, concurrency: 1 }
        output: { path: out/doubt.mp4, fps: 24, loudness: null }
        scenes:
          - { id: dawn, duration: 1, description: Fog lifts off a still lake. }
          - { id: heron, duration: 1, description: A heron stands in the reeds. }
          - { id: boat, duration: 1, description: A rowing boat drifts past the jetty. }
        """;

    private static readonly FFmpegRunner Runner = new();

    [Test]
    public async Task A_lost_create_without_list_or_key_is_in_doubt_named_with_its_cost_and_dashboard_and_never_resent_on_its_own(CancellationToken cancellationToken)
    {
        using var temp = new TempDirectory("recreation-doubt");
        var provider = new FakePaidProvider(Runner, LostCreateRecovery.None) { Script = (_, clip) => clip == "heron-1" ? CreateAnswer.CreatedAnswerLost : CreateAnswer.Created };
        var (scene, orchestrator) = Setup(temp, provider);

        var first = await orchestrator.RunAsync(scene, new RunOptions(), null, cancellationToken);

        Assert.That(first.Succeeded, Is.False);
        Assert.That(first.InDoubt.Select(c => c.ClipId), Is.EqualTo(new[] { "heron-1" }));
        Assert.That(first.Failed, Is.Empty, "in doubt is not a plain failure");
        Assert.That(first.AtRiskUsd, Is.EqualTo(0.10m));
        Assert.That(first.Capabilities.Dashboard, Is.EqualTo(FakePaidProvider.Dashboard));
        var heron = first.Clips.Single(c => c.ClipId == "heron-1");
        Assert.That(heron.Error, Does.Contain("$0.10 is at risk").And.Contain(FakePaidProvider.Dashboard).And.Contain("--resubmit-in-doubt"));
        Assert.That(provider.Creates, Is.EqualTo(3));

        provider.Script = (_, _) => CreateAnswer.Created;
        var second = await orchestrator.RunAsync(scene, new RunOptions(), null, cancellationToken);

        Assert.That(provider.Creates, Is.EqualTo(3), "the in-doubt clip was not sent again on its own");
        Assert.That(second.InDoubt.Select(c => c.ClipId), Is.EqualTo(new[] { "heron-1" }));
        var record = Ledger(second).Find("heron-1")!;
        Assert.That(record.State, Is.EqualTo(ClipState.InDoubt));
        Assert.That(record.JobId, Is.Null);
        Assert.That(Budget.Committed(Ledger(second).All), Is.EqualTo(0.30m), "spent 0.20 plus 0.10 in doubt");
    }

    [Test]
    public async Task Resubmit_in_doubt_sends_it_again_and_the_lost_job_stays_counted(CancellationToken cancellationToken)
    {
        using var temp = new TempDirectory("recreation-doubt");
        var provider = new FakePaidProvider(Runner, LostCreateRecovery.None) { Script = (_, clip) => clip == "heron-1" ? CreateAnswer.CreatedAnswerLost : CreateAnswer.Created };
        var (scene, orchestrator) = Setup(temp, provider);
        await orchestrator.RunAsync(scene, new RunOptions(), null, cancellationToken);
        Assert.That(provider.Creates, Is.EqualTo(3));
        provider.Script = (_, _) => CreateAnswer.Created;

        var summary = await orchestrator.RunAsync(scene, new RunOptions(ResubmitInDoubt: true), null, cancellationToken);

        Assert.That(summary.Succeeded, string.Join("; ", summary.Clips.Select(c => $"{c.ClipId}: {c.Error}")));
        Assert.That(provider.Creates, Is.EqualTo(4), "exactly one more create");
        Assert.That(provider.JobClipIds.Count(c => c == "heron-1"), Is.EqualTo(2), "the lost job existed; the user chose to pay again");
        var heron = Ledger(summary).Find("heron-1")!;
        Assert.That(heron.EarlierSpentUsd, Is.EqualTo(0.10m), "the lost job counts as spent");
        Assert.That(Budget.Committed(Ledger(summary).All), Is.EqualTo(0.40m));
    }

    [Test]
    public async Task A_create_refused_by_the_service_proves_no_job_and_is_sent_again_on_the_next_run_without_asking(CancellationToken cancellationToken)
    {
        using var temp = new TempDirectory("recreation-doubt");
        var provider = new FakePaidProvider(Runner, LostCreateRecovery.None) { Script = (_, clip) => clip == "boat-1" ? CreateAnswer.Refused : CreateAnswer.Created };
        var (scene, orchestrator) = Setup(temp, provider);

        var first = await orchestrator.RunAsync(scene, new RunOptions(), null, cancellationToken);

        Assert.That(first.Failed.Select(c => c.ClipId), Is.EqualTo(new[] { "boat-1" }));
        Assert.That(first.InDoubt, Is.Empty);
        var record = Ledger(first).Find("boat-1")!;
        Assert.That(record.SubmittingAt, Is.Null, "nothing is in flight");
        Assert.That(Budget.Committed(Ledger(first).All), Is.EqualTo(0.20m), "a refused create costs nothing");

        provider.Script = (_, _) => CreateAnswer.Created;
        var second = await orchestrator.RunAsync(scene, new RunOptions(), null, cancellationToken);

        Assert.That(second.Succeeded, string.Join("; ", second.Clips.Select(c => $"{c.ClipId}: {c.Error}")));
        Assert.That(provider.JobClipIds, Is.EquivalentTo(new[] { "dawn-1", "heron-1", "boat-1" }), "one job per clip");
    }

    [Test]
    public async Task A_run_stopped_mid_create_leaves_the_clip_in_doubt_on_the_next_run_not_resent(CancellationToken cancellationToken)
    {
        using var temp = new TempDirectory("recreation-doubt");
        var provider = new FakePaidProvider(Runner, LostCreateRecovery.None) { Script = (_, clip) => clip == "dawn-1" ? CreateAnswer.CreatedThenStopped : CreateAnswer.Created };
        var (scene, orchestrator) = Setup(temp, provider);
        using (provider.Stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        {
            Assert.That(async () => await orchestrator.RunAsync(scene, new RunOptions(), null, provider.Stop.Token), Throws.InstanceOf<OperationCanceledException>());
        }

        provider.Script = (_, _) => CreateAnswer.Created;

        var left = RunLedger.Open(temp.File("out/.recreation/doubt-spec/ledger.json")).Find("dawn-1")!;
        Assert.That(left.State, Is.EqualTo(ClipState.Submitting), "like a kill: submitting, no job id");
        Assert.That(left.JobId, Is.Null);

        var summary = await orchestrator.RunAsync(scene, new RunOptions(), null, cancellationToken);

        Assert.That(summary.InDoubt.Select(c => c.ClipId), Is.EqualTo(new[] { "dawn-1" }));
        Assert.That(provider.JobClipIds.Count(c => c == "dawn-1"), Is.EqualTo(1), "not created twice");
    }

    [Test]
    public async Task Max_cost_refuses_before_the_first_request_with_in_doubt_clips_counted(CancellationToken cancellationToken)
    {
        using var temp = new TempDirectory("recreation-doubt");
        var provider = new FakePaidProvider(Runner, LostCreateRecovery.None) { Script = (_, clip) => clip == "heron-1" ? CreateAnswer.CreatedAnswerLost : CreateAnswer.Created };
        var (scene, orchestrator) = Setup(temp, provider);
        await orchestrator.RunAsync(scene, new RunOptions(), null, cancellationToken);
        provider.Script = (_, _) => CreateAnswer.Created;
        var creates = provider.Creates;

        // Spent 0.20, 0.10 in doubt; resubmitting it costs 0.10 more: 0.40 > 0.35 (0.30 if the doubt were not counted).
        var options = new RunOptions(MaxCostUsd: 0.35m, ResubmitInDoubt: true);
        var estimate = CostEstimate.For(scene, options, provider.Capabilities);
        Assert.That(estimate.InDoubtUsd, Is.EqualTo(0.10m));
        Assert.That(estimate.Describe(), Does.Contain("in doubt"));
        var e = Assert.ThrowsAsync<RecreationException>(() => orchestrator.RunAsync(scene, options, null, cancellationToken));

        Assert.That(e!.ExitCode, Is.EqualTo(ExitCodes.RefusedByBudget));
        Assert.That(e.Message, Does.Contain("$0.10 in doubt").And.Contain("Nothing was sent"));
        Assert.That(provider.Creates, Is.EqualTo(creates), "no request");
    }

    [Test]
    public async Task A_provider_with_a_list_reconciles_a_lost_create_instead_of_doubting_or_resending_it(CancellationToken cancellationToken)
    {
        using var temp = new TempDirectory("recreation-doubt");
        var provider = new FakePaidProvider(Runner, LostCreateRecovery.ListReconciliation) { Script = (_, clip) => clip == "heron-1" ? CreateAnswer.CreatedAnswerLost : CreateAnswer.Created };
        var (scene, orchestrator) = Setup(temp, provider);
        var first = await orchestrator.RunAsync(scene, new RunOptions(), null, cancellationToken);
        Assert.That(first.InDoubt, Is.Empty, "a provider with a list is never in doubt");
        provider.Script = (_, _) => CreateAnswer.Created;

        var second = await orchestrator.RunAsync(scene, new RunOptions(), null, cancellationToken);

        Assert.That(second.Succeeded, string.Join("; ", second.Clips.Select(c => $"{c.ClipId}: {c.Error}")));
        Assert.That(provider.JobClipIds, Is.EquivalentTo(new[] { "dawn-1", "heron-1", "boat-1" }), "the lost job was found, not created again");
    }

    [TestCase(LostCreateRecovery.ListReconciliation)]
    [TestCase(LostCreateRecovery.None)]
    public async Task A_create_answer_lost_to_a_client_timeout_fails_only_that_clip_and_is_recovered_like_any_lost_answer(LostCreateRecovery recovery, CancellationToken cancellationToken)
    {
        // The pipeline must not know which exception types a provider's transport throws: anything
        // from a create other than a refusal (or the run's own cancellation) is a lost answer.
        using var temp = new TempDirectory("recreation-doubt");
        var provider = new FakePaidProvider(Runner, recovery) { Script = (_, clip) => clip == "heron-1" ? CreateAnswer.CreatedAnswerTimedOut : CreateAnswer.Created };
        var (scene, orchestrator) = Setup(temp, provider);

        var first = await orchestrator.RunAsync(scene, new RunOptions(), null, cancellationToken);

        Assert.That(first.Clips.Where(c => c.ClipId != "heron-1").Select(c => c.Error), Has.All.Null, "only the clip whose answer was lost failed");
        var heron = first.Clips.Single(c => c.ClipId == "heron-1");
        Assert.That(heron.Error, Does.Contain("HttpClient.Timeout"));
        Assert.That(Ledger(first).Find("heron-1")!.JobId, Is.Null);
        provider.Script = (_, _) => CreateAnswer.Created;

        var second = await orchestrator.RunAsync(scene, new RunOptions(), null, cancellationToken);

        if (recovery == LostCreateRecovery.None)
        {
            Assert.That(second.InDoubt.Select(c => c.ClipId), Is.EqualTo(new[] { "heron-1" }));
            Assert.That(provider.Creates, Is.EqualTo(3), "the in-doubt clip was not sent again on its own");
        }
        else
        {
            Assert.That(second.Succeeded, string.Join("; ", second.Clips.Select(c => $"{c.ClipId}: {c.Error}")));
            Assert.That(provider.JobClipIds, Is.EquivalentTo(new[] { "dawn-1", "heron-1", "boat-1" }), "the lost job was found, not created again");
        }
    }

    private static (CompiledScene Scene, RunOrchestrator Orchestrator) Setup(TempDirectory temp, FakePaidProvider provider)
    {
        var registry = ProviderRegistry.BuiltIn.With(provider);
        var path = temp.File("scene.yaml");
        File.WriteAllText(path, Yaml);
        var scene = registry.Compile(path);
        return (scene, new RunOrchestrator(Runner, new ClipGeneratorFactory(registry, new ProviderContext(Runner))));
    }

    private static RunLedger Ledger(RunSummary summary) => RunLedger.Open(Path.Combine(summary.Workspace, "ledger.json"));
}