using Recreation.Core.Security;
using Recreation.Generation.Providers;

namespace Recreation.Generation.Runway;

/// <summary>
/// Where the <c>runway</c> backend's settings come from. The user's own settings decide where
/// requests go and which key they carry; a scene may only ask within them (<see cref="EndpointPolicy"/>):
/// <list type="bullet">
/// <item>base URL: <c>Runway:BaseUrl</c> (appsettings.json or <c>RECREATION_Runway__BaseUrl</c>), then
/// Runway's own root; a scene's <c>target.connection</c> picks a connection the user defined, and its
/// <c>target.base_url</c> is honoured only when it is that same URL or its origin is allowed;</item>
/// <item>key: <c>RUNWAYML_API_SECRET</c> (the name Runway's SDKs use), then <c>Runway:ApiKey</c>; a scene's
/// <c>target.api_key_env</c> only when allowed; never written anywhere;</item>
/// <item>everything else (<c>ApiVersion</c>, poll interval, job deadline, retries, timeouts) from the <c>Runway</c> section.</item>
/// </list>
/// </summary>
internal static class RunwaySettings
{
    public const string KeyVariable = "RUNWAYML_API_SECRET";

    private const string WhereToGetOne = "a key from dev.runwayml.com";

    private const string Rehearsal = "To rehearse for free, start the fake Runway API (dotnet run --project tests/Recreation.FakeVideosApi -- --provider runway) and point RECREATION_Runway__BaseUrl at it.";

    /// <summary>Resolves the options for <paramref name="target"/>: a refusal or a missing key is exit 2.</summary>
    public static RunwayOptions Resolve(ProviderTarget target, ProviderSettings settings)
    {
        var (options, endpoint) = ResolveEndpoint(target, settings);
        options.ApiKey = ProviderEndpoint.RequireKey(endpoint, RunwayProvider.ProviderName, WhereToGetOne, Rehearsal);
        options.ThrowIfInvalid();
        return options;
    }

    /// <summary>As <see cref="Resolve"/>, but a missing key is left null for doctor to report; refusals still throw.</summary>
    public static (RunwayOptions Options, ResolvedEndpoint Endpoint) ResolveEndpoint(ProviderTarget target, ProviderSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var options = ProviderOptions.Bind(settings, RunwayOptions.SectionName, () => new RunwayOptions());
        var endpoint = ProviderEndpoint.Resolve(target, settings, RunwayProvider.ProviderName, RunwayOptions.SectionName, RunwayOptions.DefaultRoot, KeyVariable);
        options.BaseUrl = endpoint.BaseUrl;
        options.ApiKey = endpoint.ApiKey;
        return (options, endpoint);
    }

    /// <summary>What doctor says when no key is set.</summary>
    public static string MissingKey(ResolvedEndpoint endpoint) =>
        ProviderEndpoint.MissingKey(endpoint, RunwayProvider.ProviderName, WhereToGetOne, Rehearsal);
}