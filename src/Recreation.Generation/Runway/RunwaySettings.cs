using Recreation.Core;
using Recreation.Core.Model;
using Recreation.Generation.Providers;

namespace Recreation.Generation.Runway;

/// <summary>
/// Where the <c>runway</c> backend's settings come from, most specific first:
/// <list type="bullet">
/// <item>base URL: <c>Runway:BaseUrl</c> (appsettings.json or <c>RECREATION_Runway__BaseUrl</c>), then
/// Runway's own root; a scene's <c>target.base_url</c> or <c>target.api_key_env</c> is refused (issue 6);</item>
/// <item>key: <c>RUNWAYML_API_SECRET</c> (the name Runway's SDKs use), then <c>Runway:ApiKey</c>;</item>
/// <item>everything else (<c>ApiVersion</c>, poll interval, job deadline, retries, timeouts) from the <c>Runway</c> section.</item>
/// </list>
/// </summary>
internal static class RunwaySettings
{
    public const string KeyVariable = "RUNWAYML_API_SECRET";

    /// <summary>The default of <c>target.api_key_env</c> (the openai backend's variable): for runway it means "not named".</summary>
    private const string UnnamedKeyVariable = "OPENAI_API_KEY";

    public static RunwayOptions Resolve(TargetSettings target, ProviderSettings settings)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(settings);
        var options = ProviderOptions.Bind(settings, RunwayOptions.SectionName, () => new RunwayOptions());
        var section = settings.Section(RunwayOptions.SectionName);
        options.BaseUrl = First(section["BaseUrl"]) ?? RunwayOptions.DefaultRoot;
        RefuseSceneEndpoint(target, options.BaseUrl);
        options.ApiKey = First(settings.Environment(KeyVariable), section["ApiKey"]);
        if (options.ApiKey is null)
        {
            throw new RecreationException(
                $"The runway backend needs an API key: set {KeyVariable} to a key from dev.runwayml.com. "
                + "To rehearse for free, start the fake Runway API (dotnet run --project tests/Recreation.FakeVideosApi -- --provider runway) and point RECREATION_Runway__BaseUrl at it.",
                ExitCodes.InvalidInput, isFatal: true);
        }

        options.ThrowIfInvalid();
        return options;
    }

    /// <summary>
    /// A scene file does not choose where credentials go (issue 6): a <c>target.base_url</c> other than
    /// the user's own setting, or a <c>target.api_key_env</c>, is refused (exit 2) before anything is
    /// sent. The user's settings say where runway requests go.
    /// </summary>
    private static void RefuseSceneEndpoint(TargetSettings target, string baseUrl)
    {
        if (target.BaseUrl is { } asked && !string.Equals(asked.TrimEnd('/'), baseUrl.TrimEnd('/'), StringComparison.OrdinalIgnoreCase))
        {
            throw new RecreationException(
                $"The scene's target.base_url ({asked}) is not where your settings send runway requests ({baseUrl}). A scene file does not choose where your key goes: set RECREATION_Runway__BaseUrl (or Runway:BaseUrl in appsettings.json) yourself, and remove target.base_url.",
                ExitCodes.InvalidInput, isFatal: true);
        }

        if (target.ApiKeyEnv != UnnamedKeyVariable)
        {
            throw new RecreationException(
                $"The scene names the key variable {target.ApiKeyEnv} (target.api_key_env), but a scene file does not choose which key is sent: the runway backend reads RUNWAYML_API_SECRET (or Runway:ApiKey). Remove target.api_key_env.",
                ExitCodes.InvalidInput, isFatal: true);
        }
    }

    private static string? First(params string?[] values) => values.FirstOrDefault(v => !string.IsNullOrWhiteSpace(v))?.Trim();
}