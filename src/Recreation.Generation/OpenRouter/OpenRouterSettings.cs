using Recreation.Core.Security;
using Recreation.Generation.Providers;

namespace Recreation.Generation.OpenRouter;

/// <summary>
/// Where the <c>openrouter</c> backend's settings come from, as for the other providers
/// (<see cref="EndpointPolicy"/> decides what a scene may ask): base URL <c>OpenRouter:BaseUrl</c> /
/// <c>RECREATION_OpenRouter__BaseUrl</c>, default <c>https://openrouter.ai/api/v1</c> (it includes
/// <c>/api/v1</c>); key <c>OPENROUTER_API_KEY</c> (the name OpenRouter's docs use), then
/// <c>OpenRouter:ApiKey</c>; the rest from the <c>OpenRouter</c> section.
/// </summary>
internal static class OpenRouterSettings
{
    public const string KeyVariable = "OPENROUTER_API_KEY";

    private const string WhereToGetOne = "a key from openrouter.ai/keys";

    private const string Rehearsal = "To rehearse for free, start the fake OpenRouter (dotnet run --project tests/Recreation.FakeVideosApi -- --provider openrouter) and point RECREATION_OpenRouter__BaseUrl at it.";

    public static OpenRouterOptions Resolve(ProviderTarget target, ProviderSettings settings)
    {
        var (options, endpoint) = ResolveEndpoint(target, settings);
        options.ApiKey = ProviderEndpoint.RequireKey(endpoint, OpenRouterProvider.ProviderName, WhereToGetOne, Rehearsal);
        options.ThrowIfInvalid();
        return options;
    }

    public static (OpenRouterOptions Options, ResolvedEndpoint Endpoint) ResolveEndpoint(ProviderTarget target, ProviderSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var options = ProviderOptions.Bind(settings, OpenRouterOptions.SectionName, () => new OpenRouterOptions());
        var endpoint = ProviderEndpoint.Resolve(target, settings, OpenRouterProvider.ProviderName, OpenRouterOptions.SectionName, OpenRouterOptions.DefaultRoot, KeyVariable);
        options.BaseUrl = endpoint.BaseUrl;
        options.ApiKey = endpoint.ApiKey;
        return (options, endpoint);
    }

    public static string MissingKey(ResolvedEndpoint endpoint) =>
        ProviderEndpoint.MissingKey(endpoint, OpenRouterProvider.ProviderName, WhereToGetOne, Rehearsal);
}