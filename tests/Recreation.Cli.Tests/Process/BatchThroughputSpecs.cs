namespace Recreation.Cli.Tests.ChildProcesses;

/// <summary>
/// What makes a batch of eight films about as quick as one: their paid jobs overlap. Eight films of
/// four clips as one batch (one provider limit of 32) have all 32 jobs in flight at once, so the
/// batch waits for the service about as long as one film does. Measured without a clock: the fake
/// finishes no job until 32 are running at once (or a minute has passed), so a batch that keeps 32
/// in flight gets there however loaded the machine is, and one that does not shows in the fake's
/// most-at-once count. The wall-time ratio itself (at most 1.5× one film alone, with 10 s jobs) is
/// the <c>batch</c> benchmark's in tests/Recreation.Benchmarks: timing the media work of eight films
/// on a shared 2-core machine inside the suite would make the suite flaky, not the batch better.
/// </summary>
[CancelAfter(600_000)]
public class BatchThroughputSpecs
{
    private const int Jobs = 32;
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(540);

    [Test]
    public async Task Eight_films_of_four_clips_as_one_batch_have_all_32_jobs_in_flight_at_once(CancellationToken cancellationToken)
    {
        await using var rig = await BatchRig.StartAsync(TimeSpan.Zero, cancellationToken, holdUntilRunning: Jobs);
        for (var n = 1; n <= 8; n++)
        {
            rig.WriteFilm("batch", n, new[] { "harbour at dawn", "gulls over the masts", "a ferry leaving", "the lamps come on" }.Select(s => $"Film {n}: {s}."), concurrency: 4);
        }

        var batch = await rig.RunAsync("batch", Limit, cancellationToken, "batch", "scenes", "--concurrency", "32");

        Assert.That(batch.ExitCode, Is.EqualTo(0), batch.ToString());
        Assert.That(rig.Server.JobsCreated, Is.EqualTo(Jobs));
        Assert.That(rig.Server.MostJobsRunning, Is.EqualTo(Jobs), "the 32 jobs of eight runs were in flight together, not film after film");
    }
}