using System.Diagnostics;

using Recreation.Testing;
using Recreation.Testing.FakeVideosApi;

namespace Recreation.Cli.Tests.ChildProcesses;

/// <summary>
/// Scene files of tiny paid clips (test-tiny, 320x180, $0.10 a second) in a temp folder, a fake
/// Videos API on loopback, and <c>recreate batch</c> started as child processes against it.
/// </summary>
internal sealed class BatchRig : IAsyncDisposable
{
    private BatchRig(FakeVideosApiServer server) => Server = server;

    public FakeVideosApiServer Server { get; }

    public TempDirectory Temp { get; } = new("recreation-batch");

    /// <param name="holdUntilRunning">When above zero, the fake finishes no job until this many run at once (see <see cref="FakeVideosApiOptions.HoldJobsUntilRunning"/>).</param>
    public static async Task<BatchRig> StartAsync(TimeSpan jobDuration, CancellationToken cancellationToken, int holdUntilRunning = 0) =>
        new(await FakeVideosApiServer.StartAsync(new FakeVideosApiOptions
        {
            ApiKey = "sk-batch-" + Guid.NewGuid().ToString("N"),
            PollsToComplete = 1,
            JobDuration = jobDuration,
            PollAfter = TimeSpan.FromMilliseconds(50),
            HoldJobsUntilRunning = holdUntilRunning,
        }, cancellationToken));

    /// <summary>A scene file of <paramref name="scenes"/> one-second scenes, written to <c>FOLDER/scenes/film-N.yaml</c>; its video goes to <c>FOLDER/scenes/out/film-N.mp4</c>.</summary>
    public string WriteFilm(string folder, int n, IEnumerable<string> scenes, int concurrency = 2)
    {
        var lines = string.Join("\n", scenes.Select((description, i) => $"  - {{ id: s{i + 1}, duration: 1, description: \"{description}\" }}"));
        var yaml = $$"""
            version: 1
            title: Film {{n}}
            profiles: [{ name: test-tiny, backends: [openai], seconds: [1, 2, 4], sizes: [{ size: 320x180, usd_per_second: 0.10 }] }]
            target: { backend: openai, model: test-tiny, size: 320x180, concurrency: {{concurrency}} }
            output: { path: out/film-{{n}}.mp4, fps: 24, loudness: null }
            palette: ["#203040", "#a0b0c0"]
            scenes:

            """ + lines + "\n";
        var path = Path.Combine(Temp.Folder(Path.Combine(folder, "scenes")), $"film-{n}.yaml");
        File.WriteAllText(path, yaml);
        return path;
    }

    public ProcessStartInfo StartInfo(string folder, params string[] args)
    {
        var start = ChildProcess.StartInfo(Temp.Folder(folder), args);
        start.Environment["OPENAI_BASE_URL"] = Server.BaseUrl.ToString();
        start.Environment["OPENAI_API_KEY"] = Server.ApiKey;
        start.Environment["RECREATION_OpenAI__PollInterval"] = "00:00:00.050";
        start.Environment["RECREATION_OpenAI__MinPollInterval"] = "00:00:00.020";
        start.Environment["RECREATION_OpenAI__MaxPollInterval"] = "00:00:00.250";
        start.Environment["RECREATION_OpenAI__RetryBaseDelay"] = "00:00:00.050";
        start.Environment["RECREATION_OpenAI__RetryMaxDelay"] = "00:00:00.500";
        return start;
    }

    /// <summary>Runs <c>recreate ARGS</c> in <c>TEMP/FOLDER</c> to its end (bounded by <paramref name="timeout"/>).</summary>
    public async Task<ProcessResult> RunAsync(string folder, TimeSpan timeout, CancellationToken cancellationToken, params string[] args)
    {
        using var process = Process.Start(StartInfo(folder, args)) ?? throw new InvalidOperationException("could not start dotnet");
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"recreate {string.Join(' ', args)} did not finish within {timeout.TotalSeconds} s");
        }

        return new ProcessResult(process.ExitCode, await stdout, await stderr);
    }

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        Temp.Dispose();
    }
}