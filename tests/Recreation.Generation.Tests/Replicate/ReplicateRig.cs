using System.Text.Json.Nodes;

using Recreation.Core.Model;
using Recreation.Core.Profiles;
using Recreation.Generation.Aggregators;
using Recreation.Generation.Providers;
using Recreation.Generation.Replicate;
using Recreation.Testing.FakeProviders;
using Recreation.Testing.FakeVideosApi;

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

    /// <summary>The model the specs use most: Kling 2.1 through its built-in profile.</summary>
    public const string Kling = "kwaivgi/kling-v2.1";

    public static ModelProfile Profile(string name = Kling) => ProviderRegistry.BuiltIn.Catalog().Find(name)!;

    public ReplicateClipGenerator Generator() => new(Client, Profile());

    /// <summary>A five-second Kling clip that starts on a 1280x720 image written into the rig's folder.</summary>
    public async Task<ClipRequest> RequestAsync(string clipId, CancellationToken cancellationToken)
    {
        var image = await FakeImages.WritePngAsync(Temp.File($"first-{clipId}.png"), 1280, 720, cancellationToken);
        return new ClipRequest(clipId, "a", 1, 1, $"A kite rises ({clipId}).", Kling, new FrameSize(1280, 720), 5, image, [], $"cache-{clipId}");
    }

    /// <summary>The input JSON the Kling profile maps for a clip with <paramref name="prompt"/>, its first frame as a data URI.</summary>
    public async Task<JsonObject> KlingInputAsync(CancellationToken cancellationToken, string prompt = "A kite rises.")
    {
        var image = await FakeImages.WritePngAsync(Temp.File($"first-{Guid.NewGuid():N}.png"), 1280, 720, cancellationToken);
        var request = new ClipRequest("a-1", "a", 1, 1, prompt, Kling, new FrameSize(1280, 720), 5, image, [], "cache-key");
        return ModelInputs.Build(Profile().Inputs!, request, await DataUri.FromImageAsync(image, cancellationToken));
    }
}