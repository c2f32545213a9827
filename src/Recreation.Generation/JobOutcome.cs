namespace Recreation.Generation;

/// <summary>
/// How a job ended, in words the pipeline decides on without knowing the provider's protocol.
/// <see cref="FailureReason"/> carries the service's words (e.g. <c>moderation_blocked: …</c>)
/// when it did not complete.
/// </summary>
public sealed record JobOutcome(JobOutcomeKind Kind, string? FailureReason)
{
    public static JobOutcome Success { get; } = new(JobOutcomeKind.Completed, null);

    public bool Completed => Kind == JobOutcomeKind.Completed;

    /// <summary>The service ended the job without a video (its reason: a safety filter, an error of its own).</summary>
    public static JobOutcome Failed(string reason) => new(JobOutcomeKind.FailedByService, reason);

    /// <summary>The service refused the job's input (the prompt, an image, a length): the user must change the scene.</summary>
    public static JobOutcome Refused(string reason) => new(JobOutcomeKind.RefusedAsInvalid, reason);

    /// <summary>The job is gone before it could be finished or fetched (the service deleted it).</summary>
    public static JobOutcome Expired(string reason) => new(JobOutcomeKind.Expired, reason);
}