using Recreation.Testing.FakeVideosApi;

namespace Recreation.Cli.Tests.Hostile;

/// <summary>
/// The loopback servers a case's <c>server:</c> can name. Each starts on 127.0.0.1 (a free port)
/// and gives the placeholders it fills: <c>{server}</c> (its base URL) and <c>{server_key}</c>
/// (the key it accepts). Add a server here (a name and a start function) for a new hostile answer.
/// </summary>
public static class HostileServers
{
    private static readonly Dictionary<string, Func<Task<(IAsyncDisposable Server, IReadOnlyDictionary<string, string> Placeholders)>>> Servers = new(StringComparer.Ordinal)
    {
        ["fake-videos-api"] = StartFakeVideosApiAsync,
    };

    public static Task<(IAsyncDisposable Server, IReadOnlyDictionary<string, string> Placeholders)> StartAsync(string name) =>
        Servers.TryGetValue(name, out var start)
            ? start()
            : throw new InvalidOperationException($"unknown server '{name}'; known: {string.Join(", ", Servers.Keys)}");

    private static async Task<(IAsyncDisposable, IReadOnlyDictionary<string, string>)> StartFakeVideosApiAsync()
    {
        var server = await FakeVideosApiServer.StartAsync(new FakeVideosApiOptions());
        return (server, new Dictionary<string, string> { ["server"] = server.BaseUrl.ToString(), ["server_key"] = server.ApiKey });
    }
}