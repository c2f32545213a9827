using Microsoft.AspNetCore.Builder;

using Recreation.Testing.FakeVideosApi;

namespace Recreation.Testing.FakeProviders;

/// <summary>
/// An in-process fake of an OpenAI-compatible chat completions server on loopback
/// (<c>POST /v1/chat/completions</c>; see <see cref="FakeChatService"/> for what it checks and answers).
/// <see cref="Faults"/> scripts HTTP faults (429 with Retry-After, 500, dropped connections);
/// <see cref="EnqueueAnswer"/> scripts bad answers (a refusal, malformed JSON, an oversize body…).
/// </summary>
public sealed class FakeChatServer : IAsyncDisposable
{
    public const string DefaultApiKey = "sk-fakechat-0123456789abcdefghijklmnopqrstuvwxyz";

    private readonly WebApplication _app;
    private readonly FakeFaultMiddleware _middleware;
    private readonly FakeChatService _service;

    private FakeChatServer(WebApplication app, Uri root, FakeFaultMiddleware middleware, FakeChatService service, string apiKey)
    {
        _app = app;
        BaseUrl = new Uri(root, "v1");
        _middleware = middleware;
        _service = service;
        ApiKey = apiKey;
    }

    /// <summary>The API root as clients take it, with its version path (<c>http://127.0.0.1:41234/v1</c>).</summary>
    public Uri BaseUrl { get; }

    public string ApiKey { get; }

    public FaultScript Faults => _middleware.Faults;

    /// <summary>Every request the handler saw (not those a fault dropped or answered first).</summary>
    public IReadOnlyList<FakeChatRequest> Requests => _service.Requests;

    /// <summary>Every request that arrived, faults included.</summary>
    public int RequestsArrived => _middleware.Entries.Count;

    /// <summary>The tokens the fake reported in <c>usage</c> so far.</summary>
    public (long Prompt, long Completion) Tokens => _service.Tokens;

    /// <summary>People the answer for a shot reports (by shot number); others get <c>shot % 3 + 1</c>.</summary>
    public IDictionary<int, int> PeopleForShot => _service.PeopleForShot;

    /// <summary>Interactions the answer for a shot lists (by shot number); others get 2.</summary>
    public IDictionary<int, int> InteractionsForShot => _service.InteractionsForShot;

    /// <summary>False: the server takes requests with any <c>Authorization</c> or none, as a local server (Ollama) does; each request still records what it carried.</summary>
    public bool RequireKey
    {
        get => _service.RequireKey;
        set => _service.RequireKey = value;
    }

    /// <summary>Queues how the next well-formed request is answered.</summary>
    public FakeChatServer EnqueueAnswer(FakeChatAnswer answer)
    {
        _service.Enqueue(answer);
        return this;
    }

    public static async Task<FakeChatServer> StartAsync(FakeProviderOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new FakeProviderOptions();
        options.Validate();
        var apiKey = options.ApiKey ?? DefaultApiKey;
        var faults = new FaultScript();
        if (options.RandomFaultRate > 0)
        {
            faults.UseRandom(options.RandomFaultRate, options.Seed);
        }

        var service = new FakeChatService(apiKey);
        var middleware = new FakeFaultMiddleware("chat", faults, FakeChatService.Classify, FakeChatService.WriteFaultAsync, options.Log);
        var (app, root) = await FakeKestrel.StartAsync(options.Host, options.Port, app =>
        {
            app.Use(middleware.InvokeAsync);
            app.Run(service.HandleAsync);
        }, cancellationToken).ConfigureAwait(false);
        return new FakeChatServer(app, root, middleware, service, apiKey);
    }

    public ValueTask DisposeAsync() => FakeKestrel.StopAsync(_app);

    public override string ToString() => BaseUrl.ToString();
}