using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;

using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

using Recreation.Testing.FakeVideosApi;

namespace Recreation.Testing.FakeProviders;

/// <summary>
/// The second listener of a fake provider: where output files live, as a storage host or CDN would
/// serve them behind signed, expiring URLs (<c>/o/{token}</c>). It needs no credential and records
/// every request's credentials (<see cref="Requests"/>), so a test can prove the client sent none.
/// An expired or unknown URL answers 403, as signed-URL hosts do. Faults come from
/// <see cref="Faults"/> (its random mode cuts downloads too). A host started with
/// <c>requireBearer</c> (Replicate's file host, whose docs say file URLs need the
/// <c>Authorization</c> header) answers 401 to a request without <c>Bearer {key}</c>.
/// </summary>
public sealed class FakeDownloadHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly FakeFaultMiddleware _middleware;
    private readonly ConcurrentDictionary<string, Published> _files = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;
    private readonly string _apiKey;
    private readonly bool _requireBearer;

    private FakeDownloadHost(WebApplication app, Uri root, FakeFaultMiddleware middleware, TimeProvider time, string apiKey, bool requireBearer)
    {
        _app = app;
        Root = root;
        _middleware = middleware;
        _time = time;
        _apiKey = apiKey;
        _requireBearer = requireBearer;
    }

    /// <summary>The host's root, e.g. <c>http://127.0.0.1:41235/</c>.</summary>
    public Uri Root { get; }

    public FaultScript Faults => _middleware.Faults;

    /// <summary>Every request so far, in arrival order (status 0 = dropped or not answered yet).</summary>
    public IReadOnlyList<FakeDownloadRecord> Requests => _middleware.Entries.Select(e => new FakeDownloadRecord(
        e.Number,
        e.PathAndQuery,
        e.Headers.ContainsKey("Authorization"),
        e.Headers.ContainsKey("x-goog-api-key"),
        e.KeyInQuery,
        e.PathAndQuery.Contains(_apiKey, StringComparison.Ordinal) || e.Headers.Values.Any(v => v.Contains(_apiKey, StringComparison.Ordinal)),
        e.AnsweredStatus,
        e.Fault)).ToArray();

    internal static async Task<FakeDownloadHost> StartAsync(FakeProviderOptions options, string apiKey, FaultScript faults, CancellationToken cancellationToken, bool requireBearer = false)
    {
        FakeDownloadHost? host = null;
        var middleware = new FakeFaultMiddleware(
            "downloads",
            faults,
            (_, path) => (path.StartsWith("/o/", StringComparison.Ordinal) ? FakeEndpoint.Content : FakeEndpoint.Unknown, path.Length > 3 ? path[3..] : null),
            (context, fault) => WriteTextAsync(context, fault.StatusCode, fault.Message ?? "Error"),
            options.Log);
        var (app, root) = await FakeKestrel.StartAsync(options.Host, 0, app =>
        {
            app.Use(middleware.InvokeAsync);
            app.Run(context => host!.ServeAsync(context));
        }, cancellationToken).ConfigureAwait(false);
        host = new FakeDownloadHost(app, root, middleware, options.TimeProvider, apiKey, requireBearer);
        return host;
    }

    /// <summary>A signed URL for a file that <paramref name="render"/> makes on first download, valid until <paramref name="expiresAt"/>.</summary>
    internal Uri Publish(Func<CancellationToken, Task<string>> render, DateTimeOffset expiresAt)
    {
        var token = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        _files[token] = new Published(render, expiresAt);
        return new Uri(Root, $"o/{token}?Expires={expiresAt.ToUnixTimeSeconds()}&Signature={token[..8]}");
    }

    /// <summary>Makes every URL published so far expire now (as if their lifetime had passed).</summary>
    public void ExpireAll()
    {
        var now = _time.GetUtcNow();
        foreach (var (token, file) in _files)
        {
            _files[token] = file with { ExpiresAt = now };
        }
    }

    public ValueTask DisposeAsync() => FakeKestrel.StopAsync(_app);

    private async Task ServeAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "";
        if (_requireBearer && context.Request.Headers.Authorization.ToString() != $"Bearer {_apiKey}")
        {
            await WriteTextAsync(context, 401, "Unauthorized: file URLs need the Authorization header.").ConfigureAwait(false);
            return;
        }

        if (!HttpMethods.IsGet(context.Request.Method) || !path.StartsWith("/o/", StringComparison.Ordinal)
            || !_files.TryGetValue(path[3..], out var file))
        {
            await WriteTextAsync(context, 403, "AccessDenied: Access denied.").ConfigureAwait(false);
            return;
        }

        if (_time.GetUtcNow() >= file.ExpiresAt)
        {
            await WriteTextAsync(context, 403, "AccessDenied: Request has expired.").ConfigureAwait(false);
            return;
        }

        var bytes = await File.ReadAllBytesAsync(await file.Render(context.RequestAborted).ConfigureAwait(false), context.RequestAborted).ConfigureAwait(false);
        context.Response.StatusCode = 200;
        context.Response.ContentType = "video/mp4";
        context.Response.ContentLength = bytes.Length;
        await context.Response.Body.WriteAsync(bytes, context.RequestAborted).ConfigureAwait(false);
    }

    private static async Task WriteTextAsync(HttpContext context, int status, string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/plain";
        context.Response.ContentLength = bytes.Length;
        await context.Response.Body.WriteAsync(bytes).ConfigureAwait(false);
    }

    private sealed record Published(Func<CancellationToken, Task<string>> Render, DateTimeOffset ExpiresAt);
}