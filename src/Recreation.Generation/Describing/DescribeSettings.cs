using Recreation.Core;
using Recreation.Generation.Providers;

namespace Recreation.Generation.Describing;

/// <summary>
/// Where <c>recreate analyze --describe</c> takes its settings from: the user's own settings only
/// (appsettings.json section <c>Describe</c>, then <c>RECREATION_Describe__*</c> variables), never a
/// scene or a video. Base URL <c>RECREATION_Describe__BaseUrl</c> (default
/// <c>https://api.openai.com/v1</c>); key <c>RECREATION_Describe__ApiKey</c> when set, else
/// <c>OPENAI_API_KEY</c>. The key goes only to the base URL's host: the client sends nothing
/// anywhere else and follows no redirect. Note that with only <c>OPENAI_API_KEY</c> set, a base URL
/// pointed elsewhere (a gateway, a local server) receives that key: set
/// <c>RECREATION_Describe__ApiKey</c> for such a server.
/// </summary>
public static class DescribeSettings
{
    public const string KeyVariable = "OPENAI_API_KEY";

    public const string KeySetting = "RECREATION_Describe__ApiKey";

    public const string Rehearsal =
        "To rehearse for free, start the fake chat server (dotnet run --project tests/Recreation.FakeVideosApi -- --provider chat) and set RECREATION_Describe__BaseUrl and RECREATION_Describe__ApiKey to what it prints.";

    /// <summary>The options from <paramref name="settings"/>, <paramref name="model"/> (a flag) over the setting; exit 2 when the key is missing or a setting is invalid.</summary>
    public static DescribeOptions Resolve(ProviderSettings settings, string? model = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var options = ProviderOptions.Bind(settings, DescribeOptions.SectionName, () => new DescribeOptions());
        var section = settings.Section(DescribeOptions.SectionName);
        options.BaseUrl = Clean(section["BaseUrl"]) ?? DescribeOptions.DefaultRoot;
        options.ApiKey = Clean(section["ApiKey"]) ?? Clean(settings.Environment(KeyVariable));
        if (Clean(model) is { } flag)
        {
            options.Model = flag;
        }

        if (options.ApiKey is null)
        {
            throw new RecreationException(
                $"--describe needs an API key for the chat server at {options.BaseUrl}: set {KeyVariable} (OpenAI) or {KeySetting} (any other server; local servers such as Ollama take any word). {Rehearsal}",
                ExitCodes.InvalidInput, isFatal: true);
        }

        var errors = options.ValidateAll();
        if (errors.Count > 0)
        {
            throw new RecreationException(
                $"The settings for --describe are not valid:" + string.Concat(errors.Select(e => Environment.NewLine + "  - " + e)),
                ExitCodes.InvalidInput, isFatal: true);
        }

        return options;
    }

    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}