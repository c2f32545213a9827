using Recreation.Media;
using Recreation.Media.Probing;
using Recreation.Testing;
using Recreation.Testing.FakeVideosApi;

namespace Recreation.Generation.Tests;

/// <summary>What the Gemini and Runway rigs share: a clock (auto-advancing fake, or real), a temp folder, HttpClients that do not follow redirects, and a probe.</summary>
internal abstract class ProviderRig : IAsyncDisposable
{
    private static readonly FFmpegRunner Runner = new();
    private readonly List<HttpClient> _httpClients = [];

    protected ProviderRig(TimeProvider time)
    {
        Time = time;
    }

    public TimeProvider Time { get; }

    public FakeTimeProvider FakeTime => Time as FakeTimeProvider ?? throw new InvalidOperationException("This rig runs on real time.");

    public TempDirectory Temp { get; } = new("recreation-provider");

    public static TimeProvider NewTime(bool realTime) => realTime ? TimeProvider.System : new FakeTimeProvider { AutoAdvance = true };

    public static Task<MediaInfo> ProbeAsync(string path, CancellationToken cancellationToken) => new MediaProbe(Runner).ProbeAsync(path, cancellationToken);

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

        await DisposeServerAsync();
        Temp.Dispose();
    }

    protected abstract ValueTask DisposeServerAsync();
}