using System.Text.Json.Nodes;

using Recreation.Pipeline.Ledger;
using Recreation.Pipeline.Running;
using Recreation.Testing;
using Recreation.Testing.FakeVideosApi;

namespace Recreation.Pipeline.Tests.OpenAI;

/// <summary>
/// A paid job accepted never wedges the ledger (issue 11, item 5): a gateway that answers
/// <c>created_at</c> in milliseconds and odd optional fields crashed <c>run</c> after the job was
/// created, left the clip "submitting" without a job id, and crashed every rerun the same way.
/// </summary>
[CancelAfter(180_000)]
public class OddAnswerSpecs
{
    private const string TwoClips = """
        version: 1
        title: Paid spec
        profiles: [{ name: test-tiny, backends: [openai], seconds: [1, 2, 4], sizes: [{ size: 320x180, usd_per_second: 0.10 }] }]
        target: { backend: openai, model: test-tiny, size: 320x180, concurrency: 1 }
        output: { path: out/paid.mp4, fps: 24, loudness: null }
        palette: ["#203040", "#a0b0c0"]
        scenes:
          - { id: harbour, duration: 1, description: Boats rock in a grey harbour at dawn. }
          - { id: market, duration: 1, description: A fish market opens its shutters. }
        """;

    [Test]
    public async Task An_answer_with_created_at_in_milliseconds_records_the_job_and_a_rerun_polls_it_instead_of_creating_another(CancellationToken cancellationToken)
    {
        await using var rig = await PaidRunRig.StartAsync();
        rig.Server.Faults.AddRule(request => request.Endpoint is FakeEndpoint.Create or FakeEndpoint.Retrieve or FakeEndpoint.List
            ? FakeFault.RewriteVideos("a gateway's odd fields", OddFields)
            : null);

        // The first run stops (Ctrl+C) at its first poll: the job exists, is paid for, and not finished.
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        rig.Server.Faults.Enqueue(FakeFault.RewriteAnswer("stop the run", answer =>
        {
            stop.Cancel();
            return answer;
        }), FakeEndpoint.Retrieve);
        Assert.CatchAsync<OperationCanceledException>(() => rig.Orchestrator().RunAsync(rig.Scene(TwoClips), new RunOptions(), null, stop.Token));

        var job = rig.Server.Jobs.Single();
        var ledger = RunLedger.Open(Path.Combine(rig.Temp.Path, "out", ".recreation", "paid-spec", "ledger.json"));
        Assert.That(ledger.All.Select(r => r.JobId), Does.Contain(job.Id), "the job id was recorded although the answer was odd");

        var summary = await rig.Orchestrator().RunAsync(rig.Scene(TwoClips), new RunOptions(), null, cancellationToken);

        Assert.That(summary.Succeeded, string.Join("; ", summary.Clips.Select(c => $"{c.ClipId}: {c.Error}")));
        Assert.That(rig.Server.CountRequests(FakeEndpoint.Create), Is.EqualTo(2), "one create per clip, none for the resumed one");
        Assert.That(rig.Server.JobsCreated, Is.EqualTo(2));
        Assert.That(rig.Server.Requests.Count(r => r.Endpoint == FakeEndpoint.Retrieve && r.VideoId == job.Id), Is.GreaterThanOrEqualTo(2), "the rerun polled the first job");
        Assert.That(rig.Ledger(summary).All.Select(r => r.JobId), Does.Contain(job.Id));
    }

    [Test]
    public async Task A_clip_left_submitting_without_a_job_id_is_reconciled_through_a_list_with_odd_fields(CancellationToken cancellationToken)
    {
        await using var rig = await PaidRunRig.StartAsync();
        // The state an earlier version left behind: the job was created, its id never saved.
        var crashed = await rig.Orchestrator(inner => new CrashAfterSubmit(inner)).RunAsync(rig.Scene(TwoClips), new RunOptions(), null, cancellationToken);
        Assert.That(crashed.Clips.Select(c => c.Error), Has.All.Contains("the answer to its create was lost (simulated crash)"));
        var ledger = RunLedger.Open(Path.Combine(rig.Temp.Path, "out", ".recreation", "paid-spec", "ledger.json"));
        Assert.That(ledger.All, Has.Some.Matches<ClipRecord>(r => r.SubmittingAt != null && r.JobId == null));
        rig.Server.Faults.AddRule(request => request.Endpoint is FakeEndpoint.Retrieve or FakeEndpoint.List
            ? FakeFault.RewriteVideos("a gateway's odd fields", OddFields)
            : null);

        var summary = await rig.Orchestrator().RunAsync(rig.Scene(TwoClips), new RunOptions(), null, cancellationToken);

        Assert.That(summary.Succeeded, string.Join("; ", summary.Clips.Select(c => $"{c.ClipId}: {c.Error}")));
        Assert.That(rig.Server.JobsCreated, Is.EqualTo(2), "the crashed submission was found, not sent again");
        Assert.That(rig.Server.CountRequests(FakeEndpoint.List), Is.GreaterThanOrEqualTo(1));
    }

    private static void OddFields(JsonObject video)
    {
        video["created_at"] = 1_764_000_000_000L; // milliseconds
        video["expires_at"] = 1e300;
        video["completed_at"] = "later";
        video["model"] = new JsonObject { ["name"] = "test-tiny" };
        video["remixed_from_video_id"] = 42.5;
        if (video["status"]?.GetValue<string>() != "failed")
        {
            video["error"] = "none";
        }
    }
}