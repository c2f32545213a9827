using Recreation.Core;
using Recreation.Core.Batch;
using Recreation.Generation.Providers;
using Recreation.Media;
using Recreation.Pipeline.Batch;
using Recreation.Pipeline.Running;
using Recreation.Pipeline.Tests.Providers;
using Recreation.Testing;

namespace Recreation.Pipeline.Tests.Batch;

/// <summary>
/// A batch counts a clip in doubt (a create sent, its answer lost, on a provider that cannot tell
/// whether the job exists) the way <c>run</c>'s budget does: at its estimate, as if the job ran —
/// in the estimate before the batch starts and in the batch budget while it runs.
/// </summary>
[CancelAfter(180_000)]
public class BatchInDoubtSpecs
{
    private static readonly FFmpegRunner Runner = new();

    private static string Film(string title) => $$"""
        version: 1
        title: {{title}}
        profiles: [{ name: test-tiny, backends: [fake-paid], seconds: [1, 2], sizes: [{ size: 320x180, usd_per_second: 0.10 }] }]
        target: { backend: fake-paid, model: test-tiny, size: 320x180, concurrency: 1 }
        output: { path: out/{{title}}.mp4, fps: 24, loudness: null }
        scenes:
          - { id: dawn, duration: 1, description: {{title}} opens on fog over a still lake. }
          - { id: heron, duration: 1, description: {{title}} finds a heron in the reeds. }
          - { id: boat, duration: 1, description: {{title}} ends as a rowing boat drifts past. }
        """;

    [Test]
    public async Task A_clip_in_doubt_counts_against_the_batch_budget_at_its_estimate(CancellationToken cancellationToken)
    {
        using var temp = new TempDirectory("recreation-batch-doubt");
        var provider = new FakePaidProvider(Runner, LostCreateRecovery.None) { Script = (_, clip) => clip == "heron-1" ? CreateAnswer.CreatedAnswerLost : CreateAnswer.Created };
        var registry = ProviderRegistry.BuiltIn.With(provider);
        var orchestrator = new RunOrchestrator(Runner, new ClipGeneratorFactory(registry, new ProviderContext(Runner)));
        var items = new List<BatchRunItem>();
        foreach (var title in new[] { "lake", "river" })
        {
            var path = temp.File($"{title}.yaml");
            await File.WriteAllTextAsync(path, Film(title), cancellationToken);
            items.Add(new BatchRunItem(new BatchItem($"{title}.yaml", path), registry.Compile(path), new RunOptions()));
        }

        // The lake film alone first: two clips paid ($0.20), the heron in doubt ($0.10 at risk).
        var lake = await orchestrator.RunAsync(items[0].Scene, items[0].Options, null, cancellationToken);
        Assert.That(lake.InDoubt.Select(c => c.ClipId), Is.EqualTo(new[] { "heron-1" }));
        provider.Script = (_, _) => CreateAnswer.Created;

        var (estimates, total) = BatchRunner.Estimate(items, registry);
        Assert.That(estimates[0].CommittedUsd, Is.EqualTo(0.30m), "spent $0.20 plus $0.10 in doubt");
        Assert.That(estimates[0].ToSpendUsd, Is.Zero, "the clip in doubt is not sent again on its own");
        Assert.That(total, Is.EqualTo(0.60m));

        // $0.55: the river film's third clip would bring the batch to $0.60 only if the heron counts.
        var budget = new BatchBudget(0.55m);
        foreach (var (item, estimate) in items.Zip(estimates))
        {
            budget.Baseline(item.Workspace, estimate.CommittedUsd);
        }

        var results = await new BatchRunner(orchestrator.WithSharing(new SharedLimits(1), budget)).RunAsync(items, 2, null, cancellationToken);

        Assert.That(provider.Creates, Is.EqualTo(3 + 2), "two of the river's clips fit; the third would cross $0.55 with the heron counted");
        Assert.That(results[1].State, Is.EqualTo(BatchItemState.StoppedByBudget), string.Join("\n", results));
        Assert.That(results[0].State, Is.EqualTo(BatchItemState.Failed));
        Assert.That(results[0].Error, Does.Contain("in doubt ($0.10 at risk): heron-1").And.Contain(FakePaidProvider.Dashboard).And.Contain("--resubmit-in-doubt"));
        Assert.That(budget.Committed, Is.EqualTo(0.50m), "spent $0.40 plus $0.10 in doubt");
    }
}