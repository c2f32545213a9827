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
        ["echo-key-videos-api"] = StartEchoKeyVideosApiAsync,
        ["endless-videos-api"] = StartEndlessVideosApiAsync,
    };

    public static Task<(IAsyncDisposable Server, IReadOnlyDictionary<string, string> Placeholders)> StartAsync(string name) =>
        Servers.TryGetValue(name, out var start)
            ? start()
            : throw new InvalidOperationException($"unknown server '{name}'; known: {string.Join(", ", Servers.Keys)}");

    /// <summary>
    /// A Videos API that echoes whatever key it is sent: the first create is refused with the key in
    /// the error's code, param, type, message (after 190 characters, across a 200-character cut), the
    /// <c>x-request-id</c> header and the reason phrase; the second with it 10 characters in; the
    /// third is accepted whatever its key, and every poll answers a failed job with it in <c>error.code</c> and <c>error.message</c>.
    /// </summary>
    private static async Task<(IAsyncDisposable, IReadOnlyDictionary<string, string>)> StartEchoKeyVideosApiAsync()
    {
        var server = await FakeVideosApiServer.StartAsync(new FakeVideosApiOptions { PollAfter = TimeSpan.FromMilliseconds(20) });
        server.Faults
            .Enqueue(HostileAnswers.EchoPresentedKeyError(), FakeEndpoint.Create)
            .Enqueue(HostileAnswers.EchoPresentedKeyError(messagePadding: 10), FakeEndpoint.Create)
            .AddRule(request => request.Endpoint switch
            {
                FakeEndpoint.Create => HostileAnswers.AcceptAnyCreate(),
                FakeEndpoint.Retrieve => HostileAnswers.EchoPresentedKeyFailedJob(),
                _ => null,
            });
        return (server, new Dictionary<string, string> { ["server"] = server.BaseUrl.ToString(), ["server_key"] = server.ApiKey });
    }

    /// <summary>
    /// A Videos API whose answers never end or are far too large: the first create is refused with a
    /// 512 MB error body, the second answered with endless JSON, every download is an endless body
    /// with no Content-Length.
    /// </summary>
    private static async Task<(IAsyncDisposable, IReadOnlyDictionary<string, string>)> StartEndlessVideosApiAsync()
    {
        var server = await FakeVideosApiServer.StartAsync(new FakeVideosApiOptions { PollsToComplete = 2, PollAfter = TimeSpan.FromMilliseconds(20) });
        var sent = new HostileAnswers.SentBytes();
        server.Faults
            .Enqueue(HostileAnswers.EndlessBody(sent, 400, "text/plain", announce: 512L * 1024 * 1024), FakeEndpoint.Create)
            .Enqueue(HostileAnswers.EndlessBody(sent, 200, "application/json"), FakeEndpoint.Create)
            .AddRule(request => request.Endpoint == FakeEndpoint.Content ? HostileAnswers.EndlessBody(sent) : null);
        return (server, new Dictionary<string, string> { ["server"] = server.BaseUrl.ToString(), ["server_key"] = server.ApiKey });
    }

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