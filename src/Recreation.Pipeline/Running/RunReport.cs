using System.Globalization;
using System.Text;

using Recreation.Core;
using Recreation.Core.Planning;

namespace Recreation.Pipeline.Running;

/// <summary>The plain-text report written into the workspace at the end of a run.</summary>
internal static class RunReport
{
    public static string Text(CompiledScene scene, RunSummary summary)
    {
        var text = new StringBuilder();
        var c = CultureInfo.InvariantCulture;
        text.Append(c, $"Recreation run report: {scene.Plan.Title}\n");
        text.Append(c, $"Output: {summary.OutputPath}\n");
        text.Append(c, $"Duration: {summary.OutputDuration.TotalSeconds:0.###} s (transitions overlap {summary.TransitionOverlap.TotalSeconds:0.###} s)\n");
        text.Append(c, $"Elapsed: {summary.Elapsed.TotalSeconds:0.0} s\n\n");
        text.Append("Scene starts:\n");
        foreach (var sceneStart in SceneStarts(scene))
        {
            text.Append(c, $"  {sceneStart.Start:hh\\:mm\\:ss\\.fff}  {sceneStart.Id}\n");
        }

        text.Append("\nClips:\n");
        foreach (var clip in summary.Clips)
        {
            text.Append(c, $"  {clip.ClipId,-24} {clip.State,-10} {clip.Seconds,3} s  est ${clip.EstimatedUsd:0.00}  spent ${clip.SpentUsd:0.00}  {(clip.CacheHit ? "cached" : "generated")}  {clip.Elapsed.TotalSeconds:0.0} s  {clip.Error}\n");
        }

        return text.ToString();
    }

    /// <summary>Where each scene begins in the finished video, after transition overlaps.</summary>
    public static IEnumerable<(string Id, TimeSpan Start)> SceneStarts(CompiledScene scene)
    {
        var starts = Timeline.OutputStartsMs(scene.File, scene.Plan);
        return scene.Plan.Scenes.Select(s => (s.Id, TimeSpan.FromMilliseconds(starts[s.Clips[0].Id])));
    }
}