using Recreation.Generation.Http;

namespace Recreation.Generation.OpenRouter;

/// <summary>
/// How <see cref="OpenRouterClient"/> reaches OpenRouter's video API (or a fake speaking it) and how
/// patient it is. <see cref="Providers.ProviderOptions.BaseUrl"/> is the API root <em>with</em> its
/// version path, as OpenRouter's docs and SDKs write it (<c>https://openrouter.ai/api/v1</c>); the
/// client appends <c>videos</c>, <c>videos/{id}</c>, <c>videos/{id}/content</c> and <c>videos/models</c>.
/// </summary>
public sealed class OpenRouterOptions : ServiceClientOptions
{
    /// <summary>The usual configuration section name.</summary>
    public const string SectionName = "OpenRouter";

    public const string DefaultRoot = "https://openrouter.ai/api/v1";

    public OpenRouterOptions()
    {
        BaseUrl = DefaultRoot;
        // OpenRouter's docs recommend polling every 10-30 s; a clip takes 30 s to a few minutes.
        PollInterval = TimeSpan.FromSeconds(10);
    }

    protected internal override string ServiceName => "OpenRouter's video API";

    protected internal override string KeyVariable => OpenRouterSettings.KeyVariable;

    protected internal override string Section => SectionName;

    protected internal override string DefaultBaseUrl => DefaultRoot;

    /// <summary>The base URL includes <c>/api/v1</c>; what a user may paste by mistake is the endpoint itself.</summary>
    protected override IReadOnlyList<string> VersionPaths { get; } = ["/videos"];
}