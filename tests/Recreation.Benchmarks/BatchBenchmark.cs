using System.Globalization;

using Recreation.Testing.FakeVideosApi;

namespace Recreation.Benchmarks;

/// <summary>
/// Issue 14's throughput target: eight films of four clips each as one <c>recreate batch</c>
/// against a fake paid service whose jobs take 10 s, against one of those films alone
/// (<c>recreate run</c>), in fresh folders each time (no cache). The batch's paid jobs overlap, so
/// it should take at most 1.5× one film. The fake Videos API runs in this process on loopback and
/// renders real clips of the asked size and length; its rendered media are cached across runs, so
/// only the first run pays for rendering them. The suite's <c>BatchThroughputSpecs</c> checks the
/// part that does not depend on the machine's speed (all 32 jobs in flight at once).
/// </summary>
internal static class BatchBenchmark
{
    public const string Name = "batch";

    private const int Films = 8;
    private const int ClipsPerFilm = 4;
    private const double Target = 1.5;

    public static async Task<BenchmarkRow> RunAsync(BenchmarkContext context)
    {
        var jobTime = context.Quick ? TimeSpan.FromSeconds(2) : TimeSpan.FromSeconds(10);
        await using var server = await FakeVideosApiServer.StartAsync(new FakeVideosApiOptions
        {
            ApiKey = "sk-bench-" + Guid.NewGuid().ToString("N"),
            PollsToComplete = 1,
            JobDuration = jobTime,
            PollAfter = TimeSpan.FromMilliseconds(250),
            MediaCacheFolder = Path.Combine(context.WorkDirectory, "fake-videos-api"),
        }).ConfigureAwait(false);
        var environment = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["OPENAI_BASE_URL"] = server.BaseUrl.ToString(),
            ["OPENAI_API_KEY"] = server.ApiKey,
            ["RECREATION_OpenAI__PollInterval"] = "00:00:00.250",
            ["RECREATION_OpenAI__MinPollInterval"] = "00:00:00.100",
            ["RECREATION_OpenAI__MaxPollInterval"] = "00:00:00.500",
        };
        var root = context.RunFolder(Name);
        Console.Error.WriteLine(Stats.Invariant($"{Name}: {Films} films × {ClipsPerFilm} clips, jobs of {jobTime.TotalSeconds:0} s; {context.Repeat} repetition(s), alternating"));

        var batchTimes = new List<double>();
        var singleTimes = new List<double>();
        var jobsBefore = 0;
        for (var i = 0; i < context.Repeat; i++)
        {
            // Alternate which goes first, so a machine slowing down over time does not favour one side.
            var order = i % 2 == 0 ? new[] { true, false } : [false, true];
            foreach (var batch in order)
            {
                var folder = Path.Combine(root, Stats.Invariant($"{(batch ? "batch" : "single")}-{i + 1}"));
                if (Directory.Exists(folder))
                {
                    Directory.Delete(folder, recursive: true);
                }

                var scenes = Directory.CreateDirectory(Path.Combine(folder, "scenes")).FullName;
                for (var n = 1; n <= (batch ? Films : 1); n++)
                {
                    WriteFilm(scenes, n, Stats.Invariant($"{(batch ? "batch" : "alone")} {i + 1}"));
                }

                string[] arguments = batch
                    ? [context.Tools.RecreateDll, "batch", "scenes", "--concurrency", (Films * ClipsPerFilm).ToString(CultureInfo.InvariantCulture), "--summary", "summary"]
                    : [context.Tools.RecreateDll, "run", Path.Combine("scenes", "film-1.yaml")];
                var result = await ChildProcess.RunAsync(context.Tools.Dotnet, arguments, workingDirectory: folder, environment: environment).ConfigureAwait(false);
                if (!result.Succeeded)
                {
                    throw new BenchmarkException(result.Describe());
                }

                var jobs = server.JobsCreated - jobsBefore;
                jobsBefore = server.JobsCreated;
                var expected = (batch ? Films : 1) * ClipsPerFilm;
                if (jobs != expected)
                {
                    throw new BenchmarkException(Stats.Invariant($"{(batch ? "the batch" : "one film")} created {jobs} paid jobs, not {expected}"));
                }

                (batch ? batchTimes : singleTimes).Add(result.Elapsed.TotalSeconds);
                Console.Error.WriteLine(Stats.Invariant($"  {(batch ? "batch of 8" : "one film  ")} run {i + 1}: {Stats.Seconds(result.Elapsed.TotalSeconds)}"));
            }
        }

        var ours = Stats.Median(batchTimes);
        var baseline = Stats.Median(singleTimes);
        var ratio = ours / baseline;
        Console.WriteLine(Stats.Invariant($"{Name}: {Films} films × {ClipsPerFilm} clips as one batch {Stats.Seconds(ours)}, one film alone {Stats.Seconds(baseline)}: {Stats.Ratio(ratio)} (target ≤ {Target:0.0}×)"));
        return new BenchmarkRow(
            Stats.Invariant($"batch: {Films} scene files × {ClipsPerFilm} clips (1 s, 320x180) as one batch vs one of them alone; fake paid service, {jobTime.TotalSeconds:0} s jobs"),
            Stats.Seconds(ours), Stats.Seconds(baseline), Stats.Ratio(ratio), Stats.Invariant($"≤ {Target:0.0}×"), ratio <= Target);
    }

    /// <summary>
    /// A film of four one-second clips on the openai backend (the test-tiny profile: 320x180, $0.10
    /// a second). <paramref name="run"/> makes every run's prompts new: the same prompts would reuse
    /// an earlier run's jobs through their idempotency keys, and nothing would wait for the service.
    /// </summary>
    private static void WriteFilm(string folder, int n, string run)
    {
        string[] shots = ["harbour at dawn", "gulls over the masts", "a ferry leaving", "the lamps come on"];
        var lines = string.Join("\n", shots.Select((s, k) => $"  - {{ id: s{k + 1}, duration: 1, description: \"Film {n} ({run}): {s}.\" }}"));
        File.WriteAllText(Path.Combine(folder, $"film-{n}.yaml"), $$"""
            version: 1
            title: Film {{n}}
            profiles: [{ name: test-tiny, backends: [openai], seconds: [1, 2, 4], sizes: [{ size: 320x180, usd_per_second: 0.10 }] }]
            target: { backend: openai, model: test-tiny, size: 320x180, concurrency: {{ClipsPerFilm}} }
            output: { path: out/film-{{n}}.mp4, fps: 24, loudness: null }
            palette: ["#203040", "#a0b0c0"]
            scenes:

            """ + lines + "\n");
    }
}