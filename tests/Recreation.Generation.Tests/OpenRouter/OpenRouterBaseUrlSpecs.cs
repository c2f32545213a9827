using Microsoft.Extensions.Configuration;

using Recreation.Core;
using Recreation.Core.Model;
using Recreation.Generation.OpenRouter;
using Recreation.Generation.Providers;
using Recreation.Testing.FakeProviders;
using Recreation.Testing.FakeVideosApi;

namespace Recreation.Generation.Tests.OpenRouter;

/// <summary>
/// OpenRouter's API lives under <c>/api/v1</c> (<c>https://openrouter.ai/api/v1</c>, as its API
/// reference and SDKs write the base URL). A base URL without it would send every request to a path
/// that answers 404, so it is refused at start (exit 2), naming the setting and the right root.
/// </summary>
[CancelAfter(60_000)]
public class OpenRouterBaseUrlSpecs
{
    private const string Key = "sk-or-v1-base-url-spec-0123456789abcdef";

    [TestCase("https://openrouter.ai")]
    [TestCase("https://openrouter.ai/")]
    [TestCase("https://openrouter.ai/api")]
    [TestCase("https://openrouter.ai/v1")]
    [TestCase("http://127.0.0.1:9")]
    [TestCase("http://127.0.0.1:9/api/")]
    public void A_base_url_without_api_v1_is_refused_at_start_naming_the_setting_and_OpenRouters_root(string baseUrl)
    {
        var refused = Assert.Throws<RecreationException>(() => new OpenRouterProvider().Connect(Target(), Settings(baseUrl)));

        Assert.That(refused!.ExitCode, Is.EqualTo(ExitCodes.InvalidInput));
        Assert.That(refused.Message, Does.Contain("/api/v1").And.Contain("RECREATION_OpenRouter__BaseUrl").And.Contain(OpenRouterOptions.DefaultRoot));
        Assert.That(refused.Message, Does.Not.Contain(Key));
    }

    [TestCase("https://openrouter.ai/api/v1")]
    [TestCase("https://openrouter.ai/api/v1/")]
    [TestCase("http://127.0.0.1:9/api/v1")]
    [TestCase("https://gateway.example/openrouter/v1")]
    public void OpenRouters_root_and_a_proxys_own_path_are_taken(string baseUrl)
    {
        var connection = new OpenRouterProvider().Connect(Target(), Settings(baseUrl));

        Assert.That(connection.Endpoint, Is.EqualTo(baseUrl.TrimEnd('/')));
    }

    [Test]
    public async Task Doctor_names_the_missing_api_v1_and_asks_the_service_nothing(CancellationToken cancellationToken)
    {
        await using var server = await FakeOpenRouterServer.StartAsync(cancellationToken: cancellationToken);
        var root = server.BaseUrl.GetLeftPart(UriPartial.Authority);

        var checks = await new OpenRouterProvider().CheckAsync(Target(), Settings(root), cancellationToken);

        Assert.That(checks.Select(c => (c.Check, c.Passed)), Is.EqualTo(new[] { ("API key", true), ("settings", false) }), string.Join("\n", checks));
        Assert.That(checks[1].Detail, Does.Contain("/api/v1").And.Contain("RECREATION_OpenRouter__BaseUrl"));
        Assert.That(server.CountRequests(FakeEndpoint.Models), Is.Zero, "nothing was asked of a path that would 404");
    }

    private static ProviderTarget Target() =>
        new(new TargetSettings("openrouter", "google/veo-3.1-fast", new FrameSize(1280, 720), null, null, null, null), null);

    private static ProviderSettings Settings(string baseUrl) =>
        new(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["OpenRouter:BaseUrl"] = baseUrl,
            ["OpenRouter:RetryBaseDelay"] = "00:00:00.010",
            ["OpenRouter:RequestTimeout"] = "00:00:05",
        }).Build(), name => name == "OPENROUTER_API_KEY" ? Key : null);
}