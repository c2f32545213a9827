using Recreation.Pipeline.Ledger;

namespace Recreation.Pipeline.Running;

/// <summary>How a run ended: every clip's outcome and, when all clips made it, the output.</summary>
public sealed record RunSummary(string Workspace, string? OutputPath, IReadOnlyList<ClipOutcome> Clips, TimeSpan OutputDuration, TimeSpan TransitionOverlap, TimeSpan Elapsed, string? StitchReason)
{
    public IEnumerable<ClipOutcome> Failed => Clips.Where(c => c.State == ClipState.Failed);

    /// <summary>A manual run's clips that no one has imported yet.</summary>
    public IEnumerable<ClipOutcome> Missing => Clips.Where(c => c.State == ClipState.Missing);

    public bool Succeeded => OutputPath is not null && !Failed.Any();

    /// <summary>True when nothing failed but clips are still to be imported (exit code 4).</summary>
    public bool WaitingForClips => !Failed.Any() && Missing.Any();

    /// <summary>Clips whose create was sent but whose answer was lost, on a provider that cannot tell whether the job exists.</summary>
    public IEnumerable<ClipOutcome> InDoubt => Clips.Where(c => c.State == ClipState.InDoubt);

    /// <summary>The estimate of the in-doubt clips: what may have been spent without a video to show for it.</summary>
    public decimal AtRiskUsd => InDoubt.Sum(c => c.EstimatedUsd);

    /// <summary>The provider's name (<c>target.backend</c> or <c>--backend</c>).</summary>
    public string Backend { get; init; } = Generation.Placeholder.PlaceholderProvider.ProviderName;

    /// <summary>What the provider can do (e.g. clips made by hand; where its dashboard is).</summary>
    public Generation.Providers.ProviderCapabilities Capabilities { get; init; } = new();

    /// <summary>A manual run's shot list (Markdown; a CSV beside it), or null.</summary>
    public string? ShotListPath { get; init; }

    public int Generated => Clips.Count(c => !c.CacheHit && c.State is not (ClipState.Failed or ClipState.Missing));

    /// <summary>The budget refused a submission: clips were left unsubmitted (exit code 3).</summary>
    public bool StoppedByBudget { get; init; }

    /// <summary>The estimate made before the run sent anything.</summary>
    public CostEstimate? Cost { get; init; }

    public decimal EstimatedUsd => Clips.Sum(c => c.EstimatedUsd);

    public decimal SpentUsd => Clips.Sum(c => c.SpentUsd);
}