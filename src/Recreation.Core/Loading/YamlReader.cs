using System.Globalization;

using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Recreation.Core.Loading;

/// <summary>
/// Reads values out of a YAML representation tree, recording each value's position in the
/// <see cref="SourceMap"/> and reporting wrong types, unknown keys and missing keys to the
/// <see cref="DiagnosticBag"/> instead of stopping at the first problem. Every reader returns null
/// when the value is absent or wrong, so callers fall back to defaults and keep going.
/// </summary>
internal sealed class YamlReader
{
    public YamlReader(DiagnosticBag diagnostics) => Diagnostics = diagnostics;

    public DiagnosticBag Diagnostics { get; }

    public static string Child(string path, string key) => path.Length == 0 ? key : $"{path}.{key}";

    public static string Item(string path, int index) => $"{path}[{index}]";

    public void Error(YamlNode node, string path, string message)
    {
        Record(node, path);
        Diagnostics.Error(Line(node.Start), Column(node.Start), path, message);
    }

    public void Record(YamlNode node, string path) => Diagnostics.Map.Add(path, Line(node.Start), Column(node.Start));

    public static bool IsNull(YamlNode? node) =>
        node is null
        || (node is YamlScalarNode { Style: ScalarStyle.Plain } scalar
            && scalar.Value is null or "" or "~" or "null" or "Null" or "NULL");

    /// <summary>Reads a mapping and reports every key not in <paramref name="knownKeys"/> with a "did you mean" hint.</summary>
    public MappingView? Mapping(YamlNode? node, string path, IReadOnlyCollection<string> knownKeys)
    {
        var map = MappingAnyKeys(node, path);
        if (map is null)
        {
            return null;
        }

        foreach (var (key, keyNode) in map.Keys)
        {
            if (!knownKeys.Contains(key))
            {
                var hint = Suggestions.Hint(key, knownKeys);
                var known = hint.Length > 0 ? hint : $"; known keys: {string.Join(", ", knownKeys)}";
                Error(keyNode, Child(path, key), $"unknown key{known}");
            }
        }

        return map;
    }

    /// <summary>Reads a mapping whose keys are names the user chooses (character ids, physics kinds).</summary>
    public MappingView? MappingAnyKeys(YamlNode? node, string path)
    {
        if (IsNull(node))
        {
            return null;
        }

        Record(node!, path);
        if (node is not YamlMappingNode mapping)
        {
            Error(node!, path, $"must be a mapping of keys to values, not {Describe(node!)}");
            return null;
        }

        var keys = new List<(string, YamlNode)>();
        var values = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
        foreach (var (keyNode, valueNode) in mapping.Children)
        {
            if (keyNode is not YamlScalarNode { Value: { } key })
            {
                Error(keyNode, path, "keys must be plain names");
                continue;
            }

            if (!values.TryAdd(key, valueNode))
            {
                Error(keyNode, Child(path, key), "is given twice; keep one");
                continue;
            }

            keys.Add((key, keyNode));
            Record(valueNode, Child(path, key));
        }

        return new MappingView(this, mapping, path, keys, values);
    }

    public List<(YamlNode Node, string Path)>? Sequence(YamlNode? node, string path)
    {
        if (IsNull(node))
        {
            return null;
        }

        Record(node!, path);
        if (node is not YamlSequenceNode sequence)
        {
            Error(node!, path, $"must be a list (e.g. [a, b] or lines starting with '- '), not {Describe(node!)}");
            return null;
        }

        var items = new List<(YamlNode, string)>();
        for (var i = 0; i < sequence.Children.Count; i++)
        {
            var itemPath = Item(path, i);
            Record(sequence.Children[i], itemPath);
            items.Add((sequence.Children[i], itemPath));
        }

        return items;
    }

    public string? String(YamlNode? node, string path)
    {
        if (IsNull(node))
        {
            return null;
        }

        if (node is not YamlScalarNode scalar)
        {
            Error(node!, path, $"must be text, not {Describe(node!)}");
            return null;
        }

        return scalar.Value;
    }

    public decimal? Number(YamlNode? node, string path)
    {
        var text = Scalar(node, path, "a number");
        if (text is null)
        {
            return null;
        }

        if (decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        Error(node!, path, $"must be a number, not '{text}'");
        return null;
    }

    public int? Integer(YamlNode? node, string path)
    {
        var text = Scalar(node, path, "a whole number");
        if (text is null)
        {
            return null;
        }

        if (int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        Error(node!, path, $"must be a whole number, not '{text}'");
        return null;
    }

    public bool? Boolean(YamlNode? node, string path)
    {
        var text = Scalar(node, path, "true or false");
        switch (text)
        {
            case null:
                return null;
            case "true" or "True" or "TRUE" or "yes" or "on":
                return true;
            case "false" or "False" or "FALSE" or "no" or "off":
                return false;
            default:
                Error(node!, path, $"must be true or false, not '{text}'");
                return null;
        }
    }

    /// <summary>Reads one of a fixed set of names (case-insensitive; '-' and '_' are alike).</summary>
    public T? Choice<T>(YamlNode? node, string path, IReadOnlyDictionary<string, T> choices)
        where T : struct
    {
        var text = Scalar(node, path, "a name");
        return text is null ? null : ChoiceOf(node!, path, text, choices);
    }

    /// <summary>Matches <paramref name="text"/> (taken from <paramref name="node"/>) against a fixed set of names.</summary>
    public T? ChoiceOf<T>(YamlNode node, string path, string text, IReadOnlyDictionary<string, T> choices)
        where T : struct
    {
        var normalized = text.Trim().ToLowerInvariant().Replace('_', '-');
        foreach (var (name, value) in choices)
        {
            if (name.Replace('_', '-') == normalized)
            {
                return value;
            }
        }

        Error(node, path, $"must be one of {string.Join(" | ", choices.Keys)}, not '{text}'{Suggestions.Hint(text, choices.Keys)}");
        return null;
    }

    public List<string>? StringList(YamlNode? node, string path)
    {
        var items = Sequence(node, path);
        if (items is null)
        {
            return null;
        }

        var result = new List<string>();
        foreach (var (item, itemPath) in items)
        {
            var text = String(item, itemPath);
            if (text is null)
            {
                if (IsNull(item))
                {
                    Error(item, itemPath, "must not be empty");
                }

                continue;
            }

            result.Add(text);
        }

        return result;
    }

    private string? Scalar(YamlNode? node, string path, string expected)
    {
        if (IsNull(node))
        {
            return null;
        }

        if (node is not YamlScalarNode scalar)
        {
            Error(node!, path, $"must be {expected}, not {Describe(node!)}");
            return null;
        }

        return scalar.Value;
    }

    private static string Describe(YamlNode node) => node switch
    {
        YamlMappingNode => "a mapping",
        YamlSequenceNode => "a list",
        YamlScalarNode s => $"'{s.Value}'",
        _ => "this value",
    };

    private static int Line(Mark mark) => (int)mark.Line;

    private static int Column(Mark mark) => (int)mark.Column;
}