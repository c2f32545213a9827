namespace Recreation.Cli.Tests.ChildProcesses;

/// <summary>
/// What makes a batch of eight films about as quick as one: their paid jobs overlap. Eight films of
/// four clips as one batch (one provider limit of 32) have all 32 jobs in flight at once, so the
/// batch waits for the service about as long as one film does. The wall-time ratio itself (at most
/// 1.5x one film alone, with 10 s jobs) is measured by the <c>batch</c> benchmark in
/// tests/Recreation.Benchmarks: timing the media work of eight films on a shared 2-core machine
/// inside the test suite would make the suite flaky, not the batch better.
/// </summary>
[CancelAfter(600_000)]
public class BatchThroughputSpecs
{
    private static readonly TimeSpan JobTime = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(420);

    [Test]
    public async Task Eight_films_of_four_clips_as_one_batch_have_all_their_jobs_in_flight_at_once(CancellationToken cancellationToken)
    {
        await using var rig = await BatchRig.StartAsync(JobTime, cancellationToken);
        for (var n = 1; n <= 8; n++)
        {
            rig.WriteFilm("batch", n, new[] { "harbour at dawn", "gulls over the masts", "a ferry leaving", "the lamps come on" }.Select(s => $"Film {n}: {s}."), concurrency: 4);
        }

        var batch = await rig.RunAsync("batch", Limit, cancellationToken, "batch", "scenes", "--concurrency", "32");

        Assert.That(batch.ExitCode, Is.EqualTo(0), batch.ToString());
        var jobs = rig.Server.Jobs;
        Assert.That(jobs, Has.Count.EqualTo(32));
        // A job runs for JobTime after it is created, so jobs all created within JobTime were all running together.
        var spread = jobs.Max(j => j.CreatedAt) - jobs.Min(j => j.CreatedAt);
        Assert.That(spread, Is.LessThan(JobTime), "the 32 jobs of eight runs were submitted together, not film after film");
    }
}