using System.Globalization;
using System.Text.RegularExpressions;

using Recreation.Core.Loading;
using Recreation.Core.Model;

using YamlDotNet.RepresentationModel;

namespace Recreation.Core.Profiles;

/// <summary>Reads a <c>profiles:</c> list (the built-in file, a user's file, or a scene file's own).</summary>
internal static partial class ProfileReader
{
    private static readonly string[] Keys = ["name", "description", "backends", "seconds", "sizes", "prompt_limit", "input_image", "price_source", "price_checked", "model", "inputs"];
    private static readonly string[] SizeKeys = ["size", "usd_per_second"];

    /// <param name="known">
    /// Profiles this list may not redefine (a scene file's <c>profiles:</c> against the user's catalog:
    /// a shared scene that replaced a paid model's price with 0 would let a run spend past
    /// <c>--max-cost</c>); null when anything may be redefined (the user's own profile files).
    /// </param>
    public static List<ModelProfile> ReadList(YamlReader reader, YamlNode? node, string path, ProfileCatalog? known = null)
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

                if (known?.Find(profile.Name) is not null)
                {
                    reader.Error(
                        item,
                        YamlReader.Child(itemPath, "name"),
                        $"profile '{profile.Name}' already exists (built in, or from your --profiles file); a scene file may add profiles but not redefine a known model's lengths, sizes or price. "
                        + "Remove it here, or give it another name; to change the model itself, put your version in a profile file of your own and pass --profiles FILE");
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
        var model = ReadModelId(reader, map["model"], map.At("model"));
        var inputs = InputMappingReader.Read(reader, map["inputs"], map.At("inputs"));
        if (inputs is { FirstFrameField: null } && requiresImage && map["inputs"] is { } inputsNode)
        {
            reader.Error(inputsNode, map.At("inputs"), "input_image is required but no first_frame field is mapped: name the field the model takes its image in (first_frame: image_url)");
        }

        if (inputs?.FirstFrameField is not null && !inputImage && map["inputs"] is { } imageless)
        {
            reader.Error(imageless, map.At("inputs"), "first_frame is mapped but input_image is false: remove one of them");
        }

        if (name is null || seconds.Count == 0 || sizes.Count == 0)
        {
            return null;
        }

        return new ModelProfile(name, description, backends, seconds.Distinct().Order().ToArray(), sizes, promptLimit, inputImage)
        {
            RequiresInputImage = requiresImage,
            PriceSource = string.IsNullOrWhiteSpace(priceSource) ? null : priceSource.Trim(),
            PriceChecked = priceChecked,
            Model = model,
            Inputs = inputs,
        };
    }

    /// <summary>A model id as an aggregator writes it: <c>owner/name</c>, a fal endpoint path, or a version hash, with no spaces.</summary>
    private static string? ReadModelId(YamlReader reader, YamlNode? node, string path)
    {
        var text = reader.String(node, path)?.Trim();
        if (text is null)
        {
            return null;
        }

        if (!ModelIdPattern().IsMatch(text) || text.Split('/').Any(segment => segment is "." or ".."))
        {
            reader.Error(node!, path, $"must be a model id like fal-ai/kling-video/v2.1/standard/image-to-video or kwaivgi/kling-v2.1 (letters, digits, '/', '-', '_', '.', ':'), not '{text}'");
            return null;
        }

        return text;
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

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_.:-]*(/[A-Za-z0-9_.:-]+)*$")]
    private static partial Regex ModelIdPattern();
}