using Microsoft.Extensions.Logging;

using Recreation.Core;
using Recreation.Core.Profiles;
using Recreation.Generation.Aggregators;
using Recreation.Generation.Http;
using Recreation.Generation.Providers;

namespace Recreation.Generation.Fal;

/// <summary>
/// <c>fal</c>: any video model fal hosts, through its queue API (<see cref="FalClient"/>). Which model
/// and what input JSON come from the profile (<c>model:</c>, <c>inputs:</c>), so a model fal adds is
/// a few lines of YAML. Paid. fal takes no idempotency key and has no list of requests, so a submit
/// whose answer was lost is in doubt. A first frame goes as a data URI in the field the profile
/// maps. Output files live on fal's CDN; how long is not documented (24 h is assumed, and they are
/// downloaded at once). Settings: <see cref="FalSettings"/> (section <c>Fal</c>, <c>FAL_KEY</c>).
/// </summary>
public sealed class FalProvider : IClipProvider
{
    public const string ProviderName = "fal";

    public string Name => ProviderName;

    public ProviderCapabilities Capabilities { get; } = new()
    {
        Paid = true,
        FirstFrame = true,
        LostCreateRecovery = LostCreateRecovery.None,
        OutputLifetime = TimeSpan.FromHours(24),
        // fal's default account concurrency is a handful of requests; 2 keeps a run polite.
        DefaultConcurrency = 2,
        Dashboard = "fal's dashboard (fal.ai/dashboard/requests: the account's requests and their cost)",
    };

    public string? ProfilesYaml { get; } = EmbeddedProfiles.Read("Fal");

    public ProviderConnection Connect(ProviderTarget target, ProviderSettings settings)
    {
        var profile = Profile(target);
        var options = FalSettings.Resolve(target, settings);
        return new ProviderConnection(options.BaseUrl, context => new FalClipGenerator(
            new FalClient(ServiceHttpClients.Create(), options, context.Time, context.Loggers.CreateLogger<FalClient>()),
            profile,
            context.Loggers.CreateLogger<FalClipGenerator>()));
    }

    /// <summary>The key (set or not, never shown) and the profile's mapping. fal has no free call that checks a key, so nothing is sent.</summary>
    public Task<IReadOnlyList<ProviderCheck>> CheckAsync(ProviderTarget target, ProviderSettings settings, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(target);
        var (options, endpoint) = FalSettings.ResolveEndpoint(target, settings);
        var checks = new List<ProviderCheck>
        {
            options.ApiKey is null
                ? ProviderCheck.Fail("API key", FalSettings.MissingKey(endpoint))
                : ProviderCheck.Pass("API key", $"{endpoint.KeySource} is set (not shown); sent as 'Authorization: Key' to {options.BaseUrl} only"),
        };
        try
        {
            var profile = Profile(target);
            checks.Add(ProviderCheck.Pass("model", $"{target.Settings.Model} runs fal's {profile.ModelId} with the inputs its profile maps"));
        }
        catch (RecreationException e)
        {
            checks.Add(ProviderCheck.Fail("model", e.Message));
        }

        return Task.FromResult<IReadOnlyList<ProviderCheck>>(checks);
    }

    /// <summary>The target's profile (the scene's, with the user's and scene's profiles; else a built-in one), which must map its inputs.</summary>
    internal static ModelProfile Profile(ProviderTarget target) => AggregatorProfile.Require(target, "fal", "fal", "call", "inputs");
}