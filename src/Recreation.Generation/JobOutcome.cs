namespace Recreation.Generation;

/// <summary>How a job ended. <see cref="FailureReason"/> carries the server's words (e.g. <c>moderation_blocked: …</c>) when it did not complete.</summary>
public sealed record JobOutcome(bool Completed, string? FailureReason)
{
    public static JobOutcome Success { get; } = new(true, null);

    public static JobOutcome Failed(string reason) => new(false, reason);
}