using System.Diagnostics;

using Recreation.Media;
using Recreation.Media.Validation;
using Recreation.Testing;
using Recreation.Testing.FakeProviders;
using Recreation.Testing.FakeVideosApi;

namespace Recreation.Cli.Tests.ChildProcesses;

/// <summary>
/// The promise of the replicate backend, proven on the built tool: <c>recreate run</c> is killed with
/// SIGKILL at eleven points of a paid run against the fake Replicate API (before a create, after a
/// create whose answer was lost, while the rerun looks for it in the list, at and mid-poll, before and
/// mid-download, mid-poll of a resumed prediction, after a conform, mid-stitch) and rerun each time,
/// never with <c>--resubmit-in-doubt</c>. Replicate lists the account's predictions with their input,
/// so nothing is ever in doubt: the rerun finds the prediction a lost create made and adopts it, or
/// proves there is none and sends the create again. In the end the video is valid, every clip was
/// made exactly once, and the token is in no file and no output and reached only the API and the
/// file host.
/// </summary>
[CancelAfter(900_000)]
public class ReplicateKillSpecs
{
    private static readonly FFmpegRunner Runner = new();

    private enum Listener
    {
        Api,
        Downloads,
    }

    /// <summary>
    /// Where to kill: the Nth request of one kind this child sends (to the API or the file host),
    /// dropped before handling or not; with <see cref="AfterHandling"/>, the request is handled (the
    /// prediction made), its connection dropped, and the child killed once the prediction exists; or a
    /// state on disk.
    /// </summary>
    private sealed record KillPoint(string Name, Listener On, FakeEndpoint? Endpoint, int Nth, bool DropBeforeHandling, Func<bool>? OnDisk = null, bool AfterHandling = false);

    [Test]
    public async Task Killed_at_eleven_points_and_rerun_the_video_is_valid_lost_creates_are_found_in_the_list_and_no_clip_is_made_twice(CancellationToken cancellationToken)
    {
        using var temp = new TempDirectory("recreation-kill-replicate");
        var key = "r8_KillSpec" + Guid.NewGuid().ToString("N");
        await using var fake = await FakeReplicateServer.StartAsync(new FakeProviderOptions { ApiKey = key, PollsToComplete = 3 }, requireKeyOnDownloads: true, cancellationToken);
        var scene = temp.File("scene.yaml");
        // A model of the scene's own (replicate runs any model its profile maps), with short clips to keep the run cheap.
        await File.WriteAllTextAsync(scene, """
            version: 1
            title: Kill spec
            target: { backend: replicate, model: kill-spec-model, size: 1280x720, concurrency: 1 }
            profiles:
              - name: kill-spec-model
                model: kill-spec/text-to-video
                backends: [replicate]
                seconds: [2]
                sizes: [{ size: 1280x720, usd_per_second: 0.05 }]
                input_image: false
                inputs: { duration: duration, seed: seed }
            output: { path: out/film.mp4, size: 320x180, fps: 24 }
            palette: ["#203040", "#a0b0c0"]
            scenes:
              - { id: dawn, duration: 2, description: Fog lifts off a still lake at dawn. }
              - { id: heron, duration: 2, description: A heron stands in the reeds. }
              - { id: boat, duration: 2, description: A rowing boat drifts past the jetty. }
              - { id: sun, duration: 2, description: The sun breaks through the last of the fog. }
            """, cancellationToken);
        var ledger = temp.File("out/.recreation/kill-spec/ledger.json");
        var conformedAtStart = 0;

        KillPoint[] points =
        [
            new("before the first create", Listener.Api, FakeEndpoint.Create, 1, DropBeforeHandling: true),
            new("after the next create, its answer lost", Listener.Api, FakeEndpoint.Create, 1, DropBeforeHandling: false, AfterHandling: true),
            new("while the rerun looks for the lost create in the list", Listener.Api, FakeEndpoint.List, 1, DropBeforeHandling: false),
            new("at the first poll", Listener.Api, FakeEndpoint.Retrieve, 1, DropBeforeHandling: false),
            new("mid-poll", Listener.Api, FakeEndpoint.Retrieve, 2, DropBeforeHandling: false),
            new("mid-download", Listener.Downloads, FakeEndpoint.Content, 1, DropBeforeHandling: false),
            new("before a download", Listener.Downloads, FakeEndpoint.Content, 1, DropBeforeHandling: true),
            new("mid-poll of a resumed prediction", Listener.Api, FakeEndpoint.Retrieve, 3, DropBeforeHandling: false),
            new("after the next create, its answer lost, again", Listener.Api, FakeEndpoint.Create, 1, DropBeforeHandling: false, AfterHandling: true),
            new("after a clip was conformed", Listener.Api, null, 0, false, OnDisk: () => Count(ledger, "\"Conformed\"") > conformedAtStart),
            new("mid-stitch", Listener.Api, null, 0, false, OnDisk: () => Count(ledger, "\"Conformed\"") == 4),
        ];

        var outputs = new List<string>();
        var hits = new List<string>();
        foreach (var point in points)
        {
            conformedAtStart = Count(ledger, "\"Conformed\"");
            var result = await RunChildAsync(fake, key, temp.Path, scene, point, cancellationToken);
            outputs.Add($"[{point.Name}] exit {result.ExitCode}\n{result.Output}");
            if (result.Killed)
            {
                hits.Add(point.Name);
            }
        }

        await TestContext.Out.WriteLineAsync(string.Join("\n", outputs));
        var final = await RunChildAsync(fake, key, temp.Path, scene, null, cancellationToken);
        outputs.Add(final.Output);
        Assert.That(final.ExitCode, Is.EqualTo(0), final.Output);
        Assert.That(hits, Has.Count.GreaterThanOrEqualTo(8), "kill points reached: " + string.Join(", ", hits));
        Assert.That(hits, Is.SupersetOf(points.Take(6).Select(p => p.Name)), "the create, list, poll and download kill points were reached");

        var made = fake.Submissions.GroupBy(s => Description(s.Input["prompt"]!.GetValue<string>())).ToDictionary(g => g.Key, g => g.Count());
        Assert.That(made.Keys, Has.Count.EqualTo(4));
        Assert.That(made.Values, Has.All.EqualTo(1), "every clip was made exactly once: " + string.Join(", ", made));
        Assert.That(fake.JobsCreated, Is.EqualTo(4));
        Assert.That(fake.Requests.Count(r => r.Endpoint == FakeEndpoint.Create && r.Fault?.Kind == FakeFaultKind.DropAfterHandling), Is.GreaterThanOrEqualTo(1), "a create was handled and its answer lost");
        Assert.That(outputs, Has.Some.Contains("an interrupted submission had created job"), "a rerun adopted the lost prediction from the list");
        Assert.That(outputs, Has.None.Contains("in doubt"), "nothing is in doubt on Replicate");

        var check = await new MediaValidator(Runner).ValidateAsync(new MediaValidationRequest(temp.File("out/film.mp4")) { Decode = DecodeCheck.Full, MinimumDuration = TimeSpan.FromSeconds(7.9) }, cancellationToken);
        Assert.That(check.IsValid, check.ToString());
        foreach (var file in Directory.EnumerateFiles(temp.Path, "*", SearchOption.AllDirectories))
        {
            Assert.That(Contains(await File.ReadAllBytesAsync(file, cancellationToken), key), Is.False, $"the token is in {file}");
        }

        Assert.That(outputs, Has.None.Contains(key), "the token is in the tool's output");
        Assert.That(fake.Downloads.Requests.Where(r => r.StatusCode == 200).Select(r => r.HadAuthorization), Is.All.True, "the file host got the token it needs");
    }

    private static async Task<(int ExitCode, bool Killed, string Output)> RunChildAsync(FakeReplicateServer fake, string key, string folder, string scene, KillPoint? point, CancellationToken cancellationToken)
    {
        var start = ChildProcess.StartInfo(folder, ["run", scene, "-v"]);
        start.Environment["REPLICATE_API_TOKEN"] = key;
        start.Environment["RECREATION_Replicate__BaseUrl"] = fake.BaseUrl.ToString();
        start.Environment["RECREATION_Replicate__KeyHosts"] = fake.DownloadHost;
        start.Environment["RECREATION_Replicate__PollInterval"] = "00:00:00.050";
        start.Environment["RECREATION_Replicate__RetryBaseDelay"] = "00:00:00.050";
        start.Environment["RECREATION_Replicate__RetryMaxDelay"] = "00:00:00.500";
        // Long enough that a kill after a lost create lands before the run looks in the list itself.
        start.Environment["RECREATION_Replicate__ReconcileDelay"] = "00:00:01";

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

        var seen = 0;
        var armed = 0;
        var jobsAtStart = fake.JobsCreated;
        if (point is { Endpoint: { } endpoint })
        {
            (point.On == Listener.Api ? fake.Faults : fake.Downloads.Faults).AddRule(request =>
            {
                if (request.Endpoint == endpoint && point.AfterHandling && Volatile.Read(ref armed) == 1)
                {
                    // The child goes on between the lost answer and the kill: its next create must not make a prediction too.
                    return FakeFault.DropBeforeHandling();
                }

                if (request.Endpoint != endpoint || Volatile.Read(ref killed) == 1 || process.HasExited || Interlocked.Increment(ref seen) != point.Nth)
                {
                    return null;
                }

                if (point.AfterHandling)
                {
                    // The prediction is made first, then the answer is lost and the process dies.
                    Volatile.Write(ref armed, 1);
                    return FakeFault.DropAfterHandling();
                }

                Kill();
                return point.DropBeforeHandling ? FakeFault.DropBeforeHandling() : null;
            });
        }

        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(240));
        while (!process.HasExited)
        {
            if ((point?.OnDisk is { } onDisk && onDisk()) || (Volatile.Read(ref armed) == 1 && fake.JobsCreated > jobsAtStart))
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
        fake.Downloads.Faults.Clear();
        return (process.ExitCode, killed == 1, await stdout + await stderr);
    }

    /// <summary>The scene description a prediction was made for (prompts begin with the style line, so the description is found by its words).</summary>
    private static string Description(string prompt) =>
        new[] { "Fog lifts", "A heron", "A rowing boat", "The sun breaks" }.First(d => prompt.Contains(d, StringComparison.Ordinal));

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