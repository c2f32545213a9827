using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

using Microsoft.Extensions.Logging;

using Polly;

using Recreation.Generation.Http;

namespace Recreation.Generation.OpenAI;

// The transport half of VideosClient: one call through the retry pipeline, reading the JSON
// answers, and keeping the key out of every message (redirects and auth headers: VideosClient.Redirects.cs).
public sealed partial class VideosClient
{
    /// <summary>
    /// One call through the retry pipeline. Each attempt builds a fresh request (a sent request
    /// cannot be sent again) and has its own timeout. Transient failures that outlast the retries,
    /// and answers that are not the documented JSON, end as a <see cref="VideosApiException"/>.
    /// </summary>
    private async Task<T> SendAsync<T>(
        string operation,
        Func<HttpRequestMessage> createRequest,
        Func<HttpResponseMessage, CancellationToken, Task<T>> read,
        TimeSpan attemptTimeout,
        CancellationToken cancellationToken,
        CallState? call = null)
    {
        call ??= new CallState();
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(VideosResilience.Operation, operation);
        try
        {
            return await _pipeline.ExecuteAsync(
                async ctx =>
                {
                    call.Attempts++;
                    try
                    {
                        return await AttemptAsync(operation, createRequest, read, attemptTimeout, ctx.CancellationToken).ConfigureAwait(false);
                    }
                    catch (Exception ex) when (call.CreatesAJob && !_options.RecoverLostCreates && MayHaveArrived(ex))
                    {
                        // Not transient, so not retried: through this service a second attempt would be a second paid job.
                        throw new VideosApiException(
                            $"{VideosApiErrors.Capitalize(operation)} lost its answer ({_text.Clean(VideosResilience.Describe(ex))}), and {_baseUrl} is set as a service that cannot recover a lost create (RecoverLostCreates=false), so it was not sent again: a job may exist.",
                            statusCode: null, isTransient: false, isFatal: false, innerException: ex)
                        { LostCreateAnswer = true };
                    }
                },
                context).ConfigureAwait(false);
        }
        catch (VideosApiException ex) when (ex.IsTransient && call.Attempts > 1)
        {
            throw new VideosApiException(
                string.Create(CultureInfo.InvariantCulture, $"{ex.Message} Gave up after {call.Attempts} attempts."),
                ex.StatusCode, isTransient: true, isFatal: false,
                new ApiErrorDetails(null, ex.ErrorType, ex.Param, ex.ErrorCode, ex.RequestId, ex.RetryAfter), ex);
        }
        catch (Exception ex) when (ex is not VideosApiException && (VideosResilience.IsTransient(ex) || ex is HttpRequestException))
        {
            throw new VideosApiException(
                string.Create(CultureInfo.InvariantCulture,
                    $"{VideosApiErrors.Capitalize(operation)} failed after {call.Attempts} attempt(s): {_text.Clean(VideosResilience.Describe(ex))} ({_baseUrl}). Check the network and the base URL (OPENAI_BASE_URL); run again to resume."),
                statusCode: null, isTransient: VideosResilience.IsTransient(ex), isFatal: false, innerException: ex);
        }
        catch (Exception ex) when (ex is JsonException or FormatException or NotSupportedException)
        {
            throw new VideosApiException(
                $"{VideosApiErrors.Capitalize(operation)} failed: {_baseUrl} answered with something that is not the Videos API's JSON ({_text.Clean(ex.Message, 200)}). Check that the base URL points at a Videos API service (it should end in /v1).",
                statusCode: null, isTransient: false, isFatal: false, innerException: ex);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    private async Task<T> AttemptAsync<T>(
        string operation,
        Func<HttpRequestMessage> createRequest,
        Func<HttpResponseMessage, CancellationToken, Task<T>> read,
        TimeSpan attemptTimeout,
        CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(attemptTimeout); // real time on purpose: a fake clock must not fire timeouts
        try
        {
            using var response = await SendFollowingRedirectsAsync(operation, createRequest, timeout.Token).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                throw await VideosApiErrors.FromResponseAsync(response, operation, _baseUrl, _text, _options.MaxResponseBytes, _time, timeout.Token).ConfigureAwait(false);
            }

            return await read(response, timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            // Our attempt timeout or HttpClient.Timeout: a slow server, not the caller cancelling.
            throw new TimeoutException(string.Create(CultureInfo.InvariantCulture, $"no complete answer within {attemptTimeout.TotalSeconds:0.#} s"), ex);
        }
    }

    private static HttpRequestMessage Get(string url)
    {
        var message = new HttpRequestMessage(HttpMethod.Get, url);
        message.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        return message;
    }

    /// <summary>A JSON body of known length (never chunked: some servers and proxies read a chunked body as empty).</summary>
    private static ByteArrayContent Json<T>(T value, JsonTypeInfo<T> type)
    {
        var content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(value, type));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        return content;
    }

    /// <summary>
    /// Reads a JSON answer (at most <see cref="OpenAIVideosOptions.MaxResponseBytes"/>) and maps it
    /// through a <see cref="ServerJson"/>; what the mapping ignored is logged as one warning.
    /// </summary>
    private async Task<T> ReadJsonAsync<T>(string operation, HttpResponseMessage response, Func<JsonElement, ServerJson, T> map, CancellationToken cancellationToken)
    {
        var (bytes, complete) = await BoundedBody.ReadAsync(response, _options.MaxResponseBytes, headIsEnough: false, cancellationToken).ConfigureAwait(false);
        if (!complete)
        {
            throw new VideosApiException(
                string.Create(CultureInfo.InvariantCulture,
                    $"{VideosApiErrors.Capitalize(operation)} failed: {_baseUrl} answered with more than {_options.MaxResponseBytes} bytes of JSON, far more than the Videos API sends; the answer was not read. Check the base URL (OPENAI_BASE_URL), or raise RECREATION_OpenAI__MaxResponseBytes."),
                (int)response.StatusCode, isTransient: false, isFatal: false);
        }

        using var document = JsonDocument.Parse(bytes);
        var json = new ServerJson(_text);
        var result = map(document.RootElement, json);
        if (json.Notes.Count > 0)
        {
            _logger.LogWarning("{Operation}: ignored what the answer said oddly: {Notes}", operation, string.Join("; ", json.Notes));
        }

        return result;
    }

    private Task<Video> ReadVideoAsync(string operation, HttpResponseMessage response, CancellationToken cancellationToken) =>
        ReadJsonAsync(operation, response, (root, json) => VideoMapper.ToVideo(root, json), cancellationToken);

    /// <summary>
    /// The answer to a create or remix: a job that exists and is paid for. Its id is read before
    /// anything else, and nothing else in the answer can lose it: any other field the mapping cannot
    /// use leaves a video with the id alone (queued), and the poll that follows reads the rest.
    /// </summary>
    private Task<Video> ReadCreatedAsync(string operation, HttpResponseMessage response, CancellationToken cancellationToken) =>
        ReadJsonAsync(operation, response, (root, json) =>
        {
            var id = json.Id(root, "id", "the answer");
            try
            {
                return VideoMapper.ToVideo(root, json, justCreated: true);
            }
            catch (Exception ex) when (ex is FormatException or InvalidOperationException or ArgumentException or OverflowException)
            {
                // The job exists whatever the rest of the answer says; losing its id would wedge the clip.
                json.Note($"the rest of the answer could not be read ({_text.Clean(ex.Message, 200)})");
                return new Video(id, VideoStatus.Queued, 0, null, null, null, null, null, null, null, null, null);
            }
        }, cancellationToken);

    private static TimeSpan? PollAfter(HttpResponseMessage response) =>
        response.Headers.TryGetValues(PollAfterHeader, out var values)
        && double.TryParse(values.FirstOrDefault(), NumberStyles.Float, CultureInfo.InvariantCulture, out var ms) && ms >= 0
            ? TimeSpan.FromMilliseconds(ms)
            : null;

    private string Url(string path) => $"{_baseUrl}/{path}";

    /// <summary>
    /// A failure after which the request may have reached the service: a timeout, a dropped or reset
    /// connection. A connection that could not be made, and any answer, prove it did not start a job.
    /// </summary>
    private static bool MayHaveArrived(Exception ex) => ex switch
    {
        HttpRequestException http => http.HttpRequestError is not (HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError or HttpRequestError.SecureConnectionError),
        IOException or TimeoutException => true,
        _ => false,
    };

    private sealed class CallState
    {
        public int Attempts { get; set; }

        /// <summary>The call starts a paid job (create, remix): see <see cref="OpenAIVideosOptions.RecoverLostCreates"/>.</summary>
        public bool CreatesAJob { get; init; }
    }
}