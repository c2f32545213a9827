using Recreation.Core.Planning;

using static Recreation.Core.Tests.Planning.PlannerSpecs;

namespace Recreation.Core.Tests.Planning;

/// <summary>Physics-heavy action in the planner: the words (and explicit kinds) that cap a clip's length, how they match, and a cap below the shortest allowed length.</summary>
public class PlannerPhysicsSpecs
{
    [Test]
    public void A_physics_word_caps_clips_at_four_seconds_and_the_plan_says_which_word()
    {
        var plan = PlanOf("duration: 8\ndescription: A barista pours milk into a cup.");
        Assert.That(plan.Triggers, Is.EqualTo(new[] { "fluid" }));
        Assert.That(plan.TriggerWords.Single(), Is.EqualTo(new TriggerWord("fluid", "pours", "description")));
        Assert.That(plan.MaxClipMs, Is.EqualTo(4000));
        Assert.That(Lengths(plan), Is.EqualTo(new[] { 4, 4 }));
        Assert.That(plan.Splits.Single().Detail, Does.Contain("physics cap: fluid"));
    }

    [Test]
    public void Physics_words_match_whole_words_only_and_ignore_case()
    {
        Assert.That(PlanOf("duration: 8\ndescription: A WATERfall of paperwork, a ballroom and a waterproof coat.").Triggers, Is.Empty);
        Assert.That(PlanOf("duration: 8\ndescription: Heavy RAIN on the roof.").Triggers, Is.EqualTo(new[] { "fluid" }));
    }

    [Test]
    public void Words_in_interactions_trigger_and_each_kind_is_listed_once_in_canonical_order()
    {
        var plan = PlanOf("""
            duration: 4
            description: A match.
            interactions: [she kicks the ball, the glass shatters, he kicks again]
            """);
        Assert.That(plan.Triggers, Is.EqualTo(new[] { "collision", "ball_sport" }));
        Assert.That(plan.TriggerWords.Select(w => (w.Word, w.Source)), Is.EqualTo(new[]
        {
            ("kicks", "interactions[0]"), ("ball", "interactions[0]"), ("shatters", "interactions[1]"),
        }));
    }

    [Test]
    public void An_explicit_physics_kind_caps_the_clip_length()
    {
        var plan = PlanOf("duration: 8\ndescription: x\nphysics: [collision]");
        Assert.That(plan.Triggers, Is.EqualTo(new[] { "collision" }));
        Assert.That(Lengths(plan), Is.EqualTo(new[] { 4, 4 }));
    }

    [Test]
    public void A_fast_camera_triggers_rapid_camera_only_when_there_is_action()
    {
        Assert.That(PlanOf("duration: 8\ndescription: x\ncamera: { speed: fast }").Triggers, Is.Empty);
        var plan = PlanOf("duration: 8\ndescription: x\ncamera: { speed: fast }\ninteractions: [she runs]");
        Assert.That(plan.Triggers, Is.EqualTo(new[] { "rapid_camera" }));
        Assert.That(Lengths(plan), Is.EqualTo(new[] { 4, 4 }));
    }

    [Test]
    public void Physics_word_lists_can_be_overridden_per_kind()
    {
        var header = "planning:\n  physics_words: { fluid: [syrup] }";
        Assert.That(PlanOf("duration: 4\ndescription: Water drips.", header).Triggers, Is.Empty);
        Assert.That(PlanOf("duration: 4\ndescription: Syrup drips.", header).Triggers, Is.EqualTo(new[] { "fluid" }));
        Assert.That(PlanOf("duration: 4\ndescription: A crash.", header).Triggers, Is.EqualTo(new[] { "collision" }), "other kinds keep their defaults");
    }

    [Test]
    public void A_physics_cap_below_the_shortest_allowed_length_uses_the_shortest_and_trims()
    {
        var header = "target: { backend: manual, model: sora-app-pro }";
        var plan = PlanOf("duration: 7\ndescription: Waves crash on rocks.", header);
        Assert.That(plan.MaxClipMs, Is.EqualTo(4000));
        Assert.That(Lengths(plan), Is.EqualTo(new[] { 5, 5 }));
        Assert.That(Shares(plan), Is.EqualTo(new long[] { 3500, 3500 }));
    }
}