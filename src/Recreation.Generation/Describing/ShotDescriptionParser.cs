using System.Globalization;
using System.Text.Json;

using Recreation.Generation.OpenAI;

namespace Recreation.Generation.Describing;

/// <summary>
/// Reads a chat model's answer as untrusted text: one JSON object with exactly the properties of
/// <see cref="ShotDescriptionSchema"/>, each of its type (an integer <c>people</c> from 0 to 100, a
/// non-empty description), or nothing. Every string is redacted of the key, flattened to one line and
/// cut to a cap (<see cref="MaxDescription"/> and the others); lists are cut to their caps. A server
/// that ignores <c>json_schema</c> may wrap the object in a Markdown code fence, which is taken off;
/// prose around it is not searched for JSON (the answer is refused instead).
/// </summary>
public static class ShotDescriptionParser
{
    public const int MaxDescription = 600;
    public const int MaxInteractions = 12;
    public const int MaxInteraction = 200;
    public const int MaxCharacters = 8;
    public const int MaxName = 40;
    public const int MaxCharacterDescription = 200;
    public const int MaxAnchors = 6;
    public const int MaxAnchor = 80;
    public const int MaxLighting = 120;
    public const int MaxFraming = 60;
    public const int MaxPeople = 100;

    private static readonly string[] Properties = ["description", "people", "interactions", "characters", "lighting", "framing"];
    private static readonly string[] CharacterProperties = ["name", "description", "anchors"];

    /// <summary>The description in <paramref name="content"/>, or why there is none.</summary>
    /// <param name="secret">The API key, redacted from every string kept.</param>
    public static (ShotDescription? Description, string? Problem) Parse(string? content, string? secret)
    {
        if (string.IsNullOrWhiteSpace(content))
        {
            return (null, "the answer is empty");
        }

        var text = new ServerText(secret);
        try
        {
            using var document = JsonDocument.Parse(Unfence(content), new JsonDocumentOptions { MaxDepth = 8 });
            var root = document.RootElement;
            Shape(root, Properties, "the answer");
            var people = root.GetProperty("people");
            if (people.ValueKind != JsonValueKind.Number || !people.TryGetInt32(out var count) || count is < 0 or > MaxPeople)
            {
                throw new FormatException(string.Create(CultureInfo.InvariantCulture, $"'people' is not a whole number from 0 to {MaxPeople}"));
            }

            var description = String(root, "description", MaxDescription, text);
            if (description.Length == 0)
            {
                throw new FormatException("'description' is empty");
            }

            var interactions = Strings(root.GetProperty("interactions"), "interactions", MaxInteractions, MaxInteraction, text);
            var characters = new List<ShotCharacter>();
            foreach (var item in Items(root.GetProperty("characters"), "characters").Take(MaxCharacters))
            {
                Shape(item, CharacterProperties, "a character");
                var name = String(item, "name", MaxName, text);
                if (name.Length == 0)
                {
                    throw new FormatException("a character has an empty 'name'");
                }

                var who = String(item, "description", MaxCharacterDescription, text);
                characters.Add(new ShotCharacter(name, who.Length > 0 ? who : name, Strings(item.GetProperty("anchors"), "anchors", MaxAnchors, MaxAnchor, text)));
            }

            return (new ShotDescription(description, count, interactions, characters, String(root, "lighting", MaxLighting, text), String(root, "framing", MaxFraming, text)), null);
        }
        catch (JsonException ex)
        {
            return (null, $"the answer is not JSON ({text.Clean(ex.Message, 120)}); the server may not support response_format json_schema");
        }
        catch (FormatException ex)
        {
            return (null, $"the answer does not follow the schema: {ex.Message}");
        }
    }

    /// <summary>Takes off one Markdown code fence around the whole answer (```json … ```).</summary>
    private static string Unfence(string content)
    {
        var trimmed = content.Trim();
        if (!trimmed.StartsWith("```", StringComparison.Ordinal) || !trimmed.EndsWith("```", StringComparison.Ordinal) || trimmed.Length < 6)
        {
            return trimmed;
        }

        var firstLine = trimmed.IndexOf('\n', StringComparison.Ordinal);
        return firstLine < 0 ? trimmed[3..^3] : trimmed[(firstLine + 1)..^3];
    }

    /// <summary>An object with exactly <paramref name="names"/> as its properties.</summary>
    private static void Shape(JsonElement element, string[] names, string what)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException($"{what} is not a JSON object");
        }

        foreach (var property in element.EnumerateObject())
        {
            if (!names.Contains(property.Name, StringComparer.Ordinal))
            {
                throw new FormatException($"{what} has a property the schema does not ('{new ServerText(null).Clean(property.Name, 40)}')");
            }
        }

        if (names.FirstOrDefault(n => !element.TryGetProperty(n, out _)) is { } missing)
        {
            throw new FormatException($"{what} has no '{missing}'");
        }
    }

    private static string String(JsonElement parent, string name, int max, ServerText text)
    {
        var value = parent.GetProperty(name);
        return value.ValueKind == JsonValueKind.String
            ? text.Clean(value.GetString(), max) ?? ""
            : throw new FormatException($"'{name}' is not a string");
    }

    private static IEnumerable<JsonElement> Items(JsonElement value, string name) =>
        value.ValueKind == JsonValueKind.Array ? value.EnumerateArray() : throw new FormatException($"'{name}' is not a list");

    private static List<string> Strings(JsonElement value, string name, int maxItems, int maxChars, ServerText text)
    {
        var list = new List<string>();
        foreach (var item in Items(value, name))
        {
            if (item.ValueKind != JsonValueKind.String)
            {
                throw new FormatException($"'{name}' holds something that is not a string");
            }

            if (text.Clean(item.GetString(), maxChars) is { Length: > 0 } clean && list.Count < maxItems)
            {
                list.Add(clean);
            }
        }

        return list;
    }
}