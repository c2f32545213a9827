namespace Recreation.Core.Tests.Prompts;

public class PromptComposerSpecs
{
    private const string Header = """
        style: cinematic 35mm
        lighting: soft window light
        palette: ["#1a2b3c", "#4d5e6f", "#F2E8D5"]
        characters:
          mara: { description: a barista in her thirties, anchors: [navy apron, short brown hair, round glasses] }
          jon: { description: a courier, anchors: [yellow jacket] }
        """;

    private static List<string> Prompts(string body) => Scenes.One(body, Header).Plan.Clips.Select(c => c.Prompt).ToList();

    [Test]
    public void Blocks_come_in_a_fixed_order()
    {
        var prompt = Prompts("""
            duration: 4
            description: Mara opens the cafe.
            characters: [mara]
            camera: { movement: dolly in, speed: slow, framing: wide }
            lighting: golden hour
            interactions: [mara unlocks the door]
            dialogue: [{ mara: "Another day." }]
            """).Single();
        var order = new[] { "Style: cinematic 35mm.", "Mara opens the cafe.", "Characters:", "Camera: wide framing, dolly in, slow movement.", "Lighting: golden hour.", "Action:", "Dialogue:", "Palette:" };
        var positions = order.Select(block => prompt.IndexOf(block, StringComparison.Ordinal)).ToList();
        Assert.That(positions, Has.None.EqualTo(-1), prompt);
        Assert.That(positions, Is.Ordered, prompt);
        Assert.That(prompt, Does.StartWith("Style: "), "the style line comes first");
        Assert.That(prompt, Does.Contain("- mara: \"Another day.\""));
        Assert.That(prompt, Does.Not.Contain("Continuity"), "a scene in one clip needs no continuity line");
    }

    [Test]
    public void Every_clip_a_character_appears_in_carries_all_its_anchors_verbatim()
    {
        var prompts = Prompts("""
            duration: 20
            description: The morning rush.
            characters: [mara, jon]
            interactions: [mara grinds beans, jon arrives, mara hands jon a cup]
            """);
        Assert.That(prompts, Has.Count.EqualTo(3));
        const string mara = "- mara: a barista in her thirties. Always: navy apron; short brown hair; round glasses.";
        const string jon = "- jon: a courier. Always: yellow jacket.";
        Assert.That(prompts[0], Does.Contain(mara).And.Not.Contain("yellow jacket"), "clip 1 names mara only");
        Assert.That(prompts[1], Does.Contain(jon).And.Not.Contain("navy apron"), "clip 2 names jon only");
        Assert.That(prompts[2], Does.Contain(mara).And.Contain(jon), "clip 3 names both");
    }

    [Test]
    public void The_palette_hex_codes_are_in_every_clip()
    {
        var prompts = Prompts("duration: 20\ndescription: x");
        Assert.That(prompts, Has.Count.EqualTo(3));
        Assert.That(prompts, Has.All.Contains("#1a2b3c, #4d5e6f, #f2e8d5"));
    }

    [Test]
    public void Split_scenes_carry_a_continuity_line_per_shot()
    {
        var prompts = Prompts("duration: 12\ndescription: x");
        Assert.That(prompts[0], Does.EndWith("Continuity: shot 1 of 2 of scene s."));
        Assert.That(prompts[1], Does.EndWith("Continuity: shot 2 of 2 of scene s; continues directly from the previous shot."));
    }

    [Test]
    public void The_scene_lighting_overrides_the_global_one()
    {
        Assert.That(Prompts("duration: 4\ndescription: x").Single(), Does.Contain("Lighting: soft window light."));
        Assert.That(Prompts("duration: 4\ndescription: x\nlighting: neon").Single(), Does.Contain("Lighting: neon.").And.Not.Contain("window"));
    }

    [Test]
    public void A_prompt_over_the_profile_limit_is_an_error_naming_the_clip_and_the_excess()
    {
        var header = """
            profiles:
              - { name: tiny, seconds: [4, 8], sizes: [{ size: 1280x720, usd_per_second: 0 }], prompt_limit: 40 }
            target: { model: tiny }
            """;
        var error = Assert.Throws<Diagnostics.InvalidInputException>(() => Scenes.One("duration: 4\ndescription: A very long description of a very busy morning.", header))!;
        var message = error.Errors.Single().ToString();
        Assert.That(message, Does.Contain("scenes[0]: clip s-1's prompt is 47 characters, 7 over the 40-character limit of 'tiny'"));
    }
}