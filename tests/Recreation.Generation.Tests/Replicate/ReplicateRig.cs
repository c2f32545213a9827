using Recreation.Generation.Replicate;
using Recreation.Testing.FakeProviders;

namespace Recreation.Generation.Tests.Replicate;

/// <summary>The fake Replicate API (with its file host), a real client talking to it over loopback, a clock and a temp folder, for one test.</summary>
internal sealed class ReplicateRig : ProviderRig
{
    private ReplicateRig(FakeReplicateServer server, TimeProvider time)
        : base(time)
    {
        Server = server;
        Client = NewClient();
    }

    public FakeReplicateServer Server { get; }

    public ReplicateClient Client { get; }

    public static async Task<ReplicateRig> StartAsync(Func<FakeProviderOptions, FakeProviderOptions>? server = null, bool realTime = false, bool requireKeyOnDownloads = true, CancellationToken cancellationToken = default)
    {
        var time = NewTime(realTime);
        var options = new FakeProviderOptions { TimeProvider = time };
        return new ReplicateRig(await FakeReplicateServer.StartAsync(server?.Invoke(options) ?? options, requireKeyOnDownloads, cancellationToken), time);
    }

    /// <summary>Options for the fake: its root, its token, its file host as the one host files may be fetched from with the key, short waits.</summary>
    public ReplicateOptions Options(Action<ReplicateOptions>? configure = null)
    {
        var options = new ReplicateOptions
        {
            BaseUrl = Server.BaseUrl.ToString(),
            ApiKey = Server.ApiKey,
            KeyHosts = Server.DownloadHost,
            PollInterval = TimeSpan.FromMilliseconds(50),
            RetryBaseDelay = TimeSpan.FromMilliseconds(20),
            RetryMaxDelay = TimeSpan.FromMilliseconds(500),
            RequestTimeout = TimeSpan.FromSeconds(20),
            DownloadTimeout = TimeSpan.FromSeconds(60),
            ReconcileDelay = TimeSpan.FromMilliseconds(50),
            JitterSeed = 7,
        };
        configure?.Invoke(options);
        return options;
    }

    public ReplicateClient NewClient(Action<ReplicateOptions>? configure = null) => new(Http(), Options(configure), Time);

    protected override ValueTask DisposeServerAsync() => Server.DisposeAsync();
}