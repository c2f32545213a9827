using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

using Recreation.Media;

namespace Recreation.Generation.Providers;

/// <summary>What a provider's generator may use on this machine: FFmpeg, time, logging and HTTP.</summary>
public sealed record ProviderContext(FFmpegRunner Runner)
{
    public TimeProvider Time { get; init; } = TimeProvider.System;

    public ILoggerFactory Loggers { get; init; } = NullLoggerFactory.Instance;

    /// <summary>The host's HTTP client factory; null (tests, tools) = a plain client per generator.</summary>
    public IHttpClientFactory? Http { get; init; }

    /// <summary>
    /// An HttpClient with no timeout of its own (clients time each attempt themselves). With a
    /// factory, <paramref name="name"/> picks its named configuration.
    /// </summary>
    public HttpClient CreateHttpClient(string name)
    {
        var client = Http?.CreateClient(name) ?? new HttpClient();
        client.Timeout = Timeout.InfiniteTimeSpan;
        return client;
    }
}