using Recreation.Core;

namespace Recreation.Generation.OpenAI;

/// <summary>
/// A Videos API call that failed for good: refused (4xx, not retried) or still failing after the
/// retries (5xx, 429, network). <see cref="RecreationException.IsFatal"/> is true when no other clip
/// can succeed either (401, 403, no quota): the run stops. Otherwise only this clip fails. The
/// message says what to fix and never contains the API key.
/// </summary>
public sealed class VideosApiException : RecreationException
{
    internal VideosApiException(
        string message,
        int? statusCode,
        bool isTransient,
        bool isFatal,
        ApiErrorDetails? details = null,
        Exception? innerException = null)
        : base(message, ExitCodes.RunFailed, isFatal, innerException)
    {
        StatusCode = statusCode;
        IsTransient = isTransient;
        ErrorCode = details?.Code;
        ErrorType = details?.Type;
        Param = details?.Param;
        RequestId = details?.RequestId;
        RetryAfter = details?.RetryAfter;
    }

    /// <summary>The HTTP status; null for network errors and timeouts.</summary>
    public int? StatusCode { get; }

    /// <summary>True for what a retry may fix (408, 429, 5xx, network): by the time this is thrown, the retries were used up.</summary>
    public bool IsTransient { get; }

    /// <summary>The server's <c>error.code</c>, e.g. <c>invalid_api_key</c>.</summary>
    public string? ErrorCode { get; }

    public string? ErrorType { get; }

    /// <summary>The request field the server blamed, e.g. <c>size</c> or <c>input_reference</c>.</summary>
    public string? Param { get; }

    /// <summary>The server's <c>x-request-id</c>, for a support ticket.</summary>
    public string? RequestId { get; }

    /// <summary>The wait the server asked for (<c>Retry-After</c>).</summary>
    public TimeSpan? RetryAfter { get; }

    /// <summary>
    /// A create or remix lost its answer after it may have reached a service set not to recover lost
    /// creates (<see cref="OpenAIVideosOptions.RecoverLostCreates"/> false), so it was not sent again:
    /// a job may exist and no one can tell.
    /// </summary>
    public bool LostCreateAnswer { get; init; }
}