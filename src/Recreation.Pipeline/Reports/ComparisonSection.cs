using System.Text;

using Recreation.Media.Frames;

using static Recreation.Pipeline.Reports.Html;

namespace Recreation.Pipeline.Reports;

/// <summary>The storyboard's comparison with the reference: per shot, the two frames side by side, the timing error and the palette distance.</summary>
internal static class ComparisonSection
{
    public static void Write(StringBuilder html, Comparison comparison)
    {
        html.Append("<h2 id=\"comparison\">Against the reference</h2>\n<p class=\"facts\">Reference: <code>").Append(E(comparison.ReferenceVideo ?? "(not recorded)")).Append("</code>. ");
        html.Append("Each row shows the reference's keyframe beside the recreated frame at the same place in the shot. Timing error: where the recreated scene starts minus where the reference shot starts. ");
        html.Append(C, $"Palette distance: ΔE₀₀ between the two frames' dominant colours (flagged above {PaletteDistance.DriftThreshold:0}).");
        if (comparison.ReferenceVideo is { } reference && comparison.OutputPath is { } output)
        {
            html.Append("<br>Side by side: <code>recreate compare ").Append(E(Quote(reference))).Append(' ').Append(E(Quote(output))).Append(" -o side-by-side.mp4</code>");
        }

        html.Append("</p>\n<table class=\"comparison\"><tr><th>scene</th><th>reference</th><th>recreated</th><th>timing</th><th>palettes</th></tr>\n");
        foreach (var row in comparison.Rows)
        {
            html.Append("<tr class=\"shot\" data-scene=\"").Append(E(row.SceneId)).Append("\"><td>").Append(E(row.SceneId)).Append("</td><td class=\"pair\">");
            Image(html, row.ReferenceFrame, $"{row.SceneId} reference", "ref-frame");
            html.Append("</td><td class=\"pair\">");
            Image(html, row.RecreatedFrame, $"{row.SceneId} recreated", "out-frame");
            var frames = row.TimingError.TotalSeconds * comparison.Fps;
            var late = Math.Abs(frames) > 1 + 1e-6;
            html.Append(C, $"</td><td>reference {Seconds(row.ReferenceStart.TotalSeconds)}–{Seconds(row.ReferenceEnd.TotalSeconds)} s<br>recreated from {Seconds(row.RecreatedStart.TotalSeconds)} s<br>");
            html.Append(C, $"<span class=\"{(late ? "drift" : "ok")}\">error {row.TimingError.TotalMilliseconds:+0;-0;0} ms ({frames:+0.#;-0.#;0} frames)</span></td><td>");
            Palette(html, row.ReferencePalette, weights: true);
            html.Append("<br>");
            Palette(html, row.RecreatedPalette, weights: true);
            if (row.PaletteDistance is { } distance)
            {
                html.Append(C, $"<br><span class=\"{(distance > PaletteDistance.DriftThreshold ? "drift" : "ok")}\">ΔE {distance:0.0}</span>");
            }

            if (row.Problem is { } problem)
            {
                html.Append("<br><span class=\"error\">").Append(E(problem)).Append("</span>");
            }

            html.Append("</td></tr>\n");
        }

        html.Append("</table>\n");
    }

    /// <summary>A path as a POSIX shell word, for the command the reader may copy.</summary>
    private static string Quote(string path) =>
        path.All(c => char.IsLetterOrDigit(c) || c is '/' or '.' or '-' or '_') ? path : "'" + path.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}