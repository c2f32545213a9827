using Recreation.Core;
using Recreation.Core.Model;
using Recreation.Media;
using Recreation.Media.Frames;
using Recreation.Media.Probing;
using Recreation.Pipeline.Ledger;
using Recreation.Pipeline.Running;
using Recreation.Pipeline.Workspace;

namespace Recreation.Pipeline.Reports;

/// <summary>
/// Gathers a run's storyboard: each clip's plan, ledger line and outcome, its thumbnails and
/// measured palette (<see cref="ClipLooks"/>), its drift from the planned palette, and the
/// comparison with the reference for a drafted scene file. A clip that cannot be measured gets a
/// note on its card; it never fails the run. All the clips are measured together
/// (<see cref="ClipLooks"/>: one ffmpeg run, from the run's own probes where it has them).
/// </summary>
internal sealed class StoryboardBuilder(FFmpegRunner runner)
{
    /// <param name="probed">Probes the run already made of its clip files (its downloads, the stitch's conformed clips), so they are not probed again.</param>
    public async Task<Storyboard> BuildAsync(CompiledScene scene, RunSummary summary, RunWorkspace workspace, RunLedger ledger, IEnumerable<MediaInfo> probed, CancellationToken cancellationToken)
    {
        var file = scene.File;
        var planned = Planned(file.Palette);
        var outcomes = summary.Clips.ToDictionary(c => c.ClipId, StringComparer.Ordinal);
        var paths = scene.Plan.Clips.ToDictionary(c => c.Id, c => ClipFile(ledger.Find(c.Id), workspace), StringComparer.Ordinal);
        var looks = await new ClipLooks(runner, ReportFolder(workspace)).OfAsync(paths.Values.OfType<string>().ToList(), probed, cancellationToken);
        var cards = new List<ClipCard>();
        foreach (var clip in scene.Plan.Clips)
        {
            var record = ledger.Find(clip.Id);
            var outcome = outcomes.GetValueOrDefault(clip.Id);
            var anchors = clip.Characters.Select(file.FindCharacter).OfType<Character>().SelectMany(c => c.Anchors);
            IReadOnlyList<byte[]?> thumbnails = [];
            IReadOnlyList<PaletteColor> measured = [];
            string? problem = null;
            if (paths[clip.Id] is { } path && looks.TryGetValue(path, out var look))
            {
                (thumbnails, measured, problem) = (look.Look?.Thumbnails ?? [], look.Look?.Palette ?? [], look.Problem);
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

    /// <summary>The clip's file the card shows (conformed, else as generated), or null when there is none on disk.</summary>
    private static string? ClipFile(ClipRecord? record, RunWorkspace workspace) =>
        (record?.Conformed ?? record?.File) is { } relative && workspace.Resolve(relative) is var path && File.Exists(path) ? path : null;

    /// <summary>The workspace folder the report's measurements are kept in.</summary>
    public static string ReportFolder(RunWorkspace workspace) => Path.Combine(workspace.Root, "report");

    /// <summary>The scene file's palette as colours of equal weight.</summary>
    public static IReadOnlyList<PaletteColor> Planned(IReadOnlyList<string> palette) =>
        palette.Select(hex => new PaletteColor(hex.ToUpperInvariant(), 1.0 / palette.Count)).ToList();
}