using Recreation.Generation.Fal;
using Recreation.Testing.FakeProviders;

namespace Recreation.Generation.Tests.Fal;

/// <summary>The fake fal queue (with its download host), a real client talking to it over loopback, a clock and a temp folder, for one test.</summary>
internal sealed class FalRig : ProviderRig
{
    private FalRig(FakeFalServer server, TimeProvider time)
        : base(time)
    {
        Server = server;
        Client = NewClient();
    }

    public FakeFalServer Server { get; }

    public FalClient Client { get; }

    public static async Task<FalRig> StartAsync(Func<FakeProviderOptions, FakeProviderOptions>? server = null, bool realTime = false, CancellationToken cancellationToken = default)
    {
        var time = NewTime(realTime);
        var options = new FakeProviderOptions { TimeProvider = time };
        return new FalRig(await FakeFalServer.StartAsync(server?.Invoke(options) ?? options, cancellationToken), time);
    }

    public FalOptions Options(Action<FalOptions>? configure = null)
    {
        var options = new FalOptions
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

    public FalClient NewClient(Action<FalOptions>? configure = null) => new(Http(), Options(configure), Time);

    protected override ValueTask DisposeServerAsync() => Server.DisposeAsync();
}