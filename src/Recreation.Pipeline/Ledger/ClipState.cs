namespace Recreation.Pipeline.Ledger;

/// <summary>
/// Where a clip stands (DESIGN §6): planned → submitting → submitted → completed → downloaded →
/// conformed, or failed with a reason. "submitting" is written before a create call so a crash
/// during it can be reconciled instead of paying again. "missing" is a manual run's clip that no
/// one has imported yet.
/// </summary>
public enum ClipState
{
    Planned,
    Submitting,
    Submitted,
    Completed,
    Downloaded,
    Conformed,
    Failed,
    Missing,
}