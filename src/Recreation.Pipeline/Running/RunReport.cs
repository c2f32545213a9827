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

    /// <summary>The same report as a page: totals, scene starts and a table of clips.</summary>
    public static string Html(CompiledScene scene, RunSummary summary)
    {
        var c = CultureInfo.InvariantCulture;
        static string E(string? text) => System.Net.WebUtility.HtmlEncode(text ?? "");
        var html = new StringBuilder();
        html.Append("<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>").Append(E(scene.Plan.Title)).Append(" — Recreation run</title>\n");
        html.Append("<style>body{font-family:system-ui,sans-serif;margin:2rem}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.25rem .6rem;text-align:left}.failed{color:#b00}</style></head><body>\n");
        html.Append("<h1>").Append(E(scene.Plan.Title)).Append("</h1>\n<p>Output: <code>").Append(E(summary.OutputPath)).Append("</code><br>");
        html.Append(c, $"Duration {summary.OutputDuration.TotalSeconds:0.###} s (transitions overlap {summary.TransitionOverlap.TotalSeconds:0.###} s); elapsed {summary.Elapsed.TotalSeconds:0.0} s.</p>\n");
        html.Append("<h2>Scene starts</h2>\n<ul>\n");
        foreach (var (id, start) in SceneStarts(scene))
        {
            html.Append(c, $"<li>{start:hh\\:mm\\:ss\\.fff} {E(id)}</li>\n");
        }

        html.Append("</ul>\n<h2>Clips</h2>\n<table><tr><th>clip</th><th>state</th><th>generated s</th><th>estimated $</th><th>spent $</th><th>cache</th><th>time s</th><th>note</th></tr>\n");
        foreach (var clip in summary.Clips)
        {
            var cls = clip.Error is null ? "" : " class=\"failed\"";
            html.Append(c, $"<tr{cls}><td>{E(clip.ClipId)}</td><td>{clip.State}</td><td>{clip.Seconds}</td><td>{clip.EstimatedUsd:0.00}</td><td>{clip.SpentUsd:0.00}</td><td>{(clip.CacheHit ? "hit" : "")}</td><td>{clip.Elapsed.TotalSeconds:0.0}</td><td>{E(clip.Error)}</td></tr>\n");
        }

        html.Append("</table>\n</body></html>\n");
        return html.ToString();
    }

    /// <summary>Where each scene begins in the finished video, after transition overlaps.</summary>
    public static IEnumerable<(string Id, TimeSpan Start)> SceneStarts(CompiledScene scene)
    {
        var starts = Timeline.OutputStartsMs(scene.File, scene.Plan);
        return scene.Plan.Scenes.Select(s => (s.Id, TimeSpan.FromMilliseconds(starts[s.Clips[0].Id])));
    }
}