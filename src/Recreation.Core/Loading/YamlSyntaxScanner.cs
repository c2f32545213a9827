using System.Text.RegularExpressions;

namespace Recreation.Core.Loading;

/// <summary>
/// Finds the usual hand-written YAML mistakes in the raw text, where the parser reports them late,
/// at the wrong line, or not at all: tabs used for indentation and unquoted hex colours (before
/// parsing), and — once the parser has failed — a missing ':', an unclosed bracket or quote, an
/// alias with no anchor. Positions are 1-based and point at the offending character.
/// </summary>
internal static partial class YamlSyntaxScanner
{
    public sealed record Finding(int Line, int Column, string Path, string Message);

    /// <summary>Problems to report before parsing: with these present, the parser's own messages only confuse.</summary>
    public static List<Finding> PreScan(string text)
    {
        var findings = new List<Finding>();
        var lines = Lines(text);
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            var indent = line.Length - line.TrimStart(' ', '\t').Length;
            var tab = line.IndexOf('\t', 0, indent);
            if (tab >= 0)
            {
                findings.Add(new Finding(i + 1, tab + 1, "yaml", "YAML indents with spaces, not tabs; replace the tab with spaces"));
                continue;
            }

            if (UnquotedHexColour(line) is { } column)
            {
                var key = KeyLine().Match(line);
                if (key.Success)
                {
                    findings.Add(new Finding(i + 1, column, key.Groups[1].Value, $"quote hex colours (\"{HexAt(line, column)}\"): an unquoted # starts a YAML comment"));
                }
            }
        }

        return findings;
    }

    /// <summary>A better position and message for a parse failure, or null when none of the usual mistakes explains it.</summary>
    public static Finding? Locate(string text, int errorLine, string parserMessage)
    {
        var alias = MissingAnchor().Match(parserMessage);
        if (alias.Success)
        {
            return FindAlias(text, alias.Groups[1].Value);
        }

        var lines = Lines(text);
        var last = Math.Min(Math.Max(errorLine, 1), lines.Length);
        return UnclosedOpener(lines, last) ?? MissingColon(lines, last);
    }

    private static Finding? FindAlias(string text, string name)
    {
        var lines = Lines(text);
        for (var i = 0; i < lines.Length; i++)
        {
            var at = lines[i].IndexOf("*" + name, StringComparison.Ordinal);
            if (at >= 0)
            {
                return new Finding(i + 1, at + 1, "yaml", $"the alias *{name} refers to an anchor &{name} that is not defined before it");
            }
        }

        return null;
    }

    /// <summary>A quote or flow bracket opened on a line up to <paramref name="last"/> and never closed on it.</summary>
    private static Finding? UnclosedOpener(string[] lines, int last)
    {
        for (var i = 0; i < last; i++)
        {
            var stack = new Stack<(char Opener, int Column)>();
            var line = lines[i];
            for (var c = 0; c < line.Length; c++)
            {
                var ch = line[c];
                if (ch is '"' or '\'')
                {
                    var close = ch == '"' ? ClosingDoubleQuote(line, c + 1) : line.IndexOf('\'', c + 1);
                    if (close < 0)
                    {
                        return new Finding(i + 1, c + 1, "yaml", "this quoted text has no closing quote; add it on the same line");
                    }

                    c = close;
                }
                else if (ch == '#' && (c == 0 || char.IsWhiteSpace(line[c - 1])))
                {
                    break;
                }
                else if (ch is '[' or '{')
                {
                    stack.Push((ch, c + 1));
                }
                else if (ch is ']' or '}' && stack.Count > 0)
                {
                    stack.Pop();
                }
            }

            if (stack.Count > 0 && !ContinuesFlow(lines, i))
            {
                var (opener, column) = stack.Pop();
                var closer = opener == '[' ? "']'" : "'}'";
                var kind = opener == '[' ? "[list]" : "{mapping}";
                return new Finding(i + 1, column, "yaml", $"this {kind} is not closed; add {closer} at its end");
            }
        }

        return null;
    }

    /// <summary>Whether a flow collection left open on line <paramref name="index"/> plausibly goes on over the next lines (more indented, closing later).</summary>
    private static bool ContinuesFlow(string[] lines, int index)
    {
        var indent = Indent(lines[index]);
        for (var j = index + 1; j < lines.Length; j++)
        {
            if (lines[j].Trim().Length == 0)
            {
                continue;
            }

            if (Indent(lines[j]) <= indent)
            {
                return false;
            }

            if (lines[j].Contains(']', StringComparison.Ordinal) || lines[j].Contains('}', StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A line such as <c>duration 4</c>: a key-like word, a space and a value, no ':'.</summary>
    private static Finding? MissingColon(string[] lines, int last)
    {
        for (var i = 0; i < last; i++)
        {
            var match = KeyWithoutColon().Match(lines[i]);
            if (!match.Success || lines[i].Contains(": ", StringComparison.Ordinal) || lines[i].TrimEnd().EndsWith(':'))
            {
                continue;
            }

            // A line indented past the previous line's key is a legal continuation of its plain text value.
            var previous = PreviousContentLine(lines, i);
            if (previous is not null && Indent(lines[i]) > KeyColumn(previous) && !previous.TrimEnd().EndsWith(':'))
            {
                continue;
            }

            var word = match.Groups[2].Value;
            return new Finding(i + 1, match.Groups[1].Length + 1, "yaml", $"'{word}' has no ':' after it; write '{word}: {match.Groups[3].Value.Trim()}'");
        }

        return null;
    }

    private static string? PreviousContentLine(string[] lines, int index)
    {
        for (var j = index - 1; j >= 0; j--)
        {
            var trimmed = lines[j].Trim();
            if (trimmed.Length > 0 && !trimmed.StartsWith('#'))
            {
                return lines[j];
            }
        }

        return null;
    }

    /// <summary>The 1-based column of a '#' that starts an unquoted hex colour after ':', '[' or ',', else null.</summary>
    private static int? UnquotedHexColour(string line)
    {
        var inQuote = (char)0;
        for (var c = 0; c < line.Length; c++)
        {
            var ch = line[c];
            if (inQuote != 0)
            {
                inQuote = ch == inQuote ? (char)0 : inQuote;
                continue;
            }

            if (ch is '"' or '\'')
            {
                inQuote = ch;
            }
            else if (ch == '#' && (c == 0 || char.IsWhiteSpace(line[c - 1]) || line[c - 1] is '[' or ','))
            {
                var before = line[..c].TrimEnd();
                var afterValueStart = before.EndsWith(':') || before.EndsWith('[') || before.EndsWith(',');
                return afterValueStart && HexColour().IsMatch(line[c..]) ? c + 1 : null;
            }
        }

        return null;
    }

    private static string HexAt(string line, int column) => HexColour().Match(line[(column - 1)..]).Value;

    private static int ClosingDoubleQuote(string line, int from)
    {
        for (var c = from; c < line.Length; c++)
        {
            if (line[c] == '\\')
            {
                c++;
            }
            else if (line[c] == '"')
            {
                return c;
            }
        }

        return -1;
    }

    private static int Indent(string line) => line.Length - line.TrimStart(' ').Length;

    /// <summary>Where a line's key starts, past any "- " list markers: 4 for "  - id: a".</summary>
    private static int KeyColumn(string line)
    {
        var column = Indent(line);
        while (column + 1 < line.Length && line[column] == '-' && line[column + 1] == ' ')
        {
            column += 2;
            while (column < line.Length && line[column] == ' ')
            {
                column++;
            }
        }

        return column;
    }

    private static string[] Lines(string text) => text.Replace("\r\n", "\n").Split('\n');

    [GeneratedRegex(@"^#[0-9a-fA-F]{6}(?![0-9A-Za-z])")]
    private static partial Regex HexColour();

    [GeneratedRegex(@"^\s*(?:-\s+)?([A-Za-z_][\w-]*)\s*:")]
    private static partial Regex KeyLine();

    [GeneratedRegex(@"^(\s*)([A-Za-z_][\w-]*)\s+([^\s:#].*)$")]
    private static partial Regex KeyWithoutColon();

    [GeneratedRegex(@"anchor '([^']+)'")]
    private static partial Regex MissingAnchor();
}