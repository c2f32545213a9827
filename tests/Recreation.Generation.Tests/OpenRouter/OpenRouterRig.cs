using Recreation.Generation.OpenRouter;
using Recreation.Testing.FakeProviders;

namespace Recreation.Generation.Tests.OpenRouter;

/// <summary>The fake OpenRouter (with its storage host), a real client talking to it over loopback, a clock and a temp folder, for one test.</summary>
internal sealed class OpenRouterRig : ProviderRig
{
    private OpenRouterRig(FakeOpenRouterServer server, TimeProvider time)
        : base(time)
    {
        Server = server;
        Client = NewClient();
    }

    public FakeOpenRouterServer Server { get; }

    public OpenRouterClient Client { get; }

    public static async Task<OpenRouterRig> StartAsync(Func<FakeProviderOptions, FakeProviderOptions>? server = null, bool realTime = false, CancellationToken cancellationToken = default)
    {
        var time = NewTime(realTime);
        var options = new FakeProviderOptions { TimeProvider = time };
        return new OpenRouterRig(await FakeOpenRouterServer.StartAsync(server?.Invoke(options) ?? options, cancellationToken), time);
    }

    public OpenRouterOptions Options(Action<OpenRouterOptions>? configure = null)
    {
        var options = new OpenRouterOptions
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

    public OpenRouterClient NewClient(Action<OpenRouterOptions>? configure = null) => new(Http(), Options(configure), Time);

    protected override ValueTask DisposeServerAsync() => Server.DisposeAsync();
}