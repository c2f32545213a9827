using Recreation.Core.Diagnostics;
using Recreation.Core.Files;

using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;

namespace Recreation.Core.Loading;

/// <summary>Reads a YAML file and turns parser failures into plain-language diagnostics with a position.</summary>
public static class YamlDocumentLoader
{
    // YamlDotNet's messages, and what they usually mean in a hand-written file.
    private static readonly (string Fragment, string Plain)[] PlainMessages =
    [
        ("tab character", "YAML indents with spaces, not tabs; replace the tab"),
        ("could not find expected ':'", "a key is missing its ':' or a quote is not closed"),
        ("found character that cannot start any token", "this character cannot start a value; YAML indents with spaces, not tabs, and text starting with @ or ` must be quoted"),
        ("Mapping values are not allowed in this context", "a ':' stands where a value was expected; put text containing ': ' in quotes"),
        ("did not find expected key", "the indentation is off: the keys of one mapping must line up"),
        ("did not find expected '-' indicator", "the indentation is off: the items of one list must line up"),
        ("did not find expected ',' or ']'", "a [list] is missing its closing ']' or a ',' between items"),
        ("did not find expected ',' or '}'", "a {mapping} is missing its closing '}' or a ',' between items"),
        ("found unexpected end of stream", "the file ends inside a quoted text or a bracket; close it"),
        ("Duplicate key", "a key is given twice in the same mapping; keep one"),
        ("found undefined alias", "an alias (*name) refers to an anchor (&name) that is not defined before it"),
    ];

    /// <summary>Lists and mappings nested deeper than this are refused (a real scene file nests about 6 deep).</summary>
    public const int MaxNestingDepth = 64;

    /// <summary>
    /// Loads a file. A missing or unreadable file, one that is not a regular file (a FIFO,
    /// <c>/dev/zero</c>) or one over <see cref="InputFiles.MaxYamlBytes"/> throws
    /// <see cref="InvalidInputException"/> at once.
    /// </summary>
    public static YamlDocument Load(string path) => Parse(InputFiles.ReadText(Path.GetFullPath(path), InputFiles.MaxYamlBytes, path), path, Path.GetFullPath(path));

    public static YamlDocument Parse(string text, string displayName, string? fullPath = null)
    {
        var diagnostics = new DiagnosticBag(new SourceMap(displayName));
        var early = YamlSyntaxScanner.PreScan(text);
        if (early.Count > 0)
        {
            foreach (var finding in early)
            {
                diagnostics.Error(finding.Line, finding.Column, finding.Path, finding.Message);
            }

            return new YamlDocument(null, diagnostics, fullPath ?? displayName);
        }

        // YamlDotNet builds its tree recursively, once per level: a file nested thousands deep would
        // overflow the stack (which no catch survives), so the depth is checked on the event stream first.
        if (TooDeep(text) is { } deep)
        {
            diagnostics.Error((int)deep.Line, (int)deep.Column, "yaml", $"lists and mappings are nested more than {MaxNestingDepth} levels deep here; a scene file needs far fewer");
            return new YamlDocument(null, diagnostics, fullPath ?? displayName);
        }

        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (Exception e) when (e is YamlException or InvalidOperationException or ArgumentException)
        {
            // YamlDotNet throws InvalidOperationException for some broken flow collections.
            var line = e is YamlException y ? (int)y.Start.Line : int.MaxValue;
            var located = YamlSyntaxScanner.Locate(text, line, e.InnerException?.Message ?? e.Message);
            if (located is not null)
            {
                diagnostics.Error(located.Line, located.Column, located.Path, located.Message);
            }
            else if (e is YamlException parserError)
            {
                diagnostics.Error((int)parserError.Start.Line, (int)parserError.Start.Column, "yaml", Explain(parserError));
            }
            else
            {
                diagnostics.Error(1, 1, "yaml", $"the YAML is not valid (parser: {e.Message.TrimEnd('.')}); check brackets and quotes");
            }

            return new YamlDocument(null, diagnostics, fullPath ?? displayName);
        }

        if (stream.Documents.Count == 0 || YamlReader.IsNull(stream.Documents[0].RootNode))
        {
            diagnostics.Error(1, 1, "", "the file is empty; start from an example in examples/");
            return new YamlDocument(null, diagnostics, fullPath ?? displayName);
        }

        if (stream.Documents.Count > 1)
        {
            var second = stream.Documents[1].RootNode.Start;
            diagnostics.Error((int)second.Line, (int)second.Column, "yaml", "the file holds more than one YAML document ('---'); keep one");
        }

        return new YamlDocument(stream.Documents[0].RootNode, diagnostics, fullPath ?? displayName);
    }

    /// <summary>Where the nesting first goes past <see cref="MaxNestingDepth"/>, or null (also for a syntax error: the full parse reports it).</summary>
    private static Mark? TooDeep(string text)
    {
        var parser = new Parser(new StringReader(text));
        var depth = 0;
        try
        {
            while (parser.MoveNext())
            {
                switch (parser.Current)
                {
                    case SequenceStart or MappingStart:
                        if (++depth > MaxNestingDepth)
                        {
                            return parser.Current.Start;
                        }

                        break;
                    case SequenceEnd or MappingEnd:
                        depth--;
                        break;
                }
            }
        }
        catch (Exception e) when (e is YamlException or InvalidOperationException or ArgumentException)
        {
            // A syntax error before the depth limit: the full parse below reports it with its position.
        }

        return null;
    }

    private static string Explain(YamlException e)
    {
        var original = (e.InnerException as YamlException)?.Message ?? e.Message;
        foreach (var (fragment, plain) in PlainMessages)
        {
            if (original.Contains(fragment, StringComparison.OrdinalIgnoreCase) || e.Message.Contains(fragment, StringComparison.OrdinalIgnoreCase))
            {
                return $"{plain} (parser: {original.TrimEnd('.')})";
            }
        }

        return $"the YAML is not valid here (parser: {original.TrimEnd('.')})";
    }
}