using System.Text.RegularExpressions;

namespace Recreation.Media.Processes;

/// <summary>
/// Text placed inside an ffmpeg filter graph (<c>-vf</c>, <c>-filter_complex</c>, a <c>lavfi</c>
/// input). A graph is parsed twice: first the graph (where <c>\ ' [ ] , ;</c> are special), then
/// each filter's options (where <c>' \ :</c> are). A value that must arrive as written — a file
/// path — is quoted for the second level, then escaped for the first, in this one place.
/// </summary>
public static partial class FilterGraph
{
    /// <summary>
    /// A filter option's value taken literally, e.g. <c>textfile=</c> + <c>Literal(path)</c>:
    /// a path holding <c>'</c>, <c>:</c>, <c>,</c>, <c>[</c> or <c>;</c> reaches the filter unchanged.
    /// </summary>
    public static string Literal(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return EscapeForGraph(QuoteOption(value));
    }

    /// <summary>Level 2, a filter option's value: quoted, a quote inside closed, escaped and reopened.</summary>
    private static string QuoteOption(string value) => "'" + value.Replace("'", @"'\''", StringComparison.Ordinal) + "'";

    /// <summary>Level 1, the filter graph: every character the graph parser treats specially gets a backslash.</summary>
    private static string EscapeForGraph(string value) => GraphSpecial().Replace(value, @"\$1");

    [GeneratedRegex(@"([\\'\[\],;])")]
    private static partial Regex GraphSpecial();
}