using Recreation.Core.Security;
using Recreation.Generation.Providers;

namespace Recreation.Generation.Fal;

/// <summary>
/// Where the <c>fal</c> backend's settings come from, as for the direct providers
/// (<see cref="EndpointPolicy"/> decides what a scene may ask): base URL
/// <c>Fal:BaseUrl</c> / <c>RECREATION_Fal__BaseUrl</c>, default <c>https://queue.fal.run</c>; key
/// <c>FAL_KEY</c> (the name fal's clients read), then <c>Fal:ApiKey</c>; the rest from the <c>Fal</c> section.
/// </summary>
internal static class FalSettings
{
    public const string KeyVariable = "FAL_KEY";

    private const string WhereToGetOne = "a key from fal.ai/dashboard/keys";

    private const string Rehearsal = "To rehearse for free, start the fake fal queue (dotnet run --project tests/Recreation.FakeVideosApi -- --provider fal) and point RECREATION_Fal__BaseUrl at it.";

    public static FalOptions Resolve(ProviderTarget target, ProviderSettings settings)
    {
        var (options, endpoint) = ResolveEndpoint(target, settings);
        options.ApiKey = ProviderEndpoint.RequireKey(endpoint, FalProvider.ProviderName, WhereToGetOne, Rehearsal);
        options.ThrowIfInvalid();
        return options;
    }

    public static (FalOptions Options, ResolvedEndpoint Endpoint) ResolveEndpoint(ProviderTarget target, ProviderSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var options = ProviderOptions.Bind(settings, FalOptions.SectionName, () => new FalOptions());
        var endpoint = ProviderEndpoint.Resolve(target, settings, FalProvider.ProviderName, FalOptions.SectionName, FalOptions.DefaultRoot, KeyVariable);
        options.BaseUrl = endpoint.BaseUrl;
        options.ApiKey = endpoint.ApiKey;
        return (options, endpoint);
    }

    public static string MissingKey(ResolvedEndpoint endpoint) =>
        ProviderEndpoint.MissingKey(endpoint, FalProvider.ProviderName, WhereToGetOne, Rehearsal);
}