namespace Recreation.Testing.FakeVideosApi;

/// <summary>
/// One request as the server saw it, for assertions: the headers that matter (never the key
/// itself: <see cref="AuthScheme"/> says only which header carried one), the status answered
/// (0 when the connection was dropped) and the fault applied, if any.
/// </summary>
public sealed record FakeRequestRecord(
    int Number,
    string Method,
    string PathAndQuery,
    FakeEndpoint Endpoint,
    string? VideoId,
    string? ContentType,
    string? IdempotencyKey,
    string? AuthScheme,
    int StatusCode,
    FakeFault? Fault)
{
    /// <summary>The request's <c>Content-Length</c> header; null when it sent none (a chunked body, or no body).</summary>
    public long? ContentLength { get; init; }

    /// <summary>True when the body came with <c>Transfer-Encoding: chunked</c>.</summary>
    public bool Chunked { get; init; }

    /// <summary>
    /// The names of the credential headers the request carried (<c>Authorization</c>, <c>api-key</c>,
    /// <c>OpenAI-Organization</c>, <c>OpenAI-Project</c>), never their values.
    /// </summary>
    public IReadOnlyList<string> CredentialHeaders { get; init; } = [];
}