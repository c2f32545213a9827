using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

using Recreation.Core.Model;
using Recreation.Core.Planning;

namespace Recreation.Core.Output;

/// <summary>
/// Writes a plan as the single JSON object <c>recreate plan --json</c> prints. Written field by
/// field (not reflected) so the output is byte-for-byte stable: seconds and money use fixed,
/// culture-free formats, and paths are relative to the scene file with '/' separators.
/// </summary>
public static class PlanJson
{
    public static string Write(CompiledScene compiled)
    {
        var (file, plan) = (compiled.File, compiled.Plan);
        var baseDirectory = file.BaseDirectory;
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteNumber("version", 1);
            json.WriteString("title", plan.Title);
            json.WriteString("backend", plan.Backend);
            json.WriteString("model", plan.Model);
            json.WriteString("size", plan.Size.ToString());
            json.WriteNumber("total_generated_seconds", plan.TotalGeneratedSeconds);
            json.WritePropertyName("estimated_cost_usd");
            json.WriteRawValue(plan.EstimatedCostUsd.ToString("0.00##", CultureInfo.InvariantCulture));
            json.WriteStartArray("warnings");
            foreach (var warning in plan.Warnings)
            {
                json.WriteStringValue(warning.ToString());
            }

            json.WriteEndArray();
            json.WriteStartArray("scenes");
            foreach (var scene in plan.Scenes)
            {
                WriteScene(json, scene, baseDirectory);
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void WriteScene(Utf8JsonWriter json, ScenePlan scene, string baseDirectory)
    {
        json.WriteStartObject();
        json.WriteString("id", scene.Id);
        WriteSeconds(json, "duration", scene.Duration);
        WriteSeconds(json, "max_clip_seconds", scene.MaxClipMs / 1000m);
        WriteStrings(json, "triggers", scene.Triggers);
        json.WriteStartArray("trigger_words");
        foreach (var word in scene.TriggerWords)
        {
            json.WriteStartObject();
            json.WriteString("kind", word.Kind);
            json.WriteString("word", word.Word);
            json.WriteString("source", word.Source);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStartArray("splits");
        foreach (var split in scene.Splits)
        {
            json.WriteStartObject();
            json.WriteString("rule", split.Rule);
            json.WriteNumber("clips_needed", split.ClipsNeeded);
            json.WriteString("detail", split.Detail);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStartArray("clips");
        foreach (var clip in scene.Clips)
        {
            json.WriteStartObject();
            json.WriteString("id", clip.Id);
            json.WriteNumber("seconds", clip.Seconds);
            WriteSeconds(json, "share", clip.Share);
            WriteSeconds(json, "start", clip.Start);
            WriteStrings(json, "interactions", clip.Interactions);
            json.WriteStartArray("dialogue");
            foreach (var line in clip.Dialogue)
            {
                json.WriteStartObject();
                json.WriteString(line.Speaker, line.Text);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            WriteStrings(json, "characters", clip.Characters);
            json.WriteNumber("people", clip.People);
            json.WriteString("prompt", clip.Prompt);
            json.WriteString("input_image", clip.InputImage is null ? null : RelativePath(baseDirectory, clip.InputImage));
            json.WriteString("input_from_clip", clip.InputFromClip);

            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    /// <summary>A path as shown to users: relative to the scene file's folder when inside it, with '/' separators.</summary>
    public static string RelativePath(string baseDirectory, string path)
    {
        var relative = Path.GetRelativePath(baseDirectory, path);
        return relative.StartsWith("..", StringComparison.Ordinal) ? path : relative.Replace('\\', '/');
    }

    private static void WriteSeconds(Utf8JsonWriter json, string name, decimal seconds)
    {
        json.WritePropertyName(name);
        json.WriteRawValue(seconds.ToString("0.###", CultureInfo.InvariantCulture));
    }

    private static void WriteStrings(Utf8JsonWriter json, string name, IEnumerable<string> values)
    {
        json.WriteStartArray(name);
        foreach (var value in values)
        {
            json.WriteStringValue(value);
        }

        json.WriteEndArray();
    }
}