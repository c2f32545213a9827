using System.Globalization;

using Recreation.Core;

using Spectre.Console;

namespace Recreation.Cli.Rendering;

/// <summary>The human view of a plan: one row per clip, then why scenes were split and the totals.</summary>
internal static class PlanTable
{
    public static void Render(IAnsiConsole console, CompiledScene compiled)
    {
        var plan = compiled.Plan;
        console.WriteLine($"{plan.Title}: {plan.Backend} backend, model {plan.Model} at {plan.Size}");
        var table = new Table().AddColumns("scene", "clip", "gen s", "share s", "starts", "interactions", "people", "characters", "input image");
        foreach (var scene in plan.Scenes)
        {
            foreach (var clip in scene.Clips)
            {
                var image = clip.InputImage is not null ? Path.GetFileName(clip.InputImage) : clip.InputFromClip is not null ? $"last frame of {clip.InputFromClip}" : "";
                table.AddRow(
                    Markup.Escape(scene.Id),
                    Markup.Escape(clip.Id),
                    clip.Seconds.ToString(CultureInfo.InvariantCulture),
                    clip.Share.ToString("0.000", CultureInfo.InvariantCulture),
                    clip.Start.ToString("0.000", CultureInfo.InvariantCulture),
                    clip.Interactions.Count.ToString(CultureInfo.InvariantCulture),
                    clip.People.ToString(CultureInfo.InvariantCulture),
                    Markup.Escape(string.Join(", ", clip.Characters)),
                    Markup.Escape(image));
            }
        }

        console.Write(table);
        foreach (var scene in plan.Scenes.Where(s => s.Splits.Count > 0 || s.TriggerWords.Count > 0))
        {
            foreach (var split in scene.Splits)
            {
                console.WriteLine($"{scene.Id}: split by {split.Rule}: {split.Detail}");
            }

            foreach (var word in scene.TriggerWords)
            {
                console.WriteLine($"{scene.Id}: physics {word.Kind} triggered by '{word.Word}' in {word.Source}; clips capped at {(scene.MaxClipMs / 1000m).ToString("0.###", CultureInfo.InvariantCulture)} s");
            }
        }

        var clips = plan.Clips.Count();
        var spend = Services.Providers.Find(plan.Backend)?.Capabilities.Paid == true ? "estimated cost" : "would cost on a paid backend";
        console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Total: {clips} clips, {plan.TotalGeneratedSeconds} s generated, {spend} ${plan.EstimatedCostUsd:0.00}"));
    }
}