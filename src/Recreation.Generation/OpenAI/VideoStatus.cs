namespace Recreation.Generation.OpenAI;

/// <summary>
/// The status values the protocol documents. A status is a string, not an enum, on purpose:
/// gateways send others (<c>cancelled</c>, <c>expired</c>…), and anything other than
/// <see cref="Queued"/> and <see cref="InProgress"/> is terminal.
/// </summary>
public static class VideoStatus
{
    public const string Queued = "queued";
    public const string InProgress = "in_progress";
    public const string Completed = "completed";
    public const string Failed = "failed";

    public static bool IsTerminal(string status) => status is not (Queued or InProgress);
}