using System.Globalization;
using System.Net.Http.Headers;

using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

using Polly;

using Recreation.Core;

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

    /// <summary>Whether the service can recover a create whose answer was lost (<see cref="OpenAIVideosOptions.RecoverLostCreates"/>).</summary>
    public bool RecoversLostCreates => _options.RecoverLostCreates;

    /// <summary>Its base URL, without a trailing slash.</summary>
    public string BaseUrl => _baseUrl;

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
            cancellationToken,
            new CallState { CreatesAJob = true }).ConfigureAwait(false);
        _logger.LogInformation("Created {VideoId} ({Status}) for idempotency key {IdempotencyKey}", video.Id, video.Status, idempotencyKey);
        return video;
    }

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
            cancellationToken,
            new CallState { CreatesAJob = true }).ConfigureAwait(false);
        _logger.LogInformation("Remixed {SourceVideoId} as {VideoId}", videoId, video.Id);
        return video;
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