using Recreation.Generation.Providers;
using Recreation.Pipeline.Ledger;
using Recreation.Pipeline.Running;
using Recreation.Testing;
using Recreation.Testing.FakeVideosApi;

using static Recreation.Pipeline.Tests.Providers.ProviderRuns;

namespace Recreation.Pipeline.Tests.Providers;

/// <summary>
/// The <c>openai</c> backend through a gateway that can recover no lost create (the fake answering as
/// a LiteLLM proxy before Veo: no list of jobs, no idempotency), set with
/// <c>OpenAI:RecoverLostCreates=false</c>, end to end: a create whose answer was lost is not sent again
/// and the clip is in doubt at once, the rerun leaves it so without reading a list or sending anything, and
/// <c>--resubmit-in-doubt</c> sends it once more with the lost job counted as spent.
/// </summary>
[CancelAfter(300_000)]
public class GatewayRunSpecs
{
    [Test]
    public async Task A_lost_create_through_a_gateway_that_cannot_recover_it_is_in_doubt_and_sent_again_only_when_asked(CancellationToken cancellationToken)
    {
        using var temp = new TempDirectory("recreation-gateway-run");
        await using var server = await FakeVideosApiServer.StartAsync(new FakeVideosApiOptions { LiteLlmVeo = true, PollsToComplete = 2, PollAfter = TimeSpan.FromMilliseconds(10) }, cancellationToken);
        var creates = 0;
        server.Faults.AddRule(r => r.Endpoint == FakeEndpoint.Create && Interlocked.Increment(ref creates) == 3 ? FakeFault.DropAfterHandling() : null);
        // The paid specs' six one-second clips of the test-tiny model at $0.10 a second.
        File.WriteAllText(temp.File("scene.yaml"), OpenAI.PaidRunRig.Yaml.Replace("out/paid.mp4", "out/film.mp4", StringComparison.Ordinal));
        var settings = Settings("OpenAI", server.BaseUrl, ("OPENAI_API_KEY", server.ApiKey), new Dictionary<string, string?>
        {
            ["OpenAI:RecoverLostCreates"] = "false",
            ["OpenAI:MinPollInterval"] = "00:00:00.010",
        });
        var orchestrator = Orchestrator(settings);
        var scene = ProviderRegistry.BuiltIn.Compile(temp.File("scene.yaml"));

        var first = await orchestrator.RunAsync(scene, new RunOptions(), null, cancellationToken);

        var lost = first.Clips.Single(c => c.State != ClipState.Conformed);
        Assert.That(lost.State, Is.EqualTo(ClipState.InDoubt), "nothing could settle it later, so it is in doubt at once: " + lost.Error);
        Assert.That(lost.Error, Does.Contain("RecoverLostCreates=false").And.Contain("--resubmit-in-doubt"));
        Assert.That(first.AtRiskUsd, Is.EqualTo(0.10m));
        Assert.That((server.CountRequests(FakeEndpoint.Create), server.JobsCreated), Is.EqualTo((6, 6)), "the lost create was not sent again in its run");

        var second = await orchestrator.RunAsync(scene, new RunOptions(), null, cancellationToken);

        Assert.That(second.InDoubt.Select(c => c.ClipId), Is.EqualTo(new[] { lost.ClipId }), string.Join("; ", second.Clips.Select(c => $"{c.ClipId}: {c.State} {c.Error}")));
        Assert.That(second.InDoubt.Single().Error, Does.Contain("--resubmit-in-doubt"));
        Assert.That(second.AtRiskUsd, Is.EqualTo(0.10m));
        Assert.That((server.CountRequests(FakeEndpoint.Create), server.CountRequests(FakeEndpoint.List)), Is.EqualTo((6, 0)), "nothing sent, no list read");

        var third = await orchestrator.RunAsync(scene, new RunOptions(ResubmitInDoubt: true), null, cancellationToken);

        Assert.That(third.Succeeded, string.Join("; ", third.Clips.Select(c => $"{c.ClipId}: {c.State} {c.Error}")));
        Assert.That(server.JobsCreated, Is.EqualTo(7), "sent once more, as asked");
        var record = RunLedger.Open(Path.Combine(third.Workspace, "ledger.json")).Find(lost.ClipId)!;
        Assert.That((record.EarlierSpentUsd, record.SpentUsd), Is.EqualTo((0.10m, 0.10m)), "the lost job stays counted as spent");
        await AssertValidAsync(temp, TimeSpan.FromSeconds(5.9), cancellationToken);
    }
}