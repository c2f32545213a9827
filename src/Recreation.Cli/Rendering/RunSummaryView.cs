using System.Globalization;

using Recreation.Pipeline.Ledger;
using Recreation.Pipeline.Running;

using Spectre.Console;

namespace Recreation.Cli.Rendering;

/// <summary>The per-clip table at the end of a run, and the one line that says how it went.</summary>
internal static class RunSummaryView
{
    /// <param name="scenePath">The scene file as the user named it, for the import command a waiting manual run suggests.</param>
    public static void Render(CliConsole console, RunSummary summary, string? scenePath = null)
    {
        var manual = summary.Capabilities.MadeByHand;
        var table = new Table().AddColumns("clip", "state", "gen s", "est. $", "spent $", "cache", "time", "note");
        foreach (var clip in summary.Clips)
        {
            var cache = clip.CacheHit ? (manual ? "imported" : "clip") + (clip.ConformCacheHit ? "+conform" : "") : "";
            table.AddRow(
                Markup.Escape(clip.ClipId),
                clip.State switch
                {
                    ClipState.Failed => "[red]failed[/]",
                    ClipState.InDoubt => "[yellow]in doubt[/]",
                    _ => clip.State.ToString().ToLowerInvariant(),
                },
                clip.Seconds.ToString(CultureInfo.InvariantCulture),
                clip.EstimatedUsd.ToString("0.00", CultureInfo.InvariantCulture),
                clip.SpentUsd.ToString("0.00", CultureInfo.InvariantCulture),
                cache,
                clip.Elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) + " s",
                Markup.Escape(clip.Error ?? ""));
        }

        console.Out.Write(table);
        if (summary.Cost is { PlanUsd: > 0 } || summary.SpentUsd > 0)
        {
            console.Output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Cost: estimated ${summary.EstimatedUsd:0.00}, spent ${summary.SpentUsd:0.00} on this plan's clips."));
        }

        if (summary.InDoubt.Any())
        {
            var where = summary.Capabilities.Dashboard ?? $"the {summary.Backend} dashboard";
            console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"In doubt: {string.Join(", ", summary.InDoubt.Select(c => c.ClipId))} — each create was sent to {summary.Backend} but its answer was lost, and {summary.Backend} cannot say whether the job exists; ${summary.AtRiskUsd:0.00} is at risk and counted against the budget."));
            console.Error.WriteLine($"Look for them in {where}. They are not sent again on their own; if they are not there, run again with --resubmit-in-doubt (one that ran after all is then paid twice).");
        }

        if (summary.StoppedByBudget)
        {
            console.Error.WriteLine("The budget stopped the run: clips not yet submitted were left out (see the notes). Raise --max-cost (or target.max_cost_usd) and run again to go on; nothing finished is lost.");
        }

        var generated = summary.Generated;
        var cached = summary.Clips.Count(c => c.CacheHit);
        if (summary.Succeeded)
        {
            var overlap = summary.TransitionOverlap > TimeSpan.Zero
                ? string.Create(CultureInfo.InvariantCulture, $" (transitions shortened it by {summary.TransitionOverlap.TotalSeconds:0.###} s)")
                : "";
            // A manual run's clips all come in through import; "from cache" would say nothing useful.
            var clips = manual ? $"{cached} clip(s) imported" : $"{generated} clip(s) generated, {cached} from cache";
            console.Output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Done: {summary.OutputPath} — {summary.OutputDuration.TotalSeconds:0.###} s{overlap}; {clips}, in {summary.Elapsed.TotalSeconds:0.0} s."));
            console.Output.WriteLine($"Workspace: {summary.Workspace}");
        }
        else if (summary.WaitingForClips)
        {
            var missing = summary.Missing.Select(m => m.ClipId).ToList();
            console.Output.WriteLine($"Waiting for {missing.Count} of {summary.Clips.Count} clip(s): {string.Join(", ", missing)}.");
            console.Output.WriteLine($"Shot list: {summary.ShotListPath} (and {Path.ChangeExtension(summary.ShotListPath, ".csv")}): what to generate, at which length and size, and the image to upload.");
            console.Output.WriteLine($"Generate them, then import the downloads: recreate import {scenePath ?? "SCENE"} FOLDER (add --watch to wait for them).");
            console.Output.WriteLine($"Workspace: {summary.Workspace}");
        }
        else
        {
            var failed = summary.Failed.Select(f => f.ClipId).ToList();
            var inDoubt = summary.InDoubt.Select(f => f.ClipId).ToList();
            var why = inDoubt.Count == 0
                ? $"{failed.Count} clip(s) failed ({string.Join(", ", failed)})"
                : $"{failed.Count} clip(s) failed{(failed.Count > 0 ? $" ({string.Join(", ", failed)})" : "")}, {inDoubt.Count} in doubt ({string.Join(", ", inDoubt)})";
            console.Error.WriteLine($"The run did not finish: {why}. Finished clips are kept; fix the cause and run again to resume.");
            console.Error.WriteLine($"Workspace: {summary.Workspace}");
        }
    }
}