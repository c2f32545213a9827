using Microsoft.AspNetCore.Builder;

using Recreation.Testing.FakeVideosApi;

namespace Recreation.Testing.FakeProviders;

/// <summary>
/// An in-process fake of Replicate's predictions API (see <see cref="FakeReplicateService"/> for what
/// it does and what it guesses), on loopback, with a second listener (<see cref="Downloads"/>) where
/// outputs are served behind URLs that expire an hour after the prediction ended and that need
/// <c>Authorization: Bearer</c> (Replicate's reference says file URLs need the header).
/// <see cref="Faults"/> scripts the API's faults, <c>Downloads.Faults</c> the downloads'; with a random
/// fault rate both misbehave, and creates are dropped at random too (before or after the prediction is
/// made), since Replicate's list lets a correct client find out which.
/// </summary>
public sealed class FakeReplicateServer : IAsyncDisposable
{
    public const string DefaultApiKey = "r8_FakeReplicateToken0000000000000000000";

    private readonly WebApplication _app;
    private readonly FakeFaultMiddleware _middleware;
    private readonly FakeJobBook _jobs;
    private readonly FakeReplicateService _service;

    private FakeReplicateServer(WebApplication app, Uri root, FakeFaultMiddleware middleware, FakeJobBook jobs, FakeReplicateService service, FakeDownloadHost downloads, string apiKey)
    {
        _app = app;
        BaseUrl = root;
        _middleware = middleware;
        _jobs = jobs;
        _service = service;
        Downloads = downloads;
        ApiKey = apiKey;
    }

    /// <summary>The API root, as the client takes it (e.g. <c>http://127.0.0.1:41234/</c>); the client appends <c>v1/…</c>.</summary>
    public Uri BaseUrl { get; }

    public string ApiKey { get; }

    /// <summary>The file host's <c>host:port</c>, as <c>RECREATION_Replicate__KeyHosts</c> takes it.</summary>
    public string DownloadHost => $"{Downloads.Root.Host}:{Downloads.Root.Port}";

    /// <summary>Every prediction created so far, with the input JSON exactly as sent.</summary>
    public IReadOnlyList<FakeReplicateSubmission> Submissions => _service.Submissions;

    public FaultScript Faults => _middleware.Faults;

    public FakeDownloadHost Downloads { get; }

    /// <summary>Predictions per page of <c>GET /v1/predictions</c> (Replicate: 100).</summary>
    public int PageSize
    {
        get => _service.PageSize;
        set => _service.PageSize = value;
    }

    /// <summary>Succeeded predictions show <c>output</c> as a list of URLs instead of one.</summary>
    public bool ListOutputs
    {
        get => _service.ListOutputs;
        set => _service.ListOutputs = value;
    }

    public int JobsCreated => _jobs.JobsCreated;

    /// <summary>The seconds a real service would bill: predictions that made a video.</summary>
    public int BilledSeconds => Jobs.Where(j => j.Billed).Sum(j => j.Seconds);

    public IReadOnlyList<FakeProviderJob> Jobs => _jobs.Snapshot(FakeReplicateService.Status, FakeReplicateService.Billed);

    /// <summary>Every API request so far, in arrival order (status 0 = dropped or not answered yet).</summary>
    public IReadOnlyList<FakeRequestRecord> Requests => _middleware.Entries.Select(e => new FakeRequestRecord(
        e.Number, e.Method, e.PathAndQuery, e.Endpoint, e.Id, e.ContentType, null, e.AuthScheme, e.AnsweredStatus, e.Fault)).ToArray();

    /// <summary>The <c>Authorization</c> header of every API request, as sent.</summary>
    public IReadOnlyList<string?> Authorizations => _middleware.Entries.Select(e => e.Headers.TryGetValue("Authorization", out var value) ? value : null).ToArray();

    public int CountRequests(FakeEndpoint endpoint) => Requests.Count(r => r.Endpoint == endpoint);

    /// <summary>The version id the fake gives a model (for creates by version).</summary>
    public static string VersionOf(string model) => FakeReplicateModels.VersionOf(model);

    /// <summary>The models whose inputs the fake checks against their Replicate schema.</summary>
    public static IReadOnlyList<string> Models => FakeReplicateModels.Known;

    /// <param name="requireKeyOnDownloads">The file host answers 401 without <c>Authorization: Bearer {key}</c> (default true, as Replicate's reference says).</param>
    public static async Task<FakeReplicateServer> StartAsync(FakeProviderOptions? options = null, bool requireKeyOnDownloads = true, CancellationToken cancellationToken = default)
    {
        options ??= new FakeProviderOptions();
        options.Validate();
        var apiKey = options.ApiKey ?? DefaultApiKey;
        var apiFaults = new FaultScript();
        var downloadFaults = new FaultScript();
        if (options.RandomFaultRate > 0)
        {
            // Unlike the other provider fakes, creates are also dropped at random, before or after the prediction is made.
            apiFaults.UseRandom(options.RandomFaultRate, options.Seed);
            downloadFaults.UseRandom(options.RandomFaultRate, options.Seed + 1);
        }

        var downloads = await FakeDownloadHost.StartAsync(options, apiKey, downloadFaults, cancellationToken, requireKeyOnDownloads).ConfigureAwait(false);
        var jobs = new FakeJobBook(options, uuids: false);
        var service = new FakeReplicateService(options, apiKey, jobs, downloads, new FakeMediaCache(options.MediaCacheFolder ?? FakeMediaCache.DefaultFolder));
        var middleware = new FakeFaultMiddleware("replicate", apiFaults, FakeReplicateService.Classify, service.WriteFaultAsync, options.Log);
        var (app, root) = await FakeKestrel.StartAsync(options.Host, options.Port, app =>
        {
            app.Use(middleware.InvokeAsync);
            app.Run(service.HandleAsync);
        }, cancellationToken).ConfigureAwait(false);
        return new FakeReplicateServer(app, root, middleware, jobs, service, downloads, apiKey);
    }

    public async ValueTask DisposeAsync()
    {
        await FakeKestrel.StopAsync(_app).ConfigureAwait(false);
        await Downloads.DisposeAsync().ConfigureAwait(false);
    }

    public override string ToString() => BaseUrl.ToString();
}