using System.Diagnostics;
using System.Threading.Channels;

using Microsoft.Extensions.Logging;

using Recreation.Core.Model;
using Recreation.Core.Planning;
using Recreation.Generation;
using Recreation.Generation.Manual;
using Recreation.Media.Validation;
using Recreation.Pipeline.Batch;
using Recreation.Pipeline.Ledger;

namespace Recreation.Pipeline.Running;

/// <summary>
/// A run's two worker loops: clips generated (by chain, bounded by the run's concurrency and its
/// provider's shared slots) and handed to the conform queue as each lands; conform workers (one per
/// media slot) taking them off it. A clip that fails is recorded and the others go on.
/// </summary>
internal static class RunWorkers
{
    public static async Task GenerateAllAsync(RunContext context, int concurrency, ChannelWriter<ClipPlan> conformQueue, CancellationToken cancellationToken)
    {
        // With last-frame chaining a scene's clips depend on each other and run in order; otherwise every clip stands alone.
        var chains = context.Scene.File.Continuity == ContinuityChain.LastFrame
            ? context.Scene.Plan.Scenes.Select(s => s.Clips.ToList()).ToList()
            : context.Scene.Plan.Clips.Select(c => new List<ClipPlan> { c }).ToList();
        using var slots = new SemaphoreSlim(concurrency);
        var provider = context.Limits.Provider(context.Provider.Name);
        var tasks = chains.Select(async chain =>
        {
            await slots.WaitAsync(cancellationToken);
            try
            {
                foreach (var clip in chain)
                {
                    if (!await GenerateOneAsync(context, clip, provider, cancellationToken))
                    {
                        break; // a chained clip needs its predecessor's last frame
                    }

                    await conformQueue.WriteAsync(clip, cancellationToken);
                }
            }
            finally
            {
                slots.Release();
            }
        });
        await Task.WhenAll(tasks);
    }

    private static async Task<bool> GenerateOneAsync(RunContext context, ClipPlan clip, SemaphoreSlim? provider, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        var itemProgress = new Progress<double>(f => context.Progress.Report(new RunEvent(RunPhase.Generate, clip.Id, f)));
        try
        {
            var request = await RunInputs.RequestForAsync(context, clip, cancellationToken);
            context.Requests[clip.Id] = request;
            var generation = new ClipGeneration(
                context.Provider,
                context.Generator, new MediaValidator(context.Runner), context.Workspace, context.Ledger, context.Budget, context.Policy, context.Time, context.Logger,
                info => context.Probes[clip.Id] = info, ValidationSlot(context, clip, cancellationToken));
            var estimate = clip.Seconds * CostEstimate.PricePerSecond(context.Scene, context.Capabilities);
            // --force re-conforms a manual run's clips but never throws away what a person imported.
            var manual = context.Capabilities.MadeByHand;
            // A clip rendered here is media work like a conform; a paid job takes one of its provider's slots.
            Task<ClipRecord> Generate() => generation.RunAsync(clip, request, estimate, context.Force && !manual, itemProgress, cancellationToken);
            var record = await RunShared.WithSharedCacheAsync(
                context, request, manual,
                () => context.Capabilities.RendersLocally
                    ? context.Limits.Media.WithAsync(RunConform.Weight(context.Scene.File.Output, clip.Seconds * 1000L), Generate, cancellationToken)
                    : SharedLimits.WithSlotAsync(provider, Generate, cancellationToken),
                cancellationToken);
            context.Timings[clip.Id] = watch.Elapsed;
            context.Progress.Report(new RunEvent(RunPhase.Generate, clip.Id, 1, record.CacheHit ? manual ? "imported" : "cached" : "generated") { SpentUsd = record.CacheHit ? 0 : record.SpentUsd });
            return true;
        }
        catch (ClipMissingException)
        {
            context.MarkMissing(clip);
            context.Progress.Report(new RunEvent(RunPhase.Generate, clip.Id, 1, "missing"));
            return false;
        }
        catch (ClipInDoubtException e) when (!cancellationToken.IsCancellationRequested)
        {
            // The ledger already says "in doubt" (with the cost at risk and where to look); not a plain failure.
            context.Logger.LogError("Clip {ClipId} is in doubt: {Reason}", clip.Id, e.Message);
            context.Progress.Report(new RunEvent(RunPhase.Generate, clip.Id, 1, "in doubt"));
            return false;
        }
        catch (Exception e) when (Failures.IsItemFailure(e) && !cancellationToken.IsCancellationRequested)
        {
            context.Logger.LogError("Clip {ClipId} failed: {Reason}", clip.Id, e.Message);
            context.Fail(clip, e.Message);
            context.Progress.Report(new RunEvent(RunPhase.Generate, clip.Id, 1, "failed"));
            return false;
        }
    }

    /// <summary>
    /// Where a downloaded clip's check (an ffprobe that decodes it) runs: inside the media slots
    /// every run of the process shares, like a conform, so a batch whose downloads land together
    /// does not start them all at once (32 ffprobes on 2 cores took 2.3 s where their work is
    /// 3 CPU-s). A clip rendered here already holds slots for its render, which its check runs in.
    /// </summary>
    internal static Func<Func<Task<MediaValidationResult>>, Task<MediaValidationResult>>? ValidationSlot(RunContext context, ClipPlan clip, CancellationToken cancellationToken) =>
        context.Capabilities.RendersLocally
            ? null
            : check => context.Limits.Media.WithAsync(RunConform.Weight(context.Scene.File.Output, clip.Seconds * 1000L), check, cancellationToken);

    public static async Task ConformAllAsync(RunContext context, ChannelReader<ClipPlan> queue, CancellationToken cancellationToken)
    {
        // As many workers as media slots; each conform also holds slots shared by every run of the process.
        var workers = context.Limits.FfmpegProcesses;
        var tasks = Enumerable.Range(0, workers).Select(async _ =>
        {
            await foreach (var clip in queue.ReadAllAsync(cancellationToken))
            {
                try
                {
                    await context.Limits.Media.WithAsync(RunConform.Weight(context.Scene.File.Output, clip.ShareMs), async () =>
                    {
                        await RunConform.ConformAsync(context, clip, cancellationToken);
                        return true;
                    }, cancellationToken);
                }
                catch (Exception e) when (Failures.IsItemFailure(e) && !cancellationToken.IsCancellationRequested)
                {
                    context.Logger.LogError("Clip {ClipId} could not be conformed: {Reason}", clip.Id, e.Message);
                    context.Fail(clip, e.Message);
                    context.Progress.Report(new RunEvent(RunPhase.Conform, clip.Id, 1, "failed"));
                }
            }
        });
        await Task.WhenAll(tasks);
    }
}