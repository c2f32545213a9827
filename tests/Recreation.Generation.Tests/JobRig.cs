using Recreation.Generation.Providers;
using Recreation.Testing.FakeProviders;

namespace Recreation.Generation.Tests;

/// <summary>
/// The rig of a provider that runs jobs and downloads their videos (fal, Gemini, OpenRouter,
/// Replicate, Runway): its fake started on the rig's clock, options that poll every 50 ms and give
/// a download 60 s, and a real client talking to the fake over loopback (<see cref="Client"/>, made
/// at the start, or a new one with other options).
/// </summary>
internal abstract class JobRig<TServer, TOptions, TClient> : ProviderRig<TServer, TOptions>
    where TServer : IAsyncDisposable
    where TOptions : ProviderOptions, new()
{
    private readonly Func<HttpClient, TOptions, TimeProvider, TClient> _create;

    /// <param name="create">Makes the provider's client: <c>(http, options, time) =&gt; new FalClient(http, options, time)</c>.</param>
    protected JobRig(TServer server, Uri baseUrl, string apiKey, TimeProvider time, Func<HttpClient, TOptions, TimeProvider, TClient> create)
        : base(server, baseUrl, apiKey, time)
    {
        _create = create;
        Client = NewClient();
    }

    public TClient Client { get; }

    /// <param name="followRedirects">Let the handler follow redirects, as a careless client would (the clients follow them by hand).</param>
    public TClient NewClient(Action<TOptions>? configure = null, bool followRedirects = false) =>
        _create(Http(followRedirects), Options(configure), Time);

    protected override void Tune(TOptions options)
    {
        options.PollInterval = TimeSpan.FromMilliseconds(50);
        options.DownloadTimeout = TimeSpan.FromSeconds(60);
    }

    /// <summary>Starts the fake on a new clock (with <paramref name="server"/>'s changes to its options), then the rig around it.</summary>
    protected static async Task<TRig> StartRigAsync<TRig>(
        Func<FakeProviderOptions, FakeProviderOptions>? server,
        bool realTime,
        Func<FakeProviderOptions, Task<TServer>> start,
        Func<TServer, TimeProvider, TRig> create)
    {
        var time = NewTime(realTime);
        var options = new FakeProviderOptions { TimeProvider = time };
        return create(await start(server?.Invoke(options) ?? options), time);
    }
}