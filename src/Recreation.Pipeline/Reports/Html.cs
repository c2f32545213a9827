using System.Globalization;
using System.Net;
using System.Text;

using Recreation.Media.Frames;

namespace Recreation.Pipeline.Reports;

/// <summary>
/// What every report page shares: text always HTML-encoded, images inlined as data URIs, links
/// as relative URLs (so the pages work from a file:// URL and when the folder is moved whole),
/// one inline style sheet, and a Content-Security-Policy that lets the page load nothing from
/// anywhere but inline images and the local video, and run no script.
/// </summary>
internal static class Html
{
    public static readonly CultureInfo C = CultureInfo.InvariantCulture;

    public static string E(string? text) => WebUtility.HtmlEncode(text ?? "");

    /// <summary>The start of a page: doctype, charset, CSP, title and the shared styles.</summary>
    public static void Head(StringBuilder html, string title)
    {
        html.Append("<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n")
            .Append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; img-src data:; media-src 'self' file:; style-src 'unsafe-inline'\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<title>").Append(E(title)).Append("</title>\n<style>").Append(Styles).Append("</style></head><body>\n");
    }

    public static void End(StringBuilder html) => html.Append("</body></html>\n");

    /// <summary>An inline JPEG, or a grey box saying there is none.</summary>
    public static void Image(StringBuilder html, byte[]? jpeg, string alt, string cssClass = "thumb")
    {
        if (jpeg is null)
        {
            html.Append("<div class=\"").Append(cssClass).Append(" none\">").Append(E(alt)).Append(": no frame</div>");
            return;
        }

        html.Append("<img class=\"").Append(cssClass).Append("\" alt=\"").Append(E(alt)).Append("\" src=\"data:image/jpeg;base64,").Append(Convert.ToBase64String(jpeg)).Append("\">");
    }

    /// <summary>Colour swatches with their hex codes (and weights when measured).</summary>
    public static void Palette(StringBuilder html, IReadOnlyList<PaletteColor> colours, bool weights)
    {
        html.Append("<span class=\"palette\">");
        foreach (var colour in colours)
        {
            var hex = E(colour.Hex.ToLowerInvariant());
            html.Append("<span class=\"swatch\" style=\"background:").Append(hex).Append("\" title=\"").Append(hex);
            if (weights)
            {
                html.Append(C, $" {colour.Weight:P0}");
            }

            html.Append("\"></span>");
        }

        html.Append("</span>");
    }

    /// <summary>
    /// <paramref name="target"/> as a URL relative to the folder <paramref name="from"/>: each path
    /// segment escaped (a space, '#', '?' or '%' in a file name would otherwise break the link).
    /// </summary>
    public static string RelativeHref(string from, string target)
    {
        var relative = Path.GetRelativePath(from, target).Replace('\\', '/');
        return string.Join('/', relative.Split('/').Select(Uri.EscapeDataString));
    }

    public static string Seconds(double seconds) => seconds.ToString("0.###", C);

    public static string Usd(decimal usd) => usd.ToString("0.00", C);

    private const string Styles =
        "body{font-family:system-ui,sans-serif;margin:1.5rem;color:#222;background:#fafafa}" +
        "h1{margin:.2rem 0}h2{margin-top:2rem}code{font-size:.9em}" +
        ".facts{color:#444}.facts b{color:#222}" +
        "video{max-width:100%;max-height:60vh;background:#000;display:block;margin:1rem 0}" +
        ".cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(24rem,1fr));gap:1rem}" +
        ".card{background:#fff;border:1px solid #ddd;border-radius:6px;padding:.8rem}" +
        ".card.failed{border-color:#c33}.card h3{margin:0 0 .4rem;font-size:1rem}" +
        ".thumbs{display:flex;gap:4px}.thumb{width:32%;height:auto;border:1px solid #ccc;min-height:2rem}" +
        ".none{background:#eee;color:#777;font-size:.8rem;display:flex;align-items:center;justify-content:center;aspect-ratio:16/9}" +
        ".prompt{white-space:pre-wrap;font-size:.85rem;background:#f4f4f4;padding:.5rem;border-radius:4px;max-height:14rem;overflow:auto}" +
        "mark.anchor{background:#ffe08a}mark.palette{background:#cde6ff}" +
        ".palette{display:inline-flex;gap:2px;vertical-align:middle}.swatch{display:inline-block;width:1.1rem;height:1.1rem;border:1px solid #999}" +
        ".drift{color:#b00;font-weight:bold}.error{color:#b00}.ok{color:#070}" +
        "table{border-collapse:collapse;background:#fff}td,th{border:1px solid #ccc;padding:.3rem .5rem;text-align:left;vertical-align:top}" +
        ".pair img,.pair .none{width:240px}.row-thumb{width:160px}";
}