using System.Text.Json;

using Recreation.Core.Output;

namespace Recreation.Core.Tests.Planning;

public class PlanJsonSpecs
{
    private const string Yaml = """
        version: 1
        title: Json
        characters: { mara: { description: a barista, anchors: [navy apron] } }
        scenes:
          - id: opening
            duration: 10
            description: Mara pours coffee.
            characters: [mara]
            interactions: [a, b, c, d, e]
            dialogue: [{ mara: "Hi." }]
        """;

    [Test]
    public void The_plan_json_has_the_documented_shape_and_types()
    {
        using var json = JsonDocument.Parse(PlanJson.Write(Scenes.Compile(Yaml)));
        var root = json.RootElement;
        Assert.That(root.GetProperty("version").GetInt32(), Is.EqualTo(1));
        foreach (var name in new[] { "title", "backend", "model", "size" })
        {
            Assert.That(root.GetProperty(name).ValueKind, Is.EqualTo(JsonValueKind.String), name);
        }

        Assert.That(root.GetProperty("total_generated_seconds").GetInt32(), Is.EqualTo(12));
        Assert.That(root.GetProperty("estimated_cost_usd").GetDecimal(), Is.EqualTo(1.2m));
        var scene = root.GetProperty("scenes")[0];
        Assert.That(scene.GetProperty("triggers")[0].GetString(), Is.EqualTo("fluid"));
        Assert.That(scene.GetProperty("splits")[0].GetProperty("rule").GetString(), Is.EqualTo("max_clip_seconds"));
        var clip = scene.GetProperty("clips")[1];
        Assert.That(clip.GetProperty("id").GetString(), Is.EqualTo("opening-2"));
        Assert.That(clip.GetProperty("seconds").ValueKind, Is.EqualTo(JsonValueKind.Number));
        Assert.That(clip.GetProperty("share").GetDecimal(), Is.EqualTo(3.333m).Or.EqualTo(4m).Or.EqualTo(2.5m));
        Assert.That(clip.GetProperty("start").GetDecimal(), Is.GreaterThan(0m));
        Assert.That(clip.GetProperty("input_image").ValueKind, Is.EqualTo(JsonValueKind.Null));
        Assert.That(clip.GetProperty("prompt").GetString(), Does.Contain("navy apron"));
        Assert.That(scene.GetProperty("clips")[0].GetProperty("dialogue")[0].GetProperty("mara").GetString(), Is.EqualTo("Hi."));
    }

    [Test]
    public void The_same_file_gives_the_same_json_byte_for_byte() =>
        Assert.That(PlanJson.Write(Scenes.Compile(Yaml)), Is.EqualTo(PlanJson.Write(Scenes.Compile(Yaml))));
}