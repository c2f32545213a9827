using Microsoft.Extensions.Configuration;

using Recreation.Core.Model;
using Recreation.Generation.Providers;
using Recreation.Generation.Replicate;
using Recreation.Testing.FakeProviders;

namespace Recreation.Generation.Tests.Replicate;

/// <summary><c>recreate doctor</c> for replicate against the fake: the token is set (never shown), the API answers and takes it, the profile's model exists.</summary>
[CancelAfter(60_000)]
public class ReplicateDoctorSpecs
{
    [Test]
    public async Task Every_check_passes_for_a_built_in_model_and_the_token_is_never_shown(CancellationToken cancellationToken)
    {
        await using var server = await FakeReplicateServer.StartAsync(cancellationToken: cancellationToken);

        var checks = await new ReplicateProvider().CheckAsync(Target("kwaivgi/kling-v2.1"), Settings(server, server.ApiKey), cancellationToken);

        Assert.That(checks.Select(c => (c.Check, c.Passed)), Is.EqualTo(new[] { ("API key", true), ("base URL", true), ("model", true) }), string.Join("; ", checks));
        Assert.That(checks.Select(c => c.Detail), Has.None.Contains(server.ApiKey));
        Assert.That(checks[1].Detail, Does.Contain("fake-user"));
        Assert.That(server.Requests.Select(r => r.PathAndQuery), Is.EqualTo(new[] { "/v1/account", "/v1/models/kwaivgi/kling-v2.1" }));
        Assert.That(server.JobsCreated, Is.Zero, "doctor creates nothing");
    }

    [Test]
    public async Task A_wrong_token_and_a_missing_one_fail_saying_what_to_do_and_models_are_looked_up_by_name_and_version(CancellationToken cancellationToken)
    {
        await using var server = await FakeReplicateServer.StartAsync(cancellationToken: cancellationToken);
        var provider = new ReplicateProvider();
        var pro = await provider.CheckAsync(Target("kwaivgi/kling-v2.1-pro"), Settings(server, server.ApiKey), cancellationToken);
        var wrong = await provider.CheckAsync(Target("kwaivgi/kling-v2.1"), Settings(server, "r8_wrongwrongwrong"), cancellationToken);
        var missing = await provider.CheckAsync(Target("kwaivgi/kling-v2.1"), Settings(server, null), cancellationToken);

        Assert.That(pro.Last().Passed, Is.True, "the pro profile runs the same model, which exists");
        Assert.That(wrong.Select(c => (c.Check, c.Passed)), Is.EqualTo(new[] { ("API key", true), ("base URL", true), ("API key", false) }));
        Assert.That(wrong.Last().Detail, Does.Contain("REPLICATE_API_TOKEN").And.Not.Contain("wrongwrong"));
        Assert.That(missing.Single().Passed, Is.False);
        Assert.That(missing.Single().Detail, Does.Contain("REPLICATE_API_TOKEN").And.Contain("--provider replicate"));
        using var http = new HttpClient();
        var client = new ReplicateClient(http, new ReplicateOptions { BaseUrl = server.BaseUrl.ToString(), ApiKey = server.ApiKey });
        Assert.That(await client.ModelExistsAsync(ReplicateModel.Parse("nobody/nothing"), cancellationToken), Is.False);
        Assert.That(await client.ModelExistsAsync(ReplicateModel.Parse($"google/veo-3:{FakeReplicateServer.VersionOf("google/veo-3")}"), cancellationToken), Is.True);
        Assert.That(await client.ModelExistsAsync(ReplicateModel.Parse($"google/veo-3:{new string('0', 64)}"), cancellationToken), Is.False);
        Assert.That(await client.ModelExistsAsync(ReplicateModel.Parse(new string('0', 64)), cancellationToken), Is.Null, "a bare version cannot be looked up");
    }

    private static ProviderTarget Target(string model) =>
        new(new TargetSettings("replicate", model, new FrameSize(1280, 720), null, null, null, null), null);

    private static ProviderSettings Settings(FakeReplicateServer server, string? token) =>
        new(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Replicate:BaseUrl"] = server.BaseUrl.ToString() }).Build(),
            name => name == "REPLICATE_API_TOKEN" ? token : null);
}