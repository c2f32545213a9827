using Recreation.Generation.Replicate;
using Recreation.Testing.FakeProviders;

namespace Recreation.Generation.Tests.Replicate;

/// <summary>The fake Replicate API (with its file host), a real client talking to it over loopback, a clock and a temp folder, for one test.</summary>
internal sealed class ReplicateRig : JobRig<FakeReplicateServer, ReplicateOptions, ReplicateClient>
{
    private ReplicateRig(FakeReplicateServer server, TimeProvider time)
        : base(server, server.BaseUrl, server.ApiKey, time, (http, options, clock) => new ReplicateClient(http, options, clock))
    {
    }

    public static Task<ReplicateRig> StartAsync(Func<FakeProviderOptions, FakeProviderOptions>? server = null, bool realTime = false, bool requireKeyOnDownloads = true, CancellationToken cancellationToken = default) =>
        StartRigAsync(server, realTime, options => FakeReplicateServer.StartAsync(options, requireKeyOnDownloads, cancellationToken), (fake, time) => new ReplicateRig(fake, time));

    /// <summary>Besides the shared settings: the fake's file host as the one host files may be fetched from with the key, and a short wait before a lost create is looked for.</summary>
    protected override void Tune(ReplicateOptions options)
    {
        base.Tune(options);
        options.KeyHosts = Server.DownloadHost;
        options.ReconcileDelay = TimeSpan.FromMilliseconds(50);
    }
}