using System.Text;

using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Recreation.Testing.FakeVideosApi;

/// <summary>
/// Answers a hostile or broken server gives, as <see cref="FakeFault.Respond"/> faults for the fake
/// Videos API: echoing the key in every field it controls, redirecting elsewhere, bodies that never
/// end or are far larger than any answer should be. Each one is bounded (a test must end), and
/// counts what it sent in a <see cref="SentBytes"/>.
/// </summary>
public static class HostileAnswers
{
    /// <summary>The most any endless body sends before giving up (far past every cap the client has).</summary>
    public const long EndlessLimit = 4L * 1024 * 1024 * 1024;

    /// <summary>
    /// An error whose every server-chosen field holds <paramref name="key"/>: <c>code</c>, <c>param</c>,
    /// <c>type</c>, the <c>x-request-id</c> header and the reason phrase hold it whole; <c>message</c>
    /// holds it after <paramref name="messagePadding"/> characters (e.g. 190, so that it straddles a
    /// 200-character cut).
    /// </summary>
    public static FakeFault EchoKeyError(string key, int statusCode = 400, int messagePadding = 190) =>
        EchoKeyError(_ => key, statusCode, messagePadding);

    /// <summary>Like <see cref="EchoKeyError(string, int, int)"/>, echoing whatever key the request presented (Bearer or <c>api-key</c>).</summary>
    public static FakeFault EchoPresentedKeyError(int statusCode = 400, int messagePadding = 190) =>
        EchoKeyError(PresentedKey, statusCode, messagePadding);

    /// <summary>
    /// A job that failed with the key presented in its <c>error.code</c> and, after
    /// <paramref name="messagePadding"/> characters, its <c>error.message</c> — as the answer to a poll.
    /// </summary>
    public static FakeFault EchoPresentedKeyFailedJob(int messagePadding = 195) =>
        FakeFault.Respond("a failed job echoing the key", context =>
        {
            var key = PresentedKey(context);
            var id = context.Request.Path.Value?.Split('/').LastOrDefault() ?? "video_unknown";
            return FakeVideosApiPipeline.WriteJsonAsync(context, 200, new System.Text.Json.Nodes.JsonObject
            {
                ["id"] = id,
                ["object"] = "video",
                ["status"] = "failed",
                ["progress"] = 0,
                ["error"] = new System.Text.Json.Nodes.JsonObject { ["code"] = key, ["message"] = new string('f', messagePadding) + key },
            });
        });

    /// <summary>A create accepted whatever key it carried (a queued job with a made-up id): for a server that echoes keys it was never given.</summary>
    public static FakeFault AcceptAnyCreate() =>
        FakeFault.Respond("accept any create", context => FakeVideosApiPipeline.WriteJsonAsync(context, 200, new System.Text.Json.Nodes.JsonObject
        {
            ["id"] = "video_" + Guid.NewGuid().ToString("N"),
            ["object"] = "video",
            ["status"] = "queued",
            ["progress"] = 0,
        }));

    private static FakeFault EchoKeyError(Func<HttpContext, string> key, int statusCode, int messagePadding) =>
        FakeFault.Respond("echo the key in an error", async context =>
        {
            var echoed = key(context);
            context.Response.Headers["x-request-id"] = echoed;
            context.Features.Get<IHttpResponseFeature>()!.ReasonPhrase = echoed;
            var message = new string('m', messagePadding) + echoed + " was refused.";
            await FakeVideosApiPipeline.WriteJsonAsync(context, statusCode, FakeApiError.Body(message, echoed, echoed, echoed)).ConfigureAwait(false);
        });

    /// <summary>The key the request carried, as a server sees it.</summary>
    private static string PresentedKey(HttpContext context)
    {
        var authorization = context.Request.Headers.Authorization.FirstOrDefault();
        return authorization is not null && authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
            ? authorization["Bearer ".Length..].Trim()
            : context.Request.Headers["api-key"].FirstOrDefault() ?? "";
    }

    /// <summary>A raw, non-JSON error body with <paramref name="key"/> after <paramref name="padding"/> characters (a proxy's page).</summary>
    public static FakeFault EchoKeyPage(string key, int statusCode = 400, int padding = 190) =>
        FakeFault.Respond("echo the key in a page", async context =>
        {
            var bytes = Encoding.UTF8.GetBytes("<html><body>" + new string('p', padding) + key + "</body></html>");
            context.Response.StatusCode = statusCode;
            context.Response.ContentType = "text/html";
            context.Response.ContentLength = bytes.Length;
            context.Features.Get<IHttpResponseFeature>()!.ReasonPhrase = key;
            await context.Response.Body.WriteAsync(bytes).ConfigureAwait(false);
        });

    /// <summary>A redirect to <paramref name="location"/> (absolute, or relative to the request).</summary>
    public static FakeFault Redirect(int statusCode, string location) =>
        FakeFault.Respond($"redirect {statusCode}", context =>
        {
            context.Response.StatusCode = statusCode;
            context.Response.Headers.Location = location;
            context.Response.ContentLength = 0;
            return Task.CompletedTask;
        });

    /// <summary>
    /// A body of zeros, 64 KiB a millisecond at most, that goes on until the client lets go (or <see cref="EndlessLimit"/>), with no
    /// Content-Length (sent chunked); with <paramref name="announce"/>, that Content-Length is claimed
    /// instead. For a JSON answer, an error page or video content.
    /// </summary>
    public static FakeFault EndlessBody(SentBytes sent, int statusCode = 200, string contentType = "video/mp4", long? announce = null) =>
        FakeFault.Respond($"endless {statusCode} {contentType}", async context =>
        {
            context.Response.StatusCode = statusCode;
            context.Response.ContentType = contentType;
            if (announce is { } length)
            {
                context.Response.ContentLength = length;
            }

            var chunk = new byte[64 * 1024];
            if (contentType.Contains("json", StringComparison.Ordinal))
            {
                // A JSON string that never closes: a parser reading the whole answer would never stop either.
                Encoding.ASCII.GetBytes("{\"id\":\"video_endless\",\"prompt\":\"").CopyTo(chunk, 0);
                Array.Fill(chunk, (byte)'a', 32, chunk.Length - 32);
            }

            try
            {
                var limit = Math.Min(announce ?? EndlessLimit, EndlessLimit);
                while (sent.Value < limit && !context.RequestAborted.IsCancellationRequested)
                {
                    var size = (int)Math.Min(chunk.Length, limit - sent.Value);
                    await context.Response.Body.WriteAsync(chunk.AsMemory(0, size), context.RequestAborted).ConfigureAwait(false);
                    sent.Add(size);

                    // About 64 MB/s: endless all the same, and Kestrel completes writes to a connection
                    // the client closed without an error (until it notices), so an unpaced loop would
                    // count hundreds of MB that never left.
                    await Task.Delay(1, context.RequestAborted).ConfigureAwait(false);
                    if (contentType.Contains("json", StringComparison.Ordinal))
                    {
                        Array.Fill(chunk, (byte)'a', 0, 32);
                    }
                }
            }
            catch (Exception ex) when (ex is OperationCanceledException or IOException or InvalidOperationException)
            {
                // The client let go: that is what the test waits for.
            }
        });

    /// <summary>Bytes an answer sent, readable while it goes on.</summary>
    public sealed class SentBytes
    {
        private long _value;

        public long Value => Interlocked.Read(ref _value);

        internal void Add(long count) => Interlocked.Add(ref _value, count);
    }
}