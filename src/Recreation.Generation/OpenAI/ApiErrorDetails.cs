namespace Recreation.Generation.OpenAI;

/// <summary>What an error response said beyond its status: the error body's fields and the headers that matter.</summary>
internal sealed record ApiErrorDetails(string? Message, string? Type, string? Param, string? Code, string? RequestId, TimeSpan? RetryAfter);