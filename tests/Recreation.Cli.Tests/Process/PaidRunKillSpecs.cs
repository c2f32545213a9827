using System.Diagnostics;
using System.Globalization;

using Recreation.Media;
using Recreation.Media.Validation;
using Recreation.Testing;
using Recreation.Testing.FakeVideosApi;

namespace Recreation.Cli.Tests.ChildProcesses;

/// <summary>
/// The promise of the openai backend, proven on the built tool: <c>recreate run</c> is killed with
/// SIGKILL at a dozen points of a paid run (before and after a create, while reconciling, mid-poll,
/// mid-download, mid-conform, mid-stitch) against the fake Videos API, and rerun each time; in the
/// end the video is valid, every clip was created exactly once, and the key is nowhere on disk or
/// in the output.
/// </summary>
[CancelAfter(300_000)]
public class PaidRunKillSpecs
{
    private const string Yaml = """
        version: 1
        title: Kill spec
        profiles: [{ name: test-tiny, backends: [openai], seconds: [1, 2, 4], sizes: [{ size: 320x180, usd_per_second: 0.10 }] }]
        target: { backend: openai, model: test-tiny, size: 320x180, concurrency: 1 }
        output: { path: out/film.mp4, fps: 24 }
        palette: ["#203040", "#a0b0c0"]
        scenes:
          - { id: dawn, duration: 1, description: Fog lifts off a still lake at dawn. }
          - { id: heron, duration: 1, description: A heron stands in the reeds. }
          - { id: boat, duration: 1, description: A rowing boat drifts past the jetty. }
          - { id: sun, duration: 1, description: The sun breaks through the last of the fog. }
        """;

    private static readonly FFmpegRunner Runner = new();

    /// <summary>Where to kill: the Nth request of one kind that this child sends, dropped before the server handles it or not.</summary>
    private sealed record KillPoint(string Name, FakeEndpoint? Endpoint, int Nth, bool DropBeforeHandling, Func<string, bool>? OnDisk = null);

    [Test]
    public async Task Killed_at_twelve_points_and_rerun_the_video_is_valid_and_no_clip_was_created_twice(CancellationToken cancellationToken)
    {
        using var temp = new TempDirectory("recreation-kill");
        var key = "sk-kill-spec-" + Guid.NewGuid().ToString("N");
        await using var server = await FakeVideosApiServer.StartAsync(new FakeVideosApiOptions
        {
            ApiKey = key,
            PollsToComplete = 3,
            PollAfter = TimeSpan.FromMilliseconds(30),
        }, cancellationToken);
        var scene = temp.File("scene.yaml");
        await File.WriteAllTextAsync(scene, Yaml, cancellationToken);
        var ledger = temp.File("out/.recreation/kill-spec/ledger.json");
        var conformedAtStart = 0;

        KillPoint[] points =
        [
            new("before the first create", FakeEndpoint.Create, 1, DropBeforeHandling: true),
            new("after the first create, its answer lost", FakeEndpoint.Create, 1, DropBeforeHandling: false),
            new("while reconciling through the list", FakeEndpoint.List, 1, DropBeforeHandling: false),
            new("at the first poll of a reconciled job", FakeEndpoint.Retrieve, 1, DropBeforeHandling: false),
            new("mid-poll", FakeEndpoint.Retrieve, 2, DropBeforeHandling: false),
            new("mid-download", FakeEndpoint.Content, 1, DropBeforeHandling: false),
            new("before a download", FakeEndpoint.Content, 1, DropBeforeHandling: true),
            new("after the second clip's create", FakeEndpoint.Create, 1, DropBeforeHandling: false),
            new("mid-poll of a resumed job", FakeEndpoint.Retrieve, 3, DropBeforeHandling: false),
            new("mid-download of the second clip", FakeEndpoint.Content, 1, DropBeforeHandling: false),
            new("after a clip was conformed", null, 0, false, OnDisk: _ => Count(ledger, "\"Conformed\"") > conformedAtStart),
            new("mid-stitch", null, 0, false, OnDisk: _ => Count(ledger, "\"Conformed\"") == 4),
        ];

        var outputs = new List<string>();
        var hits = new List<string>();
        foreach (var point in points)
        {
            conformedAtStart = Count(ledger, "\"Conformed\"");
            var (hit, result) = await RunUntilKilledAsync(server, key, temp.Path, scene, point, cancellationToken);
            outputs.Add(result);
            if (hit)
            {
                hits.Add(point.Name);
            }
        }

        await TestContext.Out.WriteLineAsync(string.Join("\n", outputs));
        var final = await RunChildAsync(server, key, temp.Path, scene, null, cancellationToken);
        outputs.Add(final.Output);
        Assert.That(final.ExitCode, Is.EqualTo(0), final.Output);
        Assert.That(hits, Has.Count.GreaterThanOrEqualTo(10), "kill points reached: " + string.Join(", ", hits));
        Assert.That(hits, Is.SupersetOf(points.Where(p => p.OnDisk is null).Select(p => p.Name)), "every request-driven kill point was reached");

        Assert.That(server.JobsCreated, Is.EqualTo(4), "no clip was created twice");
        Assert.That(server.Jobs.GroupBy(j => j.Prompt).Select(g => g.Count()), Has.All.EqualTo(1));
        var check = await new MediaValidator(Runner).ValidateAsync(new MediaValidationRequest(temp.File("out/film.mp4")) { Decode = DecodeCheck.Full, MinimumDuration = TimeSpan.FromSeconds(3.9) }, cancellationToken);
        Assert.That(check.IsValid, check.ToString());

        foreach (var file in Directory.EnumerateFiles(temp.Path, "*", SearchOption.AllDirectories))
        {
            Assert.That(Contains(await File.ReadAllBytesAsync(file, cancellationToken), key), Is.False, $"the key is in {file}");
        }

        Assert.That(outputs, Has.None.Contains(key), "the key is in the tool's output");
    }

    private static async Task<(bool Hit, string Output)> RunUntilKilledAsync(FakeVideosApiServer server, string key, string folder, string scene, KillPoint point, CancellationToken cancellationToken)
    {
        var result = await RunChildAsync(server, key, folder, scene, point, cancellationToken);
        return (result.Killed, $"[{point.Name}] exit {result.ExitCode}\n{result.Output}");
    }

    private static async Task<(int ExitCode, bool Killed, string Output)> RunChildAsync(FakeVideosApiServer server, string key, string folder, string scene, KillPoint? point, CancellationToken cancellationToken)
    {
        var start = ChildProcess.StartInfo(folder, ["run", scene, "-v"]);
        start.Environment["OPENAI_BASE_URL"] = server.BaseUrl.ToString();
        start.Environment["OPENAI_API_KEY"] = key;
        start.Environment["RECREATION_OpenAI__PollInterval"] = "00:00:00.050";
        start.Environment["RECREATION_OpenAI__MinPollInterval"] = "00:00:00.020";
        start.Environment["RECREATION_OpenAI__MaxPollInterval"] = "00:00:00.500";
        start.Environment["RECREATION_OpenAI__RetryBaseDelay"] = "00:00:00.050";
        start.Environment["RECREATION_OpenAI__RetryMaxDelay"] = "00:00:00.500";

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
        if (point is { Endpoint: { } endpoint })
        {
            server.Faults.AddRule(request =>
            {
                if (request.Endpoint != endpoint || Volatile.Read(ref killed) == 1 || process.HasExited)
                {
                    return null;
                }

                if (Interlocked.Increment(ref seen) != point.Nth)
                {
                    return null;
                }

                Kill();
                return point.DropBeforeHandling ? FakeFault.DropBeforeHandling() : null;
            });
        }

        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(90));
        while (!process.HasExited)
        {
            if (point?.OnDisk is { } onDisk && onDisk(folder))
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
                Assert.Fail($"recreate run did not end within 90 s (kill point: {point?.Name ?? "none"})");
            }
        }

        await process.WaitForExitAsync(cancellationToken);
        server.Faults.Clear();
        var output = await stdout + await stderr;
        return (process.ExitCode, killed == 1, output);
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