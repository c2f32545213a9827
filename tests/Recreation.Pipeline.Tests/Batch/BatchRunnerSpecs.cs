using Recreation.Core;
using Recreation.Core.Batch;
using Recreation.Generation;
using Recreation.Generation.Providers;
using Recreation.Media;
using Recreation.Pipeline.Batch;
using Recreation.Pipeline.Running;
using Recreation.Pipeline.Tests.OpenAI;
using Recreation.Pipeline.Workspace;
using Recreation.Testing;

namespace Recreation.Pipeline.Tests.Batch;

[CancelAfter(180_000)]
[Parallelizable(ParallelScope.Children)] // each test has its own temp folder and fake: the long tests of this fixture spread over both workers
public class BatchRunnerSpecs
{
    private static readonly FFmpegRunner Runner = new();

    private static string Film(int n, string backend = "placeholder") => $$"""
        version: 1
        title: Film {{n}}
        profiles: [{ name: test-tiny, backends: [openai], seconds: [1, 2, 4], sizes: [{ size: 320x180, usd_per_second: 0.10 }] }]
        target: { backend: {{backend}}, model: test-tiny, size: 320x180, concurrency: 2 }
        output: { path: out/film-{{n}}.mp4, fps: 24, loudness: null }
        scenes:
          - { id: a, duration: 1, description: Film {{n}} opens on a harbour. }
          - { id: b, duration: 1, description: Film {{n}} ends at the lamps. }
        """;

    private static IReadOnlyList<BatchRunItem> Items(TempDirectory temp, int count, string backend = "placeholder")
    {
        var items = new List<BatchRunItem>();
        for (var n = 1; n <= count; n++)
        {
            var path = temp.File($"film-{n}.yaml");
            File.WriteAllText(path, Film(n, backend));
            items.Add(new BatchRunItem(new BatchItem($"film-{n}.yaml", path), SceneCompiler.Compile(path), new RunOptions()));
        }

        return items;
    }

    [Test]
    public async Task A_locked_workspace_is_reported_the_other_items_go_on_and_a_rerun_resumes_it(CancellationToken cancellationToken)
    {
        using var temp = new TempDirectory();
        var items = Items(temp, 2);
        var runner = new BatchRunner(new RunOrchestrator(Runner, new ClipGeneratorFactory(ProviderRegistry.BuiltIn, new ProviderContext(Runner))).WithSharing(new SharedLimits(1)));

        IReadOnlyList<BatchItemResult> first;
        using (RunWorkspace.Open(items[1].Workspace))
        {
            first = await runner.RunAsync(items, 2, null, cancellationToken);
        }

        Assert.That(first.Select(r => r.State), Is.EqualTo(new[] { BatchItemState.Succeeded, BatchItemState.Locked }), string.Join("\n", first));
        Assert.That(first[1].Error, Does.Contain("Another recreate run is using the workspace"));
        Assert.That(BatchItemResult.BatchExitCode(first), Is.EqualTo(ExitCodes.RunFailed));

        var second = await runner.RunAsync(items, 2, null, cancellationToken);

        Assert.That(second.Select(r => r.State), Has.All.EqualTo(BatchItemState.Succeeded));
        Assert.That(second[0].Cached, Is.EqualTo(2), "the finished item resumed from its workspace");
        Assert.That(second[1].Generated, Is.EqualTo(2));
        Assert.That(BatchItemResult.BatchExitCode(second), Is.EqualTo(ExitCodes.Success));
    }

    [Test]
    public async Task The_batch_budget_stops_every_run_submitting_before_the_batch_crosses_it(CancellationToken cancellationToken)
    {
        await using var rig = await PaidRunRig.StartAsync();
        var items = Items(rig.Temp, 3, "openai");
        var budget = new BatchBudget(0.35m); // 6 clips at $0.10 each; three fit
        var runner = new BatchRunner(rig.Orchestrator().WithSharing(new SharedLimits(2), budget));

        var results = await runner.RunAsync(items, 3, null, cancellationToken);

        Assert.That(rig.Server.JobsCreated, Is.EqualTo(3), "three jobs fit under $0.35, a fourth would cross it");
        Assert.That(results.Sum(r => r.SpentUsd), Is.EqualTo(0.30m));
        Assert.That(budget.Stopped, Is.True);
        Assert.That(results.Select(r => r.State), Has.Some.EqualTo(BatchItemState.StoppedByBudget));
        Assert.That(BatchItemResult.BatchExitCode(results), Is.EqualTo(ExitCodes.RefusedByBudget));
    }

    [Test]
    public async Task Runs_of_one_batch_share_one_generation_limit_per_provider(CancellationToken cancellationToken)
    {
        await using var rig = await PaidRunRig.StartAsync();
        var items = Items(rig.Temp, 3, "openai");
        CountingGenerator? counting = null;
        var orchestrator = rig.Orchestrator(paid => counting = new CountingGenerator(paid));
        var runner = new BatchRunner(orchestrator.WithSharing(new SharedLimits(2, name => name == "openai" ? 2 : null)));

        var results = await runner.RunAsync(items, 3, null, cancellationToken);

        Assert.That(results.Select(r => r.State), Has.All.EqualTo(BatchItemState.Succeeded), string.Join("\n", results));
        Assert.That(rig.Server.JobsCreated, Is.EqualTo(6));
        Assert.That(counting!.MostAtOnce, Is.EqualTo(2), "three runs of concurrency 2 (six jobs) kept to the provider's two at a time");
    }

    [Test]
    public async Task Downloads_are_checked_inside_the_media_slots_every_run_shares(CancellationToken cancellationToken)
    {
        await using var rig = await PaidRunRig.StartAsync();
        using var probes = new TimedProbes();
        var items = Items(rig.Temp, 2, "openai");
        var runner = new BatchRunner(rig.Orchestrator(runner: new FFmpegRunner(probes.Options)).WithSharing(new SharedLimits(1)));

        var results = await runner.RunAsync(items, 2, null, cancellationToken);

        Assert.That(results.Select(r => r.State), Has.All.EqualTo(BatchItemState.Succeeded), string.Join("\n", results));
        Assert.That(probes.Checks, Is.EqualTo(4), "each of the four downloads decoded once");
        Assert.That(probes.MostAtOnce, Is.EqualTo(1), "two runs' four downloads, landing together, checked one at a time on one media slot");
    }

    /// <summary>Counts jobs between their submission and the end of their download, and the most at once.</summary>
    private sealed class CountingGenerator(IClipGenerator inner) : IClipGenerator
    {
        private int _now;
        private int _most;

        public int MostAtOnce => Volatile.Read(ref _most);

        public Task<GenerationJob> SubmitAsync(ClipRequest request, CancellationToken cancellationToken = default)
        {
            var now = Interlocked.Increment(ref _now);
            InterlockedMax(ref _most, now);
            return inner.SubmitAsync(request, cancellationToken);
        }

        public Task<JobOutcome> AwaitAsync(GenerationJob job, IProgress<double>? progress = null, CancellationToken cancellationToken = default) =>
            inner.AwaitAsync(job, progress, cancellationToken);

        public async Task FetchAsync(GenerationJob job, ClipRequest request, string destinationPath, IProgress<double>? progress = null, CancellationToken cancellationToken = default)
        {
            try
            {
                await inner.FetchAsync(job, request, destinationPath, progress, cancellationToken);
            }
            finally
            {
                Interlocked.Decrement(ref _now);
            }
        }

        private static void InterlockedMax(ref int target, int value)
        {
            int seen;
            while ((seen = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, seen) != seen)
            {
            }
        }
    }
}