using System.Globalization;
using System.Net.Http.Headers;

using Microsoft.Extensions.Logging;

namespace Recreation.Generation.OpenAI;

// How VideosClient sends one request: following redirects itself, with the key and the
// organisation headers only for the API's own origin.
public sealed partial class VideosClient
{
    /// <summary>
    /// Sends the request and follows up to <see cref="MaxRedirects"/> redirects itself (the handler
    /// must not: <see cref="CreateHttpHandler"/>). Credentials — the key in either header scheme, and
    /// <c>OpenAI-Organization</c>/<c>OpenAI-Project</c> — go only to the base URL's origin (scheme,
    /// host and port), and only while every hop so far stayed there: once a redirect leaves the
    /// origin, the rest of the chain is sent without them. 307/308 repeat the method and body; 303,
    /// and 301/302 after a POST, go on as a GET without a body, as browsers do.
    /// </summary>
    private async Task<HttpResponseMessage> SendFollowingRedirectsAsync(string operation, Func<HttpRequestMessage> createRequest, CancellationToken cancellationToken)
    {
        Uri? target = null;
        var asGet = false;
        var credentials = true;
        for (var hop = 0; ; hop++)
        {
            using var request = createRequest();
            if (target is not null)
            {
                request.RequestUri = target;
            }

            if (asGet && request.Method != HttpMethod.Get)
            {
                request.Method = HttpMethod.Get;
                request.Content = null;
            }

            credentials &= IsApiOrigin(request.RequestUri!);
            Authorize(request, credentials);
            var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            if (response.RequestMessage?.RequestUri is { } answered && answered != request.RequestUri)
            {
                response.Dispose();
                throw new InvalidOperationException("The HttpClient given to VideosClient follows redirects itself, and would carry credentials to other origins: build it on VideosClient.CreateHttpHandler().");
            }

            var status = (int)response.StatusCode;
            if (status is not (301 or 302 or 303 or 307 or 308) || response.Headers.Location is not { } location)
            {
                return response;
            }

            response.Dispose();
            var next = location.IsAbsoluteUri ? location : new Uri(request.RequestUri!, location);
            var refusal = hop >= MaxRedirects ? string.Create(CultureInfo.InvariantCulture, $"more than {MaxRedirects} times")
                : next.Scheme is not ("http" or "https") ? "to a URL that is not http(s)"
                : _text.ContainsSecret(next.OriginalString) ? "to a URL that holds the API key (not followed, not shown)"
                : null;
            if (refusal is not null)
            {
                throw new VideosApiException(
                    $"{VideosApiErrors.Capitalize(operation)} failed: {_baseUrl} redirected {refusal}. Check that the base URL points at a Videos API service.",
                    status, isTransient: false, isFatal: false);
            }

            asGet |= status == 303 || (status is 301 or 302 && request.Method == HttpMethod.Post);
            target = next;
            _logger.LogDebug(
                "{Operation}: redirected ({Status}) to {Origin}{Credentials}",
                operation, status, _text.Clean(next.GetLeftPart(UriPartial.Authority), 200), credentials && IsApiOrigin(next) ? "" : " (another origin: sent without credentials)");
        }
    }

    /// <summary>
    /// The handler a <see cref="VideosClient"/>'s <see cref="HttpClient"/> must be built on: it does not
    /// follow redirects (the client does, keeping credentials to the API's origin), and it decompresses
    /// nothing (a body's size is what was sent, so the caps on bodies hold).
    /// </summary>
    public static SocketsHttpHandler CreateHttpHandler() => new()
    {
        AllowAutoRedirect = false,
        AutomaticDecompression = System.Net.DecompressionMethods.None,
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
    };

    private bool IsApiOrigin(Uri url) =>
        string.Equals(url.Scheme, _baseUri.Scheme, StringComparison.OrdinalIgnoreCase)
        && string.Equals(url.IdnHost, _baseUri.IdnHost, StringComparison.OrdinalIgnoreCase)
        && url.Port == _baseUri.Port;

    private void Authorize(HttpRequestMessage request, bool credentials)
    {
        request.Headers.UserAgent.Add(UserAgent);
        if (!credentials)
        {
            return;
        }

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
    }
}