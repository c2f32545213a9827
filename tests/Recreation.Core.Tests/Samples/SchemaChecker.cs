using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Recreation.Core.Tests.Samples;

/// <summary>
/// A small JSON Schema (2020-12) checker for the keywords scene.schema.json uses, so the tests can
/// hold the schema against real files without a validator package. <see cref="Keywords"/> lists
/// what it understands; a test makes sure the schema uses nothing else.
/// </summary>
public sealed class SchemaChecker
{
    public static readonly string[] Annotations = ["$schema", "$id", "$defs", "$comment", "title", "description", "default", "examples"];

    public static readonly string[] Keywords =
    [
        "$ref", "type", "const", "enum", "properties", "required", "additionalProperties", "propertyNames",
        "minProperties", "maxProperties", "items", "minItems", "uniqueItems", "minimum", "maximum",
        "exclusiveMinimum", "minLength", "pattern", "anyOf", "oneOf", "allOf", "if", "then",
    ];

    private readonly JsonObject _root;

    public SchemaChecker(JsonObject root) => _root = root;

    public static SchemaChecker Load(string path) => new(JsonNode.Parse(File.ReadAllText(path))!.AsObject());

    /// <summary>Every keyword used anywhere in the schema (walking into subschemas, not into property names).</summary>
    public static IEnumerable<string> UsedKeywords(JsonNode? schema)
    {
        if (schema is not JsonObject obj)
        {
            yield break;
        }

        foreach (var (key, value) in obj)
        {
            yield return key;
            var children = key switch
            {
                "properties" or "$defs" => value!.AsObject().Select(p => p.Value),
                "anyOf" or "oneOf" or "allOf" => value!.AsArray(),
                "items" or "additionalProperties" or "propertyNames" or "if" or "then" => [value],
                _ => [],
            };
            foreach (var keyword in children.SelectMany(UsedKeywords))
            {
                yield return keyword;
            }
        }
    }

    /// <summary>Follows <c>$ref</c> (local <c>#/$defs/…</c> only).</summary>
    public JsonObject Resolve(JsonObject schema)
    {
        while (schema["$ref"]?.GetValue<string>() is { } reference)
        {
            const string prefix = "#/$defs/";
            if (!reference.StartsWith(prefix, StringComparison.Ordinal))
            {
                throw new NotSupportedException($"$ref {reference}");
            }

            schema = _root["$defs"]![reference[prefix.Length..]]!.AsObject();
        }

        return schema;
    }

    public List<string> Check(JsonNode? instance)
    {
        var errors = new List<string>();
        Check(_root, instance, "", errors);
        return errors;
    }

    private void Check(JsonNode? schemaNode, JsonNode? instance, string path, List<string> errors)
    {
        if (schemaNode is JsonValue boolean && boolean.GetValueKind() is JsonValueKind.True or JsonValueKind.False)
        {
            if (boolean.GetValueKind() == JsonValueKind.False)
            {
                errors.Add($"{path}: not allowed");
            }

            return;
        }

        var schema = schemaNode!.AsObject();
        foreach (var (keyword, value) in schema)
        {
            switch (keyword)
            {
                case "$ref":
                    Check(Resolve(new JsonObject { ["$ref"] = value!.DeepClone() }), instance, path, errors);
                    break;
                case "type":
                    var types = value is JsonArray list ? list.Select(t => t!.GetValue<string>()).ToArray() : [value!.GetValue<string>()];
                    if (!types.Any(t => HasType(instance, t)))
                    {
                        errors.Add($"{path}: must be {string.Join(" or ", types)}, not {Show(instance)}");
                    }

                    break;
                case "const":
                    if (!Same(instance, value))
                    {
                        errors.Add($"{path}: must be {Show(value)}, not {Show(instance)}");
                    }

                    break;
                case "enum":
                    if (!value!.AsArray().Any(v => Same(instance, v)))
                    {
                        errors.Add($"{path}: must be one of {value.ToJsonString()}, not {Show(instance)}");
                    }

                    break;
                case "properties" when instance is JsonObject obj:
                    foreach (var (name, propertySchema) in value!.AsObject())
                    {
                        if (obj.TryGetPropertyValue(name, out var propertyValue))
                        {
                            Check(propertySchema, propertyValue, Child(path, name), errors);
                        }
                    }

                    break;
                case "required" when instance is JsonObject obj:
                    foreach (var name in value!.AsArray().Select(n => n!.GetValue<string>()).Where(n => !obj.ContainsKey(n)))
                    {
                        errors.Add($"{Child(path, name)}: is required");
                    }

                    break;
                case "additionalProperties" when instance is JsonObject obj:
                    var declared = schema["properties"]?.AsObject().Select(p => p.Key).ToHashSet() ?? [];
                    foreach (var (name, propertyValue) in obj.Where(p => !declared.Contains(p.Key)))
                    {
                        Check(value, propertyValue, Child(path, name), errors);
                    }

                    break;
                case "propertyNames" when instance is JsonObject obj:
                    foreach (var (name, _) in obj)
                    {
                        Check(value, JsonValue.Create(name), $"{Child(path, name)} (name)", errors);
                    }

                    break;
                case "minProperties" when instance is JsonObject obj && obj.Count < Number(value):
                case "maxProperties" when instance is JsonObject obj2 && obj2.Count > Number(value):
                    errors.Add($"{path}: {keyword} {Number(value)}");
                    break;
                case "items" when instance is JsonArray array:
                    for (var i = 0; i < array.Count; i++)
                    {
                        Check(value, array[i], $"{path}[{i}]", errors);
                    }

                    break;
                case "minItems" when instance is JsonArray array && array.Count < Number(value):
                    errors.Add($"{path}: needs at least {Number(value)} items");
                    break;
                case "uniqueItems" when instance is JsonArray array && value!.GetValue<bool>():
                    if (array.Select(Show).Distinct().Count() != array.Count)
                    {
                        errors.Add($"{path}: items must be unique");
                    }

                    break;
                case "minimum" when IsNumber(instance) && Number(instance) < Number(value):
                case "maximum" when IsNumber(instance) && Number(instance) > Number(value):
                case "exclusiveMinimum" when IsNumber(instance) && Number(instance) <= Number(value):
                    errors.Add($"{path}: {Show(instance)} breaks {keyword} {Number(value)}");
                    break;
                case "minLength" when instance is JsonValue s && s.GetValueKind() == JsonValueKind.String && s.GetValue<string>().Length < Number(value):
                    errors.Add($"{path}: must not be shorter than {Number(value)}");
                    break;
                case "pattern" when instance is JsonValue s && s.GetValueKind() == JsonValueKind.String:
                    if (!Regex.IsMatch(s.GetValue<string>(), value!.GetValue<string>()))
                    {
                        errors.Add($"{path}: {Show(instance)} does not match {value.GetValue<string>()}");
                    }

                    break;
                case "anyOf" or "oneOf":
                    var outcomes = value!.AsArray().Select(option => (Option: option, Errors: Errors(option, instance, path))).ToList();
                    var passing = outcomes.Count(o => o.Errors.Count == 0);
                    if (passing == 0 || (keyword == "oneOf" && passing > 1))
                    {
                        errors.Add($"{path}: {Show(instance)} matches {passing} of the {keyword} options");

                        // Say why the option of the instance's own type failed (a misspelled key in the object form, say).
                        var nearest = outcomes.Where(o => o.Errors.Count > 0).OrderBy(o => AcceptsType(o.Option, instance) ? 0 : 1).ThenBy(o => o.Errors.Count).FirstOrDefault();
                        errors.AddRange(nearest.Errors ?? []);
                    }

                    break;
                case "allOf":
                    foreach (var option in value!.AsArray())
                    {
                        Check(option, instance, path, errors);
                    }

                    break;
                case "if" when schema["then"] is { } then:
                    if (Passes(value, instance, path))
                    {
                        Check(then, instance, path, errors);
                    }

                    break;
            }
        }
    }

    private bool Passes(JsonNode? schema, JsonNode? instance, string path) => Errors(schema, instance, path).Count == 0;

    private List<string> Errors(JsonNode? schema, JsonNode? instance, string path)
    {
        var errors = new List<string>();
        Check(schema, instance, path, errors);
        return errors;
    }

    private bool AcceptsType(JsonNode? option, JsonNode? instance)
    {
        var schema = option is JsonObject obj ? Resolve(obj) : null;
        return schema?["type"] is not { } type
            || (type is JsonArray list ? list.Any(t => HasType(instance, t!.GetValue<string>())) : HasType(instance, type.GetValue<string>()));
    }

    private static bool HasType(JsonNode? instance, string type) => type switch
    {
        "null" => instance is null,
        "boolean" => instance is JsonValue v && v.GetValueKind() is JsonValueKind.True or JsonValueKind.False,
        "number" => IsNumber(instance),
        "integer" => IsNumber(instance) && decimal.Truncate(Number(instance)) == Number(instance),
        "string" => instance is JsonValue v && v.GetValueKind() == JsonValueKind.String,
        "array" => instance is JsonArray,
        "object" => instance is JsonObject,
        _ => throw new NotSupportedException($"type {type}"),
    };

    private static bool IsNumber(JsonNode? node) => node is JsonValue v && v.GetValueKind() == JsonValueKind.Number;

    private static decimal Number(JsonNode? node) => decimal.Parse(node!.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture);

    private static bool Same(JsonNode? a, JsonNode? b) =>
        IsNumber(a) && IsNumber(b) ? Number(a) == Number(b) : JsonNode.DeepEquals(a, b);

    private static string Show(JsonNode? node) => node?.ToJsonString() ?? "null";

    private static string Child(string path, string name) => path.Length == 0 ? name : $"{path}.{name}";
}