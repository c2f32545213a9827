using System.Globalization;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Recreation.Testing.FakeVideosApi;

/// <summary>
/// The middleware in front of the endpoints: numbers and records each request, applies the fault
/// the <see cref="FaultScript"/> picks for it, then checks the key. Faults come before auth, as a
/// load balancer's errors would.
/// </summary>
internal sealed class FakeVideosApiPipeline(FakeVideosApiOptions options)
{
    public const string JobFaultItem = "fake-videos-api.job-fault";

    /// <summary>Plain apostrophes and non-ASCII letters, as the real service writes them (the default escapes them).</summary>
    private static readonly JsonSerializerOptions JsonOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static readonly string[] CredentialHeaderNames = ["Authorization", "api-key", "OpenAI-Organization", "OpenAI-Project"];

    private readonly Lock _gate = new();
    private readonly List<RequestEntry> _requests = [];
    private int _count;

    public FaultScript Faults { get; } = new();

    /// <summary>
    /// Every request so far, in arrival order. A request is listed from the moment it arrives and its
    /// status is filled in when its response starts, before the client can see any of it: a test
    /// that has its answer always finds the request here.
    /// </summary>
    public IReadOnlyList<FakeRequestRecord> Requests
    {
        get
        {
            lock (_gate)
            {
                return _requests.Select(e => e.Record with { StatusCode = e.Dropped ? 0 : e.Status }).ToArray();
            }
        }
    }

    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        var number = Interlocked.Increment(ref _count);
        var path = context.Request.Path.Value ?? "/";
        var (endpoint, videoId) = Classify(context.Request.Method, path);
        var fault = Faults.Next(new FakeRequest(number, context.Request.Method, path, endpoint, videoId));
        var entry = new RequestEntry(new FakeRequestRecord(
            number, context.Request.Method, path + context.Request.QueryString, endpoint, videoId,
            context.Request.ContentType, context.Request.Headers["Idempotency-Key"].FirstOrDefault(), AuthScheme(context.Request),
            0, fault)
        {
            ContentLength = context.Request.ContentLength,
            Chunked = context.Request.Headers.TransferEncoding.Any(v => v?.Contains("chunked", StringComparison.OrdinalIgnoreCase) == true),
            CredentialHeaders = CredentialHeaderNames.Where(name => context.Request.Headers.ContainsKey(name)).ToArray(),
        });
        lock (_gate)
        {
            _requests.Add(entry);
        }

        entry.Dropped = fault?.Kind is FakeFaultKind.DropBeforeHandling or FakeFaultKind.DropAfterHandling;
        context.Response.OnStarting(() =>
        {
            entry.Status = context.Response.StatusCode;
            return Task.CompletedTask;
        });
        context.Response.Headers["x-request-id"] = string.Create(CultureInfo.InvariantCulture, $"req_{number:D6}");
        try
        {
            await HandleAsync(context, next, fault).ConfigureAwait(false);
        }
        finally
        {
            options.Log?.Invoke(string.Create(CultureInfo.InvariantCulture,
                $"#{number} {context.Request.Method} {entry.Record.PathAndQuery} -> {(entry.Status == 0 || entry.Dropped ? "dropped" : entry.Status.ToString(CultureInfo.InvariantCulture))}{(fault is null ? "" : $" [fault: {fault}]")}"));
        }
    }

    private async Task HandleAsync(HttpContext context, RequestDelegate next, FakeFault? fault)
    {
        switch (fault?.Kind)
        {
            case FakeFaultKind.DropBeforeHandling:
                context.Abort();
                return;
            case FakeFaultKind.Status:
                if (fault.RetryAfter is { } wait)
                {
                    context.Response.Headers.RetryAfter = fault.RetryAfterAsDate
                        ? RetryAfterDate(wait)
                        : Math.Ceiling(wait.TotalSeconds).ToString(CultureInfo.InvariantCulture);
                }

                await WriteJsonAsync(context, fault.StatusCode, FakeApiError.Body(fault.Message ?? "Error.", fault.ErrorType, fault.Param, fault.ErrorCode)).ConfigureAwait(false);
                return;
            case FakeFaultKind.Respond:
                await fault.Responder!(context).ConfigureAwait(false);
                return;
        }

        if (options.RequireContentLength && context.Request.ContentLength is null && context.Request.Headers.TransferEncoding.Count > 0)
        {
            await WriteJsonAsync(context, 411, FakeApiError.Body("A request body must come with a Content-Length (this server does not read chunked bodies).", "invalid_request_error", null, "length_required")).ConfigureAwait(false);
            return;
        }

        if (!Authorized(context.Request, out var problem))
        {
            await WriteJsonAsync(context, 401, FakeApiError.Body(problem, "invalid_request_error", null, context.Request.Headers.Authorization.Count + context.Request.Headers["api-key"].Count > 0 ? "invalid_api_key" : null)).ConfigureAwait(false);
            return;
        }

        if (fault is { IsJobFault: true })
        {
            context.Items[JobFaultItem] = fault;
        }

        if (fault?.Kind is not (FakeFaultKind.DropAfterHandling or FakeFaultKind.TruncatedBody or FakeFaultKind.CutContent or FakeFaultKind.RewriteAnswer))
        {
            await next(context).ConfigureAwait(false);
            return;
        }

        // Handle the request into a buffer, so nothing reaches the client before the fault decides what does.
        var realBody = context.Features.Get<IHttpResponseBodyFeature>()!;
        using var buffer = new MemoryStream();
        context.Features.Set<IHttpResponseBodyFeature>(new StreamResponseBodyFeature(buffer));
        try
        {
            await next(context).ConfigureAwait(false);
        }
        finally
        {
            context.Features.Set(realBody);
        }

        var bytes = buffer.ToArray();
        switch (fault.Kind)
        {
            case FakeFaultKind.RewriteAnswer:
                var node = JsonNode.Parse(bytes) ?? throw new InvalidOperationException("The answer to rewrite is JSON null.");
                var rewritten = Encoding.UTF8.GetBytes(fault.Rewriter!(node).ToJsonString(JsonOptions));
                context.Response.ContentLength = rewritten.Length;
                await context.Response.Body.WriteAsync(rewritten).ConfigureAwait(false);
                return;
            case FakeFaultKind.DropAfterHandling:
                context.Abort();
                return;
            case FakeFaultKind.TruncatedBody:
                context.Response.ContentLength = bytes.Length;
                await context.Response.Body.WriteAsync(bytes.AsMemory(0, (int)(bytes.Length * fault.Fraction))).ConfigureAwait(false);
                await context.Response.Body.FlushAsync().ConfigureAwait(false);
                await EndConnectionEarlyAsync(context).ConfigureAwait(false);
                return;
            default:
                var cut = (int)(bytes.Length * fault.Fraction);
                context.Response.ContentLength = cut;
                await context.Response.Body.WriteAsync(bytes.AsMemory(0, cut)).ConfigureAwait(false);
                return;
        }
    }

    /// <summary>
    /// Ends the body early the way a broken download does: a FIN after the bytes sent (the client
    /// reads them, then sees the stream end short of Content-Length), then, once the client has let
    /// go (or after a quarter second), an abort. Costs about 0.35 s of real time. An abort alone would send a reset that can discard the
    /// bytes before the client reads them, so the client would never see the response at all.
    /// </summary>
    private static async Task EndConnectionEarlyAsync(HttpContext context)
    {
        if (context.Features.Get<IConnectionSocketFeature>()?.Socket is { } socket)
        {
            try
            {
                // Kestrel writes to the socket from its own loop: give it time to send what was flushed,
                // or the FIN would overtake the bytes.
                await Task.Delay(TimeSpan.FromMilliseconds(100), context.RequestAborted).ConfigureAwait(false);
                socket.Shutdown(SocketShutdown.Send);
                await Task.Delay(TimeSpan.FromMilliseconds(250), context.RequestAborted).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is SocketException or ObjectDisposedException or OperationCanceledException)
            {
                // The client closed first, or the socket is already gone: either way the body ended early.
            }
        }

        context.Abort();
    }

    public static async Task WriteJsonAsync(HttpContext context, int status, JsonNode body)
    {
        var bytes = Encoding.UTF8.GetBytes(body.ToJsonString(JsonOptions));
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        context.Response.ContentLength = bytes.Length;
        await context.Response.Body.WriteAsync(bytes).ConfigureAwait(false);
    }

    private bool Authorized(HttpRequest request, out string problem)
    {
        var authorization = request.Headers.Authorization.FirstOrDefault();
        var presented = authorization is not null && authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
            ? authorization["Bearer ".Length..].Trim()
            : request.Headers["api-key"].FirstOrDefault();
        if (string.IsNullOrEmpty(presented))
        {
            problem = "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY), or as the api-key header.";
            return false;
        }

        if (!CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented), Encoding.UTF8.GetBytes(options.ApiKey)))
        {
            problem = $"Incorrect API key provided: {Mask(presented)}. You can find your API key in your account settings.";
            return false;
        }

        problem = "";
        return true;
    }

    /// <summary>Like the real service: the key's first and last few characters only.</summary>
    private static string Mask(string key) => key.Length <= 8 ? "****" : key[..3] + new string('*', Math.Min(20, key.Length - 7)) + key[^4..];

    private sealed class RequestEntry(FakeRequestRecord record)
    {
        private volatile int _status;
        private volatile bool _dropped;

        public FakeRequestRecord Record { get; } = record;

        public int Status
        {
            get => _status;
            set => _status = value;
        }

        /// <summary>The connection was cut instead of answering (Kestrel may still run OnStarting on the dead response).</summary>
        public bool Dropped
        {
            get => _dropped;
            set => _dropped = value;
        }
    }

    private static string? AuthScheme(HttpRequest request) =>
        request.Headers.Authorization.Count > 0 ? "bearer" : request.Headers["api-key"].Count > 0 ? "api-key" : null;

    private string RetryAfterDate(TimeSpan wait)
    {
        // HTTP dates have whole seconds: round up so the client never waits less than asked.
        var at = options.TimeProvider.GetUtcNow() + wait;
        var whole = new DateTimeOffset(at.Ticks - (at.Ticks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
        return (whole < at ? whole.AddSeconds(1) : whole).ToString("R", CultureInfo.InvariantCulture);
    }

    internal static (FakeEndpoint Endpoint, string? VideoId) Classify(string method, string path)
    {
        var parts = path.Trim('/').Split('/');
        if (parts is ["v1", "models", ..])
        {
            return (FakeEndpoint.Models, parts.Length > 2 ? parts[2] : null);
        }

        if (parts.Length < 2 || parts[0] != "v1" || parts[1] != "videos")
        {
            return (FakeEndpoint.Unknown, null);
        }

        return (parts.Length, method) switch
        {
            (2, "POST") => (FakeEndpoint.Create, null),
            (2, "GET") => (FakeEndpoint.List, null),
            (3, "GET") => (FakeEndpoint.Retrieve, parts[2]),
            (3, "DELETE") => (FakeEndpoint.Delete, parts[2]),
            (4, "GET") when parts[3] == "content" => (FakeEndpoint.Content, parts[2]),
            (4, "POST") when parts[3] == "remix" => (FakeEndpoint.Remix, parts[2]),
            _ => (FakeEndpoint.Unknown, parts.Length > 2 ? parts[2] : null),
        };
    }
}