using System.Diagnostics;
using System.Text.Json;

using Recreation.Testing;
using Recreation.Testing.FakeVideosApi;

namespace Recreation.Cli.Tests.ChildProcesses;

/// <summary>
/// <c>recreate batch</c> as users and schedulers run it: shards as separate processes over one
/// shared clip cache and one paid (fake) service, a shard killed and run again, and the batch budget.
/// </summary>
[CancelAfter(600_000)]
[Parallelizable(ParallelScope.Children)] // each test has its own temp folder and fake: the long tests of this fixture spread over both workers
public class BatchProcessSpecs
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(240);

    /// <summary>Six films of two clips each; the first scene is the same in all six (one clip, one cache key), the second their own: seven distinct clips.</summary>
    private static void WriteSixFilms(BatchRig rig, string folder)
    {
        for (var n = 1; n <= 6; n++)
        {
            rig.WriteFilm(folder, n, ["Fog lifts off a still lake at dawn.", $"Heron number {n} stands in the reeds."]);
        }
    }

    [Test]
    public async Task Six_films_in_three_shards_over_one_cache_make_the_videos_of_one_batch_and_generate_every_clip_once(CancellationToken cancellationToken)
    {
        // Two services, so that the sharded batch cannot lean on the first one's idempotency keys.
        await using var single = await BatchRig.StartAsync(TimeSpan.FromMilliseconds(300), cancellationToken);
        await using var rig = await BatchRig.StartAsync(TimeSpan.FromMilliseconds(300), cancellationToken);
        WriteSixFilms(single, "whole");
        WriteSixFilms(rig, "sharded");

        var whole = await single.RunAsync("whole", Limit, cancellationToken, "batch", "scenes", "--cache", "cache", "--events", "events.jsonl");
        Assert.That(whole.ExitCode, Is.EqualTo(0), whole.ToString());
        Assert.That(single.Server.JobsCreated, Is.EqualTo(7), "one batch: the shared scene is generated once for six films");
        var events = (await File.ReadAllLinesAsync(single.Temp.File("whole/events.jsonl"), cancellationToken)).Select(l => JsonDocument.Parse(l).RootElement.Clone()).ToList();
        var names = events.Select(e => e.GetProperty("event").GetString()).ToList();
        Assert.That(names.First(), Is.EqualTo("batch.started"));
        Assert.That(names.Last(), Is.EqualTo("batch.finished"));
        Assert.That(names.Count(n => n == "item.started"), Is.EqualTo(6));
        Assert.That(events.Where(e => e.GetProperty("event").GetString() == "run.finished").Select(e => e.GetProperty("state").GetString()), Is.EqualTo(Enumerable.Repeat("succeeded", 6)));
        Assert.That(events.Where(e => e.GetProperty("event").GetString() == "spend").Sum(e => e.GetProperty("usd").GetDecimal()), Is.EqualTo(0.70m), "seven paid clips at $0.10, each reported once as spend");

        var shards = await Task.WhenAll(Enumerable.Range(0, 3).Select(i =>
            rig.RunAsync("sharded", Limit, cancellationToken, "batch", "scenes", "--shard", $"{i}/3", "--cache", "cache")));

        foreach (var shard in shards)
        {
            Assert.That(shard.ExitCode, Is.EqualTo(0), shard.ToString());
        }

        Assert.That(rig.Server.JobsCreated, Is.EqualTo(7), "three shards: every clip once across them");
        Assert.That(rig.Server.CountRequests(FakeEndpoint.Create), Is.EqualTo(7), "no shard even sent a create for a clip another shard generated (not merely answered by idempotency)");
        Assert.That(shards.Select(s => Items(s.Stdout)), Is.EqualTo(new[]
        {
            new[] { "scenes/film-1.yaml", "scenes/film-4.yaml" },
            new[] { "scenes/film-2.yaml", "scenes/film-5.yaml" },
            new[] { "scenes/film-3.yaml", "scenes/film-6.yaml" },
        }), "item k of the sorted list goes to shard k mod 3");

        for (var n = 1; n <= 6; n++)
        {
            var expected = await MediaInspection.VideoFrameHashesAsync(single.Temp.File($"whole/scenes/out/film-{n}.mp4"), cancellationToken);
            var actual = await MediaInspection.VideoFrameHashesAsync(rig.Temp.File($"sharded/scenes/out/film-{n}.mp4"), cancellationToken);
            Assert.That(expected, Has.Count.EqualTo(48), $"film {n}: 2 s at 24 fps");
            Assert.That(actual, Is.EqualTo(expected), $"film {n}: the same decoded frames");
        }

        var report = await rig.RunAsync("sharded", Limit, cancellationToken, "batch", "report", "recreate-batch", "-o", "merged");
        Assert.That(report.ExitCode, Is.EqualTo(0), report.ToString());
        using var merged = JsonDocument.Parse(await File.ReadAllTextAsync(rig.Temp.File("sharded/merged/batch-summary.json"), cancellationToken));
        var items = merged.RootElement.GetProperty("items").EnumerateArray().ToList();
        Assert.That(items.Select(i => i.GetProperty("id").GetString()), Is.EqualTo(Enumerable.Range(1, 6).Select(n => $"scenes/film-{n}.yaml")));
        Assert.That(items.Select(i => i.GetProperty("state").GetString()), Has.All.EqualTo("succeeded"));
        Assert.That(merged.RootElement.GetProperty("shards").EnumerateArray().Select(s => s.GetString()), Is.EqualTo(new[] { "0/3", "1/3", "2/3" }));
        Assert.That(merged.RootElement.GetProperty("spent_usd").GetDecimal(), Is.EqualTo(0.70m), "seven clips of one second at $0.10, each paid by one shard");
    }

    [Test]
    public async Task A_shard_killed_mid_run_and_run_again_completes_its_slice_without_paying_twice(CancellationToken cancellationToken)
    {
        await using var rig = await BatchRig.StartAsync(TimeSpan.FromMilliseconds(500), cancellationToken);
        WriteSixFilms(rig, "k");
        using var process = Process.Start(rig.StartInfo("k", "batch", "scenes", "--shard", "0/3", "--cache", "cache")) ?? throw new InvalidOperationException("could not start dotnet");
        var killed = 0;
        rig.Server.Faults.AddRule(request =>
        {
            // Killed (SIGKILL: nothing is flushed) the moment its second job is created: claims are held, a job is in flight.
            if (request.Endpoint == FakeEndpoint.Create && rig.Server.JobsCreated >= 1 && Interlocked.Exchange(ref killed, 1) == 0)
            {
                process.Kill(entireProcessTree: true);
            }

            return null;
        });
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken).WaitAsync(Limit, cancellationToken);
        await Task.WhenAll(stdout, stderr);
        rig.Server.Faults.Clear();
        Assert.That(killed, Is.EqualTo(1), "killed mid-run:\n" + await stdout + await stderr);
        Assert.That(Directory.EnumerateFiles(rig.Temp.File("k/cache/claims")), Is.Not.Empty, "the dead shard left a claim behind");

        var rerun = await rig.RunAsync("k", Limit, cancellationToken, "batch", "scenes", "--shard", "0/3", "--cache", "cache");

        Assert.That(rerun.ExitCode, Is.EqualTo(0), rerun.ToString());
        Assert.That(Items(rerun.Stdout), Is.EqualTo(new[] { "scenes/film-1.yaml", "scenes/film-4.yaml" }));
        Assert.That(File.Exists(rig.Temp.File("k/scenes/out/film-1.mp4")) && File.Exists(rig.Temp.File("k/scenes/out/film-4.mp4")), "the slice is complete");
        Assert.That(rig.Server.JobsCreated, Is.EqualTo(3), "the shared scene and the two films' own: none paid twice");
        Assert.That(Directory.EnumerateFiles(rig.Temp.File("k/cache/claims")), Is.Empty, "no claim is left");
    }

    [Test]
    public async Task A_batch_whose_estimate_is_over_its_budget_refuses_to_start_and_writes_nothing(CancellationToken cancellationToken)
    {
        await using var rig = await BatchRig.StartAsync(TimeSpan.Zero, cancellationToken);
        WriteSixFilms(rig, "b");
        var before = rig.Temp.ListFiles();

        var result = await rig.RunAsync("b", Limit, cancellationToken, "batch", "scenes", "--max-cost", "1.00");

        Assert.That(result.ExitCode, Is.EqualTo(3), result.ToString());
        Assert.That(result.Stderr, Does.Contain("Refusing to start the batch").And.Contain("$1.20").And.Contain("$1.00"));
        Assert.That(rig.Temp.ListFiles(), Is.EqualTo(before), "nothing written");
        Assert.That(rig.Server.CountRequests(FakeEndpoint.Create), Is.Zero, "nothing sent");
    }

    /// <summary>The items a batch ran, from its "[item] started" lines, sorted.</summary>
    private static string[] Items(string stdout) =>
        stdout.Split('\n').Where(l => l.EndsWith("] started", StringComparison.Ordinal)).Select(l => l[1..l.IndexOf(']', StringComparison.Ordinal)]).Order(StringComparer.Ordinal).ToArray();
}