using Recreation.Core;
using Recreation.Core.Model;
using Recreation.Generation;
using Recreation.Generation.OpenAI;
using Recreation.Generation.Placeholder;
using Recreation.Generation.Providers;
using Recreation.Media;
using Recreation.Pipeline.Ledger;
using Recreation.Pipeline.Running;
using Recreation.Testing;
using Recreation.Testing.FakeVideosApi;

namespace Recreation.Pipeline.Tests.OpenAI;

/// <summary>A fake Videos API on loopback, a real client and orchestrator pointed at it, and a scene of six 1 s clips of the test-tiny model at $0.10/s.</summary>
internal sealed class PaidRunRig : IAsyncDisposable
{
    public const string Yaml = """
        version: 1
        title: Paid spec
        profiles: [{ name: test-tiny, backends: [openai], seconds: [1, 2, 4], sizes: [{ size: 320x180, usd_per_second: 0.10 }] }]
        target: { backend: openai, model: test-tiny, size: 320x180, concurrency: 2 }
        output: { path: out/paid.mp4, fps: 24, loudness: null }
        palette: ["#203040", "#a0b0c0"]
        scenes:
          - { id: harbour, duration: 1, description: Boats rock in a grey harbour at dawn. }
          - { id: market, duration: 1, description: A fish market opens its shutters. }
          - { id: gulls, duration: 1, description: Gulls wheel over the masts. }
          - { id: ferry, duration: 1, description: A ferry sounds its horn and leaves. }
          - { id: rain, duration: 1, description: Rain begins on the quay. }
          - { id: lamps, duration: 1, description: The harbour lamps come on. }
        """;

    private static readonly FFmpegRunner Runner = new();
    private readonly HttpClient _http = new(VideosClient.CreateHttpHandler()) { Timeout = Timeout.InfiniteTimeSpan };

    private PaidRunRig(FakeVideosApiServer server)
    {
        Server = server;
        Client = new VideosClient(_http, new OpenAIVideosOptions
        {
            BaseUrl = server.BaseUrl.ToString(),
            ApiKey = server.ApiKey,
            PollInterval = TimeSpan.FromMilliseconds(20),
            MinPollInterval = TimeSpan.FromMilliseconds(10),
            MaxPollInterval = TimeSpan.FromMilliseconds(200),
            RetryBaseDelay = TimeSpan.FromMilliseconds(10),
            RetryMaxDelay = TimeSpan.FromMilliseconds(200),
            MaxRetryAfter = TimeSpan.FromMilliseconds(200),
            MaxRetryAttempts = 10,
            RequestTimeout = TimeSpan.FromSeconds(20),
            DownloadTimeout = TimeSpan.FromSeconds(30),
            JitterSeed = 3,
        });
    }

    public FakeVideosApiServer Server { get; }

    public VideosClient Client { get; }

    public TempDirectory Temp { get; } = new("recreation-paid");

    public static async Task<PaidRunRig> StartAsync(double faultRate = 0, int seed = 1) =>
        new(await FakeVideosApiServer.StartAsync(new FakeVideosApiOptions
        {
            RandomFaultRate = faultRate,
            Seed = seed,
            PollsToComplete = 2,
            PollAfter = TimeSpan.FromMilliseconds(10),
        }));

    public CompiledScene Scene(string yaml = Yaml)
    {
        var path = Temp.File("scene.yaml");
        File.WriteAllText(path, yaml);
        return SceneCompiler.Compile(path);
    }

    public RunOrchestrator Orchestrator(Func<IClipGenerator, IClipGenerator>? wrap = null, FFmpegRunner? runner = null)
    {
        IClipGenerator paid = new OpenAIClipGenerator(Client);
        paid = wrap?.Invoke(paid) ?? paid;
        runner ??= Runner;
        return new RunOrchestrator(runner, new ClipGeneratorFactory(ProviderRegistry.BuiltIn.WithGenerator(OpenAIProvider.ProviderName, _ => paid), new ProviderContext(runner)));
    }

    public Task<RunSummary> RunAsync(RunOptions? options = null, CancellationToken cancellationToken = default, Func<IClipGenerator, IClipGenerator>? wrap = null) =>
        Orchestrator(wrap).RunAsync(Scene(), options ?? new RunOptions(), null, cancellationToken);

    public string OutputPath => Temp.File("out/paid.mp4");

    public RunLedger Ledger(RunSummary summary) => RunLedger.Open(Path.Combine(summary.Workspace, "ledger.json"));

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        _http.Dispose();
        Temp.Dispose();
    }
}