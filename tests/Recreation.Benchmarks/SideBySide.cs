using System.Globalization;

namespace Recreation.Benchmarks;

/// <summary>
/// Runs ours and the baseline on the same inputs in one process run, alternating which goes
/// first (ours, baseline; baseline, ours; …) so neither always gets the warmer cache, and reports
/// medians and ours / baseline.
/// </summary>
internal static class SideBySide
{
    public static async Task<SideBySideResult> RunAsync(string name, int repeat, Func<Task<ChildResult>> ours, Func<Task<TimeSpan>> baseline)
    {
        var oursRuns = new List<ChildResult>();
        var baselineRuns = new List<TimeSpan>();
        for (var run = 0; run < repeat; run++)
        {
            if (run % 2 == 0)
            {
                oursRuns.Add(await ours().ConfigureAwait(false));
                baselineRuns.Add(await baseline().ConfigureAwait(false));
            }
            else
            {
                baselineRuns.Add(await baseline().ConfigureAwait(false));
                oursRuns.Add(await ours().ConfigureAwait(false));
            }

            Console.Error.WriteLine(Stats.Invariant($"  {name} run {run + 1}/{repeat}: ours {oursRuns[^1].Elapsed.TotalSeconds:0.00} s, baseline {baselineRuns[^1].TotalSeconds:0.00} s"));
        }

        return new SideBySideResult(oursRuns, baselineRuns);
    }
}

internal sealed record SideBySideResult(IReadOnlyList<ChildResult> Ours, IReadOnlyList<TimeSpan> Baseline)
{
    public double OursMedian => Stats.Median(Ours.Select(r => r.Elapsed.TotalSeconds));

    public double BaselineMedian => Stats.Median(Baseline.Select(t => t.TotalSeconds));

    public double Ratio => OursMedian / BaselineMedian;

    /// <summary>The run of ours closest to the median, for its phase breakdown.</summary>
    public ChildResult MedianOurs => Ours.MinBy(r => Math.Abs(r.Elapsed.TotalSeconds - OursMedian))!;

    /// <summary>"stitch-uniform: ours 3.41 s, baseline 2.98 s (median of 3) → 1.14× (target ≤ 1.3×)".</summary>
    public string Headline(string name, double target)
    {
        var verdict = Ratio <= target ? "met" : "MISSED";
        return Stats.Invariant($"{name}: ours {Stats.Seconds(OursMedian)}, baseline {Stats.Seconds(BaselineMedian)} (median of {Ours.Count}) → {Stats.Ratio(Ratio)} (target ≤ {target:0.0#}×) — {verdict}");
    }

    public string AllRuns()
    {
        return "  runs: ours " + string.Join(", ", Ours.Select(r => r.Elapsed.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture)))
            + " s; baseline " + string.Join(", ", Baseline.Select(t => t.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture))) + " s";
    }

    public BenchmarkRow Row(string benchmark, double target)
    {
        return new BenchmarkRow(benchmark, Stats.Seconds(OursMedian), Stats.Seconds(BaselineMedian), Stats.Ratio(Ratio), Stats.Invariant($"≤ {target:0.0#}×"), Ratio <= target);
    }
}

/// <summary>Reads what <c>recreate stitch</c> printed: its phase lines (with arrival times) and its closing "Done:" line.</summary>
internal static class RecreateOutput
{
    /// <summary>Throws with everything the run printed when it failed.</summary>
    public static ChildResult EnsureSucceeded(ChildResult result)
    {
        return result.Succeeded ? result : throw new BenchmarkException("recreate stitch failed: " + result.Describe());
    }

    public static string? DoneLine(ChildResult result) => result.OutputLines.Select(l => l.Text).LastOrDefault(l => l.StartsWith("Done:", StringComparison.Ordinal));

    public static bool TookFastPath(ChildResult result) => DoneLine(result)?.Contains("stream copy (fast path)", StringComparison.Ordinal) == true;

    /// <summary>
    /// Where the time went, from the moments the phase lines arrived: "start + validate" is
    /// everything before the first phase (runtime start-up, host, the CLI's validation of every
    /// clip), each phase runs until the next line, "exit" is after the Done line.
    /// </summary>
    public static string Phases(ChildResult result)
    {
        var marks = result.OutputLines
            .Where(l => l.Text.StartsWith("stitch: ", StringComparison.Ordinal) || l.Text.StartsWith("Done:", StringComparison.Ordinal))
            .ToList();
        if (marks.Count == 0)
        {
            return "(no phase lines)";
        }

        var parts = new List<string> { Stats.Invariant($"start + validate {marks[0].At.TotalSeconds:0.00}") };
        for (var i = 0; i < marks.Count; i++)
        {
            var end = i + 1 < marks.Count ? marks[i + 1].At : result.Elapsed;
            var label = marks[i].Text.StartsWith("Done:", StringComparison.Ordinal) ? "exit" : marks[i].Text["stitch: ".Length..];
            parts.Add(Stats.Invariant($"{label} {(end - marks[i].At).TotalSeconds:0.00}"));
        }

        return string.Join(", ", parts) + " s";
    }
}