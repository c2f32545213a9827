using System.Globalization;
using System.Text.RegularExpressions;

using Recreation.Core.Loading;
using Recreation.Core.Model;

using YamlDotNet.RepresentationModel;

namespace Recreation.Core.Profiles;

/// <summary>Reads a <c>profiles:</c> list (the built-in file, a user's file, or a scene file's own).</summary>
internal static partial class ProfileReader
{
    private static readonly string[] Keys = ["name", "description", "backends", "seconds", "sizes", "prompt_limit", "input_image", "price_source", "price_checked"];
    private static readonly string[] SizeKeys = ["size", "usd_per_second"];

    public static List<ModelProfile> ReadList(YamlReader reader, YamlNode? node, string path)
    {
        var result = new List<ModelProfile>();
        foreach (var (item, itemPath) in reader.Sequence(node, path) ?? [])
        {
            if (Read(reader, item, itemPath) is { } profile)
            {
                if (result.Any(p => p.Name == profile.Name))
                {
                    reader.Error(item, YamlReader.Child(itemPath, "name"), $"profile '{profile.Name}' is defined twice in this list");
                    continue;
                }

                result.Add(profile);
            }
        }

        return result;
    }

    private static ModelProfile? Read(YamlReader reader, YamlNode node, string path)
    {
        var map = reader.Mapping(node, path, Keys);
        if (map is null)
        {
            return null;
        }

        var name = reader.String(map.Required("name"), map.At("name"));
        var description = reader.String(map["description"], map.At("description")) ?? "";
        // Any provider name is accepted here: a profile may be for a provider this build does not
        // register. A scene naming a backend is checked against the registry where it is validated.
        var backends = new List<string>();
        foreach (var (item, itemPath) in reader.Sequence(map["backends"], map.At("backends")) ?? [])
        {
            if (reader.String(item, itemPath) is { } backend)
            {
                if (BackendName().IsMatch(backend.Trim()))
                {
                    backends.Add(backend.Trim().ToLowerInvariant());
                }
                else
                {
                    reader.Error(item, itemPath, $"must be a backend name like openai or gemini, not '{backend}'");
                }
            }
        }

        var seconds = new List<int>();
        var secondsNode = map.Required("seconds");
        foreach (var (item, itemPath) in reader.Sequence(secondsNode, map.At("seconds")) ?? [])
        {
            if (reader.Integer(item, itemPath) is { } s)
            {
                if (s <= 0)
                {
                    reader.Error(item, itemPath, "must be > 0");
                }
                else
                {
                    seconds.Add(s);
                }
            }
        }

        if (secondsNode is not null && seconds.Count == 0 && !reader.Diagnostics.HasErrors)
        {
            reader.Error(secondsNode, map.At("seconds"), "must list at least one clip length");
        }

        var sizes = ReadSizes(reader, map);
        var promptLimit = reader.Integer(map["prompt_limit"], map.At("prompt_limit")) ?? 32000;
        if (promptLimit <= 0)
        {
            reader.Error(map["prompt_limit"]!, map.At("prompt_limit"), "must be > 0");
        }

        // input_image: true | false | required (the model makes nothing without one, e.g. Runway's gen4_turbo).
        var requiresImage = map["input_image"] is YamlScalarNode { Value: "required" };
        var inputImage = requiresImage || (reader.Boolean(map["input_image"], map.At("input_image")) ?? true);
        var priceSource = reader.String(map["price_source"], map.At("price_source"));
        var priceChecked = ReadDate(reader, map["price_checked"], map.At("price_checked"));
        if (name is null || seconds.Count == 0 || sizes.Count == 0)
        {
            return null;
        }

        return new ModelProfile(name, description, backends, seconds.Distinct().Order().ToArray(), sizes, promptLimit, inputImage)
        {
            RequiresInputImage = requiresImage,
            PriceSource = string.IsNullOrWhiteSpace(priceSource) ? null : priceSource.Trim(),
            PriceChecked = priceChecked,
        };
    }

    /// <summary>A calendar day written as <c>YYYY-MM-DD</c>.</summary>
    private static DateOnly? ReadDate(YamlReader reader, YamlNode? node, string path)
    {
        var text = reader.String(node, path);
        if (text is null)
        {
            return null;
        }

        if (DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            return day;
        }

        reader.Error(node!, path, $"must be a date written YYYY-MM-DD, like 2026-12-01, not '{text}'");
        return null;
    }

    private static List<ProfileSize> ReadSizes(YamlReader reader, MappingView map)
    {
        var sizes = new List<ProfileSize>();
        var sizesNode = map.Required("sizes");
        foreach (var (item, itemPath) in reader.Sequence(sizesNode, map.At("sizes")) ?? [])
        {
            var sizeMap = reader.Mapping(item, itemPath, SizeKeys);
            if (sizeMap is null)
            {
                continue;
            }

            var text = reader.String(sizeMap.Required("size"), sizeMap.At("size"));
            var price = reader.Number(sizeMap.Required("usd_per_second"), sizeMap.At("usd_per_second"));
            if (text is not null && !FrameSize.TryParse(text, out _))
            {
                reader.Error(sizeMap["size"]!, sizeMap.At("size"), $"must be WIDTHxHEIGHT like 1280x720, not '{text}'");
            }

            if (price < 0)
            {
                reader.Error(sizeMap["usd_per_second"]!, sizeMap.At("usd_per_second"), "must be >= 0");
            }

            if (FrameSize.TryParse(text, out var size) && price is >= 0)
            {
                sizes.Add(new ProfileSize(size.Value, price.Value));
            }
        }

        return sizes;
    }

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_.-]*$")]
    private static partial Regex BackendName();
}