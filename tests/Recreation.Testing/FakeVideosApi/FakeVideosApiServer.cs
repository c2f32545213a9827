using System.Net;

using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Recreation.Testing.FakeVideosApi;

/// <summary>
/// An in-process Kestrel server that speaks the Videos API (VIDEOS-API.md) on loopback: create
/// (multipart or JSON, validated like the real service), retrieve with jobs moving queued →
/// in_progress → completed as they are polled (and as <see cref="FakeVideosApiOptions.TimeProvider"/>
/// passes), real MP4/WebP/JPEG content of the requested size and length, list, delete, remix,
/// Bearer or api-key auth, and Idempotency-Key. <see cref="Faults"/> scripts failures per request.
/// <see cref="JobsCreated"/> and <see cref="BilledSeconds"/> count what a real service would charge.
/// </summary>
public sealed class FakeVideosApiServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly FakeVideoStore _store;
    private readonly FakeVideosApiPipeline _pipeline;

    private FakeVideosApiServer(WebApplication app, FakeVideoStore store, FakeVideosApiPipeline pipeline, Uri baseUrl, FakeVideosApiOptions options)
    {
        _app = app;
        _store = store;
        _pipeline = pipeline;
        BaseUrl = baseUrl;
        Options = options;
    }

    /// <summary>The API's base, ending in <c>/v1</c> (e.g. <c>http://127.0.0.1:41234/v1</c>).</summary>
    public Uri BaseUrl { get; }

    public FakeVideosApiOptions Options { get; }

    public string ApiKey => Options.ApiKey;

    public FaultScript Faults => _pipeline.Faults;

    /// <summary>Jobs created (idempotent replays not counted).</summary>
    public int JobsCreated => _store.JobsCreated;

    /// <summary>The seconds of every job created: what a real service would bill.</summary>
    public int BilledSeconds => _store.BilledSeconds;

    /// <summary>The most jobs running at once so far: created and not yet seen finished (a job finishes when a request about it finds it done).</summary>
    public int MostJobsRunning => _store.MostRunning;

    /// <summary>Every job ever created, deleted ones included, oldest first.</summary>
    public IReadOnlyList<FakeVideoJob> Jobs => _store.Snapshot();

    /// <summary>Every request so far, in arrival order, listed before any answer leaves (status 0 = dropped or not answered yet).</summary>
    public IReadOnlyList<FakeRequestRecord> Requests => _pipeline.Requests;

    /// <summary>How many requests reached <paramref name="endpoint"/>, faulted ones included.</summary>
    public int CountRequests(FakeEndpoint endpoint) => Requests.Count(r => r.Endpoint == endpoint);

    public static async Task<FakeVideosApiServer> StartAsync(FakeVideosApiOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new FakeVideosApiOptions();
        options.Validate();
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
        builder.Logging.ClearProviders();
        // Signals belong to whoever hosts the server (a test runner, the console tool), not to it.
        builder.Services.AddSingleton<IHostLifetime, NoSignalsLifetime>();
        builder.WebHost.UseKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Parse(options.Host), options.Port);
            kestrel.AddServerHeader = false;
        });

        var app = builder.Build();
        var store = new FakeVideoStore(options);
        var media = new FakeMediaCache(options.MediaCacheFolder ?? FakeMediaCache.DefaultFolder);
        var pipeline = new FakeVideosApiPipeline(options);
        if (options.RandomFaultRate > 0)
        {
            pipeline.Faults.UseRandom(options.RandomFaultRate, options.Seed);
        }

        app.Use(pipeline.InvokeAsync);
        FakeVideosApiEndpoints.Map(app, store, media, options);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()
            ?? throw new InvalidOperationException("Kestrel started without reporting its address.");
        return new FakeVideosApiServer(app, store, pipeline, new Uri(address.TrimEnd('/') + "/v1"), options);
    }

    public async ValueTask DisposeAsync()
    {
        using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        try
        {
            await _app.StopAsync(grace.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Connections still open after the grace period are cut: it is a test server.
        }

        await _app.DisposeAsync().ConfigureAwait(false);
    }

    public override string ToString() => BaseUrl.ToString();

    private sealed class NoSignalsLifetime : IHostLifetime
    {
        public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}