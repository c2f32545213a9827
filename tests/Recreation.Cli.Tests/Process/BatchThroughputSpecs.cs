using System.Diagnostics;

namespace Recreation.Cli.Tests.ChildProcesses;

/// <summary>
/// Eight films of four paid clips as one batch take at most 1.5 times the wall time of one film
/// alone: the batch overlaps the films' generation (one provider limit of 32 jobs) and shares the
/// media work. The fake service's jobs take 5 s here to keep the suite short; the benchmark
/// (tests/Recreation.Benchmarks, <c>batch</c>) measures the same with 10 s jobs.
/// </summary>
[CancelAfter(600_000)]
public class BatchThroughputSpecs
{
    private static readonly TimeSpan JobTime = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(240);

    [Test]
    public async Task Eight_films_of_four_clips_as_one_batch_take_at_most_one_and_a_half_times_one_film_alone(CancellationToken cancellationToken)
    {
        // Two services, so the batch cannot be answered from the single film's idempotency keys.
        await using var single = await BatchRig.StartAsync(JobTime, cancellationToken);
        await using var rig = await BatchRig.StartAsync(JobTime, cancellationToken);
        var film = single.WriteFilm("alone", 1, Scenes(1), concurrency: 4);
        for (var n = 1; n <= 8; n++)
        {
            rig.WriteFilm("batch", n, Scenes(n), concurrency: 4);
        }

        var watch = Stopwatch.StartNew();
        var alone = await single.RunAsync("alone", Limit, cancellationToken, "run", film);
        var aloneTime = watch.Elapsed;
        Assert.That(alone.ExitCode, Is.EqualTo(0), alone.ToString());

        watch.Restart();
        var batch = await rig.RunAsync("batch", Limit, cancellationToken, "batch", "scenes", "--concurrency", "32");
        var batchTime = watch.Elapsed;
        Assert.That(batch.ExitCode, Is.EqualTo(0), batch.ToString());
        Assert.That(rig.Server.JobsCreated, Is.EqualTo(32));

        await TestContext.Out.WriteLineAsync($"one film alone {aloneTime.TotalSeconds:0.0} s, eight as one batch {batchTime.TotalSeconds:0.0} s ({batchTime / aloneTime:0.00}x)");
        Assert.That(batchTime, Is.LessThanOrEqualTo(aloneTime * 1.5), $"alone {aloneTime.TotalSeconds:0.0} s, batch {batchTime.TotalSeconds:0.0} s");
    }

    private static IEnumerable<string> Scenes(int n) =>
        new[] { "harbour at dawn", "gulls over the masts", "a ferry leaving", "the lamps come on" }.Select(s => $"Film {n}: {s}.");
}