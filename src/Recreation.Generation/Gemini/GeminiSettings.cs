using Recreation.Core;
using Recreation.Core.Model;
using Recreation.Generation.Providers;

namespace Recreation.Generation.Gemini;

/// <summary>
/// Where the <c>gemini</c> backend's settings come from, most specific first:
/// <list type="bullet">
/// <item>base URL: the scene's <c>target.base_url</c>, then <c>Gemini:BaseUrl</c> (appsettings.json or
/// <c>RECREATION_Gemini__BaseUrl</c>), then Google's own root;</item>
/// <item>key: the variable named by <c>target.api_key_env</c> when the scene names one, else
/// <c>GOOGLE_API_KEY</c>, then <c>GEMINI_API_KEY</c> — the order of Google's SDKs (python-genai's
/// <c>get_env_api_key</c> prefers <c>GOOGLE_API_KEY</c> when both are set, and says so) — then
/// <c>Gemini:ApiKey</c>; the key is never written anywhere;</item>
/// <item>everything else (poll interval, job deadline, retries, timeouts) from the <c>Gemini</c> section.</item>
/// </list>
/// </summary>
internal static class GeminiSettings
{
    /// <summary>The default of <c>target.api_key_env</c> (the openai backend's variable): for gemini it means "not named".</summary>
    private const string UnnamedKeyVariable = "OPENAI_API_KEY";

    public static GeminiOptions Resolve(TargetSettings target, ProviderSettings settings)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(settings);
        var options = ProviderOptions.Bind(settings, GeminiOptions.SectionName, () => new GeminiOptions());
        var section = settings.Section(GeminiOptions.SectionName);
        options.BaseUrl = First(target.BaseUrl, section["BaseUrl"]) ?? GeminiOptions.DefaultRoot;
        var named = target.ApiKeyEnv != UnnamedKeyVariable ? target.ApiKeyEnv : null;
        options.ApiKey = named is not null
            ? First(settings.Environment(named), section["ApiKey"])
            : First(settings.Environment("GOOGLE_API_KEY"), settings.Environment("GEMINI_API_KEY"), section["ApiKey"]);
        if (options.ApiKey is null)
        {
            throw new RecreationException(
                $"The gemini backend needs an API key: set {(named is null ? "GEMINI_API_KEY (or GOOGLE_API_KEY)" : named + " (named by target.api_key_env)")} to a key from Google AI Studio. "
                + "To rehearse for free, start the fake Gemini API (dotnet run --project tests/Recreation.FakeVideosApi -- --provider gemini) and point RECREATION_Gemini__BaseUrl at it.",
                ExitCodes.InvalidInput, isFatal: true);
        }

        options.ThrowIfInvalid();
        return options;
    }

    /// <summary>Where the key came from, for doctor (never the key).</summary>
    public static string KeySource(TargetSettings target, ProviderSettings settings) =>
        target.ApiKeyEnv != UnnamedKeyVariable ? target.ApiKeyEnv
        : !string.IsNullOrWhiteSpace(settings.Environment("GOOGLE_API_KEY")) ? "GOOGLE_API_KEY"
        : !string.IsNullOrWhiteSpace(settings.Environment("GEMINI_API_KEY")) ? "GEMINI_API_KEY"
        : "Gemini:ApiKey";

    private static string? First(params string?[] values) => values.FirstOrDefault(v => !string.IsNullOrWhiteSpace(v))?.Trim();
}
