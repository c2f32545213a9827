using Recreation.Core;
using Recreation.Generation.Providers;
using Recreation.Media;
using Recreation.Pipeline.Ledger;
using Recreation.Pipeline.Running;
using Recreation.Pipeline.Workspace;

namespace Recreation.Pipeline.Batch;

/// <summary>
/// Runs the items of a batch in one process, up to a number of runs at once, all through one
/// orchestrator whose limits, budget and clip cache they share (<see cref="RunOrchestrator.WithSharing"/>).
/// An item that fails, is refused by a budget, waits for manual clips or finds its workspace locked
/// is reported and the others go on; each item resumes from its workspace when the batch runs again.
/// </summary>
public sealed class BatchRunner(RunOrchestrator orchestrator)
{
    /// <summary>The estimate of every item before anything is sent, and the batch's sum (spent and in flight plus still to spend).</summary>
    /// <param name="providers">Where each item's provider is looked up (its capabilities say whether it is paid and how a lost create counts).</param>
    public static (IReadOnlyList<CostEstimate> Items, decimal TotalUsd) Estimate(IReadOnlyList<BatchRunItem> items, ProviderRegistry providers)
    {
        ArgumentNullException.ThrowIfNull(providers);
        var estimates = items.Select(i => CostEstimate.For(i.Scene, i.Options, providers.Get(i.Options.Backend ?? i.Scene.File.Target.Backend).Capabilities)).ToList();
        return (estimates, estimates.Sum(e => e.CommittedUsd + e.ToSpendUsd));
    }

    /// <returns>One result per item, in the items' order.</returns>
    public async Task<IReadOnlyList<BatchItemResult>> RunAsync(IReadOnlyList<BatchRunItem> items, int parallelRuns, IProgress<BatchEvent>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(parallelRuns, 1);
        using var slots = new SemaphoreSlim(parallelRuns);
        var tasks = items.Select(async item =>
        {
            try
            {
                await slots.WaitAsync(cancellationToken);
            }
            catch (OperationCanceledException)
            {
                return Ended(item, BatchItemState.Cancelled, ExitCodes.Cancelled, "cancelled before it started");
            }

            try
            {
                progress?.Report(new BatchEvent(item.Item.Id));
                var result = await RunOneAsync(item, progress, cancellationToken);
                progress?.Report(new BatchEvent(item.Item.Id, Result: result));
                return result;
            }
            finally
            {
                slots.Release();
            }
        }).ToList();
        return await Task.WhenAll(tasks);
    }

    private async Task<BatchItemResult> RunOneAsync(BatchRunItem item, IProgress<BatchEvent>? progress, CancellationToken cancellationToken)
    {
        var relay = new Relay(e => progress?.Report(new BatchEvent(item.Item.Id, e)));
        try
        {
            var summary = await orchestrator.RunAsync(item.Scene, item.Options, relay, cancellationToken);
            return FromSummary(item, summary);
        }
        catch (Exception e) when (cancellationToken.IsCancellationRequested && e is RecreationException or MediaException or OperationCanceledException)
        {
            return Ended(item, BatchItemState.Cancelled, ExitCodes.Cancelled, "cancelled; run the batch again to resume");
        }
        catch (WorkspaceLockedException e)
        {
            return Ended(item, BatchItemState.Locked, e.ExitCode, e.Message);
        }
        catch (RecreationException e)
        {
            var state = e.ExitCode == ExitCodes.RefusedByBudget ? BatchItemState.StoppedByBudget : BatchItemState.Failed;
            return Ended(item, state, e.ExitCode, e.Message);
        }
        catch (MediaException e)
        {
            return Ended(item, BatchItemState.Failed, ExitCodes.RunFailed, e.Message);
        }
    }

    private static BatchItemResult FromSummary(BatchRunItem item, RunSummary summary)
    {
        var (state, code) = summary switch
        {
            { Succeeded: true } => (BatchItemState.Succeeded, ExitCodes.Success),
            { StoppedByBudget: true } => (BatchItemState.StoppedByBudget, ExitCodes.RefusedByBudget),
            { WaitingForClips: true } => (BatchItemState.WaitingForClips, ExitCodes.WaitingForClips),
            _ => (BatchItemState.Failed, ExitCodes.RunFailed),
        };
        var error = state switch
        {
            BatchItemState.StoppedByBudget => "the budget stopped it: clips not yet submitted were left out; raise --max-cost and run again",
            BatchItemState.WaitingForClips => $"waiting for {summary.Missing.Count()} clip(s) made by hand: {string.Join(", ", summary.Missing.Select(m => m.ClipId))} (shot list: {summary.ShotListPath})",
            BatchItemState.Failed => string.Join("; ", summary.Failed.Select(f => $"{f.ClipId}: {f.Error}").Concat(InDoubt(summary))),
            _ => null,
        };
        return new BatchItemResult(
            item.Item.Id, item.Item.ScenePath, item.Scene.File.Title, state, code, summary.OutputPath, summary.Workspace,
            summary.OutputDuration.TotalSeconds, summary.Elapsed.TotalSeconds, summary.EstimatedUsd, summary.SpentUsd,
            summary.Clips.Count, summary.Generated, summary.Clips.Count(c => c.CacheHit), error is { Length: 0 } ? null : error);
    }

    /// <summary>Clips in doubt, as <c>run</c>'s summary names them: what is at risk and what to do.</summary>
    private static IEnumerable<string> InDoubt(RunSummary summary) =>
        summary.InDoubt.Any()
            ? [string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"in doubt (${summary.AtRiskUsd:0.00} at risk): {string.Join(", ", summary.InDoubt.Select(c => c.ClipId))}; look for the jobs{(summary.Capabilities.Dashboard is { } d ? $" at {d}" : "")}, then run again with --resubmit-in-doubt to send them again")]
            : [];

    /// <summary>An item that ended without a run summary: what its ledger says was spent, if it has one.</summary>
    private static BatchItemResult Ended(BatchRunItem item, BatchItemState state, int exitCode, string error)
    {
        var ledgerPath = Path.Combine(item.Workspace, RunWorkspace.LedgerFileName);
        var records = File.Exists(ledgerPath) ? RunLedger.Open(ledgerPath).All : [];
        var ids = item.Scene.Plan.Clips.Select(c => c.Id).ToHashSet(StringComparer.Ordinal);
        var mine = records.Where(r => ids.Contains(r.Id)).ToList();
        return new BatchItemResult(
            item.Item.Id, item.Item.ScenePath, item.Scene.File.Title, state, exitCode, null, Directory.Exists(item.Workspace) ? item.Workspace : null,
            0, 0, mine.Sum(r => r.EstimatedUsd), mine.Sum(r => r.SpentUsd), ids.Count, 0, 0, error);
    }

    /// <summary>Passes each event on at once, on the reporting thread (Progress&lt;T&gt; would reorder them).</summary>
    private sealed class Relay(Action<RunEvent> report) : IProgress<RunEvent>
    {
        public void Report(RunEvent value) => report(value);
    }
}