using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

using Polly;

namespace Recreation.Generation.OpenAI;

// The transport half of VideosClient: one call through the retry pipeline, auth headers, reading
// the JSON answers, and keeping the key out of every message.
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
                    return await AttemptAsync(operation, createRequest, read, attemptTimeout, ctx.CancellationToken).ConfigureAwait(false);
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
                    $"{VideosApiErrors.Capitalize(operation)} failed after {call.Attempts} attempt(s): {Redact(VideosResilience.Describe(ex))} ({_baseUrl}). Check the network and the base URL (OPENAI_BASE_URL); run again to resume."),
                statusCode: null, isTransient: VideosResilience.IsTransient(ex), isFatal: false, innerException: ex);
        }
        catch (Exception ex) when (ex is JsonException or FormatException or NotSupportedException)
        {
            throw new VideosApiException(
                $"{VideosApiErrors.Capitalize(operation)} failed: {_baseUrl} answered with something that is not the Videos API's JSON ({Redact(ex.Message)}). Check that the base URL points at a Videos API service (it should end in /v1).",
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
            using var request = createRequest();
            Authorize(request);
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                throw await VideosApiErrors.FromResponseAsync(response, operation, _baseUrl, Redact, _time, timeout.Token).ConfigureAwait(false);
            }

            return await read(response, timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            // Our attempt timeout or HttpClient.Timeout: a slow server, not the caller cancelling.
            throw new TimeoutException(string.Create(CultureInfo.InvariantCulture, $"no complete answer within {attemptTimeout.TotalSeconds:0.#} s"), ex);
        }
    }

    private void Authorize(HttpRequestMessage request)
    {
        if (_options.AuthHeader == OpenAIVideosOptions.ApiKeyAuth)
        {
            request.Headers.TryAddWithoutValidation("api-key", _options.ApiKey);
        }
        else
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _options.ApiKey);
        }

        if (!string.IsNullOrEmpty(_options.Organization))
        {
            request.Headers.TryAddWithoutValidation("OpenAI-Organization", _options.Organization);
        }

        if (!string.IsNullOrEmpty(_options.Project))
        {
            request.Headers.TryAddWithoutValidation("OpenAI-Project", _options.Project);
        }

        request.Headers.UserAgent.Add(UserAgent);
    }

    private static HttpRequestMessage Get(string url)
    {
        var message = new HttpRequestMessage(HttpMethod.Get, url);
        message.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        return message;
    }

    private static async Task<Video> ReadVideoAsync(HttpResponseMessage response, CancellationToken cancellationToken) =>
        VideoMapper.ToVideo(await ReadJsonAsync(response, VideosJsonContext.Default.VideoDto, cancellationToken).ConfigureAwait(false));

    private static async Task<T> ReadJsonAsync<T>(HttpResponseMessage response, JsonTypeInfo<T> type, CancellationToken cancellationToken) =>
        await response.Content.ReadFromJsonAsync(type, cancellationToken).ConfigureAwait(false)
        ?? throw new FormatException("the answer was JSON null");

    private static TimeSpan? PollAfter(HttpResponseMessage response) =>
        response.Headers.TryGetValues(PollAfterHeader, out var values)
        && double.TryParse(values.FirstOrDefault(), NumberStyles.Float, CultureInfo.InvariantCulture, out var ms) && ms >= 0
            ? TimeSpan.FromMilliseconds(ms)
            : null;

    private string Url(string path) => $"{_baseUrl}/{path}";

    /// <summary>Server text may echo what it was sent; the key never leaves this class in a message.</summary>
    private string Redact(string text) =>
        string.IsNullOrEmpty(_options.ApiKey) ? text : text.Replace(_options.ApiKey, "[redacted]", StringComparison.Ordinal);

    private sealed class CallState
    {
        public int Attempts { get; set; }
    }
}