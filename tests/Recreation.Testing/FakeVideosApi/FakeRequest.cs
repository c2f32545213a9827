namespace Recreation.Testing.FakeVideosApi;

/// <summary>What a fault rule sees of a request: its 1-based number on this server, method, path and endpoint.</summary>
/// <param name="VideoId">The id in the path, for calls on one video.</param>
public sealed record FakeRequest(int Number, string Method, string Path, FakeEndpoint Endpoint, string? VideoId);