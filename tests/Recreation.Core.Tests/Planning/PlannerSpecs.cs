using Recreation.Core.Planning;

namespace Recreation.Core.Tests.Planning;

/// <summary>The planner's split of a scene into clips: lengths, people, characters, dialogue, shares and chaining (physics caps: <see cref="PlannerPhysicsSpecs"/>).</summary>
public class PlannerSpecs
{
    internal static ScenePlan PlanOf(string body, string header = "") => Scenes.One(body, header).Plan.Scenes[0];

    internal static int[] Lengths(ScenePlan plan) => plan.Clips.Select(c => c.Seconds).ToArray();

    internal static long[] Shares(ScenePlan plan) => plan.Clips.Select(c => c.ShareMs).ToArray();

    [Test]
    public void The_design_example_splits_ten_seconds_and_five_interactions_into_8_and_4()
    {
        var plan = PlanOf("""
            duration: 10
            description: A quiet cafe.
            people: 1
            interactions: [one, two, three, four, five]
            """);

        Assert.That(Lengths(plan), Is.EqualTo(new[] { 8, 4 }));
        Assert.That(Shares(plan), Is.EqualTo(new long[] { 6667, 3333 }));
        Assert.That(plan.Clips.Select(c => c.Interactions.Count), Is.EqualTo(new[] { 3, 2 }));
        Assert.That(plan.Clips.Select(c => c.Id), Is.EqualTo(new[] { "s-1", "s-2" }));
    }

    [Test]
    public void A_short_simple_scene_is_one_clip_of_the_shortest_length_that_covers_it()
    {
        var plan = PlanOf("duration: 3\ndescription: A door.");
        Assert.That(Lengths(plan), Is.EqualTo(new[] { 4 }));
        Assert.That(Shares(plan), Is.EqualTo(new long[] { 3000 }));
        Assert.That(plan.Splits, Is.Empty);
    }

    [Test]
    public void A_one_second_scene_still_gets_one_clip_of_an_allowed_length()
    {
        var plan = PlanOf("duration: 1\ndescription: A flash.");
        Assert.That(Lengths(plan), Is.EqualTo(new[] { 4 }));
        Assert.That(Shares(plan), Is.EqualTo(new long[] { 1000 }));
    }

    [Test]
    public void A_scene_exactly_at_the_clip_limit_is_not_split()
    {
        var plan = PlanOf("duration: 8\ndescription: A road.");
        Assert.That(Lengths(plan), Is.EqualTo(new[] { 8 }));
    }

    [Test]
    public void A_scene_longer_than_the_clip_limit_is_split_at_least_cost()
    {
        // 20 s over clips of at most 8 s: 3 clips; 8+8+4 = 20 covers exactly and costs least.
        var plan = PlanOf("duration: 20\ndescription: A long road.");
        Assert.That(Lengths(plan), Is.EqualTo(new[] { 8, 8, 4 }));
        Assert.That(Shares(plan), Is.EqualTo(new long[] { 8000, 8000, 4000 }));
        Assert.That(plan.Splits.Single().Rule, Is.EqualTo("max_clip_seconds"));
    }

    [Test]
    public void Equal_cost_lengths_are_chosen_most_even_and_longest_first()
    {
        // 16 s needs 2 clips; 8+8 and 12+4 both cost 16 s, but a 12 s clip covers only 8 s,
        // so only 8+8 covers. With 3 interactions × 3 = 9 → 3 clips for 12 s: 4+4+4 (12) is the
        // cheapest cover, beating 8+4+... combinations.
        var two = PlanOf("duration: 16\ndescription: x");
        Assert.That(Lengths(two), Is.EqualTo(new[] { 8, 8 }));

        var three = PlanOf("duration: 12\ndescription: x\ninteractions: [a, b, c, d, e, f, g]");
        Assert.That(Lengths(three), Is.EqualTo(new[] { 4, 4, 4 }));
    }

    [Test]
    public void A_tie_in_total_is_broken_towards_the_most_even_lengths()
    {
        // Allowed 2, 4, 6 with a 6 s limit; 3 clips for 10 s (people rule): totals of 10 come from
        // 6+2+2 (squares 44) and 4+4+2 (36): the more even one wins, longest first.
        var header = """
            profiles:
              - name: evens
                seconds: [2, 4, 6]
                sizes: [{ size: 1280x720, usd_per_second: 0.1 }]
            target: { model: evens }
            planning: { max_clip_seconds: 6, max_people_per_clip: 2 }
            """;
        var plan = PlanOf("duration: 10\ndescription: x\npeople: 5", header);
        Assert.That(Lengths(plan), Is.EqualTo(new[] { 4, 4, 2 }));
    }

    [Test]
    public void More_interactions_than_the_limit_split_a_short_scene()
    {
        var plan = PlanOf("duration: 6\ndescription: x\ninteractions: [a, b, c, d, e, f, g]");
        Assert.That(plan.Clips, Has.Count.EqualTo(3));
        Assert.That(plan.Clips.Select(c => c.Interactions.Count), Is.EqualTo(new[] { 3, 2, 2 }));
        Assert.That(plan.Clips[0].Interactions, Is.EqualTo(new[] { "a", "b", "c" }));
        Assert.That(plan.Clips[2].Interactions, Is.EqualTo(new[] { "f", "g" }));
        Assert.That(Lengths(plan), Is.EqualTo(new[] { 4, 4, 4 }));
        Assert.That(Shares(plan), Is.EqualTo(new long[] { 2000, 2000, 2000 }));
        Assert.That(plan.Splits.Single().Rule, Is.EqualTo("max_interactions_per_clip"));
    }

    [Test]
    public void A_scene_needing_more_clips_for_people_than_for_duration_is_split_by_people()
    {
        var plan = PlanOf("duration: 6\ndescription: A crowded square.\npeople: 12");
        Assert.That(plan.Clips, Has.Count.EqualTo(3));
        Assert.That(plan.Clips.Select(c => c.People), Is.EqualTo(new[] { 4, 4, 4 }));
        Assert.That(plan.Splits.Select(s => s.Rule), Is.EqualTo(new[] { "max_people_per_clip" }));
        Assert.That(Shares(plan).Sum(), Is.EqualTo(6000));
    }

    [Test]
    public void People_are_spread_with_the_extra_ones_in_earlier_clips()
    {
        var plan = PlanOf("duration: 4\ndescription: x\npeople: 11");
        Assert.That(plan.Clips.Select(c => c.People), Is.EqualTo(new[] { 4, 4, 3 }));
    }

    [Test]
    public void A_clip_never_has_fewer_people_than_its_characters()
    {
        var header = "characters:\n  ann: a pilot\n  bob: a mechanic";
        var plan = PlanOf("""
            duration: 12
            description: x
            characters: [ann, bob]
            people: 2
            interactions: [ann checks the wing, bob hands ann a wrench, ann smiles, bob nods]
            """, header);
        Assert.That(plan.Clips, Has.Count.EqualTo(2));
        Assert.That(plan.Clips[0].Characters, Is.EqualTo(new[] { "ann", "bob" }));
        Assert.That(plan.Clips[0].People, Is.EqualTo(2), "even share is 1, but two characters are named");
        Assert.That(plan.Clips[1].Characters, Is.EqualTo(new[] { "ann", "bob" }));
    }

    [Test]
    public void A_clip_naming_nobody_takes_all_the_scene_characters()
    {
        var header = "characters:\n  ann: a pilot\n  bob: a mechanic";
        var plan = PlanOf("""
            duration: 10
            description: x
            characters: [ann, bob]
            interactions: [ann checks the wing, the plane taxis]
            """, header);
        Assert.That(plan.Clips[0].Characters, Is.EqualTo(new[] { "ann" }));
        Assert.That(plan.Clips[1].Characters, Is.EqualTo(new[] { "ann", "bob" }));
    }

    [Test]
    public void Character_ids_are_matched_as_whole_words_case_insensitively_and_speakers_count()
    {
        var header = "characters:\n  ann: a pilot\n  bob: a mechanic";
        var plan = PlanOf("""
            duration: 4
            description: x
            characters: [ann, bob]
            interactions: [Annabel waves to the BOB-cat crew]
            dialogue: [{ ann: "Ready?" }]
            """, header);
        Assert.That(plan.Clips[0].Characters, Is.EqualTo(new[] { "ann", "bob" }));
    }

    [Test]
    public void Dialogue_is_dealt_in_contiguous_blocks_earlier_clips_taking_the_extra_line()
    {
        var header = "characters:\n  ann: a pilot";
        var plan = PlanOf("""
            duration: 20
            description: x
            characters: [ann]
            dialogue: [{ ann: one }, { ann: two }, { ann: three }, { ann: four }]
            """, header);
        Assert.That(plan.Clips.Select(c => c.Dialogue.Count), Is.EqualTo(new[] { 2, 1, 1 }));
        Assert.That(plan.Clips[0].Dialogue.Select(d => d.Text), Is.EqualTo(new[] { "one", "two" }));
    }

    [Test]
    public void A_profile_with_5_10_15_20_second_clips_plans_with_those_lengths()
    {
        var header = "target: { backend: manual, model: sora-app-pro }\nplanning: { max_clip_seconds: 20 }";
        Assert.That(Lengths(PlanOf("duration: 12\ndescription: x", header)), Is.EqualTo(new[] { 15 }));
        Assert.That(Lengths(PlanOf("duration: 30\ndescription: x", header)), Is.EqualTo(new[] { 15, 15 }), "20+10 costs the same; 15+15 is more even");

        // Under the default 8 s limit, 8 s is not allowed: 10 s clips are trimmed to their 8 s usable part.
        var limited = PlanOf("duration: 12\ndescription: x", "target: { backend: manual, model: sora-app-pro }");
        Assert.That(Lengths(limited), Is.EqualTo(new[] { 10, 5 }));
        Assert.That(Shares(limited), Is.EqualTo(new long[] { 7385, 4615 }));
    }

    [Test]
    public void Shares_are_rounded_to_milliseconds_and_sum_exactly_to_the_scene()
    {
        var plan = PlanOf("duration: 10.001\ndescription: x\ninteractions: [a, b, c, d, e, f, g, h, i, j]");
        Assert.That(plan.Clips, Has.Count.EqualTo(4));
        Assert.That(Shares(plan).Sum(), Is.EqualTo(10001));
        Assert.That(Shares(plan), Is.EqualTo(new long[] { 2500, 2500, 2500, 2501 }));
    }

    [Test]
    public void Clip_starts_run_on_across_scenes()
    {
        var compiled = Scenes.Compile("""
            version: 1
            scenes:
              - { id: a, duration: 10, description: x }
              - { id: b, duration: 3, description: y }
            """);
        var starts = compiled.Plan.Clips.Select(c => c.StartMs);
        Assert.That(starts, Is.EqualTo(new long[] { 0, 6667, 10000 }));
        Assert.That(compiled.Plan.TotalGeneratedSeconds, Is.EqualTo(8 + 4 + 4));
        Assert.That(compiled.Plan.EstimatedCostUsd, Is.EqualTo(1.6m));
    }

    [Test]
    public void The_reference_image_goes_to_the_first_clip_and_last_frame_chaining_links_the_rest()
    {
        var folder = Path.Combine(Path.GetTempPath(), "recreation-specs-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            File.WriteAllBytes(Path.Combine(folder, "door.png"), [0x89, 0x50, 0x4E, 0x47]);
            var compiled = SceneCompiler.CompileText("""
                version: 1
                continuity: { chain: last-frame }
                scenes:
                  - { id: a, duration: 20, description: x, reference_image: door.png }
                """, Path.Combine(folder, "scene.yaml"));
            var clips = compiled.Plan.Clips.ToList();
            Assert.That(clips.Select(c => c.InputImage is null ? null : Path.GetFileName(c.InputImage)), Is.EqualTo(new[] { "door.png", null, null }));
            Assert.That(clips.Select(c => c.InputFromClip), Is.EqualTo(new[] { null, "a-1", "a-2" }));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Test]
    public void The_same_file_plans_to_an_equal_plan()
    {
        const string yaml = "version: 1\nscenes:\n  - { id: a, duration: 17.5, description: Rain falls., interactions: [a, b, c, d] }";
        Assert.That(Scenes.Compile(yaml).Plan, Is.EqualTo(Scenes.Compile(yaml).Plan));
    }
}