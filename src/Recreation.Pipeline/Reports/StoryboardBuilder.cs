using Recreation.Core;
using Recreation.Core.Model;
using Recreation.Media;
using Recreation.Media.Frames;
using Recreation.Pipeline.Ledger;
using Recreation.Pipeline.Running;
using Recreation.Pipeline.Workspace;

namespace Recreation.Pipeline.Reports;

/// <summary>
/// Gathers a run's storyboard: each clip's plan, ledger line and outcome, its thumbnails and
/// measured palette (<see cref="ClipLooks"/>), its drift from the planned palette, and the
/// comparison with the reference for a drafted scene file. A clip that cannot be measured gets a
/// note on its card; it never fails the run.
/// </summary>
internal sealed class StoryboardBuilder(FFmpegRunner runner)
{
    public async Task<Storyboard> BuildAsync(CompiledScene scene, RunSummary summary, RunWorkspace workspace, RunLedger ledger, CancellationToken cancellationToken)
    {
        var file = scene.File;
        var planned = Planned(file.Palette);
        var looks = new ClipLooks(runner, ReportFolder(workspace));
        var outcomes = summary.Clips.ToDictionary(c => c.ClipId, StringComparer.Ordinal);
        var cards = new List<ClipCard>();
        foreach (var clip in scene.Plan.Clips)
        {
            var record = ledger.Find(clip.Id);
            var outcome = outcomes.GetValueOrDefault(clip.Id);
            var anchors = clip.Characters.Select(file.FindCharacter).OfType<Character>().SelectMany(c => c.Anchors);
            IReadOnlyList<byte[]?> thumbnails = [];
            IReadOnlyList<PaletteColor> measured = [];
            string? problem = null;
            if ((record?.Conformed ?? record?.File) is { } relative && workspace.Resolve(relative) is var path && File.Exists(path))
            {
                try
                {
                    var look = await looks.OfAsync(path, cancellationToken);
                    (thumbnails, measured) = (look.Thumbnails, look.Palette);
                }
                catch (Exception e) when (Failures.IsItemFailure(e))
                {
                    problem = "could not measure the clip: " + e.Message.Split('\n')[0];
                }
            }

            cards.Add(new ClipCard(
                clip.Id, clip.SceneId, clip.Shot, clip.Shots, outcome?.State ?? record?.State ?? ClipState.Planned,
                clip.Seconds, clip.ShareMs / 1000.0, outcome?.EstimatedUsd ?? record?.EstimatedUsd ?? 0, outcome?.SpentUsd ?? record?.SpentUsd ?? 0, record?.EarlierSpentUsd ?? 0,
                outcome?.CacheHit ?? false, record?.Takes?.Count ?? (record?.File is null ? 0 : 1), record?.SelectedTake, outcome?.Error ?? record?.Error,
                PromptHighlighter.Spans(clip.Prompt, anchors, file.Palette),
                thumbnails, measured, planned.Count > 0 && measured.Count > 0 ? PaletteDistance.Drift(planned, measured) : null, problem));
        }

        var comparison = file.Scenes.Any(s => s.ReferenceShot is not null)
            ? await new ComparisonBuilder(runner).BuildAsync(scene, summary.OutputPath, Path.Combine(ReportFolder(workspace), "compare"), cancellationToken)
            : null;
        return new Storyboard(
            file.Title, summary.Backend, summary.OutputPath,
            summary.OutputPath is { } output && File.Exists(output) ? Html.RelativeHref(workspace.Root, output) : null,
            summary.OutputDuration.TotalSeconds, summary.Elapsed.TotalSeconds, summary.EstimatedUsd, summary.SpentUsd, summary.StitchReason,
            planned, RunReport.SceneStarts(scene).ToList(), cards, comparison);
    }

    /// <summary>The workspace folder the report's measurements are kept in.</summary>
    public static string ReportFolder(RunWorkspace workspace) => Path.Combine(workspace.Root, "report");

    /// <summary>The scene file's palette as colours of equal weight.</summary>
    public static IReadOnlyList<PaletteColor> Planned(IReadOnlyList<string> palette) =>
        palette.Select(hex => new PaletteColor(hex.ToUpperInvariant(), 1.0 / palette.Count)).ToList();
}