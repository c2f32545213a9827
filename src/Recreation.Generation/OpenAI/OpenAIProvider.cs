using Microsoft.Extensions.Logging;

using Recreation.Core;
using Recreation.Generation.Providers;

namespace Recreation.Generation.OpenAI;

/// <summary>
/// <c>openai</c>: OpenAI's Videos API protocol (<c>POST /videos</c>, poll, download) against
/// OpenAI or any gateway that speaks it. Paid. A lost create is recovered both ways: the list
/// (<c>GET /videos</c>) is searched first, and a resend carries the same idempotency key.
/// Settings: <see cref="OpenAISettings"/> (section <c>OpenAI</c>, <c>OPENAI_BASE_URL</c>, <c>OPENAI_API_KEY</c>).
/// </summary>
public sealed class OpenAIProvider : IClipProvider
{
    public const string ProviderName = "openai";

    public string Name => ProviderName;

    public ProviderCapabilities Capabilities { get; } = new()
    {
        Paid = true,
        FirstFrame = true,
        Remix = true,
        LostCreateRecovery = LostCreateRecovery.IdempotencyKey | LostCreateRecovery.ListReconciliation,
        // VIDEOS-API.md: downloads expire (expires_at, about 24 h on OpenAI; some gateways about 1 h).
        OutputLifetime = TimeSpan.FromHours(24),
        DefaultConcurrency = 2,
        Dashboard = "the service's list of videos (GET /videos, or the gateway's own console)",
    };

    public ProviderConnection Connect(ProviderTarget target, ProviderSettings settings)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(settings);
        var options = OpenAISettings.Resolve(target.Scene, settings.Configuration, settings.Environment, settings.Security);
        // The client follows redirects itself (credentials stay with the API's origin), so its
        // HttpClient gets VideosClient's own handler rather than a shared one; it times its own attempts.
        return new ProviderConnection(options.BaseUrl, context => new OpenAIClipGenerator(
            new VideosClient(new HttpClient(VideosClient.CreateHttpHandler()) { Timeout = Timeout.InfiniteTimeSpan }, options, context.Time, context.Loggers.CreateLogger<VideosClient>()),
            context.Loggers.CreateLogger<OpenAIClipGenerator>()));
    }

    /// <summary>The key (set or not, never shown), the base URL answering, the model in <c>GET /models</c>, and how a lost create would be recovered.</summary>
    public async Task<IReadOnlyList<ProviderCheck>> CheckAsync(ProviderTarget target, ProviderSettings settings, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(settings);
        // A scene asking to send the key where the user's settings do not allow is refused (thrown: exit 2), as on 'run'.
        var (options, endpoint) = OpenAISettings.ResolveEndpoint(target.Scene, settings.Configuration, settings.Environment, settings.Security);
        try
        {
            if (options.ApiKey is null)
            {
                throw new RecreationException(OpenAISettings.MissingKey(endpoint), ExitCodes.InvalidInput);
            }

            options.ThrowIfInvalid();
        }
        catch (RecreationException e)
        {
            return [ProviderCheck.Fail("API key", e.Message)];
        }

        var model = target.Settings.Model;
        var checks = new List<ProviderCheck>
        {
            ProviderCheck.Pass("API key", $"{endpoint.KeyVariable} is set (not shown); sent as {(options.AuthHeader == OpenAIVideosOptions.ApiKeyAuth ? "an api-key header" : "a bearer token")}"),
        };
        options.MaxRetryAttempts = 1;
        options.RetryBaseDelay = TimeSpan.FromMilliseconds(200);
        options.RetryMaxDelay = TimeSpan.FromSeconds(1);
        options.RequestTimeout = TimeSpan.FromSeconds(15);
        using var http = new HttpClient(VideosClient.CreateHttpHandler()) { Timeout = Timeout.InfiniteTimeSpan };
        var client = new VideosClient(http, options);
        IReadOnlyList<string> models;
        try
        {
            models = await client.ListModelsAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (VideosApiException e) when (e.StatusCode is null)
        {
            checks.Add(ProviderCheck.Fail("base URL", $"{options.BaseUrl} did not answer: {e.Message}"));
            return checks;
        }
        catch (VideosApiException e)
        {
            checks.Add(ProviderCheck.Pass("base URL", $"{options.BaseUrl} answers"));
            checks.Add(ProviderCheck.Fail("models", e.Message));
            return checks;
        }

        checks.Add(ProviderCheck.Pass("base URL", $"{options.BaseUrl} answers"));
        checks.Add(models.Contains(model, StringComparer.Ordinal)
            ? ProviderCheck.Pass("model", $"{model} is listed by {options.BaseUrl}/models")
            : ProviderCheck.Fail("model", MissingModelAdvice(options.BaseUrl, model, models)));
        checks.Add(await RecoveryCheckAsync(client, options, cancellationToken).ConfigureAwait(false));
        return checks;
    }

    /// <summary>
    /// How a create whose answer is lost would be recovered: set not to be (a gateway with no list and
    /// no idempotency), or through the job list, which must then answer. A service that lists no jobs
    /// fails with what to set, since each such clip would otherwise stop every rerun.
    /// </summary>
    private static async Task<ProviderCheck> RecoveryCheckAsync(VideosClient client, OpenAIVideosOptions options, CancellationToken cancellationToken)
    {
        const string Check = "recovery";
        if (!options.RecoverLostCreates)
        {
            return ProviderCheck.Pass(Check, "RecoverLostCreates=false: a create whose answer is lost is not sent again, and the clip is in doubt until --resubmit-in-doubt");
        }

        try
        {
            await client.ListAsync(1, null, VideoListOrder.Descending, cancellationToken).ConfigureAwait(false);
            return ProviderCheck.Pass(Check, $"{client.BaseUrl}/videos lists jobs: a create whose answer is lost is looked up there, else sent again under the same Idempotency-Key");
        }
        catch (VideosApiException e)
        {
            return ProviderCheck.Fail(Check,
                $"{client.BaseUrl}/videos lists no jobs ({e.Message}), so a create whose answer is lost could not be looked up and would stop every rerun. "
                + "If this service also does not pass Idempotency-Key on (a LiteLLM proxy before Veo or Runway does not), set RECREATION_OpenAI__RecoverLostCreates=false, "
                + "or the connection's RECREATION_Connections__NAME__RecoverLostCreates=false: such a clip is then in doubt instead.");
        }
    }

    /// <summary>The day OpenAI shut the Sora models down on its own API (VIDEOS-API.md).</summary>
    public const string SoraShutdown = "2026-09-24";

    /// <summary>What to say when <paramref name="model"/> is not among the <paramref name="offered"/> ones.</summary>
    public static string MissingModelAdvice(string baseUrl, string model, IReadOnlyList<string> offered)
    {
        ArgumentNullException.ThrowIfNull(baseUrl);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(offered);
        if (IsOpenAIsOwn(baseUrl) && model.StartsWith("sora", StringComparison.OrdinalIgnoreCase))
        {
            return $"{model} is not offered by OpenAI's own API any more: OpenAI shut the Sora models down on {SoraShutdown}. "
                + "To go on, point OPENAI_BASE_URL (or target.base_url) at a compatible gateway that serves a video model (with a profile for it: 'recreate profiles --yaml' shows the format), "
                + "or render with --backend placeholder (offline stand-ins) or target.backend: manual (clips made by hand, then 'recreate import').";
        }

        var list = offered.Count == 0 ? "none" : string.Join(", ", offered.Where(m => !m.StartsWith("ft:", StringComparison.Ordinal)).Take(12));
        return $"{model} is not listed by {baseUrl.TrimEnd('/')}/models (offered: {list}). Fix target.model, or add a profile for a model this service offers.";
    }

    private static bool IsOpenAIsOwn(string baseUrl) =>
        Uri.TryCreate(baseUrl, UriKind.Absolute, out var url) && url.Host.Equals("api.openai.com", StringComparison.OrdinalIgnoreCase);
}