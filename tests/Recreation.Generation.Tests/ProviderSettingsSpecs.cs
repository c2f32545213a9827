using Microsoft.Extensions.Configuration;

using Recreation.Core;
using Recreation.Core.Diagnostics;
using Recreation.Core.Security;
using Recreation.Generation.Gemini;
using Recreation.Generation.Providers;
using Recreation.Generation.Runway;

namespace Recreation.Generation.Tests;

/// <summary>Where the gemini and runway backends take their base URL, key and timings from: the user's settings only.</summary>
public class ProviderSettingsSpecs
{
    /// <summary>A compiled scene for <paramref name="backend"/>, so its own target.base_url and target.api_key_env reach the policy as they would on 'run'.</summary>
    private static ProviderTarget Target(string backend, string? baseUrl = null, string? keyEnv = null)
    {
        var model = backend == "runway" ? "gen4.5" : "veo-3.1-fast-generate-preview";
        var extra = (baseUrl is null ? "" : $", base_url: \"{baseUrl}\"") + (keyEnv is null ? "" : $", api_key_env: {keyEnv}");
        var yaml = $"version: 1\ntarget: {{ backend: {backend}, model: {model}, size: 1280x720{extra} }}\nscenes:\n  - {{ id: s, duration: 4, description: A pier. }}\n";
        var scene = SceneCompiler.CompileText(yaml, Path.Combine(Path.GetTempPath(), "recreation-specs", "scene.yaml"), ProviderRegistry.BuiltIn.Catalog(), backends: ProviderRegistry.BuiltIn.Backends);
        return ProviderTarget.For(scene);
    }

    private static ProviderSettings Settings(Dictionary<string, string?> configuration, Dictionary<string, string> environment) =>
        new(new ConfigurationBuilder().AddInMemoryCollection(configuration).Build(), name => environment.GetValueOrDefault(name));

    [Test]
    public void Google_api_key_wins_over_gemini_api_key_as_in_googles_sdks_and_the_section_sets_url_and_timings()
    {
        var settings = Settings(
            new() { ["Gemini:BaseUrl"] = "http://127.0.0.1:9/", ["Gemini:PollInterval"] = "00:00:03" },
            new() { ["GEMINI_API_KEY"] = "gemini-key", ["GOOGLE_API_KEY"] = "google-key" });

        var options = GeminiSettings.Resolve(Target("gemini"), settings);

        Assert.That((options.ApiKey, options.BaseUrl, options.PollInterval), Is.EqualTo(("google-key", "http://127.0.0.1:9", TimeSpan.FromSeconds(3))));
        Assert.That(GeminiSettings.Resolve(Target("gemini"), Settings([], new() { ["GEMINI_API_KEY"] = "gemini-key" })).ApiKey, Is.EqualTo("gemini-key"));
    }

    [Test]
    public void The_defaults_are_the_services_own_roots_and_runways_key_variable()
    {
        var options = RunwaySettings.Resolve(Target("runway"), Settings([], new() { ["RUNWAYML_API_SECRET"] = "key_x" }));

        Assert.That((options.BaseUrl, options.ApiKey, options.ApiVersion), Is.EqualTo(("https://api.dev.runwayml.com", "key_x", "2024-11-06")));
    }

    [Test]
    public void A_missing_key_is_a_usage_error_naming_the_variable_and_the_fake()
    {
        var error = Assert.Throws<RecreationException>(() => GeminiSettings.Resolve(Target("gemini"), Settings([], [])));

        Assert.That(error!.ExitCode, Is.EqualTo(ExitCodes.InvalidInput));
        Assert.That(error.Message, Does.Contain("GEMINI_API_KEY").And.Contain("--provider gemini"));
    }

    [Test]
    public void A_scene_cannot_send_the_key_elsewhere_nor_choose_which_key_is_sent()
    {
        var settings = Settings([], new() { ["RUNWAYML_API_SECRET"] = "key_x", ["OTHER"] = "stolen" });

        // Refused at the scene's own line and column (exit 2), saying how to allow it.
        var url = Assert.Throws<InvalidInputException>(() => RunwaySettings.Resolve(Target("runway", baseUrl: "https://evil.example"), settings));
        var key = Assert.Throws<InvalidInputException>(() => RunwaySettings.Resolve(Target("runway", keyEnv: "OTHER"), settings));

        Assert.That(url!.Message, Does.Contain("scene.yaml:2:").And.Contain("target.base_url").And.Contain("--allow-base-url https://evil.example"));
        Assert.That(key!.Message, Does.Contain("target.api_key_env").And.Contain("--allow-key-env OTHER").And.Not.Contain("stolen"));
        Assert.Throws<InvalidInputException>(() => GeminiSettings.Resolve(Target("gemini", baseUrl: "https://evil.example"), Settings([], new() { ["GEMINI_API_KEY"] = "k" })));
    }

    [Test]
    public void What_the_user_allowed_a_scene_may_ask_for_and_a_connection_names_url_and_key_together()
    {
        var environment = new Dictionary<string, string> { ["RUNWAYML_API_SECRET"] = "key_x", ["TEAM_RUNWAY_KEY"] = "team" };
        var allowed = Settings([], environment) with
        {
            Security = SecuritySettings.None with { AllowedBaseUrls = [new Uri("https://proxy.example")], AllowedKeyVariables = ["TEAM_RUNWAY_KEY"] },
        };

        var options = RunwaySettings.Resolve(Target("runway", baseUrl: "https://proxy.example/runway", keyEnv: "TEAM_RUNWAY_KEY"), allowed);

        Assert.That((options.BaseUrl, options.ApiKey), Is.EqualTo(("https://proxy.example/runway", "team")));
    }
}