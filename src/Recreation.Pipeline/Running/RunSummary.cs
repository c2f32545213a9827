using Recreation.Pipeline.Ledger;

namespace Recreation.Pipeline.Running;

/// <summary>How a run ended: every clip's outcome and, when all clips made it, the output.</summary>
public sealed record RunSummary(string Workspace, string? OutputPath, IReadOnlyList<ClipOutcome> Clips, TimeSpan OutputDuration, TimeSpan TransitionOverlap, TimeSpan Elapsed, string? StitchReason)
{
    public IEnumerable<ClipOutcome> Failed => Clips.Where(c => c.State == ClipState.Failed);

    public bool Succeeded => OutputPath is not null && !Failed.Any();

    public int Generated => Clips.Count(c => !c.CacheHit && c.State != ClipState.Failed);

    /// <summary>The budget refused a submission: clips were left unsubmitted (exit code 3).</summary>
    public bool StoppedByBudget { get; init; }

    /// <summary>The estimate made before the run sent anything.</summary>
    public CostEstimate? Cost { get; init; }

    public decimal EstimatedUsd => Clips.Sum(c => c.EstimatedUsd);

    public decimal SpentUsd => Clips.Sum(c => c.SpentUsd);
}