using Microsoft.AspNetCore.Builder;

using Recreation.Testing.FakeVideosApi;

namespace Recreation.Testing.FakeProviders;

/// <summary>
/// An in-process fake of fal's queue API (see <see cref="FakeFalService"/> for what it does and what
/// it guesses), on loopback, with a second listener (<see cref="Downloads"/>) where outputs are served
/// behind expiring URLs that need no key. <see cref="Faults"/> scripts the API's faults,
/// <c>Downloads.Faults</c> the downloads'; with a random fault rate both misbehave.
/// </summary>
public sealed class FakeFalServer : IAsyncDisposable
{
    public const string DefaultApiKey = "fake-fal-key-id:fake-fal-key-secret-00000000";

    private readonly WebApplication _app;
    private readonly FakeFaultMiddleware _middleware;
    private readonly FakeJobBook _jobs;
    private readonly FakeFalService _service;

    private FakeFalServer(WebApplication app, Uri root, FakeFaultMiddleware middleware, FakeJobBook jobs, FakeFalService service, FakeDownloadHost downloads, string apiKey)
    {
        _app = app;
        BaseUrl = root;
        _middleware = middleware;
        _jobs = jobs;
        _service = service;
        Downloads = downloads;
        ApiKey = apiKey;
    }

    /// <summary>The queue root, as the client takes it (e.g. <c>http://127.0.0.1:41234/</c>); model ids follow it.</summary>
    public Uri BaseUrl { get; }

    public string ApiKey { get; }

    /// <summary>Every request queued so far, with the input JSON exactly as sent.</summary>
    public IReadOnlyList<FakeFalSubmission> Submissions => _service.Submissions;

    public FaultScript Faults => _middleware.Faults;

    public FakeDownloadHost Downloads { get; }

    public int JobsCreated => _jobs.JobsCreated;

    /// <summary>The seconds a real service would bill: requests that made a video.</summary>
    public int BilledSeconds => Jobs.Where(j => j.Billed).Sum(j => j.Seconds);

    public IReadOnlyList<FakeProviderJob> Jobs => _jobs.Snapshot(FakeFalService.Status, FakeFalService.Billed);

    /// <summary>Every API request so far, in arrival order (status 0 = dropped or not answered yet).</summary>
    public IReadOnlyList<FakeRequestRecord> Requests => _middleware.Entries.Select(e => new FakeRequestRecord(
        e.Number, e.Method, e.PathAndQuery, e.Endpoint, e.Id, e.ContentType, null, e.AuthScheme, e.AnsweredStatus, e.Fault)).ToArray();

    public int CountRequests(FakeEndpoint endpoint) => Requests.Count(r => r.Endpoint == endpoint);

    public static async Task<FakeFalServer> StartAsync(FakeProviderOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new FakeProviderOptions();
        options.Validate();
        var apiKey = options.ApiKey ?? DefaultApiKey;
        var (apiFaults, downloadFaults) = FakeProviderFaults.Create(options);

        var downloads = await FakeDownloadHost.StartAsync(options, apiKey, downloadFaults, cancellationToken).ConfigureAwait(false);
        var jobs = new FakeJobBook(options, uuids: true);
        var service = new FakeFalService(options, apiKey, jobs, downloads, new FakeMediaCache(options.MediaCacheFolder ?? FakeMediaCache.DefaultFolder));
        var middleware = new FakeFaultMiddleware("fal", apiFaults, FakeFalService.Classify, service.WriteFaultAsync, options.Log);
        var (app, root) = await FakeKestrel.StartAsync(options.Host, options.Port, app =>
        {
            app.Use(middleware.InvokeAsync);
            app.Run(service.HandleAsync);
        }, cancellationToken).ConfigureAwait(false);
        return new FakeFalServer(app, root, middleware, jobs, service, downloads, apiKey);
    }

    public async ValueTask DisposeAsync()
    {
        await FakeKestrel.StopAsync(_app).ConfigureAwait(false);
        await Downloads.DisposeAsync().ConfigureAwait(false);
    }

    public override string ToString() => BaseUrl.ToString();
}