using System.Text.RegularExpressions;

using Microsoft.Extensions.Configuration;

using Recreation.Core;
using Recreation.Core.Security;

namespace Recreation.Cli.Security;

/// <summary>
/// Reads what the user trusts from their own settings — <c>Security:*</c> and <c>Connections:*</c>
/// in appsettings.json beside the tool or <c>RECREATION_*</c> variables — plus the command line's
/// allowances. A bad setting is exit 2 naming the setting.
/// </summary>
internal static partial class SecuritySettingsReader
{
    public static SecuritySettings Read(IConfiguration configuration, CliAllowances allowances)
    {
        var security = configuration.GetSection("Security");
        var baseUrls = List(security.GetSection("AllowedBaseUrls")).Select(u => Url(u, "Security:AllowedBaseUrls"))
            .Concat(allowances.BaseUrls.Select(u => Url(u, "--allow-base-url")))
            .ToArray();
        var keyVariables = List(security.GetSection("AllowedKeyVariables")).Select(v => Variable(v, "Security:AllowedKeyVariables"))
            .Concat(allowances.KeyVariables.Select(v => Variable(v, "--allow-key-env")))
            .ToArray();
        var insecure = allowances.InsecureHttp || Flag(security["AllowInsecureHttp"], "Security:AllowInsecureHttp");
        var folders = List(security.GetSection("AllowedInputFolders")).Select(f => Folder(f, "Security:AllowedInputFolders"))
            .Concat(allowances.InputFolders.Select(f => Folder(f, "--allow-input")))
            .ToArray();

        var connections = new Dictionary<string, ConnectionSettings>(StringComparer.OrdinalIgnoreCase);
        foreach (var section in configuration.GetSection("Connections").GetChildren())
        {
            var name = section.Key;
            var where = $"Connections:{name}";
            var baseUrl = Clean(section["BaseUrl"]);
            if (baseUrl is not null)
            {
                _ = Url(baseUrl, $"{where}:BaseUrl");
            }

            var keyEnv = Clean(section["ApiKeyEnv"]);
            if (keyEnv is not null)
            {
                _ = Variable(keyEnv, $"{where}:ApiKeyEnv");
            }

            connections[name] = new ConnectionSettings(name, baseUrl, keyEnv, Clean(section["AuthHeader"]));
        }

        return new SecuritySettings(connections, baseUrls, keyVariables, insecure, folders);
    }

    /// <summary>A list written either as one comma-separated value or as an array (<c>…:0</c>, <c>…:1</c>).</summary>
    private static IEnumerable<string> List(IConfigurationSection section)
    {
        var children = section.GetChildren().Select(c => c.Value).OfType<string>().ToArray();
        var values = children.Length > 0 ? children : (section.Value ?? "").Split(',');
        return values.Select(v => v.Trim()).Where(v => v.Length > 0);
    }

    private static Uri Url(string text, string setting)
    {
        if (!Uri.TryCreate(text, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps) || url.UserInfo.Length > 0)
        {
            throw Invalid(setting, $"'{text}' is not an http(s) URL like https://gateway.example/v1 (without user:password@)");
        }

        return url;
    }

    private static string Variable(string text, string setting) =>
        VariableName().IsMatch(text) ? text : throw Invalid(setting, $"'{text}' is not the NAME of an environment variable (letters, digits, _); never put a key itself there");

    private static string Folder(string text, string setting)
    {
        try
        {
            var real = RealPaths.Resolve(text);
            return Directory.Exists(real) ? real : throw Invalid(setting, $"the folder '{text}' does not exist");
        }
        catch (Exception e) when (e is IOException or ArgumentException or NotSupportedException)
        {
            throw Invalid(setting, $"'{text}' is not a usable folder ({e.Message})");
        }
    }

    private static bool Flag(string? text, string setting) =>
        string.IsNullOrWhiteSpace(text) ? false
        : bool.TryParse(text.Trim(), out var value) ? value
        : throw Invalid(setting, $"must be true or false, not '{text}'");

    private static RecreationException Invalid(string setting, string problem)
    {
        var where = setting.StartsWith("--", StringComparison.Ordinal)
            ? setting
            : $"The setting {setting} (appsettings.json beside recreate, or RECREATION_{setting.Replace(":", "__", StringComparison.Ordinal)})";
        return new RecreationException($"{where}: {problem}.", ExitCodes.InvalidInput, isFatal: true);
    }

    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex VariableName();
}