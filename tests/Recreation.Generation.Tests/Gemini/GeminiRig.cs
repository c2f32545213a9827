using Recreation.Generation.Gemini;
using Recreation.Testing.FakeProviders;

namespace Recreation.Generation.Tests.Gemini;

/// <summary>A fake Gemini API (with its download host), a real client talking to it over loopback, a clock and a temp folder, for one test.</summary>
internal sealed class GeminiRig : ProviderRig
{
    private GeminiRig(FakeGeminiServer server, TimeProvider time)
        : base(time)
    {
        Server = server;
        Client = NewClient();
    }

    public FakeGeminiServer Server { get; }

    public GeminiClient Client { get; }

    public static async Task<GeminiRig> StartAsync(Func<FakeProviderOptions, FakeProviderOptions>? server = null, bool realTime = false, CancellationToken cancellationToken = default)
    {
        var time = NewTime(realTime);
        var options = new FakeProviderOptions { TimeProvider = time };
        return new GeminiRig(await FakeGeminiServer.StartAsync(server?.Invoke(options) ?? options, cancellationToken), time);
    }

    public GeminiOptions Options(Action<GeminiOptions>? configure = null)
    {
        var options = new GeminiOptions
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

    public GeminiClient NewClient(Action<GeminiOptions>? configure = null, bool followRedirects = false) =>
        new(Http(followRedirects), Options(configure), Time);

    protected override ValueTask DisposeServerAsync() => Server.DisposeAsync();
}