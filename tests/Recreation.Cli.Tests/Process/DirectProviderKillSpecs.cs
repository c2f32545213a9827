using System.Diagnostics;

using Recreation.Media;
using Recreation.Media.Validation;
using Recreation.Testing;
using Recreation.Testing.FakeProviders;
using Recreation.Testing.FakeVideosApi;

namespace Recreation.Cli.Tests.ChildProcesses;

/// <summary>
/// The promise of the paid providers without an idempotency key or a list of jobs (gemini, runway,
/// fal, openrouter), proven on the built tool: <c>recreate run</c> is killed with SIGKILL at ten points of a
/// paid run against the provider's fake (before and after a create, mid-poll, after the job
/// completed and before its result or file was read, mid-download, after a conform, mid-stitch) and
/// rerun each time. None of these services can tell whether a create whose answer was lost made a
/// job, so such a clip is in doubt: the plain reruns never send it again; only the last runs, with
/// <c>--resubmit-in-doubt</c>, do. In the end the video is valid, the clip whose create was lost
/// after the service handled it is the only one made twice, every other clip exactly once, and the
/// key is in no file and no output.
/// </summary>
[CancelAfter(900_000)]
[Parallelizable(ParallelScope.Children)] // the four providers share nothing but the fake media cache, which is safe across servers
public class DirectProviderKillSpecs
{
    private static readonly FFmpegRunner Runner = new();

    private enum Listener
    {
        Api,
        Downloads,
    }

    /// <summary>
    /// Where to kill: the Nth request of one kind this child sends (to the API or the download host),
    /// dropped before handling or not; with <see cref="AfterHandling"/>, the request is handled (the
    /// job made), its connection dropped, and the child killed once the job exists; or a state on disk.
    /// </summary>
    private sealed record KillPoint(string Name, Listener On, FakeEndpoint? Endpoint, int Nth, bool DropBeforeHandling, bool Resubmit = false, Func<bool>? OnDisk = null, bool AfterHandling = false);

    [TestCase("gemini")]
    [TestCase("runway")]
    [TestCase("fal")]
    [TestCase("openrouter")]
    public async Task Killed_at_ten_points_and_rerun_the_video_is_valid_lost_creates_stay_in_doubt_and_nothing_else_is_made_twice(string provider, CancellationToken cancellationToken)
    {
        using var temp = new TempDirectory($"recreation-kill-{provider}");
        var setup = DirectProviders.For(provider);
        var key = setup.Key;
        var options = new FakeProviderOptions { ApiKey = key, PollsToComplete = 3 };
        await using var fake = await DirectProviders.StartFakeAsync(provider, options, cancellationToken);
        var (model, seconds) = (setup.Model, setup.Seconds);
        var scene = temp.File("scene.yaml");
        await File.WriteAllTextAsync(scene, $$"""
            version: 1
            title: Kill spec
            target: { backend: {{provider}}, model: {{model}}, size: 1280x720, concurrency: 1 }
            {{setup.Profiles}}
            output: { path: out/film.mp4, size: 320x180, fps: 24 }
            palette: ["#203040", "#a0b0c0"]
            scenes:
              - { id: dawn, duration: {{seconds}}, description: Fog lifts off a still lake at dawn. }
              - { id: heron, duration: {{seconds}}, description: A heron stands in the reeds. }
              - { id: boat, duration: {{seconds}}, description: A rowing boat drifts past the jetty. }
              - { id: sun, duration: {{seconds}}, description: The sun breaks through the last of the fog. }
            """, cancellationToken);
        var ledger = temp.File("out/.recreation/kill-spec/ledger.json");
        var conformedAtStart = 0;
        // Where a job's end is read before its file: Gemini's file endpoint, fal's result and
        // OpenRouter's content endpoint are on the API host; Runway names its output URL in the task itself.
        var sixth = provider switch
        {
            "gemini" => new KillPoint("before a download, at the API's file endpoint", Listener.Api, FakeEndpoint.Content, 1, DropBeforeHandling: true),
            "fal" => new KillPoint("after the status said COMPLETED, before the result was read", Listener.Api, FakeEndpoint.Content, 1, DropBeforeHandling: true),
            "openrouter" => new KillPoint("after the job completed, at the API's content endpoint", Listener.Api, FakeEndpoint.Content, 1, DropBeforeHandling: true),
            _ => new KillPoint("before a download", Listener.Downloads, FakeEndpoint.Content, 1, DropBeforeHandling: true),
        };

        KillPoint[] points =
        [
            new("before the first create", Listener.Api, FakeEndpoint.Create, 1, DropBeforeHandling: true),
            new("after the next create, its answer lost", Listener.Api, FakeEndpoint.Create, 1, DropBeforeHandling: false, AfterHandling: true),
            new("at the first poll", Listener.Api, FakeEndpoint.Retrieve, 1, DropBeforeHandling: false),
            new("mid-poll", Listener.Api, FakeEndpoint.Retrieve, 2, DropBeforeHandling: false),
            new("mid-download", Listener.Downloads, FakeEndpoint.Content, 1, DropBeforeHandling: false),
            sixth,
            new("mid-poll of a resumed job", Listener.Api, FakeEndpoint.Retrieve, 3, DropBeforeHandling: false),
            new("mid-download in a run that resubmits the clips in doubt", Listener.Downloads, FakeEndpoint.Content, 1, DropBeforeHandling: false, Resubmit: true),
            new("after a clip was conformed", Listener.Api, null, 0, false, Resubmit: true, OnDisk: () => Count(ledger, "\"Conformed\"") > conformedAtStart),
            new("mid-stitch", Listener.Api, null, 0, false, Resubmit: true, OnDisk: () => Count(ledger, "\"Conformed\"") == 4),
        ];

        var outputs = new List<string>();
        var hits = new List<string>();
        foreach (var point in points)
        {
            conformedAtStart = Count(ledger, "\"Conformed\"");
            var jobsBefore = fake.JobsCreated;
            var result = await RunChildAsync(fake, setup, temp.Path, scene, ledger, point, cancellationToken);
            outputs.Add($"[{point.Name}] exit {result.ExitCode}, jobs made by this run: {fake.JobsCreated - jobsBefore}\n{result.Output}");
            if (result.Killed)
            {
                hits.Add(point.Name);
            }
        }

        await TestContext.Out.WriteLineAsync(string.Join("\n", outputs));
        var final = await RunChildAsync(fake, setup, temp.Path, scene, ledger, null, cancellationToken);
        outputs.Add(final.Output);
        Assert.That(final.ExitCode, Is.EqualTo(0), final.Output);
        Assert.That(hits, Has.Count.GreaterThanOrEqualTo(8), "kill points reached: " + string.Join(", ", hits));
        Assert.That(hits, Is.SupersetOf(points.Take(5).Select(p => p.Name)), "the create, poll and download kill points were reached");

        var made = fake.Prompts().GroupBy(p => p).ToDictionary(g => g.Key[..g.Key.IndexOf('.', StringComparison.Ordinal)], g => g.Count());
        Assert.That(made.Keys, Has.Count.EqualTo(4));
        Assert.That(made.Where(m => m.Value > 1).Select(m => m.Key).ToList(), Has.Count.EqualTo(1), "only the clip whose create was handled and its answer lost was made again, and only by --resubmit-in-doubt: " + string.Join(", ", made));
        Assert.That(made.Values, Has.All.LessThanOrEqualTo(2));
        Assert.That(fake.JobsCreated, Is.EqualTo(5));
        Assert.That(outputs.Take(7), Has.Some.Contains("in doubt"), "a plain rerun says which clips are in doubt");

        var check = await new MediaValidator(Runner).ValidateAsync(new MediaValidationRequest(temp.File("out/film.mp4")) { Decode = DecodeCheck.Full, MinimumDuration = TimeSpan.FromSeconds((4 * seconds) - 0.1) }, cancellationToken);
        Assert.That(check.IsValid, check.ToString());
        foreach (var file in Directory.EnumerateFiles(temp.Path, "*", SearchOption.AllDirectories))
        {
            Assert.That(Contains(await File.ReadAllBytesAsync(file, cancellationToken), key), Is.False, $"the key is in {file}");
        }

        Assert.That(outputs, Has.None.Contains(key), "the key is in the tool's output");
        Assert.That(fake.DownloadsCarriedCredential, Is.False, "no key to the download host");
    }

    private static async Task<(int ExitCode, bool Killed, string Output)> RunChildAsync(DirectProviderFake fake, DirectProviders.Setup setup, string folder, string scene, string ledger, KillPoint? point, CancellationToken cancellationToken)
    {
        var args = new List<string> { "run", scene, "-v" };
        if (point is null or { Resubmit: true })
        {
            args.Add("--resubmit-in-doubt");
        }

        var start = ChildProcess.StartInfo(folder, args);
        var section = setup.Section;
        start.Environment[setup.KeyVariable] = setup.Key;
        start.Environment[$"RECREATION_{section}__BaseUrl"] = fake.BaseUrl.ToString();
        start.Environment[$"RECREATION_{section}__PollInterval"] = "00:00:00.050";
        start.Environment[$"RECREATION_{section}__RetryBaseDelay"] = "00:00:00.050";
        start.Environment[$"RECREATION_{section}__RetryMaxDelay"] = "00:00:00.500";

        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start dotnet");
        var killed = 0;
        void Kill()
        {
            if (Interlocked.Exchange(ref killed, 1) == 0)
            {
                try
                {
                    process.Kill(entireProcessTree: true); // SIGKILL: no handler runs, nothing is flushed
                }
                catch (InvalidOperationException)
                {
                    // already gone
                }
            }
        }

        // A job the fake made in this run whose id is not in the ledger yet is a create whose answer is
        // still on its way: a kill then makes that clip in doubt by accident, and a later
        // --resubmit-in-doubt makes it twice. Every kill but the one meant to lose a create's answer
        // waits (up to 10 s) until the child has saved every job made so far.
        var jobsAtStart = fake.JobsCreated;
        var idsAtStart = fake.JobIds().ToHashSet(StringComparer.Ordinal);
        bool Settled() => fake.JobIds().Where(id => !idsAtStart.Contains(id)).All(id => Count(ledger, id) > 0);
        void KillOnceSettled()
        {
            for (var wait = 0; wait < 500 && !process.HasExited && !Settled(); wait++)
            {
                Thread.Sleep(20);
            }

            Kill();
        }

        var seen = 0;
        var armed = 0;
        if (point is { Endpoint: { } endpoint })
        {
            (point.On == Listener.Api ? fake.Faults : fake.DownloadFaults).AddRule(request =>
            {
                if (request.Endpoint == endpoint && point.AfterHandling && Volatile.Read(ref armed) == 1)
                {
                    // The child goes on between the lost answer and the kill: its next create must not
                    // make a job too (under load it could, and that clip would be in doubt as well).
                    return FakeFault.DropBeforeHandling();
                }

                if (request.Endpoint != endpoint || Volatile.Read(ref killed) == 1 || process.HasExited || Interlocked.Increment(ref seen) != point.Nth)
                {
                    return null;
                }

                if (point.AfterHandling)
                {
                    // A kill as the request arrives can cut its body short, and then no job is made:
                    // here the job is made first, then the answer is lost and the process dies.
                    Volatile.Write(ref armed, 1);
                    return FakeFault.DropAfterHandling();
                }

                KillOnceSettled();
                return point.DropBeforeHandling ? FakeFault.DropBeforeHandling() : null;
            });
        }

        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(240));
        while (!process.HasExited)
        {
            if (point?.OnDisk is { } onDisk && onDisk())
            {
                KillOnceSettled();
            }
            else if (Volatile.Read(ref armed) == 1 && fake.JobsCreated > jobsAtStart)
            {
                Kill();
            }

            try
            {
                await Task.Delay(10, timeout.Token);
            }
            catch (OperationCanceledException)
            {
                Kill();
                Assert.Fail($"recreate run did not end within 240 s (kill point: {point?.Name ?? "none"})");
            }
        }

        await process.WaitForExitAsync(cancellationToken);
        fake.Faults.Clear();
        fake.DownloadFaults.Clear();
        return (process.ExitCode, killed == 1, await stdout + await stderr);
    }

    private static int Count(string path, string text)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var reader = new StreamReader(stream);
            var content = reader.ReadToEnd();
            var count = 0;
            for (var i = content.IndexOf(text, StringComparison.Ordinal); i >= 0; i = content.IndexOf(text, i + 1, StringComparison.Ordinal))
            {
                count++;
            }

            return count;
        }
        catch (IOException)
        {
            return 0;
        }
    }

    private static bool Contains(byte[] haystack, string needle) =>
        haystack.AsSpan().IndexOf(System.Text.Encoding.UTF8.GetBytes(needle)) >= 0;
}