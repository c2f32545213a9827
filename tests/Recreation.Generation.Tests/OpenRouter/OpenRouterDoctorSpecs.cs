using Microsoft.Extensions.Configuration;

using Recreation.Core.Model;
using Recreation.Generation.OpenRouter;
using Recreation.Generation.Providers;
using Recreation.Testing.FakeProviders;
using Recreation.Testing.FakeVideosApi;

namespace Recreation.Generation.Tests.OpenRouter;

/// <summary><c>recreate doctor</c>'s checks for openrouter: the key is set (never shown), the service answers its model list, the profile's model is in it; nothing is paid.</summary>
[CancelAfter(60_000)]
public class OpenRouterDoctorSpecs
{
    [Test]
    public async Task Every_check_passes_when_the_key_is_set_and_the_service_lists_the_model_and_nothing_is_submitted(CancellationToken cancellationToken)
    {
        await using var server = await FakeOpenRouterServer.StartAsync(cancellationToken: cancellationToken);

        var checks = await new OpenRouterProvider().CheckAsync(Target("google/veo-3.1-fast"), Settings(server.BaseUrl.ToString(), server.ApiKey), cancellationToken);

        Assert.That(checks.Select(c => (c.Check, c.Passed)), Is.EqualTo(new[] { ("API key", true), ("service", true), ("model", true) }), string.Join("\n", checks));
        Assert.That(checks.Select(c => c.Detail), Has.None.Contains(server.ApiKey));
        Assert.That((server.CountRequests(FakeEndpoint.Models), server.JobsCreated), Is.EqualTo((1, 0)));
    }

    [Test]
    public async Task A_missing_key_names_OPENROUTER_API_KEY_and_a_service_that_does_not_answer_fails_its_check(CancellationToken cancellationToken)
    {
        var noKey = await new OpenRouterProvider().CheckAsync(Target("google/veo-3.1-fast"), Settings("http://127.0.0.1:9/api/v1", null), cancellationToken);
        var down = await new OpenRouterProvider().CheckAsync(Target("google/veo-3.1-fast"), Settings("http://127.0.0.1:9/api/v1", "sk-or-v1-down"), cancellationToken);

        Assert.That(noKey.Single() is { Check: "API key", Passed: false } only && only.Detail.Contains("OPENROUTER_API_KEY", StringComparison.Ordinal), string.Join("\n", noKey));
        Assert.That(down.Select(c => (c.Check, c.Passed)), Is.EqualTo(new[] { ("API key", true), ("service", false) }), string.Join("\n", down));
    }

    private static ProviderTarget Target(string model) =>
        new(new TargetSettings("openrouter", model, new FrameSize(1280, 720), null, null, null, null), null);

    private static ProviderSettings Settings(string baseUrl, string? key) =>
        new(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["OpenRouter:BaseUrl"] = baseUrl,
            ["OpenRouter:RetryBaseDelay"] = "00:00:00.010",
            ["OpenRouter:RequestTimeout"] = "00:00:05",
        }).Build(), name => name == "OPENROUTER_API_KEY" ? key : null);
}