using Recreation.Core;
using Recreation.Generation;
using Recreation.Media;
using Recreation.Media.Validation;
using Recreation.Pipeline.Ledger;
using Recreation.Pipeline.Running;
using Recreation.Testing.FakeVideosApi;

namespace Recreation.Pipeline.Tests.OpenAI;

/// <summary>The openai backend end to end against the fake Videos API: never pay twice, never over budget, failures kept apart.</summary>
[CancelAfter(180_000)]
[Parallelizable(ParallelScope.Children)] // each test has its own temp folder and fake: the long tests of this fixture spread over both workers
public class PaidRunSpecs
{
    private static readonly FFmpegRunner Runner = new();

    [Test]
    public async Task With_30_percent_of_requests_failing_six_clips_finish_with_exactly_one_job_each(CancellationToken cancellationToken)
    {
        await using var rig = await PaidRunRig.StartAsync(faultRate: 0.3, seed: 11);
        var summary = await rig.RunAsync(cancellationToken: cancellationToken);

        Assert.That(summary.Succeeded, string.Join("; ", summary.Clips.Select(c => $"{c.ClipId}: {c.Error}")));
        Assert.That(rig.Server.Requests.Count(r => r.Fault is not null), Is.GreaterThan(5), "the faults really happened");
        Assert.That(rig.Server.JobsCreated, Is.EqualTo(6));
        Assert.That(rig.Server.Jobs.Select(j => j.IdempotencyKey).Distinct().Count(), Is.EqualTo(6));
        Assert.That(summary.SpentUsd, Is.EqualTo(0.60m));
        Assert.That(summary.EstimatedUsd, Is.EqualTo(0.60m));
        var check = await new MediaValidator(Runner).ValidateAsync(new MediaValidationRequest(rig.OutputPath) { Decode = DecodeCheck.Full }, cancellationToken);
        Assert.That(check.IsValid, check.ToString());

        var again = await rig.RunAsync(cancellationToken: cancellationToken);
        Assert.That(again.Succeeded);
        Assert.That(rig.Server.JobsCreated, Is.EqualTo(6), "an unchanged rerun pays for nothing");
        Assert.That(again.SpentUsd, Is.EqualTo(0.60m), "what was spent stays in the ledger");
    }

    [Test]
    public async Task Submissions_whose_answers_were_lost_are_found_through_the_list_and_not_sent_again(CancellationToken cancellationToken)
    {
        await using var rig = await PaidRunRig.StartAsync();
        // Every create call reaches the server, then the process "dies" before it saves the job id.
        var crashed = await rig.RunAsync(new RunOptions(Concurrency: 1), cancellationToken, inner => new CrashAfterSubmit(inner));
        Assert.That(crashed.Clips.Select(c => c.Error), Has.All.Contains("the answer to its create was lost (simulated crash)"));
        Assert.That(rig.Server.JobsCreated, Is.EqualTo(6));
        var ledger = RunLedger.Open(Path.Combine(rig.Temp.Path, "out", ".recreation", "paid-spec", "ledger.json"));
        Assert.That(ledger.All, Has.Count.EqualTo(6).And.All.Matches<ClipRecord>(r => r.JobId == null && r.SubmittingAt != null));

        var creates = rig.Server.CountRequests(FakeEndpoint.Create);
        var summary = await rig.RunAsync(cancellationToken: cancellationToken);

        Assert.That(summary.Succeeded, string.Join("; ", summary.Clips.Select(c => c.Error)));
        Assert.That(rig.Server.CountRequests(FakeEndpoint.Create), Is.EqualTo(creates), "nothing was sent again");
        Assert.That(rig.Server.CountRequests(FakeEndpoint.List), Is.GreaterThanOrEqualTo(6), "each clip was reconciled through the list endpoint");
        Assert.That(rig.Server.JobsCreated, Is.EqualTo(6));
        var jobs = rig.Server.Jobs.ToDictionary(j => j.Id);
        Assert.That(rig.Ledger(summary).All, Has.All.Matches<ClipRecord>(r => jobs.ContainsKey(r.JobId!) && summary.Clips.Any(c => c.ClipId == r.Id)));
        Assert.That(rig.Ledger(summary).All.Select(r => r.JobId).Distinct().Count(), Is.EqualTo(6), "each clip found its own job");
    }

    [Test]
    public async Task The_budget_refuses_to_start_before_any_request_and_writes_nothing(CancellationToken cancellationToken)
    {
        await using var rig = await PaidRunRig.StartAsync();
        var e = Assert.ThrowsAsync<RecreationException>(() => rig.RunAsync(new RunOptions(MaxCostUsd: 0.55m), cancellationToken));

        Assert.That(e!.ExitCode, Is.EqualTo(ExitCodes.RefusedByBudget));
        Assert.That(e.Message, Does.Contain("$0.60").And.Contain("$0.55").And.Contain("Nothing was sent"));
        Assert.That(rig.Server.Requests, Is.Empty);
        Assert.That(Directory.Exists(rig.Temp.File("out")), Is.False, "no workspace was created");
    }

    [Test]
    public async Task The_budget_stops_submitting_before_spent_plus_in_flight_would_cross_it(CancellationToken cancellationToken)
    {
        await using var rig = await PaidRunRig.StartAsync();
        // The first run spends $0.60. Then three clips are edited and the budget is $0.80: the start
        // estimate takes the ledger's word that those clips are paid for, so only the check before
        // each submission can stop the third new job ($0.90).
        var first = await rig.RunAsync(cancellationToken: cancellationToken);
        Assert.That(first.Succeeded);
        var edited = PaidRunRig.Yaml
            .Replace("Boats rock", "Boats sway").Replace("A fish market", "A flower market").Replace("Gulls wheel", "Gulls dive")
            .Replace("concurrency: 2", "concurrency: 2, max_cost_usd: 0.80");

        var summary = await rig.Orchestrator().RunAsync(rig.Scene(edited), new RunOptions(Concurrency: 2), null, cancellationToken);

        Assert.That(summary.StoppedByBudget);
        Assert.That(summary.Succeeded, Is.False);
        Assert.That(rig.Server.JobsCreated, Is.EqualTo(8), "6 + 2: a third edited clip would have made $0.90");
        var ledger = rig.Ledger(summary);
        Assert.That(Budget.Committed(ledger.All), Is.LessThanOrEqualTo(0.80m));
        Assert.That(summary.Clips.Count(c => c.Error?.Contains("budget", StringComparison.Ordinal) == true), Is.EqualTo(1));
    }

    [Test]
    public async Task A_failed_job_fails_only_its_clip_and_is_resubmitted_only_with_retry_failed(CancellationToken cancellationToken)
    {
        await using var rig = await PaidRunRig.StartAsync();
        rig.Server.Faults.Enqueue(FakeFault.FailJob(), FakeEndpoint.Create);
        var summary = await rig.RunAsync(cancellationToken: cancellationToken);

        var failed = summary.Failed.Single();
        Assert.That(failed.Error, Does.Contain("moderation_blocked").And.Contain("--retry-failed"));
        Assert.That(summary.Clips.Count(c => c.State == ClipState.Conformed), Is.EqualTo(5), "the others went on");
        Assert.That(failed.SpentUsd, Is.Zero);

        var again = await rig.RunAsync(cancellationToken: cancellationToken);
        Assert.That(again.Failed.Single().ClipId, Is.EqualTo(failed.ClipId));
        Assert.That(rig.Server.JobsCreated, Is.EqualTo(6), "not resubmitted unasked");

        var retried = await rig.RunAsync(new RunOptions(RetryFailed: true), cancellationToken);
        Assert.That(retried.Succeeded, string.Join("; ", retried.Clips.Select(c => c.Error)));
        Assert.That(rig.Server.JobsCreated, Is.EqualTo(7));
        Assert.That(rig.Server.Jobs.Last().IdempotencyKey, Does.EndWith("-r1"), "a new attempt has a new idempotency key");
    }

    [Test]
    public async Task An_expired_download_is_reported_with_its_cost_and_regenerated_only_when_asked(CancellationToken cancellationToken)
    {
        await using var rig = await PaidRunRig.StartAsync();
        rig.Server.Faults.Enqueue(FakeFault.ExpiredContent(), FakeEndpoint.Content);
        var summary = await rig.RunAsync(new RunOptions(Concurrency: 1), cancellationToken);

        var expired = summary.Failed.Single();
        Assert.That(expired.Error, Does.Contain("expired").And.Contain("$0.10 was paid").And.Contain("--regenerate-expired"));
        Assert.That(expired.SpentUsd, Is.EqualTo(0.10m));

        var again = await rig.RunAsync(cancellationToken: cancellationToken);
        Assert.That(again.Failed.Single().ClipId, Is.EqualTo(expired.ClipId));
        Assert.That(rig.Server.JobsCreated, Is.EqualTo(6));

        var regenerated = await rig.RunAsync(new RunOptions(RegenerateExpired: true), cancellationToken);
        Assert.That(regenerated.Succeeded);
        Assert.That(rig.Server.JobsCreated, Is.EqualTo(7));
        Assert.That(Budget.Committed(rig.Ledger(regenerated).All), Is.EqualTo(0.70m), "the expired job stays spent");
    }

    [Test]
    public async Task A_download_cut_short_is_fetched_again_without_a_new_job(CancellationToken cancellationToken)
    {
        await using var rig = await PaidRunRig.StartAsync();
        rig.Server.Faults.Enqueue(FakeFault.CutContent(0.4), FakeEndpoint.Content);
        var summary = await rig.RunAsync(cancellationToken: cancellationToken);

        Assert.That(summary.Succeeded, string.Join("; ", summary.Clips.Select(c => c.Error)));
        Assert.That(rig.Server.JobsCreated, Is.EqualTo(6));
        Assert.That(rig.Server.CountRequests(FakeEndpoint.Content), Is.EqualTo(7));
    }

    [Test]
    public async Task Chained_clips_send_the_previous_clips_last_frame_at_the_generation_size(CancellationToken cancellationToken)
    {
        await using var rig = await PaidRunRig.StartAsync();
        var yaml = PaidRunRig.Yaml.Replace("palette:", "continuity: { chain: last-frame }\npalette:")
            .Replace("""
              - { id: harbour, duration: 1, description: Boats rock in a grey harbour at dawn. }
            """, """
              - { id: harbour, duration: 3, description: Boats rock in a grey harbour at dawn. }
            """);
        yaml = yaml.Replace("usd_per_second: 0.10 }] }]", "usd_per_second: 0.10 }] }]\nplanning: { max_clip_seconds: 1 }");
        var summary = await rig.Orchestrator().RunAsync(rig.Scene(yaml), new RunOptions(), null, cancellationToken);

        Assert.That(summary.Succeeded, string.Join("; ", summary.Clips.Select(c => c.Error)));
        var harbour = rig.Server.Jobs.Where(j => j.Prompt.Contains("harbour at dawn", StringComparison.Ordinal)).OrderBy(j => j.CreatedAt).ToList();
        Assert.That(harbour, Has.Count.EqualTo(3));
        Assert.That(harbour[0].InputImage, Is.Null);
        Assert.That(harbour.Skip(1).Select(j => (j.InputImage?.Width, j.InputImage?.Height)), Has.All.EqualTo(((int?)320, (int?)180)));
    }
}