using System.Diagnostics;

using Recreation.Testing;
using Recreation.Testing.FakeVideosApi;

namespace Recreation.Cli.Tests.ChildProcesses;

/// <summary>
/// The built tool against a hostile Videos API (issue 11, items 2 and 6): <c>recreate run</c> as a
/// child process, the key and base URL from the environment as a user sets them, and a fake server
/// that echoes the key in every field it controls or sends answers that never end. What is checked
/// is what the user and the disk see: the console, <c>run.log</c>, <c>ledger.json</c>, every other
/// file, the exit code, the time taken and the process's peak memory.
/// </summary>
[CancelAfter(240_000)]
public class HostileServerProcessSpecs
{
    private const string Yaml = """
        version: 1
        title: Hostile
        profiles: [{ name: test-tiny, backends: [openai], seconds: [1, 2, 4], sizes: [{ size: 320x180, usd_per_second: 0.10 }] }]
        target: { backend: openai, model: test-tiny, size: 320x180, concurrency: 1 }
        output: { path: out/film.mp4, fps: 24, loudness: null }
        palette: ["#203040", "#a0b0c0"]
        scenes:
          - { id: dawn, duration: 1, description: Fog lifts off a still lake at dawn. }
          - { id: heron, duration: 1, description: A heron stands in the reeds. }
          - { id: boat, duration: 1, description: A rowing boat drifts past the jetty. }
        """;

    private static readonly long MemoryLimit = 300L * 1024 * 1024;

    [Test]
    public async Task A_server_echoing_the_key_in_every_field_leaves_no_part_of_it_in_the_console_the_log_or_the_ledger(CancellationToken cancellationToken)
    {
        using var temp = new TempDirectory("recreation-hostile-echo");
        var key = "sk-" + Guid.NewGuid().ToString("N"); // nothing else in the test shares 8 characters with it
        await using var server = await FakeVideosApiServer.StartAsync(new FakeVideosApiOptions { ApiKey = key, PollsToComplete = 2, PollAfter = TimeSpan.FromMilliseconds(20) }, cancellationToken);
        server.Faults
            .Enqueue(HostileAnswers.EchoKeyError(key, messagePadding: 190), FakeEndpoint.Create)
            .Enqueue(HostileAnswers.EchoKeyPage(key, padding: 190), FakeEndpoint.Create)
            .Enqueue(FakeFault.FailJob(key, new string('f', 195) + key), FakeEndpoint.Create);
        var scene = temp.File("scene.yaml");
        await File.WriteAllTextAsync(scene, Yaml, cancellationToken);

        var first = await RunAsync(server, key, temp.Path, scene, cancellationToken);
        var again = await RunAsync(server, key, temp.Path, scene, cancellationToken);

        Assert.That(first.ExitCode, Is.EqualTo(1), first.Output);
        Assert.That(server.Requests.Count(r => r.Fault is not null), Is.EqualTo(3), "every echo was sent");
        var log = temp.File("out/.recreation/hostile/run.log");
        Assert.That(File.ReadAllText(log), Does.Contain("[redacted]"), "the server's words reached the log, redacted");
        Assert.That(File.ReadAllText(temp.File("out/.recreation/hostile/ledger.json")), Does.Contain("[redacted]"), "and the ledger");
        Assert.That(SecretLeaks.Find(first.Output, key), Is.Null, first.Output);
        Assert.That(SecretLeaks.Find(again.Output, key), Is.Null, again.Output);
        Assert.That(SecretLeaks.InFiles(temp.Path, key), Is.Empty);
    }

    [Test]
    public async Task Endless_and_huge_answers_fail_their_clips_promptly_with_clear_messages_and_bounded_memory(CancellationToken cancellationToken)
    {
        using var temp = new TempDirectory("recreation-hostile-endless");
        var key = "sk-" + Guid.NewGuid().ToString("N");
        await using var server = await FakeVideosApiServer.StartAsync(new FakeVideosApiOptions { ApiKey = key, PollsToComplete = 2, PollAfter = TimeSpan.FromMilliseconds(20) }, cancellationToken);
        var errorBody = new HostileAnswers.SentBytes();
        var json = new HostileAnswers.SentBytes();
        var content = new HostileAnswers.SentBytes();
        server.Faults
            .Enqueue(HostileAnswers.EndlessBody(errorBody, 400, "text/plain", announce: 512L * 1024 * 1024), FakeEndpoint.Create)
            .Enqueue(HostileAnswers.EndlessBody(json, 200, "application/json"), FakeEndpoint.Create)
            .AddRule(request => request.Endpoint == FakeEndpoint.Content ? HostileAnswers.EndlessBody(content) : null);
        var scene = temp.File("scene.yaml");
        await File.WriteAllTextAsync(scene, Yaml, cancellationToken);
        var clock = Stopwatch.StartNew();

        var run = await RunAsync(server, key, temp.Path, scene, cancellationToken);

        await TestContext.Out.WriteLineAsync($"hostile run: {clock.Elapsed.TotalSeconds:0.0} s, peak RSS {run.PeakMiB:0} MiB\n{run.Output}");
        Assert.That(run.ExitCode, Is.EqualTo(1), run.Output);
        Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(90)), "long before the 10-minute download timeout");
        Assert.That(run.Output, Does.Contain("bytes of JSON"), "the endless JSON answer is named");
        Assert.That(run.Output, Does.Contain("went on past"), "the endless download is named");
        Assert.That(run.Output, Does.Contain("HTTP 400").And.Contain("Bad Request"), "the huge error is reported by its status");
        Assert.That(run.PeakBytes, Is.GreaterThan(0).And.LessThan(MemoryLimit), $"peak RSS {run.PeakMiB:0} MiB");
        Assert.That(Directory.EnumerateFiles(temp.Path, "*.partial", SearchOption.AllDirectories), Is.Empty);
        Assert.That(SecretLeaks.InFiles(temp.Path, key), Is.Empty);
    }

    private sealed record Run(int ExitCode, string Output, long PeakBytes)
    {
        public double PeakMiB => PeakBytes / (1024.0 * 1024.0);
    }

    private static async Task<Run> RunAsync(FakeVideosApiServer server, string key, string folder, string scene, CancellationToken cancellationToken)
    {
        var start = ChildProcess.StartInfo(folder, ["run", scene, "-v"]);
        start.Environment["OPENAI_BASE_URL"] = server.BaseUrl.ToString();
        start.Environment["OPENAI_API_KEY"] = key;
        start.Environment["RECREATION_OpenAI__PollInterval"] = "00:00:00.050";
        start.Environment["RECREATION_OpenAI__MinPollInterval"] = "00:00:00.020";
        start.Environment["RECREATION_OpenAI__MaxPollInterval"] = "00:00:00.500";
        start.Environment["RECREATION_OpenAI__RetryBaseDelay"] = "00:00:00.050";
        start.Environment["RECREATION_OpenAI__RetryMaxDelay"] = "00:00:00.200";
        start.Environment["RECREATION_OpenAI__MaxRetryAttempts"] = "2";

        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start dotnet");
        var memory = new PeakMemory();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(120));
        var watch = memory.WatchAsync(process, timeout.Token);
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail("recreate run did not end within 120 s");
        }

        await watch;
        return new Run(process.ExitCode, await stdout + await stderr, memory.PeakBytes);
    }
}