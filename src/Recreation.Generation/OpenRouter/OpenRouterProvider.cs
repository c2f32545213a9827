using Microsoft.Extensions.Logging;

using Recreation.Core;
using Recreation.Core.Profiles;
using Recreation.Generation.Aggregators;
using Recreation.Generation.Http;
using Recreation.Generation.Providers;

namespace Recreation.Generation.OpenRouter;

/// <summary>
/// <c>openrouter</c>: the video models OpenRouter routes to (Veo, Wan, Kling, Seedance, Sora, …)
/// through its video API (<see cref="OpenRouterClient"/>). Which model and which fields come from the
/// profile (<c>model:</c>, <c>inputs:</c>), so a model OpenRouter adds is a few lines of YAML. Paid.
/// OpenRouter takes no idempotency key for a create and lists no jobs, so a create whose answer was
/// lost is in doubt. A first frame goes as a data URI in <c>frame_images</c>. How long outputs stay is
/// not documented beyond a job's <c>expires_at</c> (24 h is assumed; they are downloaded at once).
/// Settings: <see cref="OpenRouterSettings"/> (section <c>OpenRouter</c>, <c>OPENROUTER_API_KEY</c>).
/// </summary>
public sealed class OpenRouterProvider : IClipProvider
{
    public const string ProviderName = "openrouter";

    public string Name => ProviderName;

    public ProviderCapabilities Capabilities { get; } = new()
    {
        Paid = true,
        FirstFrame = true,
        LostCreateRecovery = LostCreateRecovery.None,
        OutputLifetime = TimeSpan.FromHours(24),
        DefaultConcurrency = 2,
        Dashboard = "OpenRouter's activity page (openrouter.ai/activity: the account's generations and their cost)",
    };

    public string? ProfilesYaml { get; } = EmbeddedProfiles.Read("OpenRouter");

    public ProviderConnection Connect(ProviderTarget target, ProviderSettings settings)
    {
        var profile = Profile(target);
        var options = OpenRouterSettings.Resolve(target, settings);
        return new ProviderConnection(options.BaseUrl, context => new OpenRouterClipGenerator(
            new OpenRouterClient(ServiceHttpClients.Create(), options, context.Time, context.Loggers.CreateLogger<OpenRouterClient>()),
            profile,
            context.Loggers.CreateLogger<OpenRouterClipGenerator>()));
    }

    /// <summary>The key (set or not, never shown), the service (its list of video models answers) and the profile's model in that list.</summary>
    public async Task<IReadOnlyList<ProviderCheck>> CheckAsync(ProviderTarget target, ProviderSettings settings, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(target);
        var (options, endpoint) = OpenRouterSettings.ResolveEndpoint(target, settings);
        var checks = new List<ProviderCheck>();
        if (options.ApiKey is null)
        {
            checks.Add(ProviderCheck.Fail("API key", OpenRouterSettings.MissingKey(endpoint)));
            return checks;
        }

        checks.Add(ProviderCheck.Pass("API key", $"{endpoint.KeySource} is set (not shown); sent as 'Authorization: Bearer' to {options.BaseUrl} only"));
        if (options.Validate() is { Count: > 0 } invalid)
        {
            checks.Add(ProviderCheck.Fail("settings", string.Join(" ", invalid)));
            return checks;
        }

        ModelProfile profile;
        try
        {
            profile = Profile(target);
        }
        catch (RecreationException e)
        {
            checks.Add(ProviderCheck.Fail("model", e.Message));
            return checks;
        }

        IReadOnlyList<OpenRouterModel> models;
        try
        {
            options.MaxRetryAttempts = Math.Min(options.MaxRetryAttempts, 1); // doctor answers quickly
            var client = new OpenRouterClient(ServiceHttpClients.Create(), options);
            models = await client.ModelsAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (RecreationException e)
        {
            checks.Add(ProviderCheck.Fail("service", e.Message));
            return checks;
        }

        checks.Add(ProviderCheck.Pass("service", $"{options.BaseUrl} answers: {models.Count} video models"));
        checks.Add(models.FirstOrDefault(m => m.Id == profile.ModelId) is { } model
            ? ProviderCheck.Pass("model", $"{target.Settings.Model} runs {model.Id} (lengths {string.Join("/", model.Durations)} s; {string.Join(", ", model.Resolutions)})")
            : ProviderCheck.Fail("model", $"OpenRouter lists no video model '{profile.ModelId}' (the profile's model:). Check the slug at openrouter.ai/models?output_modalities=video."));
        return checks;
    }

    /// <summary>The target's profile (the scene's, with the user's and scene's profiles; else a built-in one), which must map its inputs.</summary>
    internal static ModelProfile Profile(ProviderTarget target) => AggregatorProfile.Require(target, "openrouter", "OpenRouter", "call", "fields");
}