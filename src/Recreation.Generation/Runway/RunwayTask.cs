namespace Recreation.Generation.Runway;

/// <summary>
/// A Runway task as last seen: <c>PENDING</c>, <c>THROTTLED</c> (queued by Runway until the
/// organisation's other tasks finish), <c>RUNNING</c> (with a progress 0–1), then <c>SUCCEEDED</c>
/// (with output URLs that expire in 24–48 h; each retrieve may give fresh ones), <c>FAILED</c> (with
/// <see cref="Failure"/> and a dotted <see cref="FailureCode"/> such as <c>SAFETY.INPUT.TEXT</c>) or
/// <c>CANCELLED</c>. An unknown status is treated as still running.
/// </summary>
public sealed record RunwayTask(string Id, string Status, double Progress, IReadOnlyList<string> Output, string? Failure, string? FailureCode, DateTimeOffset? CreatedAt)
{
    public const string Pending = "PENDING";
    public const string Throttled = "THROTTLED";
    public const string Running = "RUNNING";
    public const string Succeeded = "SUCCEEDED";
    public const string Failed = "FAILED";
    public const string Cancelled = "CANCELLED";

    public bool IsTerminal => Status is Succeeded or Failed or Cancelled;

    public bool IsSucceeded => Status == Succeeded && Output.Count > 0;

    /// <summary>Failed by Runway's content moderation (<c>SAFETY.*</c>).</summary>
    public bool IsSafetyFailure => Status == Failed && FailureCode?.StartsWith("SAFETY", StringComparison.Ordinal) == true;

    /// <summary>Why it ended without a video; null while running or after success.</summary>
    public string? FailureReason => Status switch
    {
        Failed => (FailureCode is null ? "" : FailureCode + ": ") + (Failure ?? "no reason given"),
        Cancelled => "the task was cancelled",
        Succeeded when Output.Count == 0 => "the task succeeded without an output",
        _ => null,
    };
}