using System.Globalization;

using Recreation.Benchmarks;

// Side-by-side measurements, run by hand on a quiet machine (not in CI):
//   dotnet build -c Release tests/Recreation.Benchmarks
//   dotnet tests/Recreation.Benchmarks/bin/Release/net10.0/Recreation.Benchmarks.dll \
//       [planner|stitch-uniform|stitch-mixed|memory|windowed|batch|analyze|all] [--repeat N] [--work DIR] [--quick] [--recreate PATH] [--pyscenedetect DIR]
// Headlines and the Markdown table go to stdout; progress to stderr.
const string Usage = """
    usage: Recreation.Benchmarks [planner|stitch-uniform|stitch-mixed|memory|windowed|batch|analyze|all] [options]
      (analyze generates ~10 min of 720p/1080p and runs five detectors on it: it runs only when named)
      --repeat N       runs of ours and of the baseline, alternating (default 3; 1 with --quick)
      --work DIR       where generated clips are cached and outputs kept (default /tmp/recreation-bench)
      --quick          small inputs (320x180, 2 s clips), a smoke test of the benchmarks themselves
      --recreate PATH  the recreate.dll to measure (default: src/Recreation.Cli/bin/Release/net10.0)
      --units N        analyze: repetitions of the ~22 s shot set per file (default 14: ~10 min in all)
      --pyscenedetect DIR  a folder holding PySceneDetect's `scenedetect` package (analyze; default WORK/pyscenedetect)
    """;
string[] known = ["planner", "stitch-uniform", "stitch-mixed", "memory", "windowed", "batch", "analyze", "all"];

string? which = null, work = null, recreate = null, pyscenedetect = null;
int? units = null;
int? repeat = null;
var quick = false;
for (var i = 0; i < args.Length; i++)
{
    var arg = args[i];
    string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{arg} needs a value.");
    try
    {
        switch (arg)
        {
            case "--repeat":
                repeat = int.TryParse(Value(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : throw new ArgumentException("--repeat needs a positive whole number.");
                break;
            case "--work":
                work = Value();
                break;
            case "--recreate":
                recreate = Value();
                break;
            case "--units":
                units = int.TryParse(Value(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var u) && u > 0 ? u : throw new ArgumentException("--units needs a positive whole number.");
                break;
            case "--pyscenedetect":
                pyscenedetect = Path.GetFullPath(Value());
                break;
            case "--quick":
                quick = true;
                break;
            case "-h" or "--help":
                Console.WriteLine(Usage);
                return 0;
            default:
                which = which is null && known.Contains(arg) ? arg : throw new ArgumentException($"Unexpected argument '{arg}'.");
                break;
        }
    }
    catch (ArgumentException ex)
    {
        Console.Error.WriteLine(ex.Message);
        Console.Error.WriteLine(Usage);
        return 2;
    }
}

which ??= "all";
var rows = new List<BenchmarkRow>();
var failed = false;
if (which is "planner" or "all")
{
    rows.Add(PlannerBenchmark.Run());
}

if (which != "planner")
{
    try
    {
        var tools = Tools.Locate(recreate);
        var workDirectory = Path.GetFullPath(work ?? Path.Combine(Path.GetTempPath(), "recreation-bench"));
        Directory.CreateDirectory(workDirectory);
        var context = new BenchmarkContext(repeat ?? (quick ? 1 : 3), workDirectory, quick, tools);
        await PrintEnvironmentAsync(context);

        var benchmarks = new List<(string Name, Func<Task<IReadOnlyList<BenchmarkRow>>> Run)>
        {
            (StitchUniformBenchmark.Name, async () => [await StitchUniformBenchmark.RunAsync(context)]),
            (StitchMixedBenchmark.Name, async () => [await StitchMixedBenchmark.RunAsync(context)]),
            (MemoryBenchmark.Name, () => MemoryBenchmark.RunAsync(context)),
            (WindowedBenchmark.Name, async () => [await WindowedBenchmark.RunAsync(context)]),
            (BatchBenchmark.Name, async () => [await BatchBenchmark.RunAsync(context)]),
            (AnalyzeBenchmark.Name, () => AnalyzeBenchmark.RunAsync(context, pyscenedetect, units)),
        };
        foreach (var (name, run) in benchmarks.Where(b => (which == "all" && b.Name != AnalyzeBenchmark.Name) || which == b.Name))
        {
            try
            {
                rows.AddRange(await run());
            }
            catch (BenchmarkException ex)
            {
                // One benchmark failing (e.g. recreate exiting non-zero) must not hide the others.
                failed = true;
                Console.WriteLine($"{name}: FAILED — {ex.Message}");
            }
        }
    }
    catch (BenchmarkException ex)
    {
        Console.Error.WriteLine(ex.Message);
        return 1;
    }
}

if (rows.Count > 0)
{
    Console.WriteLine();
    Console.WriteLine(BenchmarkRow.Table(rows));
}

return failed ? 1 : 0;

// What the numbers were measured on: noisy when the load is high.
static async Task PrintEnvironmentAsync(BenchmarkContext context)
{
    var ffmpeg = await ChildProcess.RunAsync(Tools.FFmpeg, ["-hide_banner", "-version"]);
    var version = ffmpeg.StandardOutput.Split('\n')[0].Trim();
    var load = File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "?";
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"# {(context.Quick ? "QUICK (smoke test; sizes not representative)" : "full")} run, {context.Repeat} repetition(s); {Environment.ProcessorCount} cores, load average {load}; {version}"));
    Console.WriteLine($"# recreate: {context.Tools.Dotnet} {context.Tools.RecreateDll} (built {File.GetLastWriteTime(context.Tools.RecreateDll):yyyy-MM-dd HH:mm}); work folder {context.WorkDirectory}");

    // Untimed warm-up: the runtime and recreate's assemblies into the page cache.
    var warm = await context.Tools.RecreateAsync(["--version"]);
    if (!warm.Succeeded)
    {
        throw new BenchmarkException("recreate does not start: " + warm.Describe());
    }
}