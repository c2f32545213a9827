using Recreation.Core;

namespace Recreation.Generation.Http;

/// <summary>
/// A call to a video service (Gemini, Runway) that failed for good. The flags say what the failure
/// means for the clip, so a provider can map it to a neutral outcome without reading status codes:
/// <see cref="IsInDoubt"/> (a create was sent and its answer lost: a paid job may exist),
/// <see cref="IsInputRefused"/> (the service refused the request as invalid: the scene must change),
/// <see cref="IsTransient"/> (retries were used up on 429/5xx/network errors), and
/// <see cref="RecreationException.IsFatal"/> (no other clip can succeed either: a bad key, no quota).
/// The message says what to do and never contains the key.
/// </summary>
public sealed class ServiceApiException : RecreationException
{
    internal ServiceApiException(
        string message,
        int? statusCode,
        bool isTransient,
        bool isFatal,
        ServiceError? error = null,
        TimeSpan? retryAfter = null,
        bool isInDoubt = false,
        bool isInputRefused = false,
        Exception? innerException = null)
        : base(message, ExitCodes.RunFailed, isFatal, innerException)
    {
        StatusCode = statusCode;
        IsTransient = isTransient;
        ErrorCode = error?.Code;
        ErrorStatus = error?.Status;
        RetryAfter = retryAfter;
        IsInDoubt = isInDoubt;
        IsInputRefused = isInputRefused;
    }

    /// <summary>The HTTP status; null for network errors and timeouts.</summary>
    public int? StatusCode { get; }

    /// <summary>True for what a retry may fix (408, 429, 5xx, network): by the time this is thrown, the retries were used up.</summary>
    public bool IsTransient { get; }

    /// <summary>The service's machine-readable reason, e.g. <c>API_KEY_INVALID</c>.</summary>
    public string? ErrorCode { get; }

    /// <summary>Google's <c>error.status</c> (e.g. <c>INVALID_ARGUMENT</c>); null for services without one.</summary>
    public string? ErrorStatus { get; }

    /// <summary>The wait the server asked for (<c>Retry-After</c>).</summary>
    public TimeSpan? RetryAfter { get; }

    /// <summary>A create request was sent and its answer never arrived (timeout, dropped connection, unreadable answer): the service may have started a paid job. Never resend it on its own.</summary>
    public bool IsInDoubt { get; }

    /// <summary>The service refused the request as invalid input (400/422 that is not about the key): the same request will never succeed.</summary>
    public bool IsInputRefused { get; }
}