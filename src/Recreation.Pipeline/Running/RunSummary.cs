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

    public Core.Model.Backend Backend { get; init; }

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