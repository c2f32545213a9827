using System.Globalization;
using System.Text;

using Microsoft.Extensions.Logging;

using Recreation.Core;
using Recreation.Core.Model;
using Recreation.Core.Output;
using Recreation.Core.Planning;
using Recreation.Media.Files;
using Recreation.Media.Stitching;
using Recreation.Pipeline.Workspace;

namespace Recreation.Pipeline.Running;

/// <summary>
/// Post-production from the scene file's output section: captions (an SRT sidecar, or burned into
/// the picture from the workspace's captions.ass, dialogue drawn as written), the music bed, and chapters — one per scene,
/// in the MP4 and as a plain list beside it, when there are at least two scenes. Every time comes
/// from one timeline (<see cref="Timeline"/>), the same one the report prints.
/// </summary>
internal static class RunFinishing
{
    /// <summary>What the output step adds, written to the workspace first where it needs a file (burned captions).</summary>
    public static async Task<Finishing> PrepareAsync(CompiledScene scene, RunWorkspace workspace, ILogger logger, CancellationToken cancellationToken)
    {
        var output = scene.File.Output;
        string? burned = null;
        if (output.Captions == Captions.Burn && Srt.Cues(scene.File, scene.Plan) is { Count: > 0 } cues)
        {
            // ASS, not SRT: ffmpeg reads <b> and {\an8} in an SRT line as formatting; Ass writes dialogue as text.
            burned = Path.Combine(workspace.Root, "captions.ass");
            await AtomicFile.WriteAllTextAsync(burned, Ass.Write(cues), cancellationToken);
            logger.LogInformation("Captions: {Count} lines burned into the picture (from {Path})", cues.Count, burned);
        }

        return new Finishing
        {
            BurnedCaptionsPath = burned,
            Music = MediaSettings.Music(output),
            Chapters = Chapters(scene),
        };
    }

    /// <summary>The SRT sidecar (<c>film.srt</c> for <c>film.mp4</c>, with <c>captions: srt</c> and dialogue) and the chapter list (<c>film.chapters.txt</c>).</summary>
    public static async Task WriteSidecarsAsync(CompiledScene scene, string outputPath, ILogger logger, CancellationToken cancellationToken)
    {
        var cues = Srt.Cues(scene.File, scene.Plan);
        if (scene.File.Output.Captions == Captions.Srt && cues.Count > 0)
        {
            var path = Path.ChangeExtension(outputPath, ".srt");
            await AtomicFile.WriteAllTextAsync(path, Srt.Write(cues), cancellationToken);
            logger.LogInformation("Captions: {Count} lines written to {Path}", cues.Count, path);
        }

        var chapters = Chapters(scene);
        if (chapters.Count > 0)
        {
            await AtomicFile.WriteAllTextAsync(ChapterListPath(outputPath), ChapterList(chapters), cancellationToken);
        }
    }

    public static string ChapterListPath(string outputPath) => Path.ChangeExtension(outputPath, ".chapters.txt");

    /// <summary>One chapter per scene, from where it starts in the finished video (after transition overlaps) to where the next starts; none for a single scene.</summary>
    public static IReadOnlyList<Chapter> Chapters(CompiledScene scene)
    {
        var plan = scene.Plan;
        if (plan.Scenes.Count < 2)
        {
            return [];
        }

        var starts = Timeline.OutputStartsMs(scene.File, plan);
        var last = plan.Clips.Last();
        var endMs = starts[last.Id] + last.ShareMs;
        var sceneStarts = plan.Scenes.Select(s => starts[s.Clips[0].Id]).ToList();
        return plan.Scenes
            .Select((s, i) => new Chapter(s.Id, TimeSpan.FromMilliseconds(sceneStarts[i]), TimeSpan.FromMilliseconds(i + 1 < sceneStarts.Count ? sceneStarts[i + 1] : endMs)))
            .ToList();
    }

    /// <summary>"00:01:05.250  market" per line: where each scene starts, to the millisecond.</summary>
    public static string ChapterList(IReadOnlyList<Chapter> chapters)
    {
        var text = new StringBuilder();
        foreach (var chapter in chapters)
        {
            text.Append(CultureInfo.InvariantCulture, $"{chapter.Start:hh\\:mm\\:ss\\.fff}  {chapter.Title}\n");
        }

        return text.ToString();
    }
}