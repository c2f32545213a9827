using Microsoft.Extensions.Configuration;

using Recreation.Core;
using Recreation.Core.Security;
using Recreation.Generation.OpenAI;
using Recreation.Generation.Providers;

namespace Recreation.Generation.Describing;

/// <summary>
/// Where <c>recreate analyze --describe</c> takes its settings from: the user's own settings only
/// (appsettings.json section <c>Describe</c>, then <c>RECREATION_Describe__*</c> variables), never a
/// scene or a video. Base URL <c>RECREATION_Describe__BaseUrl</c> (default
/// <c>https://api.openai.com/v1</c>). A key goes only to the API host it belongs to, as with the
/// providers (<see cref="EndpointPolicy"/>):
/// <list type="number">
/// <item><c>RECREATION_Describe__ApiKey</c>, when set, is the describe server's own key and goes to it;</item>
/// <item>else <c>RECREATION_Describe__ApiKeyEnv=VARIABLE</c> names the variable holding the server's key
/// (the user's own say, as a connection's <c>ApiKeyEnv</c>); unset, it is exit 2;</item>
/// <item>else <c>OPENAI_API_KEY</c>, but only when the base URL is on the host that key belongs to:
/// the openai backend's base URL from the user's settings (<c>OpenAI:BaseUrl</c>, <c>OPENAI_BASE_URL</c>),
/// else OpenAI's own (<c>https://api.openai.com</c>). It never goes to another host;</item>
/// <item>else no key: requests carry no <c>Authorization</c> (a local server such as Ollama takes
/// none; one that answers 401 says which settings give it a key). Only OpenAI's own API host, which
/// always needs one, makes a missing key exit 2.</item>
/// </list>
/// Plain <c>http://</c> to another machine is refused unless the user allows it (<c>--allow-http</c>,
/// <c>Security:AllowInsecureHttp</c>); the client follows no redirect, so no key follows one.
/// </summary>
public static class DescribeSettings
{
    public const string KeyVariable = "OPENAI_API_KEY";

    public const string KeySetting = "RECREATION_Describe__ApiKey";

    public const string KeyEnvSetting = "RECREATION_Describe__ApiKeyEnv";

    public const string Rehearsal =
        "To rehearse for free, start the fake chat server (dotnet run --project tests/Recreation.FakeVideosApi -- --provider chat) and set RECREATION_Describe__BaseUrl and RECREATION_Describe__ApiKey to what it prints.";

    private const string BaseUrlSource = "Describe:BaseUrl (RECREATION_Describe__BaseUrl)";

    /// <summary>
    /// The options from <paramref name="settings"/>, <paramref name="model"/> (a flag) over the setting;
    /// exit 2 when OpenAI's API would get no key, a named key variable is unset, the base URL is plain
    /// http to another machine without the user's allowance, or a setting is invalid.
    /// </summary>
    public static DescribeOptions Resolve(ProviderSettings settings, string? model = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var options = ProviderOptions.Bind(settings, DescribeOptions.SectionName, () => new DescribeOptions());
        var section = settings.Section(DescribeOptions.SectionName);
        options.BaseUrl = Clean(section["BaseUrl"]) ?? DescribeOptions.DefaultRoot;
        (options.ApiKey, options.KeySource) = Key(settings, section, options.BaseUrl);
        if (Clean(model) is { } flag)
        {
            options.Model = flag;
        }

        if (options.ApiKey is null && SameOrigin(options.BaseUrl, DescribeOptions.DefaultRoot))
        {
            throw new RecreationException(
                $"--describe needs an API key for OpenAI at {options.BaseUrl}, and {options.KeySource}. Set {KeyVariable} to your OpenAI key (or {KeySetting}), "
                + $"or point RECREATION_Describe__BaseUrl at another server (local servers such as Ollama need no key). {Rehearsal}",
                ExitCodes.InvalidInput, isFatal: true);
        }

        var errors = options.ValidateAll();
        if (errors.Count > 0)
        {
            throw new RecreationException(
                $"The settings for --describe are not valid:" + string.Concat(errors.Select(e => Environment.NewLine + "  - " + e)),
                ExitCodes.InvalidInput, isFatal: true);
        }

        EndpointPolicy.CheckUserBaseUrl("describe", options.BaseUrl, BaseUrlSource, DescribeOptions.DefaultRoot, settings.Security);
        return options;
    }

    /// <summary>The key for <paramref name="baseUrl"/> and where it came from (or why there is none), by the rules in the type's summary.</summary>
    private static (string? Key, string Source) Key(ProviderSettings settings, IConfigurationSection section, string baseUrl)
    {
        if (Clean(section["ApiKey"]) is { } own)
        {
            return (own, $"the setting Describe:ApiKey ({KeySetting})");
        }

        if (Clean(section["ApiKeyEnv"]) is { } variable)
        {
            return Clean(settings.Environment(variable)) is { } named
                ? (named, $"the environment variable {variable} (named by {KeyEnvSetting})")
                : throw new RecreationException(
                    $"{KeyEnvSetting} names the environment variable {variable} for the --describe server's key, but {variable} is not set: set it to the key for {baseUrl}, "
                    + $"or remove {KeyEnvSetting} for a server that takes no key.",
                    ExitCodes.InvalidInput, isFatal: true);
        }

        var (openAIBaseUrl, openAISource) = OpenAISettings.UserBaseUrl(settings.Configuration, settings.Environment);
        var home = openAIBaseUrl ?? OpenAISettings.DefaultBaseUrl;
        var homeSource = openAIBaseUrl is null ? "OpenAI's API" : $"your {openAISource}";
        if (Clean(settings.Environment(KeyVariable)) is not { } openAIKey)
        {
            return (null, $"no key is set for it ({KeyVariable}, {KeySetting} and {KeyEnvSetting} are not set)");
        }

        if (SameOrigin(baseUrl, home))
        {
            return (openAIKey, $"the environment variable {KeyVariable} (for {OriginOf(home)}, {homeSource})");
        }

        return (null, $"no key is sent: {KeyVariable} goes only to {OriginOf(home)} ({homeSource}), the host it belongs to; "
            + $"if this server needs a key, set {KeySetting}, or {KeyEnvSetting}=VARIABLE naming the variable that holds it");
    }

    private static bool SameOrigin(string a, string b) =>
        Uri.TryCreate(a, UriKind.Absolute, out var first) && Uri.TryCreate(b, UriKind.Absolute, out var second)
        && EndpointPolicy.Origin(first) == EndpointPolicy.Origin(second);

    private static string OriginOf(string url) => Uri.TryCreate(url, UriKind.Absolute, out var parsed) ? $"{parsed.Scheme}://{parsed.Authority}" : url;

    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}