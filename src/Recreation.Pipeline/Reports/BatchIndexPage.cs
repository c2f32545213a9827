using System.Text;

using Recreation.Pipeline.Batch;

using static Recreation.Pipeline.Reports.Html;

namespace Recreation.Pipeline.Reports;

/// <summary>A batch's <c>index.html</c>: totals, then one row per item with its thumbnail, state, duration, spend and links. Pure.</summary>
internal static class BatchIndexPage
{
    /// <param name="folder">Where the page is written: links are relative to it.</param>
    /// <param name="thumbnails">Each item's thumbnail (the middle of its video) by item id; missing for an item without one.</param>
    public static string Write(BatchSummary summary, string folder, IReadOnlyDictionary<string, byte[]> thumbnails)
    {
        var html = new StringBuilder();
        Head(html, "Recreation batch");
        html.Append("<h1>Recreation batch</h1>\n<p class=\"facts\">");
        html.Append(C, $"{summary.Items.Count} item(s) of {summary.ItemsInBatch}; shard(s) {E(string.Join(", ", summary.Shards))}; ");
        html.Append(C, $"estimated <b>${Usd(summary.EstimatedUsd)}</b>, spent <b>${Usd(summary.SpentUsd)}</b>");
        html.Append(summary.MaxCostUsd is { } max ? string.Create(C, $" of a ${Usd(max)} budget") : "");
        html.Append(C, $"; took {summary.ElapsedSeconds:0.0} s; exit code {summary.ExitCode}.</p>\n");
        html.Append("<table class=\"items\"><tr><th></th><th>item</th><th>state</th><th>duration</th><th>spent</th><th>clips</th><th>links</th></tr>\n");
        foreach (var item in summary.Items)
        {
            var failed = item.State is not BatchItemState.Succeeded;
            html.Append("<tr class=\"item\" data-item=\"").Append(E(item.Id)).Append("\"><td>");
            Image(html, thumbnails.GetValueOrDefault(item.Id), item.Id, "row-thumb");
            html.Append("</td><td><b>").Append(E(item.Title)).Append("</b><br><small>").Append(E(item.Id)).Append("</small></td>");
            html.Append("<td class=\"").Append(failed ? "error" : "ok").Append("\">").Append(E(StateName(item.State)));
            if (item.Error is { } error)
            {
                html.Append("<br><small>").Append(E(error)).Append("</small>");
            }

            html.Append(C, $"</td><td>{Seconds(item.DurationSeconds)} s</td><td>${Usd(item.SpentUsd)} <small>of ${Usd(item.EstimatedUsd)} estimated</small></td>");
            html.Append(C, $"<td>{item.Clips} ({item.Generated} generated, {item.Cached} cached)</td><td>");
            var links = new List<string>();
            if (item.Workspace is { } workspace && File.Exists(Path.Combine(workspace, "report.html")))
            {
                links.Add($"<a class=\"report\" href=\"{E(RelativeHref(folder, Path.Combine(workspace, "report.html")))}\">report</a>");
            }

            if (item.Output is { } output && File.Exists(output))
            {
                links.Add($"<a class=\"video\" href=\"{E(RelativeHref(folder, output))}\">video</a>");
            }

            html.Append(string.Join(" · ", links)).Append("</td></tr>\n");
        }

        html.Append("</table>\n");
        End(html);
        return html.ToString();
    }

    private static string StateName(BatchItemState state) => state switch
    {
        BatchItemState.StoppedByBudget => "stopped by budget",
        BatchItemState.WaitingForClips => "waiting for clips",
        _ => state.ToString().ToLowerInvariant(),
    };
}