using Microsoft.Extensions.Configuration;

using Recreation.Core;
using Recreation.Core.Model;

namespace Recreation.Generation.OpenAI;

/// <summary>
/// Where the <c>openai</c> backend's settings come from, most specific first:
/// <list type="bullet">
/// <item>base URL: the scene's <c>target.base_url</c>, then <c>OpenAI:BaseUrl</c> (appsettings.json or
/// <c>RECREATION_OpenAI__BaseUrl</c>), then <c>OPENAI_BASE_URL</c> (the name OpenAI's SDKs use), then OpenAI's own;</item>
/// <item>key: the environment variable named by <c>target.api_key_env</c> (default <c>OPENAI_API_KEY</c>),
/// then <c>OpenAI:ApiKey</c>; the key is never written anywhere;</item>
/// <item>organisation and project: <c>OpenAI:Organization</c>/<c>OpenAI:Project</c>, then <c>OPENAI_ORG_ID</c>/<c>OPENAI_PROJECT_ID</c>;</item>
/// <item>everything else (<c>AuthHeader</c> bearer|api-key, poll bounds, job deadline, retries) from the <c>OpenAI</c> section.</item>
/// </list>
/// </summary>
internal static class OpenAISettings
{
    public const string DefaultBaseUrl = "https://api.openai.com/v1";

    /// <summary>The settings for <paramref name="target"/>; a missing key or a bad value is a usage error (exit 2) naming what to set.</summary>
    public static OpenAIVideosOptions Resolve(TargetSettings target, IConfiguration configuration, Func<string, string?> environment)
    {
        var section = configuration.GetSection(OpenAIVideosOptions.SectionName);
        var options = new OpenAIVideosOptions();
        try
        {
            section.Bind(options);
        }
        catch (InvalidOperationException e)
        {
            throw new RecreationException($"The OpenAI settings (appsettings.json or RECREATION_OpenAI__* variables) are not valid: {e.Message}", ExitCodes.InvalidInput, isFatal: true, e);
        }

        options.BaseUrl = First(target.BaseUrl, section["BaseUrl"], environment("OPENAI_BASE_URL")) ?? DefaultBaseUrl;
        options.ApiKey = First(environment(target.ApiKeyEnv), section["ApiKey"]);
        options.Organization = First(section["Organization"], environment("OPENAI_ORG_ID"));
        options.Project = First(section["Project"], environment("OPENAI_PROJECT_ID"));
        if (options.ApiKey is null)
        {
            throw new RecreationException(
                $"The openai backend needs an API key: set the environment variable {target.ApiKeyEnv} to the key for {options.BaseUrl}"
                + (target.ApiKeyEnv == "OPENAI_API_KEY" ? "" : " (named by target.api_key_env)")
                + ". To rehearse a paid run for free, start the fake Videos API (see the README) and point OPENAI_BASE_URL at it.",
                ExitCodes.InvalidInput, isFatal: true);
        }

        options.ThrowIfInvalid();
        return options;
    }

    private static string? First(params string?[] values) => values.FirstOrDefault(v => !string.IsNullOrWhiteSpace(v))?.Trim();
}