using Microsoft.Extensions.Logging;

using Recreation.Core;
using Recreation.Generation.Http;
using Recreation.Generation.Providers;

namespace Recreation.Generation.Gemini;

/// <summary>
/// <c>gemini</c>: Google's Veo through the Gemini API (<c>:predictLongRunning</c>, poll the
/// operation, download the file). Paid. The Gemini API takes no idempotency key and has no list of
/// video operations to reconcile against, so a create whose answer was lost is in doubt. A first
/// frame is sent as <c>image</c>; Veo also takes a last frame (the client supports it; clips carry
/// none yet), reference images and extension (not used). Generated files are kept about two days.
/// Settings: <see cref="GeminiSettings"/> (section <c>Gemini</c>, <c>GEMINI_API_KEY</c>/<c>GOOGLE_API_KEY</c>).
/// </summary>
public sealed class GeminiProvider : IClipProvider
{
    public const string ProviderName = "gemini";

    public string Name => ProviderName;

    public ProviderCapabilities Capabilities { get; } = new()
    {
        Paid = true,
        FirstFrame = true,
        LastFrame = true,
        LostCreateRecovery = LostCreateRecovery.None,
        // Assumed from Google's docs: generated videos are stored on the server for two days.
        OutputLifetime = TimeSpan.FromDays(2),
        // Preview Veo models allow few requests a minute and concurrent operations per project.
        DefaultConcurrency = 2,
        Dashboard = "Google AI Studio (aistudio.google.com: the key's project, Usage and Billing)",
    };

    public string? ProfilesYaml { get; } = EmbeddedProfiles.Read("Gemini");

    public ProviderConnection Connect(ProviderTarget target, ProviderSettings settings)
    {
        var options = GeminiSettings.Resolve(target, settings);
        return new ProviderConnection(options.BaseUrl, context => new GeminiClipGenerator(
            new GeminiClient(ServiceHttpClients.Create(), options, context.Time, context.Loggers.CreateLogger<GeminiClient>()),
            context.Loggers.CreateLogger<GeminiClipGenerator>()));
    }

    /// <summary>The key (set or not, never shown), the service answering, and the model known to it (<c>GET /v1beta/models/{model}</c>).</summary>
    public async Task<IReadOnlyList<ProviderCheck>> CheckAsync(ProviderTarget target, ProviderSettings settings, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(target);
        // A scene asking to send the key where the user's settings do not allow is refused (thrown: exit 2), as on 'run'.
        var (options, endpoint) = GeminiSettings.ResolveEndpoint(target, settings);
        if (options.ApiKey is null)
        {
            return [ProviderCheck.Fail("API key", GeminiSettings.MissingKey(endpoint))];
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
        var checks = new List<ProviderCheck> { ProviderCheck.Pass("API key", $"{endpoint.KeySource} is set (not shown); sent as x-goog-api-key") };
        options.MaxRetryAttempts = 1;
        options.RetryBaseDelay = TimeSpan.FromMilliseconds(200);
        options.RetryMaxDelay = TimeSpan.FromSeconds(1);
        options.RequestTimeout = TimeSpan.FromSeconds(15);
        using var http = ServiceHttpClients.Create();
        try
        {
            var exists = await new GeminiClient(http, options).ModelExistsAsync(model, cancellationToken).ConfigureAwait(false);
            checks.Add(ProviderCheck.Pass("base URL", $"{options.BaseUrl} answers"));
            checks.Add(exists
                ? ProviderCheck.Pass("model", $"{model} is known to {options.BaseUrl}")
                : ProviderCheck.Fail("model", $"{model} is not a model of {options.BaseUrl} (Veo 3.1: veo-3.1-generate-preview, veo-3.1-fast-generate-preview, veo-3.1-lite-generate-preview). Fix target.model."));
        }
        catch (ServiceApiException e) when (e.StatusCode is null)
        {
            checks.Add(ProviderCheck.Fail("base URL", $"{options.BaseUrl} did not answer: {e.Message}"));
        }
        catch (ServiceApiException e)
        {
            checks.Add(ProviderCheck.Pass("base URL", $"{options.BaseUrl} answers"));
            checks.Add(ProviderCheck.Fail(e.IsFatal ? "API key" : "model", e.Message));
        }
        catch (ArgumentException e)
        {
            checks.Add(ProviderCheck.Fail("model", e.Message));
        }

        return checks;
    }
}