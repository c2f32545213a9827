using System.Threading.Channels;

using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

using Recreation.Core;
using Recreation.Core.Model;
using Recreation.Core.Output;
using Recreation.Core.Planning;
using Recreation.Generation;
using Recreation.Generation.Providers;
using Recreation.Media;
using Recreation.Media.Files;
using Recreation.Pipeline.Batch;
using Recreation.Pipeline.Ledger;
using Recreation.Pipeline.Workspace;

namespace Recreation.Pipeline.Running;

/// <summary>
/// Runs a planned scene file end to end: generates clips (bounded by the target's concurrency;
/// clips of one scene in order when they chain last frames), conforms each clip as soon as it
/// arrives while others are still generating, then stitches. One clip failing never loses the
/// others' work: they stay cached and the summary names the failure.
/// </summary>
public sealed class RunOrchestrator
{
    private readonly FFmpegRunner _runner;
    private readonly ClipGeneratorFactory _generators;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private SharedLimits _limits = new(SharedLimits.DefaultFfmpegProcesses);
    private BatchBudget? _batchBudget;
    private SharedClipCache? _cache;

    /// <param name="generators">Builds each scene's generator from its target (one orchestrator runs scenes with different targets).</param>
    public RunOrchestrator(FFmpegRunner runner, ClipGeneratorFactory generators, ILogger? logger = null, TimeProvider? time = null)
    {
        _runner = runner;
        _generators = generators;
        _logger = logger ?? NullLogger.Instance;
        _time = time ?? TimeProvider.System;
    }

    /// <summary>
    /// A copy whose runs share <paramref name="limits"/> (media slots, per-provider generation slots),
    /// <paramref name="budget"/> (one budget over all of them) and <paramref name="cache"/> (clips shared
    /// across runs and machines): what a batch runs its items with.
    /// </summary>
    public RunOrchestrator WithSharing(SharedLimits limits, BatchBudget? budget = null, SharedClipCache? cache = null) =>
        new(_runner, _generators, _logger, _time) { _limits = limits, _batchBudget = budget, _cache = cache };

    /// <summary>The workspace a run of <paramref name="scene"/> uses (for logs before the run starts).</summary>
    public static string WorkspaceFor(CompiledScene scene, RunOptions options) =>
        RunWorkspace.FolderFor(options.OutputPath ?? scene.File.Output.Path, scene.File.Title);

    /// <summary>The provider a run of <paramref name="scene"/> uses (<c>--backend</c>, else <c>target.backend</c>); unknown: exit 2.</summary>
    public IClipProvider ProviderFor(CompiledScene scene, RunOptions options) =>
        _generators.Provider(options.Backend ?? scene.File.Target.Backend);

    private (IClipProvider Provider, IClipGenerator Generator) GeneratorFor(CompiledScene scene, RunOptions options)
    {
        var provider = ProviderFor(scene, options);
        return (provider, _generators.Create(ProviderTarget.For(scene, provider.Name)));
    }

    /// <summary>
    /// Makes a new take of one clip (or selects an earlier take), keeping every take in the
    /// workspace, then runs the scene so the video uses it. Nothing else is generated again.
    /// </summary>
    public async Task<(RunSummary Summary, string Takes)> RetakeAsync(CompiledScene scene, RetakeRequest retake, RunOptions options, IProgress<RunEvent>? progress = null, CancellationToken cancellationToken = default)
    {
        progress ??= new Progress<RunEvent>();
        var (provider, generator) = GeneratorFor(scene, options);
        var cost = CostEstimate.For(scene, options, provider.Capabilities);
        string takes;
        using (var workspace = RunWorkspace.Open(WorkspaceFor(scene, options)))
        {
            var ledger = RunLedger.Open(workspace.LedgerPath, _time);
            var context = new RunContext(
                scene, provider, false, workspace, ledger, _runner, generator,
                new Budget(cost.MaxUsd, ledger), Policy(options), _time, _logger, progress);
            var record = await Retakes.ApplyAsync(context, retake, cancellationToken);
            takes = Retakes.Describe(context, record);
        }

        return (await RunAsync(scene, options with { Force = false }, progress, cancellationToken), takes);
    }

    public async Task<RunSummary> RunAsync(CompiledScene scene, RunOptions options, IProgress<RunEvent>? progress = null, CancellationToken cancellationToken = default)
    {
        progress ??= new Progress<RunEvent>();
        var started = _time.GetTimestamp();
        var file = scene.File;
        var outputPath = Path.GetFullPath(options.OutputPath ?? file.Output.Path);
        var (provider, generator) = GeneratorFor(scene, options);
        var concurrency = options.Concurrency ?? file.Target.Concurrency ?? provider.Capabilities.DefaultConcurrency;
        var cost = CostEstimate.For(scene, options, provider.Capabilities);
        if (cost.ExceedsBudget)
        {
            throw cost.Refusal(); // before the workspace exists: nothing sent, nothing written
        }

        await CheckMusicAsync(scene, cancellationToken); // before the workspace exists, like the budget

        using var workspace = RunWorkspace.Open(WorkspaceFor(scene, options));
        await AtomicFile.WriteAllTextAsync(workspace.PlanPath, PlanJson.Write(scene), cancellationToken);
        var ledger = RunLedger.Open(workspace.LedgerPath, _time);
        _logger.LogInformation("Run of {Title}: {Clips} clips on the {Backend} backend, workspace {Workspace}", file.Title, scene.Plan.Clips.Count(), provider.Name, workspace.Root);

        _batchBudget?.Attach(workspace.Root, ledger);
        var context = new RunContext(
            scene, provider, options.Force, workspace, ledger, _runner, generator,
            new Budget(cost.MaxUsd, ledger, _batchBudget), Policy(options), _time, _logger, progress)
        {
            Limits = _limits,
            Cache = _cache,
        };
        var conformQueue = Channel.CreateUnbounded<ClipPlan>();
        var conforming = RunWorkers.ConformAllAsync(context, conformQueue.Reader, cancellationToken);
        try
        {
            await RunWorkers.GenerateAllAsync(context, concurrency, conformQueue.Writer, cancellationToken);
        }
        catch
        {
            // Let the conform workers stop (or finish what is queued) before the workspace lock is
            // released; the generation failure is the one to report.
            conformQueue.Writer.TryComplete();
            await conforming.ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
            throw;
        }

        conformQueue.Writer.TryComplete();
        await conforming;
        string? shotList = null;
        if (provider.Capabilities.MadeByHand)
        {
            shotList = await WriteShotListAsync(context, cancellationToken);
        }

        var outcomes = context.Outcomes();
        if (outcomes.Any(o => o.State != ClipState.Conformed))
        {
            var unfinished = new RunSummary(workspace.Root, null, outcomes, TimeSpan.Zero, TimeSpan.Zero, _time.GetElapsedTime(started), null)
            {
                Backend = provider.Name,
                Capabilities = provider.Capabilities,
                ShotListPath = shotList,
                StoppedByBudget = context.Budget.Stopped,
                Cost = cost,
            };
            await Reports.StoryboardReport.WriteAsync(context, unfinished, null, cancellationToken); // the cards show what failed and why
            return unfinished;
        }

        var stitched = await _limits.Media.WithAsync(RunStitch.Weight(scene), () => RunStitch.StitchAsync(context, outputPath, cancellationToken), cancellationToken);
        await OutputOwnership.RecordAsync(workspace.Root, outputPath, cancellationToken);
        await RunFinishing.WriteSidecarsAsync(scene, outputPath, _logger, cancellationToken);
        var summary = new RunSummary(workspace.Root, outputPath, outcomes, stitched.Duration, stitched.TransitionOverlap, _time.GetElapsedTime(started), stitched.Reason)
        {
            Backend = provider.Name,
            Capabilities = provider.Capabilities,
            ShotListPath = shotList,
            Cost = cost,
        };
        await AtomicFile.WriteAllTextAsync(workspace.ReportPath, RunReport.Text(scene, summary), cancellationToken);
        await Reports.StoryboardReport.WriteAsync(context, summary, stitched.Clips, cancellationToken);
        return summary;
    }

    private static GenerationPolicy Policy(RunOptions options) => new(options.RetryFailed, options.RegenerateExpired, options.ResubmitInDoubt);

    /// <summary>output.music must hold sound: the loader saw that the file exists, only a probe can tell it has an audio stream.</summary>
    private async Task CheckMusicAsync(CompiledScene scene, CancellationToken cancellationToken)
    {
        if (scene.File.Output.Music is not { } music)
        {
            return;
        }

        string? problem;
        try
        {
            problem = (await new Media.Probing.MediaProbe(_runner).ProbeAsync(music.Path, cancellationToken)).HasAudio ? null : "has no audio stream";
        }
        catch (Exception e) when (Failures.IsItemFailure(e))
        {
            problem = "cannot be read as audio: " + e.Message;
        }

        if (problem is not null)
        {
            var (line, column) = scene.Map.Find("output.music.path");
            throw new Core.Diagnostics.InvalidInputException([new Core.Diagnostics.Diagnostic(Core.Diagnostics.Severity.Error, scene.Map.File, line, column, "output.music.path", $"'{music.Path}' {problem}")]);
        }
    }

    /// <summary>
    /// A manual run's shot list (Markdown and CSV) in the workspace. Clips the run did not reach
    /// (a chained clip whose predecessor is missing) are missing too.
    /// </summary>
    private static async Task<string> WriteShotListAsync(RunContext context, CancellationToken cancellationToken)
    {
        foreach (var clip in context.Scene.Plan.Clips)
        {
            if (context.Ledger.Find(clip.Id) is not { State: ClipState.Downloaded or ClipState.Conformed or ClipState.Failed or ClipState.Missing })
            {
                context.MarkMissing(clip);
            }
        }

        var entries = Manual.ShotList.Entries(context.Scene, context.Ledger, context.Requests);
        return await Manual.ShotList.WriteAsync(context.Workspace, context.Scene, entries, cancellationToken);
    }
}