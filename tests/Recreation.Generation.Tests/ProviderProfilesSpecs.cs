using Recreation.Core.Diagnostics;
using Recreation.Generation.Providers;
using Recreation.Testing;

namespace Recreation.Generation.Tests;

/// <summary>The gemini and runway providers' profiles as the registry's catalog loads them, and validate's check for models that need an image for every clip.</summary>
public class ProviderProfilesSpecs
{
    private const string Gen4Turbo = """
        version: 1
        title: Turbo
        target: { backend: runway, model: gen4_turbo, size: 1280x720 }
        planning: { max_clip_seconds: 4 }
        CONTINUITY
        scenes:
          - { id: pier, duration: 8, description: An old pier at dusk. REFERENCE }
          - { id: gulls, duration: 4, description: Gulls over the water. }
        """;

    [TestCase("gemini", "veo-3.1-generate-preview", 0.40)]
    [TestCase("gemini", "veo-3.1-fast-generate-preview", 0.15)]
    [TestCase("gemini", "veo-3.1-lite-generate-preview", 0.05)]
    [TestCase("runway", "gen4_turbo", 0.05)]
    [TestCase("runway", "gen4.5", 0.12)]
    [TestCase("runway", "veo3.1", 0.40)]
    [TestCase("runway", "veo3.1_fast", 0.15)]
    public void Each_model_has_a_profile_under_the_services_own_id_with_its_price_source_and_date(string backend, string model, decimal usdPerSecond)
    {
        var profile = ProviderRegistry.BuiltIn.Catalog().Find(model);

        Assert.That(profile, Is.Not.Null);
        Assert.That(profile!.Backends, Is.EqualTo(new[] { backend }));
        Assert.That(profile.Sizes.Select(s => s.UsdPerSecond), Has.All.EqualTo(usdPerSecond));
        Assert.That(profile.PriceSource, Is.Not.Null.And.Not.Empty);
        Assert.That(profile.PriceChecked, Is.EqualTo(new DateOnly(2026, 12, 3)));
    }

    [Test]
    public void Only_gen4_turbo_requires_an_input_image()
    {
        var catalog = ProviderRegistry.BuiltIn.Catalog();

        Assert.That(catalog.Find("gen4_turbo")!.RequiresInputImage, Is.True);
        Assert.That(new[] { "gen4.5", "veo3.1", "veo-3.1-fast-generate-preview" }.Select(m => catalog.Find(m)!.RequiresInputImage), Has.All.False);
    }

    [Test]
    public void Validate_names_every_clip_without_an_image_when_the_model_needs_one_and_says_how_to_give_it_one()
    {
        using var temp = new TempDirectory("recreation-turbo");
        var error = Assert.Throws<InvalidInputException>(() => Compile(temp, continuity: "", reference: ""));

        var messages = error!.Errors.Select(e => e.ToString()).ToList();
        Assert.That(messages, Has.Count.EqualTo(2));
        Assert.That(messages[0], Does.Contain("pier-1, pier-2").And.Contain("reference_image").And.Contain("continuity.chain: last-frame"));
        Assert.That(messages[1], Does.Contain("gulls-1"));
    }

    [Test]
    public void With_a_reference_image_and_last_frame_chaining_only_scenes_without_an_image_are_named()
    {
        using var temp = new TempDirectory("recreation-turbo");
        var error = Assert.Throws<InvalidInputException>(() => Compile(temp, continuity: "continuity: { chain: last-frame }", reference: "reference_image: pier.png"));

        Assert.That(error!.Errors.Select(e => e.ToString()), Has.One.Contains("gulls-1").And.None.Contains("pier-"));
    }

    [Test]
    public void Every_clip_with_an_image_passes()
    {
        using var temp = new TempDirectory("recreation-turbo");
        var yaml = Gen4Turbo.Replace("CONTINUITY", "continuity: { chain: last-frame }", StringComparison.Ordinal)
            .Replace(". REFERENCE", "., reference_image: pier.png", StringComparison.Ordinal)
            .Replace("description: Gulls over the water. }", "description: Gulls over the water., reference_image: pier.png }", StringComparison.Ordinal);
        File.WriteAllBytes(temp.File("pier.png"), Testing.FakeVideosApi.FakeImages.Png(1280, 720));
        var path = temp.File("scene.yaml");
        File.WriteAllText(path, yaml);

        Assert.DoesNotThrow(() => ProviderRegistry.BuiltIn.Compile(path));
    }

    private static void Compile(TempDirectory temp, string continuity, string reference)
    {
        File.WriteAllBytes(temp.File("pier.png"), Testing.FakeVideosApi.FakeImages.Png(1280, 720));
        var path = temp.File("scene.yaml");
        File.WriteAllText(path, Gen4Turbo.Replace("CONTINUITY", continuity, StringComparison.Ordinal).Replace("REFERENCE", reference.Length == 0 ? "" : ", " + reference, StringComparison.Ordinal).Replace(". , ", "., ", StringComparison.Ordinal));
        ProviderRegistry.BuiltIn.Compile(path);
    }
}