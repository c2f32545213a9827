using Microsoft.Extensions.Configuration;

using Recreation.Core.Security;

namespace Recreation.Generation.Providers;

/// <summary>
/// The user's own settings a provider resolves its connection from: configuration (appsettings.json
/// beside the tool, then <c>RECREATION_</c>-prefixed environment variables, so section
/// <c>Gemini</c> is <c>RECREATION_Gemini__BaseUrl</c>, …) and the environment (key variables such as
/// <c>OPENAI_API_KEY</c>) and what the user trusts (<see cref="Security"/>). Never a scene file: a
/// scene may only name what these settings allow, which the provider checks with the
/// provider-agnostic <c>EndpointPolicy.Resolve</c> (Core.Security) before anything is sent.
/// </summary>
/// <param name="Environment">Reads an environment variable (<c>Environment.GetEnvironmentVariable</c>; tests pass their own).</param>
public sealed record ProviderSettings(IConfiguration Configuration, Func<string, string?> Environment)
{
    /// <summary>No configuration and no environment: every provider falls back to its defaults (and paid ones find no key).</summary>
    public static ProviderSettings Empty { get; } = new(new ConfigurationBuilder().Build(), _ => null);

    /// <summary>What the user trusts (settings and command-line flags): where a scene may send credentials. Pass it to <c>EndpointPolicy.Resolve</c>.</summary>
    public SecuritySettings Security { get; init; } = SecuritySettings.None;

    /// <summary>A provider's own section, e.g. <c>OpenAI</c> or <c>Gemini</c>.</summary>
    public IConfigurationSection Section(string name) => Configuration.GetSection(name);
}