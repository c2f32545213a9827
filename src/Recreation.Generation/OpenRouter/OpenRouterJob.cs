namespace Recreation.Generation.OpenRouter;

/// <summary>
/// A video job as <c>GET /videos/{id}</c> last described it: <c>pending</c>, <c>in_progress</c>,
/// then <c>completed</c>, <c>failed</c> (with <c>error</c>), <c>cancelled</c> or <c>expired</c>
/// (OpenRouter's OpenAPI, December 2026). <see cref="ContentUrls"/> are its <c>unsigned_urls</c>
/// (OpenRouter's content endpoint, fetched with the key) once completed. An unknown status is
/// treated as still running.
/// </summary>
public sealed record OpenRouterJob(string Id, string Status, string? Error, IReadOnlyList<Uri> ContentUrls, decimal? Cost)
{
    public const string Pending = "pending";
    public const string InProgress = "in_progress";
    public const string Completed = "completed";
    public const string Failed = "failed";
    public const string Cancelled = "cancelled";
    public const string Expired = "expired";

    public bool IsCompleted => Status == Completed;

    public bool IsTerminal => Status is Completed or Failed or Cancelled or Expired;
}