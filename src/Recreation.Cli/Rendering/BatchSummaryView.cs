using System.Globalization;

using Recreation.Pipeline.Batch;

using Spectre.Console;

namespace Recreation.Cli.Rendering;

/// <summary>A batch's progress lines and its summary table.</summary>
internal static class BatchSummaryView
{
    /// <summary>One plain line per state change: "[item] started", "[item] clip generate: generated", "[item] succeeded".</summary>
    public static void Progress(CliConsole console, BatchEvent e)
    {
        if (e.Result is { } result)
        {
            console.Output.WriteLine($"[{e.Item}] {State(result.State)}{(result.Error is null ? "" : ": " + result.Error)}");
        }
        else if (e.Run is { } run)
        {
            if (run.Status is not null)
            {
                console.Output.WriteLine($"[{e.Item}] {run.Item} {run.Phase.ToString().ToLowerInvariant()}: {run.Status}");
            }
        }
        else
        {
            console.Output.WriteLine($"[{e.Item}] started");
        }
    }

    public static void Render(CliConsole console, BatchSummary summary, string? path)
    {
        var table = new Table().AddColumns("item", "state", "clips", "generated", "cached", "est. $", "spent $", "video s", "time", "output / note");
        foreach (var item in summary.Items)
        {
            table.AddRow(
                Markup.Escape(item.Id),
                item.State == BatchItemState.Succeeded ? State(item.State) : $"[red]{State(item.State)}[/]",
                item.Clips.ToString(CultureInfo.InvariantCulture),
                item.Generated.ToString(CultureInfo.InvariantCulture),
                item.Cached.ToString(CultureInfo.InvariantCulture),
                item.EstimatedUsd.ToString("0.00", CultureInfo.InvariantCulture),
                item.SpentUsd.ToString("0.00", CultureInfo.InvariantCulture),
                item.DurationSeconds.ToString("0.###", CultureInfo.InvariantCulture),
                item.ElapsedSeconds.ToString("0.0", CultureInfo.InvariantCulture) + " s",
                Markup.Escape(item.Output ?? item.Error ?? ""));
        }

        console.Out.Write(table);
        var counts = string.Join(", ", summary.Items.GroupBy(i => i.State).OrderBy(g => g.Key).Select(g => $"{g.Count()} {State(g.Key)}"));
        console.Output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Batch: {summary.Items.Count} item(s): {counts}; estimated ${summary.EstimatedUsd:0.00}, spent ${summary.SpentUsd:0.00}; {summary.ElapsedSeconds:0.0} s; exit {summary.ExitCode}."));
        if (path is not null)
        {
            console.Output.WriteLine($"Summary: {path}");
        }
    }

    private static string State(BatchItemState state) => state switch
    {
        BatchItemState.Succeeded => "succeeded",
        BatchItemState.Failed => "failed",
        BatchItemState.Locked => "locked",
        BatchItemState.StoppedByBudget => "stopped-by-budget",
        BatchItemState.WaitingForClips => "waiting-for-clips",
        _ => "cancelled",
    };
}