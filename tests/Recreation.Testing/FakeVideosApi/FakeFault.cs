using System.Globalization;
using System.Text.Json.Nodes;

using Microsoft.AspNetCore.Http;

namespace Recreation.Testing.FakeVideosApi;

/// <summary>
/// One scripted misbehaviour of the fake server, applied to one request (see <see cref="FaultScript"/>).
/// Request faults (<see cref="FakeFaultKind.Status"/>, drops, truncation) act on the HTTP exchange;
/// job faults (<see cref="FakeFaultKind.FailJob"/>, <see cref="FakeFaultKind.SlowJob"/>) act on the
/// job that the request creates and are ignored by other requests.
/// </summary>
public sealed record FakeFault
{
    private FakeFault(FakeFaultKind kind)
    {
        Kind = kind;
    }

    public FakeFaultKind Kind { get; }

    public int StatusCode { get; private init; }

    public string? ErrorCode { get; private init; }

    public string? ErrorType { get; private init; }

    public string? Message { get; private init; }

    public string? Param { get; private init; }

    /// <summary>Sent as <c>Retry-After</c>, in whole seconds or (with <see cref="RetryAfterAsDate"/>) as an HTTP date.</summary>
    public TimeSpan? RetryAfter { get; private init; }

    public bool RetryAfterAsDate { get; private init; }

    /// <summary>The share of the body that is sent (truncation faults).</summary>
    public double Fraction { get; private init; }

    /// <summary>The polls a slow job needs.</summary>
    public int Polls { get; private init; }

    /// <summary>Writes the whole answer (<see cref="FakeFaultKind.Respond"/>).</summary>
    public Func<HttpContext, Task>? Responder { get; private init; }

    /// <summary>Rewrites the JSON answer (<see cref="FakeFaultKind.RewriteAnswer"/>); may edit it in place and return it.</summary>
    public Func<JsonNode, JsonNode>? Rewriter { get; private init; }

    /// <summary>A short name for logs and test output.</summary>
    public string? Label { get; private init; }

    public bool IsJobFault => Kind is FakeFaultKind.FailJob or FakeFaultKind.SlowJob or FakeFaultKind.FilteredJob;

    /// <summary>Any answer at all, written by <paramref name="respond"/> (before the key is checked, as a hostile proxy would).</summary>
    public static FakeFault Respond(string label, Func<HttpContext, Task> respond)
    {
        ArgumentNullException.ThrowIfNull(respond);
        return new FakeFault(FakeFaultKind.Respond) { Responder = respond, Label = label };
    }

    /// <summary>The request is handled as usual, then its JSON answer passes through <paramref name="rewrite"/>.</summary>
    public static FakeFault RewriteAnswer(string label, Func<JsonNode, JsonNode> rewrite)
    {
        ArgumentNullException.ThrowIfNull(rewrite);
        return new FakeFault(FakeFaultKind.RewriteAnswer) { Rewriter = rewrite, Label = label };
    }

    /// <summary>
    /// Like <see cref="RewriteAnswer"/>, applied to every video object of the answer (the answer itself,
    /// or each item of a list's <c>data</c>), e.g. to send <c>created_at</c> in milliseconds.
    /// </summary>
    public static FakeFault RewriteVideos(string label, Action<JsonObject> edit)
    {
        ArgumentNullException.ThrowIfNull(edit);
        return RewriteAnswer(label, root =>
        {
            if (root is JsonObject { } answer && answer["data"] is JsonArray items)
            {
                foreach (var item in items.OfType<JsonObject>())
                {
                    edit(item);
                }
            }
            else if (root is JsonObject video && video["object"]?.GetValue<string>() == "video")
            {
                edit(video);
            }

            return root;
        });
    }

    /// <summary>A transient server error (500, 502, 503…).</summary>
    public static FakeFault ServerError(int statusCode = 500) => new(FakeFaultKind.Status)
    {
        StatusCode = statusCode,
        ErrorType = "server_error",
        ErrorCode = null,
        Message = "The server had an error while processing your request. Sorry about that!",
    };

    /// <summary>429 with <c>Retry-After</c>.</summary>
    public static FakeFault RateLimited(TimeSpan retryAfter, bool asHttpDate = false) => new(FakeFaultKind.Status)
    {
        StatusCode = 429,
        ErrorType = "rate_limit_error",
        ErrorCode = "rate_limit_exceeded",
        Message = "Rate limit reached for requests. Please try again later.",
        RetryAfter = retryAfter,
        RetryAfterAsDate = asHttpDate,
    };

    /// <summary>Any error response, e.g. <c>Error(403, "model_not_found", "…")</c>.</summary>
    public static FakeFault Error(int statusCode, string? code, string message, string? param = null, string type = "invalid_request_error") => new(FakeFaultKind.Status)
    {
        StatusCode = statusCode,
        ErrorCode = code,
        ErrorType = type,
        Message = message,
        Param = param,
    };

    /// <summary>410 on a download, as when the content's <c>expires_at</c> has passed.</summary>
    public static FakeFault ExpiredContent() =>
        Error(410, "video_expired", "The video content has expired and can no longer be downloaded.");

    public static FakeFault DropBeforeHandling() => new(FakeFaultKind.DropBeforeHandling);

    public static FakeFault DropAfterHandling() => new(FakeFaultKind.DropAfterHandling);

    public static FakeFault TruncatedBody(double fraction = 0.5) => new(FakeFaultKind.TruncatedBody) { Fraction = CheckFraction(fraction) };

    public static FakeFault CutContent(double fraction = 0.5) => new(FakeFaultKind.CutContent) { Fraction = CheckFraction(fraction) };

    public static FakeFault FailJob(string code = "moderation_blocked", string message = "Your request was blocked by our moderation system.") =>
        new(FakeFaultKind.FailJob) { ErrorCode = code, Message = message };

    /// <summary>The job ends done but without a video, with the safety filter's reason (Veo's raiMediaFilteredReasons).</summary>
    public static FakeFault FilteredJob(string reason = "The video was filtered because it may violate our policies on harmful content.") =>
        new(FakeFaultKind.FilteredJob) { ErrorCode = "SAFETY", Message = reason };

    public static FakeFault SlowJob(int polls)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(polls, 1);
        return new FakeFault(FakeFaultKind.SlowJob) { Polls = polls };
    }

    public override string ToString() => Kind switch
    {
        FakeFaultKind.Status when RetryAfter is { } wait => string.Create(CultureInfo.InvariantCulture, $"{StatusCode} (Retry-After {wait.TotalSeconds:0.#} s)"),
        FakeFaultKind.Status => string.Create(CultureInfo.InvariantCulture, $"{StatusCode} {ErrorCode}"),
        FakeFaultKind.TruncatedBody or FakeFaultKind.CutContent => string.Create(CultureInfo.InvariantCulture, $"{Kind} {Fraction:P0}"),
        FakeFaultKind.FailJob => $"FailJob {ErrorCode}",
        FakeFaultKind.FilteredJob => "FilteredJob",
        FakeFaultKind.SlowJob => string.Create(CultureInfo.InvariantCulture, $"SlowJob {Polls} polls"),
        FakeFaultKind.Respond or FakeFaultKind.RewriteAnswer => $"{Kind} {Label}",
        _ => Kind.ToString(),
    };

    private static double CheckFraction(double fraction)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(fraction, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(fraction, 1);
        return fraction;
    }
}