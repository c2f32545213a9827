using Recreation.Core.Diagnostics;
using Recreation.Core.Profiles;

namespace Recreation.Core.Tests.Loading;

public class ProfileSpecs
{
    [Test]
    public void The_built_in_profiles_carry_the_documented_lengths_sizes_and_prices()
    {
        var catalog = ProfileCatalog.BuiltIn;
        Assert.That(catalog.Names, Is.EqualTo(new[] { "sora-2", "sora-2-pro", "sora-app-plus", "sora-app-pro" }));
        var pro = catalog.Find("sora-2-pro")!;
        Assert.That(pro.Seconds, Is.EqualTo(new[] { 4, 8, 12 }));
        Assert.That(pro.FindSize(new(1792, 1024))!.UsdPerSecond, Is.EqualTo(0.50m));
        Assert.That(pro.FindSize(new(720, 1280))!.UsdPerSecond, Is.EqualTo(0.30m));
        Assert.That(catalog.Find("sora-2")!.FindSize(new(1280, 720))!.UsdPerSecond, Is.EqualTo(0.10m));
        Assert.That(catalog.Find("sora-app-pro")!.Seconds, Is.EqualTo(new[] { 5, 10, 15, 20 }));
        Assert.That(catalog.Find("sora-app-plus")!.Seconds, Is.EqualTo(new[] { 5 }));
        Assert.That(catalog.All, Has.All.Matches<ModelProfile>(p => p.PromptLimit > 0));
    }

    [Test]
    public void A_user_profile_file_adds_models_and_replaces_by_name()
    {
        var file = Path.Combine(Path.GetTempPath(), $"profiles-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(file, """
            profiles:
              - name: veo-3
                description: Google Veo through a LiteLLM gateway
                backends: [openai]
                seconds: [8, 4, 6]
                sizes: [{ size: 1920x1080, usd_per_second: 0.4 }]
                prompt_limit: 4000
              - name: sora-2
                backends: [openai]
                seconds: [4]
                sizes: [{ size: 1280x720, usd_per_second: 0.2 }]
            """);
        try
        {
            var catalog = ProfileCatalog.BuiltIn.WithFile(file);
            Assert.That(catalog.Find("veo-3")!.Seconds, Is.EqualTo(new[] { 4, 6, 8 }));
            Assert.That(catalog.Find("sora-2")!.FindSize(new(1280, 720))!.UsdPerSecond, Is.EqualTo(0.2m));
            Assert.That(catalog.All, Has.Count.EqualTo(5));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Test]
    public void A_scene_file_may_add_a_profile_but_not_reprice_a_known_model()
    {
        // A shared scene that set sora-2 at $0/s would make the budget count nothing for real, paid seconds.
        var error = Assert.Throws<InvalidInputException>(() => Scenes.Compile("""
            version: 1
            profiles:
              - { name: sora-2, backends: [openai], seconds: [4, 8, 12], sizes: [{ size: 1280x720, usd_per_second: 0 }] }
              - { name: my-gateway-model, backends: [openai], seconds: [4], sizes: [{ size: 1280x720, usd_per_second: 0.2 }] }
            target: { backend: openai, model: sora-2, size: 1280x720 }
            scenes:
              - { id: a, duration: 4, description: A pier. }
            """));

        var errors = error!.Errors.Select(e => e.ToString()).ToList();
        Assert.That(errors, Has.Count.EqualTo(1));
        Assert.That(errors[0], Does.Contain(":3:").And.Contain("profiles[0].name").And.Contain("'sora-2' already exists").And.Contain("--profiles"));
        var added = Scenes.Compile("""
            version: 1
            profiles: [{ name: my-gateway-model, backends: [openai], seconds: [4], sizes: [{ size: 1280x720, usd_per_second: 0.2 }] }]
            target: { backend: openai, model: my-gateway-model, size: 1280x720 }
            scenes:
              - { id: a, duration: 4, description: A pier. }
            """);
        Assert.That(added.Plan.EstimatedCostUsd, Is.EqualTo(0.8m));
    }

    [Test]
    public void A_broken_profile_file_reports_its_own_positions()
    {
        var file = Path.Combine(Path.GetTempPath(), $"profiles-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(file, "profiles:\n  - name: x\n    seconds: [four]\n    sizes: [{ size: big, usd_per_second: 1 }]\n");
        try
        {
            var error = Assert.Throws<Diagnostics.InvalidInputException>(() => ProfileCatalog.BuiltIn.WithFile(file))!;
            var messages = error.Errors.Select(e => e.ToString()).ToList();
            Assert.That(messages, Has.One.Contains(":3:15: profiles[0].seconds[0]: must be a whole number, not 'four'"));
            Assert.That(messages, Has.One.Contains(":4:21: profiles[0].sizes[0].size: must be WIDTHxHEIGHT"));
        }
        finally
        {
            File.Delete(file);
        }
    }
}