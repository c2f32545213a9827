namespace Recreation.Generation.Providers;

/// <summary>
/// How a provider finds out what became of a create call whose answer was lost after the request
/// was sent (a timeout, a dropped connection, the process killed before the job id was saved).
/// </summary>
[Flags]
public enum LostCreateRecovery
{
    /// <summary>
    /// No way to know: the clip is <em>in doubt</em>. It is never sent again on its own, it counts
    /// against the budget at its estimate, and only <c>--resubmit-in-doubt</c> sends it again.
    /// </summary>
    None = 0,

    /// <summary>The create carries an idempotency key, so sending it again with the same key cannot start a second job.</summary>
    IdempotencyKey = 1,

    /// <summary>The service lists recent jobs; <see cref="IClipGenerator.FindSubmittedAsync"/> looks for the lost one there before anything is sent again.</summary>
    ListReconciliation = 2,
}