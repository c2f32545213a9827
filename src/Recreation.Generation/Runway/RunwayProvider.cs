using System.Globalization;

using Microsoft.Extensions.Logging;

using Recreation.Core;
using Recreation.Generation.Http;
using Recreation.Generation.Providers;

namespace Recreation.Generation.Runway;

/// <summary>
/// <c>runway</c>: the Runway API (<c>/v1/image_to_video</c> or <c>/v1/text_to_video</c>, poll the
/// task, download its signed output URL). Paid. Runway takes no idempotency key and has no list of
/// tasks (its SDKs offer only retrieve and delete), so a create whose answer was lost is in doubt.
/// A first frame goes as <c>promptImage</c> (a data URI); the Veo models also take a last frame
/// (the client supports it; clips carry none yet). Output URLs expire in 24–48 hours.
/// Settings: <see cref="RunwaySettings"/> (section <c>Runway</c>, <c>RUNWAYML_API_SECRET</c>).
/// </summary>
public sealed class RunwayProvider : IClipProvider
{
    public const string ProviderName = "runway";

    public string Name => ProviderName;

    public ProviderCapabilities Capabilities { get; } = new()
    {
        Paid = true,
        FirstFrame = true,
        LastFrame = true,
        LostCreateRecovery = LostCreateRecovery.None,
        OutputLifetime = TimeSpan.FromHours(24),
        // Tier 1 runs 1-2 tasks at once; more are THROTTLED (queued by Runway, not refused).
        DefaultConcurrency = 2,
        Dashboard = "Runway's developer portal (dev.runwayml.com: the organisation's Usage and task history)",
    };

    public string? ProfilesYaml { get; } = EmbeddedProfiles.Read("Runway");

    public ProviderConnection Connect(ProviderTarget target, ProviderSettings settings)
    {
        var options = RunwaySettings.Resolve(target, settings);
        return new ProviderConnection(options.BaseUrl, context => new RunwayClipGenerator(
            new RunwayClient(ServiceHttpClients.Create(), options, context.Time, context.Loggers.CreateLogger<RunwayClient>()),
            context.Loggers.CreateLogger<RunwayClipGenerator>()));
    }

    /// <summary>The key (set or not, never shown) and the service answering with it (<c>GET /v1/organization</c>, free). Runway cannot list its models; a model it does not document is named.</summary>
    public async Task<IReadOnlyList<ProviderCheck>> CheckAsync(ProviderTarget target, ProviderSettings settings, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(target);
        // A scene asking to send the key where the user's settings do not allow is refused (thrown: exit 2), as on 'run'.
        var (options, endpoint) = RunwaySettings.ResolveEndpoint(target, settings);
        if (options.ApiKey is null)
        {
            return [ProviderCheck.Fail("API key", RunwaySettings.MissingKey(endpoint))];
        }

        try
        {
            options.ThrowIfInvalid();
        }
        catch (RecreationException e)
        {
            return [ProviderCheck.Fail("settings", e.Message)];
        }

        var model = target.Settings.Model;
        var checks = new List<ProviderCheck> { ProviderCheck.Pass("API key", $"{endpoint.KeySource} is set (not shown); sent as a bearer token with X-Runway-Version {options.ApiVersion}") };
        options.MaxRetryAttempts = 1;
        options.RetryBaseDelay = TimeSpan.FromMilliseconds(200);
        options.RetryMaxDelay = TimeSpan.FromSeconds(1);
        options.RequestTimeout = TimeSpan.FromSeconds(15);
        using var http = ServiceHttpClients.Create();
        try
        {
            var credits = await new RunwayClient(http, options).CreditBalanceAsync(cancellationToken).ConfigureAwait(false);
            checks.Add(ProviderCheck.Pass("base URL", $"{options.BaseUrl} answers and accepts the key" + (credits is { } c ? string.Create(CultureInfo.InvariantCulture, $" ({c} credits left)") : "")));
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

        checks.Add(RunwayModels.Find(model) is not null
            ? ProviderCheck.Pass("model", $"{model} is one of Runway's documented video models (Runway cannot list them)")
            : ProviderCheck.Fail("model", $"{model} is not a video model Runway documents (gen4_turbo, gen4.5, veo3.1, veo3.1_fast, veo3); Runway cannot list its models, so check the name at docs.dev.runwayml.com."));
        return checks;
    }
}