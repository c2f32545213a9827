using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Recreation.Generation.OpenAI;

public static class OpenAIVideosServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="VideosClient"/> as a typed HttpClient with <see cref="OpenAIVideosOptions"/>
    /// validated at start (bind them first, e.g. <c>services.Configure&lt;OpenAIVideosOptions&gt;(config.GetSection("OpenAI"))</c>,
    /// or pass <paramref name="configure"/>). The HttpClient's own timeout is turned off: the client
    /// times each attempt itself, and follows redirects itself (<see cref="VideosClient.CreateHttpHandler"/>). Uses a registered <see cref="TimeProvider"/> when there is one.
    /// </summary>
    public static IHttpClientBuilder AddOpenAIVideosClient(this IServiceCollection services, Action<OpenAIVideosOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<OpenAIVideosOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        options.ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<OpenAIVideosOptions>, OpenAIVideosOptionsValidator>());
        return services
            .AddHttpClient(nameof(VideosClient), client => client.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(VideosClient.CreateHttpHandler)
            .AddTypedClient<VideosClient>((http, provider) => new VideosClient(
                http,
                provider.GetRequiredService<IOptions<OpenAIVideosOptions>>().Value,
                provider.GetService<TimeProvider>(),
                provider.GetService<ILogger<VideosClient>>()));
    }
}