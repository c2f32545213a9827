using Recreation.Generation.Runway;
using Recreation.Testing.FakeProviders;

namespace Recreation.Generation.Tests.Runway;

/// <summary>A fake Runway API (with its download host), a real client talking to it over loopback, a clock and a temp folder, for one test.</summary>
internal sealed class RunwayRig : ProviderRig
{
    private RunwayRig(FakeRunwayServer server, TimeProvider time)
        : base(time)
    {
        Server = server;
        Client = NewClient();
    }

    public FakeRunwayServer Server { get; }

    public RunwayClient Client { get; }

    public static async Task<RunwayRig> StartAsync(Func<FakeProviderOptions, FakeProviderOptions>? server = null, bool realTime = false, CancellationToken cancellationToken = default)
    {
        var time = NewTime(realTime);
        var options = new FakeProviderOptions { TimeProvider = time };
        return new RunwayRig(await FakeRunwayServer.StartAsync(server?.Invoke(options) ?? options, cancellationToken), time);
    }

    public RunwayOptions Options(Action<RunwayOptions>? configure = null)
    {
        var options = new RunwayOptions
        {
            BaseUrl = Server.BaseUrl.ToString(),
            ApiKey = Server.ApiKey,
            PollInterval = TimeSpan.FromMilliseconds(50),
            RetryBaseDelay = TimeSpan.FromMilliseconds(20),
            RetryMaxDelay = TimeSpan.FromMilliseconds(500),
            RequestTimeout = TimeSpan.FromSeconds(20),
            DownloadTimeout = TimeSpan.FromSeconds(60),
            JitterSeed = 7,
        };
        configure?.Invoke(options);
        return options;
    }

    public RunwayClient NewClient(Action<RunwayOptions>? configure = null) => new(Http(), Options(configure), Time);

    protected override ValueTask DisposeServerAsync() => Server.DisposeAsync();
}