using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace Recreation.Generation.Describing;

/// <summary>
/// What is asked of the chat model: the instructions, the shot's own text, and the JSON schema of
/// the answer for <c>response_format: {type: "json_schema", json_schema: {name, strict: true, schema}}</c>.
/// The schema keeps to what OpenAI's strict mode accepts (every property required,
/// <c>additionalProperties: false</c> on every object, no length keywords); the caps are enforced on
/// the answer by <see cref="ShotDescriptionParser"/> instead.
/// </summary>
public static class ShotDescriptionSchema
{
    public const string Name = "shot_description";

    public const string Instructions =
        "You describe one shot of a video so that a text-to-video model can recreate it. You get its first, middle and last frames. " +
        "Answer with JSON only, in the schema given. description: what the shot shows, one or two plain sentences, present tense, no camera jargon. " +
        "people: how many people are visible. interactions: each distinct action or beat in order, one short sentence each, naming who does it; empty if nothing happens. " +
        "characters: the people who can be told apart, each with a short name (a role such as 'barista' or 'man in grey coat' when no name is known), who they are, and 2-4 visual anchors (clothes, hair, props) that identify them. " +
        "lighting: the light in a few words. framing: close-up, medium, wide or similar. Describe only what is visible; never identify real people.";

    /// <summary>The user message's text for <paramref name="request"/>.</summary>
    public static string Text(ShotDescriptionRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"Shot {request.Number} of {request.Count}: {request.Seconds:0.###} s, camera {request.Camera}. The images are its first, middle and last frames.");
        if (request.KnownCharacters.Count > 0)
        {
            text.Append(" People named in earlier shots (use the same name when it is the same person): ");
            text.AppendJoin("; ", request.KnownCharacters.Take(ShotDescriptionParser.MaxCharacters).Select(c => $"{c.Name}: {c.Description} ({string.Join(", ", c.Anchors)})"));
            text.Append('.');
        }

        return text.ToString();
    }

    /// <summary>The answer's schema (a new node each time: a node has one parent).</summary>
    public static JsonObject Schema() => Object(
        ("description", Text("What the shot shows, one or two sentences.")),
        ("people", new JsonObject { ["type"] = "integer", ["description"] = "How many people are visible." }),
        ("interactions", Array(Text("One action or beat, naming who does it."))),
        ("characters", Array(Object(
            ("name", Text("A short name or role.")),
            ("description", Text("Who they are, in a few words.")),
            ("anchors", Array(Text("A visual anchor: clothing, hair, a prop.")))))),
        ("lighting", Text("The light, in a few words.")),
        ("framing", Text("close-up, medium, wide or similar.")));

    /// <summary>The whole <c>response_format</c> value.</summary>
    public static JsonObject ResponseFormat() => new()
    {
        ["type"] = "json_schema",
        ["json_schema"] = new JsonObject { ["name"] = Name, ["strict"] = true, ["schema"] = Schema() },
    };

    private static JsonObject Text(string description) => new() { ["type"] = "string", ["description"] = description };

    private static JsonObject Array(JsonObject items) => new() { ["type"] = "array", ["items"] = items };

    private static JsonObject Object(params (string Name, JsonObject Schema)[] properties)
    {
        var map = new JsonObject();
        foreach (var (name, schema) in properties)
        {
            map[name] = schema;
        }

        return new JsonObject
        {
            ["type"] = "object",
            ["properties"] = map,
            ["required"] = new JsonArray(properties.Select(p => (JsonNode)JsonValue.Create(p.Name)).ToArray()),
            ["additionalProperties"] = false,
        };
    }
}