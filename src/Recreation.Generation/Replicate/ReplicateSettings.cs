using Recreation.Core.Security;
using Recreation.Generation.Providers;

namespace Recreation.Generation.Replicate;

/// <summary>
/// Where the <c>replicate</c> backend's settings come from, as for the other providers
/// (<see cref="EndpointPolicy"/> decides what a scene may ask): base URL <c>Replicate:BaseUrl</c> /
/// <c>RECREATION_Replicate__BaseUrl</c>, default <c>https://api.replicate.com</c> (the client appends
/// <c>/v1/…</c>); key <c>REPLICATE_API_TOKEN</c> (the name Replicate's clients read), then
/// <c>Replicate:ApiKey</c>; the rest from the <c>Replicate</c> section.
/// </summary>
internal static class ReplicateSettings
{
    public const string KeyVariable = "REPLICATE_API_TOKEN";

    private const string WhereToGetOne = "a token from replicate.com/account/api-tokens";

    private const string Rehearsal = "To rehearse for free, start the fake Replicate API (dotnet run --project tests/Recreation.FakeVideosApi -- --provider replicate) and point RECREATION_Replicate__BaseUrl at it.";

    public static ReplicateOptions Resolve(ProviderTarget target, ProviderSettings settings)
    {
        var (options, endpoint) = ResolveEndpoint(target, settings);
        options.ApiKey = ProviderEndpoint.RequireKey(endpoint, ReplicateProvider.ProviderName, WhereToGetOne, Rehearsal);
        options.ThrowIfInvalid();
        return options;
    }

    public static (ReplicateOptions Options, ResolvedEndpoint Endpoint) ResolveEndpoint(ProviderTarget target, ProviderSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var options = ProviderOptions.Bind(settings, ReplicateOptions.SectionName, () => new ReplicateOptions());
        var endpoint = ProviderEndpoint.Resolve(target, settings, ReplicateProvider.ProviderName, ReplicateOptions.SectionName, ReplicateOptions.DefaultRoot, KeyVariable);
        options.BaseUrl = endpoint.BaseUrl;
        options.ApiKey = endpoint.ApiKey;
        return (options, endpoint);
    }

    public static string MissingKey(ResolvedEndpoint endpoint) =>
        ProviderEndpoint.MissingKey(endpoint, ReplicateProvider.ProviderName, WhereToGetOne, Rehearsal);
}