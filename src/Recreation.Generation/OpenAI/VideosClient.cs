using System.Globalization;
using System.Net.Http.Headers;

using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

using Polly;

using Recreation.Core;
using Recreation.Media.Files;

namespace Recreation.Generation.OpenAI;

/// <summary>
/// A typed <see cref="HttpClient"/> for the Videos API (VIDEOS-API.md): create, retrieve, list,
/// delete, download, remix, and a poll loop. Every call runs in the retry pipeline of
/// <see cref="VideosResilience"/>; create and remix always carry an <c>Idempotency-Key</c>, which is
/// what makes retrying them safe (a retry after a lost answer returns the same job, not a second
/// paid one). Failures end as one <see cref="VideosApiException"/>. Thread-safe.
/// <para>
/// The <see cref="HttpClient"/>'s own <see cref="HttpClient.Timeout"/> should be infinite (or longer
/// than <see cref="OpenAIVideosOptions.DownloadTimeout"/>): each attempt has its own timeout here.
/// </para>
/// </summary>
public sealed partial class VideosClient
{
    private const string PollAfterHeader = "openai-poll-after-ms";

    /// <summary>The clip length the download cap assumes when the caller does not give one (the longest clip models make today).</summary>
    public const double DefaultDownloadSeconds = 60;

    /// <summary>The most redirects one call follows.</summary>
    private const int MaxRedirects = 5;
    private static readonly ProductInfoHeaderValue UserAgent = new("Recreation", typeof(VideosClient).Assembly.GetName().Version?.ToString(3) ?? "1.0");

    private readonly HttpClient _http;
    private readonly OpenAIVideosOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly ResiliencePipeline _pipeline;
    private readonly string _baseUrl;
    private readonly Uri _baseUri;
    private readonly ServerText _text;

    /// <summary>Checks <paramref name="options"/> (throwing a fatal <see cref="RecreationException"/> listing every problem).</summary>
    public VideosClient(HttpClient httpClient, OpenAIVideosOptions options, TimeProvider? timeProvider = null, ILogger<VideosClient>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        ArgumentNullException.ThrowIfNull(options);
        options.ThrowIfInvalid();
        _http = httpClient;
        _options = options;
        _time = timeProvider ?? TimeProvider.System;
        _logger = logger ?? (ILogger)NullLogger.Instance;
        _baseUrl = options.BaseUrl.TrimEnd('/');
        _baseUri = new Uri(_baseUrl, UriKind.Absolute);
        _text = new ServerText(options.ApiKey);
        _pipeline = VideosResilience.Build(options, _time, _logger);
    }

    /// <summary>
    /// Starts a job. <paramref name="idempotencyKey"/> must be the same for every attempt at the
    /// same clip (use <see cref="ClipRequest.CacheKey"/>): a retry, or a rerun after a crash, then
    /// gets the job already paid for instead of a new one.
    /// </summary>
    public async Task<Video> CreateAsync(CreateVideoRequest request, string idempotencyKey, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrEmpty(request.Prompt);
        ArgumentException.ThrowIfNullOrEmpty(request.Model);
        CheckIdempotencyKey(idempotencyKey);
        var image = request.InputImagePath is null ? null : await InputImage.ReadAsync(request.InputImagePath, cancellationToken).ConfigureAwait(false);
        var seconds = request.Seconds.ToString(CultureInfo.InvariantCulture);
        var size = request.Size.ToString();

        var video = await SendAsync(
            $"creating a {seconds} s {size} video with {request.Model}",
            () =>
            {
                var message = new HttpRequestMessage(HttpMethod.Post, Url("videos"));
                message.Headers.Add("Idempotency-Key", idempotencyKey);
                message.Content = image is null
                    ? Json(new CreateVideoBody { Prompt = request.Prompt, Model = request.Model, Seconds = seconds, Size = size }, VideosJsonContext.Default.CreateVideoBody)
                    : Multipart(request.Prompt, request.Model, seconds, size, image);
                return message;
            },
            (response, token) => ReadCreatedAsync("creating a video", response, token),
            _options.RequestTimeout,
            cancellationToken).ConfigureAwait(false);
        _logger.LogInformation("Created {VideoId} ({Status}) for idempotency key {IdempotencyKey}", video.Id, video.Status, idempotencyKey);
        return video;
    }

    public async Task<Video> RetrieveAsync(string videoId, CancellationToken cancellationToken = default)
    {
        return (await RetrieveWithHintAsync(videoId, cancellationToken).ConfigureAwait(false)).Video;
    }

    /// <summary>One page of jobs; <paramref name="limit"/> 1–100 (server default 20), <paramref name="after"/> a cursor (the previous page's last id).</summary>
    public Task<VideoList> ListAsync(int? limit = null, string? after = null, VideoListOrder? order = null, CancellationToken cancellationToken = default)
    {
        if (limit is { } value)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(value, 100);
        }

        var query = new List<string>();
        if (limit is { } l)
        {
            query.Add("limit=" + l.ToString(CultureInfo.InvariantCulture));
        }

        if (order is { } o)
        {
            query.Add("order=" + (o == VideoListOrder.Ascending ? "asc" : "desc"));
        }

        if (!string.IsNullOrEmpty(after))
        {
            query.Add("after=" + Uri.EscapeDataString(after));
        }

        var url = Url("videos") + (query.Count > 0 ? "?" + string.Join('&', query) : "");
        return SendAsync(
            "listing videos",
            () => Get(url),
            (response, token) => ReadJsonAsync("listing videos", response, VideoMapper.ToList, token),
            _options.RequestTimeout,
            cancellationToken);
    }

    /// <summary>
    /// The ids of the models the service offers (<c>GET /models</c>), for <c>recreate doctor</c>.
    /// Retried like any call (set <see cref="OpenAIVideosOptions.MaxRetryAttempts"/> low for a quick check).
    /// </summary>
    public Task<IReadOnlyList<string>> ListModelsAsync(CancellationToken cancellationToken = default) =>
        SendAsync(
            "listing models",
            () => Get(Url("models")),
            (response, token) => ReadJsonAsync("listing models", response, (root, json) =>
            {
                var ids = new List<string>();
                if (root.ValueKind == System.Text.Json.JsonValueKind.Object && root.TryGetProperty("data", out var data) && data.ValueKind == System.Text.Json.JsonValueKind.Array)
                {
                    foreach (var model in data.EnumerateArray())
                    {
                        if (json.String(model, "id", 200) is { Length: > 0 } text)
                        {
                            ids.Add(text);
                        }
                    }
                }

                return (IReadOnlyList<string>)ids;
            }, token),
            _options.RequestTimeout,
            cancellationToken);

    /// <summary>Deletes a job. A 404 after an attempt whose answer was lost counts as deleted (the lost attempt did it).</summary>
    public async Task<VideoDeletion> DeleteAsync(string videoId, CancellationToken cancellationToken = default)
    {
        CheckVideoId(videoId);
        var call = new CallState();
        try
        {
            return await SendAsync(
                $"deleting {videoId}",
                () => new HttpRequestMessage(HttpMethod.Delete, Url($"videos/{Uri.EscapeDataString(videoId)}")),
                (response, token) => ReadJsonAsync("deleting a video", response, (root, json) => VideoMapper.ToDeletion(root, json, videoId), token),
                _options.RequestTimeout,
                cancellationToken,
                call).ConfigureAwait(false);
        }
        catch (VideosApiException ex) when (ex.StatusCode == 404 && call.Attempts > 1)
        {
            return new VideoDeletion(videoId, true);
        }
    }

    /// <summary>A new job from a completed one with a changed prompt; same idempotency rules as <see cref="CreateAsync"/>.</summary>
    public async Task<Video> RemixAsync(string videoId, string prompt, string idempotencyKey, CancellationToken cancellationToken = default)
    {
        CheckVideoId(videoId);
        ArgumentException.ThrowIfNullOrEmpty(prompt);
        CheckIdempotencyKey(idempotencyKey);
        var video = await SendAsync(
            $"remixing {videoId}",
            () =>
            {
                var message = new HttpRequestMessage(HttpMethod.Post, Url($"videos/{Uri.EscapeDataString(videoId)}/remix"));
                message.Headers.Add("Idempotency-Key", idempotencyKey);
                message.Content = Json(new RemixVideoBody { Prompt = prompt }, VideosJsonContext.Default.RemixVideoBody);
                return message;
            },
            (response, token) => ReadCreatedAsync("remixing a video", response, token),
            _options.RequestTimeout,
            cancellationToken).ConfigureAwait(false);
        _logger.LogInformation("Remixed {SourceVideoId} as {VideoId}", videoId, video.Id);
        return video;
    }

    /// <summary>
    /// Polls until the job reaches a terminal status (anything but queued/in_progress) and returns it
    /// — completed or not: a failed job is an answer, see <see cref="Video.FailureReason"/>. Waits what
    /// the server asks (<c>openai-poll-after-ms</c>) within the configured bounds. Past
    /// <see cref="OpenAIVideosOptions.JobDeadline"/> it throws a non-fatal <see cref="VideosApiException"/>;
    /// the job itself goes on and can be awaited again.
    /// </summary>
    public async Task<Video> WaitAsync(string videoId, IProgress<double>? progress = null, CancellationToken cancellationToken = default)
    {
        CheckVideoId(videoId);
        var deadline = _time.GetUtcNow() + _options.JobDeadline;
        while (true)
        {
            var (video, pollAfter) = await RetrieveWithHintAsync(videoId, cancellationToken).ConfigureAwait(false);
            progress?.Report(video.IsCompleted ? 1.0 : video.Progress / 100.0);
            if (video.IsTerminal)
            {
                _logger.LogInformation("{VideoId} ended {Status}{Reason}", video.Id, video.Status, video.Error is null ? "" : $" ({video.Error})");
                return video;
            }

            var wait = pollAfter ?? _options.PollInterval;
            wait = wait < _options.MinPollInterval ? _options.MinPollInterval : wait > _options.MaxPollInterval ? _options.MaxPollInterval : wait;
            if (_time.GetUtcNow() + wait > deadline)
            {
                throw new VideosApiException(
                    string.Create(CultureInfo.InvariantCulture,
                        $"{videoId} was still {video.Status} ({video.Progress} %) after the job deadline of {_options.JobDeadline}. The job was not cancelled and may still finish: run again to resume waiting for it, or raise the job deadline."),
                    statusCode: null, isTransient: false, isFatal: false);
            }

            _logger.LogDebug("{VideoId} is {Status} ({Progress} %); next poll in {WaitMs:0} ms", videoId, video.Status, video.Progress, wait.TotalMilliseconds);
            await Task.Delay(wait, _time, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Downloads a completed job's content to <paramref name="destinationPath"/>, complete or not at
    /// all: the bytes go to a temp file beside it, are counted against Content-Length, and the file is
    /// renamed into place only when whole. A cut-off download is retried like any network error.
    /// Returns the number of bytes written. The download may hold at most what a clip of
    /// <see cref="DefaultDownloadSeconds"/> seconds may (<see cref="OpenAIVideosOptions.MaxDownloadBytes"/>);
    /// pass the clip's length to the other overload for a tighter cap.
    /// </summary>
    public Task<long> DownloadContentAsync(string videoId, VideoContentVariant variant, string destinationPath, IProgress<double>? progress = null, CancellationToken cancellationToken = default) =>
        DownloadContentAsync(videoId, variant, destinationPath, DefaultDownloadSeconds, progress, cancellationToken);

    /// <summary>
    /// Downloads like the other overload, with a cap derived from the clip's length: more than
    /// <see cref="OpenAIVideosOptions.MaxDownloadBytes"/>(<paramref name="clipSeconds"/>) announced is
    /// refused before reading, and a body that goes on past it (no Content-Length) is cut there and
    /// fails with a message instead of running until <see cref="OpenAIVideosOptions.DownloadTimeout"/>.
    /// Neither is retried.
    /// </summary>
    public async Task<long> DownloadContentAsync(string videoId, VideoContentVariant variant, string destinationPath, double clipSeconds, IProgress<double>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(clipSeconds);
        CheckVideoId(videoId);
        ArgumentException.ThrowIfNullOrWhiteSpace(destinationPath);
        var target = Path.GetFullPath(destinationPath);
        AtomicFile.CreateFolder(Path.GetDirectoryName(target)!);
        var name = variant.ToString().ToLowerInvariant();
        var bytes = await SendAsync(
            $"downloading the {name} of {videoId}",
            () => Get(Url($"videos/{Uri.EscapeDataString(videoId)}/content?variant={name}")),
            (response, token) => ContentDownload.SaveAsync(response, target, _options.MaxDownloadBytes(clipSeconds), progress, token),
            _options.DownloadTimeout,
            cancellationToken).ConfigureAwait(false);
        _logger.LogInformation("Downloaded the {Variant} of {VideoId} ({Bytes} bytes)", name, videoId, bytes);
        return bytes;
    }

    private Task<(Video Video, TimeSpan? PollAfter)> RetrieveWithHintAsync(string videoId, CancellationToken cancellationToken)
    {
        CheckVideoId(videoId);
        return SendAsync(
            $"retrieving {videoId}",
            () => Get(Url($"videos/{Uri.EscapeDataString(videoId)}")),
            async (response, token) => (await ReadVideoAsync("retrieving a video", response, token).ConfigureAwait(false), PollAfter(response)),
            _options.RequestTimeout,
            cancellationToken);
    }

    private static MultipartFormDataContent Multipart(string prompt, string model, string seconds, string size, InputImage image)
    {
        var content = new MultipartFormDataContent
        {
            { new StringContent(prompt), "prompt" },
            { new StringContent(model), "model" },
            { new StringContent(seconds), "seconds" },
            { new StringContent(size), "size" },
        };
        var file = new ByteArrayContent(image.Bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue(image.ContentType);
        content.Add(file, "input_reference", image.FileName);
        return content;
    }

    private static void CheckVideoId(string videoId) => ArgumentException.ThrowIfNullOrWhiteSpace(videoId);

    private static void CheckIdempotencyKey(string idempotencyKey)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(idempotencyKey);
        if (idempotencyKey.Length > 255 || idempotencyKey.Any(c => c is < '!' or > '~'))
        {
            throw new ArgumentException("An idempotency key is 1–255 printable ASCII characters without spaces (a hash such as ClipRequest.CacheKey).", nameof(idempotencyKey));
        }
    }
}