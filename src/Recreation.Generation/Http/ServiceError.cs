namespace Recreation.Generation.Http;

/// <summary>What a service's error body said, read leniently (any part may be missing).</summary>
/// <param name="Message">The human-readable message.</param>
/// <param name="Code">The machine-readable reason (Google's ErrorInfo <c>reason</c>, Runway's code), if any.</param>
/// <param name="Status">Google's canonical status name (<c>INVALID_ARGUMENT</c>), if any.</param>
internal sealed record ServiceError(string? Message, string? Code, string? Status)
{
    public static ServiceError None { get; } = new(null, null, null);
}