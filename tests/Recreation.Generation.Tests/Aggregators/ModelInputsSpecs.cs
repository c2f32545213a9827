using System.Text.Json.Nodes;

using Recreation.Core.Model;
using Recreation.Core.Profiles;
using Recreation.Generation.Aggregators;

namespace Recreation.Generation.Tests.Aggregators;

/// <summary>A profile's input mapping turned into the JSON an aggregator model receives.</summary>
[CancelAfter(30_000)]
public class ModelInputsSpecs
{
    private static readonly InputMapping Kling = new(
        "prompt",
        new DurationInput("duration", DurationType.String, ""),
        "aspect_ratio",
        null,
        "image_url",
        "tail_image_url",
        "negative_prompt",
        "blur, distort, low quality",
        null,
        """{"cfg_scale":0.5}""");

    [Test]
    public void Each_mapped_field_gets_the_clip_value_in_the_models_type_and_fixed_inputs_go_as_written()
    {
        var input = ModelInputs.Build(Kling, Request(new(1280, 720), 10), "data:image/png;base64,AAAA", "data:image/png;base64,BBBB");

        Assert.That(JsonNode.DeepEquals(input, JsonNode.Parse("""
            {
              "cfg_scale": 0.5,
              "prompt": "A pier at dusk.",
              "duration": "10",
              "aspect_ratio": "16:9",
              "image_url": "data:image/png;base64,AAAA",
              "tail_image_url": "data:image/png;base64,BBBB",
              "negative_prompt": "blur, distort, low quality"
            }
            """)), Is.True, input.ToJsonString());
    }

    [Test]
    public void A_clip_without_an_image_sends_no_image_field()
    {
        var input = ModelInputs.Build(Kling, Request(new(720, 1280), 5), firstFrame: null);

        Assert.That(input.ContainsKey("image_url"), Is.False);
        Assert.That(input.ContainsKey("tail_image_url"), Is.False);
        Assert.That(input["aspect_ratio"]!.GetValue<string>(), Is.EqualTo("9:16"));
    }

    [TestCase(DurationType.Number, "", "8")]
    [TestCase(DurationType.String, "", "\"8\"")]
    [TestCase(DurationType.String, "s", "\"8s\"")]
    public void The_length_is_a_number_or_text_with_the_models_units(DurationType type, string suffix, string json)
    {
        var mapping = Kling with { Duration = new DurationInput("duration", type, suffix) };

        Assert.That(ModelInputs.Build(mapping, Request(new(1280, 720), 8), null)["duration"]!.ToJsonString(), Is.EqualTo(json));
    }

    [TestCase(SizeFormat.WidthXHeight, 1280, 720, "1280x720")]
    [TestCase(SizeFormat.WidthStarHeight, 832, 480, "832*480")]
    [TestCase(SizeFormat.Resolution, 1920, 1080, "1080p")]
    [TestCase(SizeFormat.Resolution, 720, 1280, "720p")]
    public void The_size_is_written_the_way_the_model_reads_it(SizeFormat format, int width, int height, string expected)
    {
        var mapping = Kling with { Size = new SizeInput("resolution", format) };

        Assert.That(ModelInputs.Build(mapping, Request(new(width, height), 5), null)["resolution"]!.GetValue<string>(), Is.EqualTo(expected));
    }

    [Test]
    public void The_seed_is_the_same_for_the_same_clip_and_differs_between_clips()
    {
        var mapping = Kling with { SeedField = "seed" };
        var first = ModelInputs.Build(mapping, Request(new(1280, 720), 5), null)["seed"]!.GetValue<int>();
        var again = ModelInputs.Build(mapping, Request(new(1280, 720), 5), null)["seed"]!.GetValue<int>();
        var other = ModelInputs.Build(mapping, Request(new(1280, 720), 5) with { CacheKey = "another" }, null)["seed"]!.GetValue<int>();

        Assert.That(again, Is.EqualTo(first));
        Assert.That(other, Is.Not.EqualTo(first));
        Assert.That(first, Is.GreaterThanOrEqualTo(0));
    }

    [Test]
    public async Task An_image_goes_as_a_data_uri_typed_by_its_header_not_its_name()
    {
        var file = Path.Combine(Path.GetTempPath(), $"frame-{Guid.NewGuid():N}.jpg");
        byte[] png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3];
        await File.WriteAllBytesAsync(file, png);
        try
        {
            Assert.That(await DataUri.FromImageAsync(file), Is.EqualTo("data:image/png;base64," + Convert.ToBase64String(png)));
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static ClipRequest Request(FrameSize size, int seconds) =>
        new("pier-1", "pier", 1, 1, "A pier at dusk.", "kling", size, seconds, null, [], "cache-key-1");
}