using Recreation.Testing;
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
        ["trap"] = StartTrapAsync,
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

    /// <summary>
    /// A listener that answers nothing and fails the case if anything connected to it at all: for
    /// scenes that try to send credentials to a host of their choosing (<c>{server}</c> is
    /// <c>http://127.0.0.1:PORT/v1</c>; <c>{server_key}</c> is empty).
    /// </summary>
    private static Task<(IAsyncDisposable, IReadOnlyDictionary<string, string>)> StartTrapAsync()
    {
        var trap = new Trap();
        return Task.FromResult<(IAsyncDisposable, IReadOnlyDictionary<string, string>)>(
            (trap, new Dictionary<string, string> { ["server"] = trap.Listener.Origin + "/v1", ["server_key"] = "" }));
    }

    private sealed class Trap : IAsyncDisposable
    {
        public LoopbackTrap Listener { get; } = new();

        public ValueTask DisposeAsync()
        {
            var connections = Listener.Connections;
            Listener.Dispose();
            if (connections > 0)
            {
                Assert.Fail($"the trap server received {connections} connection(s): nothing may be sent to a host a scene file chose");
            }

            return ValueTask.CompletedTask;
        }
    }
}