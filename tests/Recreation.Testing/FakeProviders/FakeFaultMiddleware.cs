using System.Globalization;
using System.Net.Sockets;

using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

using Recreation.Testing.FakeVideosApi;

namespace Recreation.Testing.FakeProviders;

/// <summary>
/// The middleware in front of a fake provider's listener: numbers and records each request (before
/// any answer leaves), applies the fault the <see cref="FaultScript"/> picks for it — an error status
/// written in the service's format, a connection dropped before or after handling, a body cut short
/// (announced length, then a FIN) or a shorter file sent whole — and hands job faults to the handler.
/// </summary>
internal sealed class FakeFaultMiddleware(string label, FaultScript faults, Func<string, string, (FakeEndpoint Endpoint, string? Id)> classify, Func<HttpContext, FakeFault, Task> writeStatusFault, Action<string>? log)
{
    public const string JobFaultItem = "fake-provider.job-fault";

    private readonly Lock _gate = new();
    private readonly List<Entry> _entries = [];
    private int _count;

    public FaultScript Faults => faults;

    public IReadOnlyList<Entry> Entries
    {
        get
        {
            lock (_gate)
            {
                return _entries.ToArray();
            }
        }
    }

    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        var number = Interlocked.Increment(ref _count);
        var request = context.Request;
        var path = request.Path.Value ?? "/";
        var (endpoint, id) = classify(request.Method, path);
        var fault = faults.Next(new FakeRequest(number, request.Method, path, endpoint, id));
        var entry = new Entry(number, request.Method, path + request.QueryString, endpoint, id, request.ContentType, Headers(request), request.Query.ContainsKey("key"), fault)
        {
            Dropped = fault?.Kind is FakeFaultKind.DropBeforeHandling or FakeFaultKind.DropAfterHandling,
        };
        lock (_gate)
        {
            _entries.Add(entry);
        }

        context.Response.OnStarting(() =>
        {
            entry.Status = context.Response.StatusCode;
            return Task.CompletedTask;
        });
        try
        {
            await HandleAsync(context, next, fault).ConfigureAwait(false);
        }
        finally
        {
            log?.Invoke(string.Create(CultureInfo.InvariantCulture,
                $"[{label}] #{number} {request.Method} {entry.PathAndQuery} -> {(entry.Status == 0 || entry.Dropped ? "dropped" : entry.Status.ToString(CultureInfo.InvariantCulture))}{(fault is null ? "" : $" [fault: {fault}]")}"));
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
                    context.Response.Headers.RetryAfter = Math.Ceiling(wait.TotalSeconds).ToString(CultureInfo.InvariantCulture);
                }

                await writeStatusFault(context, fault).ConfigureAwait(false);
                return;
            case FakeFaultKind.Respond:
                // A hostile answer written whole by the test (an endless body, a huge one).
                await fault.Responder!(context).ConfigureAwait(false);
                return;
        }

        if (fault is { IsJobFault: true })
        {
            context.Items[JobFaultItem] = fault;
        }

        if (fault?.Kind is not (FakeFaultKind.DropAfterHandling or FakeFaultKind.TruncatedBody or FakeFaultKind.CutContent))
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
            case FakeFaultKind.DropAfterHandling:
                context.Abort();
                return;
            case FakeFaultKind.TruncatedBody when context.Response.StatusCode is >= 200 and < 300:
                context.Response.ContentLength = bytes.Length;
                await context.Response.Body.WriteAsync(bytes.AsMemory(0, (int)(bytes.Length * fault.Fraction))).ConfigureAwait(false);
                await context.Response.Body.FlushAsync().ConfigureAwait(false);
                await EndConnectionEarlyAsync(context).ConfigureAwait(false);
                return;
            case FakeFaultKind.CutContent when context.Response.StatusCode is >= 200 and < 300:
                var cut = (int)(bytes.Length * fault.Fraction);
                context.Response.ContentLength = cut;
                await context.Response.Body.WriteAsync(bytes.AsMemory(0, cut)).ConfigureAwait(false);
                return;
            default:
                // A redirect or an error answer: nothing to cut, sent as it is.
                context.Response.ContentLength = bytes.Length;
                await context.Response.Body.WriteAsync(bytes).ConfigureAwait(false);
                return;
        }
    }

    /// <summary>A FIN after the bytes sent (so the client reads them and sees the body end short), then an abort; as the Videos fake does it.</summary>
    private static async Task EndConnectionEarlyAsync(HttpContext context)
    {
        if (context.Features.Get<IConnectionSocketFeature>()?.Socket is { } socket)
        {
            try
            {
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

    private static Dictionary<string, string> Headers(HttpRequest request) =>
        request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);

    /// <summary>One request as it arrived (all its headers, for the credential checks) and how it was answered.</summary>
    internal sealed class Entry(int number, string method, string pathAndQuery, FakeEndpoint endpoint, string? id, string? contentType, IReadOnlyDictionary<string, string> headers, bool keyInQuery, FakeFault? fault)
    {
        private volatile int _status;
        private volatile bool _dropped;

        public int Number { get; } = number;

        public string Method { get; } = method;

        public string PathAndQuery { get; } = pathAndQuery;

        public FakeEndpoint Endpoint { get; } = endpoint;

        public string? Id { get; } = id;

        public string? ContentType { get; } = contentType;

        public IReadOnlyDictionary<string, string> Headers { get; } = headers;

        public bool KeyInQuery { get; } = keyInQuery;

        public FakeFault? Fault { get; } = fault;

        public int Status
        {
            get => _status;
            set => _status = value;
        }

        /// <summary>The connection was cut instead of answering.</summary>
        public bool Dropped
        {
            get => _dropped;
            set => _dropped = value;
        }

        public int AnsweredStatus => Dropped ? 0 : Status;

        public string? AuthScheme =>
            Headers.ContainsKey("Authorization") ? "bearer" : Headers.ContainsKey("x-goog-api-key") ? "x-goog-api-key" : KeyInQuery ? "key" : null;
    }
}