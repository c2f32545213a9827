namespace Recreation.Generation.OpenAI;

/// <summary>
/// A video job as the server last described it. Mapped once from the wire format; fields a
/// gateway leaves out are null. <see cref="Seconds"/> is a string on the wire and stays one here.
/// </summary>
public sealed record Video(
    string Id,
    string Status,
    int Progress,
    string? Model,
    string? Prompt,
    string? Size,
    string? Seconds,
    DateTimeOffset? CreatedAt,
    DateTimeOffset? CompletedAt,
    DateTimeOffset? ExpiresAt,
    string? RemixedFromVideoId,
    VideoError? Error)
{
    /// <summary>Any status other than queued, in_progress and processing (<see cref="VideoStatus.IsTerminal"/>).</summary>
    public bool IsTerminal => VideoStatus.IsTerminal(Status);

    public bool IsCompleted => Status == VideoStatus.Completed;

    /// <summary>Why a terminal job did not complete, e.g. <c>failed: moderation_blocked: …</c>; null when it completed or is still running.</summary>
    public string? FailureReason => IsTerminal && !IsCompleted
        ? Error is null ? Status : $"{Status}: {Error}"
        : null;
}