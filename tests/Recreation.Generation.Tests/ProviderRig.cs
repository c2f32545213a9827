using Recreation.Generation.Providers;
using Recreation.Media;
using Recreation.Media.Probing;
using Recreation.Testing;
using Recreation.Testing.FakeVideosApi;

namespace Recreation.Generation.Tests;

/// <summary>
/// What every provider rig shares: its fake server, a clock (auto-advancing fake, or real), a temp
/// folder, HttpClients that do not follow redirects, a probe, and options for a client of the fake:
/// its root and key, short real-time backoffs, a 20 s attempt timeout and seeded jitter, with what
/// the provider needs besides added by <see cref="Tune"/>.
/// </summary>
internal abstract class ProviderRig<TServer, TOptions> : IAsyncDisposable
    where TServer : IAsyncDisposable
    where TOptions : ProviderOptions, new()
{
    private static readonly FFmpegRunner Runner = new();
    private readonly List<HttpClient> _httpClients = [];
    private readonly Uri _baseUrl;
    private readonly string _apiKey;

    protected ProviderRig(TServer server, Uri baseUrl, string apiKey, TimeProvider time)
    {
        Server = server;
        _baseUrl = baseUrl;
        _apiKey = apiKey;
        Time = time;
    }

    public TServer Server { get; }

    public TimeProvider Time { get; }

    public FakeTimeProvider FakeTime => Time as FakeTimeProvider ?? throw new InvalidOperationException("This rig runs on real time.");

    public TempDirectory Temp { get; } = new("recreation-provider");

    public static TimeProvider NewTime(bool realTime) => realTime ? TimeProvider.System : new FakeTimeProvider { AutoAdvance = true };

    public static Task<MediaInfo> ProbeAsync(string path, CancellationToken cancellationToken) => new MediaProbe(Runner).ProbeAsync(path, cancellationToken);

    /// <summary>Options for a client of this rig's server, then <paramref name="configure"/>'s changes.</summary>
    public TOptions Options(Action<TOptions>? configure = null)
    {
        var options = new TOptions
        {
            BaseUrl = _baseUrl.ToString(),
            ApiKey = _apiKey,
            RetryBaseDelay = TimeSpan.FromMilliseconds(20),
            RetryMaxDelay = TimeSpan.FromMilliseconds(500),
            RequestTimeout = TimeSpan.FromSeconds(20),
            JitterSeed = 7,
        };
        Tune(options);
        configure?.Invoke(options);
        return options;
    }

    /// <summary>An HttpClient as the clients need it: no redirects followed by the handler, no overall timeout (attempts time themselves).</summary>
    public HttpClient Http(bool followRedirects = false)
    {
        var http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = followRedirects }) { Timeout = Timeout.InfiniteTimeSpan };
        _httpClients.Add(http);
        return http;
    }

    public virtual async ValueTask DisposeAsync()
    {
        foreach (var http in _httpClients)
        {
            http.Dispose();
        }

        await Server.DisposeAsync();
        Temp.Dispose();
    }

    /// <summary>The provider's own settings for a test, on top of the shared ones.</summary>
    protected abstract void Tune(TOptions options);
}