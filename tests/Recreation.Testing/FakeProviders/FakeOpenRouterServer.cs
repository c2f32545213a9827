using Microsoft.AspNetCore.Builder;

using Recreation.Testing.FakeVideosApi;

namespace Recreation.Testing.FakeProviders;

/// <summary>
/// An in-process fake of OpenRouter's video API (see <see cref="FakeOpenRouterService"/> for what it
/// does and what it guesses), on loopback, with a second listener (<see cref="Downloads"/>) standing
/// for the storage its content endpoint redirects to, behind expiring URLs that need no key.
/// <see cref="Faults"/> scripts the API's faults, <c>Downloads.Faults</c> the downloads'; with a
/// random fault rate both misbehave.
/// </summary>
public sealed class FakeOpenRouterServer : IAsyncDisposable
{
    public const string DefaultApiKey = "sk-or-v1-fake0000000000000000000000000000000000000000000000000000000";

    private readonly WebApplication _app;
    private readonly FakeFaultMiddleware _middleware;
    private readonly FakeJobBook _jobs;
    private readonly FakeOpenRouterService _service;

    private FakeOpenRouterServer(WebApplication app, Uri root, FakeFaultMiddleware middleware, FakeJobBook jobs, FakeOpenRouterService service, FakeDownloadHost downloads, string apiKey)
    {
        _app = app;
        BaseUrl = new Uri(root, FakeOpenRouterService.Prefix.TrimStart('/'));
        _middleware = middleware;
        _jobs = jobs;
        _service = service;
        Downloads = downloads;
        ApiKey = apiKey;
    }

    /// <summary>The API root as the client takes it, with its version path (e.g. <c>http://127.0.0.1:41234/api/v1</c>).</summary>
    public Uri BaseUrl { get; }

    public string ApiKey { get; }

    /// <summary>Every job accepted so far, with its body exactly as sent.</summary>
    public IReadOnlyList<FakeOpenRouterSubmission> Submissions => _service.Submissions;

    public FaultScript Faults => _middleware.Faults;

    public FakeDownloadHost Downloads { get; }

    /// <summary>True (the default): the content endpoint redirects to <see cref="Downloads"/>; false: it streams the video itself.</summary>
    public bool ContentRedirects
    {
        get => _service.ContentRedirects;
        set => _service.ContentRedirects = value;
    }

    public int JobsCreated => _jobs.JobsCreated;

    /// <summary>The seconds a real service would bill: jobs that made a video.</summary>
    public int BilledSeconds => Jobs.Where(j => j.Billed).Sum(j => j.Seconds);

    public IReadOnlyList<FakeProviderJob> Jobs => _jobs.Snapshot(_service.Status, FakeOpenRouterService.Billed);

    /// <summary>Every API request so far, in arrival order (status 0 = dropped or not answered yet).</summary>
    public IReadOnlyList<FakeRequestRecord> Requests => _middleware.Entries.Select(e => new FakeRequestRecord(
        e.Number, e.Method, e.PathAndQuery, e.Endpoint, e.Id, e.ContentType, null, e.AuthScheme, e.AnsweredStatus, e.Fault)).ToArray();

    public int CountRequests(FakeEndpoint endpoint) => Requests.Count(r => r.Endpoint == endpoint);

    /// <summary>Makes every finished job's output expire now: its status reads <c>expired</c> and its content 404.</summary>
    public void ExpireOutputs() => _service.ExpireAll();

    public static async Task<FakeOpenRouterServer> StartAsync(FakeProviderOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new FakeProviderOptions();
        options.Validate();
        var apiKey = options.ApiKey ?? DefaultApiKey;
        var (apiFaults, downloadFaults) = FakeProviderFaults.Create(options);

        var downloads = await FakeDownloadHost.StartAsync(options, apiKey, downloadFaults, cancellationToken).ConfigureAwait(false);
        var jobs = new FakeJobBook(options, uuids: true);
        var service = new FakeOpenRouterService(options, apiKey, jobs, downloads, new FakeMediaCache(options.MediaCacheFolder ?? FakeMediaCache.DefaultFolder));
        var middleware = new FakeFaultMiddleware("openrouter", apiFaults, FakeOpenRouterService.Classify, service.WriteFaultAsync, options.Log);
        var (app, root) = await FakeKestrel.StartAsync(options.Host, options.Port, app =>
        {
            app.Use(middleware.InvokeAsync);
            app.Run(service.HandleAsync);
        }, cancellationToken).ConfigureAwait(false);
        return new FakeOpenRouterServer(app, root, middleware, jobs, service, downloads, apiKey);
    }

    public async ValueTask DisposeAsync()
    {
        await FakeKestrel.StopAsync(_app).ConfigureAwait(false);
        await Downloads.DisposeAsync().ConfigureAwait(false);
    }

    public override string ToString() => BaseUrl.ToString();
}