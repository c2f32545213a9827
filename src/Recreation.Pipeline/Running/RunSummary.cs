using Recreation.Pipeline.Ledger;

namespace Recreation.Pipeline.Running;

/// <summary>How a run ended: every clip's outcome and, when all clips made it, the output.</summary>
public sealed record RunSummary(string Workspace, string? OutputPath, IReadOnlyList<ClipOutcome> Clips, TimeSpan OutputDuration, TimeSpan TransitionOverlap, TimeSpan Elapsed, string? StitchReason)
{
    public IEnumerable<ClipOutcome> Failed => Clips.Where(c => c.State == ClipState.Failed);

    public bool Succeeded => OutputPath is not null && !Failed.Any();

    public int Generated => Clips.Count(c => !c.CacheHit && c.State != ClipState.Failed);
}