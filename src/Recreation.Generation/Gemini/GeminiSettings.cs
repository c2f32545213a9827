using Recreation.Core;
using Recreation.Core.Model;
using Recreation.Generation.Providers;

namespace Recreation.Generation.Gemini;

/// <summary>
/// Where the <c>gemini</c> backend's settings come from, most specific first:
/// <list type="bullet">
/// <item>base URL: <c>Gemini:BaseUrl</c> (appsettings.json or <c>RECREATION_Gemini__BaseUrl</c>), then
/// Google's own root; a scene's <c>target.base_url</c> or <c>target.api_key_env</c> is refused (issue 6);</item>
/// <item>key: <c>GOOGLE_API_KEY</c>, then <c>GEMINI_API_KEY</c> — the order of Google's SDKs (python-genai's
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
        options.BaseUrl = First(section["BaseUrl"]) ?? GeminiOptions.DefaultRoot;
        RefuseSceneEndpoint(target, options.BaseUrl);
        options.ApiKey = First(settings.Environment("GOOGLE_API_KEY"), settings.Environment("GEMINI_API_KEY"), section["ApiKey"]);
        if (options.ApiKey is null)
        {
            throw new RecreationException(
                "The gemini backend needs an API key: set GEMINI_API_KEY (or GOOGLE_API_KEY) to a key from Google AI Studio. "
                + "To rehearse for free, start the fake Gemini API (dotnet run --project tests/Recreation.FakeVideosApi -- --provider gemini) and point RECREATION_Gemini__BaseUrl at it.",
                ExitCodes.InvalidInput, isFatal: true);
        }

        options.ThrowIfInvalid();
        return options;
    }

    /// <summary>Where the key came from, for doctor (never the key).</summary>
    public static string KeySource(ProviderSettings settings) =>
        !string.IsNullOrWhiteSpace(settings.Environment("GOOGLE_API_KEY")) ? "GOOGLE_API_KEY"
        : !string.IsNullOrWhiteSpace(settings.Environment("GEMINI_API_KEY")) ? "GEMINI_API_KEY"
        : "Gemini:ApiKey";

    /// <summary>
    /// A scene file does not choose where credentials go (issue 6): a <c>target.base_url</c> other than
    /// the user's own setting, or a <c>target.api_key_env</c>, is refused (exit 2) before anything is
    /// sent. The user's settings say where gemini requests go.
    /// </summary>
    private static void RefuseSceneEndpoint(TargetSettings target, string baseUrl)
    {
        if (target.BaseUrl is { } asked && !string.Equals(asked.TrimEnd('/'), baseUrl.TrimEnd('/'), StringComparison.OrdinalIgnoreCase))
        {
            throw new RecreationException(
                $"The scene's target.base_url ({asked}) is not where your settings send gemini requests ({baseUrl}). A scene file does not choose where your key goes: set RECREATION_Gemini__BaseUrl (or Gemini:BaseUrl in appsettings.json) yourself, and remove target.base_url.",
                ExitCodes.InvalidInput, isFatal: true);
        }

        if (target.ApiKeyEnv != UnnamedKeyVariable)
        {
            throw new RecreationException(
                $"The scene names the key variable {target.ApiKeyEnv} (target.api_key_env), but a scene file does not choose which key is sent: the gemini backend reads GEMINI_API_KEY or GOOGLE_API_KEY (or Gemini:ApiKey). Remove target.api_key_env.",
                ExitCodes.InvalidInput, isFatal: true);
        }
    }

    private static string? First(params string?[] values) => values.FirstOrDefault(v => !string.IsNullOrWhiteSpace(v))?.Trim();
}