namespace Recreation.Pipeline.Ledger;

/// <summary>
/// Where a clip stands (DESIGN §6): planned → submitting → submitted → completed → downloaded →
/// conformed, or failed with a reason. "submitting" is written before a create call so a crash
/// during it can be reconciled instead of paying again. "missing" is a manual run's clip that no
/// one has imported yet. "in doubt" is a paid clip whose create was sent but whose answer was lost,
/// on a provider that can neither list its jobs nor take an idempotency key: a job may exist; it is
/// never sent again unless the user asks (<c>--resubmit-in-doubt</c>).
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
    InDoubt,
}