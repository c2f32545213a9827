using Recreation.Core;
using Recreation.Core.Model;
using Recreation.Generation.Providers;

namespace Recreation.Generation.Runway;

/// <summary>
/// Where the <c>runway</c> backend's settings come from, most specific first:
/// <list type="bullet">
/// <item>base URL: the scene's <c>target.base_url</c>, then <c>Runway:BaseUrl</c> (appsettings.json or
/// <c>RECREATION_Runway__BaseUrl</c>), then Runway's own root;</item>
/// <item>key: the variable named by <c>target.api_key_env</c> when the scene names one, else
/// <c>RUNWAYML_API_SECRET</c> (the name Runway's SDKs use), then <c>Runway:ApiKey</c>;</item>
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
        options.BaseUrl = First(target.BaseUrl, section["BaseUrl"]) ?? RunwayOptions.DefaultRoot;
        var variable = KeyVariableFor(target);
        options.ApiKey = First(settings.Environment(variable), section["ApiKey"]);
        if (options.ApiKey is null)
        {
            throw new RecreationException(
                $"The runway backend needs an API key: set {variable}{(variable == KeyVariable ? "" : " (named by target.api_key_env)")} to a key from dev.runwayml.com. "
                + "To rehearse for free, start the fake Runway API (dotnet run --project tests/Recreation.FakeVideosApi -- --provider runway) and point RECREATION_Runway__BaseUrl at it.",
                ExitCodes.InvalidInput, isFatal: true);
        }

        options.ThrowIfInvalid();
        return options;
    }

    public static string KeyVariableFor(TargetSettings target) => target.ApiKeyEnv != UnnamedKeyVariable ? target.ApiKeyEnv : KeyVariable;

    private static string? First(params string?[] values) => values.FirstOrDefault(v => !string.IsNullOrWhiteSpace(v))?.Trim();
}
