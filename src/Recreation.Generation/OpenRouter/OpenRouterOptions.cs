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

    /// <summary>
    /// The shared checks, and that the base URL carries OpenRouter's version path: the client appends
    /// <c>videos…</c> to it, so <c>https://openrouter.ai</c> or <c>…/api</c> would send every request
    /// to a path OpenRouter answers with 404. On OpenRouter's own host the path must be <c>/api/v1</c>
    /// (the base URL its API reference and SDKs write); elsewhere (a proxy, the fake) any path is
    /// taken except none or a bare <c>/api</c>. A guess (December 2026): that OpenRouter serves its API
    /// under <c>/api/v1</c> only, and that a proxy in front of it keeps a path of its own.
    /// Refused rather than completed, so what is sent is always what the settings say.
    /// </summary>
    public override IReadOnlyList<string> Validate(string section, string keyVariable)
    {
        var errors = base.Validate(section, keyVariable).ToList();
        if (Uri.TryCreate(BaseUrl, UriKind.Absolute, out var url) && url.Scheme is "http" or "https" && string.IsNullOrEmpty(url.Query))
        {
            var path = url.AbsolutePath.TrimEnd('/');
            var ownHost = url.IdnHost.Equals("openrouter.ai", StringComparison.OrdinalIgnoreCase) || url.IdnHost.Equals("www.openrouter.ai", StringComparison.OrdinalIgnoreCase);
            var endpoint = VersionPaths.Any(p => path.EndsWith(p, StringComparison.OrdinalIgnoreCase)); // said by the shared check
            var missing = ownHost ? !path.Equals("/api/v1", StringComparison.Ordinal) : path.Length == 0 || path.Equals("/api", StringComparison.OrdinalIgnoreCase);
            if (missing && !endpoint)
            {
                errors.Add($"BaseUrl '{BaseUrl}' lacks OpenRouter's version path /api/v1 (every request would get 404): set {BaseUrlSetting} "
                    + $"(or the connection or target.base_url that gave it) to the API root with /api/v1, e.g. {DefaultRoot}.");
            }
        }

        return errors;
    }
}