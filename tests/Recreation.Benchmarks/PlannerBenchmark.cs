using System.Diagnostics;
using System.Globalization;
using System.Text;

using Recreation.Core;
using Recreation.Core.Planning;

namespace Recreation.Benchmarks;

/// <summary>
/// Plans 10,000 generated scenes (seeded, so every run plans the same ones): the time of the
/// planner alone, and of loading + validating + planning from YAML text.
/// </summary>
internal static class PlannerBenchmark
{
    public static BenchmarkRow Run(int scenes = 10_000)
    {
        var yaml = Generate(scenes, seed: 42);
        var path = Path.Combine(Path.GetTempPath(), "recreation-bench", "scenes.yaml");

        // Warm up the JIT on a small file first.
        SceneCompiler.CompileText(Generate(50, seed: 1), path);

        var compileWatch = Stopwatch.StartNew();
        var compiled = SceneCompiler.CompileText(yaml, path);
        compileWatch.Stop();

        var planWatch = Stopwatch.StartNew();
        var plan = Planner.Plan(compiled.File);
        planWatch.Stop();

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"planner: {scenes} scenes -> {plan.Clips.Count()} clips; plan {planWatch.Elapsed.TotalMilliseconds:0} ms; load+validate+plan+lint {compileWatch.Elapsed.TotalMilliseconds:0} ms (target < 2000 ms)"));
        var total = compileWatch.Elapsed.TotalMilliseconds;
        return new BenchmarkRow(string.Create(CultureInfo.InvariantCulture, $"planner: load + validate + plan + lint {scenes:N0} scenes"),
            string.Create(CultureInfo.InvariantCulture, $"{total:0} ms"), "—", "—", "< 2000 ms", total < 2000);
    }

    private static string Generate(int count, int seed)
    {
        var random = new Random(seed);
        string[] words = ["walks", "pours", "talks", "kicks", "smiles", "crash", "reads", "waves", "runs", "sits"];
        var yaml = new StringBuilder("version: 1\ntitle: Bench\ncharacters:\n  ann: { description: a pilot, anchors: [red scarf] }\n  bob: { description: a mechanic, anchors: [grey overalls] }\nscenes:\n");
        for (var i = 0; i < count; i++)
        {
            var interactions = Enumerable.Range(0, random.Next(0, 8)).Select(_ => $"ann {words[random.Next(words.Length)]}");
            yaml.Append(CultureInfo.InvariantCulture, $"  - id: s{i}\n    duration: {random.Next(1, 40)}.{random.Next(0, 1000):000}\n    description: Scene {i} where someone {words[random.Next(words.Length)]}.\n");
            yaml.Append(CultureInfo.InvariantCulture, $"    characters: [ann, bob]\n    people: {random.Next(2, 14)}\n    interactions: [{string.Join(", ", interactions)}]\n");
            if (random.Next(4) == 0)
            {
                yaml.Append("    camera: { speed: fast }\n");
            }
        }

        return yaml.ToString();
    }
}