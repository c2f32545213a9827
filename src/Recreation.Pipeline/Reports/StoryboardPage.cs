using System.Text;

using Recreation.Media.Frames;
using Recreation.Pipeline.Ledger;

using static Recreation.Pipeline.Reports.Html;

namespace Recreation.Pipeline.Reports;

/// <summary>
/// A run's <c>report.html</c>: the finished video at the top, then one card per clip (thumbnails,
/// the prompt with its anchors and palette marked, planned against measured palette, seconds,
/// money, takes, state and error), then the comparison with the reference when there is one.
/// Pure: everything it shows is in the <see cref="Storyboard"/>.
/// </summary>
internal static class StoryboardPage
{
    public static string Write(Storyboard board)
    {
        var html = new StringBuilder();
        Head(html, board.Title + " — Recreation run");
        html.Append("<h1>").Append(E(board.Title)).Append("</h1>\n");
        if (board.VideoHref is { } href)
        {
            html.Append("<video id=\"film\" controls preload=\"metadata\" src=\"").Append(E(href)).Append("\"></video>\n");
        }
        else
        {
            html.Append("<p class=\"error\">No finished video yet: see the clips below.</p>\n");
        }

        html.Append("<p class=\"facts\">Output: <code>").Append(E(board.OutputPath ?? "(not written)")).Append("</code><br>");
        html.Append(C, $"Duration <b>{Seconds(board.DurationSeconds)} s</b>; backend {E(board.Backend)}; estimated <b>${Usd(board.EstimatedUsd)}</b>, spent <b>${Usd(board.SpentUsd)}</b>; run took {board.ElapsedSeconds:0.0} s");
        if (board.StitchReason is { } reason)
        {
            html.Append("; stitched by ").Append(E(reason));
        }

        html.Append(".<br>Planned palette: ");
        Palette(html, board.PlannedPalette, weights: false);
        html.Append(board.PlannedPalette.Count == 0 ? "none" : "").Append("</p>\n");

        html.Append("<h2>Scene starts</h2>\n<ul class=\"starts\">\n");
        foreach (var (id, start) in board.SceneStarts)
        {
            html.Append(C, $"<li>{start:hh\\:mm\\:ss\\.fff} {E(id)}</li>\n");
        }

        html.Append("</ul>\n<h2>Clips</h2>\n<div class=\"cards\">\n");
        foreach (var card in board.Cards)
        {
            Card(html, card);
        }

        html.Append("</div>\n");
        if (board.Comparison is { } comparison)
        {
            ComparisonSection.Write(html, comparison);
        }

        End(html);
        return html.ToString();
    }

    private static void Card(StringBuilder html, ClipCard card)
    {
        var failed = card.State is ClipState.Failed or ClipState.InDoubt or ClipState.Missing;
        html.Append("<section class=\"card").Append(failed ? " failed" : "").Append("\" data-clip=\"").Append(E(card.ClipId)).Append("\">\n");
        html.Append("<h3>").Append(E(card.ClipId)).Append(C, $" <small>scene {E(card.SceneId)}, shot {card.Shot} of {card.Shots}</small></h3>\n");
        html.Append("<div class=\"thumbs\">");
        string[] names = ["first", "middle", "last"];
        for (var i = 0; i < card.Thumbnails.Count; i++)
        {
            Image(html, card.Thumbnails[i], $"{card.ClipId} {names[Math.Min(i, 2)]} frame");
        }

        if (card.Thumbnails.Count == 0)
        {
            Image(html, null, card.ClipId);
        }

        html.Append("</div>\n<p>State: <b class=\"").Append(failed ? "error" : "ok").Append("\">").Append(E(StateName(card.State))).Append("</b>");
        html.Append(card.CacheHit ? " (from cache)" : "");
        html.Append(C, $"; generated {card.SecondsGenerated} s, used {Seconds(card.SecondsUsed)} s; estimated ${Usd(card.EstimatedUsd)}, spent ${Usd(card.SpentUsd)}");
        if (card.EarlierSpentUsd > 0)
        {
            html.Append(C, $" (+ ${Usd(card.EarlierSpentUsd)} on earlier jobs)");
        }

        html.Append(C, $"; takes {card.Takes}").Append(card.SelectedTake is { } take ? string.Create(C, $" (using take {take})") : "").Append("</p>\n");
        if (card.Error is { } error)
        {
            html.Append("<p class=\"error\">").Append(E(error)).Append("</p>\n");
        }

        html.Append("<p>Palette measured: ");
        Palette(html, card.MeasuredPalette, weights: true);
        if (card.Drift is { } drift)
        {
            html.Append(card.Drifted
                ? string.Create(C, $" <span class=\"drift\">drift ΔE {drift:0.0} &gt; {PaletteDistance.DriftThreshold:0}</span>")
                : string.Create(C, $" <span class=\"ok\">ΔE {drift:0.0} from plan</span>"));
        }

        if (card.MeasureProblem is { } problem)
        {
            html.Append(" <span class=\"error\">").Append(E(problem)).Append("</span>");
        }

        html.Append("</p>\n<div class=\"prompt\">");
        foreach (var span in card.Prompt)
        {
            html.Append(span.Kind switch
            {
                PromptSpanKind.Anchor => "<mark class=\"anchor\">" + E(span.Text) + "</mark>",
                PromptSpanKind.Palette => "<mark class=\"palette\">" + E(span.Text) + "</mark>",
                _ => E(span.Text),
            });
        }

        html.Append("</div>\n</section>\n");
    }

    private static string StateName(ClipState state) => state switch
    {
        ClipState.InDoubt => "in doubt",
        _ => state.ToString().ToLowerInvariant(),
    };
}