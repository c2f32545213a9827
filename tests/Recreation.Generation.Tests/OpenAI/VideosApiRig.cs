using Recreation.Core.Model;
using Recreation.Generation.OpenAI;
using Recreation.Media;
using Recreation.Media.Probing;
using Recreation.Testing;
using Recreation.Testing.FakeVideosApi;

namespace Recreation.Generation.Tests.OpenAI;

/// <summary>A fake Videos API server, a real client talking to it over loopback, a clock and a temp folder, for one test.</summary>
internal sealed class VideosApiRig : IAsyncDisposable
{
    private static readonly FFmpegRunner Runner = new();
    private readonly List<HttpClient> _httpClients = [];

    private VideosApiRig(FakeVideosApiServer server, TimeProvider time, Action<OpenAIVideosOptions>? client)
    {
        Server = server;
        Time = time;
        Client = NewClient(client);
    }

    public FakeVideosApiServer Server { get; }

    /// <summary>A <see cref="FakeTimeProvider"/> with auto-advance (shared by server and client), or the system clock.</summary>
    public TimeProvider Time { get; }

    public FakeTimeProvider FakeTime => Time as FakeTimeProvider ?? throw new InvalidOperationException("This rig runs on real time.");

    public VideosClient Client { get; }

    public TempDirectory Temp { get; } = new("recreation-videos-api");

    /// <param name="realTime">Run on the system clock (for the few tests that measure real waits).</param>
    /// <param name="client">Changes to <see cref="Options"/> for <see cref="Client"/>.</param>
    public static async Task<VideosApiRig> StartAsync(Func<FakeVideosApiOptions, FakeVideosApiOptions>? server = null, bool realTime = false, CancellationToken cancellationToken = default, Action<OpenAIVideosOptions>? client = null)
    {
        TimeProvider time = realTime ? TimeProvider.System : new FakeTimeProvider { AutoAdvance = true };
        var options = new FakeVideosApiOptions { TimeProvider = time };
        return new VideosApiRig(await FakeVideosApiServer.StartAsync(server?.Invoke(options) ?? options, cancellationToken), time, client);
    }

    /// <summary>Options for a client of this rig's server: short real-time backoffs, seeded jitter, fast polling bounds.</summary>
    public OpenAIVideosOptions Options(Action<OpenAIVideosOptions>? configure = null)
    {
        var options = new OpenAIVideosOptions
        {
            BaseUrl = Server.BaseUrl.ToString(),
            ApiKey = Server.ApiKey,
            PollInterval = TimeSpan.FromMilliseconds(50),
            MinPollInterval = TimeSpan.FromMilliseconds(10),
            MaxPollInterval = TimeSpan.FromSeconds(2),
            RetryBaseDelay = TimeSpan.FromMilliseconds(20),
            RetryMaxDelay = TimeSpan.FromMilliseconds(500),
            RequestTimeout = TimeSpan.FromSeconds(20),
            DownloadTimeout = TimeSpan.FromSeconds(30),
            JitterSeed = 7,
        };
        configure?.Invoke(options);
        return options;
    }

    public VideosClient NewClient(Action<OpenAIVideosOptions>? configure = null)
    {
        var http = new HttpClient(VideosClient.CreateHttpHandler()) { Timeout = Timeout.InfiniteTimeSpan };
        _httpClients.Add(http);
        return new VideosClient(http, Options(configure), Time);
    }

    /// <summary>A 320x180 clip of the test-tiny model.</summary>
    public static CreateVideoRequest Tiny(int seconds = 1, string? inputImage = null, string prompt = "A red ball rolls slowly across a wooden table.") =>
        new(prompt, FakeVideoModel.TestTiny.Name, seconds, new FrameSize(320, 180), inputImage);

    public static Task<MediaInfo> ProbeAsync(string path, CancellationToken cancellationToken) => new MediaProbe(Runner).ProbeAsync(path, cancellationToken);

    /// <summary>Create, wait and download: the whole life of one clip.</summary>
    public async Task<(Video Video, string Path)> GenerateAsync(CreateVideoRequest request, string key, CancellationToken cancellationToken, VideosClient? client = null)
    {
        client ??= Client;
        var created = await client.CreateAsync(request, key, cancellationToken);
        var done = await client.WaitAsync(created.Id, null, cancellationToken);
        var path = Temp.File($"{key}.mp4");
        if (done.IsCompleted)
        {
            await client.DownloadContentAsync(done.Id, VideoContentVariant.Video, path, null, cancellationToken);
        }

        return (done, path);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var http in _httpClients)
        {
            http.Dispose();
        }

        await Server.DisposeAsync();
        Temp.Dispose();
    }
}