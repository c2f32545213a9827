using Recreation.Core.Diagnostics;
using Recreation.Core.Profiles;

namespace Recreation.Core.Tests.Loading;

/// <summary>A profile's <c>model:</c> and <c>inputs:</c>: how an aggregator is told which model to run and with what JSON.</summary>
public class InputMappingSpecs
{
    [Test]
    public void A_profile_names_its_aggregator_model_and_maps_every_clip_value_onto_a_field()
    {
        var catalog = Load("""
            profiles:
              - name: kling-std
                backends: [fal]
                model: fal-ai/kling-video/v2.1/standard/image-to-video
                seconds: [5, 10]
                sizes: [{ size: 1280x720, usd_per_second: 0.056 }]
                input_image: required
                inputs:
                  prompt: prompt
                  duration: { field: duration, type: string }
                  aspect_ratio: aspect_ratio
                  size: { field: resolution, format: 720p }
                  first_frame: image_url
                  last_frame: tail_image_url
                  negative_prompt: { field: negative_prompt, text: "blur, distort" }
                  seed: seed
                  fixed: { cfg_scale: 0.5, mode: std, enhance: true, version: "2", steps: 30, tags: [a, b], extra: { x: 1 } }
            """);

        var profile = catalog.Find("kling-std")!;
        Assert.That(profile.ModelId, Is.EqualTo("fal-ai/kling-video/v2.1/standard/image-to-video"));
        Assert.That(profile.Inputs, Is.EqualTo(new InputMapping(
            "prompt",
            new DurationInput("duration", DurationType.String, ""),
            "aspect_ratio",
            new SizeInput("resolution", SizeFormat.Resolution),
            "image_url",
            "tail_image_url",
            "negative_prompt",
            "blur, distort",
            "seed",
            """{"cfg_scale":0.5,"mode":"std","enhance":true,"version":"2","steps":30,"tags":["a","b"],"extra":{"x":1}}""")));
    }

    [Test]
    public void Short_forms_send_the_prompt_as_prompt_the_length_as_a_number_and_the_size_as_WxH()
    {
        var profile = Load("""
            profiles:
              - name: owner/model
                backends: [replicate]
                seconds: [5]
                sizes: [{ size: 1280x720, usd_per_second: 0.1 }]
                inputs: { duration: seconds, size: size }
            """).Find("owner/model")!;

        Assert.That(profile.ModelId, Is.EqualTo("owner/model"), "without model: the profile's name is the id");
        Assert.That(profile.Inputs, Is.EqualTo(new InputMapping("prompt", new DurationInput("seconds", DurationType.Number, ""), null, new SizeInput("size", SizeFormat.WidthXHeight), null, null, null, null, null, "{}")));
        Assert.That(ProfileCatalog.BuiltIn.Find("sora-2")!.Inputs, Is.Null, "direct providers' profiles need no mapping");
    }

    [Test]
    public void A_bad_mapping_is_reported_at_its_line_and_column_with_what_to_write()
    {
        var errors = Errors("""
            profiles:
              - name: broken
                backends: [fal]
                model: fal-ai/../secrets
                seconds: [5]
                sizes: [{ size: 1280x720, usd_per_second: 0.1 }]
                inputs:
                  duration: { field: duration, type: integer }
                  size: { field: size, format: 1280 by 720 }
                  first_frame: image url
                  negative_prompt: { field: neg }
                  promt: prompt
            """);

        Assert.That(errors, Has.One.Contains(":4:12: profiles[0].model: must be a model id like"));
        Assert.That(errors, Has.One.Contains(":8:42: profiles[0].inputs.duration.type: must be one of number | string, not 'integer'"));
        Assert.That(errors, Has.One.Contains(":9:36: profiles[0].inputs.size.format: must be one of WxH | W*H | 720p"));
        Assert.That(errors, Has.One.Contains(":10:20: profiles[0].inputs.first_frame: must be an input field name"));
        Assert.That(errors, Has.One.Contains("profiles[0].inputs.negative_prompt.text: is required"));
        Assert.That(errors, Has.One.Contains(":12:7: ").And.Contains("promt"));
    }

    [Test]
    public void A_field_mapped_twice_or_both_mapped_and_fixed_is_refused()
    {
        var errors = Errors("""
            profiles:
              - name: twice
                backends: [fal]
                seconds: [5]
                sizes: [{ size: 1280x720, usd_per_second: 0.1 }]
                inputs:
                  duration: { field: length, type: number, suffix: s }
                  aspect_ratio: prompt
                  fixed: { seed: 1, prompt: x }
            """);

        Assert.That(errors, Has.One.Contains(":7:56: profiles[0].inputs.duration.suffix: a suffix needs type: string"));
        Assert.That(Errors("""
            profiles:
              - name: twice
                seconds: [5]
                sizes: [{ size: 1280x720, usd_per_second: 0.1 }]
                inputs: { aspect_ratio: prompt }
            """), Has.One.Contains("the field 'prompt' is mapped twice"));
        Assert.That(Errors("""
            profiles:
              - name: fixed
                seconds: [5]
                sizes: [{ size: 1280x720, usd_per_second: 0.1 }]
                inputs: { seed: seed, fixed: { seed: 1 } }
            """), Has.One.Contains(":5:34: profiles[0].inputs.fixed: 'seed' is both mapped and fixed"));
    }

    [Test]
    public void An_image_model_must_map_its_image_and_a_text_only_model_must_not()
    {
        Assert.That(Errors("""
            profiles:
              - name: needs-image
                seconds: [5]
                sizes: [{ size: 1280x720, usd_per_second: 0.1 }]
                input_image: required
                inputs: { prompt: prompt }
            """), Has.One.Contains(":6:13: profiles[0].inputs: input_image is required but no first_frame field is mapped"));
        Assert.That(Errors("""
            profiles:
              - name: text-only
                seconds: [5]
                sizes: [{ size: 1280x720, usd_per_second: 0.1 }]
                input_image: false
                inputs: { first_frame: image_url }
            """), Has.One.Contains("first_frame is mapped but input_image is false"));
    }

    private static ProfileCatalog Load(string yaml)
    {
        var file = Path.Combine(Path.GetTempPath(), $"profiles-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(file, yaml);
        try
        {
            return ProfileCatalog.BuiltIn.WithFile(file);
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static List<string> Errors(string yaml)
    {
        var error = Assert.Throws<InvalidInputException>(() => Load(yaml))!;
        return error.Errors.Select(e => e.ToString()).ToList();
    }
}