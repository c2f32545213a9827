using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

using Recreation.Core;
using Recreation.Generation.Http;
using Recreation.Media.Files;

namespace Recreation.Generation.Fal;

/// <summary>
/// fal's queue API (fal.ai/docs, "Queue"): <c>POST {root}/{model id}</c> with the model's own input
/// JSON submits a request and answers <c>{request_id, status_url, response_url, cancel_url}</c>;
/// <c>GET {root}/{owner}/{app}/requests/{id}/status</c> polls it (202 while queued or running, 200
/// when completed); <c>GET {root}/{owner}/{app}/requests/{id}</c> gives the result
/// (<c>{"video": {"url": …}}</c>), or the model's error (422 with <c>detail[]</c>) when it failed;
/// <c>PUT …/requests/{id}/cancel</c> cancels. Status, result and cancel use only the model id's
/// owner and app (<c>fal-ai/kling-video</c>), not its sub-path, as fal's docs say. Every queue call
/// carries <c>Authorization: Key</c>; output files (fal's CDN) get nothing. fal takes no idempotency
/// key and has no list of requests (guessed from its docs and clients, December 2026), so a submit
/// whose answer was lost is in doubt and never resent on its own.
/// </summary>
public sealed partial class FalClient
{
    private readonly FalOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly ServiceTransport _transport;

    /// <summary>Checks <paramref name="options"/> (throwing a fatal <see cref="RecreationException"/> listing every problem).</summary>
    public FalClient(HttpClient httpClient, FalOptions options, TimeProvider? timeProvider = null, ILogger<FalClient>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        ArgumentNullException.ThrowIfNull(options);
        options.ThrowIfInvalid();
        _options = options;
        _time = timeProvider ?? TimeProvider.System;
        _logger = logger ?? (ILogger)NullLogger.Instance;
        _transport = new ServiceTransport(httpClient, options, new FalDialect(options), _time, _logger);
    }

    /// <summary>Submits one request and returns its id. Sent once: retried only when the failure proves nothing was queued; a lost answer throws an in-doubt <see cref="ServiceApiException"/>.</summary>
    public async Task<string> SubmitAsync(string modelId, JsonObject input, CancellationToken cancellationToken = default)
    {
        CheckModel(modelId);
        ArgumentNullException.ThrowIfNull(input);
        var json = input.ToJsonString();
        var id = await _transport.SendAsync(
            $"submitting a request to {modelId}",
            () => new HttpRequestMessage(HttpMethod.Post, _transport.Url(modelId))
            {
                Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json"),
            },
            async (response, token) =>
            {
                using var document = await ServiceTransport.ReadJsonAsync(response, token).ConfigureAwait(false);
                return Text(document.RootElement, "request_id") is { } text && RequestId().IsMatch(text)
                    ? text
                    : throw new FormatException("the queued request has no usable 'request_id'");
            },
            cancellationToken,
            RetryMode.CreateOnce).ConfigureAwait(false);
        _logger.LogInformation("Queued fal request {RequestId} for {Model}", id, modelId);
        return id;
    }

    public Task<FalStatus> StatusAsync(string modelId, string requestId, CancellationToken cancellationToken = default)
    {
        var url = RequestUrl(modelId, requestId, "/status");
        return _transport.SendAsync(
            $"checking request {requestId}",
            () => ServiceTransport.Get(url),
            async (response, token) =>
            {
                using var document = await ServiceTransport.ReadJsonAsync(response, token).ConfigureAwait(false);
                var root = document.RootElement;
                var status = Text(root, "status") ?? throw new FormatException("the status has no 'status'");
                int? position = root.TryGetProperty("queue_position", out var p) && p.ValueKind == JsonValueKind.Number && p.TryGetInt32(out var n) ? n : null;
                return new FalStatus(status, position, Text(root, "error"));
            },
            cancellationToken);
    }

    /// <summary>
    /// Polls every <see cref="Providers.ProviderOptions.PollInterval"/> until the request is completed. Past
    /// <see cref="Providers.ProviderOptions.JobDeadline"/> it throws a non-fatal <see cref="ServiceApiException"/>;
    /// the request goes on and can be awaited again.
    /// </summary>
    public async Task<FalStatus> WaitAsync(string modelId, string requestId, IProgress<double>? progress = null, CancellationToken cancellationToken = default)
    {
        var deadline = _time.GetUtcNow() + _options.JobDeadline;
        var polls = 0;
        while (true)
        {
            var status = await StatusAsync(modelId, requestId, cancellationToken).ConfigureAwait(false);
            polls++;
            if (status.IsCompleted)
            {
                progress?.Report(1.0);
                return status;
            }

            // fal gives no progress figure: creep towards 90 % while in progress.
            progress?.Report(status.Status == FalStatus.InProgress ? Math.Min(0.9, polls * 0.05) : 0);
            if (_time.GetUtcNow() + _options.PollInterval > deadline)
            {
                throw new ServiceApiException(
                    $"fal request {requestId} was still {status.Status} after the job deadline of {_options.JobDeadline}. It was not cancelled and may still finish: run again to resume waiting for it, or raise RECREATION_Fal__JobDeadline.",
                    statusCode: null, isTransient: false, isFatal: false);
            }

            await Task.Delay(_options.PollInterval, _time, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// The completed request's output video URL, from its result. A model's refusal or failure is a
    /// <see cref="ServiceApiException"/> with the status fal answered (422 for refused input, with
    /// <see cref="ServiceApiException.ErrorCode"/> such as <c>content_policy_violation</c>).
    /// The URL is looked for in <c>video.url</c>, then <c>videos[0].url</c>, then any <c>url</c> of an
    /// <c>…mp4</c> file (models name their output differently; a guess that covers Kling, Veo, Wan, LTX on fal).
    /// </summary>
    public Task<Uri> ResultUrlAsync(string modelId, string requestId, CancellationToken cancellationToken = default)
    {
        var url = RequestUrl(modelId, requestId, "");
        return _transport.SendAsync(
            $"fetching the result of request {requestId}",
            () => ServiceTransport.Get(url),
            async (response, token) =>
            {
                using var document = await ServiceTransport.ReadJsonAsync(response, token).ConfigureAwait(false);
                var found = VideoUrl(document.RootElement) ?? throw new FormatException("the result names no video URL");
                return Uri.TryCreate(found, UriKind.Absolute, out var output) && output.Scheme is "https" or "http"
                    ? output
                    : throw new FormatException("the result's video URL is not an http(s) URL");
            },
            cancellationToken);
    }

    /// <summary>Asks fal to cancel a queued or running request. A request that is already completed or unknown counts as done.</summary>
    public async Task CancelAsync(string modelId, string requestId, CancellationToken cancellationToken = default)
    {
        var url = RequestUrl(modelId, requestId, "/cancel");
        try
        {
            await _transport.SendAsync($"cancelling request {requestId}", () => new HttpRequestMessage(HttpMethod.Put, url), (_, _) => Task.FromResult(true), cancellationToken).ConfigureAwait(false);
        }
        catch (ServiceApiException e) when (e.StatusCode is 400 or 404)
        {
            // ALREADY_COMPLETED (400) or NOT_FOUND (404): either way it runs no more.
        }
    }

    /// <summary>
    /// Downloads the completed request's video to <paramref name="destinationPath"/>, complete or not at
    /// all, with no key and no <c>Authorization</c> (fal's file URLs are public). A refused URL is
    /// replaced by a fresh result once. Returns the bytes written.
    /// </summary>
    public async Task<long> DownloadAsync(string modelId, string requestId, string destinationPath, IProgress<double>? progress = null, CancellationToken cancellationToken = default, double? clipSeconds = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(destinationPath);
        var target = Path.GetFullPath(destinationPath);
        AtomicFile.CreateFolder(Path.GetDirectoryName(target)!);
        for (var attempt = 1; ; attempt++)
        {
            var url = await ResultUrlAsync(modelId, requestId, cancellationToken).ConfigureAwait(false);
            try
            {
                var bytes = await _transport.DownloadAsync($"downloading the output of request {requestId}", url, keyForApiHost: false, target, clipSeconds, progress, cancellationToken).ConfigureAwait(false);
                _logger.LogInformation("Downloaded the output of fal request {RequestId} ({Bytes} bytes)", requestId, bytes);
                return bytes;
            }
            catch (ServiceApiException e) when (attempt == 1 && e.StatusCode is 401 or 403 or 404 or 410)
            {
                _logger.LogWarning("The output URL of fal request {RequestId} was refused ({Status}); asking for the result again", requestId, e.StatusCode);
            }
        }
    }

    /// <summary><c>fal-ai/kling-video/v2.1/standard/image-to-video</c> → <c>fal-ai/kling-video</c>: the part status, result and cancel URLs use.</summary>
    public static string AppOf(string modelId)
    {
        CheckModel(modelId);
        var parts = modelId.Split('/');
        return parts.Length >= 2 ? $"{parts[0]}/{parts[1]}" : parts[0];
    }

    private Uri RequestUrl(string modelId, string requestId, string suffix)
    {
        CheckId(requestId);
        return _transport.Url($"{AppOf(modelId)}/requests/{requestId}{suffix}");
    }

    private static string? VideoUrl(JsonElement root)
    {
        if (root.TryGetProperty("video", out var video) && video.ValueKind == JsonValueKind.Object && Text(video, "url") is { } direct)
        {
            return direct;
        }

        if (root.TryGetProperty("videos", out var videos) && videos.ValueKind == JsonValueKind.Array
            && videos.EnumerateArray().FirstOrDefault() is { ValueKind: JsonValueKind.Object } first && Text(first, "url") is { } listed)
        {
            return listed;
        }

        return root.EnumerateObject()
            .Where(p => p.Value.ValueKind == JsonValueKind.Object)
            .Select(p => Text(p.Value, "url"))
            .FirstOrDefault(u => u?.Split('?')[0].EndsWith(".mp4", StringComparison.OrdinalIgnoreCase) == true);
    }

    private static void CheckModel(string modelId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(modelId);
        if (!ModelId().IsMatch(modelId) || modelId.Split('/').Any(s => s is "." or ".."))
        {
            throw new ArgumentException($"'{modelId}' is not a fal model id (like fal-ai/kling-video/v2.1/standard/image-to-video).", nameof(modelId));
        }
    }

    private static void CheckId(string requestId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(requestId);
        if (!RequestId().IsMatch(requestId))
        {
            throw new ArgumentException($"'{requestId}' is not a fal request id.", nameof(requestId));
        }
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_.-]*(/[A-Za-z0-9_.-]+)*$")]
    private static partial Regex ModelId();

    [GeneratedRegex("^[A-Za-z0-9_-]{1,128}$")]
    private static partial Regex RequestId();
}