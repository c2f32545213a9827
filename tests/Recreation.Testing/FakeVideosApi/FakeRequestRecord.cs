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
    FakeFault? Fault);