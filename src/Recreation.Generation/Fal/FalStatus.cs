namespace Recreation.Generation.Fal;

/// <summary>
/// A queued fal request as its status URL last described it: <c>IN_QUEUE</c> (with a queue
/// position), <c>IN_PROGRESS</c>, <c>COMPLETED</c>. A completed request may have failed: the result
/// URL then answers with an error (fal's docs), and the status may carry an <c>error</c> (guessed:
/// some of fal's clients read it). An unknown status is treated as still running.
/// </summary>
public sealed record FalStatus(string Status, int? QueuePosition, string? Error)
{
    public const string InQueue = "IN_QUEUE";
    public const string InProgress = "IN_PROGRESS";
    public const string Completed = "COMPLETED";

    public bool IsCompleted => Status == Completed;
}