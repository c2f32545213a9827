namespace Recreation.Generation.Http;

/// <summary>Which failures a call may be retried after.</summary>
internal enum RetryMode
{
    /// <summary>Reads, cancels and downloads: anything transient (429, 5xx, timeouts, dropped connections).</summary>
    Safe,

    /// <summary>
    /// A paid create on a service without an idempotency key: retried only when the failure proves no
    /// job exists (the connection was refused, or the service answered with a retryable error). A lost
    /// answer ends as an in-doubt <see cref="ServiceApiException"/>.
    /// </summary>
    CreateOnce,
}