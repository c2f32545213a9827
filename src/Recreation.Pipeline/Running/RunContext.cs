using System.Collections.Concurrent;

using Microsoft.Extensions.Logging;

using Recreation.Core;
using Recreation.Core.Planning;
using Recreation.Generation;
using Recreation.Generation.Providers;
using Recreation.Media;
using Recreation.Media.Probing;
using Recreation.Pipeline.Ledger;
using Recreation.Pipeline.Workspace;

namespace Recreation.Pipeline.Running;

/// <summary>What every step of one run shares.</summary>
internal sealed record RunContext(
    CompiledScene Scene,
    IClipProvider Provider,
    bool Force,
    RunWorkspace Workspace,
    RunLedger Ledger,
    FFmpegRunner Runner,
    IClipGenerator Generator,
    Budget Budget,
    GenerationPolicy Policy,
    TimeProvider Time,
    ILogger Logger,
    IProgress<RunEvent> Progress)
{
    public ProviderCapabilities Capabilities => Provider.Capabilities;

    /// <summary>Media and provider slots shared with the other runs of this process.</summary>
    public SharedLimits Limits { get; init; } = new(SharedLimits.DefaultFfmpegProcesses);

    /// <summary>Clips shared with other runs and machines (<c>--cache</c>), or null.</summary>
    public Batch.SharedClipCache? Cache { get; init; }

    public ConcurrentDictionary<string, TimeSpan> Timings { get; } = new();

    public ConcurrentDictionary<string, bool> ConformCacheHits { get; } = new();

    /// <summary>Each clip's probe from its validation, so conforming need not probe it again.</summary>
    public ConcurrentDictionary<string, MediaInfo> Probes { get; } = new();

    /// <summary>Each clip's request as built for this run (its key and input image), for the manual shot list.</summary>
    public ConcurrentDictionary<string, ClipRequest> Requests { get; } = new();

    public void Fail(ClipPlan clip, string reason)
    {
        if (Ledger.Find(clip.Id) is null)
        {
            Ledger.Save(new ClipRecord { Id = clip.Id, CacheKey = "", Seconds = clip.Seconds, State = ClipState.Failed, Error = reason });
            return;
        }

        Ledger.Update(clip.Id, r => r with { State = ClipState.Failed, Error = reason });
    }

    /// <summary>Records a manual run's clip as not imported yet (not a failure).</summary>
    public void MarkMissing(ClipPlan clip)
    {
        if (Ledger.Find(clip.Id) is null)
        {
            var key = Requests.TryGetValue(clip.Id, out var request) ? request.CacheKey : "";
            Ledger.Save(new ClipRecord { Id = clip.Id, CacheKey = key, Seconds = clip.Seconds, State = ClipState.Missing });
            return;
        }

        Ledger.Update(clip.Id, r => r with { State = ClipState.Missing, File = null, Conformed = null, Error = null });
    }

    public IReadOnlyList<ClipOutcome> Outcomes() =>
        Scene.Plan.Clips.Select(clip =>
        {
            var record = Ledger.Find(clip.Id);
            return new ClipOutcome(
                clip.Id,
                record?.State ?? ClipState.Planned,
                clip.Seconds,
                record?.EstimatedUsd ?? 0m,
                record?.SpentUsd ?? 0m,
                record?.CacheHit ?? false,
                ConformCacheHits.GetValueOrDefault(clip.Id),
                Timings.GetValueOrDefault(clip.Id),
                record?.Error);
        }).ToList();
}