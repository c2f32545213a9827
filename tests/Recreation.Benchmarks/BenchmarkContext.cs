using System.Globalization;

namespace Recreation.Benchmarks;

/// <summary>What every stitch benchmark gets: the options, the tools and the clip cache.</summary>
internal sealed record BenchmarkContext(int Repeat, string WorkDirectory, bool Quick, Tools Tools)
{
    public ClipCache Clips { get; } = new(WorkDirectory);

    /// <summary>A fresh folder for one benchmark's outputs (kept after the run for inspection).</summary>
    public string RunFolder(string benchmark)
    {
        var folder = Path.Combine(WorkDirectory, "runs", benchmark);
        Directory.CreateDirectory(folder);
        return folder;
    }
}

/// <summary>One row of the README's Performance table.</summary>
internal sealed record BenchmarkRow(string Benchmark, string Ours, string Baseline, string Ratio, string Target, bool? Met)
{
    public static string Table(IEnumerable<BenchmarkRow> rows)
    {
        var lines = new List<string>
        {
            "| Benchmark | Ours | Baseline | Ratio | Target |",
            "|---|---:|---:|---:|---|",
        };
        lines.AddRange(rows.Select(r => $"| {r.Benchmark} | {r.Ours} | {r.Baseline} | {r.Ratio} | {r.Target}{(r.Met == false ? " (missed)" : "")} |"));
        return string.Join('\n', lines);
    }
}

/// <summary>Medians and the formats every benchmark prints.</summary>
internal static class Stats
{
    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0)
        {
            throw new ArgumentException("No values.", nameof(values));
        }

        var middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    public static string Seconds(double seconds) => seconds.ToString("0.00", CultureInfo.InvariantCulture) + " s";

    public static string Ratio(double ratio) => ratio.ToString("0.00", CultureInfo.InvariantCulture) + "×";

    public static string Megabytes(long kilobytes) => (kilobytes / 1024.0).ToString("0", CultureInfo.InvariantCulture) + " MB";

    public static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}