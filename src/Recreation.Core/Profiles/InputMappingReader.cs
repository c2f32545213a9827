using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

using Recreation.Core.Loading;

using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Recreation.Core.Profiles;

/// <summary>Reads a profile's <c>inputs:</c> (how a clip maps onto an aggregator model's input JSON).</summary>
internal static partial class InputMappingReader
{
    private static readonly string[] Keys = ["prompt", "duration", "aspect_ratio", "size", "first_frame", "last_frame", "negative_prompt", "seed", "fixed"];
    private static readonly string[] DurationKeys = ["field", "type", "suffix"];
    private static readonly string[] SizeKeys = ["field", "format"];
    private static readonly string[] NegativePromptKeys = ["field", "text"];

    private static readonly Dictionary<string, DurationType> DurationTypes = new()
    {
        ["number"] = DurationType.Number,
        ["string"] = DurationType.String,
    };

    private static readonly Dictionary<string, SizeFormat> SizeFormats = new()
    {
        ["WxH"] = SizeFormat.WidthXHeight,
        ["W*H"] = SizeFormat.WidthStarHeight,
        ["720p"] = SizeFormat.Resolution,
    };

    public static InputMapping? Read(YamlReader reader, YamlNode? node, string path)
    {
        var map = reader.Mapping(node, path, Keys);
        if (map is null)
        {
            return null;
        }

        var errorsBefore = reader.Diagnostics.Items.Count;
        var prompt = Field(reader, map["prompt"], map.At("prompt")) ?? "prompt";
        var duration = ReadDuration(reader, map["duration"], map.At("duration"));
        var aspectRatio = Field(reader, map["aspect_ratio"], map.At("aspect_ratio"));
        var size = ReadSize(reader, map["size"], map.At("size"));
        var firstFrame = Field(reader, map["first_frame"], map.At("first_frame"));
        var lastFrame = Field(reader, map["last_frame"], map.At("last_frame"));
        var (negativeField, negativeText) = ReadNegativePrompt(reader, map["negative_prompt"], map.At("negative_prompt"));
        var seed = Field(reader, map["seed"], map.At("seed"));
        var fixedInputs = ReadFixed(reader, map["fixed"], map.At("fixed"));
        if (reader.Diagnostics.Items.Count > errorsBefore)
        {
            return null;
        }

        var mapping = new InputMapping(prompt, duration, aspectRatio, size, firstFrame, lastFrame, negativeField, negativeText, seed, fixedInputs?.ToJsonString() ?? "{}");
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var field in mapping.MappedFields())
        {
            if (!seen.Add(field))
            {
                reader.Error(node!, path, $"the field '{field}' is mapped twice: each clip value needs its own field");
            }
        }

        foreach (var (key, _) in fixedInputs ?? [])
        {
            if (seen.Contains(key))
            {
                reader.Error(map["fixed"]!, map.At("fixed"), $"'{key}' is both mapped and fixed: remove it from fixed (the clip fills it)");
            }
        }

        return reader.Diagnostics.Items.Count > errorsBefore ? null : mapping;
    }

    /// <summary>A field name as the model's input schema writes it (<c>image_url</c>, <c>start_image</c>).</summary>
    private static string? Field(YamlReader reader, YamlNode? node, string path)
    {
        var text = reader.String(node, path)?.Trim();
        if (text is null)
        {
            return null;
        }

        if (!FieldName().IsMatch(text))
        {
            reader.Error(node!, path, $"must be an input field name like image_url (letters, digits, '_', '-'), not '{text}'");
            return null;
        }

        return text;
    }

    /// <summary><c>duration: FIELD</c> (a number), or <c>{ field, type: number | string, suffix }</c>.</summary>
    private static DurationInput? ReadDuration(YamlReader reader, YamlNode? node, string path)
    {
        if (node is YamlScalarNode)
        {
            return Field(reader, node, path) is { } name ? new DurationInput(name, DurationType.Number, "") : null;
        }

        var map = reader.Mapping(node, path, DurationKeys);
        if (map is null)
        {
            return null;
        }

        var field = Field(reader, map.Required("field"), map.At("field"));
        var type = map["type"] is null ? DurationType.Number : reader.Choice(map["type"], map.At("type"), DurationTypes);
        var suffix = reader.String(map["suffix"], map.At("suffix")) ?? "";
        if (suffix.Length > 0 && type == DurationType.Number)
        {
            reader.Error(map["suffix"]!, map.At("suffix"), "a suffix needs type: string (a number cannot carry units)");
        }

        return field is null || type is null ? null : new DurationInput(field, type.Value, suffix);
    }

    /// <summary><c>size: FIELD</c> (written 1280x720), or <c>{ field, format: WxH | W*H | 720p }</c>.</summary>
    private static SizeInput? ReadSize(YamlReader reader, YamlNode? node, string path)
    {
        if (node is YamlScalarNode)
        {
            return Field(reader, node, path) is { } name ? new SizeInput(name, SizeFormat.WidthXHeight) : null;
        }

        var map = reader.Mapping(node, path, SizeKeys);
        if (map is null)
        {
            return null;
        }

        var field = Field(reader, map.Required("field"), map.At("field"));
        SizeFormat? format = SizeFormat.WidthXHeight;
        if (reader.String(map["format"], map.At("format")) is { } text)
        {
            // Exact names: "WxH" and "W*H" differ only in punctuation, which ChoiceOf would not mind.
            format = SizeFormats.TryGetValue(text.Trim(), out var f) ? f : null;
            if (format is null)
            {
                reader.Error(map["format"]!, map.At("format"), $"must be one of {string.Join(" | ", SizeFormats.Keys)}, not '{text}'");
            }
        }

        return field is null || format is null ? null : new SizeInput(field, format.Value);
    }

    private static (string? Field, string? Text) ReadNegativePrompt(YamlReader reader, YamlNode? node, string path)
    {
        var map = reader.Mapping(node, path, NegativePromptKeys);
        if (map is null)
        {
            return (null, null);
        }

        var field = Field(reader, map.Required("field"), map.At("field"));
        var text = reader.String(map.Required("text"), map.At("text"));
        return (field, text);
    }

    /// <summary>Fixed inputs: a mapping whose values keep their YAML types (a quoted scalar stays text).</summary>
    private static JsonObject? ReadFixed(YamlReader reader, YamlNode? node, string path)
    {
        var map = reader.MappingAnyKeys(node, path);
        if (map is null)
        {
            return null;
        }

        var result = new JsonObject();
        foreach (var (key, _) in map.Keys)
        {
            if (!FieldName().IsMatch(key))
            {
                reader.Error(map[key]!, map.At(key), $"must be an input field name like mode (letters, digits, '_', '-'), not '{key}'");
                continue;
            }

            result[key] = Value(map[key]);
        }

        return result;
    }

    private static JsonNode? Value(YamlNode? node) => node switch
    {
        YamlScalarNode scalar => Scalar(scalar),
        YamlSequenceNode sequence => new JsonArray(sequence.Children.Select(Value).ToArray()),
        YamlMappingNode mapping => Object(mapping),
        _ => null,
    };

    private static JsonObject Object(YamlMappingNode mapping)
    {
        var result = new JsonObject();
        foreach (var (key, value) in mapping.Children)
        {
            result[key is YamlScalarNode { Value: { } name } ? name : key.ToString()] = Value(value);
        }

        return result;
    }

    private static JsonNode? Scalar(YamlScalarNode scalar)
    {
        var text = scalar.Value ?? "";
        if (scalar.Style is ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted or ScalarStyle.Literal or ScalarStyle.Folded)
        {
            return JsonValue.Create(text);
        }

        switch (text)
        {
            case "" or "~" or "null" or "Null" or "NULL":
                return null;
            case "true" or "True" or "TRUE":
                return JsonValue.Create(true);
            case "false" or "False" or "FALSE":
                return JsonValue.Create(false);
        }

        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var whole))
        {
            return JsonValue.Create(whole);
        }

        return decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
            ? JsonNode.Parse(number.ToString(CultureInfo.InvariantCulture))
            : JsonValue.Create(text);
    }

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_-]*$")]
    private static partial Regex FieldName();
}