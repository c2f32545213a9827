using Microsoft.Extensions.Logging;

using Recreation.Core;
using Recreation.Core.Profiles;
using Recreation.Generation.Aggregators;
using Recreation.Generation.Http;
using Recreation.Generation.Providers;

namespace Recreation.Generation.Replicate;

/// <summary>
/// <c>replicate</c>: any video model Replicate hosts, through its predictions API
/// (<see cref="ReplicateClient"/>). Which model and what input JSON come from the profile
/// (<c>model:</c> as <c>owner/name</c>, <c>owner/name:version</c> or a version id; <c>inputs:</c>), so
/// a model Replicate adds is a few lines of YAML. Paid. Replicate takes no idempotency key, but it
/// lists the account's predictions with their inputs, so a create whose answer was lost is looked for
/// there before anything is sent again (<see cref="LostCreateRecovery.ListReconciliation"/>). Outputs of
/// API predictions are deleted an hour after they end, so they are downloaded at once. Settings:
/// <see cref="ReplicateSettings"/> (section <c>Replicate</c>, <c>REPLICATE_API_TOKEN</c>).
/// </summary>
public sealed class ReplicateProvider : IClipProvider
{
    public const string ProviderName = "replicate";

    public string Name => ProviderName;

    public ProviderCapabilities Capabilities { get; } = new()
    {
        Paid = true,
        FirstFrame = true,
        LostCreateRecovery = LostCreateRecovery.ListReconciliation,
        OutputLifetime = TimeSpan.FromHours(1),
        // Replicate's rate limit is generous (600 creates a minute); 2 keeps a run polite to the account's spend.
        DefaultConcurrency = 2,
        Dashboard = "Replicate's dashboard (replicate.com/predictions: the account's predictions and their cost)",
    };

    public string? ProfilesYaml { get; } = EmbeddedProfiles.Read("Replicate");

    public ProviderConnection Connect(ProviderTarget target, ProviderSettings settings)
    {
        var profile = Profile(target);
        var options = ReplicateSettings.Resolve(target, settings);
        return new ProviderConnection(options.BaseUrl, context => new ReplicateClipGenerator(
            new ReplicateClient(ServiceHttpClients.Create(), options, context.Time, context.Loggers.CreateLogger<ReplicateClient>()),
            profile,
            context.Loggers.CreateLogger<ReplicateClipGenerator>()));
    }

    /// <summary>The token (set or not, never shown), that the API answers and takes it (<c>GET /v1/account</c>), and that the profile's model exists.</summary>
    public async Task<IReadOnlyList<ProviderCheck>> CheckAsync(ProviderTarget target, ProviderSettings settings, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(target);
        // A scene asking to send the key where the user's settings do not allow is refused (thrown: exit 2), as on 'run'.
        var (options, endpoint) = ReplicateSettings.ResolveEndpoint(target, settings);
        if (options.ApiKey is null)
        {
            return [ProviderCheck.Fail("API key", ReplicateSettings.MissingKey(endpoint))];
        }

        try
        {
            options.ThrowIfInvalid();
        }
        catch (RecreationException e)
        {
            return [ProviderCheck.Fail("settings", e.Message)];
        }

        var checks = new List<ProviderCheck> { ProviderCheck.Pass("API key", $"{endpoint.KeySource} is set (not shown); sent as a bearer token to {options.BaseUrl} and to output files on {options.KeyHosts} only") };
        options.MaxRetryAttempts = 1;
        options.RetryBaseDelay = TimeSpan.FromMilliseconds(200);
        options.RetryMaxDelay = TimeSpan.FromSeconds(1);
        options.RequestTimeout = TimeSpan.FromSeconds(15);
        using var http = ServiceHttpClients.Create();
        var client = new ReplicateClient(http, options);
        try
        {
            var user = await client.AccountAsync(cancellationToken).ConfigureAwait(false);
            checks.Add(ProviderCheck.Pass("base URL", $"{options.BaseUrl} answers and accepts the token" + (user is null ? "" : $" (account {user})")));
        }
        catch (ServiceApiException e) when (e.StatusCode is null)
        {
            checks.Add(ProviderCheck.Fail("base URL", $"{options.BaseUrl} did not answer: {e.Message}"));
            return checks;
        }
        catch (ServiceApiException e)
        {
            checks.Add(ProviderCheck.Pass("base URL", $"{options.BaseUrl} answers"));
            checks.Add(ProviderCheck.Fail("API key", e.Message));
            return checks;
        }

        checks.Add(await ModelCheckAsync(client, target, cancellationToken).ConfigureAwait(false));
        return checks;
    }

    /// <summary>The target's profile (the scene's, with the user's and scene's profiles; else a built-in one), which must map its inputs.</summary>
    internal static ModelProfile Profile(ProviderTarget target) => AggregatorProfile.Require(target, "replicate", "Replicate", "run", "inputs");

    private static async Task<ProviderCheck> ModelCheckAsync(ReplicateClient client, ProviderTarget target, CancellationToken cancellationToken)
    {
        ModelProfile profile;
        ReplicateModel model;
        try
        {
            profile = Profile(target);
            model = ReplicateModel.Parse(profile.ModelId);
        }
        catch (Exception e) when (e is RecreationException or ArgumentException)
        {
            return ProviderCheck.Fail("model", e.Message);
        }

        try
        {
            return await client.ModelExistsAsync(model, cancellationToken).ConfigureAwait(false) switch
            {
                true => ProviderCheck.Pass("model", $"{target.Settings.Model} runs Replicate's {model}, which exists, with the inputs its profile maps"),
                false => ProviderCheck.Fail("model", $"Replicate has no model {model}: check the profile's model: (owner/name, or owner/name:version) against replicate.com/{model.FullName}."),
                null => ProviderCheck.Pass("model", $"{target.Settings.Model} runs the version {model.Version} (Replicate cannot look up a version without its model name; write owner/name:version to have it checked)"),
            };
        }
        catch (ServiceApiException e)
        {
            return ProviderCheck.Fail("model", e.Message);
        }
    }
}