using Recreation.Core.Diagnostics;

namespace Recreation.Core.Tests.Planning;

public class LintSpecs
{
    private static List<string> Warnings(string body, string header = "") =>
        Scenes.One(body, header).Warnings.Select(w => w.ToString()).ToList();

    [Test]
    public void A_clean_scene_has_no_warnings() =>
        Assert.That(Warnings("duration: 4\ndescription: A quiet street."), Is.Empty);

    [Test]
    public void Two_named_characters_in_one_clip_warn_of_identity_drift()
    {
        var warnings = Warnings("duration: 4\ndescription: x\ncharacters: [ann, bob]\ninteractions: [ann greets bob]", "characters: { ann: a pilot, bob: a mechanic }");
        Assert.That(warnings.Single(), Does.Contain("scenes[0]: warning:").Or.Contain("warning: scenes[0]:"));
        Assert.That(warnings.Single(), Does.Contain("clip s-1 names 2 characters (ann, bob): identity drift risk"));
    }

    [Test]
    public void A_long_scene_with_a_costume_change_warns()
    {
        Assert.That(Warnings("duration: 12\ndescription: She changes into a red dress."), Has.One.Contains("costume change"));
        Assert.That(Warnings("duration: 8\ndescription: She changes into a red dress."), Is.Empty, "8 s is not longer than 8 s");
        Assert.That(Warnings("duration: 12\ndescription: x\ninteractions: [she picks an outfit]"), Has.One.Contains("costume change"));
    }

    [Test]
    public void Cameo_mentions_warn_that_the_feature_is_gone() =>
        Assert.That(Warnings("duration: 4\ndescription: \"cameo: @sam walks in\""), Has.One.Contains("cameo feature is gone"));

    [Test]
    public void Denied_words_warn_where_they_appear()
    {
        var warnings = Warnings("duration: 4\ndescription: x\ninteractions: [he drinks a Cola Max]", "lint: { deny: [cola max] }");
        Assert.That(warnings.Single(), Does.Contain("scenes[0].interactions[0]: mentions 'cola max'"));
    }

    [Test]
    public void A_reference_image_on_a_profile_without_image_input_warns()
    {
        var folder = Path.Combine(Path.GetTempPath(), "recreation-lint-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            File.WriteAllBytes(Path.Combine(folder, "ref.png"), [1]);
            var compiled = SceneCompiler.CompileText("""
                version: 1
                profiles: [{ name: blind, seconds: [4], sizes: [{ size: 1280x720, usd_per_second: 0 }], input_image: false }]
                target: { model: blind }
                scenes: [{ id: s, duration: 4, description: x, reference_image: ref.png }]
                """, Path.Combine(folder, "scene.yaml"));
            Assert.That(compiled.Warnings.Single().Severity, Is.EqualTo(Severity.Warning));
            Assert.That(compiled.Warnings.Single().ToString(), Does.Contain("does not accept input images"));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}